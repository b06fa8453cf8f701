// The first claim of docs/encoding.md (section 1.1). The doc shows this file without this comment
// and with its imports from the package ('scalecheck'); proofs-tests/docs/encoding.test.ts checks
// that the two agree line for line, and runs the claim.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { defineClaim } from '../../src/core/define.js';
import { sym } from '../../src/symbolic/symbolic.js';

/** Entries k / 10 for integers k in [-99, 99]: exact decimals, any sign. */
const entries = (n: number) => fc.array(fc.integer({ min: -99, max: 99 }), { minLength: n, maxLength: n });
const tenths = (ks: number[]): Decimal[] => ks.map((k) => new Decimal(k).div(10));

export const gram = defineClaim({
  id: 'doc.gram',
  group: 'doc',
  kind: 'identity',
  source: 'linear algebra',
  statement: String.raw`\operatorname{tr}(JJ^\top) = \|J\|_F^2,\qquad e^\top JJ^\top e = \|J^\top e\|^2`,
  // a 2 x 3 matrix J and a vector e of length 2, drawn
  domain: fc.record({ J: fc.array(entries(3), { minLength: 2, maxLength: 2 }), e: entries(2) }),
  encoding: {
    defs: [
      ['M', 'J * transpose(J)'],
      ['g', 'transpose(J) * e'],
    ],
    equations: [
      // sum(diag(M)), not trace(M): the symbolic route knows diag and sum, not trace (section 2)
      { name: 'trace', lhs: 'sum(diag(M))', rhs: 'frobenius2' },
      { name: 'form', lhs: 'transpose(e) * M * e', rhs: 'transpose(g) * g' },
    ],
  },
  // the inputs, and the truth by another route: the sum of squares, computed here
  instance({ J, e }) {
    const rows = J.map(tenths);
    const frobenius2 = rows.flat().reduce((s, x) => s.plus(x.times(x)), new Decimal(0));
    // e as a 2 x 1 column: transpose of a 1-D vector is refused (section 3.1)
    return { scope: { J: rows, e: tenths(e).map((x) => [x]), frobenius2 } };
  },
  // every input bound to symbols (frobenius2 too, by its definition): both equations must reduce to 0
  symbolic: {
    scopes: () => {
      const J = sym.matrix('j', 2, 3);
      return [{ J, e: sym.matrix('e', 2, 1), frobenius2: J.flat().map((x) => `${x}^2`).join(' + ') }];
    },
  },
  variants: [
    { name: 'trace of J^T J counted twice', equations: { trace: { rhs: '2 * frobenius2' } } },
    { name: 'form without J^T: |e|^2 |J|^2', equations: { form: { rhs: 'transpose(e) * e * frobenius2' } } },
  ],
});
