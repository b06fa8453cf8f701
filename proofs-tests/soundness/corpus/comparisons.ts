/**
 * Class 1: comparisons inside encodings (max, min, floor, ceil, round, fix, mod, ==, !=, <, <=,
 * isZero, isPositive, compare, sort, ternaries) must resolve differences far below mathjs's fixed
 * tolerance (relTol 1e-12, absTol 1e-15) when the working precision can see them; and true
 * claims that compare quantities equal up to rounding must not be refuted by a fix.
 */
import fc from 'fast-check';
import { entry, pow10, ratio, type CorpusEntry } from './helpers.js';

const nk = (kMin: number, kMax: number, nMax = 1000) => fc.record({ n: fc.integer({ min: 1, max: nMax }), k: fc.integer({ min: kMin, max: kMax }) });
/** x = p/q (a rational with a long expansion), y = x (1 + s 10^-k) */
const near = (kMin: number, kMax: number) =>
  fc.record({ p: fc.integer({ min: 1, max: 999 }), q: fc.integer({ min: 3, max: 97 }), k: fc.integer({ min: kMin, max: kMax }), s: fc.constantFrom(1, -1) });

export const comparisons: CorpusEntry[] = [
  entry(false, 1, 'max(0, -min(lambda)) of a spectrum with an eigenvalue -1e-18 max|lambda| (the issue\'s reproduction)', {
    id: 'corpus.cmp.psd-clamp',
    statement: String.raw`\lambda = (0, a, b) - 10^{-18}\max|\lambda| \text{ is nonnegative: } \max(0, -\min\lambda) = 0`,
    domain: fc.record({ a: fc.integer({ min: 1, max: 50 }), b: fc.integer({ min: 51, max: 500 }) }),
    defs: [['neg', 'max(0, -min(lambda))']],
    equations: [{ name: 'psd', lhs: 'neg', rhs: '0', scale: 'max(abs(lambda))' }],
    scope: ({ a, b }, D) => {
      const top = ratio(D, b, 7);
      const shift = top.times(pow10(D, -18));
      return { lambda: [new D(0).minus(shift), ratio(D, a, 7).minus(shift), top.minus(shift)] };
    },
  }),
  entry(false, 1, 'max(0, x) = 0 for x = 1e-16 .. 1e-30 (max(0, 1e-16) is 0 in mathjs)', {
    id: 'corpus.cmp.max-tiny',
    statement: String.raw`\max(0, 10^{-k}) = 0`,
    domain: fc.integer({ min: 16, max: 30 }),
    equations: [{ name: 'q', lhs: 'max(0, x)', rhs: '0', scale: '1' }],
    scope: (k, D) => ({ x: pow10(D, -k) }),
  }),
  entry(true, 1, 'min(a, b) = b for b = a (1 - 1e-13 .. 1e-25) (min(1, 1 - 1e-13) is 1 in mathjs)', {
    id: 'corpus.cmp.min-near',
    statement: String.raw`b = a(1 - 10^{-k}) \Rightarrow \min(a, b) = b`,
    domain: near(13, 25),
    equations: [{ name: 'q', lhs: 'min(a, b)', rhs: 'b' }],
    scope: ({ p, q, k }, D) => {
      const a = ratio(D, p, q);
      return { a, b: a.times(new D(1).minus(pow10(D, -k))) };
    },
  }),
  entry(false, 1, 'floor(n - 1e-20) = n (floor(0.99999999999999999999) is 1 in mathjs)', {
    id: 'corpus.cmp.floor-below',
    statement: String.raw`\lfloor n - 10^{-k} \rfloor = n`,
    domain: nk(14, 30),
    equations: [{ name: 'q', lhs: 'floor(x)', rhs: 'n' }],
    scope: ({ n, k }, D) => ({ x: new D(n).minus(pow10(D, -k)), n: new D(n) }),
  }),
  entry(false, 1, 'ceil(n + n 1e-20) = n', {
    id: 'corpus.cmp.ceil-above',
    statement: String.raw`\lceil n(1 + 10^{-k}) \rceil = n`,
    domain: nk(14, 30),
    equations: [{ name: 'q', lhs: 'ceil(x)', rhs: 'n' }],
    scope: ({ n, k }, D) => ({ x: new D(n).times(new D(1).plus(pow10(D, -k))), n: new D(n) }),
  }),
  entry(false, 1, 'round(n + 1/2 - 1e-20) = n + 1 (round(0.49999999999999999999) is 1 in mathjs)', {
    id: 'corpus.cmp.round-half',
    statement: String.raw`\operatorname{round}(n + \tfrac12 - 10^{-k}) = n + 1`,
    domain: nk(14, 30),
    equations: [{ name: 'q', lhs: 'round(x)', rhs: 'n + 1' }],
    scope: ({ n, k }, D) => ({ x: new D(n).plus(0.5).minus(pow10(D, -k)), n: new D(n) }),
  }),
  entry(false, 1, 'fix(n - 1e-20) = n (truncation towards zero of a value just below n)', {
    id: 'corpus.cmp.fix-below',
    statement: String.raw`\operatorname{fix}(n - 10^{-k}) = n`,
    domain: nk(14, 30),
    equations: [{ name: 'q', lhs: 'fix(x)', rhs: 'n' }],
    scope: ({ n, k }, D) => ({ x: new D(n).minus(pow10(D, -k)), n: new D(n) }),
  }),
  entry(false, 1, 'x == y for y = x (1 +- 1e-18 .. 1e-30) (1 == 1 + 1e-20 is true in mathjs)', {
    id: 'corpus.cmp.equal-near',
    statement: String.raw`x = x(1 \pm 10^{-k})`,
    domain: near(18, 30),
    equations: [{ name: 'q', lhs: 'x == y ? 1 : 0', rhs: '1', scale: '1' }],
    scope: ({ p, q, k, s }, D) => {
      const x = ratio(D, p, q);
      return { x, y: x.times(new D(1).plus(pow10(D, -k).times(s))) };
    },
  }),
  entry(true, 1, 'x != y for y = x (1 +- 1e-18 .. 1e-30)', {
    id: 'corpus.cmp.unequal-near',
    statement: String.raw`x \ne x(1 \pm 10^{-k})`,
    domain: near(18, 30),
    equations: [{ name: 'q', lhs: 'x != y ? 1 : 0', rhs: '1', scale: '1' }],
    scope: ({ p, q, k, s }, D) => {
      const x = ratio(D, p, q);
      return { x, y: x.times(new D(1).plus(pow10(D, -k).times(s))) };
    },
  }),
  entry(true, 1, 'x < y for y = x (1 + 1e-18 .. 1e-30)', {
    id: 'corpus.cmp.less-near',
    statement: String.raw`x < x(1 + 10^{-k})`,
    domain: near(18, 30),
    equations: [{ name: 'q', lhs: 'x < y ? 1 : 0', rhs: '1', scale: '1' }],
    scope: ({ p, q, k }, D) => {
      const x = ratio(D, p, q);
      return { x, y: x.times(new D(1).plus(pow10(D, -k))) };
    },
  }),
  entry(false, 1, 'the step x <= t ? 0 : 1 is 0 at x = t (1 + 1e-20): a ternary on the wrong side', {
    id: 'corpus.cmp.step-above',
    statement: String.raw`H(x - t) = 0 \text{ for } x = t(1 + 10^{-k})`,
    domain: near(16, 30),
    equations: [{ name: 'q', lhs: 'x <= t ? 0 : 1', rhs: '0', scale: '1' }],
    scope: ({ p, q, k }, D) => {
      const t = ratio(D, p, q);
      return { t, x: t.times(new D(1).plus(pow10(D, -k))) };
    },
  }),
  entry(true, 1, 'the ternary abs: x <= 0 ? -x : x = abs(x) at x = +-1e-16 .. 1e-30', {
    id: 'corpus.cmp.ternary-abs',
    statement: String.raw`(x \le 0 ? -x : x) = |x|`,
    domain: near(16, 30),
    equations: [{ name: 'q', lhs: 'x <= 0 ? -x : x', rhs: 'abs(x)' }],
    scope: ({ p, q, k, s }, D) => ({ x: ratio(D, p * s, q).times(pow10(D, -k)) }),
  }),
  entry(false, 1, 'isZero(x - y) for y = x (1 + 1e-20)', {
    id: 'corpus.cmp.iszero-near',
    statement: String.raw`x - x(1 + 10^{-k}) = 0`,
    domain: near(16, 30),
    equations: [{ name: 'q', lhs: 'isZero(x - y) ? 1 : 0', rhs: '1', scale: '1' }],
    scope: ({ p, q, k }, D) => {
      const x = ratio(D, p, q);
      return { x, y: x.times(new D(1).plus(pow10(D, -k))) };
    },
  }),
  entry(true, 1, 'isPositive(x) for x = 1e-16 .. 1e-30', {
    id: 'corpus.cmp.ispositive-tiny',
    statement: String.raw`10^{-k} > 0`,
    domain: fc.integer({ min: 16, max: 30 }),
    equations: [{ name: 'q', lhs: 'isPositive(x) ? 1 : 0', rhs: '1', scale: '1' }],
    scope: (k, D) => ({ x: pow10(D, -k) }),
  }),
  entry(true, 1, 'isPositive(x) for x = 1e-60 .. 1e-90: tiny but exact (a fixed absolute tolerance would call it zero; one that shrinks with the precision sees it at 2D)', {
    id: 'corpus.cmp.ispositive-very-tiny',
    statement: String.raw`10^{-k} > 0,\ 60 \le k \le 90`,
    domain: fc.integer({ min: 60, max: 90 }),
    equations: [{ name: 'q', lhs: 'isPositive(x) ? 1 : 0', rhs: '1', scale: '1' }],
    scope: (k, D) => ({ x: pow10(D, -k) }),
  }),
  entry(false, 1, 'max(0, x) = 0 relative to x, for x = 1e-60 .. 1e-90 (a fixed absolute tolerance would clamp x to 0 at both precisions)', {
    id: 'corpus.cmp.max-very-tiny-relative',
    statement: String.raw`\max(0, 10^{-k}) = 0,\ 60 \le k \le 90`,
    domain: fc.integer({ min: 60, max: 90 }),
    equations: [{ name: 'q', lhs: 'max(0, x)', rhs: '0', scale: 'x' }],
    scope: (k, D) => ({ x: pow10(D, -k) }),
  }),
  entry(false, 1, 'compare(x, y) = 0 for y = x (1 +- 1e-20)', {
    id: 'corpus.cmp.compare-near',
    statement: String.raw`\operatorname{cmp}(x, x(1 \pm 10^{-k})) = 0`,
    domain: near(16, 30),
    equations: [{ name: 'q', lhs: 'compare(x, y)', rhs: '0', scale: '1' }],
    scope: ({ p, q, k, s }, D) => {
      const x = ratio(D, p, q);
      return { x, y: x.times(new D(1).plus(pow10(D, -k).times(s))) };
    },
  }),
  entry(true, 1, 'sign(y - x) = 1 for y = x (1 + 1e-20) (control: sign reads BigNumbers exactly)', {
    id: 'corpus.cmp.sign-near',
    statement: String.raw`\operatorname{sign}(x(1 + 10^{-k}) - x) = 1`,
    domain: near(16, 30),
    equations: [{ name: 'q', lhs: 'sign(y - x)', rhs: '1' }],
    scope: ({ p, q, k }, D) => {
      const x = ratio(D, p, q);
      return { x, y: x.times(new D(1).plus(pow10(D, -k))) };
    },
  }, { expect: ['verified'] }),
  entry(false, 1, 'sort keeps [x (1 + 1e-20), x] in place: sort(v)[1] = v[1]', {
    id: 'corpus.cmp.sort-near',
    statement: String.raw`\min(x(1 + 10^{-k}), x) = x(1 + 10^{-k})`,
    domain: near(16, 30),
    equations: [{ name: 'q', lhs: 'sort(v)[1]', rhs: 'v[1]' }],
    scope: ({ p, q, k }, D) => {
      const x = ratio(D, p, q);
      return { v: [x.times(new D(1).plus(pow10(D, -k))), x] };
    },
  }),
  entry(true, 1, 'mod(n - 1e-20, 1) = 1 - 1e-20 (mathjs gives -1e-20: its floor rounds up)', {
    id: 'corpus.cmp.mod-below',
    statement: String.raw`(n - 10^{-k}) \bmod 1 = 1 - 10^{-k}`,
    domain: nk(14, 30),
    equations: [{ name: 'q', lhs: 'mod(x, 1)', rhs: 'f' }],
    scope: ({ n, k }, D) => ({ x: new D(n).minus(pow10(D, -k)), f: new D(1).minus(pow10(D, -k)) }),
  }),
  entry(false, 1, 'mod(n - 1e-20, 1) = -1e-20 (what mathjs computes: a negative remainder)', {
    id: 'corpus.cmp.mod-negative',
    statement: String.raw`(n - 10^{-k}) \bmod 1 = -10^{-k}`,
    domain: nk(14, 30),
    equations: [{ name: 'q', lhs: 'mod(x, 1)', rhs: 'x - n', scale: '1' }],
    scope: ({ n, k }, D) => ({ x: new D(n).minus(pow10(D, -k)), n: new D(n) }),
  }),
  // true variations: they must still hold after the fix
  entry(true, 1, 'max(a, b) = (a + b + |a - b|)/2, generic a, b (control)', {
    id: 'corpus.cmp.max-formula',
    statement: String.raw`\max(a, b) = \tfrac12(a + b + |a - b|)`,
    domain: fc.record({ p: fc.integer({ min: -999, max: 999 }), q: fc.integer({ min: 3, max: 97 }), r: fc.integer({ min: -999, max: 999 }) }),
    equations: [{ name: 'q', lhs: 'max(a, b)', rhs: '(a + b + abs(a - b)) / 2' }],
    scope: ({ p, q, r }, D) => ({ a: ratio(D, p, q), b: ratio(D, r, q + 1) }),
  }, { expect: ['verified'] }),
  entry(true, 1, 'max(a, b) = (a + b + |a - b|)/2 with b = a (1 +- 1e-14 .. 1e-30)', {
    id: 'corpus.cmp.max-formula-near',
    statement: String.raw`\max(a, b) = \tfrac12(a + b + |a - b|),\ b = a(1 \pm 10^{-k})`,
    domain: near(14, 30),
    equations: [{ name: 'q', lhs: 'max(a, b)', rhs: '(a + b + abs(a - b)) / 2' }],
    scope: ({ p, q, k, s }, D) => {
      const a = ratio(D, p, q);
      return { a, b: a.times(new D(1).plus(pow10(D, -k).times(s))) };
    },
  }),
  entry(true, 1, 'min(a, b) + max(a, b) = a + b with b = a (1 +- 1e-14 .. 1e-30)', {
    id: 'corpus.cmp.minmax-sum-near',
    statement: String.raw`\min(a, b) + \max(a, b) = a + b`,
    domain: near(14, 30),
    equations: [{ name: 'q', lhs: 'min(a, b) + max(a, b)', rhs: 'a + b' }],
    scope: ({ p, q, k, s }, D) => {
      const a = ratio(D, p, q);
      return { a, b: a.times(new D(1).plus(pow10(D, -k).times(s))) };
    },
  }),
  entry(true, 1, 'floor(n (1/n)) = 1: the argument is 1 up to rounding (0.999...9 at the working precision)', {
    id: 'corpus.cmp.floor-rounding',
    statement: String.raw`\lfloor n \cdot \tfrac1n \rfloor = 1`,
    domain: fc.integer({ min: 3, max: 97 }),
    equations: [{ name: 'q', lhs: 'floor(n * (1 / n))', rhs: '1' }],
    scope: (n, D) => ({ n: new D(n) }),
  }),
  entry(true, 1, 'n (1/n) < 1 is false: equal up to rounding', {
    id: 'corpus.cmp.less-rounding',
    statement: String.raw`\neg (n \cdot \tfrac1n < 1)`,
    domain: fc.integer({ min: 3, max: 97 }),
    equations: [{ name: 'q', lhs: 'n * (1 / n) < 1 ? 1 : 0', rhs: '0', scale: '1' }],
    scope: (n, D) => ({ n: new D(n) }),
  }),
  entry(true, 1, 'n (1/n) == 1: equal up to rounding', {
    id: 'corpus.cmp.equal-rounding',
    statement: String.raw`n \cdot \tfrac1n = 1`,
    domain: fc.integer({ min: 3, max: 97 }),
    equations: [{ name: 'q', lhs: 'n * (1 / n) == 1 ? 1 : 0', rhs: '1', scale: '1' }],
    scope: (n, D) => ({ n: new D(n) }),
  }),
  entry(true, 1, 'sign(n (1/n) - 1) = 0: the sign of a rounding error', {
    id: 'corpus.cmp.sign-rounding',
    statement: String.raw`\operatorname{sign}(n \cdot \tfrac1n - 1) = 0`,
    domain: fc.integer({ min: 3, max: 97 }),
    equations: [{ name: 'q', lhs: 'sign(n * (1 / n) - 1)', rhs: '0', scale: '1' }],
    scope: (n, D) => ({ n: new D(n) }),
  }),
  entry(true, 1, 'max(0, 1 - n (1/n)) = 0: a clamp of a rounding error', {
    id: 'corpus.cmp.relu-rounding',
    statement: String.raw`\max(0, 1 - n \cdot \tfrac1n) = 0`,
    domain: fc.integer({ min: 3, max: 97 }),
    equations: [{ name: 'q', lhs: 'max(0, 1 - n * (1 / n))', rhs: '0', scale: '1' }],
    scope: (n, D) => ({ n: new D(n) }),
  }),
  entry(true, 1, '|x - y| = y - x for y = x (1 + 1e-20) (control: abs is exact)', {
    id: 'corpus.cmp.abs-near',
    statement: String.raw`|x - x(1 + 10^{-k})| = x 10^{-k}`,
    domain: near(16, 30),
    equations: [{ name: 'q', lhs: 'abs(x - y)', rhs: 'y - x' }],
    scope: ({ p, q, k }, D) => {
      const x = ratio(D, p, q);
      return { x, y: x.times(new D(1).plus(pow10(D, -k))) };
    },
  }, { expect: ['verified'] }),
  entry(false, 1, 'floor(n - 1e-100) = n: wrong below the precision floor (n - 1e-100 rounds to n at 2D digits)', {
    id: 'corpus.cmp.floor-below-floor',
    statement: String.raw`\lfloor n - 10^{-k} \rfloor = n,\ k \ge 100`,
    domain: nk(100, 120),
    equations: [{ name: 'q', lhs: 'floor(x)', rhs: 'n' }],
    scope: ({ n, k }, D) => ({ x: new D(n).minus(pow10(D, -k)), n: new D(n) }),
  }, { belowFloor: true }),
];
