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

export interface SETarget {
  /** |theta*| values */
  values: number[];
  /** how many coordinates take each value */
  counts: number[];
}

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
 * Root of an increasing function on [lo, hi] (f(lo) < 0 < f(hi)) by the Illinois variant of
 * regula falsi, to relative width tol.
 */
function illinois(f: (x: number) => number, lo: number, hi: number, flo: number, fhi: number, tol: number): number {
  let side = 0;
  for (let it = 0; it < 200 && hi - lo > tol * (Math.abs(lo) + Math.abs(hi) + 1e-300); it++) {
    const x = (lo * fhi - hi * flo) / (fhi - flo);
    const fx = f(x);
    if (fx === 0) return x;
    if (fx < 0) {
      lo = x;
      flo = fx;
      if (side === -1) fhi /= 2;
      side = -1;
    } else {
      hi = x;
      fhi = fx;
      if (side === 1) flo /= 2;
      side = 1;
    }
  }
  return (lo + hi) / 2;
}

/**
 * tau at fixed alpha = t / tau: the root of n - sigma^2/tau^2 - E(tau, alpha tau)/tau^2, which is
 * increasing in tau (the soft-threshold risk per unit tau^2 grows with |theta|/tau). null when
 * there is none (alpha below the stability limit: the null coordinates alone exceed n).
 */
export function tauAt(target: SETarget, n: number, sigma: number, alpha: number, guess?: number, tol = 1e-14): number | null {
  const h = (s: number): number => {
    const tau = Math.exp(s);
    return n - (sigma * sigma) / (tau * tau) - riskAndDf(target, tau, alpha * tau)[0] / (tau * tau);
  };
  let s = Math.log(guess ?? Math.sqrt((sigma * sigma + target.values.reduce((acc, v, i) => acc + target.counts[i]! * v * v, 0)) / n));
  let f = h(s);
  let step = 0.5;
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
  return Math.exp(illinois(h, lo, hi, flo, fhi, tol));
}

/** The state-evolution fixed point at penalty lambda (alpha solved by calibration). */
/** tol: relative accuracy of tau and of the calibration (log lambda). */
export function lassoSE(target: SETarget, n: number, sigma: number, lambda: number, alphaGuess = 1, tol = 1e-13): SEPoint {
  let tauGuess: number | undefined;
  const point = (la: number): SEPoint | null => {
    const alpha = Math.exp(la);
    const tau = tauAt(target, n, sigma, alpha, tauGuess, tol / 10);
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
  let la = Math.log(alphaGuess);
  let f = g(la);
  let step = 0.25;
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
      if (la > 50) throw new Error('lassoSE: no calibration above');
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
      if (la < -50) throw new Error('lassoSE: no calibration below');
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
  const root = Number.isFinite(flo) ? illinois(g, lo, hi, flo, fhi, tol) : hi;
  const P = point(root);
  if (P === null) throw new Error('lassoSE: lost the fixed point');
  return P;
}

/**
 * theta*_k = k^-gamma for k = 1..p: exact for k <= exact, then geometric bins of ratio
 * 1 + width (each bin's integers at the bin's power-mean value, k^-2gamma averaged).
 */
export function powerLawTarget(gamma: number, p: number, exact = 100, width = 0.05): SETarget {
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
