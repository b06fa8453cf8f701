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

/** The top eigenvectors of the spectral matrix that stand above its bulk edge (with a margin of 3/alpha), and how many. */
function outliers(T: SpectralMatrix, alpha: number, d: number, maxOutliers: number, start: Float64Array): { K: number; V: Float64Array[] } {
  const top = topEigen(T.matrix(), d, Math.min(maxOutliers, d), start);
  const edge = 2 * Math.sqrt(T.meanY2() / alpha) * (1 + 3 / alpha);
  const K = top.values.filter((v) => v > edge).length;
  return { K, V: top.vectors.slice(0, K) };
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
    const { K, V } = outliers(T, alpha, d, maxOutliers, start);
    const { C, ybar } = hermiteMoments(V, fresh.X.subarray(0, n * d), fresh.y.subarray(0, n), d);
    out.risk.push(quadraticExcessRisk(V, hermiteRidge(C, 1e-3), ybar, target));
    const q = subspaceOverlaps(V, target);
    out.q.push(q);
    out.count.push(q.reduce((a, b) => a + b, 0));
    out.K.push(K);
  }
  return out;
}

export interface ProbeReading {
  /** the probe's squared overlap with the span of the top eigenvectors */
  q: number;
  /** the eigenvalue of the top eigenvector nearest the probe */
  outlier: number;
  /**
   * the noise level of T, s^2 = d mean T_ij^2 over the pairs i < j of coordinates no direction
   * uses (their entries are centred with variance E[y^2] / n exactly)
   */
  s2: number;
  /**
   * the probe's diagonal entry T_00 = (1/n) sum y (x_0^2 - 1): its mean is E[y He_2(x_0)] = 2 theta
   * exactly, whatever the sample size (a control variate for readings off the outlier)
   */
  diag: number;
  /**
   * the probe's row off every direction, sum_(j >= r) T_0j^2: its mean is (d - r) E[y^2 x_0^2] / n
   * exactly (x_j is independent of y and x_0)
   */
  row2: number;
}

/**
 * A probed direction (axis 0) at several strengths theta_l on one growing sample: the labels are
 * y_l = theta_l He_2(x_0) + (the target's own label, whose theta_0 must be 0), so T_l = theta_l A
 * + B with A and B accumulated once (A on He_2(x_0), B on the rest), and the strengths share
 * every sample. At each n in ns[l] (one list per strength), the top `top` eigenpairs of T_l by
 * Lanczos give the probe's squared overlap with their span and the eigenvalue of the one nearest
 * the probe; the noise level is read off T_l's entries away from every direction.
 */
export function probeStrengths(target: HermiteTarget, thetas: number[], ns: number[][], seed: number, top: number): ProbeReading[][] {
  if (target.W[0] !== 1 || target.theta[0] !== 0) throw new RangeError('probeStrengths needs a target on axes with theta_0 = 0 (the probe along axis 0, added per strength)');
  const d = target.d;
  const r = target.r;
  if (d - r < 2) throw new RangeError('no pair of coordinates left for the noise level');
  const stream = new SampleStream(target, seed ^ 0x2545f491);
  // one strength: T itself, one accumulator (its labels with the probe's term added)
  const single = thetas.length === 1;
  const A = new SpectralMatrix(d);
  const B = new SpectralMatrix(d);
  const start = new Gaussian(new Rng(seed)).fill(new Float64Array(d));
  const at = [...new Set(ns.flat())].sort((a, b) => a - b);
  const out: ProbeReading[][] = ns.map(() => []);
  for (const n of at) {
    const batch = stream.draw(n - B.n);
    const he = new Float64Array(batch.y.length);
    for (let m = 0; m < he.length; m++) he[m] = batch.X[m * d]! ** 2 - 1;
    if (single) B.add(batch.X, batch.y.map((y, m) => y + thetas[0]! * he[m]!));
    else {
      A.add(batch.X, he);
      B.add(batch.X, batch.y);
    }
    const MA = single ? undefined : A.matrix();
    const MB = B.matrix();
    ns.forEach((list, l) => {
      if (!list.includes(n)) return;
      const T = MA ? new Float64Array(d * d) : MB;
      if (MA) for (let i = 0; i < d * d; i++) T[i] = thetas[l]! * MA[i]! + MB[i]!;
      // Lanczos short of the full dimension (a complete Krylov basis loses orthogonality)
      const eig = topEigen(T, d, top, start, Math.min(d - 4, Math.max(3 * top, top + 60)));
      let best = 0;
      eig.vectors.forEach((v, j) => {
        if (v[0]! ** 2 > eig.vectors[best]![0]! ** 2) best = j;
      });
      let row2 = 0;
      for (let j = r; j < d; j++) row2 += T[j]! ** 2;
      const q = eig.vectors.reduce((acc, v) => acc + v[0]! ** 2, 0);
      out[l]!.push({ q, outlier: eig.values[best]!, s2: bulkNoiseLevel(T, d, r), diag: T[0]!, row2 });
    });
  }
  return out;
}

export interface OracleSweep {
  alphas: number[];
  /** excess risk of the top-K subspace with the best quadratic readout on it, plus the tail's */
  risk: number[];
  /** outlier eigenvalues used */
  K: number[];
}

/**
 * The spectral estimator over a sweep of alpha = n/d (one pass over a growing sample), with the
 * readout at its d -> infinity limit: the eigenvectors of T above the estimated bulk edge
 * 2 sqrt(mean(y^2) / alpha) (widened by 1 + 3 / alpha, the finite-alpha growth of the edge) span
 * V, and the best quadratic readout on V (the target's form projected on V: a ridge fit on n =
 * alpha d fresh samples converges to it at fixed alpha, its estimation error K^2 sigma^2 / (2n)
 * vanishing with d) leaves the excess risk 2 (sum_k theta_k^2 - |G Theta G^T|_F^2), G = V W^T.
 * tailEnergy: sum theta_k^2 over directions beyond the target's (never recovered: modelled by
 * the caller as label noise of variance 2 tailEnergy), added to the risk as 2 tailEnergy.
 */
export function oracleSweep(target: HermiteTarget, alphas: number[], seed: number, maxOutliers: number, tailEnergy = 0): OracleSweep {
  const d = target.d;
  const stream = new SampleStream(target, seed ^ 0x68e31da4);
  const T = new SpectralMatrix(d);
  const start = new Gaussian(new Rng(seed)).fill(new Float64Array(d));
  const out: OracleSweep = { alphas: alphas.slice(), risk: [], K: [] };
  const energy = target.theta.reduce((s, t) => s + t * t, 0);
  for (const alpha of alphas) {
    const n = Math.round(alpha * d);
    const batch = stream.draw(n - T.n);
    T.add(batch.X, batch.y);
    const { K, V } = outliers(T, alpha, d, maxOutliers, start);
    if (K >= Math.min(maxOutliers, d)) throw new RangeError(`all ${K} Ritz pairs computed are outliers: raise maxOutliers`);
    // G Theta G^T (K x K), G_ik = <v_i, w_k>
    const G = V.map((v) => Array.from({ length: target.r }, (_, k) => dot(v, target.W, 0, k * d, d)));
    let proj = 0;
    for (let i = 0; i < K; i++)
      for (let j = 0; j < K; j++) {
        let m = 0;
        for (let k = 0; k < target.r; k++) m += G[i]![k]! * target.theta[k]! * G[j]![k]!;
        proj += m * m;
      }
    out.risk.push(2 * (energy - proj) + 2 * tailEnergy);
    out.K.push(K);
  }
  return out;
}

export interface CascadeReading {
  /** the sample size n (alpha = n / d) */
  n: number;
  /** the eigenvalues computed, descending */
  values: number[];
  /** per eigenpair computed, per direction: the squared overlap v_j[k]^2 */
  mass: number[][];
  /** how many stand above the estimated bulk edge 2 sqrt(mean(y^2) / alpha) (1 + 3 / alpha) */
  K: number;
  /** per direction: the eigenvalue of the computed eigenvector nearest it (largest squared overlap) */
  outlier: number[];
  /** per direction: its squared overlap with the span of the K outlier eigenvectors */
  q: number[];
  /** the noise level of T: d mean T_ij^2 over the pairs i < j of coordinates no direction uses */
  s2: number;
  /**
   * prediction error of the outlier subspace V with its best quadratic readout (the target's form
   * projected on V: a readout fitted on fresh samples converges to it at fixed alpha as d grows),
   * averaged over the fresh test inputs: mean (f(x) - g(x))^2, g the noiseless target (NaN without
   * test inputs)
   */
  risk: number;
  /**
   * per part (a list of directions, opts.parts): the prediction error of the part of the target on
   * those directions by the part of the readout that explains it (the part's form projected on V),
   * on the same test inputs
   */
  partRisk: number[];
  /** the prediction error in closed form, 2 (sum theta_k^2 - |G Theta G^T|_F^2) (E[He_2^2] = 2) */
  exactRisk: number;
}

/**
 * The spectral estimator of a target on axes (noise 0 in the target) read at several label-noise
 * variances on one growing sample: the labels y_l = s + sqrt(noise_l) xi share the inputs, the
 * signal s and the noise draws xi, so T_l = T_s + sqrt(noise_l) T_xi with T_s and T_xi accumulated
 * once (a single variance: T itself, one accumulator). At each n in ns[l] (one list per variance)
 * the top `top` eigenpairs of T_l by Lanczos give every direction's outlier and overlaps, the
 * noise level off T_l's entries away from every direction, and the prediction error of the
 * outlier subspace on `test` fresh inputs (one test set per seed, shared by every reading), whole
 * and by parts of the target (opts.parts: lists of directions).
 */
export function cascadeReadings(target: HermiteTarget, noises: number[], ns: number[][], seed: number, opts: { top: number; test: number; parts?: number[][] }): CascadeReading[][] {
  const d = target.d;
  const r = target.r;
  for (let k = 0; k < r; k++) if (target.W[k * d + k] !== 1) throw new RangeError('cascadeReadings needs a target on axes');
  if (target.noise !== 0) throw new RangeError('cascadeReadings adds the label noise itself: the target must have noise 0');
  if (d - r < 2) throw new RangeError('no pair of coordinates left for the noise level');
  if (noises.length !== ns.length) throw new RangeError('one list of sample sizes per noise variance');
  const g = new Gaussian(new Rng(seed ^ 0x3c6ef372));
  const single = noises.length === 1;
  // single: the labels themselves; otherwise the signal and the noise draws apart
  const S = new SpectralMatrix(d);
  const N = new SpectralMatrix(d);
  let sumSXi = 0;
  const start = new Gaussian(new Rng(seed)).fill(new Float64Array(d));
  const testX = new Gaussian(new Rng(seed ^ 0x7f4a7c15)).fill(new Float64Array(opts.test * d));
  const parts = opts.parts ?? [];
  const thetaOf = (dirs: number[]): number[] => target.theta.map((t, k) => (dirs.includes(k) ? t : 0));
  const at = [...new Set(ns.flat())].sort((a, b) => a - b);
  const out: CascadeReading[][] = ns.map(() => []);
  // Lanczos short of the full dimension (a complete Krylov basis loses orthogonality)
  const steps = Math.min(d - 4, Math.max(3 * opts.top, opts.top + 60));
  for (const n of at) {
    const count = n - S.n;
    const X = g.fill(new Float64Array(count * d));
    const xi = g.fill(new Float64Array(count));
    const s = new Float64Array(count);
    for (let m = 0; m < count; m++) s[m] = target.label(X, m * d, 0);
    if (single) S.add(X, s.map((v, m) => v + Math.sqrt(noises[0]!) * xi[m]!));
    else {
      S.add(X, s);
      N.add(X, xi);
      for (let m = 0; m < count; m++) sumSXi += s[m]! * xi[m]!;
    }
    const MS = S.matrix();
    const MN = single ? undefined : N.matrix();
    ns.forEach((list, l) => {
      if (!list.includes(n)) return;
      const a = Math.sqrt(noises[l]!);
      // T is linear in the labels, its -mean(y) I included
      const T = MN ? MS.map((v, i) => v + a * MN[i]!) : MS;
      const meanY2 = MN ? (S.sumY2 + 2 * a * sumSXi + a * a * N.sumY2) / n : S.meanY2();
      const alpha = n / d;
      const eig = topEigen(T, d, opts.top, start, steps);
      const edge = 2 * Math.sqrt(meanY2 / alpha) * (1 + 3 / alpha);
      const K = eig.values.filter((v) => v > edge).length;
      const mass = eig.vectors.map((v) => Array.from({ length: r }, (_, k) => v[k]! ** 2));
      const outlier = Array.from({ length: r }, (_, k) => {
        let best = 0;
        mass.forEach((m, j) => {
          if (m[k]! > mass[best]![k]!) best = j;
        });
        return eig.values[best]!;
      });
      const V = eig.vectors.slice(0, K);
      const q = Array.from({ length: r }, (_, k) => mass.slice(0, K).reduce((acc, m) => acc + m[k]!, 0));
      const A = projectedReadout(V, target.theta);
      out[l]!.push({
        n,
        values: eig.values,
        mass,
        K,
        outlier,
        q,
        s2: bulkNoiseLevel(T, d, r),
        risk: projectedRisk(V, target.theta, testX, d, opts.test),
        partRisk: parts.map((dirs) => projectedRisk(V, thetaOf(dirs), testX, d, opts.test)),
        exactRisk: quadraticExcessRisk(V, A, 0, target),
      });
    });
  }
  return out;
}

/**
 * The outliers of a level of equally strong directions (a degenerate spike): the mean eigenvalue
 * of the dirs.length computed eigenvectors with the most squared overlap on those directions
 * (within the level the eigenvectors mix, so no single one is nearest a given direction).
 */
export function levelOutlier(reading: CascadeReading, dirs: number[]): number {
  const onLevel = reading.mass.map((m, j) => ({ j, w: dirs.reduce((acc, k) => acc + m[k]!, 0) }));
  const chosen = onLevel.sort((a, b) => b.w - a.w).slice(0, dirs.length);
  return chosen.reduce((acc, c) => acc + reading.values[c.j]!, 0) / chosen.length;
}

/** A = G Theta G^T, G_ik = <v_i, w_k> = v_i[k] (a target on axes): the form sum_k theta_k (e_k . x)^2 projected on span V */
function projectedReadout(V: Float64Array[], theta: number[]): number[][] {
  return V.map((vi) => V.map((vj) => theta.reduce((acc, t, k) => acc + t * vi[k]! * vj[k]!, 0)));
}

/**
 * mean over the test inputs of (f - g)^2 for g = sum_k theta_k He_2(x_k) (a target on axes) and its
 * form projected on span V, f(x) = u^T A u - tr A with u = V x (NaN without test inputs)
 */
function projectedRisk(V: Float64Array[], theta: number[], X: Float64Array, d: number, count: number): number {
  const K = V.length;
  const A = projectedReadout(V, theta);
  const trA = A.reduce((acc, row, i) => acc + row[i]!, 0);
  const u = new Float64Array(K);
  let risk = 0;
  for (let m = 0; m < count; m++) {
    const off = m * d;
    for (let i = 0; i < K; i++) u[i] = dot(V[i]!, X, 0, off, d);
    let f = -trA;
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) f += A[i]![j]! * u[i]! * u[j]!;
    let g = 0;
    theta.forEach((t, k) => {
      if (t !== 0) g += t * (X[off + k]! ** 2 - 1);
    });
    risk += (f - g) ** 2;
  }
  return risk / count;
}

/**
 * The spike c of a spiked Wigner matrix from its outlier lambda = c + s^2 / c and its noise level
 * s^2 (semicircle radius 2 s): the larger root (far above the threshold the outlier is far above
 * the edge); at or below the edge, c = lambda / 2.
 */
/**
 * The noise level of a spectral matrix T (d x d, row-major): d times the mean T_ij^2 over the
 * pairs r <= j < i < d of coordinates no direction uses, whose entries are pure noise.
 */
export function bulkNoiseLevel(T: ArrayLike<number>, d: number, r: number): number {
  let sum = 0;
  let pairs = 0;
  for (let i = r; i < d; i++)
    for (let j = r; j < i; j++) {
      sum += T[i * d + j]! ** 2;
      pairs++;
    }
  return (d * sum) / pairs;
}

export function spikeOf(lambda: number, s2: number): number {
  return (lambda + Math.sqrt(Math.max(lambda * lambda - 4 * s2, 0))) / 2;
}

/**
 * The BBP threshold read off an outlier at alpha = n / d: alpha s^2 / c^2, c = spikeOf(lambda, s^2)
 * (the threshold is where c equals the noise radius over 2, c^2 = s^2(alpha_c) = s^2 alpha / alpha_c).
 */
export function thresholdOfOutlier(alpha: number, lambda: number, s2: number): number {
  return (alpha * s2) / spikeOf(lambda, s2) ** 2;
}
