/**
 * Class 7: correct identities whose evaluation loses every digit at both working precisions
 * (an intermediate that vanishes in a cancellation, a fixed-point kernel that underflows where
 * the formula does not): the residual stays put at about 1, but nothing is refuted. Degenerate
 * or inconclusive is right; refuted (or a conflict with a symbolic proof) is a false refutation.
 */
import fc from 'fast-check';
import { Fixed } from '../../../src/numeric/fixed.js';
import { entry, pow10, ratio, selfScope, type CorpusEntry } from './helpers.js';

const fixedAt = new Map<number, Fixed>();
const fixed = (digits: number): Fixed => {
  let f = fixedAt.get(digits);
  if (!f) fixedAt.set(digits, (f = new Fixed(digits)));
  return f;
};

export const precisionClaims: CorpusEntry[] = [
  entry(true, 7, '((1 + x) - 1)/x = 1 with x = 1e-92 .. 1e-110: 1 + x rounds to 1 at both precisions (the issue\'s reproduction)', {
    id: 'corpus.prec.one-plus-tiny',
    statement: String.raw`\frac{(1 + x) - 1}{x} = 1`,
    domain: fc.integer({ min: 92, max: 110 }),
    equations: [{ name: 'q', lhs: '((1 + x) - 1) / x', rhs: '1' }],
    scope: (k, D) => ({ x: pow10(D, -k) }),
  }),
  entry(true, 7, '((1 + x) - 1)/x = 1 with x = 1e-20 .. 1e-40: exact at both precisions (control)', {
    id: 'corpus.prec.one-plus-small',
    statement: String.raw`\frac{(1 + x) - 1}{x} = 1`,
    domain: fc.integer({ min: 20, max: 40 }),
    equations: [{ name: 'q', lhs: '((1 + x) - 1) / x', rhs: '1' }],
    scope: (k, D) => ({ x: pow10(D, -k) }),
  }, { expect: ['verified'] }),
  entry(true, 7, 'the fixed-point e^(-x) = exp(-x) for x in [250, 400]: the kernel underflows to 0, the formula does not', {
    id: 'corpus.prec.fixed-exp-underflow',
    statement: String.raw`\operatorname{fixexp}(-x) = e^{-x}`,
    domain: fc.integer({ min: 250, max: 400 }),
    equations: [{ name: 'q', lhs: 'f', rhs: 'exp(-x)' }],
    scope: (x, D, digits) => {
      const fx = fixed(digits);
      return { f: new D(fx.toDecimal(fx.exp(-fx.fromNumber(x))).toString()), x: new D(x) };
    },
  }),
  entry(true, 7, 'sqrt(x^2 + 1) - x = 1/(sqrt(x^2 + 1) + x) for x = 1e46 .. 1e60: the left side cancels to 0 at both precisions', {
    id: 'corpus.prec.sqrt-cancel',
    statement: String.raw`\sqrt{x^2 + 1} - x = \frac{1}{\sqrt{x^2 + 1} + x}`,
    domain: fc.integer({ min: 46, max: 60 }),
    equations: [{ name: 'q', lhs: 'sqrt(x^2 + 1) - x', rhs: '1 / (sqrt(x^2 + 1) + x)' }],
    scope: (k, D) => ({ x: pow10(D, k) }),
  }),
  entry(true, 7, 'log(1 + x) = x - x^2/2 + x^3/3 - ... for x = 1e-95 .. 1e-110: 1 + x rounds to 1', {
    id: 'corpus.prec.log1p',
    statement: String.raw`\ln(1 + x) = \sum_k (-1)^{k+1} x^k / k`,
    domain: fc.integer({ min: 95, max: 110 }),
    equations: [{ name: 'q', lhs: 'log(1 + x)', rhs: 'l' }],
    // the independent route: the series x - x^2/2 + x^3/3 (the rest is below 1e-380 relative)
    scope: (k, D) => {
      const x = pow10(D, -k);
      return { x, l: x.minus(x.pow(2).div(2)).plus(x.pow(3).div(3)) };
    },
  }),
  entry(true, 7, '1 - cos(x) = 2 sin(x/2)^2 for x = 1e-50 .. 1e-60: cos(x) rounds to 1', {
    id: 'corpus.prec.one-minus-cos',
    statement: String.raw`1 - \cos x = 2\sin^2(x/2)`,
    domain: fc.integer({ min: 50, max: 60 }),
    equations: [{ name: 'q', lhs: '1 - cos(x)', rhs: '2 * sin(x / 2)^2' }],
    scope: (k, D) => ({ x: pow10(D, -k) }),
  }),
  entry(true, 7, 'sum([a, b, -a]) = b with a = 1e95 .. 1e120: b is absorbed at both precisions', {
    id: 'corpus.prec.absorbed-sum',
    statement: String.raw`a + b - a = b`,
    domain: fc.record({ k: fc.integer({ min: 95, max: 120 }), b: fc.integer({ min: 1, max: 9 }) }),
    equations: [{ name: 'q', lhs: 'sum([a, b, -a])', rhs: 'b' }],
    scope: ({ k, b }, D) => ({ a: pow10(D, k), b: new D(b) }),
  }),
  entry(true, 7, '(x + 1)^2 - x^2 = 2x + 1 with x = 1e100 .. 1e120, proved symbolically: a conflict would blame the wrong route', {
    id: 'corpus.prec.square-difference-proved',
    statement: String.raw`(x + 1)^2 - x^2 = 2x + 1`,
    domain: fc.integer({ min: 100, max: 120 }),
    equations: [{ name: 'q', lhs: '(x + 1)^2 - x^2', rhs: '2 * x + 1' }],
    scope: (k, D) => ({ x: pow10(D, k) }),
    symbolic: { scopes: selfScope('x') },
  }),
  entry(true, 7, 'det(A) = 0 for a singular A = [[p, q], [p r, q r]] with r = sqrt(m), no scale: the left side is pure rounding', {
    id: 'corpus.prec.det-singular-noscale',
    statement: String.raw`\det\begin{pmatrix} p & q \\ pr & qr \end{pmatrix} = 0`,
    domain: fc.record({ p: fc.integer({ min: 1, max: 99 }), q: fc.integer({ min: 1, max: 99 }), m: fc.constantFrom(2, 3, 5, 6, 7) }),
    equations: [{ name: 'q', lhs: 'det(A)', rhs: '0' }],
    scope: ({ p, q, m }, D) => {
      const r = new D(m).sqrt();
      return { A: [[new D(p), new D(q)], [new D(p).times(r), new D(q).times(r)]] };
    },
  }),
  entry(true, 7, 'det(A) = 0 for the same singular A, scale |A|_F^2 (control)', {
    id: 'corpus.prec.det-singular-scaled',
    statement: String.raw`\det\begin{pmatrix} p & q \\ pr & qr \end{pmatrix} = 0`,
    domain: fc.record({ p: fc.integer({ min: 1, max: 99 }), q: fc.integer({ min: 1, max: 99 }), m: fc.constantFrom(2, 3, 5, 6, 7) }),
    equations: [{ name: 'q', lhs: 'det(A)', rhs: '0', scale: 'norm(A, "fro")^2' }],
    scope: ({ p, q, m }, D) => {
      const r = new D(m).sqrt();
      return { A: [[new D(p), new D(q)], [new D(p).times(r), new D(q).times(r)]] };
    },
  }, { expect: ['verified'] }),
  entry(true, 7, '(x - y)/(x^2 - y^2) = 1/(x + y) with x = y (1 + 1e-60 .. 1e-80): the difference keeps few digits at D, all at 2D', {
    id: 'corpus.prec.near-cancel',
    statement: String.raw`\frac{x - y}{x^2 - y^2} = \frac{1}{x + y}`,
    domain: fc.record({ p: fc.integer({ min: 1, max: 99 }), q: fc.integer({ min: 3, max: 13 }), k: fc.integer({ min: 60, max: 80 }) }),
    equations: [{ name: 'q', lhs: '(x - y) / (x^2 - y^2)', rhs: '1 / (x + y)' }],
    scope: ({ p, q, k }, D) => {
      const y = ratio(D, p, q);
      return { y, x: y.times(new D(1).plus(pow10(D, -k))) };
    },
  }),
];
