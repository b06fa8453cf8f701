/**
 * The effective threshold of the noiseless nuclear-norm estimator on a sampled design, expanded
 * about the population. The loss is 1/2 <M - S*, H (M - S*)> with H = I + Delta the design's Gram
 * operator on symmetric matrices (E H = I: the population loss 1/2 |M - S*|_F^2), the penalty
 * kappa |M|_*, and S* = diag(s), s descending. In the population the minimiser keeps the r modes
 * with s_k > kappa, each shifted down by kappa; on a design (strict complementarity, s_r > kappa >
 * s_(r+1)) it keeps rank r, and the mean shift of its r eigenvalues, tau, is
 *   r tau = r kappa - L + Q + O(Delta^3),
 * with q = diag(kappa on the kept modes, s_j on the others), P the projector on the kept modes,
 *   L = <P, Delta q> (linear: E L = 0), and
 *   Q = sum_{i,i' <= r} (Delta P)_ii' (Delta q)_ii'
 *       + sum_{i <= r < j} [ 2 (s_i - kappa)/(s_i - s_j) (Delta P)_ij (Delta q)_ij - (Delta q)_ij^2 / (s_i - s_j) ]
 * (the second order of the stationarity conditions on the rank-r manifold, M = [A, B; B^T, B^T A^-1 B]).
 * E Q is exact in n: Delta is a mean of n independent centred terms, so E[(Delta X)_ab (Delta Y)_ab]
 * = (1/n) Cov over one input x of (1/2) Phi_ab <Phi, X> and the same for Y, Phi = x x^T - I: fourth
 * moments of centred Gaussian quadratic forms, computed here mechanically from their cumulants
 * (traces of products), not from a hand table.
 */
import type { SampledDesign } from './quadnet-sampled.js';

type Mat = number[][];

const mul = (A: Mat, B: Mat): Mat => A.map((row) => B[0]!.map((_, j) => row.reduce((s, v, k) => s + v * B[k]![j]!, 0)));
const trace = (A: Mat): number => A.reduce((s, row, i) => s + row[i]!, 0);
const trace4 = (A: Mat, B: Mat, C: Mat, D: Mat): number => trace(mul(mul(A, B), mul(C, D)));

/**
 * E[(x^T A x - tr A)(x^T B x - tr B)(x^T C x - tr C)(x^T D x - tr D)] for x ~ N(0, I) and symmetric
 * A..D: the fourth joint cumulant 8 sum over the orderings of B, C, D of tr(A . . .) plus the three
 * pairings of second cumulants 2 tr(XY).
 */
export function quadFormMoment4(A: Mat, B: Mat, C: Mat, D: Mat): number {
  const k2 = (X: Mat, Y: Mat): number => 2 * trace(mul(X, Y));
  const k4 = 8 * (trace4(A, B, C, D) + trace4(A, B, D, C) + trace4(A, C, B, D) + trace4(A, C, D, B) + trace4(A, D, B, C) + trace4(A, D, C, B));
  return k4 + k2(A, B) * k2(C, D) + k2(A, C) * k2(B, D) + k2(A, D) * k2(B, C);
}

const diag = (v: number[]): Mat => v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));

/** The symmetric unit E_ab with x^T E_ab x = x_a x_b. */
function unit(d: number, a: number, b: number): Mat {
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => ((i === a && j === b) || (i === b && j === a) ? (a === b ? 1 : 0.5) : 0)));
}

/** n E[(Delta X)_ab (Delta Y)_ab] for symmetric X, Y: (1/4) E[Phi_ab^2 <Phi, X> <Phi, Y>] - X_ab Y_ab. */
export function deltaCovariance(X: Mat, Y: Mat, a: number, b: number): number {
  const E = unit(X.length, a, b);
  return quadFormMoment4(E, E, X, Y) / 4 - X[a]![b]! * Y[a]![b]!;
}

/** The matrices P and q of the expansion, for the kept count r. */
function kept(s: number[], kappa: number, r: number): { P: Mat; q: Mat } {
  return { P: diag(s.map((_, k) => (k < r ? 1 : 0))), q: diag(s.map((v, k) => (k < r ? kappa : v))) };
}

/** The quadratic form Q of the expansion, given (Delta P)_ab (Delta q)_ab and (Delta q)_ab^2 as functions. */
function quadratic(s: number[], kappa: number, r: number, pq: (a: number, b: number) => number, qq: (a: number, b: number) => number): number {
  let t = 0;
  for (let i = 0; i < r; i++) for (let i2 = 0; i2 < r; i2++) t += pq(i, i2);
  for (let i = 0; i < r; i++)
    for (let j = r; j < s.length; j++) {
      const gap = s[i]! - s[j]!;
      t += (2 * (s[i]! - kappa) * pq(i, j) - qq(i, j)) / gap;
    }
  return t;
}

const expected = new Map<string, number>();

/** E Q on a design of n inputs (exact in n), for r kept modes (n E Q is remembered per s, kappa, r). */
export function expectedQuadratic(s: number[], kappa: number, r: number, n: number): number {
  const key = `${s.join(',')}|${kappa}|${r}`;
  let v = expected.get(key);
  if (v === undefined) {
    if (expected.size >= 1000) expected.clear();
    const { P, q } = kept(s, kappa, r);
    v = quadratic(s, kappa, r, (a, b) => deltaCovariance(P, q, a, b), (a, b) => deltaCovariance(q, q, a, b));
    expected.set(key, v);
  }
  return v / n;
}

/** Delta X = H X - X on a design: the symmetric part of reshape(A^T A vec X), less X. */
export function designDelta(D: SampledDesign, X: Mat): Mat {
  const d = D.d;
  const g = new Array<number>(d * d).fill(0);
  for (const row of D.A) {
    let v = 0;
    for (let j = 0; j < d * d; j++) v += row[j]! * X[Math.floor(j / d)]![j % d]!;
    for (let j = 0; j < d * d; j++) g[j] = g[j]! + row[j]! * v;
  }
  return X.map((rw, i) => rw.map((x, j) => (g[i * d + j]! + g[j * d + i]!) / 2 - x));
}

/** The linear and quadratic statistics L and Q of one design, for r kept modes. */
export function thresholdStatistics(D: SampledDesign, s: number[], kappa: number, r: number): { linear: number; quadratic: number } {
  const { P, q } = kept(s, kappa, r);
  const dP = designDelta(D, P);
  const dq = designDelta(D, q);
  let linear = 0;
  for (let i = 0; i < r; i++) linear += dq[i]![i]!;
  return { linear, quadratic: quadratic(s, kappa, r, (a, b) => dP[a]![b]! * dq[a]![b]!, (a, b) => dq[a]![b]! ** 2) };
}
