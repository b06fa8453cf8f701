/**
 * State evolution of nuclear-norm-penalised matrix sensing with a Gaussian design, in the
 * spiked large-d limit, for a target S* = diag(s_1, .., s_d) (s_k > 0, decreasing; the power law
 * s_k = k^-gamma below). Convention (the matrix analogue of lasso-se.ts): the measurement
 * operator has N(0, 1) coordinates in an orthonormal basis of the symmetric matrices
 * (E <G, S>^2 = |S|_F^2), y = A(S*) + sigma xi, and
 *   S_hat = argmin 1/2 |y - A(S)|^2 + lambda |S|_*,   E = |S_hat - S*|_F^2.
 * The estimate behaves as the spectral soft threshold eta_t(Y), Y = S* + tau Z (Z standard in the
 * orthonormal coordinates: a GOE whose semicircle has radius sigma_s = tau sqrt(d/2) times 2), with
 *   n tau^2 = sigma^2 + E(tau, t),      lambda = t (n - df),   df = E div eta_t(Y),
 * as in Donoho-Gavish-Montanari (PNAS 2013). In spectral units sigma_s^2 = tau^2 d / 2 the first
 * equation reads 2 (n/d) sigma_s^2 = sigma^2 + E.
 *
 * The denoiser's MSE and df are deterministic functionals of the spectrum of Y = S* + sigma_s W
 * (W GOE, semicircle on [-2, 2]) through the eigenvalues y_i and the overlaps
 * X(y) = <v_y, S* v_y> (the free-probability formula X(y) = y - 2 sigma_s^2 Re G_Y(y)):
 *   E = |S*|^2 + sum_i eta(y_i)^2 - 2 sum_i eta(y_i) X(y_i),
 *   df = (sum_i eta(y_i) y_i - sum_i eta(y_i) X(y_i)) / tau^2   (Stein: E <eta(Y), Y - S*> = tau^2 E div).
 * Spiked limit (the target's spikes above the noise are o(d) in number): the spectral sums are
 * d times the semicircle's integral plus, for each spike, its first-order (1/d) correction: with
 * v = s_k / sigma_s, the BBP outlier at sigma_s (v + 1/v) when v > 1 (overlap 1 - 1/v^2) and the
 * perturbed bulk, whose density and overlap in theta (y = 2 sigma_s cos theta) are
 *   (1/pi) v (cos theta - v) / q  and  (2/pi) sin^2 theta / q,   q = 1 - 2 v cos theta + v^2
 * (the Poisson kernel of the subordination w = e^(i theta)). Corrections of order 1/d to the
 * semicircle itself and the spikes' mutual interaction (order K^2 against d K) are dropped: this
 * is the model the scaling claims measure, exact as d -> infinity with the number of spikes above
 * the noise o(d). When the threshold lies above the bulk edge (t >= 2 sigma_s) the bulk terms
 * vanish and only the outliers remain.
 */
import { illinois } from '../numeric/illinois.js';

/** below this k + 1 !== k in float64 with room to spare: loops one spike at a time stop here */
const EXACT_K = 2 ** 52;

/** s_k = k^-gamma, k = 1..d (d need not be an integer: k runs to floor(d)). */
export class PowerSpikes {
  readonly kMax: number;
  readonly energy: number;
  constructor(readonly gamma: number, readonly d: number) {
    this.kMax = Math.floor(d);
    this.energy = this.powerSum(2 * gamma, 1, this.kMax);
  }

  value(k: number): number {
    return k ** -this.gamma;
  }

  /** the index where s_k = s (real) */
  indexOf(s: number): number {
    return s ** (-1 / this.gamma);
  }

  /**
   * sum_(k = k0..k1) (k / K)^p for a scale K, any real p, without overflow where k^p alone would
   * leave the float64 range (k^(gamma m) for m to 59): exactly for the first 64 terms of a decaying
   * power (none for a growing one from k0 > 100 on, whose sum its top end carries), then the
   * midpoint Euler-Maclaurin formula in the scaled variable.
   */
  scaledSum(p: number, k0: number, k1: number, K: number): number {
    if (k1 < k0) return 0;
    let acc = 0;
    // no exact head past float64's exact integers (k++ would stall): Euler-Maclaurin from k0 on
    const head = (p > 0 && k0 > 100) || k0 >= EXACT_K ? k0 - 1 : Math.min(k1, k0 + 63);
    if (k0 < EXACT_K) for (let k = k0; k <= head; k++) acc += (k / K) ** p;
    if (k1 > head) {
      const y0 = (head + 0.5) / K;
      const y1 = (k1 + 0.5) / K;
      const I = Math.abs(p + 1) < 1e-12 ? Math.log(y1 / y0) : (K * (y1 ** (p + 1) - y0 ** (p + 1))) / (p + 1);
      // d/dk (k/K)^p = (p/K) (k/K)^(p-1), and the third derivative
      const d1 = (y: number): number => (p / K) * y ** (p - 1);
      const d3 = (y: number): number => ((p * (p - 1) * (p - 2)) / K ** 3) * y ** (p - 3);
      acc += I - (d1(y1) - d1(y0)) / 24 + (7 * (d3(y1) - d3(y0))) / 5760;
    }
    return acc;
  }

  /** sum_(k = k0..k1) k^-s: the first 64 terms exactly, then the midpoint Euler-Maclaurin formula */
  powerSum(s: number, k0: number, k1: number): number {
    if (k1 < k0) return 0;
    let acc = 0;
    const head = k0 >= EXACT_K ? k0 - 1 : Math.min(k1, k0 + 63);
    if (k0 < EXACT_K) for (let k = k0; k <= head; k++) acc += k ** -s;
    if (k1 > head) {
      const x0 = head + 0.5;
      const x1 = k1 + 0.5;
      const I = Math.abs(s - 1) < 1e-12 ? Math.log(x1 / x0) : (x0 ** (1 - s) - x1 ** (1 - s)) / (s - 1);
      const d1 = (x: number): number => -s * x ** (-s - 1);
      const d3 = (x: number): number => -s * (s + 1) * (s + 2) * x ** (-s - 3);
      acc += I - (d1(x1) - d1(x0)) / 24 + (7 * (d3(x1) - d3(x0))) / 5760;
    }
    return acc;
  }
}

/* ---------------- the semicircle (radius 2) under the soft threshold at a ---------------- */

/** theta0 with 2 cos theta0 = a (0 when a >= 2: the bulk is killed) */
const theta0Of = (a: number): number => (a >= 2 ? 0 : Math.acos(a / 2));

/** int eta_a(u)^2 rho(u) du and int eta_a(u) u rho(u) du over the semicircle on [-2, 2] */
export function bulkMoments(a: number): { Phi: number; M: number } {
  const th = theta0Of(a);
  if (th === 0) return { Phi: 0, M: 0 };
  const m0 = (th - Math.sin(th) * Math.cos(th)) / Math.PI;
  const m1 = (4 / (3 * Math.PI)) * Math.sin(th) ** 3;
  const m2 = th / Math.PI - Math.sin(4 * th) / (4 * Math.PI);
  return { Phi: 2 * (m2 - 2 * a * m1 + a * a * m0), M: 2 * (m2 - a * m1) };
}

/** int_0^th cos(j theta) dtheta */
const cosInt = (j: number, th: number): number => (j === 0 ? th : Math.sin(j * th) / j);

/** the largest series order: v^M < 1e-17 for v <= 1/2 */
const SERIES_M = 58;

/**
 * Fourier coefficients of the threshold on the semicircle, in theta (u = 2 cos theta):
 *   A2_m = (1/pi) int_0^pi eta^2 cos(m theta),  AY_m = (1/pi) int_0^pi eta u cos(m theta)  (m even),
 *   B_m = (2/pi) int_0^pi eta sin(theta) sin((m+1) theta)                                  (m odd).
 * They carry the per-spike corrections as series in v (v < 1/2) or 1/v (v > 2).
 */
let fourierLast: { a: number; F: { A2: number[]; AY: number[]; B: number[] } } | undefined;
function fourier(a: number): { A2: number[]; AY: number[]; B: number[] } {
  // the noise level is solved at fixed a: the same coefficients, call after call
  if (fourierLast?.a === a) return fourierLast.F;
  const F = fourierAt(a);
  fourierLast = { a, F };
  return F;
}

function fourierAt(a: number): { A2: number[]; AY: number[]; B: number[] } {
  const th = theta0Of(a);
  const A2 = new Array<number>(SERIES_M + 1).fill(0);
  const AY = new Array<number>(SERIES_M + 1).fill(0);
  const B = new Array<number>(SERIES_M + 1).fill(0);
  if (th === 0) return { A2, AY, B };
  // cI(j) = int_0^th cos(j theta); on [0, th] eta = 2 cos - a, and by the symmetry theta -> pi - theta
  // the even m (A) and odd m (B) double
  const cI = Array.from({ length: SERIES_M + 4 }, (_, j) => cosInt(j, th));
  const at = (j: number): number => cI[Math.abs(j)]!;
  // int (c0 + c1 cos + c2 cos 2 theta) cos(m theta) = sum_j c_j (cI(m - j) + cI(m + j)) / 2
  const moment = (c0: number, c1: number, c2: number, m: number): number => c0 * at(m) + (c1 * (at(m - 1) + at(m + 1)) + c2 * (at(m - 2) + at(m + 2))) / 2;
  for (let m = 0; m <= SERIES_M; m += 2) {
    // eta^2 = (2 + a^2) - 4a cos + 2 cos 2theta; eta u = 2 - 2a cos + 2 cos 2theta
    A2[m] = (2 / Math.PI) * moment(2 + a * a, -4 * a, 2, m);
    AY[m] = (2 / Math.PI) * moment(2, -2 * a, 2, m);
  }
  // (2 cos - a) sin(theta) sin((m+1) theta) = (cos((m-1)theta) - cos((m+3)theta) - a cos(m theta) + a cos((m+2)theta)) / 2
  for (let m = 1; m <= SERIES_M; m += 2) B[m] = (2 / Math.PI) * (at(m - 1) - at(m + 3) - a * at(m) + a * at(m + 2));
  return { A2, AY, B };
}

/** int c^j dtheta over [t1, t2], j = 0, 1, 2 */
function powCosInt(j: number, t1: number, t2: number): number {
  if (j === 0) return t2 - t1;
  if (j === 1) return Math.sin(t2) - Math.sin(t1);
  return (t2 - t1) / 2 + (Math.sin(2 * t2) - Math.sin(2 * t1)) / 4;
}

/**
 * (1 - v^2) int dtheta / (1 - 2 v cos theta + v^2) over an arc whose ends have tan(theta/2) = x1, x2
 * (Infinity at pi), v != 1
 */
function poissonArc(v: number, x1: number, x2: number): number {
  const r = (1 + v) / Math.abs(1 - v);
  const at1 = x1 === Infinity ? Math.PI / 2 : Math.atan(r * x1);
  const at2 = x2 === Infinity ? Math.PI / 2 : Math.atan(r * x2);
  return 2 * Math.sign(1 - v) * (at2 - at1);
}

/** the two arcs where the bulk survives the threshold a: [0, th] and [pi - th, pi], with what every spike reuses */
interface Arcs {
  a: number;
  th: number;
  /** per arc: int c^j dtheta (j = 0, 1, 2), tan of the half-angles at its ends, and the sign of a in eta = 2c + sa */
  I: [number, number, number][];
  x: [number, number][];
  sa: number[];
}
let arcsLast: Arcs | undefined;
function arcsOf(a: number): Arcs {
  if (arcsLast?.a === a) return arcsLast;
  const th = theta0Of(a);
  const ends: [number, number][] = [[0, th], [Math.PI - th, Math.PI]];
  arcsLast = {
    a,
    th,
    I: ends.map(([t1, t2]) => [powCosInt(0, t1, t2), powCosInt(1, t1, t2), powCosInt(2, t1, t2)]),
    x: ends.map(([t1, t2]) => [Math.tan(t1 / 2), t2 >= Math.PI ? Infinity : Math.tan(t2 / 2)]),
    sa: [-a, a],
  };
  return arcsLast;
}

/** the integral of S(c) over an arc, S the quotient of a cubic p by (c - c*): s2 = p3, s1 = p2 + c* s2, s0 = p1 + c* s1 */
function quotient(cs: number, I0: number, I1: number, I2: number, p1: number, p2: number, p3: number): number {
  const s1 = p2 + cs * p3;
  return (p1 + cs * s1) * I0 + s1 * I1 + p3 * I2;
}

/**
 * One spike's bulk corrections in closed form (1/2 <= v <= 2): the density term for F = eta^2 and
 * F = eta u, and v times the overlap integral,
 *   D_F = (1/pi) int_0^pi F v (c - v) / q,   W = v (2/pi) int_0^pi eta (1 - c^2) / q,
 * each numerator a cubic P(c) in c = cos theta: with q = 2 v (c* - c) and P(c) = P(c*) + (c - c*) S(c),
 * int P / q = P(c*) int 1/q - (1 / 2v) int S, and P(c*) carries the factor (1 - v^2) that meets the
 * arc's 1/(1 - v^2) exactly (poissonArc). Written out in scalars: it runs for thousands of spikes.
 */
function spikeClosed(v: number, a: number, out: number[] = [0, 0, 0]): number[] {
  const A = arcsOf(a);
  if (A.th === 0) {
    out[0] = out[1] = out[2] = 0;
    return out;
  }
  const cs = (1 + v * v) / (2 * v);
  const w2 = v * v;
  let d2 = 0;
  let dy = 0;
  let w = 0;
  for (let arc = 0; arc < 2; arc++) {
    // plain indexing (no destructuring): this runs for thousands of spikes per evaluation
    const Iarc = A.I[arc]!;
    const I0 = Iarc[0];
    const I1 = Iarc[1];
    const I2 = Iarc[2];
    const x1 = A.x[arc]![0];
    const x2 = A.x[arc]![1];
    const sa = A.sa[arc]!;
    const arcP = poissonArc(v, x1, x2);
    // density numerators v (c - v) F(c): F = eta^2 = sa^2 + 4 sa c + 4 c^2, F = eta u = 2 sa c + 4 c^2;
    // P(c*) / (1 - v^2) = F(c*) / 2
    d2 += ((sa * sa + cs * (4 * sa + cs * 4)) / 2) * arcP - quotient(cs, I0, I1, I2, v * sa * sa - w2 * 4 * sa, v * 4 * sa - w2 * 4, v * 4) / (2 * v);
    dy += ((cs * (2 * sa + cs * 4)) / 2) * arcP - quotient(cs, I0, I1, I2, -w2 * 2 * sa, v * 2 * sa - w2 * 4, v * 4) / (2 * v);
    // overlap numerator (1 - c^2)(2c + sa) = sa + 2c - sa c^2 - 2c^3; 1 - c*^2 = -(1 - v^2)^2 / (4 v^2)
    w += ((-(sa + 2 * cs) * (1 - w2)) / (4 * w2)) * arcP - quotient(cs, I0, I1, I2, 2, -sa, -2) / (2 * v);
  }
  out[0] = d2 / Math.PI;
  out[1] = dy / Math.PI;
  out[2] = (2 * v * w) / Math.PI;
  return out;
}

/** active outliers summed one by one; beyond, by power sums (Euler-Maclaurin from HEAD + 1/2 on) */
const HEAD = 256;

/** the series ends: v < V_LO by powers of v, v > V_HI by powers of 1/v, closed forms between */
const V_LO = 0.5;
const V_HI = 2;

/** integers around v = 1 summed one by one; stretches shorter than BAND_SHORT too */
const BAND_EXACT = 16;
const BAND_SHORT = 256;
/** the 10-point Gauss-Legendre rule on [-1, 1] (nodes +-x_i, weights w_i), per panel of at most BAND_PANEL in ln k */
const GL_X = [0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717];
const GL_W = [0.2955242247147529, 0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881];
const BAND_PANEL = 0.05;

/**
 * sum over the integers k in [p, q] of one spike's closed-form corrections (v = k^-gamma / sigma_s,
 * no v = 1 among them), added into acc. A long stretch (v varies on the scale k/gamma >> 1) by the
 * midpoint Euler-Maclaurin formula, int_(p-1/2)^(q+1/2) f - [f']/24 + 7 [f''']/5760, the integral by
 * Gauss-Legendre panels in ln k, the end derivatives by central differences.
 */
function bandSum(target: PowerSpikes, sigmaS: number, a: number, p: number, q: number, acc: number[]): void {
  if (q < p) return;
  const out = [0, 0, 0];
  // one by one needs exact integers (k++ stalls past 2^53); beyond, one spike is ~1e-16 of the sums
  if (q - p + 1 <= BAND_SHORT && q < EXACT_K) {
    for (let k = p; k <= q; k++) {
      const v = target.value(k) / sigmaS;
      if (v === 1) continue;
      spikeClosed(v, a, out);
      acc[0] = acc[0]! + out[0]!;
      acc[1] = acc[1]! + out[1]!;
      acc[2] = acc[2]! + out[2]!;
    }
    return;
  }
  const g = target.gamma;
  const u0 = Math.log(p - 0.5);
  const u1 = Math.log(q + 0.5);
  const panels = Math.ceil((u1 - u0) / BAND_PANEL);
  const half = (u1 - u0) / panels / 2;
  for (let i = 0; i < panels; i++) {
    const mid = u0 + (2 * i + 1) * half;
    for (let m = 0; m < GL_X.length; m++)
      for (let side = -1; side <= 1; side += 2) {
        const x = Math.exp(mid + side * half * GL_X[m]!);
        spikeClosed(x ** -g / sigmaS, a, out);
        const wgt = half * GL_W[m]! * x;
        acc[0] = acc[0]! + wgt * out[0]!;
        acc[1] = acc[1]! + wgt * out[1]!;
        acc[2] = acc[2]! + wgt * out[2]!;
      }
  }
  // end corrections: central differences at a step well inside the scale x/gamma the summand turns on
  const at = (x: number): number[] => spikeClosed(x ** -g / sigmaS, a, [0, 0, 0]);
  for (const [x, sign] of [[p - 0.5, -1], [q + 0.5, 1]] as const) {
    const h = 0.01 * x;
    const [f2, f1, g1, g2] = [at(x + 2 * h), at(x + h), at(x - h), at(x - 2 * h)];
    for (let j = 0; j < 3; j++) {
      const d1 = (8 * (f1[j]! - g1[j]!) - (f2[j]! - g2[j]!)) / (12 * h);
      const d3 = (f2[j]! - 2 * f1[j]! + 2 * g1[j]! - g2[j]!) / (2 * h ** 3);
      acc[j] = acc[j]! + sign * (-d1 / 24 + (7 * d3) / 5760);
    }
  }
}

/**
 * One spike's first-order bulk corrections at v = s / sigma_s under the threshold a, by the route
 * nuclearDenoiser uses for it (series in v below 1/2, in 1/v above 2, closed forms between):
 * [D_(eta^2), D_(eta u), v W] (outlier terms not included).
 */
export function spikeBulkTerms(v: number, a: number): [number, number, number] {
  if (v >= V_LO && v <= V_HI) {
    const [d2, dy, w] = spikeClosed(v, a);
    return [d2!, dy!, w!];
  }
  const F = fourier(a);
  const r = v < V_LO ? v : 1 / v;
  let d2 = v < V_LO ? 0 : -F.A2[0]!;
  let dy = v < V_LO ? 0 : -F.AY[0]!;
  let w = 0;
  let p = r;
  for (let m = 1; m <= SERIES_M; m++) {
    const sign = v < V_LO ? 1 : -1;
    if (m % 2 === 0) {
      d2 += sign * p * F.A2[m]!;
      dy += sign * p * F.AY[m]!;
    } else w += p * r * F.B[m]!;
    p *= r;
  }
  return [d2, dy, w];
}

export interface DenoiserTerms {
  /** E |eta_t(Y) - S*|_F^2 */
  mse: number;
  /** E div eta_t(Y) in the orthonormal coordinates of the symmetric matrices */
  df: number;
  /** spikes with an outlier above the threshold */
  active: number;
}

/**
 * MSE and df of the spectral soft threshold at t applied to S* + sigma_s W (W GOE, semicircle on
 * [-2, 2]), S* = diag(k^-gamma) of size d, in the spiked large-d limit described above.
 */
export function nuclearDenoiser(target: PowerSpikes, sigmaS: number, t: number): DenoiserTerms {
  const { d } = target;
  const a = t / sigmaS;
  const bulkOn = a < 2;
  const { Phi, M } = bulkMoments(a);
  // per-spike sums (in units of sigma_s^2): F = eta^2, F = eta u, and eta X, and the risk of the
  // spikes with an active outlier, sum of v^2 + e^2 - 2 e (v - 1/v) = (a - 2/v)^2 + 2 - 1/v^2 (no
  // cancellation against |S*|^2 when the risk is far below it)
  let s2 = d * Phi;
  let sy = d * M;
  let sx = 0;
  let risk = 0;
  let dfo = 0;
  let active = 0;
  // outliers: v > 1, at u = v + 1/v with overlap 1 - 1/v^2; those above the threshold count
  let kOne = Math.min(target.kMax, Math.floor(target.indexOf(sigmaS)));
  // the index's rounding, corrected: k <= kOne exactly when s_k > sigma_s (only where the integers
  // are exact in float64: past 2^52 k + 1 === k, and one spike more or less is far below the sums' error)
  if (kOne < EXACT_K) {
    while (kOne < target.kMax && target.value(kOne + 1) > sigmaS) kOne++;
    while (kOne > 0 && target.value(kOne) <= sigmaS) kOne--;
  }
  const vA = a > 2 ? (a + Math.sqrt(a * a - 4)) / 2 : 1;
  const kAct = Math.min(kOne, Math.floor(target.indexOf(sigmaS * vA)));
  // the active outliers are k = 1..kA (u = v + 1/v grows with v > 1): one by one up to HEAD, then
  // by power sums, their terms being polynomials in 1/v = sigma_s k^gamma:
  // risk (a - 2/v)^2 + 2 - 1/v^2 = a^2 + 2 - 4 a / v + 3 / v^2, df 2 (v + 1/v - a) / v = 2 - 2 a / v + 2 / v^2
  let kA = kAct;
  const on = (k: number): boolean => target.value(k) / sigmaS + sigmaS / target.value(k) > a;
  if (kA < EXACT_K) {
    while (kA > 0 && !on(kA)) kA--;
    while (kA < kOne && on(kA + 1)) kA++;
  }
  const head = Math.min(kA, HEAD);
  for (let k = 1; k <= head; k++) {
    const v = target.value(k) / sigmaS;
    const e = v + 1 / v - a;
    // eta (u - X) = e (2 / v)
    dfo += (2 * e) / v;
    risk += (a - 2 / v) ** 2 + 2 - 1 / (v * v);
  }
  if (kA > head) {
    const g = target.gamma;
    const m = kA - head;
    // 1/v = sigma_s k^gamma = (k / K)^gamma, K = sigma_s^(-1/gamma)
    const K = target.indexOf(sigmaS);
    const p1 = target.scaledSum(g, head + 1, kA, K);
    const p2 = target.scaledSum(2 * g, head + 1, kA, K);
    risk += m * (a * a + 2) - 4 * a * p1 + 3 * p2;
    dfo += 2 * m - 2 * a * p1 + 2 * p2;
  }
  active = kA;
  // the spikes without an active outlier are lost: s_k^2 each (before the bulk's corrections)
  const lost = target.powerSum(2 * target.gamma, active + 1, target.kMax);
  if (bulkOn) {
    const F = fourier(a);
    // spikes v > V_HI: D_F = -A_0 - sum v^-m A_m, v W = sum v^-(m+1) B_m
    const kHi = Math.min(target.kMax, Math.floor(target.indexOf(sigmaS * V_HI)));
    const kLo = Math.min(target.kMax, Math.floor(target.indexOf(sigmaS * V_LO)));
    // one by one up to HEAD (or all, when few), then as power sums sum_k (sigma_s k^gamma)^m: the
    // Euler-Maclaurin remainder of k^(gamma m) over a long range is negligible where v^-m matters
    const oneByOne = kHi - HEAD > 2000 ? HEAD : kHi;
    if (oneByOne < kHi) {
      const m0 = kHi - oneByOne;
      s2 -= m0 * F.A2[0]!;
      sy -= m0 * F.AY[0]!;
      // sum_k v_k^-j = sigma_s^j sum_k k^(gamma j): D_F takes the even j = m, v W the even j = m + 1 (m odd)
      for (let j = 2; j <= SERIES_M + 1; j += 2) {
        const P = target.scaledSum(target.gamma * j, oneByOne + 1, kHi, target.indexOf(sigmaS));
        if (j <= SERIES_M) {
          s2 -= P * F.A2[j]!;
          sy -= P * F.AY[j]!;
        }
        sx += P * F.B[j - 1]!;
      }
    }
    for (let k = 1; k <= oneByOne; k++) {
      const r = sigmaS / target.value(k);
      let d2 = -F.A2[0]!;
      let dy = -F.AY[0]!;
      let w = 0;
      let p = r;
      for (let m = 1; m <= SERIES_M; m++) {
        if (m % 2 === 0) {
          d2 -= p * F.A2[m]!;
          dy -= p * F.AY[m]!;
        } else w += p * r * F.B[m]!;
        p *= r;
        if (p < 1e-18) break;
      }
      s2 += d2;
      sy += dy;
      sx += w;
    }
    // closed forms between: one by one within BAND_EXACT of v = 1 (where the density term jumps) and
    // on short stretches, by Euler-Maclaurin on the long smooth stretches either side
    const acc = [0, 0, 0];
    const near0 = Math.max(kHi + 1, kOne - BAND_EXACT + 1);
    const near1 = Math.min(kLo, kOne + BAND_EXACT);
    bandSum(target, sigmaS, a, kHi + 1, near0 - 1, acc);
    bandSum(target, sigmaS, a, near0, near1, acc);
    bandSum(target, sigmaS, a, near1 + 1, kLo, acc);
    s2 += acc[0]!;
    sy += acc[1]!;
    sx += acc[2]!;
    // spikes v < V_LO: D_F = sum v^m A_m (m even), v W = sum v^(m+1) B_m (m odd), through the power
    // sums sum_k v_k^m: the first 64 spikes one by one (every power at once), the rest by
    // Euler-Maclaurin for the powers whose tail still counts
    if (kLo < target.kMax) {
      const P = new Array<number>(SERIES_M + 1).fill(0);
      // (none one by one past float64's exact integers: the power sums from kLo + 1 on)
      const last = kLo >= EXACT_K ? kLo : Math.min(target.kMax, kLo + 64);
      if (kLo < EXACT_K)
        for (let k = kLo + 1; k <= last; k++) {
          const r = (target.value(k) / sigmaS) ** 2;
          let p = r;
          for (let m = 2; m <= SERIES_M && p > 1e-300; m += 2) {
            P[m] = P[m]! + p;
            p *= r;
          }
        }
      if (last < target.kMax) {
        const rTail = target.value(last + 1) / sigmaS;
        for (let m = 2; m <= SERIES_M; m += 2) {
          // the tail starts below (v_(last+1))^m: negligible against the head once that is
          if ((rTail ** m * (last + 1)) / (target.gamma * m - 1) < 1e-18 * P[m]!) break;
          P[m] = P[m]! + target.scaledSum(-target.gamma * m, last + 1, target.kMax, target.indexOf(sigmaS));
        }
      }
      for (let m = 2; m <= SERIES_M; m += 2) {
        s2 += P[m]! * F.A2[m]!;
        sy += P[m]! * F.AY[m]!;
        sx += P[m]! * F.B[m - 1]!;
      }
    }
  }
  // the outliers' terms are in risk and dfo; s2, sy and sx hold the bulk and the spikes' bulk corrections
  const mse = lost + sigmaS * sigmaS * (risk + s2 - 2 * sx);
  // tau^2 = 2 sigma_s^2 / d
  const df = (d / 2) * (sy - sx + dfo);
  return { mse, df, active };
}

export interface NuclearSEPoint {
  /** spectral noise level sigma_s = tau sqrt(d/2) */
  sigmaS: number;
  t: number;
  /** t / sigma_s */
  a: number;
  risk: number;
  df: number;
  active: number;
}


/** bracket an increasing f from x by steps doubling from step, then solve */
function solveIncreasing(f: (x: number) => number, x: number, step: number, tol: number, limit = 200): number {
  let fx = f(x);
  let lo: number;
  let hi: number;
  let flo: number;
  let fhi: number;
  if (fx < 0) {
    [lo, flo] = [x, fx];
    for (;;) {
      x += step;
      step *= 2;
      fx = f(x);
      if (fx >= 0) break;
      [lo, flo] = [x, fx];
      if (x > limit) throw new Error('nuclearSE: no root above');
    }
    [hi, fhi] = [x, fx];
  } else {
    [hi, fhi] = [x, fx];
    for (;;) {
      x -= step;
      step *= 2;
      fx = f(x);
      if (fx < 0) break;
      [hi, fhi] = [x, fx];
      if (x < -limit) throw new Error('nuclearSE: no root below');
    }
    [lo, flo] = [x, fx];
  }
  // an infeasible lower end (-Infinity) is bisected away first
  while (!Number.isFinite(flo) && hi - lo > tol) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm < 0) [lo, flo] = [mid, fm];
    else [hi, fhi] = [mid, fm];
  }
  return Number.isFinite(flo) ? illinois(f, lo, hi, flo, fhi, tol) : hi;
}

/**
 * sigma_s at fixed a = t / sigma_s: the root in ln sigma_s of 2 (n/d) - sigma^2/sigma_s^2 - E/sigma_s^2,
 * increasing in sigma_s (the risk per unit noise falls as the spikes shrink against the noise).
 */
function sigmaAt(target: PowerSpikes, n: number, sigma: number, a: number, guess: number, tol: number): number {
  const N2 = (2 * n) / target.d;
  const h = (s: number): number => {
    const sg = Math.exp(s);
    const r = nuclearDenoiser(target, sg, a * sg);
    // far below the fixed point, with the threshold in the bulk, nearly every spike is an outlier and
    // the first-order (spiked) expansion fails, down to a negative risk: counted as below the root
    if (!(r.mse > 0)) return -Infinity;
    return N2 - (sigma * sigma + r.mse) / (sg * sg);
  };
  try {
    return Math.exp(solveIncreasing(h, Math.log(guess), 0.05, tol));
  } catch (e) {
    // h >= 0 down to sigma_s ~ 0: without noise the fixed point at this a is exact recovery
    if (sigma === 0 && e instanceof Error && e.message.endsWith('below')) return 0;
    // h < 0 for every sigma_s: the bulk alone, d Phi(a), exceeds 2 n/d (df > n): a infeasible
    if (e instanceof Error && e.message.endsWith('above')) return Infinity;
    throw e;
  }
}

/** the point at (ln sigma_s, ln a) */
function pointAt(target: PowerSpikes, ls: number, la: number): NuclearSEPoint {
  const sigmaS = Math.exp(ls);
  const a = Math.exp(la);
  const r = nuclearDenoiser(target, sigmaS, a * sigmaS);
  return { sigmaS, t: a * sigmaS, a, risk: r.mse, df: r.df, active: r.active };
}

/**
 * Newton's method on both equations in (ln sigma_s, ln a) from a nearby solution: residuals
 * ln(2 (n/d) sigma_s^2) - ln(sigma^2 + E) and 1 - df/n - lambda/(t n). null when it fails.
 */
function newton(target: PowerSpikes, n: number, sigma: number, lambda: number, start: { sigmaS: number; a: number }, tol: number): NuclearSEPoint | null {
  const N2 = (2 * n) / target.d;
  const at = (x: number, y: number): { F: [number, number]; P: NuclearSEPoint } | null => {
    const P = pointAt(target, x, y);
    if (!(P.risk > 0)) return null;
    const F: [number, number] = [Math.log(N2 * P.sigmaS * P.sigmaS) - Math.log(sigma * sigma + P.risk), 1 - P.df / n - lambda / (P.t * n)];
    return F.every(Number.isFinite) ? { F, P } : null;
  };
  let x: [number, number] = [Math.log(start.sigmaS), Math.log(start.a)];
  let cur = at(x[0], x[1]);
  const h = 1e-7;
  for (let it = 0; cur && it < 40; it++) {
    const ea = at(x[0] + h, x[1]);
    const eb = at(x[0], x[1] + h);
    if (!ea || !eb) return null;
    const [f1, f2] = cur.F;
    const j11 = (ea.F[0] - f1) / h;
    const j21 = (ea.F[1] - f2) / h;
    const j12 = (eb.F[0] - f1) / h;
    const j22 = (eb.F[1] - f2) / h;
    const det = j11 * j22 - j12 * j21;
    if (!Number.isFinite(det) || det === 0) return null;
    let da = -(j22 * f1 - j12 * f2) / det;
    let db = -(-j21 * f1 + j11 * f2) / det;
    // at most half a unit in the logs per step: a far trial point (the bulk switched on, say) costs
    // thousands of spikes' closed forms and is rejected anyway
    const big = Math.max(Math.abs(da), Math.abs(db));
    if (big > 0.5) {
      da *= 0.5 / big;
      db *= 0.5 / big;
    }
    const norm = Math.hypot(f1, f2);
    let step = 1;
    let next: { F: [number, number]; P: NuclearSEPoint } | null = null;
    for (; step > 1e-3; step /= 2) {
      next = at(x[0] + step * da, x[1] + step * db);
      if (next && Math.hypot(next.F[0], next.F[1]) < norm) break;
    }
    if (!next || step <= 1e-3) return Math.max(Math.abs(da), Math.abs(db)) < tol ? cur.P : null;
    x = [x[0] + step * da, x[1] + step * db];
    cur = next;
    if (step === 1 && Math.max(Math.abs(da), Math.abs(db)) < tol) return cur.P;
  }
  return null;
}

/**
 * The state-evolution fixed point of nuclear-norm matrix sensing: n measurements, target
 * diag(k^-gamma) of size d, label noise sigma, penalty lambda. start: a neighbouring solution for
 * Newton's method (falls back to the nested solve: sigma_s at fixed a, a calibrated by lambda).
 */
export function nuclearSE(target: PowerSpikes, n: number, sigma: number, lambda: number, tol = 1e-12, start?: { sigmaS: number; a: number }): NuclearSEPoint {
  if (start) {
    const P = newton(target, n, sigma, lambda, start, tol);
    if (P) return P;
  }
  // without a neighbour: the bias regime's estimate, threshold t = lambda/n, the k_t spikes above it
  // kept with error t^2 each, the rest lost (large a there, where the bulk is off and a trial point
  // costs little; small a in the plateau, as it should)
  const t0 = lambda / n;
  const kt = Math.min(target.kMax, Math.floor(target.indexOf(t0)));
  const e0 = kt * t0 * t0 + target.powerSum(2 * target.gamma, kt + 1, target.kMax);
  let guess = start?.sigmaS ?? Math.sqrt(((sigma * sigma + e0) * target.d) / (2 * n));
  const a0 = start?.a ?? Math.min(1e6, Math.max(1e-3, t0 / guess));
  if (!start) {
    // Newton's method from that estimate first: the nested solve below takes a thousand evaluations
    const P = newton(target, n, sigma, lambda, { sigmaS: guess, a: a0 }, tol);
    if (P) return P;
  }
  const g = (la: number): number => {
    const a = Math.exp(la);
    const s = sigmaAt(target, n, sigma, a, guess, tol / 10);
    // no noise level at this a (exact recovery, sigma_s -> 0): lambda -> 0, below any target; none
    // at all (the bulk's degrees of freedom exceed n): infeasible, counted as below
    if (s === 0 || s === Infinity) return -Infinity;
    guess = s;
    const P = pointAt(target, Math.log(s), la);
    const lam = P.t * (n - P.df);
    return lam > 0 ? Math.log(lam) - Math.log(lambda) : -Infinity;
  };
  const la = solveIncreasing(g, Math.log(a0), start ? 0.01 : 0.25, tol, 60);
  const s = sigmaAt(target, n, sigma, Math.exp(la), guess, tol / 10);
  return pointAt(target, Math.log(s), la);
}
