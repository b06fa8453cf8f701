/**
 * quad.phase-diagram (issue 16, item 12): the excess-risk exponents of the quadratic network
 * trained with weight decay (fixed ±1 readout: nuclear-norm matrix sensing,
 * quad.weight-decay-is-nuclear) against the sample size and the weight decay, by the same means as
 * diag.phase-diagram: the laws are the `nuclear` exponent model's (derivations/quad-laws.ts, read
 * through formulaOf), the measurement is the state evolution of nuclear-norm matrix sensing
 * (src/models/nuclear-se.ts), solved at growing n, each local exponent taken from its risk.
 *
 * Route chosen (and its limits): the Donoho-Gavish-Montanari state evolution whose denoiser is the
 * spectral soft threshold of S* + sigma_s W, in the spiked large-d limit (the outliers by BBP, the
 * bulk at leading order plus each spike's first-order correction, in closed form); its
 * free-probability terms are checked against a finite-d Monte Carlo of the soft-thresholded
 * GOE-perturbed matrix in proofs-tests/models/nuclear-se.test.ts. Scaling: S* = diag(k^-gamma),
 * k = 1..d, n = alpha d^2 with alpha in {1/4, 1, 4} fixed (d = sqrt(n/alpha)), lambda = n^beta;
 * exponents in n along that path and in lambda at fixed n. Regimes measured, one point well inside
 * each: bias (noisy and noiseless), the noise plateau below both crossovers and between the LASSO's
 * crossover (beta = 1/2) and the matrix one (beta = 3/4) ('mid': the LASSO's laws say bias there),
 * null. The noisy bias one sits where its two corrections, (sigma_s/t)^2 and 1/k_t, fall about
 * equally fast (n^-0.1 at gamma = 2), and its windows are chosen from the slower (windowFor, as on
 * the boundaries; issue 15: windows fixed to end at n = 10^40 left bias.lambda resolved to 0.0081
 * at seed 9, gamma = 15/8, where (sigma_s/t)^2 ~ n^-0.065 was still 1.4e-3 there).
 * Boundaries located (issue 15, item 4): a measurement on each side of every boundary, at a
 * distance 0.075 to 0.095 (drawn; strictly inside 0.1, so that a law moved by 0.1 is told apart),
 * each over windows chosen from its known correction exponent c (windowFor: 0.4/c decades a
 * window, the last where n^-c is down by 10^-4.5):
 *  - beta = 1 (sigma = 1): 'top' at 1 - d (bias; correction 1/k_t ~ n^-(d/gamma): n to 10^48..10^60
 *    at gamma = 1, to 10^95..10^120 at gamma = 2) and 'nullEdge' at 1 + d (null; exact once
 *    lambda/n = n^d passes the top outlier: n = 10^8..10^16);
 *  - beta = 3/4 (sigma = 1): 'biasEdge' at 3/4 + d (bias; (sigma_s/t)^2 ~ n^-2d and 1/k_t ~
 *    n^-((1/4 - d)/gamma): n to 10^30..10^59) and 'plateauEdge' at 3/4 - d (plateau; t/sigma_s ~
 *    n^-d: n to 10^48..10^60);
 *  - beta = 1 - gamma/2 (sigma = 0): 'cleanEdge' at 1 - gamma/2 + d only (bias; k_t/(n/d) ~
 *    n^-(d/gamma): n to 10^48..10^120, below the cap where sigma_s^2 = E d/(2n) would leave float64;
 *    up to 10^50 spikes kept, which nuclear-se.ts sums past float64's exact integers). That small
 *    parameter is also the spiked limit's own (spikes kept against d): the measurement is of the
 *    model's limit, as everywhere in this claim, approached as slowly as the law.
 *    The side below is NOT measured: the model excludes it (there ~ n/d spikes, a fraction of d,
 *    reach the noise level and the spiked state evolution, our only route, does not hold), and no
 *    independent route (a finite-d solver at these n) is at hand. So the noiseless crossover is
 *    located from above only: a law moving it up (to 1 - gamma/2 + 0.15 or + 0.2, or to 1/2) is
 *    refuted whatever it puts below (flat, or the interpolator's n^-(gamma - 1/2)); one moving it
 *    down is not refutable here and is not among the variants.
 * Resolution: 0.005 asserted on every exponent. Reached (seeds 1..12, 42, 99, 1234, 2026): at most
 * 1.4e-3 on the boundary measurements (plateauEdge.lambda; cleanEdge.lambda 2.6e-4, every other
 * boundary exponent at the floor's 2e-4), 2e-4 to 1.1e-3 inside the regimes (bias 2.4e-4, plateau
 * 7.4e-4, clean 1.1e-3), and 'mid', whose corrections fall like n^(beta - 3/4), n^-0.2 (its windows
 * end at n = 10^13 .. 10^26.5: at 10^22, where they used to end, it read 9.4e-3 at seed 10; now at
 * most 8.7e-4 over 37 cases, run seeds 1..12, 42, 99, 1234, 2026); --deep's two more windows reach
 * n = 10^70 to 10^142 on the boundaries. Variants: every boundary moved by 0.2 either way (the noiseless one up only),
 * and the wrong positions a review had found verified before these measurements existed (noisy
 * crossover at sigma n^0.65, noiseless at 1 - gamma/2 + 0.15 or at 1/2, null at 1.1): refuted.
 * Not measured: the noiseless regime below lambda ~ n^(1 - gamma/2) (the model excludes it: ~ n/d
 * spikes reach the noise there, and the spiked limit does not hold), and exponents in alpha at
 * fixed n (alpha enters the plateau's level, sigma^2 Phi/(2 alpha - Phi), not the exponents in n).
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { defineClaim, type LawModel, type Scope, type Series, type Variant } from '../src/api/index.js';
import { nuclearSE, PowerSpikes, type NuclearSEPoint } from '../src/api/models.js';
import { lassoModel } from './diag-laws.js';
import { nuclearModel } from './quad-laws.js';
import { boundaryMoved, formulaFor, movedModel, regimeOf, type RegimePoint } from './law-regimes.js';
import { memo } from './instances.js';

const SOURCE = 'arXiv:2509.24882';

export interface PhaseParams {
  /** gamma = g8 / 8 in [1, 2] */
  g8: number;
  /** alpha = n / d^2 */
  alpha: number;
  /** positions of each measurement's beta inside its band, in [0, 1] as k / 16 */
  u: number[];
  /** the boundary measurements' distances to their boundaries, 0.095 - 0.005 k (k in 0..4) */
  d: number[];
}

export interface Measurement {
  /** equation prefix and scope prefix */
  name: string;
  /** the regime of the nuclear model the parameters must fall in */
  regime: string;
  /** the regime the LASSO model gives the same beta (its wrong variant) */
  lassoRegime: string;
  sigma: number;
  beta: number;
  /** n = 10^(from + step l) at point l = 0..4 (0..6 with --deep) */
  from: number;
  step: number;
}

/**
 * The window of a measurement whose corrections fall like n^-c (as diag.phase-diagram's): windows
 * of 0.4 / c decades (each shrinks the correction by 10^-0.4, a geometric sequence the range rule
 * extrapolates), the last of the default four ending where the correction is down by 10^-decay or
 * two windows short of `cap` (decades), so that --deep's two more windows stay inside it.
 */
function windowFor(c: number, cap: number, decay = 4.5): { from: number; step: number } {
  const step = Math.min(12, Math.max(2, Math.round(0.4 / c)));
  const last = Math.min(cap - 2 * step, Math.ceil(decay / c));
  return { from: Math.max(4, last - 4 * step), step };
}

/**
 * One measurement per regime with betas well inside each, then one on each side of every
 * boundary within 0.1 of it (at 0.075 to 0.095: strictly inside, so that a law moved by 0.1 or
 * less is still told apart): beta = 1 with noise (bias | null), beta = 3/4 with noise (noise
 * plateau | bias), and beta = 1 - gamma/2 without noise, above it only (below it the spiked state
 * evolution does not hold: see the claim's comment). Near a boundary the competing term decays
 * like n^-(distance . const): each window is chosen from that known correction exponent c
 * (windowFor). Bias corrections: (sigma_s / t)^2 and 1/k_t (the discrete target's first
 * Euler-Maclaurin term); plateau: t / sigma_s and sigma_s^(2 - 1/gamma).
 */
export function measurements(P: PhaseParams): Measurement[] {
  const gamma = P.g8 / 8;
  const u = (i: number): number => (P.u[i] ?? 0) / 16;
  const d = (i: number): number => 0.095 - 0.005 * (P.d[i] ?? 0);
  // noisy bias: (sigma_s/t)^2 ~ n^-(2 beta - 3/2) and 1/k_t ~ n^-((1 - beta)/gamma) fall equally fast at beta*
  const star = (1.5 + 1 / gamma) / (2 + 1 / gamma);
  const bias = star + 0.04 * (u(0) - 0.5);
  // noiseless bias: k_t / (n/d) ~ n^((1 - beta)/gamma - 1/2) and 1/k_t fall equally at 1 - gamma/4; kept
  // at or below 0.7 (so that the noisy crossover 3/4 read as the noiseless one is refuted)
  const clean = Math.min(1 - gamma / 4, 0.7) - 0.03 * u(3);
  const cleanTop = 20;
  const [dTop, dNull, dBias, dPlateau, dClean] = [d(0), d(1), d(2), d(3), d(4)];
  const edge = 1 - gamma / 2 + dClean;
  // without noise sigma_s^2 = E d / (2n) ~ n^-((1 - beta)(2 - 1/gamma) + 1/2): kept above 1e-280
  const cleanCap = Math.floor(280 / ((1 - edge) * (2 - 1 / gamma) + 0.5));
  return [
    // the slower of its two corrections sets the windows (issue 15: fixed windows ending at n = 10^40
    // left (sigma_s/t)^2 ~ n^-0.065 at 1.4e-3 at gamma = 15/8, beta = beta* - 0.02, and bias.lambda
    // resolved to 0.0081 only): n to 10^28..10^75, the lambda exponent's error falling by 10^-0.4 a window
    { name: 'bias', regime: 'bias', lassoRegime: 'bias', sigma: 1, beta: bias, ...windowFor(Math.min(2 * bias - 1.5, (1 - bias) / gamma), 200) },
    // well below both crossovers: the corrections fall like n^(beta - 3/4) and sigma_s^(2 - 1/gamma)
    { name: 'plateau', regime: 'noise-plateau', lassoRegime: 'noise-plateau', sigma: 1, beta: 0.2 + 0.2 * u(1), from: 7, step: 2.25 },
    // between the LASSO's crossover 1/2 and the matrix one 3/4: a plateau here, the LASSO's bias law
    // there; the corrections fall like n^(beta - 3/4), slowly: 4.5 decades a window (10^-0.9 of
    // the correction), to n = 10^26.5
    { name: 'mid', regime: 'noise-plateau', lassoRegime: 'bias', sigma: 1, beta: 0.52 + 0.04 * u(4), from: 8.5, step: 4.5 },
    { name: 'null', regime: 'null', lassoRegime: 'null', sigma: 1, beta: 1.15 + 0.35 * u(2), from: 4, step: 2 },
    { name: 'clean', regime: 'bias', lassoRegime: 'bias', sigma: 0, beta: clean, from: cleanTop - 8, step: 2 },
    // beta = 1 - d: k_t = t^(-1/gamma) ~ n^(d/gamma) spikes kept, their discreteness 1/k_t the
    // correction; the noise at the threshold, n^-(1/2 - 2d), is faster
    { name: 'top', regime: 'bias', lassoRegime: 'bias', sigma: 1, beta: 1 - dTop, ...windowFor(Math.min(dTop / gamma, 0.5 - 2 * dTop), 200) },
    // beta = 1 + d: t = lambda/n ~ n^d above the top outlier 1 + sigma_s^2 (n^d >= 4 from n = 10^8):
    // S_hat = 0 exactly; only the finite d's energy moves, like n^-(gamma - 1/2)
    { name: 'nullEdge', regime: 'null', lassoRegime: 'null', sigma: 1, beta: 1 + dNull, from: 8, step: 2 },
    // beta = 3/4 + d: the noise at the threshold, (sigma_s/t)^2 ~ n^-(2d), and 1/k_t ~ n^-((1/4 - d)/gamma)
    { name: 'biasEdge', regime: 'bias', lassoRegime: 'bias', sigma: 1, beta: 0.75 + dBias, ...windowFor(Math.min(2 * dBias, (0.25 - dBias) / gamma), 200) },
    // beta = 3/4 - d: the threshold inside the bulk, t/sigma_s ~ n^-d, and E approaches its plateau
    // like t/sigma_s (like 1 - df/n ~ n^-d where alpha < 1/2); the spikes above the noise, sigma_s^(2 - 1/gamma) ~ n^-((2 - 1/gamma)/4), faster
    { name: 'plateauEdge', regime: 'noise-plateau', lassoRegime: 'bias', sigma: 1, beta: 0.75 - dPlateau, ...windowFor(dPlateau, 200) },
    // beta = 1 - gamma/2 + d without noise: the spikes kept against the measurements per direction,
    // k_t / (n/d) ~ n^-(d/gamma), is the small parameter (the noise sigma_s it sets, against t, with it)
    { name: 'cleanEdge', regime: 'bias', lassoRegime: 'bias', sigma: 0, beta: edge, ...windowFor(dClean / gamma, cleanCap) },
  ];
}

/** Range levels: at level l each measurement fits over n in [10^(from + step (l - 1)), 10^(from + step l)]. */
const PHASE_LEVELS = [1, 2, 3, 4];
/** --deep: two more windows per measurement (n to 10^31 between the crossovers, to 10^32..10^89 in the bias regime, to 10^70..10^142 on the boundaries) */
const DEEP_LEVELS = [1, 2, 3, 4, 5, 6];
/** the lambda exponent is a central difference over lambda * 10^(-1/4) .. lambda * 10^(1/4) */
const LAMBDA_STEP = 10 ** 0.25;
/** nuclearSE's tolerance: ln sigma_s and the calibration to 1e-12 */
const SE_TOL = 1e-12;

interface RiskSeries {
  n: number[];
  risk: number[];
  riskUp: number[];
  riskDown: number[];
}

const riskCache = new Map<string, RiskSeries>();

/** the largest step in ln n between consecutive solves: Newton's method from a neighbour further off can fail, and the nested solve it falls back on costs seconds */
const MAX_HOP = 5;

/**
 * The state-evolution risk along lambda = n^beta at n = 10^(from + step l), l = 0..last, alpha
 * fixed; between read points the solve is carried by intermediate ones at most MAX_HOP decades apart.
 */
function riskSeries(gamma: number, alpha: number, m: Measurement, last: number): RiskSeries {
  return memo(riskCache, `${gamma}|${alpha}|${m.sigma}|${m.beta}|${m.from}|${m.step}|${last}`, () => {
    const out: RiskSeries = { n: [], risk: [], riskUp: [], riskDown: [] };
    let prev: NuclearSEPoint | undefined;
    const solve = (L: number): NuclearSEPoint => {
      const n = 10 ** L;
      return nuclearSE(new PowerSpikes(gamma, Math.sqrt(n / alpha)), n, m.sigma, n ** m.beta, SE_TOL, prev);
    };
    for (let l = 0; l <= last; l++) {
      const L = m.from + m.step * l;
      if (l > 0) {
        const hops = Math.ceil(m.step / MAX_HOP);
        for (let h = 1; h < hops; h++) prev = solve(L - m.step + (m.step * h) / hops);
      }
      const n = 10 ** L;
      const target = new PowerSpikes(gamma, Math.sqrt(n / alpha));
      const lambda = n ** m.beta;
      const P = solve(L);
      const up = nuclearSE(target, n, m.sigma, lambda * LAMBDA_STEP, SE_TOL, P);
      const down = nuclearSE(target, n, m.sigma, lambda / LAMBDA_STEP, SE_TOL, P);
      prev = P;
      out.n.push(n);
      out.risk.push(P.risk);
      out.riskUp.push(up.risk);
      out.riskDown.push(down.risk);
    }
    return out;
  });
}

const regimeCache = new Map<string, string>();

const PHASE_NAMES: [name: string, regime: string, lassoRegime: string][] = [
  ['bias', 'bias', 'bias'],
  ['plateau', 'noise-plateau', 'noise-plateau'],
  ['mid', 'noise-plateau', 'bias'],
  ['null', 'null', 'null'],
  ['clean', 'bias', 'bias'],
  ['top', 'bias', 'bias'],
  ['nullEdge', 'null', 'null'],
  ['biasEdge', 'bias', 'bias'],
  ['plateauEdge', 'noise-plateau', 'bias'],
  ['cleanEdge', 'bias', 'bias'],
];

/**
 * measured: the local exponents -dlnE/dln n along lambda = n^beta over the last window, and
 * dlnE/dln lambda at the widest n; the formulas are the nuclear model's, renamed per measurement
 */
const PHASE_EQUATIONS = PHASE_NAMES.flatMap(([m, regime]) => [
  { name: `${m}.path`, lhs: `${m}_path`, rhs: formulaFor(nuclearModel, regime, 'riskPath', m), scale: '1' },
  { name: `${m}.lambda`, lhs: `${m}_lambda`, rhs: formulaFor(nuclearModel, regime, 'riskLambda', m), scale: '1' },
]);

/** the LASSO's laws (diag-laws.ts) at the same beta, in place of the matrix ones */
const LASSO_EQUATIONS: Record<string, { rhs: string }> = Object.fromEntries(
  PHASE_NAMES.flatMap(([m, , lassoRegime]) => [
    [`${m}.path`, { rhs: formulaFor(lassoModel, lassoRegime, 'riskPath', m) }],
    [`${m}.lambda`, { rhs: formulaFor(lassoModel, lassoRegime, 'riskLambda', m) }],
  ]),
);

/**
 * Below the noiseless crossover the nuclear model states no law (it excludes that side): a wrong
 * law moving that crossover up must say what holds beneath it. Two readings: flat, like the noisy
 * plateau, or the minimum-nuclear-norm interpolator's E ∝ (n/d)^-(2 gamma - 1), i.e. n^-(gamma - 1/2)
 * at fixed alpha, flat in lambda (the model's own heuristic for alpha < 1/2).
 */
const BELOW_NOISELESS = {
  flat: { riskN: '0', riskLambda: '0' },
  interpolator: { riskN: 'gamma - 1 / 2', riskLambda: '0' },
} as const;
function withNoiselessBelow(reading: keyof typeof BELOW_NOISELESS): LawModel {
  return {
    ...nuclearModel,
    regimes: [...nuclearModel.regimes, { name: `noiseless-${reading}`, description: `below the noiseless crossover: ${reading}`, when: 'sigma == 0 and beta < 1 - gamma / 2', formulas: { ...BELOW_NOISELESS[reading] } }],
  };
}

/** the corners of the domain (gamma at its ends and middle, alpha, positions and distances at their ends), where a moved boundary is looked for */
const PROBES: PhaseParams[] = [8, 12, 16].flatMap((g8) => [0.25, 4].flatMap((alpha) => [0, 4].map((k) => ({ g8, alpha, u: Array(5).fill(4 * k), d: Array(5).fill(k) }))));

/** every measurement at every probe: where a moved boundary is looked for */
const PROBE_POINTS: RegimePoint[] = PROBES.flatMap((P) => measurements(P).map((m) => ({ name: m.name, regime: m.regime, scope: { gamma: P.g8 / 8, beta: m.beta, sigma: m.sigma, alpha: P.alpha } })));

/**
 * Every boundary of the nuclear model moved by 0.2 either way, but the noiseless crossover moved
 * down (the side below it is not measured: nothing there can refute it), and the wrong laws a
 * review found verified before the boundaries were measured
 */
const BOUNDARY_VARIANTS: Variant[] = [
  ...(
    [
      ['bias | null', '1'],
      ['noise plateau | bias (noisy)', '3/4'],
    ] as const
  ).flatMap(([label, at]) => [0.2, -0.2].map((by) => boundaryMoved(`boundary ${label} moved to ${at} ${by > 0 ? '+' : '-'} 0.2`, movedModel(nuclearModel, 'beta', at, `(${at}) ${by > 0 ? '+' : '-'} 0.2`), PROBE_POINTS))),
  ...(['flat', 'interpolator'] as const).flatMap((below) =>
    (
      [
        ['1 - gamma/2 + 0.2', '(1 - gamma / 2) + 0.2'],
        ['1 - gamma/2 + 0.15', '(1 - gamma / 2) + 0.15'],
        ['1/2', '1 / 2'],
      ] as const
    ).map(([label, to]) => boundaryMoved(`noiseless crossover at ${label} (${below} below it)`, movedModel(withNoiselessBelow(below), 'beta', '1 - gamma / 2', to), PROBE_POINTS)),
  ),
  boundaryMoved('noisy crossover at lambda ~ sigma n^0.65', movedModel(nuclearModel, 'beta', '3/4', '0.65'), PROBE_POINTS),
  boundaryMoved('null boundary at lambda ~ n^1.1', movedModel(nuclearModel, 'beta', '1', '1.1'), PROBE_POINTS),
];

export const quadPhaseDiagram = defineClaim<PhaseParams>({
  id: 'quad.phase-diagram',
  group: 'quad',
  kind: 'scaling',
  source: SOURCE,
  statement: String.raw`\text{(standard form, nuclear-norm state evolution)}\ \ S^*=\operatorname{diag}(k^{-\gamma}),\ n=\alpha d^2,\ \lambda=n^{\beta}:\ \ E\propto n^{-r_n}\lambda^{r_\lambda},\ \ (r_n,r_\lambda)=\begin{cases}(2-\frac1\gamma,\,2-\frac1\gamma) & \text{bias: } \beta\in(\frac34,1)\ (\sigma>0),\ \beta\in(1-\frac\gamma2,1)\ (\sigma=0)\ (0,0) & \text{noise plateau } \beta<\frac34 \text{ and null } \beta>1\end{cases}`,
  // every shrink step would be a fresh state-evolution sweep: the first refuting case is reported as drawn
  domain: fc.noShrink(
    fc.record({
      g8: fc.integer({ min: 8, max: 16 }),
      alpha: fc.constantFrom(0.25, 1, 4),
      u: fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 5, maxLength: 5 }),
      d: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 5, maxLength: 5 }),
    }),
  ),
  encoding: { defs: [], equations: PHASE_EQUATIONS },
  measure(params, { level, deep }) {
    const levels = deep ? DEEP_LEVELS : PHASE_LEVELS;
    const gamma = params.g8 / 8;
    const scope: Scope = { gamma: new Decimal(gamma) };
    const series: Series[] = [];
    for (const m of measurements(params)) {
      // the model must place these parameters in the regime whose formulas are checked
      const placed = memo(regimeCache, `n|${gamma}|${m.beta}|${m.sigma}|${params.alpha}`, () => regimeOf(nuclearModel, { gamma, beta: m.beta, sigma: m.sigma, alpha: params.alpha }));
      if (placed !== m.regime) throw new Error(`nuclear model puts ${m.name} (beta = ${m.beta}) in regime ${placed}, expected ${m.regime}`);
      const lassoPlaced = memo(regimeCache, `l|${gamma}|${m.beta}|${m.sigma}|${params.alpha}`, () => regimeOf(lassoModel, { gamma, beta: m.beta, sigma: m.sigma, kappa: 1 / (2 * params.alpha) }));
      if (lassoPlaced !== m.lassoRegime) throw new Error(`lasso model puts ${m.name} (beta = ${m.beta}) in regime ${lassoPlaced}, expected ${m.lassoRegime}`);
      const R = riskSeries(gamma, params.alpha, m, levels[levels.length - 1]!);
      const i = level;
      const path = -Math.log(R.risk[i]! / R.risk[i - 1]!) / Math.log(R.n[i]! / R.n[i - 1]!);
      const lam = Math.log(R.riskUp[i]! / R.riskDown[i]!) / Math.log(LAMBDA_STEP ** 2);
      scope[`${m.name}_path`] = new Decimal(path);
      scope[`${m.name}_lambda`] = new Decimal(lam);
      scope[`${m.name}_beta`] = new Decimal(m.beta);
      scope[`${m.name}_sigma`] = new Decimal(m.sigma);
      scope[`${m.name}_alpha`] = new Decimal(params.alpha);
      scope[`${m.name}_kappa`] = new Decimal(1 / (2 * params.alpha));
      series.push({ name: `E, ${m.name} (beta = ${m.beta.toFixed(3)}, sigma = ${m.sigma})`, x: R.n.slice(0, i + 1), y: R.risk.slice(0, i + 1) });
    }
    return {
      scope,
      figure: { kind: 'loglog', title: `nuclear-norm state evolution along lambda = n^beta, gamma = ${gamma}, alpha = n/d^2 = ${params.alpha}`, xLabel: 'n', yLabel: 'excess risk E', series },
    };
  },
  ranges: {
    levels: PHASE_LEVELS,
    // 0.005 on every exponent, reached with room (at most 1.4e-3, plateauEdge.lambda; 'mid' 8.7e-4;
    // run seeds 1..12, 42, 99, 1234, 2026)
    target: 0.005,
    label: 'n = 10^(from + step l), per regime (fit over the last window)',
    floor: {
      value: 1e-4,
      why: "the bias regime's discreteness corrections (1/k_t, k_t the spikes kept) fall like n^-((1 - beta)/gamma), as slowly as n^-0.1 at gamma = 2: their last 1e-5 per window converges too slowly for a geometric extrapolation; and every spectral sum is over integers (each spike crossing the threshold is a kink of E in t). The solve itself is converged to 1e-12",
    },
    deep: { levels: DEEP_LEVELS, floor: { value: 1e-4, why: 'as for the default levels' } },
  },
  // the default run's budget: ~4 s of CPU with the boundary measurements (3.7-5.1 s measured under load)
  runs: 3,
  variants: [
    {
      name: "the LASSO's laws at the same beta (its crossover lambda ~ sigma sqrt(n), not sigma n^(3/4)): the bias law between 1/2 and 3/4",
      equations: LASSO_EQUATIONS,
    },
    { name: 'bias: E ∝ (lambda/n)^(1 - 1/(2 gamma)) (the Frobenius error, not its square)', equations: { 'bias.lambda': { rhs: '1 - 1 / (2 * gamma)' }, 'bias.path': { rhs: '(1 - 1 / (2 * gamma)) * (1 - bias_beta)' } } },
    { name: 'bias: threshold lambda d / n (per-spike sample count n/d in place of n)', equations: { 'bias.path': { rhs: '(2 - 1 / gamma) * (1 / 2 - bias_beta)' } } },
    { name: 'bias: lambda exponent 2 (ridge-like shrinkage of every eigenvalue)', equations: { 'bias.lambda': { rhs: '2' } } },
    { name: 'noise plateau: variance sigma^2 k d / n of the kept directions decays, riskN = 1/2', equations: { 'plateau.path': { rhs: '1 / 2' } } },
    { name: 'noise plateau: lambda helps like the bias law, riskLambda = 2 - 1/gamma', equations: { 'plateau.lambda': { rhs: '2 - 1 / gamma' } } },
    { name: 'null: the bias law continued above lambda ~ n', equations: { 'null.lambda': { rhs: '2 - 1 / gamma' } } },
    { name: 'noiseless crossover at the noisy one (beta = 3/4): plateau below it', equations: { 'clean.path': { rhs: '0' }, 'clean.lambda': { rhs: '0' } } },
    // the boundaries moved, and the wrong positions a review found
    ...BOUNDARY_VARIANTS,
    // every exponent moved by 0.005 either way
    ...PHASE_EQUATIONS.flatMap((q) =>
      [0.005, -0.005].map((d): Variant => ({ name: `${q.name} exponent ${d > 0 ? '+' : '-'} 0.005`, equations: { [q.name]: { rhs: `${q.rhs} ${d > 0 ? '+' : '-'} 0.005` } } })),
    ),
  ],
});

export const quadPhaseClaims = [quadPhaseDiagram];
