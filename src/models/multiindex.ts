/**
 * Gaussian multi-index data in float64 for spectral simulations: inputs x ~ N(0, I_d), labels
 * y = sum_k theta_k He_2(w_k . x) + sqrt(noise) xi with orthonormal directions w_k, the
 * spectral matrix T = (1/n) sum y (x x^T - I) accumulated over a growing sample (so a sweep
 * over n costs one pass), and the quantities read off its top eigenvectors: squared overlaps
 * with the directions, a readout on fresh samples and its exact excess risk.
 */
import { dot, Gaussian, orthonormalRows, topEigen } from '../numeric/float64.js';
import { Rng } from '../numeric/rng.js';

export interface HermiteTargetSpec {
  d: number;
  /** strengths theta_k, one per direction (r = theta.length <= d) */
  theta: number[];
  /** variance of the additive Gaussian label noise */
  noise: number;
  seed: number;
  /**
   * take the directions along the first r coordinate axes: the law of x is rotation invariant,
   * so every rotation-invariant quantity (spectra, overlaps, risks) has the same law, and a
   * label costs O(r) instead of O(r d)
   */
  axes?: boolean;
}

/** The target: directions (r x d, orthonormal rows) and its label rule. */
export class HermiteTarget {
  readonly d: number;
  readonly r: number;
  readonly W: Float64Array;
  readonly theta: number[];
  readonly noise: number;
  private readonly axes: boolean;
  constructor(spec: HermiteTargetSpec) {
    this.d = spec.d;
    this.r = spec.theta.length;
    this.theta = spec.theta.slice();
    this.noise = spec.noise;
    this.axes = spec.axes === true;
    if (this.r > this.d) throw new RangeError(`cannot have ${this.r} orthonormal directions in dimension ${this.d}`);
    if (this.axes) {
      this.W = new Float64Array(this.r * this.d);
      for (let k = 0; k < this.r; k++) this.W[k * this.d + k] = 1;
    } else this.W = orthonormalRows(new Gaussian(new Rng(spec.seed ^ 0x5bd1e995)), this.r, this.d);
  }
  /** E[y^2] = noise + 2 sum theta_k^2 (He_2 has variance 2; the terms are uncorrelated) */
  labelVariance(): number {
    return this.noise + 2 * this.theta.reduce((s, t) => s + t * t, 0);
  }
  label(x: Float64Array, off: number, xi: number): number {
    let y = Math.sqrt(this.noise) * xi;
    for (let k = 0; k < this.r; k++) {
      const z = this.axes ? x[off + k]! : dot(this.W, x, k * this.d, off, this.d);
      y += this.theta[k]! * (z * z - 1);
    }
    return y;
  }
}

/** Independent labelled samples from one seed, drawn in blocks as the sample grows. */
export class SampleStream {
  private readonly g: Gaussian;
  constructor(readonly target: HermiteTarget, seed: number) {
    this.g = new Gaussian(new Rng(seed));
  }
  draw(count: number): { X: Float64Array; y: Float64Array } {
    const d = this.target.d;
    const X = this.g.fill(new Float64Array(count * d));
    const y = new Float64Array(count);
    for (let m = 0; m < count; m++) y[m] = this.target.label(X, m * d, this.g.next());
    return { X, y };
  }
}

/** Running sums for T = (1/n) sum y x x^T - mean(y) I (lower triangle of the sum). */
export class SpectralMatrix {
  readonly S: Float64Array;
  n = 0;
  sumY = 0;
  sumY2 = 0;
  constructor(readonly d: number) {
    this.S = new Float64Array(d * d);
  }
  add(X: Float64Array, y: Float64Array): void {
    const d = this.d;
    const S = this.S;
    const count = y.length;
    let m = 0;
    // four samples per sweep of the triangle: a quarter of the memory traffic on S
    for (; m + 3 < count; m += 4) {
      const o0 = m * d;
      const o1 = o0 + d;
      const o2 = o1 + d;
      const o3 = o2 + d;
      const y0 = y[m]!;
      const y1 = y[m + 1]!;
      const y2 = y[m + 2]!;
      const y3 = y[m + 3]!;
      for (let i = 0; i < d; i++) {
        const a0 = y0 * X[o0 + i]!;
        const a1 = y1 * X[o1 + i]!;
        const a2 = y2 * X[o2 + i]!;
        const a3 = y3 * X[o3 + i]!;
        const row = i * d;
        for (let j = 0; j <= i; j++) S[row + j]! += a0 * X[o0 + j]! + a1 * X[o1 + j]! + a2 * X[o2 + j]! + a3 * X[o3 + j]!;
      }
    }
    for (; m < count; m++) {
      const o = m * d;
      const ym = y[m]!;
      for (let i = 0; i < d; i++) {
        const a = ym * X[o + i]!;
        const row = i * d;
        for (let j = 0; j <= i; j++) S[row + j]! += a * X[o + j]!;
      }
    }
    for (let k = 0; k < count; k++) {
      this.sumY += y[k]!;
      this.sumY2 += y[k]! * y[k]!;
    }
    this.n += count;
  }
  /** T as a full symmetric row-major matrix */
  matrix(): Float64Array {
    const d = this.d;
    const T = new Float64Array(d * d);
    const ybar = this.sumY / this.n;
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) {
        const v = this.S[i * d + j]! / this.n;
        T[i * d + j] = v;
        T[j * d + i] = v;
      }
      T[i * d + i]! -= ybar;
    }
    return T;
  }
  meanY(): number {
    return this.sumY / this.n;
  }
  meanY2(): number {
    return this.sumY2 / this.n;
  }
}

/** q_k = |P_V w_k|^2: the squared overlap of each direction with the span of the (orthonormal) vectors V. */
export function subspaceOverlaps(V: Float64Array[], t: HermiteTarget): number[] {
  return Array.from({ length: t.r }, (_, k) => V.reduce((s, v) => s + dot(v, t.W, 0, k * t.d, t.d) ** 2, 0));
}

/**
 * The readout's cross-moments on fresh samples: C = (1/n) sum y (u u^T - I) with u = V x (K x K),
 * and mean(y). With orthonormal V, u ~ N(0, I_K) and the degree-2 Hermite features
 * u_i u_j - delta_ij are orthogonal with norms E[(u_i^2 - 1)^2] = 2, E[(u_i u_j)^2] = 1.
 */
export function hermiteMoments(V: Float64Array[], X: Float64Array, y: Float64Array, d: number): { C: number[][]; ybar: number } {
  const K = V.length;
  const n = y.length;
  const C = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const u = new Float64Array(K);
  let sy = 0;
  for (let m = 0; m < n; m++) {
    const ym = y[m]!;
    sy += ym;
    for (let i = 0; i < K; i++) u[i] = dot(V[i]!, X, 0, m * d, d);
    for (let i = 0; i < K; i++) for (let j = 0; j <= i; j++) C[i]![j]! += ym * u[i]! * u[j]!;
  }
  const ybar = sy / n;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j <= i; j++) {
      C[i]![j]! /= n;
      C[j]![i] = C[i]![j]!;
    }
    C[i]![i]! -= ybar;
  }
  return { C, ybar };
}

/**
 * Ridge regression on the degree-2 Hermite features of u = V x with their Gaussian Gram
 * (diagonal: 2 for u_i^2 - 1, 1 for u_i u_j): coefficients C_ii / (2 + ridge), C_ij / (1 + ridge).
 * Returned as the symmetric matrix A of the predictor f(x) = b + x^T V^T A V x - tr A.
 */
export function hermiteRidge(C: number[][], ridge: number): number[][] {
  return C.map((row, i) => row.map((c, j) => (i === j ? c / (2 + ridge) : c / (2 * (1 + ridge)))));
}

/**
 * Exact excess risk E[(f - g)^2] over x ~ N(0, I) of f(x) = b + x^T V^T A V x - tr A against
 * g(x) = sum_k theta_k He_2(w_k . x): both centred quadratic forms, so it equals
 * b^2 + 2 |V^T A V - W^T diag(theta) W|_F^2.
 */
export function quadraticExcessRisk(V: Float64Array[], A: number[][], b: number, t: HermiteTarget): number {
  const K = V.length;
  const G = V.map((v) => Array.from({ length: t.r }, (_, k) => dot(v, t.W, 0, k * t.d, t.d)));
  let aa = 0;
  let cross = 0;
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      aa += A[i]![j]! ** 2;
      let m = 0;
      for (let k = 0; k < t.r; k++) m += G[i]![k]! * t.theta[k]! * G[j]![k]!;
      cross += A[i]![j]! * m;
    }
  const tt = t.theta.reduce((s, x) => s + x * x, 0);
  // |VtAV|^2 = |A|^2 (orthonormal V); the target's rows are orthonormal too
  return b * b + 2 * (aa + tt - 2 * cross);
}

export interface TwoStageSweep {
  alphas: number[];
  /** excess risk of the two-stage estimator */
  risk: number[];
  /** squared overlap of each direction with the estimated subspace, per alpha */
  q: number[][];
  /** soft count of recovered directions: sum_k q_k */
  count: number[];
  /** outlier eigenvalues used */
  K: number[];
}

/**
 * The two-stage procedure over a sweep of alpha = n/d (one pass over a growing sample): the
 * eigenvectors of T whose eigenvalues clear the estimated bulk edge 2 sqrt(mean(y^2) / alpha)
 * (widened by 1 + 3 / alpha, the finite-alpha growth of the edge) estimate the subspace; a
 * ridge readout on the degree-2 Hermite features of that subspace is fitted on n fresh
 * samples; its excess risk is exact. `maxOutliers` bounds the Ritz pairs computed.
 */
export function twoStageSweep(target: HermiteTarget, alphas: number[], seed: number, maxOutliers: number): TwoStageSweep {
  const d = target.d;
  const stream = new SampleStream(target, seed ^ 0x68e31da4);
  const fresh = new SampleStream(target, seed ^ 0x1b873593).draw(Math.round(Math.max(...alphas) * d));
  const T = new SpectralMatrix(d);
  const start = new Gaussian(new Rng(seed)).fill(new Float64Array(d));
  const out: TwoStageSweep = { alphas: alphas.slice(), risk: [], q: [], count: [], K: [] };
  for (const alpha of alphas) {
    const n = Math.round(alpha * d);
    const batch = stream.draw(n - T.n);
    T.add(batch.X, batch.y);
    const top = topEigen(T.matrix(), d, Math.min(maxOutliers, d), start);
    const edge = 2 * Math.sqrt(T.meanY2() / alpha) * (1 + 3 / alpha);
    const K = top.values.filter((v) => v > edge).length;
    const V = top.vectors.slice(0, K);
    const { C, ybar } = hermiteMoments(V, fresh.X.subarray(0, n * d), fresh.y.subarray(0, n), d);
    out.risk.push(quadraticExcessRisk(V, hermiteRidge(C, 1e-3), ybar, target));
    const q = subspaceOverlaps(V, target);
    out.q.push(q);
    out.count.push(q.reduce((a, b) => a + b, 0));
    out.K.push(K);
  }
  return out;
}
