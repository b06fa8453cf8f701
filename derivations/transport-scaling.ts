/**
 * transport (scaling): the laws of derivations/transport-laws.ts measured over decades.
 * Each claim computes the quantity by an independent route (mode sums, Euler–Maclaurin tails,
 * energy carried along characteristics, conservative finite volumes, a compute-optimal search),
 * fits local log-slopes over windows of one decade, and requires the fitted exponent to
 * converge to the formula as the window moves out: the formulas are those `scalecheck exponents`
 * prints (formulaOf / piecewise), never a second copy.
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { Claim, Figure } from '../src/core/claim.js';
import { formulaOf, piecewise, type LawResult } from '../src/core/laws.js';
import { goldenMin, logGrid, peak, windowSlope } from '../src/numeric/fit.js';
import { FiniteVolume } from '../src/numeric/finite-volume.js';
import { carriedEnergy } from '../src/models/characteristics.js';
import { memo } from './instances.js';
import { lazyModel, transportModel } from './transport-laws.js';

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
  const f = K ** -beta * Math.exp(-x);
  const df = f * (-beta / K + (alpha * x) / K);
  return integral - f / 2 - df / 12;
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
  const t = logGrid(0, decades, PER_DECADE);
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
    out.kStar.push(Math.exp(peak(lnk, dens)));
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
  return Math.min(6, Math.floor(Math.log10(Math.min(tTail, tFrontier))));
}

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

export const lazyScaling: Claim<LawParams> = {
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
  instance(P, level) {
    const S = lazyAt(P);
    const top = Math.min(level, lazyDecades(P.a / 100, P.b / 100));
    const [lo, hi] = [10 ** (top - 1), 10 ** top];
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
  ranges: { levels: [2, 3, 4, 5, 6], tolerance: 0.01, label: 'fit window [10^(l-1), 10^l] in t' },
  runs: 10,
  variants: [
    { name: 'exponent off by one: beta / alpha', equations: { lossTime: { rhs: 'beta / alpha' } } },
    { name: 'lost factor 2 in the exponent: (beta - 1) / (2 alpha)', equations: { lossTime: { rhs: '(beta - 1) / (2 * alpha)' } } },
    { name: 'frontier k* ~ t^alpha', equations: { frontierK: { rhs: 'alpha' } } },
    { name: 'frontier lambda* ~ t^(-1/alpha)', equations: { frontierLambda: { rhs: '1 / alpha' } } },
    { name: 'prefactor Gamma(nu + 1)', equations: { prefactor: { rhs: 'gamma(nu + 1) / (2 * alpha) * (2 * tEnd)^(-nu)' } } },
    { name: 'lost factor 2 in the clock: t^-nu', equations: { prefactor: { rhs: 'gamma(nu) / (2 * alpha) * tEnd^(-nu)' } } },
  ],
};

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
  /** loss from the energy carried along characteristics */
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
export function transportRun(P: TransportParams, decades: number, ds = 0.02, dlnt = 0.02): TransportRun {
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
  for (const ti of t) {
    while (fv.t < ti * (1 - 1e-12)) fv.step(Math.min(ti, fv.t * Math.exp(dlnt)));
    out.lossFV.push(0.5 * (fv.total() + below));
    out.lamStar.push(Math.exp(peak(fv.centers, fv.eps)));
    out.heat.z.push(out.heat.s.map((_, j) => fv.eps[j * stride]!));
  }
  // characteristics: one carrier per cell of the same grid, weighted by the cell's energy
  const s0 = Float64Array.from(fv.centers);
  const w = Float64Array.from(s0, (s) => init(s - ds / 2, s + ds / 2) * ds);
  const carried = carriedEnergy({ speed, clock, r, sTop: 0 }, s0, w, t);
  out.lossChar = carried.map((e) => 0.5 * (e + below));
  return out;
}

interface SelfSimilarParams {
  a: number;
  b: number;
  /** 0 lazy-dominated, 1 self-similar (time-covariant), 2 transport-dominated */
  regime: number;
  /** sigma and the offset of q + 1 from it, in hundredths */
  s: number;
  g: number;
  c: number;
}

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
  // sigma in [0.4, 2], q + 1 = sigma + gap with gap in [0.6, 1.6]
  const sigma = 0.4 + (1.6 * P.s) / 100;
  return { alpha, beta, sigma, q: sigma + 0.6 + P.g / 100 - 1, c };
}

const selfSimilarDomain: fc.Arbitrary<SelfSimilarParams> = fc.record({
  a: fc.integer({ min: 120, max: 300 }),
  b: fc.integer({ min: 130, max: 300 }),
  // fast-check favours small integers: a wide draw reduced mod 3 visits the regimes evenly
  regime: fc.nat({ max: 0x7fffffff }).map((k) => k % 3),
  s: fc.integer({ min: 0, max: 100 }),
  g: fc.integer({ min: 0, max: 100 }),
  c: fc.integer({ min: 25, max: 200 }),
});

const TRANSPORT_DECADES = 6;
const runCache = new Map<string, TransportRun>();
const runAt = (T: TransportParams): TransportRun => memo(runCache, JSON.stringify(T), () => transportRun(T, TRANSPORT_DECADES));

export const selfSimilar: Claim<SelfSimilarParams> = {
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
      { name: 'lossTime (finite volumes)', lhs: 'nuFV', rhs: piecewise(transportModel, 'lossTime'), scale: '1' },
      { name: 'lossTime (characteristics)', lhs: 'nuChar', rhs: piecewise(transportModel, 'lossTime'), scale: '1' },
      { name: 'frontierLambda', lhs: 'lamFit', rhs: piecewise(transportModel, 'frontierLambda'), scale: '1' },
    ],
  },
  instance(P, level) {
    const T = transportParams(P);
    const R = runAt(T);
    const [lo, hi] = [10 ** (level - 1), 10 ** level];
    const nuLaw = (T.beta - 1) / T.alpha;
    return {
      scope: {
        alpha: d(T.alpha),
        beta: d(T.beta),
        sigma: d(T.sigma),
        q: d(T.q),
        c: d(T.c),
        nuFV: d(-windowSlope(R.t, R.lossFV, lo, hi)),
        nuChar: d(-windowSlope(R.t, R.lossChar, lo, hi)),
        lamFit: d(-windowSlope(R.t, R.lamStar, lo, hi)),
      },
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
  ranges: { levels: [3, 4, 5, 6], tolerance: 0.02, label: 'fit window [10^(l-1), 10^l] in t' },
  runs: 9,
  // the regimes are tried in order; drawn cases sit on q + 1 = sigma, or 0.8 below it, or 0.6 above it
  equivalentMutants: [
    {
      match: /: (sign flipped|term dropped|constant doubled|constant halved): [^:]*1e-9.* in the condition /,
      why: 'the 1e-9 only absorbs decimal rounding at q + 1 = sigma, where the lazy-dominated and self-similar laws agree; every other drawn case is at least 0.6 from the boundary, and a case that reaches the transport condition is a transport case whatever its lower bound',
    },
    {
      match: /: constant (halved: 1 -> 0\.5|doubled: 1 -> 2) in the condition (q \+ 1 < sigma - 1e-9|sigma > 0 and q \+ 1 > sigma \+ 1e-9)$/,
      why: 'moves the boundary q + 1 = sigma by 0.5 or 1 on the side its regime is tried from: no drawn case lies within 0.6 of the boundary off it, and the regimes before the transport condition take every non-transport case',
    },
  ],
  variants: [
    {
      name: 'transport changes prefactors only (lazy exponent everywhere)',
      equations: { 'lossTime (finite volumes)': { rhs: lazyLossTime }, 'lossTime (characteristics)': { rhs: lazyLossTime } },
    },
    { name: 'frontier exponent off by one: q / sigma', equations: { frontierLambda: { rhs: piecewise(transportModel, 'frontierLambda').replaceAll('(q + 1) / sigma', 'q / sigma') } } },
    { name: 'loss exponent without nu: (q + 1) / sigma', equations: { 'lossTime (characteristics)': { rhs: piecewise(transportModel, 'frontierLambda') } } },
  ],
};

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

const COMPUTE_DECADES_N = 4;

function computeSeries(alpha: number, beta: number): ComputeSeries {
  const N = logGrid(0, 6, PER_DECADE).map(Math.round);
  const floor = N.map((n) => 0.5 * zetaTail(beta, n));
  // compute budgets whose optimal N spans 1 .. 10^4: C ~ N^(1 + alpha) at the optimum
  const C = logGrid(0.5, COMPUTE_DECADES_N * (1 + alpha), 4);
  const M = modes(alpha, beta, 10 ** (COMPUTE_DECADES_N + 1));
  const nOpt: number[] = [];
  const lossOpt: number[] = [];
  for (const c of C) {
    // integer N: the loss is minimised over ln N with N rounded
    const nOf = (x: number): number => Math.min(M.lam.length, Math.max(1, Math.round(Math.exp(x))));
    const f = (x: number): number => lossAt(M, beta, nOf(x), c / nOf(x));
    const x = goldenMin(f, 0, Math.min(Math.log(c), Math.log(M.lam.length)), 1e-5);
    const n = nOf(x);
    nOpt.push(n);
    lossOpt.push(f(x));
  }
  return { N, floor, C, nOpt, tOpt: C.map((c, i) => c / nOpt[i]!), lossOpt };
}

const computeCache = new Map<string, ComputeSeries>();

export const modelSize: Claim<LawParams> = {
  id: 'transport.model-size',
  group: 'transport',
  kind: 'scaling',
  source: SOURCE,
  statement:
    'L_\\infty(N) = \\tfrac12\\sum_{k>N}k^{-\\beta} \\propto N^{-(\\beta-1)};\\; C = Nt:\\; N^* \\propto C^{a/(a+b)},\\, t^* \\propto C^{b/(a+b)},\\, L^* \\propto C^{-ab/(a+b)},\\; a = \\nu,\\, b = \\beta - 1',
  domain: fc.record({ a: fc.integer({ min: 110, max: 300 }), b: fc.integer({ min: 130, max: 300 }) }),
  encoding: {
    defs: [
      ['alpha', 'a / 100'],
      ['beta', 'b / 100'],
    ],
    equations: [
      { name: 'lossModes', lhs: 'floorFit', rhs: formulaOf(lazyModel, 'lazy', 'lossModes'), scale: '1' },
      { name: 'compute.N', lhs: 'nFit', rhs: formulaOf(lazyModel, 'lazy', 'compute.N'), scale: '1' },
      { name: 'compute.t', lhs: 'tFit', rhs: formulaOf(lazyModel, 'lazy', 'compute.t'), scale: '1' },
      { name: 'compute.loss', lhs: 'lossFit', rhs: formulaOf(lazyModel, 'lazy', 'compute.loss'), scale: '1' },
    ],
  },
  instance(P, level) {
    const alpha = P.a / 100;
    const S = memo(computeCache, `${P.a},${P.b}`, () => computeSeries(alpha, P.b / 100));
    // level l: N in [10^(l-2), 10^l] for the floor; C over the budgets whose optimum N* is in [10^(l-2), 10^l]
    const [nLo, nHi] = [10 ** (level - 2), 10 ** level];
    const [cLo, cHi] = [nLo ** (1 + alpha), nHi ** (1 + alpha)];
    return {
      scope: {
        a: d(P.a),
        b: d(P.b),
        floorFit: d(-windowSlope(S.N, S.floor, nLo * 100, nHi * 100)),
        nFit: d(windowSlope(S.C, S.nOpt, cLo, cHi)),
        tFit: d(windowSlope(S.C, S.tOpt, cLo, cHi)),
        lossFit: d(-windowSlope(S.C, S.lossOpt, cLo, cHi)),
      },
      figure: {
        kind: 'loglog',
        title: `compute-optimal frontier, alpha=${alpha}, beta=${P.b / 100}`,
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
  ranges: { levels: [2, 3, 4], tolerance: 0.02, label: 'N (and N*) in [10^(l-2), 10^l]' },
  runs: 8,
  variants: [
    { name: 'floor exponent off by one: beta', equations: { lossModes: { rhs: 'beta' } } },
    { name: 'optimal N and t swapped', equations: { 'compute.N': { rhs: formulaOf(lazyModel, 'lazy', 'compute.t') } } },
    { name: 'compute-optimal loss exponent without the trade: nu', equations: { 'compute.loss': { rhs: lazyLossTime } } },
  ],
};

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
