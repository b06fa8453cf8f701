/**
 * diag, quad: weight decay as sparsity (Defilippis, Xu, Girardin, Troiani, Erba, Zdeborová,
 * Loureiro, Krzakala, arXiv 2509.24882). Weight decay on a factorised parameter is a norm of the
 * product: the l1 norm for a diagonal (Hadamard) factorisation, the nuclear norm for a
 * quadratic one.
 */
import fc from 'fast-check';
import type { Claim } from '../src/core/claim.js';
import { dec } from '../src/numeric/convert.js';
import { eigSym } from '../src/numeric/eigen.js';
import type { Fixed } from '../src/numeric/fixed.js';
import { matmul, transpose, type Mat, type Vec } from '../src/numeric/linalg.js';
import { Rng } from '../src/numeric/rng.js';
import { fixedAt } from './instances.js';

const SOURCE = 'arXiv:2509.24882';

const seedArb = fc.integer({ min: 0, max: 0x7fffffff });

/** A drawn dyadic k / 2^bits as an exact fixed-point value. */
function dyadicAt(F: Fixed, rng: Rng, range: number, bits: number): bigint {
  const [k, den] = rng.dyadic(range, bits);
  return F.ratio(k, den);
}

interface L1Params {
  n: number;
  seed: number;
}

/**
 * The minimiser of f(a) = a^2 + theta^2 / a^2 over a > 0, by Newton's method on
 * f'(a) = 2a - 2 theta^2 / a^3. f' is increasing and concave on a > 0, so Newton started left
 * of its (unique) root climbs to it monotonically; the unique stationary point of a function
 * that blows up at 0 and at infinity is the global minimum. a0 = min(1, |theta|) / 2 lies left
 * of the root whatever it is (a0^4 < theta^2), without using the root.
 */
function newtonMinimiser(F: Fixed, theta: bigint): bigint {
  const t = F.mul(theta, theta);
  const at = F.abs(theta);
  let a = (at < F.one ? at : F.one) / 2n;
  const ulps = 1n << 8n;
  for (let it = 0; it < 400; it++) {
    const a2 = F.mul(a, a);
    const a3 = F.mul(a2, a);
    const a4 = F.mul(a2, a2);
    // f'/f'' with the common factor 2 cancelled
    const step = F.div(a - F.div(t, a3), F.one + 3n * F.div(t, a4));
    a -= step;
    if (a <= 0n) throw new Error('Newton left the half-line a > 0');
    if (F.abs(step) <= ulps) return a;
  }
  throw new Error('Newton did not converge');
}

export const weightDecayIsL1: Claim<L1Params> = {
  id: 'diag.weight-decay-is-l1',
  group: 'diag',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\min_{a\odot w=\theta}\ \|a\|_2^2+\|w\|_2^2 \;=\; 2\|\theta\|_1`,
  domain: fc.record({ n: fc.integer({ min: 1, max: 6 }), seed: seedArb }),
  encoding: {
    defs: [],
    equations: [
      // the minimiser found numerically satisfies the constraint ...
      { name: 'constraint', lhs: 'a .* w', rhs: 'theta' },
      // ... and its objective value is the claimed norm
      { name: 'minimum', lhs: 'dot(a, a) + dot(w, w)', rhs: '2 * sum(abs(theta))' },
    ],
  },
  instance(params, digits) {
    const F = fixedAt(digits);
    const rng = new Rng(params.seed);
    // dyadic coordinates over a few decades, a quarter of them exactly zero (a sparse target)
    const theta: Vec = Array.from({ length: params.n }, () => {
      const zero = rng.int(0, 3) === 0;
      const th = dyadicAt(F, rng, 8, 10);
      return zero ? 0n : th;
    });
    // the problem separates by coordinate; eliminating w = theta / a leaves a scalar
    // minimisation over a > 0 (the sign of a is free: (a, w) -> (-a, -w)); theta_i = 0 has
    // its minimum 0 at a = w = 0
    const a = theta.map((th) => (th === 0n ? 0n : newtonMinimiser(F, th)));
    const w = theta.map((th, i) => (th === 0n ? 0n : F.div(th, a[i]!)));
    return { scope: { a: dec(F, a), w: dec(F, w), theta: dec(F, theta) } };
  },
  variants: [
    { name: 'lost factor 2: ||theta||_1', equations: { minimum: { rhs: 'sum(abs(theta))' } } },
    { name: 'ridge reading: 2 ||theta||_2', equations: { minimum: { rhs: '2 * norm(theta)' } } },
    { name: 'sign lost: 2 sum(theta)', equations: { minimum: { rhs: '2 * sum(theta)' } } },
  ],
};

interface NuclearParams {
  /** S is d x d */
  d: number;
  /** W has m = max(1, d - deficit) rows: rank S <= m */
  deficit: number;
  seed: number;
}

/** W' = (I - 2 v v^T / v^T v) W: a rational Householder reflection of the rows of W. */
function householder(F: Fixed, v: Vec, W: Mat): Mat {
  const vv = v.reduce((s, x) => s + F.mul(x, x), 0n);
  const coef = F.div(2n * F.one, vv);
  const d = W[0]!.length;
  const c = Array.from({ length: d }, (_, j) => F.mul(coef, W.reduce((s, row, i) => s + F.mul(v[i]!, row[j]!), 0n)));
  return W.map((row, i) => row.map((x, j) => x - F.mul(v[i]!, c[j]!)));
}

const frobenius2 = (F: Fixed, W: Mat): bigint => W.reduce((s, row) => row.reduce((t, x) => t + F.mul(x, x), s), 0n);

export const weightDecayIsNuclear: Claim<NuclearParams> = {
  id: 'quad.weight-decay-is-nuclear',
  group: 'quad',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`S\succeq 0:\quad \min_{W^\top W=S}\ \|W\|_F^2 \;=\; \operatorname{tr}S \;=\; \|S\|_*`,
  domain: fc.record({ d: fc.integer({ min: 1, max: 6 }), deficit: fc.integer({ min: 0, max: 3 }), seed: seedArb }),
  encoding: {
    defs: [],
    equations: [
      // the other factors really factor S
      { name: 'rotated', lhs: 'transpose(W2) * W2', rhs: 'S' },
      { name: 'padded', lhs: 'transpose(W3) * W3', rhs: 'S' },
      { name: 'spectral', lhs: 'transpose(W4) * W4', rhs: 'S' },
      // every factor attains the same value, so it is the minimum over the factorisations ...
      { name: 'attained', lhs: 'max(fro2)', rhs: 'min(fro2)' },
      // ... and that value is the trace ...
      { name: 'minimum', lhs: 'min(fro2)', rhs: 'trace(S)' },
      // ... which for S >= 0 is the nuclear norm, the sum of |eigenvalues|
      { name: 'nuclear', lhs: 'sum(abs(lambda))', rhs: 'trace(S)' },
    ],
  },
  instance(params, digits) {
    const F = fixedAt(digits);
    const rng = new Rng(params.seed);
    const d = params.d;
    const m = Math.max(1, d - params.deficit);
    // S = W^T W from dyadic W: exact in fixed point, the same S at every precision
    const W: Mat = Array.from({ length: m }, () => Array.from({ length: d }, () => dyadicAt(F, rng, 2, 5)));
    const S = matmul(F, transpose(W), W);
    // other factorisations, each built without reference to the trace: a reflection of W
    // (same shape), a reflection mixing W with an extra zero row (one more row), and the
    // spectral square root diag(sqrt(lambda_+)) U^T from the eigensolver
    const W2 = householder(F, Array.from({ length: m }, () => dyadicAt(F, rng, 1, 4)), W);
    const W3 = householder(F, Array.from({ length: m + 1 }, () => dyadicAt(F, rng, 1, 4)), [...W, new Array<bigint>(d).fill(0n)]);
    const eig = eigSym(F, S);
    const Ut = transpose(eig.vectors);
    const W4 = Ut.map((row, k) => {
      const l = eig.values[k]!;
      const s = F.sqrt(l > 0n ? l : 0n);
      return row.map((x) => F.mul(s, x));
    });
    const fro2 = [W, W2, W3, W4].map((X) => frobenius2(F, X));
    return {
      scope: {
        S: dec(F, S),
        W2: dec(F, W2),
        W3: dec(F, W3),
        W4: dec(F, W4),
        fro2: dec(F, fro2),
        lambda: dec(F, eig.values),
      },
    };
  },
  variants: [
    { name: 'Frobenius norm of S instead of nuclear', equations: { minimum: { rhs: 'norm(S, "fro")' } } },
    { name: 'lost square: ||W||_F = tr S', equations: { minimum: { lhs: 'sqrt(min(fro2))' } } },
    { name: 'nuclear norm of the factor: sum sqrt(lambda)', equations: { nuclear: { lhs: 'sum(abs(lambda) .^ (1 / 2))' } } },
    { name: 'two-factor constant: 2 tr S', equations: { minimum: { rhs: '2 * trace(S)' } } },
  ],
};

export const diagClaims = [weightDecayIsL1, weightDecayIsNuclear];
