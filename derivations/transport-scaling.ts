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
import { defineClaim, formulaOf, piecewise, type Claim, type Figure, type LawResult } from '../src/api/index.js';
import { goldenMin, logGrid, windowSlope, localPeak, localPeakValue, windowFit, FiniteVolume } from '../src/api/numeric.js';
import { carriedEnergy, quadratureEnergy, truncatedEnergies } from '../src/api/models.js';
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

/** Number of modes summed exactly: far enough out that the tail series converges fast. */
const modesFor = (alpha: number, tMax: number): number => Math.ceil(4 * (2 * tMax) ** (1 / alpha));
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
}

function lazySeries(alpha: number, beta: number, decades: number): LazySeries {
  const K = Math.min(MAX_MODES, modesFor(alpha, 10 ** decades));
  // from a decade below the first window (windows shift down by LAZY_TOP - decades for flat spectra)
  const t = logGrid(Math.min(0, decades - LAZY_TOP), decades, PER_DECADE);
  const lam = new Float64Array(K);
  const e0 = new Float64Array(K);
  for (let k = 1; k <= K; k++) {
    lam[k - 1] = k ** -alpha;
    e0[k - 1] = k ** -beta;
  }
  const out: LazySeries = { t, loss: [], kStar: [], lamBar: [] };
  const lnk: number[] = [];
  const dens: number[] = [];
  for (const ti of t) {
    let sum = 0;
    let sumLam = 0;
    lnk.length = 0;
    dens.length = 0;
    let best = 0;
    let scanning = true;
    for (let k = 1; k <= K; k++) {
      const f = e0[k - 1]! * Math.exp(-2 * ti * lam[k - 1]!);
      sum += f;
      sumLam += lam[k - 1]! * f;
      if (!scanning) continue;
      // k f(k) is the energy per unit ln k: its maximum is the frontier
      const per = k * f;
      best = Math.max(best, per);
      lnk.push(Math.log(k));
      dens.push(Math.log(per));
      if (per < 1e-3 * best) scanning = false;
    }
    // the modes past K: lambda_k f_k = k^-(alpha+beta) e^(...), the same tail with beta -> alpha + beta
    const tail = lazyTail(alpha, beta, K, ti);
    out.loss.push(0.5 * (sum + tail));
    out.lamBar.push((sumLam + lazyTail(alpha, alpha + beta, K, ti)) / (sum + tail));
    // a sextic through the seven integer modes around the top: a parabola's O(spacing^2) error oscillates as the peak crosses modes
    out.kStar.push(Math.exp(localPeak(lnk, dens, 3)));
  }
  return out;
}

/**
 * The widest time range (decades) that the capped mode count resolves: the tail series needs
 * K >= 4 (2t)^(1/alpha), the frontier k* = (2 alpha t / (beta - 1))^(1/alpha) must lie well inside.
 */
function lazyDecades(alpha: number, beta: number): number {
  const tTail = (MAX_MODES / 4) ** alpha / 2;
  const tFrontier = ((beta - 1) / (2 * alpha)) * (MAX_MODES / 4) ** alpha;
  return Math.min(LAZY_TOP, Math.floor(Math.log10(Math.min(tTail, tFrontier))));
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
    return {
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
export function transportRun(P: TransportParams, decades: number, ds = 0.02, dlnt = 0.02, withCharacteristics = true): TransportRun {
  const nu = (P.beta - 1) / P.alpha;
  const speed = (s: number): number => P.c * Math.exp(P.sigma * s);
  const clock = (t: number): number => t ** P.q;
  const r = (s: number): number => 2 * Math.exp(s);
  const tEnd = 10 ** decades;
  const reach = Math.max(1, P.sigma > 0 ? (P.q + 1) / P.sigma : 1);
  const sLo = -reach * Math.log(tEnd) - 12 / Math.max(nu, 0.2) - 4;
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
  if (!withCharacteristics) return out;
  if (P.sigma > 0 && P.c > 0) out.lossChar = quadratureEnergy(P, t).map((e) => 0.5 * e);
  else {
    // one carrier per cell of the same grid, weighted by the cell's energy
    const s0 = Float64Array.from(fv.centers);
    const w = Float64Array.from(s0, (s) => init(s - ds / 2, s + ds / 2) * ds);
    out.lossChar = carriedEnergy({ speed, clock, r, sTop: 0 }, s0, w, t).map((e) => 0.5 * (e + below));
  }
  return out;
}

interface SelfSimilarParams {
  a: number;
  b: number;
  /**
   * 0 lazy-dominated, 1 self-similar (time-covariant), 2 transport-dominated; 3 and 4 within 0.2 of
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

function transportParams(P: SelfSimilarParams): TransportParams {
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
  if (P.regime === 3) {
    // next to the boundary on the transport side: q + 1 = sigma + gap, gap in [0.14, 0.19]. The sweep
    // frontier lambda_T = (kappa t^(q+1))^(-1/sigma), kappa = sigma c / (q + 1), falls below the
    // dissipation frontier 1/t as lambda_T t = (t / t_c)^(-gap/sigma), t_c = kappa^(-1/gap): sigma in
    // [0.25, 0.5] and kappa in [15, 50] put t_c far before t = 1; the approach still goes as t^-gap
    const sigma = 0.25 + (0.25 * P.s) / 100;
    const q1 = sigma + 0.14 + (0.05 * P.g) / 100;
    const kappa = 15 + (35 * (P.c - 25)) / 175;
    return { alpha, beta, sigma, q: q1 - 1, c: (kappa * q1) / sigma };
  }
  if (P.regime === 4) {
    // next to the boundary on the lazy side: q + 1 = sigma - gap, gap in [0.14, 0.19]. The displacement
    // at the dissipation frontier, c t^(q+1) lambda^sigma / (q + 1) at lambda = 1/t, is c t^-gap / (q + 1)
    // and fades by only 10^-gap a decade: c / (q + 1) in [0.02, 0.1] keeps what it adds to the
    // exponents within reach of the extrapolation over 8 decades
    const sigma = 0.3 + (0.3 * P.s) / 100;
    const q1 = sigma - 0.14 - (0.05 * P.g) / 100;
    return { alpha, beta, sigma, q: q1 - 1, c: (q1 * (0.02 + (0.08 * (P.c - 25)) / 175)) };
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
const runAt = (T: TransportParams): TransportRuns =>
  memo(runCache, JSON.stringify(T), () => ({ fine: transportRun(T, TRANSPORT_DECADES), coarse: transportRun(T, TRANSPORT_DECADES, 0.04, 0.04, false) }));

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
    ],
  },
  measure(P, { level }) {
    const T = transportParams(P);
    const { fine: R, coarse: Rc } = runAt(T);
    const [lo, hi] = [10 ** (level - 1), 10 ** level];
    const nuLaw = (T.beta - 1) / T.alpha;
    const lam = windowFit(R.t, R.lamStar, lo, hi);
    const nuFV = -windowSlope(R.t, R.lossFV, lo, hi);
    const lamCoarse = -windowSlope(Rc.t, Rc.lamStar, lo, hi);
    const nuCoarse = -windowSlope(Rc.t, Rc.lossFV, lo, hi);
    return {
      scope: {
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
    levels: [3, 4, 5, 6, 7, 8, 9],
    label: 'fit window [10^(l-1), 10^l] in t',
    floor: {
      value: 2e-5,
      why:
        'next to the regime boundary the local slopes approach the law through two corrections of opposite sign (one falling as t^-gap, gap = |q + 1 - sigma| < 0.2, ' +
        'one faster): the frontier exponent of such draws crosses zero error at the 1e-6 to 1e-5 level within the range, where the geometric extrapolation cannot follow ' +
        'it (the finite volumes on a grid twice as coarse agree with it to 1e-7: it is the solution, not the scheme)',
    },
  },
  runs: 10,
  // the regimes are tried in order: lazy-dominated, the self-similar line, transport-dominated
  equivalentMutants: [
    {
      site: /^(def|eq) /,
      kinds: ['sign flipped', 'term dropped', 'constant doubled', 'constant halved'],
      at: /: [^:]*1e-9.* in the condition /,
      why:
        'the 1e-9 only absorbs decimal rounding at q + 1 = sigma, where the lazy-dominated and self-similar laws agree (self-similar draws sit on the line ' +
        'exactly, every other draw is at least 0.14 from it); and a case that reaches the transport condition already has q + 1 > sigma (the conditions ' +
        'before it took the rest), so dropping or moving its 1e-9, or its sigma, changes no drawn verdict',
    },
    {
      site: /^(def|eq) /,
      kinds: ['constant doubled'],
      at: /: 1 -> 2 in the condition sigma > 0 and q \+ 1 > sigma \+ 1e-9$/,
      why: 'q + 2 > sigma for every case that reaches the transport condition, which already has q + 1 > sigma (the lazy-dominated and self-similar conditions before it took the rest)',
    },
  ],
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
      },
    })),
    {
      name: 'transport changes prefactors only (lazy exponent everywhere)',
      equations: { 'lossTime (finite volumes)': { rhs: lazyLossTime }, 'lossTime (characteristics)': { rhs: lazyLossTime } },
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
/** Compute budgets per decade of C, transport model (N* ~ C^(a/(a+b)), a/(a+b) in [0.25, 0.85] on the drawn domain). */
const C_PER_DECADE = 4;

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
  const out: ComputeSeries = { ...floorSeries(beta), C, nOpt: [], tOpt: [], lossOpt: [] };
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
  }
  return out;
}

/**
 * The transport model's compute-optimal frontier, in the continuum of the quadrature route: N
 * resolved modes are the carriers started at lambda0 >= N^-alpha; the others keep their energy
 * N^(1-beta) / (beta - 1) (the integral of e^(nu s) / alpha below -alpha ln N) and send none up.
 * L(C/t, t) falls with t until the sweep has carried every resolved carrier out of the spectrum
 * (then only the floor of N = C/t is left, which rises with t): the optimum is that corner, the
 * exit time of the carrier started at the cut, K(t) = N^(alpha sigma) - 1 with K = kappa t^(q+1)
 * (the characteristics' own map, solved by bisection). The quadrature confirms it is the minimum:
 * L a hundredth before it is larger (and after it, where nothing resolved is left, the floor
 * rises); a budget where it is not is searched by golden section on the quadrature instead.
 */
function transportCompute(T: TransportParams): ComputeSeries {
  const kappa = (T.sigma * T.c) / (T.q + 1);
  const floorOf = (N: number): number => N ** (1 - T.beta) / (T.beta - 1);
  const L = (C: number, t: number): number => {
    const N = C / t;
    return 0.5 * (truncatedEnergies(T, t, [-T.alpha * Math.log(N)])[0]! + floorOf(N));
  };
  const excess = (C: number, t: number): number => (C / t) ** (T.alpha * T.sigma) - kappa * t ** (T.q + 1) - 1;
  const corner = (C: number): number => {
    // excess falls with t: bisection in ln t between a time where N = C/t is 1 and one where it is positive
    let [lo, hi] = [Math.log(C) - 60, Math.log(C)];
    for (let i = 0; i < 200 && hi - lo > 1e-14 * Math.abs(hi); i++) {
      const mid = (lo + hi) / 2;
      if (excess(C, Math.exp(mid)) > 0) lo = mid;
      else hi = mid;
    }
    return Math.exp((lo + hi) / 2);
  };
  // budgets whose corner N* spans 10^0.5 .. 10^(COMPUTE_DECADES_N + 1.5): C = N t at the corner
  const cAt = (N: number): number => N * ((N ** (T.alpha * T.sigma) - 1) / kappa) ** (1 / (T.q + 1));
  const out: ComputeSeries = { ...floorSeries(T.beta), C: [], nOpt: [], tOpt: [], lossOpt: [] };
  for (const C of logGrid(Math.log10(cAt(10 ** 0.5)), Math.log10(cAt(10 ** (COMPUTE_DECADES_N + 1.5))), C_PER_DECADE)) {
    let t = corner(C);
    let loss = 0.5 * floorOf(C / t);
    if (!(L(C, 0.99 * t) > loss && L(C, 1.01 * t) > loss)) {
      const x = goldenMin((y) => L(C, Math.exp(y)), Math.log(t) - 5, Math.log(t) + 1, 1e-10);
      t = Math.exp(x);
      loss = L(C, t);
    }
    out.C.push(C);
    out.tOpt.push(t);
    out.nOpt.push(C / t);
    out.lossOpt.push(loss);
  }
  return out;
}

interface ModelSizeParams {
  a: number;
  b: number;
  /** 0: the lazy model, discrete modes; 1: transport-dominated (sigma, q + 1 = sigma + gap, c as in transport.self-similar) */
  regime: number;
  s: number;
  g: number;
  c: number;
}

function modelSizeTransport(P: ModelSizeParams): TransportParams {
  // sigma in [0.4, 2], q + 1 = sigma + gap with gap in [0.6, 1.6]
  const sigma = 0.4 + (1.6 * P.s) / 100;
  return { alpha: P.a / 100, beta: P.b / 100, sigma, q: sigma + 0.6 + P.g / 100 - 1, c: P.c / 100 };
}

const computeCache = new Map<string, ComputeSeries>();
const computeAt = (P: ModelSizeParams): ComputeSeries =>
  memo(computeCache, JSON.stringify(P), () => (P.regime === 0 ? lazyCompute(P.a / 100, P.b / 100) : transportCompute(modelSizeTransport(P))));

/** The laws of the case's model: the transport model's (every transport draw is transport-dominated), or the lazy model's. */
const lawOf = (key: string): string => `(transport > 0) ? (${formulaOf(transportModel, 'transport-dominated', key)}) : (${formulaOf(lazyModel, 'lazy', key)})`;
/** The competitor: the compute-optimal split derived as if the loss fell with the lazy exponent in every regime. */
const asIfLazy = (key: string): string => formulaOf(lazyModel, 'lazy', key);

export const modelSize = defineClaim<ModelSizeParams>({
  id: 'transport.model-size',
  group: 'transport',
  kind: 'scaling',
  source: SOURCE,
  statement:
    'L_\\infty(N) = \\tfrac12\\sum_{k>N}k^{-\\beta} \\propto N^{-(\\beta-1)};\\; C = Nt:\\; N^* \\propto C^{a/(a+b)},\\, t^* \\propto C^{b/(a+b)},\\, L^* \\propto C^{-ab/(a+b)},\\; a = \\text{the loss exponent in } t \\;(\\nu \\text{ lazy},\\ \\nu(q+1)/\\sigma \\text{ transport-dominated}),\\, b = \\beta - 1',
  // each case is a fresh search (a transport case, a quadrature per time): not shrunk
  domain: fc.noShrink(
    fc.record({
      a: fc.integer({ min: 110, max: 300 }),
      b: fc.integer({ min: 130, max: 300 }),
      // a wide draw reduced mod 2 (fast-check favours small integers)
      regime: fc.nat({ max: 0x7fffffff }).map((k) => k % 2),
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
      { name: 'lossModes', lhs: 'floorFit', rhs: formulaOf(lazyModel, 'lazy', 'lossModes'), scale: '1' },
      { name: 'compute.N', lhs: 'nFit', rhs: lawOf('compute.N'), scale: '1' },
      { name: 'compute.t', lhs: 'tFit', rhs: lawOf('compute.t'), scale: '1' },
      { name: 'compute.loss', lhs: 'lossFit', rhs: lawOf('compute.loss'), scale: '1' },
    ],
  },
  measure(P, { level }) {
    const S = computeAt(P);
    const T = modelSizeTransport(P);
    // level l: the budgets whose optimum N* is in [10^(l-1), 10^l], a decade further out for the transport
    // model (below N* ~ 10 its optimum leaves the sweep's corner for an interior one, where decay still counts);
    // N in [10^(l+1), 10^(l+2)] for the floor
    const [nLo, nHi] = [10 ** (level - 1 + P.regime), 10 ** (level + P.regime)];
    const inWindow = S.C.map((_, i) => S.nOpt[i]! >= nLo && S.nOpt[i]! <= nHi);
    const pick = (ys: number[]): [number[], number[]] => [S.C.filter((_, i) => inWindow[i]), ys.filter((_, i) => inWindow[i])];
    const slope = (ys: number[]): number => {
      const [x, y] = pick(ys);
      return windowSlope(x, y, 0, Infinity);
    };
    return {
      scope: {
        a: d(P.a),
        b: d(P.b),
        transport: d(P.regime),
        sigma: d(T.sigma),
        q: d(T.q),
        floorFit: d(-windowSlope(S.N, S.floor, 10 ** (level + 1), 10 ** (level + 2))),
        nFit: d(slope(S.nOpt)),
        tFit: d(slope(S.tOpt)),
        lossFit: d(-slope(S.lossOpt)),
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
    levels: [1, 2, 3, 4, 5],
    label: 'N* in [10^(l-1), 10^l] (transport model: [10^l, 10^(l+1)]), and N in [10^(l+1), 10^(l+2)] for the floor',
    floor: {
      value: 1e-9,
      why:
        'float64 rounding, once the windows have converged: the lazy losses sum up to 10^5 modes (relative rounding up to 1e-11), and the optimum read off integer N ' +
        'through a sextic in ln N amplifies the ~1e-14 rounding of ln L by up to N* (10^5); the transport optimum is a bisection in ln t stopped at 1e-14. ' +
        'The converged errors scatter by 2e-14 or less',
    },
  },
  runs: 8,
  variants: [
    ...(['lossModes', 'compute.N', 'compute.loss'] as const).map((key) => ({ name: `${key} exponent + 0.01`, equations: { [key]: { rhs: `(${key === 'lossModes' ? formulaOf(lazyModel, 'lazy', key) : lawOf(key)}) + 0.01` } } })),
    ...[0.005, -0.005].map((by) => ({ name: `compute.N exponent ${by > 0 ? '+' : '-'} 0.005`, equations: { 'compute.N': { rhs: `(${lawOf('compute.N')}) + (${by})` } } })),
    ...[0.005, -0.005].map((by) => ({ name: `floor exponent ${by > 0 ? '+' : '-'} 0.005`, equations: { lossModes: { rhs: `(${formulaOf(lazyModel, 'lazy', 'lossModes')}) + (${by})` } } })),
    {
      name: 'compute-optimal split of the transport regimes derived as if lazy (loss exponent nu)',
      equations: { 'compute.N': { rhs: asIfLazy('compute.N') }, 'compute.t': { rhs: asIfLazy('compute.t') }, 'compute.loss': { rhs: asIfLazy('compute.loss') } },
    },
    { name: 'floor exponent off by one: beta', equations: { lossModes: { rhs: 'beta' } } },
    { name: 'optimal N and t swapped', equations: { 'compute.N': { rhs: lawOf('compute.t') } } },
    { name: 'compute-optimal loss exponent without the trade: nu', equations: { 'compute.loss': { rhs: formulaOf(lazyModel, 'lazy', 'lossTime') } } },
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
