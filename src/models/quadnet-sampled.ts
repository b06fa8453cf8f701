/**
 * The quadratic network on sampled Gaussian inputs, in float64: n inputs x_mu ~ N(0, I_d), labels
 * of a symmetric target S*, y_mu = x_mu^T S* x_mu - tr S* (the centred quadratic, He_2, whose
 * features x x^T - I have E <x x^T - I, D>^2 = 2 |D|_F^2 for symmetric D: no trace mode), and the
 * training loss
 *   L(M) = 1/(4n) sum_mu (<x_mu x_mu^T - I, M> - y_mu)^2  (population: 1/2 |M - S*|_F^2).
 * The loss is a quadratic form in the d(d+1)/2 coordinates of M: its Gram matrix G (sum over the
 * samples) is factorised G = C^T C (Cholesky), and the rows of C, written as d x d row-major rows,
 * with labels C s*, give a design of d(d+1)/2 rows with exactly the same loss (noiseless labels:
 * 1/2 |C (s - s*)|^2) for both the network's descent and the convex solver: the samples enter
 * only through G.
 *
 * The convex route: proximal gradient for min_M 1/2 |C(m - s*)|^2 + kappa |M|_* in float64 (a
 * Jacobi eigensolver for the spectral soft threshold), step 2/(L + mu).
 */
import type { Rng } from '../numeric/rng.js';

const gauss = (rng: Rng): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

/** The pairs (i <= j) of the symmetric coordinates, row by row. */
export function symmetricPairs(d: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) out.push([i, j]);
  return out;
}

/** Cholesky factor R (upper triangular, R^T R = G) of a symmetric positive definite G; throws when not. */
export function cholesky(G: number[][]): number[][] {
  const m = G.length;
  const R = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let j = 0; j < m; j++) {
    let s = G[j]![j]!;
    for (let k = 0; k < j; k++) s -= R[k]![j]! ** 2;
    if (!(s > 0)) throw new RangeError('cholesky: not positive definite');
    const r = Math.sqrt(s);
    R[j]![j] = r;
    for (let i = j + 1; i < m; i++) {
      let t = G[j]![i]!;
      for (let k = 0; k < j; k++) t -= R[k]![j]! * R[k]![i]!;
      R[j]![i] = t / r;
    }
  }
  return R;
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi (float64): values descending, vectors as columns of V. */
export function jacobiEig(M: number[][]): { values: number[]; V: number[][] } {
  const d = M.length;
  const A = M.map((r) => r.slice());
  const V: number[][] = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let tot = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) (i === j ? (tot += A[i]![j]! ** 2) : (off += A[i]![j]! ** 2));
    if (off <= 1e-32 * (tot + off) || off === 0) break;
    for (let p = 0; p < d; p++)
      for (let q = p + 1; q < d; q++) {
        const apq = A[p]![q]!;
        if (apq === 0) continue;
        const theta = (A[q]![q]! - A[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = A[k]![p]!;
          const akq = A[k]![q]!;
          A[k]![p] = c * akp - s * akq;
          A[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = A[p]![k]!;
          const aqk = A[q]![k]!;
          A[p]![k] = c * apk - s * aqk;
          A[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = V[k]![p]!;
          const vkq = V[k]![q]!;
          V[k]![p] = c * vkp - s * vkq;
          V[k]![q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((a, b) => A[b]![b]! - A[a]![a]!);
  return { values: order.map((i) => A[i]![i]!), V: V.map((row) => order.map((i) => row[i]!)) };
}

export interface SampledDesign {
  d: number;
  n: number;
  /** d(d+1)/2 rows of d^2 (row-major vec M): 1/2 |A vec(M) - y|^2 is the training loss up to a constant */
  A: number[][];
  y: number[];
  /** extreme eigenvalues [mu, L] of the loss's Hessian on the symmetric coordinates (orthonormal basis) */
  spectrum: [number, number];
}

/**
 * n Gaussian inputs of dimension d, the centred features, and the compressed design of the loss
 * 1/(4n) sum (<x x^T - I, M> - y)^2, y = <x x^T - I, S*> + noise xi (xi standard normal; noise 0:
 * noiseless labels). Compressed labels y' solve R^T y' = sum_mu b_mu y_mu.
 */
export function sampledDesign(S: number[][], n: number, rng: Rng, noise = 0): SampledDesign {
  const d = S.length;
  const pairs = symmetricPairs(d);
  const m = pairs.length;
  // b_mu over the coordinates s_ij: <B, M> = sum_{i<=j} b_ij s_ij, b_ii = B_ii, b_ij = 2 B_ij; B = (x x^T - I)/sqrt(2n)
  const G = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const b = new Array<number>(m);
  const x = new Array<number>(d);
  const c = 1 / Math.sqrt(2 * n);
  const s = pairs.map(([i, j]) => S[i]![j]!);
  const h = new Array<number>(m).fill(0);
  for (let mu = 0; mu < n; mu++) {
    for (let i = 0; i < d; i++) x[i] = gauss(rng);
    pairs.forEach(([i, j], k) => (b[k] = (i === j ? x[i]! * x[i]! - 1 : 2 * x[i]! * x[j]!) * c));
    const label = b.reduce((t, v, k) => t + v * s[k]!, 0) + (noise > 0 ? noise * c * gauss(rng) : 0);
    for (let p = 0; p < m; p++) h[p] = h[p]! + b[p]! * label;
    for (let p = 0; p < m; p++) {
      const bp = b[p]!;
      const row = G[p]!;
      for (let q = p; q < m; q++) row[q] = row[q]! + bp * b[q]!;
    }
  }
  for (let p = 0; p < m; p++) for (let q = 0; q < p; q++) G[p]![q] = G[q]![p]!;
  const R = cholesky(G);
  const A = R.map((row) => {
    const v = new Array<number>(d * d).fill(0);
    pairs.forEach(([i, j], k) => {
      if (i === j) v[i * d + i] = row[k]!;
      else v[i * d + j] = v[j * d + i] = row[k]! / 2;
    });
    return v;
  });
  // R^T y = h, R upper triangular: forward substitution
  const y = new Array<number>(m).fill(0);
  for (let p = 0; p < m; p++) {
    let t = h[p]!;
    for (let k = 0; k < p; k++) t -= R[k]![p]! * y[k]!;
    y[p] = t / R[p]![p]!;
  }
  // Hessian in the orthonormal basis (e_ij + e_ji)/sqrt 2: scale coordinates by 1/sqrt 2 off the diagonal
  const w = pairs.map(([i, j]) => (i === j ? 1 : Math.SQRT1_2));
  const H = G.map((row, p) => row.map((g, q) => g * w[p]! * w[q]!));
  const ev = jacobiEig(H).values;
  return { d, n, A, y, spectrum: [ev[ev.length - 1]!, ev[0]!] };
}

export interface ConvexSolution {
  S: number[][];
  values: number[];
  iterations: number;
  converged: boolean;
}

/**
 * min over symmetric M of 1/2 |A vec(M) - y|^2 + kappa |M|_*, by proximal gradient (step 2/(L+mu),
 * spectral soft threshold at t kappa), until no entry moves by more than tol.
 */
export function nuclearEstimator(D: SampledDesign, kappa: number, tol = 1e-14, maxIter = 200000): ConvexSolution {
  const { d, A, y } = D;
  const [mu, L] = D.spectrum;
  const t = 2 / (L + mu);
  let M = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  let values = new Array<number>(d).fill(0);
  for (let it = 0; it < maxIter; it++) {
    const G = new Array<number>(d * d).fill(0);
    for (let k = 0; k < A.length; k++) {
      const row = A[k]!;
      let r = -y[k]!;
      for (let j = 0; j < d * d; j++) r += row[j]! * M[Math.floor(j / d)]![j % d]!;
      for (let j = 0; j < d * d; j++) G[j] = G[j]! + row[j]! * r;
    }
    const Z = M.map((row, i) => row.map((v, j) => v - (t * (G[i * d + j]! + G[j * d + i]!)) / 2));
    const e = jacobiEig(Z);
    values = e.values.map((v) => Math.sign(v) * Math.max(0, Math.abs(v) - t * kappa));
    const next = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => values.reduce((s, v, k) => s + v * e.V[i]![k]! * e.V[j]![k]!, 0)));
    let moved = 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) moved = Math.max(moved, Math.abs(next[i]![j]! - M[i]![j]!));
    M = next;
    if (moved <= tol && it > 0) return { S: M, values, iterations: it + 1, converged: true };
  }
  return { S: M, values, iterations: maxIter, converged: false };
}
