/**
 * The spectral estimator of a Hermite multi-index target on axes, simulated in float64 for many
 * seeds: the same estimator as cascadeReadings (multiindex.ts), written for speed and with the
 * prediction error split for a control variate.
 *
 * Target y = sum_k theta_k He_2(x_k) + sqrt(noise) xi on the first r coordinates of x ~ N(0, I_d)
 * (the law of x is rotation invariant: directions on axes lose nothing). At each sample size n the
 * spectral matrix T = (1/n) sum y x x^T - mean(y) I is decomposed whole (Householder and QL,
 * sym-eigen64.ts); its eigenvalues above the estimated bulk edge 2 sqrt(mean(y^2) / alpha)
 * (1 + 3 / alpha), alpha = n / d, span the outlier subspace V, and the readout is the target's form
 * projected on V. Several label-noise variances share one sample: T = T_s + sqrt(noise) T_xi, the
 * signal's and the noise draws' matrices accumulated once, in one pass over the inputs.
 *
 * The prediction error is read on fresh test inputs as two means, of (f - g)^2 and of g^2 (f the
 * readout, g the noiseless target, whole or a part of it): their difference, f^2 - 2 f g, is the
 * error's departure from the whole energy and varies with f alone, so where f is small (directions
 * not recovered) it is known far better than either mean; the energy E[g^2] it is added to can be
 * integrated apart (targetEnergy, by Gauss–Hermite quadrature).
 */
import { symmetricEigen } from '../numeric/sym-eigen64.js';
import { ZigguratNormal } from '../numeric/ziggurat.js';
import { Fixed } from '../numeric/fixed.js';
import { gaussHermite } from '../numeric/gauss-hermite.js';
import { bulkNoiseLevel } from './multiindex.js';

export interface CascadeSimReading {
  /** the sample size (alpha = n / d) */
  n: number;
  /** the top eigenvalues of T, descending */
  values: number[];
  /** per top eigenvector j, per direction k: the squared overlap v_j[k]^2 */
  mass: number[][];
  /** how many eigenvalues stand above the estimated bulk edge */
  K: number;
  /** the noise level of T: d mean T_ij^2 over the pairs i < j of coordinates no direction uses */
  s2: number;
  /** per direction k: T_kk = (1/n) sum y (x_k^2 - 1), the spike's own entry (mean E[y He_2(x_k)]) */
  diag: number[];
  /**
   * per direction k: d mean T_ki^2 over the coordinates i no direction uses, the noise level of the
   * spike's own row (mean d E[y^2 x_k^2] / n exactly, x_i independent of y and x_k): what the
   * outlier adds to T_kk, to first order, is this over the outlier
   */
  rows: number[];
  /** means over the test inputs of (f - g)^2: whole target first, then each part */
  risk: number[];
  /** means over the same test inputs of g^2: whole target first, then each part */
  energy: number[];
}

export interface CascadeSimOptions {
  /** eigenpairs reported (values, mass) */
  top: number;
  /** fresh test inputs per seed (shared by every reading of the seed) */
  test: number;
  /** lists of directions whose part of the target is read apart */
  parts?: number[][];
  /**
   * per list of sample sizes: the dimension it is read at, the leading dims[l] <= d coordinates of
   * the one sample (nested: the directions sit on the first axes, so the labels do not depend on
   * it, and T at a smaller dimension is the leading block of T's sums); alpha = n / dims[l]
   */
  dims?: readonly number[];
}

let scratchBuf = new Float64Array(0);
/** a zeroed-on-demand work buffer of at least `size` entries, shared by the calls (each overwrites what it reads) */
function scratch(size: number): Float64Array {
  if (scratchBuf.length < size) scratchBuf = new Float64Array(size);
  return scratchBuf;
}

/** lower triangles of S += sum s_m x_m x_m^T and N += sum xi_m x_m x_m^T (N omitted: S alone) */
function accumulate(S: Float64Array, N: Float64Array | undefined, X: Float64Array, s: Float64Array, xi: Float64Array | undefined, count: number, d: number): void {
  let m = 0;
  // one accumulator: eight samples per sweep of the triangle (an eighth of the memory traffic on S)
  if (!N || !xi)
    for (; m + 7 < count; m += 8) {
      const o0 = m * d;
      const o1 = o0 + d;
      const o2 = o1 + d;
      const o3 = o2 + d;
      const o4 = o3 + d;
      const o5 = o4 + d;
      const o6 = o5 + d;
      const o7 = o6 + d;
      for (let i = 0; i < d; i++) {
        const a0 = s[m]! * X[o0 + i]!;
        const a1 = s[m + 1]! * X[o1 + i]!;
        const a2 = s[m + 2]! * X[o2 + i]!;
        const a3 = s[m + 3]! * X[o3 + i]!;
        const a4 = s[m + 4]! * X[o4 + i]!;
        const a5 = s[m + 5]! * X[o5 + i]!;
        const a6 = s[m + 6]! * X[o6 + i]!;
        const a7 = s[m + 7]! * X[o7 + i]!;
        const row = i * d;
        for (let j = 0; j <= i; j++)
          S[row + j]! += a0 * X[o0 + j]! + a1 * X[o1 + j]! + a2 * X[o2 + j]! + a3 * X[o3 + j]! + a4 * X[o4 + j]! + a5 * X[o5 + j]! + a6 * X[o6 + j]! + a7 * X[o7 + j]!;
      }
    }
  // two accumulators (or the rest): four samples per sweep, a quarter of the traffic on S and N
  for (; m + 3 < count; m += 4) {
    const o0 = m * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    for (let i = 0; i < d; i++) {
      const x0 = X[o0 + i]!;
      const x1 = X[o1 + i]!;
      const x2 = X[o2 + i]!;
      const x3 = X[o3 + i]!;
      const a0 = s[m]! * x0;
      const a1 = s[m + 1]! * x1;
      const a2 = s[m + 2]! * x2;
      const a3 = s[m + 3]! * x3;
      const row = i * d;
      if (N && xi) {
        const b0 = xi[m]! * x0;
        const b1 = xi[m + 1]! * x1;
        const b2 = xi[m + 2]! * x2;
        const b3 = xi[m + 3]! * x3;
        for (let j = 0; j <= i; j++) {
          const y0 = X[o0 + j]!;
          const y1 = X[o1 + j]!;
          const y2 = X[o2 + j]!;
          const y3 = X[o3 + j]!;
          S[row + j]! += a0 * y0 + a1 * y1 + a2 * y2 + a3 * y3;
          N[row + j]! += b0 * y0 + b1 * y1 + b2 * y2 + b3 * y3;
        }
      } else for (let j = 0; j <= i; j++) S[row + j]! += a0 * X[o0 + j]! + a1 * X[o1 + j]! + a2 * X[o2 + j]! + a3 * X[o3 + j]!;
    }
  }
  for (; m < count; m++) {
    const o = m * d;
    for (let i = 0; i < d; i++) {
      const a = s[m]! * X[o + i]!;
      const b = xi ? xi[m]! * X[o + i]! : 0;
      const row = i * d;
      for (let j = 0; j <= i; j++) {
        S[row + j]! += a * X[o + j]!;
        if (N) N[row + j]! += b * X[o + j]!;
      }
    }
  }
}

/**
 * The estimator read at several label-noise variances on one growing sample per seed: at each n
 * of ns[l] (one list per variance noises[l]) the top eigenpairs of T_l, the outlier count, the
 * noise level, and the test means of the prediction error and of the target's energy, whole and
 * by parts.
 */
export function cascadeSim(d: number, theta: readonly number[], noises: readonly number[], ns: readonly (readonly number[])[], seed: number, opts: CascadeSimOptions): CascadeSimReading[][] {
  const r = theta.length;
  if (r > d - 2) throw new RangeError('no pair of coordinates left for the noise level');
  if (noises.length !== ns.length) throw new RangeError('one list of sample sizes per noise variance');
  const dims = opts.dims ?? ns.map(() => d);
  if (dims.length !== ns.length || dims.some((dl) => !Number.isInteger(dl) || dl > d || r > dl - 2)) throw new RangeError('one dimension per list, at most d, with a pair of coordinates left for the noise level');
  const g = new ZigguratNormal(seed ^ 0x3c6ef372);
  // one accumulator whenever every list reads the same variance (lists that differ only in dimension)
  const single = noises.every((v) => v === noises[0]);
  const S = new Float64Array(d * d);
  const N = single ? undefined : new Float64Array(d * d);
  // running sums of s, xi, s^2, s xi, xi^2: mean(y) and mean(y^2) at any variance
  let sumS = 0;
  let sumXi = 0;
  let sumS2 = 0;
  let sumSXi = 0;
  let sumXi2 = 0;
  let have = 0;
  const parts = opts.parts ?? [];
  const thetas = [theta.slice(), ...parts.map((dirs) => theta.map((t, k) => (dirs.includes(k) ? t : 0)))];
  const at = [...new Set(ns.flat())].sort((a, b) => a - b);
  // the sample's increments and the test inputs in one scratch buffer kept between calls (a fresh
  // megabyte a seed costs collections)
  let most = 0;
  at.reduce((prev, n) => ((most = Math.max(most, n - prev)), n), 0);
  const buf = scratch(most * (d + 3) + opts.test * d);
  const Xbuf = buf.subarray(0, most * d);
  const xiBuf = buf.subarray(most * d, most * (d + 1));
  const sBuf = buf.subarray(most * (d + 1), most * (d + 2));
  const yBuf = buf.subarray(most * (d + 2), most * (d + 3));
  const testX = new ZigguratNormal(seed ^ 0x7f4a7c15).fill(buf.subarray(most * (d + 3), most * (d + 3) + opts.test * d));
  // the target's parts on the test inputs do not depend on the reading
  const gTest = thetas.map((th) => {
    const out = new Float64Array(opts.test);
    for (let m = 0; m < opts.test; m++) {
      let v = 0;
      for (let k = 0; k < r; k++) if (th[k] !== 0) v += th[k]! * (testX[m * d + k]! ** 2 - 1);
      out[m] = v;
    }
    return out;
  });
  const energy = gTest.map((gv) => (opts.test > 0 ? gv.reduce((a, v) => a + v * v, 0) / opts.test : Number.NaN));
  const out: CascadeSimReading[][] = ns.map(() => []);
  // the variance whose labels S holds alone, once no reading of another is left (N folded in)
  let merged: number | undefined = single ? 0 : undefined;
  for (const n of at) {
    const count = n - have;
    const X = g.fill(Xbuf.subarray(0, count * d));
    const xi = g.fill(xiBuf.subarray(0, count));
    const s = sBuf.subarray(0, count);
    for (let m = 0; m < count; m++) {
      let v = 0;
      for (let k = 0; k < r; k++) v += theta[k]! * (X[m * d + k]! ** 2 - 1);
      s[m] = v;
      sumS += v;
      sumXi += xi[m]!;
      sumS2 += v * v;
      sumSXi += v * xi[m]!;
      sumXi2 += xi[m]! * xi[m]!;
    }
    if (merged === undefined && N) {
      const live = ns.flatMap((list, l) => (list.some((v) => v >= n) ? [l] : []));
      if (live.length === 1) {
        merged = live[0]!;
        const a = Math.sqrt(noises[merged]!);
        for (let i = 0; i < d * d; i++) S[i]! += a * N[i]!;
      }
    }
    if (merged !== undefined) {
      const a = Math.sqrt(noises[merged]!);
      const y = yBuf.subarray(0, count);
      for (let m = 0; m < count; m++) y[m] = s[m]! + a * xi[m]!;
      accumulate(S, undefined, X, y, undefined, count, d);
    } else accumulate(S, N, X, s, xi, count, d);
    have = n;
    ns.forEach((list, l) => {
      if (!list.includes(n)) return;
      const a = Math.sqrt(noises[l]!);
      const meanY = (sumS + a * sumXi) / n;
      const meanY2 = (sumS2 + 2 * a * sumSXi + a * a * sumXi2) / n;
      // T on the leading dl coordinates: the leading block of the sums
      const dl = dims[l]!;
      const T = new Float64Array(dl * dl);
      for (let i = 0; i < dl; i++) {
        for (let j = 0; j <= i; j++) {
          // merged: S holds the labels' own sums
          const v = (S[i * d + j]! + (merged === undefined ? a * N![i * d + j]! : 0)) / n;
          T[i * dl + j] = v;
          T[j * dl + i] = v;
        }
        T[i * dl + i]! -= meanY;
      }
      const alpha = n / dl;
      const { values, vectors } = symmetricEigen(T, dl);
      const edge = 2 * Math.sqrt(meanY2 / alpha) * (1 + 3 / alpha);
      let K = 0;
      while (K < dl && values[K]! > edge) K++;
      const top = Math.min(opts.top, dl);
      const mass = Array.from({ length: top }, (_, j) => Array.from({ length: r }, (_, k) => vectors[j * dl + k]! ** 2));
      out[l]!.push({
        n,
        values: Array.from(values.subarray(0, top)),
        mass,
        K,
        s2: bulkNoiseLevel(T, dl, r),
        diag: Array.from({ length: r }, (_, k) => T[k * dl + k]!),
        rows: Array.from({ length: r }, (_, k) => rowNoiseLevel(T, dl, r, k)),
        risk: thetas.map((th, p) => projectedRisk(vectors, dl, K, th, testX, d, gTest[p]!, opts.test)),
        energy,
      });
    });
  }
  return out;
}

/** d mean T_ki^2 over i = r..d-1 (the coordinates no direction uses) */
function rowNoiseLevel(T: Float64Array, d: number, r: number, k: number): number {
  let sum = 0;
  for (let i = r; i < d; i++) sum += T[k * d + i]! ** 2;
  return (d * sum) / (d - r);
}

/**
 * mean over the test inputs of (f - g)^2, f(x) = u^T A u - tr A, u = V x (V the first K rows of
 * `vectors`, each of length dv), A = G Theta G^T with G_ik = v_i[k] (the target's form sum_k
 * theta_k x_k^2 projected on span V), g the target's values on the inputs (rows of X of length
 * dx >= dv, read on their leading dv coordinates)
 */
function projectedRisk(vectors: Float64Array, dv: number, K: number, theta: readonly number[], X: Float64Array, dx: number, gv: Float64Array, count: number): number {
  if (count === 0) return Number.NaN;
  const r = theta.length;
  const A = new Float64Array(K * K);
  let trA = 0;
  for (let i = 0; i < K; i++)
    for (let j = 0; j < K; j++) {
      let v = 0;
      for (let k = 0; k < r; k++) v += theta[k]! * vectors[i * dv + k]! * vectors[j * dv + k]!;
      A[i * K + j] = v;
      if (i === j) trA += v;
    }
  const u = new Float64Array(K);
  let risk = 0;
  for (let m = 0; m < count; m++) {
    const off = m * dx;
    for (let i = 0; i < K; i++) {
      let v = 0;
      const vo = i * dv;
      for (let c = 0; c < dv; c++) v += vectors[vo + c]! * X[off + c]!;
      u[i] = v;
    }
    let f = -trA;
    for (let i = 0; i < K; i++) {
      let row = 0;
      for (let j = 0; j < K; j++) row += A[i * K + j]! * u[j]!;
      f += u[i]! * row;
    }
    risk += (f - gv[m]!) ** 2;
  }
  return risk / count;
}

/**
 * E[g(x) h(x)] for g = sum_k theta_k He_2(x_k), x ~ N(0, I_r), and h(x) = g(x) (weight omitted) or
 * He_2(x_weight), by tensor Gauss–Hermite quadrature with three nodes a coordinate (exact: the
 * product has degree 4 in each coordinate, the rule 5): an integral of the target, not its
 * closed form (2 sum theta_k^2, or 2 theta_weight). `square`: h(x) = g(x) x_weight^2 (degree 6 in
 * x_weight, four nodes: exact to 7).
 */
function targetMoment(theta: readonly number[], weight?: number, square = false): number {
  const F = new Fixed(30);
  // g^2 x_k^2 has degree 6 in x_k: four nodes (exact to degree 7)
  const rule = gaussHermite(F, square ? 4 : 3);
  const nodes = rule.nodes.map((x) => F.toNumber(x));
  const weights = rule.weights.map((w) => F.toNumber(w));
  const dims = theta.map((_, k) => k).filter((k) => theta[k] !== 0 || k === weight);
  let total = 0;
  const idx = new Array<number>(dims.length).fill(0);
  for (;;) {
    let w = 1;
    let v = 0;
    let h = 0;
    dims.forEach((k, i) => {
      const x = nodes[idx[i]!]!;
      w *= weights[idx[i]!]!;
      v += theta[k]! * (x * x - 1);
      if (k === weight) h = square ? x * x : x * x - 1;
    });
    total += w * v * (weight === undefined ? v : square ? v * h : h);
    let i = 0;
    while (i < dims.length && ++idx[i]! === nodes.length) idx[i++] = 0;
    if (i === dims.length) break;
  }
  return total;
}

/** E[g^2], the target's energy, by quadrature (see targetMoment) */
export const targetEnergy = (theta: readonly number[]): number => targetMoment(theta);

/** E[g He_2(x_k)], the mean of the spectral matrix's entry T_kk, by quadrature (see targetMoment) */
export const targetSpikeMean = (theta: readonly number[], k: number): number => targetMoment(theta, k);

/**
 * E[g^2 x_k^2], by quadrature (see targetMoment; four nodes a coordinate): with label noise of
 * variance Delta, d (E[g^2 x_k^2] + Delta) / n is the mean of the row noise level `rows[k]`
 */
export const targetRowMoment = (theta: readonly number[], k: number): number => targetMoment(theta, k, true);

/**
 * The outliers of a level of equally strong directions (a degenerate spike), as levelOutlier
 * (multiindex.ts) reads them: the mean eigenvalue of the dirs.length top eigenvectors with the most
 * squared overlap on those directions (within the level the eigenvectors mix).
 */
export function levelOutlierOf(reading: Pick<CascadeSimReading, 'values' | 'mass'>, dirs: readonly number[]): number {
  const onLevel = reading.mass.map((m, j) => ({ j, w: dirs.reduce((acc, k) => acc + m[k]!, 0) }));
  const chosen = onLevel.sort((a, b) => b.w - a.w).slice(0, dirs.length);
  return chosen.reduce((acc, c) => acc + reading.values[c.j]!, 0) / chosen.length;
}
