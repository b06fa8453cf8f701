/**
 * mi.plateaus: the plateaus of the cascade (Defilippis, Krzakala, Loureiro, Maillard, arXiv
 * 2602.05846; only the abstract is at hand: standard forms, derived here).
 *
 * Target y = sum_k theta_k He_2(w_k . x) + sqrt(Delta) xi, orthonormal w_k, x ~ N(0, I_d),
 * n = alpha d samples, E[y^2] = Delta + 2 sum_k theta_k^2. The spectral matrix
 * T = (1/n) sum y (x x^T - I) is, for large alpha, the spikes 2 theta_k w_k w_k^T (mi.spectral-mean)
 * in a Wigner noise of entry variance E[y^2] / n, so (BBP, mi.bbp-threshold) direction k is seen by
 * an outlier eigenvector iff
 *   alpha > alpha_k = E[y^2] / (2 theta_k)^2,   with squared overlap q_k = 1 - alpha_k / alpha.
 * The predictor: the outlier subspace V and the best quadratic readout on it. The target is the
 * centred quadratic form x^T M x - tr M, M = sum_k theta_k w_k w_k^T; the best readout on V is the
 * projection P_V M P_V, and E[(x^T A x - tr A)^2] = 2 |A|_F^2 (Isserlis: He_2 has variance 2), so
 * the prediction error is 2 |M - P_V M P_V|_F^2. A direction met by one outlier v, <v, w>^2 = q,
 * leaves 2 theta^2 |w w^T - q v v^T|_F^2 = 2 theta^2 (1 - q^2); a direction no outlier meets
 * leaves 2 theta^2. Levels of strengths theta_1 > theta_2 > ...: between the thresholds of levels
 * k and k + 1 the levels j <= k are recovered and no other, so
 *   E(alpha) = H_k + sum_(j <= k) 2 theta_j^2 (1 - q_j^2),   H_k = sum_(j > k) 2 theta_j^2:
 * the plateau height H_k, the energy of the levels not yet recovered, the same across the interval;
 * the recovered directions' residual 2 theta_j^2 (2 alpha_j / alpha - alpha_j^2 / alpha^2), about
 * E[y^2] / alpha each (4 theta_j^2 alpha_j = E[y^2]), falling like 1/alpha.
 *
 * How flat. Below the first threshold nothing is recovered: E = H_0, flat. Between later
 * thresholds the residual is not small: just below alpha_(k+1) it is about E[y^2] / alpha_(k+1) =
 * 4 theta_(k+1)^2 per recovered direction, against H_k ~ 2 m theta_(k+1)^2 for a next level of m
 * directions. The error comes near its height inside the interval only where the next level has
 * many more directions than are recovered; with single directions of geometric strengths and
 * thresholds a decade apart it never does (E > 2.7 H_k throughout alpha_k < alpha < alpha_(k+1)).
 * What is flat is the unrecovered levels' share, which stays whole: the error on the directions
 * of level k + 1 is 2 m theta_(k+1)^2 at every alpha of the interval.
 *
 * The target: one direction of strength 0.8 and a level of three of strength 0.2 (axes 1..3):
 * the thresholds are a factor 16 apart (1.2 decades), H_0 = 1.52, H_1 = 0.24. At alpha_2 / 2 the
 * law's E = 0.54 = 2.25 H_1; a power law from H_0 at alpha_1 to H_1 at alpha_2 misses it by 30%
 * there (the more directions the second level has, the flatter the error and the nearer that
 * power law: 10% for eight).
 *
 * Two measurements, both d = 32 (the directions along axes, Lanczos from a random start), the
 * seeds' noise stated per equation (jackknife, as in mi.bbp-threshold):
 * - plateaus: an alpha_k -> infinity law. Along w_k the noise of T has variance
 *   (E[y^2] + 8 theta_k^2) / n (the labels correlate with z_k^2), so the missed part is
 *   1 - q_k = (alpha_k + 2) / alpha (see mi.ts); with E[y^2] carried by the first direction itself,
 *   alpha_1 <= 1 and the residual is several times the law's. So label noise raises E[y^2] to
 *   4 theta_1^2 alpha_1, alpha_1 = 4 * 2^l growing with the level, and the error is read at
 *   alpha_1 / 2 (plateau 0), at 2 alpha_1 and at alpha_2 / 2 = 8 alpha_1 (plateau 1): whole, and on
 *   the second level alone (that level's part of the target against the part of the readout
 *   that explains it). Errors are means of (f - g)^2 over 2000 fresh test inputs per seed (f the readout, g the
 *   noiseless target): the factor 2 of He_2's variance is measured, not assumed. One sample per
 *   seed serves every level (T = T_s + sqrt(Delta) T_xi), so the levels' errors move together.
 *   The whole error at alpha_2 / 2 is shifted by the finite alpha_1, about 1 / alpha_1, and spreads
 *   about 15% per seed (the first direction's missed part, a sum over the bulk weighted by its
 *   resolvent): 256 seeds resolve it only to a few tenths, like the overlap of mi.bbp-threshold.
 *   The second level's share carries neither and is read to the floor.
 * - threshold positions: where E[y^2] against Delta matters, the label noise must not carry
 *   E[y^2]: Delta = 1/2, E[y^2] = 2.02, alpha_1 = 0.79, alpha_2 = 12.6. The second level's
 *   threshold is read off its three outliers above it (alpha = r alpha_2, r = 2.5 * 2^l): for a
 *   spike c in a Wigner noise of level s^2 (radius 2 s) the outlier sits at c + s^2 / c, so c, and
 *   alpha_hat = alpha s^2 / c^2, follow from the level's mean outlier and from T's noise level off
 *   its entries away from every direction (the reading of mi.bbp-threshold, on a level of three
 *   spikes whose mean outlier narrows the spread). Its finite-size shifts fall like 1/r.
 *   The first threshold is not read: at alpha_1 = 0.79 the law is far from its alpha_k -> infinity
 *   regime, and in the noisy design its single outlier, read below alpha_2, spreads 25% per seed.
 */
import fc from 'fast-check';
import { evaluate, isSymbolNode, parse, type MathNode } from 'mathjs';
import { Decimal } from 'decimal.js';
import { defineClaim, formulaOf, classifyRange, type Figure, type Scope } from '../src/api/index.js';
import { cascadeReadings, HermiteTarget, levelOutlier, thresholdOfOutlier, mean, meanBut, noiseOnLimit, type CascadeReading } from '../src/api/models.js';
import { memo } from './instances.js';
import { cascadeModel } from './mi-laws.js';

const SOURCE = 'arXiv:2602.05846 (standard forms; only the abstract is at hand)';

const D = 32;
const THETA1 = 0.8;
const THETA2 = 0.2;
const M2 = 3;
const THETA = [THETA1, ...Array.from({ length: M2 }, () => THETA2)];
const LEVEL2 = Array.from({ length: M2 }, (_, i) => i + 1);
const ENERGY = THETA.reduce((s, t) => s + t * t, 0);
const LEVELS = [0, 1, 2, 3];

/** plateaus: alpha_1 = 4 * 2^l through E[y^2] = 4 alpha_1 theta_1^2 */
const plateauAlpha1 = (l: number): number => 4 * 2 ** l;
const plateauNoise = (l: number): number => 4 * plateauAlpha1(l) * THETA1 ** 2 - 2 * ENERGY;
/** readings, in units of alpha_1: in plateau 0; just past the first threshold; half way (in alpha) to the second */
const P0_RATIO = 1 / 2;
const EARLY_RATIO = 2;
const LATE_RATIO = (THETA1 / THETA2) ** 2 / 2;
const PLATEAU_SEEDS = 256;
const TEST = 2000;
/** thresholds: Delta = 1/2, read at alpha = r alpha_2, r = 2.5 * 2^l */
const QUIET_NOISE = 0.5;
const QUIET_SIGMA2 = QUIET_NOISE + 2 * ENERGY;
const QUIET_ALPHA2 = QUIET_SIGMA2 / (2 * THETA2) ** 2;
const thresholdRatio = (l: number): number => 2.5 * 2 ** l;
const THRESHOLD_SEEDS = 160;

/** the BBP threshold of the cascade model (mi-laws.ts), its strength and label variance renamed */
const alphaC = formulaOf(cascadeModel, 'summable', 'alphaC');
const thresholdOf = (theta: string, sigma2: string): string => {
  const rename: Record<string, string> = { theta, sigma2 };
  return parse(alphaC)
    .transform((node: MathNode) => (isSymbolNode(node) && rename[node.name] !== undefined ? parse(rename[node.name]!) : node))
    .toString({ parenthesis: 'auto' });
};

/** the first level's residual 2 theta_1^2 (1 - q_1^2), q_1 = 1 - alpha_1 / alpha, at a reading alpha */
const residual = (alpha: string): string => `2 * theta1^2 * (1 - (1 - alpha1 / ${alpha})^2)`;
/** the power law through H_0 at alpha_1 and H_1 at alpha_2, at a reading alpha */
const powerLaw = (alpha: string): string => `H0 * (${alpha} / alpha1)^(-log(H0 / H1) / log(alpha2 / alpha1))`;

const DEFS: [string, string][] = [
  // plateaus (the noisy design): both thresholds and the heights
  ['alpha1', thresholdOf('theta1', 'sigma2')],
  ['alpha2', thresholdOf('theta2', 'sigma2')],
  ['H0', '2 * theta1^2 + m2 * 2 * theta2^2'],
  ['H1', 'm2 * 2 * theta2^2'],
  // the second level's share at 2 alpha_1 and at alpha_2 / 2: whole
  ['U1early', 'H1'],
  ['U1late', 'H1'],
  // threshold positions (the quiet design): the second level's threshold
  ['alpha2Q', thresholdOf('theta2', 'sigma2Q')],
];

interface PlateauParams {
  seed: number;
}

interface PlateauLevel {
  /** the noisy design: E[y^2], Delta, the readings' alphas, the mean errors over seeds */
  sigma2: number;
  noise: number;
  alphaEarly: number;
  alphaLate: number;
  /** whole error in plateau 0 and at alpha_2 / 2 */
  E0: number;
  E1: number;
  /** the second level's share at 2 alpha_1 and at alpha_2 / 2 */
  U1: number;
  U2: number;
  /** the quiet design: the mean threshold reading */
  alphaHat: number;
  uncertainty: Record<string, number>;
}

/** alpha s^2 / c^2 from the second level's mean outlier */
const thresholdReading = (x: CascadeReading): number => thresholdOfOutlier(x.n / D, levelOutlier(x, LEVEL2), x.s2);

const baseScope = (l: number): Record<string, number> => ({
  theta1: THETA1,
  theta2: THETA2,
  m2: M2,
  sigma2: 4 * plateauAlpha1(l) * THETA1 ** 2,
  Delta: plateauNoise(l),
  alphaEarly: EARLY_RATIO * plateauAlpha1(l),
  alphaLate: LATE_RATIO * plateauAlpha1(l),
  theta1Q: THETA1,
  sigma2Q: QUIET_SIGMA2,
  DeltaQ: QUIET_NOISE,
});

/** the encoding's definitions evaluated in float64 (for the errors the seeds' noise is stated on) */
function lawScope(base: Record<string, number>): Record<string, number> {
  const scope: Record<string, number> = { ...base };
  for (const [name, expr] of DEFS) scope[name] = evaluate(expr, scope) as number;
  return scope;
}

function plateauLevels(P: PlateauParams): PlateauLevel[] {
  const noises = LEVELS.map(plateauNoise);
  const pNs = LEVELS.map((l) => [P0_RATIO, EARLY_RATIO, LATE_RATIO].map((r) => Math.round(r * plateauAlpha1(l) * D)));
  const qNs = LEVELS.map((l) => Math.round(thresholdRatio(l) * QUIET_ALPHA2 * D));
  const read = { e0: [] as number[][], e1: [] as number[][], u1: [] as number[][], u2: [] as number[][], hat: [] as number[][] };
  for (const k of Object.keys(read) as (keyof typeof read)[]) read[k] = LEVELS.map(() => []);
  const target = new HermiteTarget({ d: D, theta: THETA, noise: 0, seed: 0, axes: true });
  for (let s = 0; s < PLATEAU_SEEDS; s++) {
    const seed = (P.seed + 7919 * s) >>> 0;
    cascadeReadings(target, noises, pNs, seed, { top: M2 + 3, test: TEST, parts: [LEVEL2] }).forEach(([p0, early, late], l) => {
      read.e0[l]!.push(p0!.risk);
      read.u1[l]!.push(early!.partRisk[0]!);
      read.e1[l]!.push(late!.risk);
      read.u2[l]!.push(late!.partRisk[0]!);
    });
  }
  for (let s = 0; s < THRESHOLD_SEEDS; s++) {
    const seed = (P.seed + 104729 * s + 1) >>> 0;
    cascadeReadings(target, [QUIET_NOISE], [qNs], seed, { top: M2 + 3, test: 0 })[0]!.forEach((x, l) => read.hat[l]!.push(thresholdReading(x)));
  }
  const laws = LEVELS.map((l) => lawScope(baseScope(l)));
  // each equation's error, in its scale, as the encoding's formulas give it (in float64)
  const errorOf = (xs: number[][], law: string, scale: string) => (l: number, skip: number): number => (meanBut(xs[l]!, skip) - laws[l]![law]!) / laws[l]![scale]!;
  const limitOf = (e: number[]): number => classifyRange(e).limit;
  const noise = (N: number, l: number, xs: number[][], law: string, scale = law): number => noiseOnLimit(N, l, errorOf(xs, law, scale), limitOf);
  return LEVELS.map((l) => ({
    sigma2: 4 * plateauAlpha1(l) * THETA1 ** 2,
    noise: noises[l]!,
    alphaEarly: pNs[l]![1]! / D,
    alphaLate: pNs[l]![2]! / D,
    E0: mean(read.e0[l]!),
    E1: mean(read.e1[l]!),
    U1: mean(read.u1[l]!),
    U2: mean(read.u2[l]!),
    alphaHat: mean(read.hat[l]!),
    uncertainty: {
      plateau0: noise(PLATEAU_SEEDS, l, read.e0, 'H0'),
      'unrecovered-early': noise(PLATEAU_SEEDS, l, read.u1, 'U1early', 'H1'),
      'unrecovered-late': noise(PLATEAU_SEEDS, l, read.u2, 'U1late', 'H1'),
      threshold: noise(THRESHOLD_SEEDS, l, read.hat, 'alpha2Q'),
    },
  }));
}

/**
 * The picture: the error over alpha / alpha_1 at the widest level (three seeds), whole and on the
 * second level, beside the standard form and the heights (just past the first threshold the
 * finite-d outlier still sits in the bulk's edge, under the estimator's margin 3 / alpha: the
 * measured error lags there).
 */
function staircase(P: PlateauParams): Figure {
  const l = LEVELS[LEVELS.length - 1]!;
  const a1 = plateauAlpha1(l);
  const ratios = Array.from({ length: 17 }, (_, j) => 2 ** ((j - 6) / 2));
  const ns = ratios.map((x) => Math.round(x * a1 * D));
  const target = new HermiteTarget({ d: D, theta: THETA, noise: 0, seed: 0, axes: true });
  const runs = Array.from({ length: 3 }, (_, s) => cascadeReadings(target, [plateauNoise(l)], [ns], (P.seed + 31 * s) >>> 0, { top: M2 + 3, test: TEST, parts: [LEVEL2] })[0]!);
  const law = lawScope(baseScope(l));
  // the standard form over every interval: each level's 2 theta^2 (1 - q^2), q = (1 - alpha_k / alpha)_+
  const standard = (x: number): number =>
    [
      { ak: law['alpha1']!, t: THETA1, m: 1 },
      { ak: law['alpha2']!, t: THETA2, m: M2 },
    ].reduce((acc, { ak, t, m }) => {
      const q = Math.max(0, 1 - ak / (x * a1));
      return acc + m * 2 * t ** 2 * (1 - q * q);
    }, 0);
  const within = (lo: number, hi: number): number[] => ratios.filter((x) => x >= lo && x <= hi);
  const ratio2 = (THETA1 / THETA2) ** 2;
  return {
    kind: 'loglog',
    title: `cascade plateaus: theta = ${THETA1} and ${M2} x ${THETA2}, E[y^2] = ${4 * THETA1 ** 2 * a1} (alpha_1 = ${a1}, alpha_2 = ${ratio2 * a1}), d = ${D}, 3 seeds`,
    xLabel: 'alpha / alpha_1',
    yLabel: 'prediction error',
    series: [
      { name: 'measured (spectral subspace, best readout, fresh test inputs)', x: ratios, y: ratios.map((_, i) => mean(runs.map((r) => r[i]!.risk))) },
      { name: 'measured, on the second level', x: ratios, y: ratios.map((_, i) => mean(runs.map((r) => r[i]!.partRisk[0]!))) },
      { name: 'standard form H_k + sum_(j<=k) 2 theta_j^2 (1 - q_j^2)', x: ratios, y: ratios.map(standard) },
      { name: `H_0 = ${law['H0']}`, x: within(0, 1), y: within(0, 1).map(() => law['H0']!) },
      { name: `H_1 = ${law['H1']}`, x: within(1, ratio2), y: within(1, ratio2).map(() => law['H1']!) },
    ],
  };
}

const levelsCache = new Map<string, PlateauLevel[]>();
const figureCache = new Map<string, Figure>();
const dec = (x: number): Decimal => new Decimal(x);

export const plateaus = defineClaim<PlateauParams>({
  id: 'mi.plateaus',
  group: 'mi',
  kind: 'scaling',
  source: SOURCE,
  statement: String.raw`\alpha_k=\frac{\mathbb E[y^2]}{(2\theta_k)^2};\ \ \alpha_k<\alpha<\alpha_{k+1}:\ \text{the unrecovered levels' share of }\mathcal E\text{ stays flat at }H_k=\sum_{j>k}2\theta_j^2;\ \ \mathcal E=H_0\text{ below }\alpha_1\ \text{(standard form, }\alpha_k\to\infty)`,
  // one target measured on many seeds per level (a second drawn case would double the cost)
  domain: fc.constantFrom<PlateauParams>({ seed: 5 }),
  encoding: {
    defs: DEFS,
    equations: [
      // below the first threshold: the whole energy
      { name: 'plateau0', lhs: 'E0', rhs: 'H0', scale: 'H0' },
      // (the whole error between the thresholds, H_1 plus the first level's residual, is measured
      // too, but its finite-alpha_1 shift leaves a resolution of about 0.6: too coarse to decide
      // the residual's form, so it is in the figure, not an equation)
      // the second level's share, whole at 2 alpha_1 and at alpha_2 / 2
      { name: 'unrecovered-early', lhs: 'U1', rhs: 'U1early', scale: 'H1' },
      { name: 'unrecovered-late', lhs: 'U2', rhs: 'U1late', scale: 'H1' },
      // the second level's threshold, read off its outliers far above it
      { name: 'threshold', lhs: 'alphaHat', rhs: 'alpha2Q', scale: 'alpha2Q' },
    ],
  },
  measure(params, { level }) {
    const L = memo(levelsCache, JSON.stringify(params), () => plateauLevels(params))[level]!;
    const scope: Scope = {
      theta1: dec(THETA1),
      theta2: dec(THETA2),
      m2: dec(M2),
      sigma2: dec(L.sigma2),
      Delta: dec(L.noise),
      alphaEarly: dec(L.alphaEarly),
      alphaLate: dec(L.alphaLate),
      E0: dec(L.E0),
      E1: dec(L.E1),
      U1: dec(L.U1),
      U2: dec(L.U2),
      theta1Q: dec(THETA1),
      sigma2Q: dec(QUIET_SIGMA2),
      DeltaQ: dec(QUIET_NOISE),
      alphaHat: dec(L.alphaHat),
    };
    return { scope, uncertainty: L.uncertainty, figure: memo(figureCache, JSON.stringify(params), () => staircase(params)) };
  },
  ranges: {
    levels: LEVELS,
    floor: {
      value: 0.03,
      why: 'finite d: read at half its threshold, the second level leans 1-2% of its energy into the outlier subspace at d = 32 (about half that at d = 64): the top of the bulk and the spurious outliers above the estimated edge carry a little of each sub-threshold spike, and the range grows alpha_1, not d',
    },
    label: `plateaus: E[y^2] = 4 theta_1^2 alpha_1, alpha_1 = 4 * 2^l, read at alpha_1 / 2, 2 alpha_1 and alpha_2 / 2 = 8 alpha_1 (${PLATEAU_SEEDS} seeds); threshold: Delta = 1/2, alpha = 2.5 * 2^l alpha_2 (${THRESHOLD_SEEDS} seeds); d = ${D}`,
  },
  runs: 2,
  variants: [
    { name: 'plateau height sum_(j>k) theta_j^2 (the He_2 variance 2 lost)', defs: { H0: 'theta1^2 + m2 * theta2^2', H1: 'm2 * theta2^2' } },
    { name: 'plateau height counts the level just recovered (off by one)', defs: { H1: '2 * theta1^2 + m2 * 2 * theta2^2' } },
    // the whole error falling as one power law from H_0 at alpha_1 to H_1 at alpha_2; with the first
    // level's residual what it is (the overlap law), the second level's share would be the rest
    {
      name: 'no plateau: a power law between the thresholds',
      defs: {
        U1early: `${powerLaw('alphaEarly')} - ${residual('alphaEarly')}`,
        U1late: `${powerLaw('alphaLate')} - ${residual('alphaLate')}`,
      },
    },
    { name: 'threshold Delta / (2 theta)^2 (label noise in place of E[y^2])', defs: { alpha1: thresholdOf('theta1', 'Delta'), alpha2: thresholdOf('theta2', 'Delta'), alpha2Q: thresholdOf('theta2', 'DeltaQ') } },
    // the first threshold kept, the cascade's spacing theta_1 / theta_k in place of its square
    {
      name: 'threshold ∝ 1/theta_k (in place of 1/theta_k^2)',
      defs: { alpha2: `${thresholdOf('theta1', 'sigma2')} * theta1 / theta2`, alpha2Q: `${thresholdOf('theta1Q', 'sigma2Q')} * theta1Q / theta2` },
    },
  ],
});

export const miPlateauClaims = [plateaus];
