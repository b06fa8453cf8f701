/**
 * Class 8: other ways to a false verdict: NaN and Infinity on both sides, a scale that
 * overflows, absorbed sums, matrix-vector semantics of mathjs (a 1-D vector times its
 * "transpose" is a dot product), det and inv of (nearly) singular matrices, ternaries on a
 * branch boundary, gamma and factorial off the integers, comparisons of nearly equal values.
 */
import fc from 'fast-check';
import { entry, pow10, ratio, type CorpusEntry } from './helpers.js';

const rational = (lo: number, hi: number) => fc.record({ p: fc.integer({ min: lo, max: hi }).filter((v) => v !== 0), q: fc.integer({ min: 2, max: 13 }) });
const vec3 = fc.array(fc.integer({ min: -9, max: 9 }).filter((v) => v !== 0), { minLength: 3, maxLength: 3 });

export const inventionClaims: CorpusEntry[] = [
  entry(true, 8, '(x^2 - 1)/(x - 1) = x + 1 evaluated at x = 1 (0/0 on the left: NaN)', {
    id: 'corpus.inv.nan-removable',
    statement: String.raw`\frac{x^2 - 1}{x - 1} = x + 1`,
    domain: fc.constant(1),
    equations: [{ name: 'q', lhs: '(x^2 - 1) / (x - 1)', rhs: 'x + 1' }],
    scope: (x, D) => ({ x: new D(x) }),
  }, { expect: ['inconclusive'] }),
  entry(false, 8, '(x^2 - 1)/(x - 1) = x + 2 evaluated at x = 1 (NaN against a number)', {
    id: 'corpus.inv.nan-wrong',
    statement: String.raw`\frac{x^2 - 1}{x - 1} = x + 2`,
    domain: fc.constant(1),
    equations: [{ name: 'q', lhs: '(x^2 - 1) / (x - 1)', rhs: 'x + 2' }],
    scope: (x, D) => ({ x: new D(x) }),
  }),
  entry(false, 8, '1/(x - x) = 2/(x - x): Infinity on both sides', {
    id: 'corpus.inv.infinity-both',
    statement: String.raw`\frac{1}{0} = \frac{2}{0}`,
    domain: rational(-99, 99),
    equations: [{ name: 'q', lhs: '1 / (x - x)', rhs: '2 / (x - x)' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
  }),
  entry(false, 8, 'exp(x) = 2 exp(x) with x = 1e17 (both sides overflow decimal.js to Infinity)', {
    id: 'corpus.inv.overflow-both',
    statement: String.raw`e^{x} = 2e^{x},\ x = 10^{17}`,
    domain: fc.integer({ min: 17, max: 20 }),
    equations: [{ name: 'q', lhs: 'exp(x)', rhs: '2 * exp(x)' }],
    scope: (k, D) => ({ x: pow10(D, k) }),
  }),
  entry(false, 8, 'a = a + 1 measured against a scale exp(1e17) that overflows to Infinity (residual 1/Infinity = 0)', {
    id: 'corpus.inv.infinite-scale',
    statement: String.raw`a = a + 1`,
    domain: fc.record({ a: rational(-99, 99), k: fc.integer({ min: 17, max: 20 }) }),
    equations: [{ name: 'q', lhs: 'a', rhs: 'a + 1', scale: 'exp(s)' }],
    scope: ({ a, k }, D) => ({ a: ratio(D, a.p, a.q), s: pow10(D, k) }),
  }),
  entry(false, 8, 'a e^x + 1 = a e^x for x in [250, 300]: wrong by e^-x relative, below the precision floor', {
    id: 'corpus.inv.absorbed-one',
    statement: String.raw`a e^{x} + 1 = a e^{x}`,
    domain: fc.record({ a: rational(1, 99), x: fc.integer({ min: 250, max: 300 }) }),
    equations: [{ name: 'q', lhs: 'a * exp(x) + 1', rhs: 'a * exp(x)' }],
    scope: ({ a, x }, D) => ({ a: ratio(D, a.p, a.q), x: new D(x) }),
  }, { belowFloor: true }),
  entry(false, 8, '(a + b) - a = 0 with a = 1e95 .. 1e120, b in 1..9: b absorbed, 0 = 0 at both precisions', {
    id: 'corpus.inv.absorbed-zero',
    statement: String.raw`(a + b) - a = 0`,
    domain: fc.record({ k: fc.integer({ min: 95, max: 120 }), b: fc.integer({ min: 1, max: 9 }) }),
    equations: [{ name: 'q', lhs: '(a + b) - a', rhs: '0' }],
    scope: ({ k, b }, D) => ({ a: pow10(D, k), b: new D(b) }),
  }),
  entry(false, 8, 'u v^T = v u^T for non-parallel u, v: mathjs reads both as dot products (transpose of a 1-D vector is itself)', {
    id: 'corpus.inv.outer-as-dot',
    statement: String.raw`u v^{\mathsf T} = v u^{\mathsf T}`,
    domain: fc.record({ u: vec3, v: vec3 }).filter(({ u, v }) => u[0]! * v[1]! !== u[1]! * v[0]!),
    equations: [{ name: 'q', lhs: 'u * transpose(v)', rhs: 'v * transpose(u)' }],
    scope: ({ u, v }, D) => ({ u: u.map((x) => new D(x)), v: v.map((x) => new D(x)) }),
  }, { mayBeMalformed: true }),
  entry(true, 8, 'transpose(v) v = sum(v .* v): true, but transpose of a 1-D vector is refused (the vector itself in mathjs), so it is malformed or, run anyway, an engine error', {
    id: 'corpus.inv.dot-control',
    statement: String.raw`v^{\mathsf T} v = \sum_i v_i^2`,
    domain: vec3,
    equations: [{ name: 'q', lhs: 'transpose(v) * v', rhs: 'sum(v .* v)' }],
    scope: (v, D) => ({ v: v.map((x) => new D(x)) }),
    symbolic: { scopes: () => [{ v: ['v1', 'v2', 'v3'] }] },
  }, { expect: ['inconclusive'], mayBeMalformed: true }),
  entry(true, 8, 'det([[1, 2], [2, 4]] c) = 0 exactly (0 = 0; no scale)', {
    id: 'corpus.inv.det-exact-singular',
    statement: String.raw`\det\begin{pmatrix} c & 2c \\ 2c & 4c \end{pmatrix} = 0`,
    domain: fc.integer({ min: 1, max: 99 }),
    equations: [{ name: 'q', lhs: 'det(A)', rhs: '0' }],
    scope: (c, D) => ({ A: [[new D(c), new D(2 * c)], [new D(2 * c), new D(4 * c)]] }),
  }, { expect: ['inconclusive'] }),
  entry(false, 8, 'det(A) = 0 for A = [[1, 2], [2, 4 + e]], e = 1e-18 .. 1e-30 (nearly singular, not singular)', {
    id: 'corpus.inv.det-near-singular',
    statement: String.raw`\det\begin{pmatrix} 1 & 2 \\ 2 & 4 + \epsilon \end{pmatrix} = 0`,
    domain: fc.record({ k: fc.integer({ min: 18, max: 30 }), m: fc.integer({ min: 1, max: 9 }) }),
    equations: [{ name: 'q', lhs: 'det(A)', rhs: '0', scale: 'norm(A, "fro")^2' }],
    scope: ({ k, m }, D) => ({ A: [[new D(1), new D(2)], [new D(2), new D(4).plus(pow10(D, -k).times(m))]] }),
  }, { expect: ['refuted'] }),
  entry(false, 8, 'A inv(A) = I for a singular A (inv does not exist)', {
    id: 'corpus.inv.inv-singular',
    statement: String.raw`A A^{-1} = I,\ \det A = 0`,
    domain: fc.integer({ min: 1, max: 99 }),
    equations: [{ name: 'q', lhs: 'A * inv(A)', rhs: 'identity(2)' }],
    scope: (c, D) => ({ A: [[new D(c), new D(2 * c)], [new D(2 * c), new D(4 * c)]] }),
  }),
  entry(true, 8, 'A inv(A) = I for A = [[1, 2], [2, 4 + e]], e = 1e-10 .. 1e-15 (condition 1e10..1e15)', {
    id: 'corpus.inv.inv-ill-conditioned',
    statement: String.raw`A A^{-1} = I`,
    domain: fc.record({ k: fc.integer({ min: 10, max: 15 }), m: fc.integer({ min: 1, max: 9 }) }),
    equations: [{ name: 'q', lhs: 'A * inv(A)', rhs: 'identity(2)' }],
    scope: ({ k, m }, D) => ({ A: [[new D(1), new D(2)], [new D(2), new D(4).plus(pow10(D, -k).times(m))]] }),
  }),
  entry(true, 8, 'x < 1 ? x : 2 - x = 1 - |1 - x| at x = 1 +- 1e-16 .. 1e-30 (a ternary on its boundary)', {
    id: 'corpus.inv.tent-boundary',
    statement: String.raw`(x < 1 ? x : 2 - x) = 1 - |1 - x|`,
    domain: fc.record({ k: fc.integer({ min: 16, max: 30 }), s: fc.constantFrom(1, -1) }),
    equations: [{ name: 'q', lhs: 'x < 1 ? x : 2 - x', rhs: '1 - abs(1 - x)' }],
    scope: ({ k, s }, D) => ({ x: new D(1).plus(pow10(D, -k).times(s)) }),
  }),
  entry(true, 8, 'x < t ? 0 : 1 = 1 at x = t exactly (control)', {
    id: 'corpus.inv.step-at-boundary',
    statement: String.raw`H(0) = 1`,
    domain: rational(-99, 99),
    equations: [{ name: 'q', lhs: 'x < t ? 0 : 1', rhs: '1' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q), t: ratio(D, p, q) }),
  }, { expect: ['verified'] }),
  entry(false, 8, 'max(r, sqrt(2)) = r for r = sqrt(2) cut to 20 digits (r < sqrt 2 by 4e-21)', {
    id: 'corpus.inv.max-truncated-sqrt2',
    statement: String.raw`\max(1.4142135623730950488, \sqrt2) = 1.4142135623730950488`,
    domain: fc.integer({ min: 1, max: 9 }),
    equations: [{ name: 'q', lhs: 'max(r, sqrt(2))', rhs: 'r' }],
    scope: (_m, D) => ({ r: new D('1.4142135623730950488') }),
  }),
  entry(true, 8, 'gamma(x + 1) = x gamma(x) for rational x in (0, 10)', {
    id: 'corpus.inv.gamma-recurrence',
    statement: String.raw`\Gamma(x + 1) = x\Gamma(x)`,
    domain: rational(1, 99).map(({ p, q }) => ({ p, q: q + 10 })),
    equations: [{ name: 'q', lhs: 'gamma(x + 1)', rhs: 'x * gamma(x)' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
  }, { expect: ['verified'] }),
  entry(true, 8, 'gamma(x + 1) = x gamma(x) for non-integer x in (-3, 0) (reflection)', {
    id: 'corpus.inv.gamma-negative',
    statement: String.raw`\Gamma(x + 1) = x\Gamma(x),\ -3 < x < 0`,
    domain: fc.integer({ min: -299, max: -1 }).filter((v) => v % 100 !== 0),
    equations: [{ name: 'q', lhs: 'gamma(x + 1)', rhs: 'x * gamma(x)' }],
    scope: (p, D) => ({ x: ratio(D, p, 100) }),
  }),
  entry(true, 8, 'gamma(1/2)^2 = pi', {
    id: 'corpus.inv.gamma-half',
    statement: String.raw`\Gamma(\tfrac12)^2 = \pi`,
    domain: fc.integer({ min: 1, max: 9 }),
    equations: [{ name: 'q', lhs: 'gamma(1 / 2)^2', rhs: 'pi' }],
    scope: () => ({}),
  }, { expect: ['verified'] }),
  entry(true, 8, 'factorial(x) = gamma(x + 1) for non-integer x (mathjs\'s BigNumber factorial takes integers only)', {
    id: 'corpus.inv.factorial-real',
    statement: String.raw`x! = \Gamma(x + 1)`,
    domain: rational(1, 99).filter(({ p, q }) => p % q !== 0),
    equations: [{ name: 'q', lhs: 'factorial(x)', rhs: 'gamma(x + 1)' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
  }),
  entry(false, 8, 'x gamma(x) = 1 for x = 1e-25 .. 1e-30 (wrong by Euler gamma x: a limit, not an identity)', {
    id: 'corpus.inv.gamma-near-pole',
    statement: String.raw`x\Gamma(x) = 1`,
    domain: fc.integer({ min: 25, max: 30 }),
    equations: [{ name: 'q', lhs: 'x * gamma(x)', rhs: '1' }],
    scope: (k, D) => ({ x: pow10(D, -k) }),
  }, { expect: ['refuted'] }),
  entry(false, 8, 'A^2 = A .* A for a generic 2x2 A (the matrix power is not elementwise: control)', {
    id: 'corpus.inv.matrix-power',
    statement: String.raw`A^2 = A \circ A`,
    domain: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
    equations: [{ name: 'q', lhs: 'A^2', rhs: 'A .* A' }],
    scope: (a, D) => ({ A: [[new D(a[0]!), new D(a[1]!)], [new D(a[2]!), new D(a[3]!)]] }),
  }, { expect: ['refuted'] }),
  entry(true, 8, 'x^y = exp(y log x) with y = 1e17 .. 1e20 (both sides overflow: Infinity = Infinity)', {
    id: 'corpus.inv.overflow-true',
    statement: String.raw`x^y = e^{y\ln x}`,
    domain: fc.record({ x: fc.integer({ min: 2, max: 9 }), k: fc.integer({ min: 17, max: 20 }) }),
    equations: [{ name: 'q', lhs: 'x^y', rhs: 'exp(y * log(x))' }],
    scope: ({ x, k }, D) => ({ x: new D(x), y: pow10(D, k) }),
  }),
  entry(false, 8, 'sum(v) = 1 for an empty v (the empty sum is 0: control)', {
    id: 'corpus.inv.empty-sum',
    statement: String.raw`\sum_{i \in \emptyset} v_i = 1`,
    domain: fc.integer({ min: 1, max: 9 }),
    equations: [{ name: 'q', lhs: 'sum(v)', rhs: '1' }],
    scope: () => ({ v: [] }),
  }),
  entry(true, 8, 'u . v = v . u and (u + v) . (u + v) = u.u + 2 u.v + v.v (vectors, proved)', {
    id: 'corpus.inv.dot-symbolic',
    statement: String.raw`u\cdot v = v \cdot u,\ |u + v|^2 = |u|^2 + 2u\cdot v + |v|^2`,
    domain: fc.record({ u: vec3, v: vec3 }),
    equations: [
      { name: 'sym', lhs: 'dot(u, v)', rhs: 'dot(v, u)' },
      { name: 'square', lhs: 'dot(u + v, u + v)', rhs: 'dot(u, u) + 2 * dot(u, v) + dot(v, v)' },
    ],
    scope: ({ u, v }, D) => ({ u: u.map((x) => new D(x)), v: v.map((x) => new D(x)) }),
    symbolic: { scopes: () => [{ u: ['u1', 'u2', 'u3'], v: ['v1', 'v2', 'v3'] }] },
  }, { expect: ['proved'] }),
];
