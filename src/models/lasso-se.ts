/**
 * State evolution of the LASSO with i.i.d. Gaussian design (Bayati-Montanari), in the
 * unnormalised convention: X has N(0, 1) entries (n x p), y = X theta* + sigma xi, and
 *   theta_hat = argmin 1/2 ||y - X theta||^2 + lambda ||theta||_1.
 * Each coordinate behaves as the soft threshold eta(theta*_k + tau z; t), with (tau, t) fixed by
 *   n tau^2 = sigma^2 + E,          E  = sum_k E_z (eta(theta*_k + tau z; t) - theta*_k)^2,
 *   lambda  = t (n - df),          df = sum_k P(|theta*_k + tau z| > t),
 * and E = ||theta_hat - theta*||^2 is the excess (prediction) risk for isotropic inputs.
 * (Rescaling X by 1/sqrt(n) gives the textbook form tau^2 = sigma_w^2 + E/(delta p),
 * lambda_BM = alpha tau (1 - df/n).) The target enters as values with multiplicities, so long
 * power-law tails can be binned.
 */
import { millsRatio, normalQ, phi } from '../numeric/normal.js';
import { illinois } from '../numeric/illinois.js';

/** A target as values with multiplicities (exact, or binned). */
export interface BinnedTarget {
  /** |theta*| values */
  values: number[];
  /** how many coordinates take each value */
  counts: number[];
}

/** A target that sums the soft-threshold risk over its coordinates itself (a quadrature, say). */
export interface SummedTarget {
  /** [sum_k mse_k, sum_k P(active_k)] at noise tau and threshold t */
  riskAndDf(tau: number, t: number): [number, number];
  /** sum_k theta*_k^2 */
  energy: number;
}

export type SETarget = BinnedTarget | SummedTarget;

/** E_z (z - u)^k 1{z > u} for k = 0, 1, 2, without cancellation for large u. */
function tails(u: number): [number, number, number] {
  if (u > 0) {
    const p = phi(u);
    const R = millsRatio(u);
    // 1 - u R and (1 + u^2) R - u, by the continued fraction's accuracy (u R -> 1)
    return [p * R, p * (1 - u * R), p * ((1 + u * u) * R - u)];
  }
  const Q = normalQ(u);
  const p = phi(u);
  return [Q, p - u * Q, (1 + u * u) * Q - u * p];
}

/** E_z (z - d)^2 1{z > u} for u >= 0, from the tails at u. */
function secondMoment(tl: [number, number, number], u: number, d: number): number {
  const e = u - d;
  return tl[2] + 2 * e * tl[1] + e * e * tl[0];
}

/**
 * Risk and activity of one coordinate theta >= 0 under the soft threshold at t with noise tau:
 * [mse, P(active)]. The region below a < 0 is taken as a complement, 1 + c^2 minus the moment
 * over z < a, so that a region holding almost all the mass does not cancel terms of order c^2.
 */
export function softThresholdRisk(theta: number, tau: number, t: number): [number, number] {
  const a = (t - theta) / tau;
  const b = (t + theta) / tau;
  const c = t / tau;
  // active above: error tau z - t = tau (z - c) on z > a; below: tau z + t = -tau (z' - c) on z' = -z > b
  const tb = tails(b);
  const lower = secondMoment(tb, b, c);
  let upper: number;
  let qa: number;
  let inside: number;
  if (a >= 0) {
    const ta = tails(a);
    upper = secondMoment(ta, a, c);
    qa = ta[0];
    inside = 1 - qa - tb[0];
  } else {
    // z > a is the complement of z' = -z > -a, where (z - c)^2 = (z' + c)^2
    const tm = tails(-a);
    upper = 1 + c * c - secondMoment(tm, -a, -c);
    qa = 1 - tm[0];
    inside = tm[0] - tb[0];
  }
  // killed: |theta + tau z| <= t, error theta^2
  return [tau * tau * (upper + lower) + theta * theta * Math.max(inside, 0), qa + tb[0]];
}

export function riskAndDf(target: SETarget, tau: number, t: number): [number, number] {
  if ('riskAndDf' in target) return target.riskAndDf(tau, t);
  let E = 0;
  let df = 0;
  for (let i = 0; i < target.values.length; i++) {
    const [r, d] = softThresholdRisk(target.values[i]!, tau, t);
    E += target.counts[i]! * r;
    df += target.counts[i]! * d;
  }
  return [E, df];
}

export interface SEPoint {
  tau: number;
  t: number;
  /** the excess risk ||theta_hat - theta*||^2 */
  risk: number;
  df: number;
  /** t / tau */
  alpha: number;
}


/**
 * tau at fixed alpha = t / tau: the root of n - sigma^2/tau^2 - E(tau, alpha tau)/tau^2, which is
 * increasing in tau (the soft-threshold risk per unit tau^2 grows with |theta|/tau). null when
 * there is none (alpha below the stability limit: the null coordinates alone exceed n).
 */
export function tauAt(target: SETarget, n: number, sigma: number, alpha: number, guess?: number, tol = 1e-14, firstStep = 0.5): number | null {
  const h = (s: number): number => {
    const tau = Math.exp(s);
    return n - (sigma * sigma) / (tau * tau) - riskAndDf(target, tau, alpha * tau)[0] / (tau * tau);
  };
  const energy = 'energy' in target ? target.energy : target.values.reduce((acc, v, i) => acc + target.counts[i]! * v * v, 0);
  let s = Math.log(guess ?? Math.sqrt((sigma * sigma + energy) / n));
  let f = h(s);
  // the bracket widens from firstStep (in ln tau): small when the guess is a neighbour's root
  let step = firstStep;
  let lo: number;
  let hi: number;
  let flo: number;
  let fhi: number;
  if (f < 0) {
    [lo, flo] = [s, f];
    for (;;) {
      s += step;
      step *= 2;
      f = h(s);
      if (f >= 0) break;
      [lo, flo] = [s, f];
      if (s > 700) return null;
    }
    [hi, fhi] = [s, f];
  } else {
    [hi, fhi] = [s, f];
    for (;;) {
      s -= step;
      step *= 2;
      f = h(s);
      if (f < 0) break;
      [hi, fhi] = [s, f];
      // no sign change down to tau = 0: the exact-recovery fixed point tau = 0
      if (s < -700) return 0;
    }
    [lo, flo] = [s, f];
  }
  return Math.exp(illinois(h, lo, hi, flo, fhi, tol, 200));
}

/**
 * Newton's method on both fixed-point equations at once, in (ln tau, ln alpha), from a nearby
 * solution (the same problem at a neighbouring n or lambda): a few evaluations where the nested
 * solve takes dozens. Residuals ln(n tau^2) - ln(sigma^2 + E) and 1 - df/n - lambda/(t n),
 * Jacobian by forward differences, steps halved until the residual falls. Returns the point with
 * its residual in seResidual's units (off), or null when it does not converge (the caller falls
 * back to the nested solve).
 */
function newtonSE(target: SETarget, n: number, sigma: number, lambda: number, start: { tau: number; alpha: number }, tol: number, calibration: 'linear' | 'log' = 'linear'): { P: SEPoint; off: number } | null {
  type Eval = { F: [number, number]; P: SEPoint; off: number };
  const at = (a: number, b: number): Eval | null => {
    const tau = Math.exp(a);
    const alpha = Math.exp(b);
    const t = alpha * tau;
    const [risk, df] = riskAndDf(target, tau, t);
    if (!(sigma * sigma + risk > 0)) return null;
    // the calibration as (n - df - lambda / t) / n: linear in alpha where df approaches n (lambda
    // -> 0, where ln(n - df) turns steeply), tame where df << n; in logs, ln(t (n - df) / lambda),
    // linear in ln tau where df stays put (a start whose t is off by decades)
    const logCal = n > df ? Math.log(t * (n - df)) - Math.log(lambda) : Number.NaN;
    const cal = calibration === 'linear' ? 1 - df / n - lambda / (t * n) : logCal;
    const F: [number, number] = [Math.log(n * tau * tau) - Math.log(sigma * sigma + risk), cal];
    // convergence is judged in seResidual's units whatever the calibration's form: the linear
    // form's 1e-10 is a relative miss of n / (n - df) times that near interpolation
    const off = Math.max(Math.abs(F[0]), Number.isFinite(logCal) ? Math.abs(logCal) : Infinity);
    return F.every(Number.isFinite) ? { F, P: { tau, t, risk, df, alpha }, off } : null;
  };
  let x: [number, number] = [Math.log(start.tau), Math.log(start.alpha)];
  let cur = at(x[0], x[1]);
  // One Jacobian column by a forward difference whose step keeps the residuals' change small
  // (<= 0.1): near interpolation n - df is a tiny fraction of n (1e-8 at n = 1e12, p = 4n,
  // lambda = n^-1.46), so 1e-7 in ln alpha moves df past n and ln(n - df) is undefined there;
  // a step that leaves the residuals nearly linear is what a forward difference needs anyway.
  const column = (F: [number, number], da: number, db: number): [number, number] | null => {
    for (let h = 1e-7; h >= 1e-14; h /= 10) {
      const e = at(x[0] + da * h, x[1] + db * h);
      if (e && Math.abs(e.F[0] - F[0]) <= 0.1 && Math.abs(e.F[1] - F[1]) <= 0.1) return [(e.F[0] - F[0]) / h, (e.F[1] - F[1]) / h];
    }
    return null;
  };
  for (let it = 0; cur && it < 30; it++) {
    const [f1, f2] = cur.F;
    const ca = column(cur.F, 1, 0);
    const cb = column(cur.F, 0, 1);
    if (!ca || !cb) return null;
    const [j11, j21] = ca;
    const [j12, j22] = cb;
    const det = j11 * j22 - j12 * j21;
    if (!Number.isFinite(det) || det === 0) return null;
    const da = -(j22 * f1 - j12 * f2) / det;
    const db = -(-j21 * f1 + j11 * f2) / det;
    const norm = Math.hypot(f1, f2);
    let step = 1;
    let next: Eval | null = null;
    for (; step > 1e-3; step /= 2) {
      next = at(x[0] + step * da, x[1] + step * db);
      if (next && Math.hypot(next.F[0], next.F[1]) < norm) break;
    }
    const small = Math.max(Math.abs(da), Math.abs(db)) < tol;
    if (!next || step <= 1e-3) return small ? { P: cur.P, off: cur.off } : null;
    x = [x[0] + step * da, x[1] + step * db];
    const was = cur.off;
    cur = next;
    // converged: a full step below the tolerance that leaves the residual within it, or no longer
    // halves it (the rounding of df, E decides the residual there). A step below the tolerance
    // alone is not enough: where n - df ~ 1e-8 n, 1e-11 in ln alpha is 1e-3 in ln lambda.
    if (step === 1 && small && (cur.off <= tol || cur.off > was / 2)) return { P: cur.P, off: cur.off };
  }
  return null;
}

/**
 * The state-evolution fixed point at penalty lambda (alpha solved by calibration).
 * tol: relative accuracy of tau and of the calibration (log lambda). start: a solution of a
 * neighbouring problem, from which Newton's method is tried first.
 */
export function lassoSE(target: SETarget, n: number, sigma: number, lambda: number, alphaGuess = 1, tol = 1e-13, start?: { tau: number; alpha: number }): SEPoint {
  if (start) {
    const P = newtonSE(target, n, sigma, lambda, start, tol);
    if (P && P.off <= SE_ACCEPT) return P.P;
    // a start decades away in tau (a neighbour far off in n): the calibration in logs
    const Q = newtonSE(target, n, sigma, lambda, start, tol, 'log');
    if (Q && Q.off <= SE_ACCEPT) return Q.P;
  }
  let tauGuess: number | undefined;
  const point = (la: number): SEPoint | null => {
    const alpha = Math.exp(la);
    // after the first solve the guess is the root at a nearby alpha: a narrow first bracket
    const tau = tauAt(target, n, sigma, alpha, tauGuess, tol / 10, tauGuess === undefined ? 0.5 : 0.02);
    if (tau === null) return null;
    if (tau > 0) tauGuess = tau;
    const [risk, df] = riskAndDf(target, tau, alpha * tau);
    return { tau, t: alpha * tau, risk, df, alpha };
  };
  // calibration residual in log lambda; infeasible or non-positive lambda counts as below
  const g = (la: number): number => {
    const P = point(la);
    if (P === null || P.tau === 0) return -Infinity;
    const lam = P.t * (n - P.df);
    return lam > 0 ? Math.log(lam) - Math.log(lambda) : -Infinity;
  };
  let la = Math.log(start ? start.alpha : alphaGuess);
  if (start) tauGuess = start.tau;
  let f = g(la);
  // a warm start (Newton failed from a neighbour's solution) brackets from a narrower step
  let step = start ? 0.01 : 0.25;
  let lo: number;
  let hi: number;
  let flo: number;
  let fhi: number;
  if (f < 0) {
    [lo, flo] = [la, f];
    for (;;) {
      la += step;
      step *= 2;
      f = g(la);
      if (f >= 0) break;
      [lo, flo] = [la, f];
      // alpha = t / tau reaches ~n^(1/2) far above the noise (ln alpha ~ 350 at n = 1e300)
      if (la > 400) throw new Error('lassoSE: no calibration above');
    }
    [hi, fhi] = [la, f];
  } else {
    [hi, fhi] = [la, f];
    for (;;) {
      la -= step;
      step *= 2;
      f = g(la);
      if (f < 0) break;
      [hi, fhi] = [la, f];
      if (la < -400) throw new Error('lassoSE: no calibration below');
    }
    [lo, flo] = [la, f];
  }
  // bisect while the lower end is infeasible, then regula falsi
  while (!Number.isFinite(flo) && hi - lo > tol) {
    const mid = (lo + hi) / 2;
    const fm = g(mid);
    if (fm < 0) [lo, flo] = [mid, fm];
    else [hi, fhi] = [mid, fm];
  }
  const root = Number.isFinite(flo) ? illinois(g, lo, hi, flo, fhi, tol, 200) : hi;
  const P = point(root);
  if (P === null) throw new Error('lassoSE: lost the fixed point');
  const off = seResidual(target, n, sigma, lambda, P);
  if (off <= tol) return P;
  // The nested solve is ill-conditioned where E / tau^2 hardly depends on tau: without noise and
  // with every coordinate settled active (n > p, lambda -> 0), n = p (1 + alpha^2) whatever tau, so
  // tau(alpha) is vertical at the root and alpha's tolerance leaves tau (and the calibration)
  // decades off. And near interpolation (n - df ~ 1e-8 n) alpha's tolerance, 1e-11, is 1e-3 in
  // ln lambda. Both equations at once, the calibration in logs, polish it from there.
  const Q = newtonSE(target, n, sigma, lambda, P, tol, 'log');
  const best = Q && Q.off < off ? Q : { P, off };
  if (best.off <= SE_ACCEPT) return best.P;
  // n - df within ~1e-11 n: one ulp of alpha moves df by ~1e-16 n, ln lambda by 1e-5 or more, and
  // near 1e-13 n past SE_ACCEPT; the fixed point exists but float64 does not resolve it
  if (Math.abs(n - best.P.df) <= 1e-11 * n) throw new SEUnresolved(`lassoSE: the calibration lambda = t (n - df) is below float64's resolution (n = ${n}, n - df = ${n - best.P.df}, lambda = ${lambda}: residual ${best.off})`);
  throw new Error(`lassoSE: no fixed point found (n = ${n}, sigma = ${sigma}, lambda = ${lambda}: residual ${best.off})`);
}

/**
 * A fixed point float64 cannot resolve (n - df within df's rounding, near interpolation): an
 * ill-conditioned problem, not a solver failure, which a caller reports as such.
 */
export class SEUnresolved extends Error {}

/**
 * The largest state-evolution residual a solution is returned with (in ln(n tau^2) and ln lambda):
 * loose, since near interpolation (df -> n) ln(n - df) carries df's float64 rounding magnified by
 * n / (n - df); an ill-conditioned nested solve misses by decades
 */
const SE_ACCEPT = 1e-3;

/**
 * How far P is from the fixed point at (n, sigma, lambda): the larger of |ln(n tau^2 / (sigma^2 + E))|
 * and |ln(t (n - df) / lambda)| (Infinity when n - df <= 0).
 */
export function seResidual(target: SETarget, n: number, sigma: number, lambda: number, P: { tau: number; t: number }): number {
  const [risk, df] = riskAndDf(target, P.tau, P.t);
  const noise = Math.abs(Math.log(n * P.tau * P.tau) - Math.log(sigma * sigma + risk));
  const cal = n > df ? Math.abs(Math.log(P.t * (n - df)) - Math.log(lambda)) : Infinity;
  const r = Math.max(noise, cal);
  return Number.isFinite(r) ? r : Infinity;
}

/**
 * theta*_k = k^-gamma for k = 1..p: exact for k <= exact, then geometric bins of ratio
 * 1 + width (each bin's integers at the bin's power-mean value, k^-2gamma averaged).
 */
export function powerLawTarget(gamma: number, p: number, exact = 100, width = 0.05): BinnedTarget {
  const values: number[] = [];
  const counts: number[] = [];
  const top = Math.min(p, exact);
  for (let k = 1; k <= top; k++) {
    values.push(k ** -gamma);
    counts.push(1);
  }
  let k = top + 1;
  while (k <= p) {
    const next = Math.min(p + 1, Math.max(k + 1, Math.floor(k * (1 + width))));
    // integers k..next-1; representative: the root mean square value over the bin
    let s = 0;
    const c = next - k;
    if (c <= 8) for (let j = k; j < next; j++) s += j ** (-2 * gamma);
    else s = ((k - 0.5) ** (1 - 2 * gamma) - (next - 0.5) ** (1 - 2 * gamma)) / (2 * gamma - 1);
    values.push(Math.sqrt(s / c));
    counts.push(c);
    k = next;
  }
  return { values, counts };
}

/** the 10-point Gauss–Legendre rule on [-1, 1] (nodes +-x_i, weights w_i), per panel where the summand turns (in ln k) */
const GL_X = [0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717];
const GL_W = [0.2955242247147529, 0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881];
/** widest panel in ln k */
const GL_PANEL = 0.5;
/**
 * Beyond SHARP tau from the threshold a coordinate is settled in float64 (the Gaussian tails
 * there are below exp(-SHARP^2 / 2) ~ 3e-18): active (mse tau^2 + t^2, df 1) above, killed
 * (mse theta^2, df 0) below.
 */
const SHARP = 9;
/** integers summed one by one where the kink turns within ~10 unit steps of k (beyond, the end terms of Euler-Maclaurin fall like (2 pi 10)^-6) */
const WINDOW_MAX = 200;
/** below TINY tau a coordinate's risk is even and quadratic in theta to 1e-16 relative */
const TINY = 1e-4;

/** int_x0^x1 x^-s dx */
function powerIntegral(s: number, x0: number, x1: number): number {
  return Math.abs(s - 1) < 1e-12 ? Math.log(x1 / x0) : (x0 ** (1 - s) - x1 ** (1 - s)) / (s - 1);
}

/**
 * theta*_k = k^-gamma for k = 1..p, summed without binning. Exactly for k <= head and over the
 * few integers whose theta lies within SHARP tau of the threshold t when the soft-threshold
 * risk turns within a unit step of k; elsewhere by the midpoint Euler-Maclaurin formula
 * sum_(k=a..b) G(k) = int_(a-1/2)^(b+1/2) G - [G']/24 + 7 [G''']/5760 (the summand is smooth
 * at the unit scale there: its Fourier transform at frequency 1 is below exp(-2 pi^2) of
 * itself), the integral in closed form where a coordinate is settled (active, killed, or
 * deep in the noise, where its risk is a + b theta^2) and by Gauss-Legendre panels in ln k,
 * broken at theta = t + j tau, where it turns. Binning (a bin's values at its mean) would move
 * the kink in steps of the bin width: a jitter of the local exponents.
 */
export class PowerLawSum implements SummedTarget {
  readonly energy: number;
  constructor(readonly gamma: number, readonly p: number, readonly head = 64) {
    let e = 0;
    const top = Math.min(p, head);
    for (let k = 1; k <= top; k++) e += k ** (-2 * gamma);
    if (p > top) e += this.powerSum(2 * gamma, top + 0.5, p + 0.5);
    this.energy = e;
  }

  /** sum of k^-s over the integers in (x0, x1) (half-integer ends), by the midpoint formula */
  private powerSum(s: number, x0: number, x1: number): number {
    const d1 = (x: number): number => -s * x ** (-s - 1);
    const d3 = (x: number): number => -s * (s + 1) * (s + 2) * x ** (-s - 3);
    return powerIntegral(s, x0, x1) - (d1(x1) - d1(x0)) / 24 + (7 * (d3(x1) - d3(x0))) / 5760;
  }

  riskAndDf(tau: number, t: number): [number, number] {
    const { p, gamma } = this;
    let E = 0;
    let df = 0;
    const add = (k: number): void => {
      const [r, d] = softThresholdRisk(k ** -gamma, tau, t);
      E += r;
      df += d;
    };
    const top = Math.min(p, this.head);
    for (let k = 1; k <= top; k++) add(k);
    if (p <= top) return [E, df];
    const kOf = (theta: number): number => (theta > 0 ? theta ** (-1 / gamma) : Infinity);
    // the integers lo..hi whose theta lies within SHARP tau of t; those below lo are settled active
    const lo = Math.max(top + 1, Math.ceil(kOf(t + SHARP * tau)));
    const hi = Math.min(p, Math.floor(kOf(t - SHARP * tau)));
    const active = Math.min(lo - 1, p) - top;
    E += active * (tau * tau + t * t);
    df += active;
    if (lo > p) return [E, df];
    // (one by one only where consecutive integers are floats: past 2^52 k++ would not move)
    if (hi - lo + 1 <= WINDOW_MAX && hi < 2 ** 52) {
      // a sharp kink: its few integers one by one, the rest killed (theta^2 each, summed in closed form)
      for (let k = lo; k <= hi; k++) add(k);
      // killed from the first integer past the window (lo itself when none lies in it)
      const last = Math.max(hi, lo - 1);
      if (last < p) E += this.powerSum(2 * gamma, last + 0.5, p + 0.5);
      return [E, df];
    }
    // a kink many integers wide: the summand is smooth at the unit scale from lo on
    const [e, d] = this.smooth(lo - 0.5, p + 0.5, tau, t);
    return [E + e, df + d];
  }

  /** the sum over the integers in (x0, x1), half-integer ends, of a summand smooth at the unit scale */
  private smooth(x0: number, x1: number, tau: number, t: number): [number, number] {
    const g = this.gamma;
    const s = 2 * g;
    const kOf = (theta: number): number => (theta > 0 ? theta ** (-1 / g) : Infinity);
    const kFar = kOf(t + SHARP * tau);
    const killing = t - SHARP * tau > 0;
    // below kKill coordinates turn; above it they are killed (t > SHARP tau) or deep in the noise
    const kKill = killing ? kOf(t - SHARP * tau) : kOf(TINY * tau);
    // deep in the noise (theta < TINY tau < t + SHARP tau): G = G0 + B theta^2, df = D0 + C theta^2
    let [G0, D0, B, C] = [0, 0, 1, 0];
    if (!killing) {
      [G0, D0] = softThresholdRisk(0, tau, t);
      const h = 0.01 * tau;
      const [Gh, Dh] = softThresholdRisk(h, tau, t);
      [B, C] = [(Gh - G0) / (h * h), (Dh - D0) / (h * h)];
    }
    let E = 0;
    let df = 0;
    // settled active: tau^2 + t^2 each
    const f1 = Math.min(x1, kFar);
    if (f1 > x0) {
      E += (tau * tau + t * t) * (f1 - x0);
      df += f1 - x0;
    }
    // settled below: G0 + B k^-2gamma
    const k0 = Math.max(x0, kKill);
    if (x1 > k0) {
      const w = powerIntegral(s, k0, x1);
      E += G0 * (x1 - k0) + B * w;
      df += D0 * (x1 - k0) + C * w;
    }
    // turning: Gauss-Legendre in ln k, broken where theta = t + j tau
    const a = Math.max(x0, kFar);
    const b = Math.min(x1, kKill);
    if (b > a) {
      const cuts = [a, b];
      for (let j = -SHARP; j <= SHARP; j++) {
        const k = kOf(t + j * tau);
        if (k > a && k < b) cuts.push(k);
      }
      const u = cuts.map(Math.log).sort((x, y) => x - y);
      for (let i = 0; i + 1 < u.length; i++) {
        const span = u[i + 1]! - u[i]!;
        const pieces = Math.ceil(span / GL_PANEL);
        for (let j = 0; j < pieces; j++) {
          const mid = u[i]! + (span * (j + 0.5)) / pieces;
          const half = span / pieces / 2;
          GL_X.forEach((x, m) => {
            for (const v of [mid - half * x, mid + half * x]) {
              const k = Math.exp(v);
              const [r, d] = softThresholdRisk(k ** -g, tau, t);
              // dk = k du
              E += half * GL_W[m]! * k * r;
              df += half * GL_W[m]! * k * d;
            }
          });
        }
      }
    }
    // end corrections -[G']/24 + 7 [G''']/5760, from the settled forms where an end is settled
    const ends = (x: number): [number, number, number, number] => {
      const theta = x ** -g;
      if (theta >= t + (SHARP - 1) * tau) return [0, 0, 0, 0];
      if (killing ? theta <= t - (SHARP - 1) * tau : theta <= TINY * tau) {
        const d1 = -s * x ** (-s - 1);
        const d3 = -s * (s + 1) * (s + 2) * x ** (-s - 3);
        return [B * d1, C * d1, B * d3, C * d3];
      }
      // an end where coordinates turn, smoothly at the unit scale: central differences for G' and G'''
      // a step well inside both scales the summand turns on: k itself, and theta moving by tau
      const h = 0.01 * x * Math.min(1, tau / (g * theta));
      const at = (j: number): [number, number] => softThresholdRisk((x + j * h) ** -g, tau, t);
      const [[r2, d2], [r1, d1], [m1, n1], [m2, n2]] = [at(2), at(1), at(-1), at(-2)];
      const third = (f2: number, f1: number, g1: number, g2: number): number => (f2 - 2 * f1 + 2 * g1 - g2) / (2 * h ** 3);
      const first = (f2: number, f1: number, g1: number, g2: number): number => (8 * (f1 - g1) - (f2 - g2)) / (12 * h);
      return [first(r2, r1, m1, m2), first(d2, d1, n1, n2), third(r2, r1, m1, m2), third(d2, d1, n1, n2)];
    };
    const [e0, q0, e0c, q0c] = ends(x0);
    const [e1, q1, e1c, q1c] = ends(x1);
    E += -(e1 - e0) / 24 + (7 * (e1c - e0c)) / 5760;
    df += -(q1 - q0) / 24 + (7 * (q1c - q0c)) / 5760;
    return [E, df];
  }
}
