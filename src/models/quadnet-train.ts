/**
 * The quadratic network f(x) = sum_i a_i (w_i^T x)^2 = x^T M x, M = sum_i a_i w_i w_i^T = W^T diag(a) W
 * (W: m x d, rows w_i), with weight decay, as two optimisation problems over the factorisation:
 *  - variational: min |W|_F^2 (+ |a|^2 when the readout is trained) subject to M = S;
 *  - regularised: min 1/2 |A vec(M) - y|^2 + lambda/2 (|W|_F^2 (+ |a|^2)).
 * The readout is fixed (a_i given, not trained) or trained. Each problem is located in float64
 * from random starts (augmented Lagrangian / L-BFGS descent, the best of several: with a trained
 * readout the landscape has spurious local minima) and polished at working precision by
 * Levenberg-Marquardt on its stationarity (KKT) system, whose solutions are not isolated with a
 * fixed readout (W -> Q W, Q orthogonal within each sign group).
 */
import { augmentedLagrangian, minimise, type Objective } from '../numeric/descent.js';
import type { Fixed } from '../numeric/fixed.js';
import { levenbergMarquardt, type LMResult, type SmoothSystem } from '../numeric/levenberg.js';
import { matmul, matvec, transpose, type Mat, type Vec } from '../numeric/linalg.js';
import type { Rng } from '../numeric/rng.js';

/** The readout: fixed values a_i (e.g. +-1), or m neurons whose readout is trained with weight decay. */
export type Readout = { kind: 'fixed'; a: number[] } | { kind: 'trained'; m: number };

export const neurons = (r: Readout): number => (r.kind === 'fixed' ? r.a.length : r.m);

/** A point of the factorisation: W (m x d) and the readout a. */
export interface NetPoint {
  W: number[][];
  a: number[];
}

const gauss = (rng: Rng): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

/** Upper-triangle (i <= j) entries of a symmetric matrix, row by row. */
function upper<T>(M: T[][]): T[] {
  const out: T[] = [];
  M.forEach((row, i) => row.forEach((v, j) => j >= i && out.push(v)));
  return out;
}

/* ------------------------------------------------------------------------------------------
 * float64: locating the minimiser (flat loops: these run tens of thousands of times per case)
 * ---------------------------------------------------------------------------------------- */

/** z = [W row-major; a if trained] */
function unpackF(z: number[], r: Readout, d: number): NetPoint {
  const m = neurons(r);
  const W = Array.from({ length: m }, (_, i) => z.slice(i * d, (i + 1) * d));
  const a = r.kind === 'fixed' ? r.a : z.slice(m * d, m * d + m);
  return { W, a };
}

/** The readout of neuron k: fixed, or read from z. */
const readoutF = (z: number[], r: Readout, m: number, d: number, k: number): number => (r.kind === 'fixed' ? r.a[k]! : z[m * d + k]!);

/** M = sum_k a_k w_k w_k^T, flat d x d. */
function netMatrixF(z: number[], r: Readout, d: number): number[] {
  const m = neurons(r);
  const M = new Array<number>(d * d).fill(0);
  for (let k = 0; k < m; k++) {
    const a = readoutF(z, r, m, d, k);
    const o = k * d;
    for (let i = 0; i < d; i++) {
      const awi = a * z[o + i]!;
      for (let j = 0; j < d; j++) M[i * d + j] = M[i * d + j]! + awi * z[o + j]!;
    }
  }
  return M;
}

/**
 * The gradient in z of <R, M> for a symmetric R (flat d x d): 2 a_k R w_k for w_k and, when the
 * readout is trained, w_k^T R w_k for a_k.
 */
function pullBackF(z: number[], R: number[], r: Readout, d: number): number[] {
  const m = neurons(r);
  const g = new Array<number>(z.length).fill(0);
  for (let k = 0; k < m; k++) {
    const a = readoutF(z, r, m, d, k);
    const o = k * d;
    let q = 0;
    for (let i = 0; i < d; i++) {
      let t = 0;
      for (let j = 0; j < d; j++) t += R[i * d + j]! * z[o + j]!;
      g[o + i] = 2 * a * t;
      q += z[o + i]! * t;
    }
    if (r.kind === 'trained') g[m * d + k] = q;
  }
  return g;
}

/** Upper-triangle entries (i <= j) of the flat symmetric M - S. */
function upperDiff(M: number[], S: number[][], d: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) out.push(M[i * d + j]! - S[i]![j]!);
  return out;
}

/** The flat symmetric matrix with y on and above the diagonal, y * off below and above it. */
function symmetricFromUpper(y: number[], d: number, off: number): number[] {
  const Y = new Array<number>(d * d).fill(0);
  let k = 0;
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      const v = i === j ? y[k]! : off * y[k]!;
      k++;
      Y[i * d + j] = v;
      Y[j * d + i] = v;
    }
  return Y;
}

/**
 * Gaussian weights at which one neuron's a w w^T is of the size `scale` of the target's
 * eigenvalues: |w|^2 ~ scale with |a| = 1, or, trained, balanced as at the optimum
 * (|w|^2 = 2 a^2, a |w|^2 ~ scale).
 */
function randomStart(rng: Rng, r: Readout, d: number, scale: number): number[] {
  const m = neurons(r);
  const a = r.kind === 'fixed' ? 1 : Math.cbrt(scale / 2);
  const sw = Math.sqrt(scale / a / d);
  const w = Array.from({ length: m * d }, () => gauss(rng) * sw);
  return r.kind === 'fixed' ? w : [...w, ...Array.from({ length: m }, () => gauss(rng) * a)];
}

export interface Located extends NetPoint {
  value: number;
  /** the multipliers of M = S (upper triangle), variational problem only */
  multipliers?: number[];
  /** max |M - S| (variational) or max |gradient| (regularised) at the point */
  defect: number;
  /** the objective value at every start's end point, in order */
  starts: number[];
}

/**
 * The variational problem min |W|^2 (+ |a|^2) s.t. W^T diag(a) W = S, by the augmented Lagrangian
 * method from `starts` random starts; the feasible end point of least value is kept (or, when
 * none is feasible, the least infeasible: an infeasible problem, e.g. a positive readout for an
 * indefinite S, ends at its least violation).
 */
export function locateVariational(S: number[][], r: Readout, rng: Rng, starts = 3): Located {
  const d = S.length;
  // |z|^2: z holds W, and a when the readout is trained
  const f: Objective = (z) => ({ value: z.reduce((s, v) => s + v * v, 0), grad: z.map((v) => 2 * v) });
  const c = {
    values: (z: number[]) => upperDiff(netMatrixF(z, r, d), S, d),
    // sum_{i<=j} y_ij dc_ij = <Yhat, dM>, Yhat symmetric with y_ij / 2 off the diagonal
    adjoint: (z: number[], y: number[]) => pullBackF(z, symmetricFromUpper(y, d, 0.5), r, d),
  };
  const scale = Math.max(1e-300, ...S.flat().map(Math.abs));
  // the penalty's curvature against the objective's: rho0 |S| = 10
  const rho0 = 10 / scale;
  let best: Located | undefined;
  const values: number[] = [];
  const feasible = (x: Located): boolean => x.defect < 1e-7 * scale;
  for (let s = 0; s < starts; s++) {
    const res = augmentedLagrangian(f, c, randomStart(rng, r, d, scale), { tol: 1e-9 * scale, stationarity: 1e-5 * scale, rho: rho0, maxRho: 1000 * rho0, noise: () => gauss(rng) });
    values.push(res.value);
    const cand: Located = { ...unpackF(res.x, r, d), value: res.value, multipliers: res.multipliers, defect: res.violation, starts: values };
    if (!best || (feasible(cand) && (!feasible(best) || cand.value < best.value)) || (!feasible(cand) && !feasible(best) && cand.defect < best.defect)) best = cand;
  }
  return { ...best!, starts: values };
}

/**
 * The regularised problem min 1/2 |A vec(M) - y|^2 + lambda/2 (|W|^2 (+ |a|^2)), the network's
 * training loss, by descent from `starts` random starts (weights at the data's scale); the end point
 * of least loss is kept. `method`: L-BFGS by default; plain gradient descent reaches the same
 * points, but crawls over the last decades of its gradient (tens of thousands of steps, against a
 * hundred or two). `from`: the first start is this point instead of a random one (training
 * continued, e.g. from the network trained on fewer samples).
 */
export function locateRegularised(A: number[][], y: number[], d: number, lambda: number, r: Readout, rng: Rng, starts = 3, scale = 1, method: 'gd' | 'lbfgs' = 'lbfgs', from?: NetPoint): Located {
  const n = A.length;
  const f: Objective = (z) => {
    const M = netMatrixF(z, r, d);
    const res = new Array<number>(n);
    let fit = 0;
    for (let k = 0; k < n; k++) {
      let t = -y[k]!;
      const row = A[k]!;
      for (let j = 0; j < d * d; j++) t += row[j]! * M[j]!;
      res[k] = t;
      fit += t * t;
    }
    // R = sym(reshape(A^T res)) = dL/dM
    const G = new Array<number>(d * d).fill(0);
    for (let k = 0; k < n; k++) {
      const row = A[k]!;
      const t = res[k]!;
      for (let j = 0; j < d * d; j++) G[j] = G[j]! + row[j]! * t;
    }
    const R = new Array<number>(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) R[i * d + j] = (G[i * d + j]! + G[j * d + i]!) / 2;
    const grad = pullBackF(z, R, r, d);
    let decay = 0;
    for (let i = 0; i < z.length; i++) {
      decay += z[i]! * z[i]!;
      grad[i] = grad[i]! + lambda * z[i]!;
    }
    return { value: fit / 2 + (lambda / 2) * decay, grad };
  };
  let best: Located | undefined;
  const values: number[] = [];
  for (let s = 0; s < starts; s++) {
    const x0 = s === 0 && from ? [...from.W.flat(), ...(r.kind === 'trained' ? from.a : [])] : randomStart(rng, r, d, scale);
    const res = minimise(f, x0, { method, tol: 1e-11, maxIter: method === 'gd' ? 200000 : 20000 });
    values.push(res.value);
    if (!best || res.value < best.value) best = { ...unpackF(res.x, r, d), value: res.value, defect: res.gradNorm, starts: values };
  }
  return { ...best!, starts: values };
}

/** A double to fixed point; below 1e-200 it is 0 (Fixed.fromNumber cannot scale doubles below 2^-971). */
const toFixed = (F: Fixed, v: number): bigint => (Math.abs(v) < 1e-200 ? 0n : F.fromNumber(v));

/* ------------------------------------------------------------------------------------------
 * fixed point: the stationarity systems, polished by Levenberg-Marquardt
 * ---------------------------------------------------------------------------------------- */

export interface NetPointFixed {
  W: Mat;
  a: Vec;
}

function unpack(z: Vec, r: Readout, d: number, aFixed: Vec): NetPointFixed {
  const m = neurons(r);
  const W = Array.from({ length: m }, (_, i) => z.slice(i * d, (i + 1) * d));
  const a = r.kind === 'fixed' ? aFixed : z.slice(m * d, m * d + m);
  return { W, a };
}

/** sum_k a_k w_k w_k^T, and its derivative sum_k da_k w_k w_k^T + a_k (dw_k w_k^T + w_k dw_k^T). */
function netMatrix(F: Fixed, p: NetPointFixed, d: number, dp?: NetPointFixed): Mat {
  const M: Mat = Array.from({ length: d }, () => new Array<bigint>(d).fill(0n));
  p.W.forEach((w, k) => {
    const a = p.a[k]!;
    const dw = dp?.W[k];
    const da = dp ? dp.a[k]! : 0n;
    for (let i = 0; i < d; i++)
      for (let j = i; j < d; j++) {
        const v = dp ? F.mul(da, F.mul(w[i]!, w[j]!)) + F.mul(a, F.mul(dw![i]!, w[j]!) + F.mul(w[i]!, dw![j]!)) : F.mul(a, F.mul(w[i]!, w[j]!));
        M[i]![j] = M[i]![j]! + v;
        if (j !== i) M[j]![i] = M[j]![i]! + v;
      }
  });
  return M;
}

const quad = (F: Fixed, R: Mat, u: Vec, v: Vec): bigint => matvec(F, R, v).reduce((s, x, i) => s + F.mul(u[i]!, x), 0n);

function symmetricFromUpperFixed(y: Vec, d: number): Mat {
  const Y: Mat = Array.from({ length: d }, () => new Array<bigint>(d).fill(0n));
  let k = 0;
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      const v = y[k++]!;
      Y[i]![j] = i === j ? v : v / 2n;
      Y[j]![i] = Y[i]![j]!;
    }
  return Y;
}

/**
 * KKT system of the variational problem, z = [W; a if trained; y (upper triangle of the multiplier)],
 * Lagrangian |W|^2 (+ |a|^2) - <Yhat, M - S>:
 *   2 w_k - 2 a_k Yhat w_k = 0,  2 a_k - w_k^T Yhat w_k = 0 (trained),  upper(M - S) = 0.
 */
export function variationalSystem(F: Fixed, S: Mat, r: Readout, aFixed: Vec): SmoothSystem {
  const d = S.length;
  const m = neurons(r);
  const nz = m * d + (r.kind === 'trained' ? m : 0);
  const zeroA = aFixed.map(() => 0n);
  // a direction leaves a fixed readout where it is
  const split = (z: Vec, a = aFixed): [NetPointFixed, Mat] => [unpack(z.slice(0, nz), r, d, a), symmetricFromUpperFixed(z.slice(nz), d)];
  return {
    residual(z) {
      const [p, Y] = split(z);
      const M = netMatrix(F, p, d);
      const rw = p.W.flatMap((w, k) => matvec(F, Y, w).map((v, i) => 2n * w[i]! - 2n * F.mul(p.a[k]!, v)));
      const ra = r.kind === 'trained' ? p.W.map((w, k) => 2n * p.a[k]! - quad(F, Y, w, w)) : [];
      return [...rw, ...ra, ...upper(M.map((row, i) => row.map((v, j) => v - S[i]![j]!)))];
    },
    jvp(z, v) {
      const [p, Y] = split(z);
      const [dp, dY] = split(v, zeroA);
      const dM = netMatrix(F, p, d, dp);
      const rw = p.W.flatMap((w, k) => {
        const Yw = matvec(F, Y, w);
        const dYw = matvec(F, dY, w);
        const Ydw = matvec(F, Y, dp.W[k]!);
        const a = p.a[k]!;
        const da = dp.a[k]!;
        return w.map((_, i) => 2n * dp.W[k]![i]! - 2n * (F.mul(da, Yw[i]!) + F.mul(a, dYw[i]! + Ydw[i]!)));
      });
      const ra = r.kind === 'trained' ? p.W.map((w, k) => 2n * dp.a[k]! - 2n * quad(F, Y, w, dp.W[k]!) - quad(F, dY, w, w)) : [];
      return [...rw, ...ra, ...upper(dM)];
    },
  };
}

/**
 * Stationarity of the regularised loss, z = [W; a if trained], with H = A^T A and b = A^T y:
 * R = sym(reshape(H vec(M) - b)) = dL/dM, and 2 a_k R w_k + lambda w_k = 0, w_k^T R w_k + lambda a_k = 0.
 */
export function regularisedSystem(F: Fixed, A: Mat, y: Vec, d: number, lambda: bigint, r: Readout, aFixed: Vec): SmoothSystem {
  const At = transpose(A);
  const H = matmul(F, At, A);
  const b = matvec(F, At, y);
  const sym = (g: Vec): Mat => {
    const G = Array.from({ length: d }, (_, i) => g.slice(i * d, (i + 1) * d));
    return G.map((row, i) => row.map((v, j) => (i === j ? v : (v + G[j]![i]!) / 2n)));
  };
  const gradient = (p: NetPointFixed, R: Mat, z: Vec): Vec => {
    const gw = p.W.flatMap((w, k) => matvec(F, R, w).map((v) => 2n * F.mul(p.a[k]!, v)));
    const ga = r.kind === 'trained' ? p.W.map((w) => quad(F, R, w, w)) : [];
    return [...gw, ...ga].map((v, i) => v + F.mul(lambda, z[i]!));
  };
  return {
    residual(z) {
      const p = unpack(z, r, d, aFixed);
      const R = sym(matvec(F, H, netMatrix(F, p, d).flat()).map((v, k) => v - b[k]!));
      return gradient(p, R, z);
    },
    jvp(z, v) {
      const p = unpack(z, r, d, aFixed);
      const dp = unpack(v, r, d, aFixed.map(() => 0n));
      const R = sym(matvec(F, H, netMatrix(F, p, d).flat()).map((x, k) => x - b[k]!));
      const dR = sym(matvec(F, H, netMatrix(F, p, d, dp).flat()));
      // d(2 a R w) = 2 da R w + 2 a dR w + 2 a R dw; d(w^T R w) = 2 w^T R dw + w^T dR w
      const gw = p.W.flatMap((w, k) => {
        const Rw = matvec(F, R, w);
        const dRw = matvec(F, dR, w);
        const Rdw = matvec(F, R, dp.W[k]!);
        return w.map((_, i) => 2n * (F.mul(dp.a[k]!, Rw[i]!) + F.mul(p.a[k]!, dRw[i]! + Rdw[i]!)));
      });
      const ga = r.kind === 'trained' ? p.W.map((w, k) => 2n * quad(F, R, w, dp.W[k]!) + quad(F, dR, w, w)) : [];
      return [...gw, ...ga].map((x, i) => x + F.mul(lambda, v[i]!));
    },
  };
}

export interface Polished extends NetPointFixed {
  /** the variational problem's multiplier (symmetric), when polished with it */
  multiplier?: Mat;
  lm: LMResult;
  /** max |z - z_float|: how far the polish moved from the located point */
  moved: number;
}

/** Polish a located point of the variational problem at working precision. */
export function polishVariational(F: Fixed, S: Mat, r: Readout, at: Located): Polished {
  const d = S.length;
  const aFixed = r.kind === 'fixed' ? r.a.map((v) => F.fromNumber(v)) : [];
  const z0f = [...at.W.flat(), ...(r.kind === 'trained' ? at.a : []), ...(at.multipliers ?? [])];
  const lm = levenbergMarquardt(F, variationalSystem(F, S, r, aFixed), z0f.map((v) => toFixed(F, v)));
  const nz = neurons(r) * d + (r.kind === 'trained' ? neurons(r) : 0);
  const p = unpack(lm.z.slice(0, nz), r, d, aFixed);
  return { ...p, multiplier: symmetricFromUpperFixed(lm.z.slice(nz), d), lm, moved: Math.max(...lm.z.map((v, i) => Math.abs(F.toNumber(v) - z0f[i]!))) };
}

/** Polish a located point of the regularised problem at working precision. */
export function polishRegularised(F: Fixed, A: Mat, y: Vec, d: number, lambda: bigint, r: Readout, at: Located): Polished {
  const aFixed = r.kind === 'fixed' ? r.a.map((v) => F.fromNumber(v)) : [];
  const z0f = [...at.W.flat(), ...(r.kind === 'trained' ? at.a : [])];
  const lm = levenbergMarquardt(F, regularisedSystem(F, A, y, d, lambda, r, aFixed), z0f.map((v) => toFixed(F, v)));
  const p = unpack(lm.z, r, d, aFixed);
  return { ...p, lm, moved: Math.max(...lm.z.map((v, i) => Math.abs(F.toNumber(v) - z0f[i]!))) };
}
