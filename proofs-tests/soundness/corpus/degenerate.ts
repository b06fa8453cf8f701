/**
 * Class 4: a case whose residual scale is exactly zero (both sides exactly 0: an underflowing
 * fixed-point kernel, a vanishing factor, an empty vector) decides nothing: degenerate, and a
 * claim whose cases are all degenerate is inconclusive, never verified. Where a statement is
 * "true" only through the vanishing, the intended statement (named in the probe) is the one
 * tagged.
 */
import fc from 'fast-check';
import { Fixed } from '../../../src/numeric/fixed.js';
import { entry, ratio, selfScope, type CorpusEntry } from './helpers.js';
import type { Decimal } from 'decimal.js';

const fixedAt = new Map<number, Fixed>();
const fixed = (digits: number): Fixed => {
  let f = fixedAt.get(digits);
  if (!f) fixedAt.set(digits, (f = new Fixed(digits)));
  return f;
};

/** e^(-x) and its central difference (step 2^-8) in the fixed-point kernel at `digits` digits */
export function fixedExpAndSlope(x: number, D: typeof Decimal, digits: number): { f: Decimal; df: Decimal } {
  const fx = fixed(digits);
  const e = (t: bigint): bigint => fx.exp(-t);
  const X = fx.fromNumber(x);
  const h = fx.pow2(-8);
  const df = fx.div(e(X + h) - e(X - h), 2n * h);
  return { f: new D(fx.toDecimal(e(X)).toString()), df: new D(fx.toDecimal(df).toString()) };
}

const rational = fc.record({ p: fc.integer({ min: -99, max: 99 }).filter((v) => v !== 0), q: fc.integer({ min: 2, max: 13 }) });

export const degenerateClaims: CorpusEntry[] = [
  entry(false, 4, 'd/dx e^(-x) = -2 e^(-x) (factor 2 wrong) where the fixed-point e^(-x) underflows to 0 at both precisions (x in [250, 400])', {
    id: 'corpus.zero.fixed-exp-factor2',
    statement: String.raw`\frac{d}{dx} e^{-x} = -2 e^{-x}`,
    domain: fc.integer({ min: 250, max: 400 }),
    equations: [{ name: 'slope', lhs: 'df', rhs: '-2 * f' }],
    scope: (x, D, digits) => fixedExpAndSlope(x, D, digits),
  }, { expect: ['inconclusive'] }),
  entry(true, 4, 'd/dx e^(-x) = -e^(-x) where the fixed-point e^(-x) underflows (0 = 0: decides nothing)', {
    id: 'corpus.zero.fixed-exp-true',
    statement: String.raw`\frac{d}{dx} e^{-x} = -e^{-x}`,
    domain: fc.integer({ min: 250, max: 400 }),
    equations: [{ name: 'slope', lhs: 'df', rhs: '-f' }],
    scope: (x, D, digits) => fixedExpAndSlope(x, D, digits),
  }, { expect: ['inconclusive'] }),
  entry(false, 4, 'd/dx e^(-x) = -2 e^(-x) where e^(-x) underflows at D digits only (x in [150, 200]): the 2D level sees the factor 2', {
    id: 'corpus.zero.fixed-exp-factor2-half',
    statement: String.raw`\frac{d}{dx} e^{-x} = -2 e^{-x}`,
    domain: fc.integer({ min: 150, max: 200 }),
    equations: [{ name: 'slope', lhs: 'df', rhs: '-2 * f' }],
    scope: (x, D, digits) => fixedExpAndSlope(x, D, digits),
  }),
  entry(false, 4, 'd/dx e^(-x) = -2 e^(-x) for x in [1, 400]: the cases below the underflow refute it, the 0 = 0 ones must not hide them (control)', {
    id: 'corpus.zero.fixed-exp-factor2-mixed',
    statement: String.raw`\frac{d}{dx} e^{-x} = -2 e^{-x}`,
    domain: fc.integer({ min: 1, max: 400 }),
    equations: [{ name: 'slope', lhs: 'df', rhs: '-2 * f' }],
    scope: (x, D, digits) => fixedExpAndSlope(x, D, digits),
  }, { expect: ['refuted'] }),
  entry(false, 4, '1 - tanh(x) = e^(-2x) (factor 2 wrong) with the fixed-point tanh saturated at 1 and e^(-2x) underflowed', {
    id: 'corpus.zero.fixed-tanh-saturated',
    statement: String.raw`1 - \tanh x = e^{-2x}`,
    domain: fc.integer({ min: 150, max: 300 }),
    equations: [{ name: 'tail', lhs: '1 - t', rhs: 'e2' }],
    scope: (x, D, digits) => {
      const fx = fixed(digits);
      const X = fx.fromNumber(x);
      return { t: new D(fx.toDecimal(fx.tanh(X)).toString()), e2: new D(fx.toDecimal(fx.exp(-2n * X)).toString()) };
    },
  }, { expect: ['inconclusive'] }),
  entry(false, 4, '0 c = 0 (c + 1): c = c + 1 read through a vanishing factor', {
    id: 'corpus.zero.zero-factor',
    statement: String.raw`0 \cdot c = 0 \cdot (c + 1)`,
    domain: rational,
    equations: [{ name: 'q', lhs: '0 * c', rhs: '0 * (c + 1)' }],
    scope: ({ p, q }, D) => ({ c: ratio(D, p, q) }),
  }, { expect: ['inconclusive'] }),
  entry(false, 4, 'w c = w (c + 1) with the drawn weight w exactly 0', {
    id: 'corpus.zero.zero-weight',
    statement: String.raw`w c = w (c + 1)`,
    domain: rational,
    equations: [{ name: 'q', lhs: 'w * c', rhs: 'w * (c + 1)' }],
    scope: ({ p, q }, D) => ({ c: ratio(D, p, q), w: new D(0) }),
  }, { expect: ['inconclusive'] }),
  entry(false, 4, 'v = 2 v on an empty vector', {
    id: 'corpus.zero.empty-vector',
    statement: String.raw`v = 2v`,
    domain: fc.integer({ min: 0, max: 9 }),
    equations: [{ name: 'q', lhs: 'v', rhs: '2 * v' }],
    scope: () => ({ v: [] as Decimal[] }),
  }, { expect: ['inconclusive'] }),
  entry(false, 4, 'A^2 = 2 A^2 for a nilpotent A (both sides the zero matrix)', {
    id: 'corpus.zero.nilpotent',
    statement: String.raw`A^2 = 2A^2`,
    domain: rational,
    equations: [{ name: 'q', lhs: 'A * A', rhs: '2 * A * A' }],
    scope: ({ p, q }, D) => ({ A: [[new D(0), ratio(D, p, q)], [new D(0), new D(0)]] }),
  }, { expect: ['inconclusive'] }),
  entry(true, 4, 'x - x = 0 with no scale: both sides exactly 0, the scale is 0 (decides nothing)', {
    id: 'corpus.zero.self-difference',
    statement: String.raw`x - x = 0`,
    domain: rational,
    equations: [{ name: 'q', lhs: 'x - x', rhs: '0' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
  }, { expect: ['inconclusive'] }),
  entry(true, 4, '(x - x)^2 = 0 with scale 1: a nonzero scale decides (control)', {
    id: 'corpus.zero.unit-scale',
    statement: String.raw`(x - x)^2 = 0`,
    domain: rational,
    equations: [{ name: 'q', lhs: '(x - x)^2', rhs: '0', scale: '1' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
    symbolic: { scopes: selfScope('x') },
  }, { expect: ['proved'] }),
];
