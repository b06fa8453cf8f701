/**
 * The compute-optimal frontier of the power-transport model (characteristic-quadrature.ts) with
 * only N modes resolved: the carriers started at lambda0 >= N^-alpha are transported and decay,
 * the others keep their energy N^(1-beta) / (beta - 1) (the integral of e^(nu s) / alpha below
 * s = -alpha ln N) and send none up. At compute C = N t the optimum minimises
 *   L(C/t, t) = (E_resolved(t) + N^(1-beta) / (beta - 1)) / 2,   N = C / t,
 * over t. The sweep carries the carrier started at the cut out of the spectrum (mu = 1) at the
 * corner time, kappa t^(q+1) = N^(alpha sigma) - 1 (kappa = sigma c / (q + 1)); after it nothing
 * resolved is left and L = the floor of N = C/t, which rises with t. The optimum is that corner
 * (where L falls into it: the sweep, not the decay, empties the resolved modes) or an interior
 * minimum before it (where the decay has emptied them first).
 */
import { truncatedEnergies, type PowerTransport } from './characteristic-quadrature.js';
import { localPeakValue } from '../numeric/local-peak.js';
import { goldenMin } from '../numeric/fit.js';

/** L(N, t): the resolved carriers' energy by quadrature plus the floor of the unresolved modes, halved. */
export function truncatedLoss(P: PowerTransport, N: number, t: number): number {
  if (!(N >= 1)) throw new RangeError('at least one mode must be resolved');
  return 0.5 * (truncatedEnergies(P, t, [-P.alpha * Math.log(N)])[0]! + N ** (1 - P.beta) / (P.beta - 1));
}

/**
 * The corner time at budget C: the t at which the carrier started at the cut N = C/t leaves,
 * kappa t^(q+1) = (C/t)^(alpha sigma) - 1, by bisection in ln t on the logarithms (no overflow):
 * the left side rises with t, the right side falls, and N = 1 (t = C) is past it.
 */
export function cornerTime(P: PowerTransport, C: number): number {
  if (!(C > 0)) throw new RangeError('the budget must be positive');
  const kappa = (P.sigma * P.c) / (P.q + 1);
  const lnC = Math.log(C);
  // positive before the corner
  const excess = (x: number): number => P.alpha * P.sigma * (lnC - x) - Math.log1p(kappa * Math.exp((P.q + 1) * x));
  let lo = lnC - 1;
  while (excess(lo) <= 0) lo -= 2 * (lnC - lo);
  let hi = lnC;
  for (let i = 0; i < 200 && hi - lo > 4e-16 * Math.max(1, Math.abs(hi)); i++) {
    const mid = (lo + hi) / 2;
    if (excess(mid) > 0) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

export interface ComputeOptimum {
  C: number;
  N: number;
  t: number;
  loss: number;
  /** the optimum is the corner (the sweep's exit of the cut), not an interior minimum */
  corner: boolean;
}

/**
 * Samples about an interior minimum are spaced H in v = ln(ln t_c - ln t), the log-distance from
 * the corner (where L is smooth: close to the corner it changes on the scale of that distance),
 * and at most H in ln t far from it: a sextic through seven samples errs in its minimiser by
 * ~H^6 of the scale.
 */
const H = 0.02;
/** The corner is the optimum when L is larger this close before it (and at 1e-2 and 1 before it, in ln t). */
const CORNER_NEAR = 1e-7;
/** The nearest an interior minimum is looked for (in ln t before the corner). */
const V_MIN = Math.log(1e-9);

/**
 * The compute-optimal (N*, t*, L*) at budget C. The corner when L falls into it (L is larger at
 * ln t_c less 1e-7, 1e-2 and 1: before the corner L exceeds its value there by the resolved energy
 * left, which grows faster than the distance d from the corner (carriers further from leaving have
 * decayed less), less the floor's fall, ~ d: a dip shows first closest to the corner); otherwise the
 * interior minimum of ln L, found in v = ln(ln t_c - ln t): an integer ladder in v from
 * `guessV` (by default from the lazy balance lambda_N t = 1) until L rises, golden section
 * between the ladder's neighbours, then the minimiser of the sextic through seven samples about
 * it (a search on values stops at the square root of the rounding; the sextic's derivative has
 * a clean root), and L there.
 */
export function computeOptimum(P: PowerTransport, C: number, guessV?: number): ComputeOptimum {
  const tc = cornerTime(P, C);
  const xc = Math.log(tc);
  const atCorner = 0.5 * (C / tc) ** (1 - P.beta) / (P.beta - 1);
  const fc = Math.log(atCorner);
  const seen = new Map<number, number>();
  // ln L at ln t = xc - e^v
  const F = (v: number): number => {
    let y = seen.get(v);
    if (y === undefined) {
      const t = Math.exp(xc - Math.exp(v));
      seen.set(v, (y = Math.log(truncatedLoss(P, C / t, t))));
    }
    return y;
  };
  if ([CORNER_NEAR, 1e-2, 1].every((d) => F(Math.log(d)) > fc)) return { C, N: C / tc, t: tc, loss: atCorner, corner: true };
  // at most t = 1e-6 (N = 1e6 C): far enough left for any minimum a budget has
  const vMax = Math.log(Math.max(1, xc + 6 * Math.LN10));
  const clamp = (v: number): number => Math.min(vMax, Math.max(V_MIN, v));
  let v = clamp(guessV ?? Math.log(Math.max(1e-3, xc - (P.alpha * Math.log(C)) / (1 + P.alpha))));
  if (guessV === undefined) {
    const dir = F(clamp(v - 1)) < F(v) ? -1 : 1;
    while (clamp(v + dir) !== v && F(clamp(v + dir)) < F(v)) v = clamp(v + dir);
    v = goldenMin(F, clamp(v - 1), clamp(v + 1), 1e-4);
  }
  for (let it = 0; it < 200; it++) {
    // H in v, and at most H in ln t (far from the corner, ln t moves by e^v dv)
    const h = H / Math.max(1, Math.exp(v));
    const vs = [-3, -2, -1, 0, 1, 2, 3].map((j) => v + j * h);
    if (vs[0]! < V_MIN || vs[6]! > vMax) break;
    const ys = vs.map((u) => -F(u));
    let j = 0;
    for (let i = 1; i < 7; i++) if (ys[i]! > ys[j]!) j = i;
    // the sextic interpolates about the largest sample only when it is the middle one
    if (j !== 3) {
      v = vs[j]!;
      continue;
    }
    const best = localPeakValue(vs, ys, 3);
    const t = Math.exp(xc - Math.exp(best.x));
    // L itself there: the sextic's value carries its interpolation error
    return { C, N: C / t, t, loss: truncatedLoss(P, C / t, t), corner: false };
  }
  throw new RangeError(`computeOptimum: no minimum of L(C/t, t) resolved before the corner at C = ${C}`);
}

/** v = ln(ln t_c - ln t*) of an interior optimum. */
const distanceOf = (P: PowerTransport, o: ComputeOptimum): number => Math.log(Math.log(cornerTime(P, o.C)) - Math.log(o.t));

/**
 * The optima at growing budgets, each interior search started where the last two interior
 * optima point (their log-distance from the corner linear in ln C between neighbours).
 */
export function computeFrontier(P: PowerTransport, budgets: number[]): ComputeOptimum[] {
  const out: ComputeOptimum[] = [];
  const inner: { lnC: number; v: number }[] = [];
  for (const C of budgets) {
    const n = inner.length;
    let g: number | undefined;
    if (n >= 2) {
      const [a, b] = [inner[n - 2]!, inner[n - 1]!];
      g = b.v + ((b.v - a.v) / (b.lnC - a.lnC)) * (Math.log(C) - b.lnC);
    } else if (n === 1) g = inner[0]!.v;
    const o = computeOptimum(P, C, g);
    if (!o.corner) inner.push({ lnC: Math.log(C), v: distanceOf(P, o) });
    out.push(o);
  }
  return out;
}
