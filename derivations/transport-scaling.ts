/**
 * transport (scaling): the laws of derivations/transport-laws.ts measured over decades.
 * Each claim computes the quantity by an independent route (mode sums, Euler–Maclaurin tails,
 * conservative finite volumes, quadrature along the exact characteristics, a compute-optimal
 * search), fits local log-slopes over windows of one decade, and requires the fitted exponent to
 * converge to the formula as the window moves out: the formulas are those `scalecheck exponents`
 * prints (formulaOf / piecewise), never a second copy. The range rule (src/core/precision.ts)
 * extrapolates each exponent's error over the windows; a floor under its uncertainty is stated
 * with its reason where float64 rounding or the shape of the convergence sets one.
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { defineClaim, formulaOf, piecewise, type Claim, type EquivalentMutant, type Figure, type LawResult } from '../src/api/index.js';
import { goldenMin, logGrid, windowSlope, localPeak, localPeakValue, windowFit, FiniteVolume } from '../src/api/numeric.js';
import { carriedEnergy, computeFrontier, computeOptimum, quadratureEnergy } from '../src/api/models.js';
import { memo } from './instances.js';
import { lazyModel, REGIME_EPS, transportModel } from './transport-laws.js';

const SOURCE = 'arXiv:2512.10427; arXiv:2512.18209';
const d = (x: number): Decimal => new Decimal(x);

/* ------------------------------------------------------------------------------------------
 * Mode sums of the lazy flow
 * ---------------------------------------------------------------------------------------- */

/** sum_(k > K) k^-beta e^(-2 t k^-alpha) by Euler–Maclaurin, the integral as its convergent series. */
function lazyTail(alpha: number, beta: number, K: number, t: number): number {
  const x = 2 * t * K ** -alpha;
  let integral = 0;
  let term = K ** (1 - beta); // (-x)^j / j! K^(1-beta), j = 0
  for (let j = 0; j < 200; j++) {
    const add = term / (beta - 1 + alpha * j);
    integral += add;
    if (Math.abs(add) < 1e-17 * Math.abs(integral)) break;
    term *= -x / (j + 1);
  }
  // Euler–Maclaurin through B4: f = e^g, g = -beta ln k - 2t k^-alpha, at k = K (2t K^-alpha = x)
  const f = K ** -beta * Math.exp(-x);
  const g1 = (-beta + alpha * x) / K;
  const g2 = (beta - alpha * (alpha + 1) * x) / K ** 2;
  const g3 = (-2 * beta + alpha * (alpha + 1) * (alpha + 2) * x) / K ** 3;
  return integral - f / 2 - (f * g1) / 12 + (f * (g1 ** 3 + 3 * g1 * g2 + g3)) / 720;
}

/** The frontier mode at time t: k f(k) = k^(1-beta) e^(-2t k^-alpha) peaks at k^alpha = 2 alpha t / (beta - 1). */
const frontierMode = (alpha: number, beta: number, t: number): number => ((2 * alpha * t) / (beta - 1)) ** (1 / alpha);
/**
 * Number of modes summed exactly up to time tMax: far enough out that the tail series converges fast
 * (K >= 4 (2t)^(1/alpha)), and four times past the frontier, whose peak is read off the summed modes.
 * (The frontier once was left out: for alpha / (beta - 1) > 4^alpha it lies past 4 (2t)^(1/alpha), and
 * a = 123, b = 121 at t = 10^4 had k* = 13210 beyond K = 12556 modes: the peak read at the last mode.)
 */
const modesFor = (alpha: number, beta: number, tMax: number): number => Math.ceil(4 * Math.max((2 * tMax) ** (1 / alpha), frontierMode(alpha, beta, tMax)));
/** Exact summation is capped at this many modes; the time range shrinks for flat spectra instead. */
const MAX_MODES = 100_000;
const PER_DECADE = 8;

interface LazySeries {
  t: number[];
  loss: number[];
  /** the peak of the remaining energy per unit ln k (the frontier mode) */
  kStar: number[];
  /** the energy-weighted mean eigenvalue (the instantaneous decay rate / 2) */
  lamBar: number[];
  /** the times whose frontier peak lies within three modes of the last one summed (unresolved: read at the edge) */
  edge: number[];
}

function lazySeries(alpha: number, beta: number, decades: number): LazySeries {
  const K = Math.min(MAX_MODES, modesFor(alpha, beta, 10 ** decades));
  // from a decade below the first window (windows shift down by LAZY_TOP - decades for flat spectra)
  const t = logGrid(Math.min(0, decades - LAZY_TOP), decades, PER_DECADE);
  const lam = new Float64Array(K);
  const e0 = new Float64Array(K);
  for (let k = 1; k <= K; k++) {
    lam[k - 1] = k ** -alpha;
    e0[k - 1] = k ** -beta;
  }
  const out: LazySeries = { t, loss: [], kStar: [], lamBar: [], edge: [] };
  const lnk: number[] = [];
  const dens: number[] = [];
  for (const ti of t) {
    let sum = 0;
    let sumLam = 0;
    lnk.length = 0;
    dens.length = 0;
    // the index of the largest log-density so far (the first, on ties, as localPeak takes it)
    let top = 0;
    let scanning = true;
    for (let k = 1; k <= K; k++) {
      const f = e0[k - 1]! * Math.exp(-2 * ti * lam[k - 1]!);
      sum += f;
      sumLam += lam[k - 1]! * f;
      if (!scanning) continue;
      // k f(k) is the energy per unit ln k: its maximum is the frontier
      lnk.push(Math.log(k));
      dens.push(Math.log(k * f));
      const i = dens.length - 1;
      if (dens[i]! > dens[top]!) top = i;
      // its log, (1 - beta) ln k - 2t k^-alpha, is strictly concave in ln k: three modes past the largest so
      // far, that is the maximum, and the sextic has its seven modes (not while e^(-2t k^-alpha) underflows
      // to 0 at the first modes, ln 0 = -Infinity: at k = 1 once 2t > 745)
      else if (i === top + 3 && dens[top]! > -Infinity) scanning = false;
    }
    // the modes past K: lambda_k f_k = k^-(alpha+beta) e^(...), the same tail with beta -> alpha + beta
    const tail = lazyTail(alpha, beta, K, ti);
    out.loss.push(0.5 * (sum + tail));
    out.lamBar.push((sumLam + lazyTail(alpha, alpha + beta, K, ti)) / (sum + tail));
    // a sextic through the seven integer modes around the top: a parabola's O(spacing^2) error oscillates as the peak crosses modes
    out.kStar.push(Math.exp(localPeak(lnk, dens, 3)));
    // (localPeak returns the largest sample when it has no three neighbours beyond it: the modes ran out)
    if (scanning) out.edge.push(ti);
  }
  return out;
}

/**
 * The widest time range (decades) that the capped mode count resolves: the tail series needs
 * K >= 4 (2t)^(1/alpha), the frontier k* = (2 alpha t / (beta - 1))^(1/alpha) must lie well inside.
 */
function lazyDecades(alpha: number, beta: number): number {
  // modesFor's two conditions, inverted at K = MAX_MODES
  const tTail = (MAX_MODES / 4) ** alpha / 2;
  const tFrontier = ((beta - 1) / (2 * alpha)) * (MAX_MODES / 4) ** alpha;
  return Math.min(LAZY_TOP, Math.floor(Math.log10(Math.min(tTail, tFrontier))));
}

/** A case's modes summed and its frontier mode at the last time, 10^lazyDecades (for the tests). */
export function lazyModes(a: number, b: number): { decades: number; modes: number; frontier: number } {
  const [alpha, beta] = [a / 100, b / 100];
  const decades = lazyDecades(alpha, beta);
  return { decades, modes: Math.min(MAX_MODES, modesFor(alpha, beta, 10 ** decades)), frontier: frontierMode(alpha, beta, 10 ** decades) };
}

/** The widest window ends at 10^LAZY_TOP where the capped mode count resolves it. */
const LAZY_TOP = 8;

/**
 * Range level l fits over [10^(top-1), 10^top] with top = l, shifted down by the decades the
 * capped mode count cannot reach (flat spectra, beta near 1): every level is a distinct window
 * and the widest is the last one resolved (a window repeated would show a step of 0, no convergence).
 */
const lazyWindow = (level: number, decades: number): [number, number] => {
  const top = level - (LAZY_TOP - decades);
  return [10 ** (top - 1), 10 ** top];
};

interface LawParams {
  /** alpha = a / 100 */
  a: number;
  /** beta = b / 100 */
  b: number;
}

const lawDomain: fc.Arbitrary<LawParams> = fc.record({ a: fc.integer({ min: 120, max: 400 }), b: fc.integer({ min: 120, max: 400 }) });

const lazyCache = new Map<string, LazySeries>();
const lazyAt = (P: LawParams): LazySeries => memo(lazyCache, `${P.a},${P.b}`, () => lazySeries(P.a / 100, P.b / 100, lazyDecades(P.a / 100, P.b / 100)));

const lossFigure = (title: string, t: number[], measured: number[], law: (t: number) => number, what = 'L(t)'): Figure => ({
  kind: 'loglog',
  title,
  xLabel: 't',
  yLabel: what,
  series: [
    { name: `${what} measured`, x: t, y: measured },
    { name: 'law', x: t, y: t.map(law) },
  ],
});

const lazyLossTime = formulaOf(lazyModel, 'lazy', 'lossTime');

export const lazyScaling = defineClaim<LawParams>({
  id: 'transport.lazy-scaling',
  group: 'transport',
  kind: 'scaling',
  source: SOURCE,
  statement:
    'v \\equiv 0:\\; L(t) = \\tfrac12 \\sum_k k^{-\\beta} e^{-2k^{-\\alpha} t} \\sim \\frac{\\Gamma(\\nu)}{2\\alpha}(2t)^{-\\nu},\\; \\nu = \\frac{\\beta-1}{\\alpha};\\; \\lambda^*(t) \\propto t^{-1},\\; k^*(t) \\propto t^{1/\\alpha}',
  domain: lawDomain,
  encoding: {
    defs: [
      ['alpha', 'a / 100'],
      ['beta', 'b / 100'],
      ['nu', lazyLossTime],
    ],
    equations: [
      { name: 'lossTime', lhs: 'nuFit', rhs: 'nu', scale: '1' },
      { name: 'frontierLambda', lhs: 'lamFit', rhs: formulaOf(lazyModel, 'lazy', 'frontierLambda'), scale: '1' },
      { name: 'frontierK', lhs: 'kFit', rhs: formulaOf(lazyModel, 'lazy', 'frontierK'), scale: '1' },
      { name: 'prefactor', lhs: 'loss', rhs: 'gamma(nu) / (2 * alpha) * (2 * tEnd)^(-nu)' },
    ],
  },
  measure(P, { level }) {
    const S = lazyAt(P);
    const [lo, hi] = lazyWindow(level, lazyDecades(P.a / 100, P.b / 100));
    const iEnd = S.t.findIndex((x) => x >= hi * (1 - 1e-12));
    const alpha = P.a / 100;
    const nu = (P.b / 100 - 1) / alpha;
    const edge = S.edge.find((t) => t >= lo * (1 - 1e-12) && t <= hi * (1 + 1e-12));
    return {
      // (modesFor keeps the frontier inside the modes summed: a guard, should that ever fail)
      ...(edge === undefined ? {} : { degenerate: `the frontier's peak at t = ${edge.toPrecision(3)} lies within three modes of the last one summed: unresolved` }),
      scope: {
        a: d(P.a),
        b: d(P.b),
        nuFit: d(-windowSlope(S.t, S.loss, lo, hi)),
        lamFit: d(-windowSlope(S.t, S.lamBar, lo, hi)),
        kFit: d(windowSlope(S.t, S.kStar, lo, hi)),
        loss: d(S.loss[iEnd]!),
        tEnd: d(S.t[iEnd]!),
      },
      figure: lossFigure(`lazy mode sum, alpha=${alpha}, beta=${P.b / 100}`, S.t, S.loss, (t) => S.loss[S.loss.length - 1]! * (t / S.t[S.t.length - 1]!) ** -nu),
    };
  },
  ranges: {
    levels: [2, 3, 4, 5, 6, 7, 8],
    // the mode sums are exact up to float64 rounding: the claim asserts far finer than issue 15's
    // 0.005. Reached: 2.0e-9 - 2.5e-9 at twelve run seeds; 1.0e-6 at seed 2024, where one case's
    // loss exponent converges faster than geometrically (errors 3e-3, 2e-5, 2e-15 over the last
    // windows), the extrapolation one window earlier overshot by 1.7e-7, and the rule counts that move
    target: 1e-5,
    label: 'fit window [10^(l-1), 10^l] in t (shifted down by the decades that 10^5 modes cannot resolve, for flat spectra)',
    floor: {
      value: 1e-9,
      why:
        'float64 rounding, once the windows have converged: the mode sums add up to 10^5 terms (relative rounding up to 10^5 * 2^-53 = 1e-11), which the fitted slopes ' +
        'and the relative prefactor read with weight about 1; the frontier is the root of the derivative of a sextic through seven modes spaced 1/k* in ln k, which multiplies ' +
        'the ~1e-14 rounding of the log-density by up to k* (2.5e4 at the widest windows): up to 1e-9 in the slope. The errors measured at the last levels scatter by 2e-12 or less',
    },
  },
  runs: 10,
  variants: [
    { name: 'exponent nu + 0.005', equations: { lossTime: { rhs: 'nu + 0.005' } } },
    { name: 'exponent nu - 0.005', equations: { lossTime: { rhs: 'nu - 0.005' } } },
    { name: 'prefactor 0.5% high', equations: { prefactor: { rhs: '1.005 * gamma(nu) / (2 * alpha) * (2 * tEnd)^(-nu)' } } },
    { name: 'prefactor 0.5% low', equations: { prefactor: { rhs: '0.995 * gamma(nu) / (2 * alpha) * (2 * tEnd)^(-nu)' } } },
    { name: 'exponent off by one: beta / alpha', equations: { lossTime: { rhs: 'beta / alpha' } } },
    { name: 'lost factor 2 in the exponent: (beta - 1) / (2 alpha)', equations: { lossTime: { rhs: '(beta - 1) / (2 * alpha)' } } },
    { name: 'frontier k* ~ t^alpha', equations: { frontierK: { rhs: 'alpha' } } },
    { name: 'frontier lambda* ~ t^(-1/alpha)', equations: { frontierLambda: { rhs: '1 / alpha' } } },
    { name: 'prefactor Gamma(nu + 1)', equations: { prefactor: { rhs: 'gamma(nu + 1) / (2 * alpha) * (2 * tEnd)^(-nu)' } } },
    { name: 'lost factor 2 in the clock: t^-nu', equations: { prefactor: { rhs: 'gamma(nu) / (2 * alpha) * tEnd^(-nu)' } } },
  ],
});

/* ------------------------------------------------------------------------------------------
 * Transport: finite volumes and characteristics
 * ---------------------------------------------------------------------------------------- */

export interface TransportParams {
  alpha: number;
  beta: number;
  sigma: number;
  q: number;
  c: number;
}

/** Energy per unit s = ln(lambda) of the power-law start: (1/alpha) e^(nu s), averaged over [sA, sB]. */
const initialCell = (alpha: number, nu: number) => (sA: number, sB: number): number => (Math.exp(nu * sB) - Math.exp(nu * sA)) / (alpha * nu * (sB - sA));

export interface TransportRun {
  t: number[];
  /** loss from the finite volumes (plus the untouched energy below the grid) */
  lossFV: number[];
  /**
   * loss from the energy carried along the exact characteristics, by quadrature over the starting
   * points (characteristic-quadrature.ts; for sigma <= 0 or c = 0, where its variable mu = lambda^-sigma
   * does not exist, the step-by-step carriers of characteristics.ts, for the figures only)
   */
  lossChar: number[];
  /** the peak of the energy per unit s (the frontier), from the finite volumes */
  lamStar: number[];
  /** finite-volume energy over (cell, time) on a coarse grid, for the picture */
  heat: { s: number[]; z: number[][] };
}

/**
 * Both routes for v = c lambda^(1+sigma) t^q, i.e. u = c e^(sigma s) t^q in s = ln lambda, with decay
 * 2 lambda, on the spectrum lambda <= 1. The grid reaches `below` e-folds under the fastest
 * frontier at the last time; what lies under it stays as it started.
 */
export function transportRun(P: TransportParams, decades: number, ds = 0.02, dlnt = 0.02, characteristics: boolean | ((t: number) => boolean) = true): TransportRun {
  const nu = (P.beta - 1) / P.alpha;
  const speed = (s: number): number => P.c * Math.exp(P.sigma * s);
  const clock = (t: number): number => t ** P.q;
  const r = (s: number): number => 2 * Math.exp(s);
  const tEnd = 10 ** decades;
  // the lower of the dissipation frontier 1/t and the sweep frontier (kappa t^(q+1))^(-1/sigma) at the last time
  const kappa = P.sigma > 0 ? (P.sigma * P.c) / (P.q + 1) : 0;
  const reach = Math.max(Math.log(tEnd), kappa > 0 ? ((P.q + 1) * Math.log(tEnd) + Math.max(0, Math.log(kappa))) / P.sigma : 0);
  const sLo = -reach - 12 / Math.max(nu, 0.2) - 4;
  const cells = Math.ceil(-sLo / ds);
  const init = initialCell(P.alpha, nu);
  const below = Math.exp(nu * sLo) / (P.alpha * nu);
  const t0 = 1e-3;
  const fv = new FiniteVolume({ sLo, sHi: 0, cells, speed, clock, r, initial: init, inflow: () => init(sLo - ds, sLo) }, t0);
  const t = logGrid(-1, decades, PER_DECADE);
  const out: TransportRun = { t, lossFV: [], lossChar: [], lamStar: [], heat: { s: [], z: [] } };
  const stride = Math.max(1, Math.floor(cells / 120));
  out.heat.s = Array.from({ length: Math.floor(cells / stride) }, (_, j) => fv.centers[j * stride]!);
  const lnEps = new Float64Array(cells);
  for (const ti of t) {
    while (fv.t < ti * (1 - 1e-12)) fv.step(Math.min(ti, fv.t * Math.exp(dlnt)));
    out.lossFV.push(0.5 * (fv.total() + below));
    // the log-density's peak through seven cells: a parabola's error locks to the grid as the peak moves through it
    for (let j = 0; j < cells; j++) lnEps[j] = Math.log(fv.eps[j]!);
    out.lamStar.push(Math.exp(localPeak(fv.centers, lnEps, 3)));
    out.heat.z.push(out.heat.s.map((_, j) => fv.eps[j * stride]!));
  }
  if (characteristics === false) return out;
  // the quadrature only where asked (NaN elsewhere): at each time it is a full integral
  const wanted = characteristics === true ? () => true : characteristics;
  if (P.sigma > 0 && P.c > 0) out.lossChar = t.map((ti) => (wanted(ti) ? 0.5 * quadratureEnergy(P, [ti])[0]! : Number.NaN));
  else {
    // one carrier per cell of the same grid, weighted by the cell's energy
    const s0 = Float64Array.from(fv.centers);
    const w = Float64Array.from(s0, (s) => init(s - ds / 2, s + ds / 2) * ds);
    out.lossChar = carriedEnergy({ speed, clock, r, sTop: 0 }, s0, w, t).map((e) => 0.5 * (e + below));
  }
  return out;
}

export interface SelfSimilarParams {
  a: number;
  b: number;
  /**
   * 0 lazy-dominated, 1 self-similar (time-covariant), 2 transport-dominated; 3 and 4 within 0.1 of
   * the boundary q + 1 = sigma, on its transport and its lazy side
   */
  regime: number;
  /** sigma and the offset of q + 1 from it, in hundredths */
  s: number;
  g: number;
  c: number;
}

/** The regimes drawn: see transportParams. */
const REGIMES = 5;
/** The two regimes next to the boundary q + 1 = sigma. */
const NEAR_BOUNDARY = new Set([3, 4]);
/**
 * Their distance from it, |q + 1 - sigma|, in [nearGap, 0.1], and how many decades of t apart their
 * windows are (see below): from 0.07, two decades, by default; from 0.03, four decades, with --deep.
 */
const nearGap = (deep: boolean): number => (deep ? 0.03 : 0.07);
const nearSpacing = (deep: boolean): number => (deep ? 4 : 2);

/*
 * Next to the boundary the laws are reached slowly. By the scaling lambda -> a lambda, t -> t / a
 * (exact but for the top of the spectrum) a case with velocity prefactor c at time t is the case
 * with prefactor c a^(q+1-sigma) at time a t: the local exponents depend on c t^(q+1-sigma) alone,
 * a small c on the lazy side (a large one on the transport side) is the same case at later times.
 * - lazy side, gap = sigma - q - 1: the displacement at the dissipation frontier, c t^-gap / (q + 1),
 *   moves the exponents by O(gap c t^-gap): 10^-gap a decade;
 * - transport side, gap = q + 1 - sigma: the sweep frontier lambda_T = (kappa t^(q+1))^(-1/sigma)
 *   falls below 1/t as lambda_T t = kappa^(-1/sigma) t^(-gap/sigma), and the carriers about to leave
 *   through the top (lambda = 1) decay there: a share kappa^(-1/(1-sigma)) t^(-gap/(1-sigma)) of the
 *   energy (sigma < 1); the slower of the two falls by 10^(-gap/0.6) a decade or faster for sigma in [0.4, 0.6].
 * Both are slower than the 10^-0.1 a decade the range rule extrapolates (a ratio under 0.8): the
 * windows of these cases are two decades apart (10^-0.14 or faster between them, gap >= 0.07),
 * four with --deep (10^-0.12 or faster, gap >= 0.03).
 */
export function transportParams(P: SelfSimilarParams, deep = false): TransportParams {
  const alpha = P.a / 100;
  const beta = P.b / 100;
  const c = P.c / 100;
  if (P.regime === 0) {
    // sigma in [1.2, 3], q + 1 = sigma - gap with gap in [0.8, sigma - 0.2]
    const sigma = 1.2 + (1.8 * P.s) / 100;
    const gap = 0.8 + ((sigma - 1) * P.g) / 100;
    return { alpha, beta, sigma, q: sigma - gap - 1, c };
  }
  if (P.regime === 1) {
    const sigma = 0.25 + (1.75 * P.s) / 100;
    return { alpha, beta, sigma, q: sigma - 1, c };
  }
  const gap = nearGap(deep) + ((0.1 - nearGap(deep)) * P.g) / 100;
  if (P.regime === 3) {
    // next to the boundary on the transport side: q + 1 = sigma + gap, sigma in [0.4, 0.6] and
    // kappa = sigma c / (q + 1) in [15, 50] (the sweep frontier below the dissipation frontier from t ~ 1 on)
    const sigma = 0.4 + (0.2 * P.s) / 100;
    const q1 = sigma + gap;
    const kappa = 15 + (35 * (P.c - 25)) / 175;
    return { alpha, beta, sigma, q: q1 - 1, c: (kappa * q1) / sigma };
  }
  if (P.regime === 4) {
    // next to the boundary on the lazy side: q + 1 = sigma - gap, sigma in [0.3, 0.6], c / (q + 1) in [0.02, 0.05]
    const sigma = 0.3 + (0.3 * P.s) / 100;
    const q1 = sigma - gap;
    return { alpha, beta, sigma, q: q1 - 1, c: q1 * (0.02 + (0.03 * (P.c - 25)) / 175) };
  }
  // sigma in [0.4, 2], q + 1 = sigma + gap with gap in [0.6, 1.6]
  const sigma = 0.4 + (1.6 * P.s) / 100;
  return { alpha, beta, sigma, q: sigma + 0.6 + P.g / 100 - 1, c };
}

/**
 * Each case is a fresh simulation (0.1-0.7 s): not shrunk, a refutation is reported as drawn (a shrink
 * step would simulate anew, and the wrong variants would spend seconds on it).
 */
const selfSimilarDomain: fc.Arbitrary<SelfSimilarParams> = fc.noShrink(
  fc.record({
    a: fc.integer({ min: 120, max: 300 }),
    b: fc.integer({ min: 130, max: 300 }),
    // fast-check favours small integers: a wide draw reduced mod REGIMES visits the regimes evenly (its
    // lowest bit dropped: with it, the first ten draws of seed 42 miss a regime; the test checks them)
    regime: fc.nat({ max: 0x7fffffff }).map((k) => (k >>> 1) % REGIMES),
    s: fc.integer({ min: 0, max: 100 }),
    g: fc.integer({ min: 0, max: 100 }),
    c: fc.integer({ min: 25, max: 200 }),
  }),
);

const TRANSPORT_DECADES = 9;
/**
 * The run, and the finite volumes again on a grid twice as coarse in s and in ln t: the scheme is
 * first order in both, so the slopes' change between the two is their discretisation error, which
 * the finite-volume measurements state as their own uncertainty.
 */
interface TransportRuns {
  fine: TransportRun;
  coarse: TransportRun;
}
const runCache = new Map<string, TransportRuns>();
/**
 * Level l fits over [10^(top-1), 10^top]: top = l + shift (shift from the case's correction exponent,
 * windowShift), or 3 + spacing (l - 3) next to the boundary (levels 3..9: tops 3, 5, .., 15, or
 * 3, 7, .., 27 with --deep).
 */
const windowTop = (near: boolean, deep: boolean, level: number, shift = 0): number => (near ? 3 + nearSpacing(deep) * (level - 3) : level + shift);
const SS_LEVELS = [3, 4, 5, 6, 7, 8, 9];

/**
 * How far a case's windows move out (decades), from the exponent p of its slowest correction:
 * - transport-dominated: like the sweep frontier's lead over the dissipation frontier,
 *   lambda_T t ~ t^(-gap/sigma) (gap = q + 1 - sigma), and for sigma < 1 like the share of carriers
 *   decaying before they leave, t^(-gap/(1-sigma)): p the slower of the two (p >= 0.3 on the domain);
 * - the self-similar line: the top of the spectrum (lambda <= 1) breaks the self-similarity by a share
 *   falling like t^-sigma (measured: the errors fall by 10^-0.25 a decade at sigma = 0.25, 10^-0.355 at
 *   sigma = 0.355): p = sigma (>= 0.25).
 * The range rule's uncertainty is then about the last window's error, A 10^(-p top) with A up to
 * ~1.3 (measured over tops 3..9: transport-dominated a = 1.22, b = 3, sigma = 1.98, p = 0.31: 0.137
 * down to 2.2e-3, resolution 0.013; self-similar a = 2.97, b = 1.33, sigma = 0.25, c = 1.65: the
 * frontier's 0.034 down to 1.05e-3, resolution 0.0063): the windows move out until the last top is
 * 3.6 / p, at most three decades (the corner a = 1.2, b = 3, sigma = 2, gap = 0.6, c = 0.25 read 0.0042 with
 * two, at top 3.3 / p). Elsewhere (lazy-dominated, gap >= 0.8: 10^-0.8 a decade or faster)
 * no shift; next to the boundary the windows are spaced instead (windowTop).
 */
function windowShift(T: TransportParams, regime: number): number {
  let p: number;
  if (regime === 1) p = T.sigma;
  else if (regime === 2) {
    const gap = T.q + 1 - T.sigma;
    p = Math.min(gap / T.sigma, T.sigma < 1 ? gap / (1 - T.sigma) : Infinity);
  } else return 0;
  return Math.min(3, Math.max(0, Math.ceil(3.6 / p) - SS_LEVELS[SS_LEVELS.length - 1]!));
}

const runAt = (T: TransportParams, near: boolean, deep: boolean, shift = 0): TransportRuns =>
  memo(runCache, JSON.stringify([T, near, deep, shift]), () => {
    const tops = SS_LEVELS.map((l) => windowTop(near, deep, l, shift));
    // next to the boundary the windows leave decades out: the characteristics only in the windows (ends included)
    const inWindow = (t: number): boolean => tops.some((top) => Math.log10(t) >= top - 1 - 1e-9 && Math.log10(t) <= top + 1e-9);
    const decades = Math.max(TRANSPORT_DECADES, tops[tops.length - 1]!);
    return { fine: transportRun(T, decades, 0.02, 0.02, inWindow), coarse: transportRun(T, decades, 0.04, 0.04, false) };
  });

const LOSS_TIME = piecewise(transportModel, 'lossTime');
const FRONTIER = piecewise(transportModel, 'frontierLambda');

/**
 * The piecewise law with the boundary q + 1 = sigma moved by `by`: the lazy laws below sigma + by,
 * the transport laws above it (the self-similar line, a lazy regime, is then inside one side).
 */
function movedBoundary(law: string, by: number): string {
  const lazy = `q + 1 < sigma - ${REGIME_EPS}`;
  const transport = `sigma > 0 and q + 1 > sigma + ${REGIME_EPS}`;
  if (!law.includes(lazy) || !law.includes(transport)) throw new Error('the regime conditions are not where they were');
  // (the self-similar line's own test, between them, gives the lazy laws, which the transport laws equal there)
  return law.replace(lazy, `q + 1 < sigma + (${by})`).replace(transport, `sigma > 0 and q + 1 > sigma + (${by})`);
}

/**
 * The boundary pair (issue 15). The drawn cases next to the boundary come at random: seeds 7 and 1234
 * drew none on one side of it within transport.model-size's 8 cases (seed 1234: within
 * transport.self-similar's 10), and a boundary moved by 0.2 there verified. So every case of both
 * claims also measures two fixed cases 0.1 from q + 1 = sigma, one on each side (transportParams'
 * regimes 3 and 4 with g = 100: gap 0.1, with or without --deep; alpha = beta = 2, sigma 0.5 and
 * 0.45), each against the piecewise law at its parameters: a boundary moved by 0.2 either way puts
 * one of the two on its wrong side in every run, whatever the draw. (Not their difference: the two
 * sides' corrections have opposite signs, and the difference crosses zero error within the range.)
 * (The fixed pair is simulated once per process: every case reads the same measurements.)
 */
export const ACROSS: Record<'T' | 'L', SelfSimilarParams> = {
  T: { a: 200, b: 200, regime: 3, s: 50, g: 100, c: 112 },
  L: { a: 200, b: 200, regime: 4, s: 50, g: 100, c: 112 },
};
const SIDES = ['T', 'L'] as const;
/** A law of the transport model read at one side of the pair: its parameters renamed alpha -> alphaT, .. */
const atSide = (law: string, side: 'T' | 'L'): string => law.replace(/\b(alpha|beta|sigma|q)\b/g, `$1${side}`);
/** transport.self-similar's equations on the pair: the loss exponent along the characteristics. */
const PAIR_EQ = { T: 'lossTime at the boundary, transport side', L: 'lossTime at the boundary, lazy side' } as const;
/** The pair's parameters in the scope, named as atSide renames them. */
const pairScope = (params: (side: 'T' | 'L') => TransportParams): Record<string, Decimal> =>
  Object.fromEntries(
    SIDES.flatMap((side) => {
      const T = params(side);
      return [
        [`alpha${side}`, d(T.alpha)],
        [`beta${side}`, d(T.beta)],
        [`sigma${side}`, d(T.sigma)],
        [`q${side}`, d(T.q)],
      ];
    }),
  );

/** What the measurement of transport.self-similar cannot resolve, and why (the same with --deep). */
const SS_FLOOR = {
  value: 2e-5,
  why:
    'next to the regime boundary (gap = |q + 1 - sigma| <= 0.1) the local slopes approach the law through corrections of opposite sign (the slowest falling by 10^-gap ' +
    'or 10^(-gap/(1-sigma)) a decade, others faster): the frontier exponent of such draws crosses zero error at the 1e-6 to 1e-5 level within the range, where the geometric extrapolation cannot follow ' +
    'it (the finite volumes on a grid twice as coarse agree with it to 1e-7: it is the solution, not the scheme)',
};

/**
 * The automatic mutants of the piecewise laws' regime conditions that change no drawn verdict (both
 * claims draw their transport cases through transportParams; the regimes are tried in order:
 * lazy-dominated, the self-similar line, transport-dominated).
 */
const BOUNDARY_MUTANTS: EquivalentMutant[] = [
  {
    site: /^(def|eq) /,
    kinds: ['sign flipped', 'term dropped', 'constant doubled', 'constant halved'],
    at: /: [^:]*1e-9.* in the condition /,
    why:
      'the 1e-9 only absorbs decimal rounding at q + 1 = sigma, where the lazy-dominated and self-similar laws agree (self-similar draws sit on the line ' +
      'exactly, every other draw is at least 0.03 from it); and a case that reaches the transport condition already has q + 1 > sigma (the conditions ' +
      'before it took the rest), so dropping or moving its 1e-9, or its sigma, changes no drawn verdict',
  },
  {
    site: /^(def|eq) /,
    kinds: ['constant doubled'],
    // (the boundary pair's copies of the law name their parameters sigmaT, qT and sigmaL, qL: see atSide)
    at: /: 1 -> 2 in the condition sigma([TL]?) > 0 and q\1 \+ 1 > sigma\1 \+ 1e-9$/,
    why: 'q + 2 > sigma for every case that reaches the transport condition, which already has q + 1 > sigma (the lazy-dominated and self-similar conditions before it took the rest)',
  },
];

/**
 * The boundary pair's copies of the piecewise law: each of its two fixed cases reads one branch (the
 * transport side the transport-dominated value, the lazy side the lazy-dominated one), 0.1 from the
 * line. A mutant of a branch it does not read, or of a condition that does not move it across the line,
 * changes nothing there; the formulas of every branch are mutation-tested through the drawn cases'
 * equations (the same text), and the mutants that move a fixed case across the line are refuted.
 */
const PAIR_MUTANTS: EquivalentMutant = {
  site: /^eq (lossTime|compute\.loss) at the boundary, (transport|lazy) side\.rhs$/,
  kinds: ['sign flipped', 'term dropped', 'exponent +1', 'exponent -1', 'constant doubled', 'constant halved'],
  why:
    'the fixed pair 0.1 either side of q + 1 = sigma reads one branch of its copy of the law each; mutants of the branches it does not read, or of a condition ' +
    'that leaves it on its side, change nothing there (the branches themselves are mutation-tested through the drawn cases\' equations, the same text)',
};

export const selfSimilar = defineClaim<SelfSimilarParams>({
  id: 'transport.self-similar',
  group: 'transport',
  kind: 'scaling',
  source: SOURCE,
  statement:
    'v = c\\lambda^{1+\\sigma}t^{q}:\\; L \\propto t^{-\\nu}, \\lambda^* \\propto t^{-1} \\text{ if } q+1 \\le \\sigma \\text{ (self-similar at } q+1=\\sigma);\\; L \\propto t^{-\\nu(q+1)/\\sigma}, \\lambda^* \\propto t^{-(q+1)/\\sigma} \\text{ if } q+1 > \\sigma > 0;\\; \\text{no power law if } \\sigma \\le 0',
  domain: selfSimilarDomain,
  encoding: {
    defs: [],
    equations: [
      { name: 'lossTime (finite volumes)', lhs: 'nuFV', rhs: LOSS_TIME, scale: '1' },
      { name: 'lossTime (characteristics)', lhs: 'nuChar', rhs: LOSS_TIME, scale: '1' },
      { name: 'frontierLambda', lhs: 'lamFit', rhs: FRONTIER, scale: '1' },
      // the boundary pair's loss exponents along the characteristics
      ...SIDES.map((side) => ({ name: PAIR_EQ[side], lhs: `nu${side}`, rhs: atSide(LOSS_TIME, side), scale: '1' })),
    ],
  },
  measure(P, { level, deep = false }) {
    const T = transportParams(P, deep);
    const near = NEAR_BOUNDARY.has(P.regime);
    const shift = windowShift(T, P.regime);
    const { fine: R, coarse: Rc } = runAt(T, near, deep, shift);
    const top = windowTop(near, deep, level, shift);
    const [lo, hi] = [10 ** (top - 1), 10 ** top];
    const nuLaw = (T.beta - 1) / T.alpha;
    const lam = windowFit(R.t, R.lamStar, lo, hi);
    const nuFV = -windowSlope(R.t, R.lossFV, lo, hi);
    const lamCoarse = -windowSlope(Rc.t, Rc.lamStar, lo, hi);
    const nuCoarse = -windowSlope(Rc.t, Rc.lossFV, lo, hi);
    const pairTop = windowTop(true, deep, level);
    const [nuT, nuL] = SIDES.map((side) => {
      const A = runAt(transportParams(ACROSS[side], deep), true, deep).fine;
      return -windowSlope(A.t, A.lossChar, 10 ** (pairTop - 1), 10 ** pairTop);
    }) as [number, number];
    return {
      scope: {
        ...pairScope((side) => transportParams(ACROSS[side], deep)),
        nuT: d(nuT),
        nuL: d(nuL),
        alpha: d(T.alpha),
        beta: d(T.beta),
        sigma: d(T.sigma),
        q: d(T.q),
        c: d(T.c),
        nuFV: d(nuFV),
        nuChar: d(-windowSlope(R.t, R.lossChar, lo, hi)),
        lamFit: d(-lam.slope),
      },
      // the finite volumes' discretisation error (the change from the coarse grid); the frontier, a peak
      // read off grid cells, also its scatter about the fitted line
      uncertainty: { 'lossTime (finite volumes)': Math.abs(nuFV - nuCoarse), frontierLambda: Math.max(Math.abs(-lam.slope - lamCoarse), lam.se) },
      figure: {
        kind: 'heatmap',
        title: `shell energy over (ln λ, t): sigma=${T.sigma.toFixed(2)}, q=${T.q.toFixed(2)}, nu=${nuLaw.toFixed(2)}`,
        xLabel: 't',
        yLabel: 's = ln λ',
        series: [{ name: 'frontier ln λ*', x: R.t, y: R.lamStar.map(Math.log) }],
        heatmap: { x: R.t, y: R.heat.s, z: R.heat.s.map((_, j) => R.heat.z.map((row) => row[j]!)), zLabel: 'energy per unit ln λ' },
      },
    };
  },
  ranges: {
    levels: SS_LEVELS,
    target: 0.005,
    label:
      'fit window [10^(l-1), 10^l] in t, moved out by up to three decades where the correction exponent p is small (top >= 3.6 / p: the self-similar line at sigma < 0.4, ' +
      'transport-dominated at p = min(gap / sigma, gap / (1 - sigma)) < 0.4); next to the boundary, and for the fixed pair 0.1 either side of it: [10^(2l-4), 10^(2l-3)] (with --deep, where the draws come to 0.03 of it, [10^(4l-10), 10^(4l-9)])',
    floor: SS_FLOOR,
    deep: { levels: SS_LEVELS, floor: SS_FLOOR },
  },
  runs: 10,
  equivalentMutants: [...BOUNDARY_MUTANTS, PAIR_MUTANTS],
  variants: [
    ...[0.005, -0.005].map((by) => ({
      name: `loss exponent ${by > 0 ? '+' : '-'} ${Math.abs(by)}`,
      equations: { 'lossTime (finite volumes)': { rhs: `(${LOSS_TIME}) + (${by})` }, 'lossTime (characteristics)': { rhs: `(${LOSS_TIME}) + (${by})` } },
    })),
    ...[0.005, -0.005].map((by) => ({ name: `frontier exponent ${by > 0 ? '+' : '-'} ${Math.abs(by)}`, equations: { frontierLambda: { rhs: `(${FRONTIER}) + (${by})` } } })),
    {
      // just under the old tolerance of 0.02: the check used to let it through
      name: 'loss exponent nu - 0.018',
      equations: { 'lossTime (finite volumes)': { rhs: `(${LOSS_TIME}) - 0.018` }, 'lossTime (characteristics)': { rhs: `(${LOSS_TIME}) - 0.018` } },
    },
    ...[0.2, -0.2].map((by) => ({
      name: `regime boundary moved ${by > 0 ? 'up' : 'down'} by 0.2: the transport laws from q + 1 > sigma ${by > 0 ? '+' : '-'} 0.2`,
      equations: {
        'lossTime (finite volumes)': { rhs: movedBoundary(LOSS_TIME, by) },
        'lossTime (characteristics)': { rhs: movedBoundary(LOSS_TIME, by) },
        frontierLambda: { rhs: movedBoundary(FRONTIER, by) },
        ...Object.fromEntries(SIDES.map((side) => [PAIR_EQ[side], { rhs: atSide(movedBoundary(LOSS_TIME, by), side) }])),
      },
    })),
    {
      name: 'transport changes prefactors only (lazy exponent everywhere)',
      equations: {
        'lossTime (finite volumes)': { rhs: lazyLossTime },
        'lossTime (characteristics)': { rhs: lazyLossTime },
        ...Object.fromEntries(SIDES.map((side) => [PAIR_EQ[side], { rhs: atSide(lazyLossTime, side) }])),
      },
    },
    { name: 'frontier exponent off by one: q / sigma', equations: { frontierLambda: { rhs: piecewise(transportModel, 'frontierLambda').replaceAll('(q + 1) / sigma', 'q / sigma') } } },
    { name: 'loss exponent without nu: (q + 1) / sigma', equations: { 'lossTime (characteristics)': { rhs: piecewise(transportModel, 'frontierLambda') } } },
  ],
});

/* ------------------------------------------------------------------------------------------
 * Model size and compute
 * ---------------------------------------------------------------------------------------- */

/** sum_(k > N) k^-beta (Hurwitz zeta) by Euler–Maclaurin after ten explicit terms. */
function zetaTail(beta: number, N: number): number {
  let s = 0;
  const M = N + 11;
  for (let k = N + 1; k < M; k++) s += k ** -beta;
  const f = M ** -beta;
  // int_M^inf + f/2 - f'/12 + f'''/720 with f' = -beta f / M, f''' = -beta (beta+1)(beta+2) f / M^3
  return s + (M * f) / (beta - 1) + f / 2 + (beta * f) / (12 * M) - (beta * (beta + 1) * (beta + 2) * f) / (720 * M ** 3);
}

interface ComputeSeries {
  N: number[];
  floor: number[];
  C: number[];
  nOpt: number[];
  tOpt: number[];
  lossOpt: number[];
  /**
   * log10 of what picks each budget's window: N* itself (the lazy model), or the N* or t* the budget
   * was aimed at (the transport model: an optimum a hair off its aim stays in its window)
   */
  aim: number[];
}

/** Per-mode spectrum and energy, tabulated once per (alpha, beta). */
interface Modes {
  lam: Float64Array;
  e0: Float64Array;
}

function modes(alpha: number, beta: number, K: number): Modes {
  const lam = new Float64Array(K);
  const e0 = new Float64Array(K);
  for (let k = 1; k <= K; k++) {
    lam[k - 1] = k ** -alpha;
    e0[k - 1] = k ** -beta;
  }
  return { lam, e0 };
}

/** Loss of the first N modes after time t, plus the energy the other modes keep. */
function lossAt(M: Modes, beta: number, N: number, t: number): number {
  let s = 0;
  for (let k = 0; k < N; k++) s += M.e0[k]! * Math.exp(-2 * t * M.lam[k]!);
  return 0.5 * (s + zetaTail(beta, N));
}

/** The compute-optimal N* reaches 10^COMPUTE_DECADES_N at the widest level. */
const COMPUTE_DECADES_N = 5;

/** The floor L_inf(N) = zeta tail / 2 on N = 1 .. 10^7 (8 a decade): what the floor's windows read. */
function floorSeries(beta: number): { N: number[]; floor: number[] } {
  const N = logGrid(0, 7, PER_DECADE).map(Math.round);
  return { N, floor: N.map((n) => 0.5 * zetaTail(beta, n)) };
}

/**
 * The lazy model's compute-optimal frontier: at each budget C the integer N minimising
 * L(N, C/N), then the minimum of the smooth function those integer samples lie on (a sextic
 * through seven of them in ln N): the integer argmin alone jumps by 1/N*, which a slope over a
 * window reads as noise.
 */
function lazyCompute(alpha: number, beta: number): ComputeSeries {
  // N* ~ C^(1/(1+alpha)): two budgets a decade of C give 2 (1 + alpha) >= 4 a decade of N*
  const C = logGrid(0.5, COMPUTE_DECADES_N * (1 + alpha), 2);
  const M = modes(alpha, beta, 10 ** (COMPUTE_DECADES_N + 1));
  const out: ComputeSeries = { ...floorSeries(beta), C, nOpt: [], tOpt: [], lossOpt: [], aim: [] };
  // N* grows with C: each search starts from the last optimum, within a factor e^2 either way
  let last = 1;
  for (const c of C) {
    const nOf = (x: number): number => Math.min(M.lam.length - 8, Math.max(1, Math.round(Math.exp(x))));
    const L = (n: number): number => lossAt(M, beta, n, c / n);
    // to within a few integers: the walk below finishes it
    const x = goldenMin((y) => L(nOf(y)), Math.max(0, Math.log(last) - 2), Math.min(Math.log(c), Math.log(M.lam.length), Math.log(last) + 2), 1 / (20 * last));
    let n = nOf(x);
    // the integer minimum (the golden search rounds), then seven integers about it
    while (n > 1 && L(n - 1) < L(n)) n--;
    while (L(n + 1) < L(n)) n++;
    const ns = Array.from({ length: 7 }, (_, i) => n - 3 + i).filter((k) => k >= 1);
    const best = localPeakValue(ns.map(Math.log), ns.map((k) => -Math.log(L(k))), 3);
    const nStar = Math.exp(best.x);
    last = n;
    out.nOpt.push(nStar);
    out.tOpt.push(c / nStar);
    out.lossOpt.push(Math.exp(-best.y));
    out.aim.push(Math.log10(nStar));
  }
  return out;
}

/** Budgets a window of the transport model: five, a quarter of its decade apart. */
const PER_WINDOW = 4;

/**
 * How a transport case's budgets are aimed (`regime` as transportParams reads it): at decades of N*
 * through the corner relation where the sweep sets the optimum deep in its regime; at decades of
 * t* two decades apart elsewhere, where the corrections fall by 10^-gap (lazy side) or
 * 10^(-gap/(1-sigma)) (transport side: the decay of the carriers about to leave opens a dip just
 * before the corner) a decade of t. Along t*, through the corner relation next to the boundary on
 * the transport side, through the lazy balance in the interior regimes (lazy-dominated,
 * self-similar, next to the boundary on the lazy side).
 */
type Aim = 'N at the corner' | 't at the corner' | 't at the balance';
const aimOf = (regime: number): Aim => (regime === 2 ? 'N at the corner' : regime === 3 ? 't at the corner' : 't at the balance');

/**
 * Level l's window, in log10 of the aim: N* in [10^(l-1), 10^l] (lazy model), [10^(l+shift), 10^(l+shift+1)]
 * (transport, along N*: nShift), t* in [10^(2l+4), 10^(2l+5)] (four decades apart with --deep: [10^(4l+2), 10^(4l+3)]).
 */
function computeWindow(regime: number, deep: boolean, level: number, shift = 0): [number, number] {
  if (regime === 0) return [level - 1, level];
  if (aimOf(regime - 1) === 'N at the corner') return [level + shift, level + shift + 1];
  const lo = 6 + nearSpacing(deep) * (level - 1);
  return [lo, lo + 1];
}
const MS_LEVELS = [1, 2, 3, 4, 5];

/**
 * How far the windows along N* move out (decades) deep in the transport-dominated regime. The corner
 * relation's -1 makes a correction N^-(alpha sigma) (measured: the N* exponent's error falls by 10^-0.5
 * a decade at alpha sigma = 0.48; a = 1.16, b = 2.71, sigma = 0.42, c = 1.52 read 0.093 at N* ~ 10..100 down
 * to 8.9e-4 at 10^5..10^6: resolution 0.0037, the target 1e-3), and where it has died out the optimum's
 * approach turns from fast to slow (a = 1.17, b = 1.46, sigma = 0.8: 2.6e-3, 5.4e-5, 1.9e-5 over the last
 * three windows: resolution 0.00103, the spread of the last two extrapolations): one window more, and
 * enough that the last window's top, 6 + shift, reaches 4.4 / (alpha sigma); at most four decades. (The
 * domain's corner a = 1.1, b = 3, sigma = 0.4, gap = 0.6, c = 0.25 reads 2.0e-4 at N* ~ 10^8..10^9, A ~ 1.8 in
 * A N*^-(alpha sigma): resolution 0.0012 with three decades.)
 */
const nShift = (T: TransportParams): number => Math.min(4, Math.max(1, Math.ceil(4.4 / (T.alpha * T.sigma)) - 6));

/**
 * The transport model's compute-optimal frontier in the continuum of the quadrature route
 * (transport-compute.ts: the sweep's corner, or the interior minimum before it), at five
 * budgets per window. Through the corner relation kappa t^(q+1) = N^(alpha sigma) - 1, the budget
 * for N or for t is C = N t; through the lazy balance, C = (t* / A)^((1 + alpha) / alpha), the
 * balance's exponent (that of every regime aimed so) with A from one optimum at t* ~ 10^6.
 */
function transportCompute(T: TransportParams, regime: number, deep: boolean): ComputeSeries {
  const aim = aimOf(regime - 1);
  const alongN = aim === 'N at the corner';
  const shift = alongN ? nShift(T) : 0;
  const aims = [...new Set(MS_LEVELS.flatMap((l) => Array.from({ length: PER_WINDOW + 1 }, (_, k) => computeWindow(regime, deep, l, shift)[0] + k / PER_WINDOW)))];
  const kappa = (T.sigma * T.c) / (T.q + 1);
  let budgets: number[];
  if (alongN) budgets = aims.map((e) => 10 ** e * ((10 ** (e * T.alpha * T.sigma) - 1) / kappa) ** (1 / (T.q + 1)));
  else if (aim === 't at the corner') budgets = aims.map((e) => 10 ** e * (1 + kappa * 10 ** (e * (T.q + 1))) ** (1 / (T.alpha * T.sigma)));
  else {
    const p = T.alpha / (1 + T.alpha);
    const C0 = 10 ** (6 / p);
    const A = computeOptimum(T, C0).t / C0 ** p;
    budgets = aims.map((e) => (10 ** e / A) ** (1 / p));
  }
  const opt = computeFrontier(T, budgets);
  return {
    ...floorSeries(T.beta),
    C: budgets,
    nOpt: opt.map((o) => o.N),
    tOpt: opt.map((o) => o.t),
    lossOpt: opt.map((o) => o.loss),
    aim: aims,
  };
}

/**
 * transport.self-similar's parameters, but for `regime`: 0 the lazy model, discrete modes; 1..5
 * the transport model in self-similar's regime 0..4 (lazy-dominated, self-similar,
 * transport-dominated, within 0.1 of the boundary on its transport and its lazy side)
 */
type ModelSizeParams = SelfSimilarParams;

/** The lazy model and the transport model's five regimes. */
const MODEL_SIZE_REGIMES = 6;

const modelSizeTransport = (P: ModelSizeParams, deep: boolean): TransportParams => transportParams({ ...P, regime: Math.max(0, P.regime - 1) }, deep);

const computeCache = new Map<string, ComputeSeries>();
const computeAt = (P: ModelSizeParams, deep: boolean): ComputeSeries =>
  memo(computeCache, JSON.stringify([P, deep]), () => (P.regime === 0 ? lazyCompute(P.a / 100, P.b / 100) : transportCompute(modelSizeTransport(P, deep), P.regime, deep)));

/** The compute-optimal exponents over level l's window (computeWindow): N*, t* and the loss's fall. */
function computeFits(P: ModelSizeParams, deep: boolean, level: number): { nFit: number; tFit: number; lossFit: number } {
  const S = computeAt(P, deep);
  const [lo, hi] = computeWindow(P.regime, deep, level, P.regime > 0 && aimOf(P.regime - 1) === 'N at the corner' ? nShift(modelSizeTransport(P, deep)) : 0);
  const inWindow = S.aim.map((e) => e >= lo - 1e-9 && e <= hi + 1e-9);
  const slope = (ys: number[]): number => windowSlope(S.C.filter((_, i) => inWindow[i]), ys.filter((_, i) => inWindow[i]), 0, Infinity);
  return { nFit: slope(S.nOpt), tFit: slope(S.tOpt), lossFit: -slope(S.lossOpt) };
}

/** The boundary pair (see ACROSS) as transport.model-size's cases: its regimes 4 and 5. */
const MS_PAIR: Record<'T' | 'L', ModelSizeParams> = { T: { ...ACROSS.T, regime: 4 }, L: { ...ACROSS.L, regime: 5 } };
/** transport.model-size's equations on the pair: the compute-optimal loss exponent. */
const MS_PAIR_EQ = { T: 'compute.loss at the boundary, transport side', L: 'compute.loss at the boundary, lazy side' } as const;

const lazyLaw = (key: string): string => formulaOf(lazyModel, 'lazy', key);
/** The laws of the case's model: the transport model's, piecewise over its regimes, or the lazy model's. */
const lawOf = (key: string): string => `(transport > 0) ? (${piecewise(transportModel, key)}) : (${lazyLaw(key)})`;
/** The competitor: the compute-optimal split derived as if the loss fell with the lazy exponent in every regime. */
const asIfLazy = lazyLaw;
const COMPUTE_KEYS = ['compute.N', 'compute.t', 'compute.loss'] as const;

/** What the measurement of transport.model-size cannot resolve, and why (the same with --deep). */
const MS_FLOOR = {
  value: 3e-6,
  why:
    'the optimum along N* deep in the transport-dominated regime converges faster than geometrically once the corner relation\'s N^-(alpha sigma) has died out ' +
    '(a = 1.17, b = 1.46, sigma = 0.8: the errors of compute.N fall 2.6e-3, 5.4e-5, 2.0e-6, 2.3e-7, 2.7e-8, ratios 0.02 then 0.1): each geometric extrapolation ' +
    'then misses the next by up to 8e-7 (three of them, the margin of the range rule: 2.4e-6), which it reads as no convergence at 1e-7 errors. Below it, ' +
    'float64 rounding, once the windows have converged: the lazy losses sum up to 10^5 modes (relative rounding up to 1e-11), and the optimum read off integer N ' +
    'through a sextic in ln N amplifies the ~1e-14 rounding of ln L by up to N* (10^5); the transport optimum is a bisection in ln t stopped at 1e-14, or the root of the ' +
    "derivative of a sextic through seven quadratures (each good to ~1e-13), whose minimiser agrees with golden section to 5e-8 in ln t and moves the fitted slopes by " +
    'up to 6e-10 from window to window. The converged errors scatter by 1e-9 or less',
};

export const modelSize = defineClaim<ModelSizeParams>({
  id: 'transport.model-size',
  group: 'transport',
  kind: 'scaling',
  source: SOURCE,
  statement:
    'L_\\infty(N) = \\tfrac12\\sum_{k>N}k^{-\\beta} \\propto N^{-(\\beta-1)};\\; C = Nt:\\; N^* \\propto C^{a/(a+b)},\\, t^* \\propto C^{b/(a+b)},\\, L^* \\propto C^{-ab/(a+b)},\\; a = \\text{the loss exponent in } t \\;(\\nu \\text{ lazy, lazy-dominated and self-similar},\\ \\nu(q+1)/\\sigma \\text{ transport-dominated}),\\, b = \\beta - 1',
  // each case is a fresh search (a transport case, a quadrature per time): not shrunk
  domain: fc.noShrink(
    fc.record({
      a: fc.integer({ min: 110, max: 300 }),
      b: fc.integer({ min: 130, max: 300 }),
      // a wide draw reduced mod MODEL_SIZE_REGIMES (fast-check favours small integers), its lowest three bits
      // dropped: with them, the first eight draws of seed 42 miss a regime (the test checks them)
      regime: fc.nat({ max: 0x7fffffff }).map((k) => (k >>> 3) % MODEL_SIZE_REGIMES),
      s: fc.integer({ min: 0, max: 100 }),
      g: fc.integer({ min: 0, max: 100 }),
      c: fc.integer({ min: 25, max: 200 }),
    }),
  ),
  encoding: {
    defs: [
      ['alpha', 'a / 100'],
      ['beta', 'b / 100'],
    ],
    equations: [
      { name: 'lossModes', lhs: 'floorFit', rhs: lazyLaw('lossModes'), scale: '1' },
      { name: 'compute.N', lhs: 'nFit', rhs: lawOf('compute.N'), scale: '1' },
      { name: 'compute.t', lhs: 'tFit', rhs: lawOf('compute.t'), scale: '1' },
      { name: 'compute.loss', lhs: 'lossFit', rhs: lawOf('compute.loss'), scale: '1' },
      ...SIDES.map((side) => ({ name: MS_PAIR_EQ[side], lhs: `loss${side}`, rhs: atSide(piecewise(transportModel, 'compute.loss'), side), scale: '1' })),
    ],
  },
  measure(P, { level, deep = false }) {
    const S = computeAt(P, deep);
    const T = modelSizeTransport(P, deep);
    const fit = computeFits(P, deep, level);
    const pair = SIDES.map((side) => computeFits(MS_PAIR[side], deep, level).lossFit);
    return {
      scope: {
        ...pairScope((side) => modelSizeTransport(MS_PAIR[side], deep)),
        lossT: d(pair[0]!),
        lossL: d(pair[1]!),
        a: d(P.a),
        b: d(P.b),
        transport: d(P.regime > 0 ? 1 : 0),
        sigma: d(T.sigma),
        q: d(T.q),
        floorFit: d(-windowSlope(S.N, S.floor, 10 ** (level + 1), 10 ** (level + 2))),
        nFit: d(fit.nFit),
        tFit: d(fit.tFit),
        lossFit: d(fit.lossFit),
      },
      figure: {
        kind: 'loglog',
        title: `compute-optimal frontier, alpha=${P.a / 100}, beta=${P.b / 100}${P.regime ? `, sigma=${T.sigma.toFixed(2)}, q=${T.q.toFixed(2)}` : ''}`,
        xLabel: 'C = N t',
        yLabel: 'value at the optimum',
        series: [
          { name: 'N*', x: S.C, y: S.nOpt },
          { name: 't*', x: S.C, y: S.tOpt },
          { name: 'L*', x: S.C, y: S.lossOpt },
        ],
      },
    };
  },
  ranges: {
    levels: MS_LEVELS,
    target: 1e-3,
    label:
      'N* in [10^(l-1), 10^l] (lazy model); transport model: N* in [10^(l+s), 10^(l+s+1)] deep in the transport-dominated regime (s = 1..4, the last top >= 4.4 / (alpha sigma)), ' +
      't* in [10^(2l+4), 10^(2l+5)] in the others ' +
      '(with --deep, where the draws next to the boundary come to 0.03 of it, [10^(4l+2), 10^(4l+3)]), the same for the fixed pair 0.1 either side of the boundary; N in [10^(l+1), 10^(l+2)] for the floor',
    floor: MS_FLOOR,
    deep: { levels: MS_LEVELS, floor: MS_FLOOR },
  },
  runs: 8,
  // the lazy model's cases (transport = 0) read no regime condition
  equivalentMutants: [...BOUNDARY_MUTANTS, PAIR_MUTANTS],
  variants: [
    ...(['lossModes', 'compute.N', 'compute.loss'] as const).map((key) => ({ name: `${key} exponent + 0.01`, equations: { [key]: { rhs: `(${key === 'lossModes' ? lazyLaw(key) : lawOf(key)}) + 0.01` } } })),
    ...COMPUTE_KEYS.flatMap((key) => [0.005, -0.005].map((by) => ({ name: `${key} exponent ${by > 0 ? '+' : '-'} 0.005`, equations: { [key]: { rhs: `(${lawOf(key)}) + (${by})` } } }))),
    ...[0.005, -0.005].map((by) => ({ name: `floor exponent ${by > 0 ? '+' : '-'} 0.005`, equations: { lossModes: { rhs: `(${lazyLaw('lossModes')}) + (${by})` } } })),
    {
      name: 'compute-optimal split of the transport regimes derived as if lazy (loss exponent nu)',
      equations: {
        ...Object.fromEntries(COMPUTE_KEYS.map((key) => [key, { rhs: asIfLazy(key) }])),
        ...Object.fromEntries(SIDES.map((side) => [MS_PAIR_EQ[side], { rhs: atSide(asIfLazy('compute.loss'), side) }])),
      },
    },
    ...[0.2, -0.2].map((by) => ({
      name: `regime boundary moved ${by > 0 ? 'up' : 'down'} by 0.2: the transport-dominated split from q + 1 > sigma ${by > 0 ? '+' : '-'} 0.2`,
      equations: {
        ...Object.fromEntries(COMPUTE_KEYS.map((key) => [key, { rhs: `(transport > 0) ? (${movedBoundary(piecewise(transportModel, key), by)}) : (${lazyLaw(key)})` }])),
        ...Object.fromEntries(SIDES.map((side) => [MS_PAIR_EQ[side], { rhs: atSide(movedBoundary(piecewise(transportModel, 'compute.loss'), by), side) }])),
      },
    })),
    { name: 'floor exponent off by one: beta', equations: { lossModes: { rhs: 'beta' } } },
    { name: 'optimal N and t swapped', equations: { 'compute.N': { rhs: lawOf('compute.t') } } },
    { name: 'compute-optimal loss exponent without the trade: nu', equations: { 'compute.loss': { rhs: lazyLaw('lossTime') } } },
  ],
});

export const transportScalingClaims = [lazyScaling, selfSimilar, modelSize];

/* ------------------------------------------------------------------------------------------
 * The simulation beside the printed laws (`scalecheck exponents transport|lazy --plot`)
 * ---------------------------------------------------------------------------------------- */

/** Finite volumes and characteristics for the given parameters, with the predicted power laws through their last points. */
export function transportFigures(params: Record<string, number>, laws: LawResult): Figure[] {
  const T: TransportParams = { alpha: params.alpha!, beta: params.beta!, sigma: params.sigma ?? 0, q: params.q ?? 0, c: params.c ?? 0 };
  const R = transportRun(T, TRANSPORT_DECADES);
  const through = (ys: number[], slope: number) => (t: number): number => ys[ys.length - 1]! * (t / R.t[R.t.length - 1]!) ** slope;
  const a = laws.exponents.lossTime!;
  const f = laws.exponents.frontierLambda!;
  return [
    {
      ...lossFigure(`loss: simulation and law L ∝ t^-${a.toPrecision(4)} (${laws.regime})`, R.t, R.lossFV, through(R.lossFV, -a), 'L(t)'),
      series: [
        { name: 'finite volumes', x: R.t, y: R.lossFV },
        { name: 'characteristics', x: R.t, y: R.lossChar },
        { name: `law t^-${a.toPrecision(4)}`, x: R.t, y: R.t.map(through(R.lossFV, -a)) },
      ],
    },
    {
      ...lossFigure(`frontier: λ* ∝ t^-${f.toPrecision(4)}`, R.t, R.lamStar, through(R.lamStar, -f), 'λ*(t)'),
    },
  ];
}
