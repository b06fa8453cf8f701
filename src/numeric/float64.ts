/**
 * Float64 linear algebra for simulations (dimensions in the hundreds): dense symmetric
 * matrices as row-major Float64Array, Gaussian draws from the seeded Rng, and the top
 * eigenpairs of a symmetric matrix by Lanczos. The small dense eigenproblems (the Lanczos
 * tridiagonal, full decompositions in tests) and QR go through ml-matrix.
 */
import { EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix';
import type { Rng } from './rng.js';

/**
 * A standard normal draw (Box–Muller; the second value of each pair is kept for the next call),
 * with uniform, Gamma and chi-squared draws, all from a seeded {@link Rng}.
 *
 * @example
 * ```ts
 * import { Gaussian, Rng } from 'scalecheck/numeric';
 *
 * const g = new Gaussian(new Rng(7));
 * const z = g.next(); // N(0, 1)
 * const noise = g.fill(new Float64Array(100)); // 100 more, by the polar method
 * ```
 */
export class Gaussian {
  private spare: number | undefined;
  constructor(private readonly rng: Rng) {}
  /** one N(0, 1) draw */
  next(): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return s;
    }
    // 1 - u in (0, 1]: log never sees 0
    const r = Math.sqrt(-2 * Math.log(1 - this.rng.next()));
    const t = 2 * Math.PI * this.rng.next();
    this.spare = r * Math.sin(t);
    return r * Math.cos(t);
  }
  /** uniform on (0, 1] (never 0: logs and powers of it are safe) */
  uniform(): number {
    return 1 - this.rng.next();
  }
  /** Gamma(a, 1) by Marsaglia–Tsang (a < 1 through Gamma(a + 1) U^(1/a)). */
  gamma(a: number): number {
    if (a < 1) return this.gamma(a + 1) * this.uniform() ** (1 / a);
    const dd = a - 1 / 3;
    const c = 1 / Math.sqrt(9 * dd);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.next();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
    }
  }
  /** chi-squared with k degrees of freedom */
  chi2(k: number): number {
    return 2 * this.gamma(k / 2);
  }
  /** fills with pairs from Marsaglia's polar method (no trigonometric calls: the hot path of simulations) */
  fill(out: Float64Array): Float64Array {
    const rng = this.rng;
    let i = 0;
    if (this.spare !== undefined && out.length > 0) out[i++] = this.next();
    while (i < out.length) {
      let u = 0;
      let v = 0;
      let s = 0;
      do {
        u = 2 * rng.next() - 1;
        v = 2 * rng.next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      out[i++] = u * f;
      if (i < out.length) out[i++] = v * f;
      else this.spare = v * f;
    }
    return out;
  }
}

/** r orthonormal rows in R^d (row-major r x d): QR of a Gaussian d x r matrix. */
export function orthonormalRows(g: Gaussian, r: number, d: number): Float64Array {
  if (r > d) throw new RangeError(`cannot have ${r} orthonormal rows in dimension ${d}`);
  const G = new Matrix(d, r);
  for (let i = 0; i < d; i++) for (let j = 0; j < r; j++) G.set(i, j, g.next());
  const Q = new QrDecomposition(G).orthogonalMatrix;
  const W = new Float64Array(r * d);
  for (let k = 0; k < r; k++) for (let i = 0; i < d; i++) W[k * d + i] = Q.get(i, k);
  return W;
}

export function dot(a: Float64Array, b: Float64Array, aOff = 0, bOff = 0, n = a.length - aOff): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[aOff + i]! * b[bOff + i]!;
  return s;
}

/** y = A x for a dense n x n row-major A. */
export function symMatVec(A: Float64Array, n: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < n; i++) y[i] = dot(A, x, i * n, 0, n);
}

export interface TopEigen {
  /** eigenvalues, descending */
  values: number[];
  /** the matching unit eigenvectors */
  vectors: Float64Array[];
  /** residual norms |A v - lambda v| */
  residuals: number[];
}

/**
 * The k largest eigenpairs of a symmetric n x n matrix by Lanczos with full
 * reorthogonalisation (twice, Gram–Schmidt), m = min(n, max(3k, k + 60)) steps by default:
 * outliers separated from a bulk converge in a few dozen steps, far faster than a full
 * decomposition of the whole matrix.
 */
export function topEigen(A: Float64Array, n: number, k: number, start: Float64Array, steps?: number): TopEigen {
  const m = Math.min(n, steps ?? Math.max(3 * k, k + 60));
  const Q: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let q = start.slice();
  let nq = Math.sqrt(dot(q, q));
  for (let i = 0; i < n; i++) q[i]! /= nq;
  const w = new Float64Array(n);
  for (let j = 0; j < m; j++) {
    Q.push(q);
    symMatVec(A, n, q, w);
    alpha.push(dot(q, w));
    for (let pass = 0; pass < 2; pass++)
      for (const p of Q) {
        const c = dot(p, w);
        for (let i = 0; i < n; i++) w[i]! -= c * p[i]!;
      }
    nq = Math.sqrt(dot(w, w));
    if (j === m - 1 || nq < 1e-12 * Math.abs(alpha[0]! || 1)) break;
    beta.push(nq);
    q = new Float64Array(n);
    for (let i = 0; i < n; i++) q[i] = w[i]! / nq;
  }
  const s = Q.length;
  const Tm = new Matrix(s, s);
  for (let i = 0; i < s; i++) {
    Tm.set(i, i, alpha[i]!);
    if (i + 1 < s) {
      Tm.set(i, i + 1, beta[i]!);
      Tm.set(i + 1, i, beta[i]!);
    }
  }
  const evd = new EigenvalueDecomposition(Tm, { assumeSymmetric: true });
  const vals = evd.realEigenvalues;
  const S = evd.eigenvectorMatrix;
  const order = vals.map((_, i) => i).sort((a, b) => vals[b]! - vals[a]!);
  const out: TopEigen = { values: [], vectors: [], residuals: [] };
  const Av = new Float64Array(n);
  for (const idx of order.slice(0, Math.min(k, s))) {
    const v = new Float64Array(n);
    for (let j = 0; j < s; j++) {
      const c = S.get(j, idx);
      const qj = Q[j]!;
      for (let i = 0; i < n; i++) v[i]! += c * qj[i]!;
    }
    const nv = Math.sqrt(dot(v, v));
    for (let i = 0; i < n; i++) v[i]! /= nv;
    symMatVec(A, n, v, Av);
    const lam = vals[idx]!;
    let r = 0;
    for (let i = 0; i < n; i++) r += (Av[i]! - lam * v[i]!) ** 2;
    out.values.push(lam);
    out.vectors.push(v);
    out.residuals.push(Math.sqrt(r));
  }
  return out;
}

/** All eigenvalues of a symmetric n x n row-major matrix, descending (ml-matrix; for checks). */
export function eigenvaluesSym(A: Float64Array, n: number): number[] {
  const M = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, A[i * n + j]!);
  return [...new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues].sort((a, b) => b - a);
}

/**
 * Least-squares slope of y against x.
 *
 * @example
 * ```ts
 * import { slope } from 'scalecheck/numeric';
 *
 * slope([0, 1, 2], [1, 3, 5]); // 2
 * ```
 */
export function slope(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxy / sxx;
}
