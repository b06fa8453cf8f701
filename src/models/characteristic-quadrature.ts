/**
 * The remaining energy of the power-law transport problem by quadrature along its exact
 * characteristics (a Lagrangian route, independent of the finite volumes' Eulerian one and of
 * the step-by-step carriers of characteristics.ts).
 *
 * In s = ln(lambda) the energy density moves with u = c e^(sigma s) t^q and decays at 2 e^s. With
 * mu = lambda^-sigma the characteristics are straight in t^(q+1):
 *   mu(t) = mu0 - kappa t^(q+1),   kappa = sigma c / (q + 1)   (sigma > 0, q > -1, c > 0),
 * and a carrier leaves through the top of the spectrum (lambda = 1, mu = 1) when mu reaches 1. A
 * carrier started at s0 keeps e^(-D) of its energy, with
 *   D(s0, t) = 2 int_0^t lambda(t') dt' = 2 t int_0^1 (m + K (1 - tau^(q+1)))^(-1/sigma) dtau,
 * K = kappa t^(q+1), m = mu0 - K >= 1 its mu now. The energy left at time t is
 *   E(t) = int_(-inf)^(s_exit) eps0(s0) e^(-D(s0, t)) ds0,   s_exit = -ln(1 + K) / sigma,
 * for the initial density eps0(s0) = e^(nu s0) / alpha of lambda_k = k^-alpha, E_k = k^-beta.
 * Both integrals by composite Gauss–Legendre: the outer one in y = ln m, the inner one graded
 * towards tau = 1, where the integrand rises over a width m / (K (q + 1)) that vanishes for
 * carriers about to leave.
 */
import { gaussLegendre, type LegendreRule } from '../numeric/gauss-legendre.js';

export interface PowerTransport {
  /** lambda_k = k^-alpha, alpha > 1 */
  alpha: number;
  /** E_k(0) = k^-beta, beta > 1 */
  beta: number;
  /** v = c lambda^(1+sigma) t^q: sigma > 0, q > -1, c > 0 */
  sigma: number;
  q: number;
  c: number;
}

/** Nodes per panel of the outer rule, and of the decay's (a panel at its own width from a singularity: ~5.8^(-2n), 1e-12 at n = 8). */
const NODES = 16;
const INNER = 10;
/** A decay beyond this leaves nothing a double can hold (e^-745 underflows). */
const GONE = 745;
/** Carriers whose whole decay is below this are summed analytically (1 - D is 1 in float64). */
const UNTOUCHED = 1e-18;
/**
 * Carriers about to leave, m < K e^-SHALLOW, carry e^-SHALLOW of the energy per unit y = ln m of those
 * at m ~ K (the weight m / (m + K)): left out, a relative 1e-17.
 */
const SHALLOW = 40;
/** Default width of the outer panels, in s0 (sigma times it in y = ln m): 16 nodes over 2 in s0 agree with 0.5 to 1e-14. */
const PANEL = 2;

/**
 * D / (2t) = int_0^1 (mu0 - K tau^g)^(-p) dtau with g = q + 1, p = 1 / sigma, mu0 = m + K and
 * zeta = K / mu0 < 1 (the carrier is still in the spectrum: its mu now, m, is >= 1). Three parts:
 * - tau in [0, a] with zeta a^g <= 1/2: the binomial series
 *   mu0^-p a sum_n (p)_n / n! (zeta a^g)^n / (n g + 1), which carries the power tau^g (not analytic
 *   at 0 for fractional g) exactly; for deep carriers (small zeta) it is all there is;
 * - tau in [a, 1/2] (when a < 1/2): panels doubling away from a, where that power's singularity sits at distance a;
 * - w = 1 - tau in [0, min(1/2, 1 - a)]: panels [0, w0], [w0, 2 w0], ... doubling, since the integrand
 *   rises towards w = 0 over a width w0 = m / (K g) (it vanishes for carriers about to leave).
 * Gauss–Legendre on a panel at distance of its own width from a singularity errs by ~5.8^(-2n).
 * Summation stops once the integral passes `cap` (a decay that leaves nothing).
 */
export function decayIntegral(m: number, K: number, sigma: number, q: number, rule: LegendreRule = gaussLegendre(INNER, 0, 1), cap = Infinity): number {
  const p = 1 / sigma;
  // m is passed, not mu0 - K: beyond K = 2^53 the sum m + K no longer holds m
  const mu0 = m + K;
  const g = q + 1;
  const zeta = K / mu0;
  const a = zeta * 2 <= 1 ? 1 : (0.5 / zeta) ** (1 / g);
  // the series part: terms fall at least as 2^-n n^(p-1)
  const z = zeta * a ** g;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 400; n++) {
    term *= ((p + n - 1) / n) * z;
    const add = term / (n * g + 1);
    sum += add;
    if (add < 1e-17 * sum) break;
  }
  let I = mu0 ** -p * a * sum;
  if (a >= 1) return I;
  const f = (tau: number): number => (mu0 - K * tau ** g) ** -p;
  const panel = (lo: number, hi: number, h: (x: number) => number): number => {
    let s = 0;
    for (let i = 0; i < rule.nodes.length; i++) s += rule.weights[i]! * h(lo + (hi - lo) * rule.nodes[i]!);
    return (hi - lo) * s;
  };
  for (let lo = a; lo < 0.5 && I <= cap; lo = Math.min(0.5, 2 * lo)) I += panel(lo, Math.min(0.5, 2 * lo), f);
  // the rest, w = 1 - tau in [0, wTop], near tau = 1: 1 - (1 - w)^g = -expm1(g log1p(-w)), exact for small w
  const wTop = Math.min(0.5, 1 - a);
  const atW = (w: number): number => (m - K * Math.expm1(g * Math.log1p(-w))) ** -p;
  for (let lo = 0, hi = Math.min(wTop, m / (K * g)); ; lo = hi, hi = Math.min(wTop, 2 * hi)) {
    I += panel(lo, hi, atW);
    if (hi >= wTop || I > cap) return I;
  }
}

/**
 * E(t) at each of the times (t > 0): the energy still in the spectrum. The untouched deep part,
 * where 2 t lambda(t) < UNTOUCHED bounds D, is e^(nu s_a) / (alpha nu) exactly. The rest is
 * integrated in y = ln m (m = mu0 - K >= 1 the carrier's mu now), where s0 = -ln(m + K) / sigma and
 * ds0 = m / (sigma (m + K)) dy: carriers about to leave (m near 1) crowd into an s0-width of
 * 1 / (sigma K), and their decay changes over it; in ln m the integrand is smooth on scales of 1.
 * Panels of `width` in s0 far from the exit (width sigma in y).
 */
export function quadratureEnergy(P: PowerTransport, times: number[], width = PANEL): number[] {
  return times.map((t) => truncatedEnergies(P, t, [-Infinity], width)[0]!);
}

/**
 * The energy at time t of the carriers that started at lambda0 >= e^(sCut) (s0 >= sCut), for each
 * cut: the model with only the modes above the cut resolved, where the others keep their energy
 * and send none up (sCut = -alpha ln N for N modes; -Infinity keeps them all). One table of panels in y
 * serves every cut: the panels below the cut's y, plus one panel from there to the cut.
 */
export function truncatedEnergies(P: PowerTransport, t: number, sCuts: number[], width = PANEL): number[] {
  if (!(P.sigma > 0 && P.q > -1 && P.c > 0 && P.alpha > 1 && P.beta > 1)) throw new RangeError('power transport needs sigma > 0, q > -1, c > 0, alpha > 1, beta > 1');
  if (!(t > 0)) throw new RangeError('the time must be positive');
  const nu = (P.beta - 1) / P.alpha;
  const K = ((P.sigma * P.c) / (P.q + 1)) * t ** (P.q + 1);
  const unit = gaussLegendre(NODES, 0, 1);
  const inner = gaussLegendre(INNER, 0, 1);
  // the integrand in y, times sigma alpha
  const at = (y: number): number => {
    const m = Math.exp(y);
    const mu0 = m + K;
    const D = 2 * t * decayIntegral(m, K, P.sigma, P.q, inner, GONE / (2 * t));
    // e^(nu s0) = mu0^(-nu/sigma)
    return D < GONE ? Math.exp(-(nu / P.sigma) * Math.log(mu0) - D) * (m / mu0) : 0;
  };
  const panel = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < unit.nodes.length; i++) s += unit.weights[i]! * at(a + (b - a) * unit.nodes[i]!);
    return ((b - a) * s) / (P.sigma * P.alpha);
  };
  // below s_a, lambda(t) = m^(-1/sigma) <= UNTOUCHED / (2t): D <= 2 t lambda(t) is negligible
  const mA = (2 * t / UNTOUCHED) ** P.sigma;
  const yA = Math.log(mA);
  // carriers with m < K e^-SHALLOW weigh m / (m + K) < e^-SHALLOW of their neighbours: left out
  const y0 = Math.min(yA, Math.max(0, Math.log(K) - SHALLOW));
  const panels = Math.max(1, Math.ceil((yA - y0) / (width * P.sigma)));
  const h = (yA - y0) / panels;
  // cumulative energy up to each panel's top, from the exit (m = 1) down to y_A, built as far as a cut asks
  const upTo = [0];
  const through = (j: number): number => {
    while (upTo.length <= j) upTo.push(upTo[upTo.length - 1]! + panel(y0 + (upTo.length - 1) * h, y0 + upTo.length * h));
    return upTo[j]!;
  };
  const deep = (sCut: number): number => {
    // the untouched carriers between the cut and y_A: mu0 from mA + K up to e^(-sigma sCut)
    const sA = -Math.log(mA + K) / P.sigma;
    return sCut < sA ? (Math.exp(nu * sA) - Math.exp(nu * sCut)) / (P.alpha * nu) : 0;
  };
  return sCuts.map((sCut) => {
    // the cut in m: carriers with mu0 <= e^(-sigma sCut), i.e. m <= e^(-sigma sCut) - K
    const mCut = Math.exp(-P.sigma * sCut) - K;
    if (!(mCut > 1)) return 0;
    const yCut = Math.log(mCut);
    if (yCut >= yA) return through(panels) + deep(sCut);
    if (yCut <= y0) return 0;
    const j = Math.min(panels - 1, Math.floor((yCut - y0) / h));
    return through(j) + (yCut > y0 + j * h ? panel(y0 + j * h, yCut) : 0);
  });
}
