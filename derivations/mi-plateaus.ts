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
 * The targets: a level of three directions of strength 0.2 (axes 1..3) under one stronger
 * direction. For the threshold positions (below) the first has strength 0.8: thresholds a factor
 * 16 apart (1.2 decades), H_0 = 1.52, H_1 = 0.24; at alpha_2 / 2 the law's E = 0.54 = 2.25 H_1, and
 * a power law from H_0 at alpha_1 to H_1 at alpha_2 misses it by 30% there (the more directions
 * the second level has, the flatter the error and the nearer that power law: 10% for eight). For
 * the heights the first has strength 1.6 sqrt 2 = 2.26: thresholds a factor 128 apart (2.1
 * decades), H_0 = 10.48, H_1 = 0.24, so that the interval's readings stay far below alpha_2 (see
 * why below).
 *
 * Two measurements (the directions along axes; T decomposed whole, cascade-sim.ts), the seeds'
 * noise stated per equation (jackknife, as in mi.bbp-threshold):
 * - plateaus: an alpha_k -> infinity law. Along w_k the noise of T has variance
 *   (E[y^2] + 8 theta_k^2) / n (the labels correlate with z_k^2), so the missed part is
 *   1 - q_k = (alpha_k + 2) / alpha (see mi.ts); with E[y^2] carried by the first direction itself,
 *   alpha_1 <= 1 and the residual is several times the law's. So label noise raises E[y^2] to
 *   4 theta_1^2 alpha_1 with alpha_1 = 2, and the error is read at alpha_1 / 2 (plateau 0), at
 *   2 alpha_1 and at 8 alpha_1 = alpha_2 / 16 (plateau 1: the second level's share, that level's
 *   part of the target against the part of the readout that explains it). At 2 alpha_1 = 4 the
 *   first outlier, 1.5 x 2 theta_1 for large d, is still under the estimator's edge
 *   2 s (1 + 3 / alpha) = 2.47 x 2 theta_1: alpha is past the first threshold but the first
 *   direction is not yet seen; at 8 alpha_1 = 16 it is (1.125 against 0.84). Errors are measured on
 *   500 fresh test inputs per seed (f the readout, g the noiseless target) with a control variate:
 *   E[g^2] + mean (f - g)^2 - mean g^2, the energy E[g^2] integrated by Gauss–Hermite quadrature of
 *   the target (not its closed form 2 sum theta^2: the factor 2 of He_2's variance is integrated,
 *   not assumed). Where f is small, as on the levels not recovered, mean (f - g)^2 - mean g^2 =
 *   mean (f^2 - 2 f g) is known far better than either mean.
 *   The range grows d (16, 23, 32, 45; --deep 23, 32, 45, 64) at fixed alpha_1, on one sample per
 *   seed: the smaller d read the leading coordinates of the widest (cascadeSim's dims; the labels
 *   use axes 0..3 only). What the heights miss is finite-d leak: a sub-threshold spike's share of
 *   the outlier subspace, mostly through spurious outliers above the estimated edge, rarer as d
 *   grows (the bulk's edge fluctuates by about d^(-2/3), the margin 3 / alpha is fixed). Measured
 *   on 4800 seeds at d = 16, 23, 32, 45 (per-seed spread in brackets): plateau 0 0, -0.013%,
 *   -0.012%, -0.007% of H_0 (0 to 0.5%: an outlier rises on a few seeds only); the second level's
 *   share at 2 alpha_1 -0.10%, -0.066%, -0.035%, -0.021% of H_1 (0.6% to 0.18%), at 8 alpha_1
 *   -0.34%, -0.18%, -0.10%, -0.05% (1.4% to 0.3%): each falls by about 0.55 a level, a geometric
 *   tail the range rule extrapolates to about 0.
 *   Why so. The heights were read at d = 32 on a range growing alpha_1 (4 * 2^l), so their errors
 *   (a leak of 1-2% plus the seeds' noise) did not converge and the range rule extrapolated noise
 *   (resolution 0.07-0.11 at run seeds 2, 10, 42). Growing d with the first strength 0.8, alpha_1 = 4
 *   and the late reading at alpha_2 / 2 (a spike at 0.71 of its threshold, near its BBP edge), the
 *   leak there is 1.9%, 1.4%, 1.1%, 0.77% at d = 16..45 (400 seeds): steps falling by 0.6-1.0 a
 *   level, whose geometric tail straddles the rule's 0.8 (resolution 0.03 to 0.28 over ten runs of
 *   240 seeds). Read at alpha_2 / 8 (strength 1.6, alpha_1 = 4, 400 seeds) the leak fell by 0.5 a
 *   level (-0.49% to -0.06%) but the seeds' noise of its last steps still put their ratio near 0.8
 *   on some seeds, where the jackknife of the extrapolated tail jumps (0.061-0.066 at run seeds 2,
 *   12, 1234). At alpha_2 / 16 with alpha_1 = 2 the edge's margin at the reading is twice as wide
 *   (fewer spurious outliers: the leak and its per-seed spread 0.7-0.85 times those) and a seed
 *   costs less (the widest sample n = 16 d, not 32 d), so 800 seeds for 400 (640 read 0.038 on
 *   run seed 7). Nesting the dimensions makes the levels' steps a little less noisy (the late
 *   share's step at d = 45: standard error 0.25% against 0.32% for independent samples, 200 seeds
 *   at alpha_1 = 8), not more; doubling d a level (8 to 64) costs about three times as much a seed
 *   and did no better.
 *   The whole error at alpha_2 / 16 (H_1 plus the first level's residual, shifted by the finite
 *   alpha_1, about 1 / alpha_1) is in the figure, not an equation.
 * - threshold positions: where E[y^2] against Delta matters, the label noise must not carry
 *   E[y^2]: Delta = 1/2, E[y^2] = 2.02, alpha_1 = 0.79, alpha_2 = 12.6. The second level's
 *   threshold is read off its three outliers above it (alpha = r alpha_2, r = 8 * 2^l): for a
 *   spike c in a Wigner noise of level s^2 (radius 2 s) the outlier sits at c + s^2 / c, so c, and
 *   alpha_hat = alpha s^2 / c^2, follow from the level's mean outlier and T's noise level (the
 *   reading of mi.bbp-threshold, on a level of three spikes whose mean outlier narrows the spread).
 *   What is measured is the outlier: the seeds' mean of the level's mean outlier, each seed's less
 *   its fitted share of three control variates of exactly known mean (coefficients fitted on all
 *   seeds: a bias of O(1 / seeds)): the level's mean entry T_kk less its mean E[y He_2(x_k)]; the
 *   measured noise level s^2 (off T's entries away from every direction) less its mean d E[y^2] / n
 *   (the bulk entries (1/n) sum y x_i x_j have E[T_ij^2] = E[y^2] / n exactly, x_i and x_j
 *   independent of y); and the level's rows' noise level, d mean_i T_ki^2 off the directions, less
 *   its mean d E[y^2 x_k^2] / n (exact likewise): the outlier is T_kk plus about its row's squared
 *   norm over itself. The means are integrated by quadrature of the target (E[y^2] = Delta + E[g^2],
 *   E[y^2 x_k^2] = Delta + E[g^2 x_k^2]). The mean outlier is then inverted once, at the exact noise
 *   level (a ratio of means; the measured s^2, a mean of about 400 squared entries, 7% per seed,
 *   would only add its noise, which its control already takes out of the outlier).
 *   Why so. Inverting each seed's outlier and averaging the readings, as this claim did before,
 *   biased the reading by +3.7%, +1.3%, +0.8%, +0.5% at r = 4, 8, 16, 32 (mean of fifteen seeds;
 *   the inversion is concave near the bulk's edge): a tail falling by 0.6-0.85 a level, which the
 *   range rule's geometric extrapolation and the jackknife of it misread on some seeds (seeds 9
 *   and 10: resolution 0.23 and 0.50, inconclusive). Inverted once, the mean outlier reads -2.4%,
 *   -0.4%, +0.1%, +0.1% at r = 4..32 (spread over seeds 0.8%, 0.5%, 0.2%, 0.1%, 96 seeds each): the
 *   shift at r = 4 is the outlier's, at 2.5 s against the bulk's edge 2 s, so the range starts at
 *   r = 8 (3.2 s). There the levels' errors have converged and their last steps are the seeds'
 *   noise: where two steps fall with a ratio under the range rule's 0.8 it adds a geometric tail
 *   whose jackknife jumps (stated 0.013, resolution 0.076, on one seed in 34 with two controls;
 *   0.013 on one in 36 with 192 seeds). The rows' control cuts the seeds' noise about three times
 *   (stated uncertainty 0.0005-0.0069 on 43 seeds, where it was 0.0016-0.013): 96 seeds read the
 *   threshold under the floor on every seed tried; --deep reads it at d = 64 on 128 seeds.
 *   The first threshold is not read: at alpha_1 = 0.79 the law is far from its alpha_k -> infinity
 *   regime, and in the noisy design its single outlier, read below alpha_2, spreads 25% per seed.
 */
import fc from 'fast-check';
import { evaluate, isSymbolNode, parse, type MathNode } from 'mathjs';
import { Decimal } from 'decimal.js';
import { defineClaim, formulaOf, extrapolatedLimit, type Figure, type Scope } from '../src/api/index.js';
import { controlVariateMean } from '../src/api/numeric.js';
import { cascadeSim, levelOutlierOf, targetEnergy, targetRowMoment, targetSpikeMean, thresholdOfOutlier, mean, meanBut, noiseOnLimit, type CascadeSimReading } from '../src/api/models.js';
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

/**
 * plateaus: a first direction of strength 1.6 sqrt 2 (thresholds a factor 128 apart), alpha_1 = 2
 * at every level through E[y^2] = 4 alpha_1 theta_1^2; the range grows d
 */
const P_THETA1 = 1.6 * Math.SQRT2;
const P_THETA = [P_THETA1, ...THETA.slice(1)];
const P_ENERGY = P_THETA.reduce((s, t) => s + t * t, 0);
const PLATEAU_ALPHA1 = 2;
const PLATEAU_SIGMA2 = 4 * PLATEAU_ALPHA1 * P_THETA1 ** 2;
const PLATEAU_NOISE = PLATEAU_SIGMA2 - 2 * P_ENERGY;
/** the plateaus' dimensions, a factor sqrt 2 a level (--deep: one level further): the leading coordinates of one sample of the widest */
const plateauDims = (deep: boolean): number[] => LEVELS.map((l) => Math.round(16 * 2 ** ((l + (deep ? 1 : 0)) / 2)));
/** readings, in units of alpha_1: in plateau 0; just past the first threshold; alpha_2 / 16 */
const P0_RATIO = 1 / 2;
const EARLY_RATIO = 2;
const LATE_RATIO = 8;
const PLATEAU_SEEDS = 800;
/** --deep: the plateaus at d = 23 to 64, the threshold at d = 64, more seeds for both */
const DEEP_D = 64;
const DEEP_PLATEAU_SEEDS = 960;
const DEEP_THRESHOLD_SEEDS = 128;
const TEST = 500;
/** thresholds: Delta = 1/2, read at alpha = r alpha_2, r = 4 * 2^l */
const QUIET_NOISE = 0.5;
const QUIET_SIGMA2 = QUIET_NOISE + 2 * ENERGY;
const QUIET_ALPHA2 = QUIET_SIGMA2 / (2 * THETA2) ** 2;
const thresholdRatio = (l: number): number => 8 * 2 ** l;
const THRESHOLD_SEEDS = 96;

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


/** the target's energy, whole and on the second level, by quadrature (the control variates' means) */
const ENERGY_WHOLE = targetEnergy(THETA);
const P_ENERGY_WHOLE = targetEnergy(P_THETA);
const ENERGY_LEVEL2 = targetEnergy(THETA.map((t, k) => (LEVEL2.includes(k) ? t : 0)));
/** the second level's mean entry T_kk less its mean (by quadrature): the threshold reading's control variate */
const SPIKE_MEAN = LEVEL2.map((k) => targetSpikeMean(THETA, k));
/** E[g^2 x_k^2] on the second level (by quadrature): with Delta, the mean of its rows' noise level times n / d */
const ROW_MOMENT = LEVEL2.map((k) => targetRowMoment(THETA, k));
/**
 * the threshold reading's control variates, each of mean 0: the second level's mean entry T_kk less
 * its mean (by quadrature); the noise level s^2 less its mean d E[y^2] / n (exact: the bulk
 * entries T_ij = (1/n) sum y x_i x_j have E[T_ij^2] = E[y^2] / n, x_i and x_j independent of y;
 * E[y^2] = Delta + E[g^2], the energy by quadrature); and the level's rows' noise level less its
 * mean d E[y^2 x_k^2] / n (exact likewise, E[y^2 x_k^2] = Delta + E[g^2 x_k^2] by quadrature)
 */
const thresholdControls = (x: CascadeSimReading, d: number): number[] => [
  mean(LEVEL2.map((k, i) => x.diag[k]! - SPIKE_MEAN[i]!)),
  x.s2 - (d * (QUIET_NOISE + ENERGY_WHOLE)) / x.n,
  mean(LEVEL2.map((k, i) => x.rows[k]! - (d * (QUIET_NOISE + ROW_MOMENT[i]!)) / x.n)),
];
/** the error on the test inputs, its test-input noise removed: E[g^2] + mean (f - g)^2 - mean g^2 (part 0: whole) */
const testError = (x: CascadeSimReading, part: number, energy: number): number => energy + x.risk[part]! - x.energy[part]!;

const baseScope = (): Record<string, number> => ({
  theta1: P_THETA1,
  theta2: THETA2,
  m2: M2,
  sigma2: PLATEAU_SIGMA2,
  Delta: PLATEAU_NOISE,
  alphaEarly: EARLY_RATIO * PLATEAU_ALPHA1,
  alphaLate: LATE_RATIO * PLATEAU_ALPHA1,
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

function plateauLevels(P: PlateauParams, deep: boolean): PlateauLevel[] {
  const dims = plateauDims(deep);
  const dP = dims[dims.length - 1]!;
  const plateauSeeds = deep ? DEEP_PLATEAU_SEEDS : PLATEAU_SEEDS;
  const thresholdSeeds = deep ? DEEP_THRESHOLD_SEEDS : THRESHOLD_SEEDS;
  // --deep reads the threshold at d = 64
  const dT = deep ? DEEP_D : D;
  const pNs = LEVELS.map((l) => [P0_RATIO, EARLY_RATIO, LATE_RATIO].map((r) => Math.round(r * PLATEAU_ALPHA1 * dims[l]!)));
  const qNs = LEVELS.map((l) => Math.round(thresholdRatio(l) * QUIET_ALPHA2 * dT));
  const read = { e0: [] as number[][], e1: [] as number[][], u1: [] as number[][], u2: [] as number[][], outlier: [] as number[][] };
  const control = LEVELS.map((): number[][] => []);
  for (const k of Object.keys(read) as (keyof typeof read)[]) read[k] = LEVELS.map(() => []);
  for (let s = 0; s < plateauSeeds; s++) {
    const seed = (P.seed + 7919 * s) >>> 0;
    cascadeSim(dP, P_THETA, LEVELS.map(() => PLATEAU_NOISE), pNs, seed, { top: M2 + 3, test: TEST, parts: [LEVEL2], dims }).forEach(([p0, early, late], l) => {
      read.e0[l]!.push(testError(p0!, 0, P_ENERGY_WHOLE));
      read.u1[l]!.push(testError(early!, 1, ENERGY_LEVEL2));
      read.e1[l]!.push(testError(late!, 0, P_ENERGY_WHOLE));
      read.u2[l]!.push(testError(late!, 1, ENERGY_LEVEL2));
    });
  }
  for (let s = 0; s < thresholdSeeds; s++) {
    const seed = (P.seed + 104729 * s + 1) >>> 0;
    cascadeSim(dT, THETA, [QUIET_NOISE], [qNs], seed, { top: M2 + 3, test: 0 })[0]!.forEach((x, l) => {
      read.outlier[l]!.push(levelOutlierOf(x, LEVEL2));
      control[l]!.push(thresholdControls(x, dT));
    });
  }
  // the outliers move with the level's own entries T_kk, the noise level and the level's rows
  // (the outlier is T_kk plus about its row's squared norm over itself), whose means are known: each
  // seed's outlier less its fitted share of those controls (the coefficients fitted on all seeds: a
  // bias of O(1 / seeds))
  read.outlier = read.outlier.map((xs, l) => {
    const { beta } = controlVariateMean(xs, control[l]!);
    return xs.map((x, s) => x - beta.reduce((acc, b, j) => acc + b * control[l]![s]![j]!, 0));
  });
  // the reading inverts the seeds' mean outlier (a ratio of means), not each seed's (see the
  // threshold positions above); the noise level is its exact mean
  const hatOf = (l: number, skip: number): number => thresholdOfOutlier(qNs[l]! / dT, meanBut(read.outlier[l]!, skip), (dT * (QUIET_NOISE + ENERGY_WHOLE)) / qNs[l]!);
  const laws = LEVELS.map(() => lawScope(baseScope()));
  // each equation's error, in its scale, as the encoding's formulas give it (in float64)
  const errorOf = (xs: number[][] | ((l: number, skip: number) => number), law: string, scale: string) => (l: number, skip: number): number =>
    ((typeof xs === 'function' ? xs(l, skip) : meanBut(xs[l]!, skip)) - laws[l]![law]!) / laws[l]![scale]!;
  const noise = (N: number, l: number, xs: number[][] | ((l: number, skip: number) => number), law: string, scale = law): number => noiseOnLimit(N, l, errorOf(xs, law, scale), extrapolatedLimit);
  return LEVELS.map((l) => ({
    sigma2: PLATEAU_SIGMA2,
    noise: PLATEAU_NOISE,
    alphaEarly: pNs[l]![1]! / dims[l]!,
    alphaLate: pNs[l]![2]! / dims[l]!,
    E0: mean(read.e0[l]!),
    E1: mean(read.e1[l]!),
    U1: mean(read.u1[l]!),
    U2: mean(read.u2[l]!),
    alphaHat: hatOf(l, -1),
    uncertainty: {
      plateau0: noise(plateauSeeds, l, read.e0, 'H0'),
      'unrecovered-early': noise(plateauSeeds, l, read.u1, 'U1early', 'H1'),
      'unrecovered-late': noise(plateauSeeds, l, read.u2, 'U1late', 'H1'),
      threshold: noise(thresholdSeeds, l, hatOf, 'alpha2Q'),
    },
  }));
}

/**
 * The picture: the error over alpha / alpha_1 at d = 32 (three seeds), whole and on the
 * second level, beside the standard form and the heights (just past the first threshold the
 * finite-d outlier still sits in the bulk's edge, under the estimator's margin 3 / alpha: the
 * measured error lags there).
 */
function staircase(P: PlateauParams): Figure {
  const a1 = PLATEAU_ALPHA1;
  // d = 32, the widest level but one (the thresholds are 128 alpha_1 apart: the readings up to 256 alpha_1 cost more at the widest)
  const d = plateauDims(false)[LEVELS.length - 2]!;
  const ratios = Array.from({ length: 23 }, (_, j) => 2 ** ((j - 6) / 2));
  const ns = ratios.map((x) => Math.round(x * a1 * d));
  const runs = Array.from({ length: 3 }, (_, s) => cascadeSim(d, P_THETA, [PLATEAU_NOISE], [ns], (P.seed + 31 * s) >>> 0, { top: M2 + 3, test: 2000, parts: [LEVEL2] })[0]!);
  const law = lawScope(baseScope());
  // the standard form over every interval: each level's 2 theta^2 (1 - q^2), q = (1 - alpha_k / alpha)_+
  const standard = (x: number): number =>
    [
      { ak: law['alpha1']!, t: P_THETA1, m: 1 },
      { ak: law['alpha2']!, t: THETA2, m: M2 },
    ].reduce((acc, { ak, t, m }) => {
      const q = Math.max(0, 1 - ak / (x * a1));
      return acc + m * 2 * t ** 2 * (1 - q * q);
    }, 0);
  const within = (lo: number, hi: number): number[] => ratios.filter((x) => x >= lo && x <= hi);
  const ratio2 = (P_THETA1 / THETA2) ** 2;
  return {
    kind: 'loglog',
    title: `cascade plateaus: theta = ${P_THETA1.toFixed(3)} and ${M2} x ${THETA2}, E[y^2] = ${PLATEAU_SIGMA2.toFixed(2)} (alpha_1 = ${a1}, alpha_2 = ${Math.round(ratio2 * a1)}), d = ${d}, 3 seeds`,
    xLabel: 'alpha / alpha_1',
    yLabel: 'prediction error',
    series: [
      { name: 'measured (spectral subspace, best readout, fresh test inputs)', x: ratios, y: ratios.map((_, i) => mean(runs.map((r) => r[i]!.risk[0]!))) },
      { name: 'measured, on the second level', x: ratios, y: ratios.map((_, i) => mean(runs.map((r) => r[i]!.risk[1]!))) },
      { name: 'standard form H_k + sum_(j<=k) 2 theta_j^2 (1 - q_j^2)', x: ratios, y: ratios.map(standard) },
      { name: `H_0 = ${law['H0']!.toFixed(2)}`, x: within(0, 1), y: within(0, 1).map(() => law['H0']!) },
      { name: `H_1 = ${law['H1']!.toFixed(2)}`, x: within(1, ratio2), y: within(1, ratio2).map(() => law['H1']!) },
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
  // one target measured on many seeds per level; the drawn case is the simulation's seed, so that
  // `--seed` resamples the measurement (a constant seed made every run seed the same measurement);
  // never shrunk (each draw is a whole measurement, and a smaller seed is no simpler case)
  domain: fc.record({ seed: fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })) }),
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
  measure(params, { level, deep }) {
    const L = memo(levelsCache, JSON.stringify({ ...params, deep: deep === true }), () => plateauLevels(params, deep === true))[level]!;
    const scope: Scope = {
      theta1: dec(P_THETA1),
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
    // the heights, on the range in d (16, 23, 32, 45) at alpha_1 = 2, 800 seeds: plateau 0 and the
    // second level's share at 2 alpha_1 earn 0.0100-0.0105 on the sixteen run seeds checked (1-12,
    // 42, 99, 1234, 2024) and 0.010-0.017 on eleven runs of 640-800 fresh seeds: the 0.02.
    // The share at 8 alpha_1: 0.0106-0.026 on those sixteen (above 0.02 on run seeds 1, 2 and 12;
    // 0.015 on 1234), 0.011-0.022 on the eleven runs: its leak falls by about 0.55 a level, but the
    // seeds' noise of the last two steps sometimes puts their ratio near the range rule's 0.8, where
    // the jackknife of the extrapolated geometric tail jumps (a seed left out turns the tail on or
    // off): 0.03, what is reached on every one, not 0.02. The threshold: 0.011-0.036 on those sixteen
    // (3u at most 0.021 on 43 seeds before), under the 0.08, kept. Every wrong variant is off
    // by 95% or more of its equation's scale but alpha_k + 2, off by 16%.
    target: { plateau0: 0.02, 'unrecovered-early': 0.02, 'unrecovered-late': 0.02, threshold: 0.02 },
    floor: {
      value: 0.005,
      why: 'rare events: below the first threshold the error is exactly the whole energy on every seed where no outlier rises (a stated noise of 0 there), and a spurious outlier above the estimated edge takes up to 20% of a height in a single seed (4800 seeds at d = 45): the jackknife sees only the events drawn. 0.005 is ten times the heights\' leak at the widest level (0.007-0.05% at d = 45, falling by about 0.55 a level). The threshold reading needs none: it sits within 0.6% of alpha_2 from r = 8 on (+0.1% to +0.2% from r = 16), its noise over seeds 3u under 0.021 on 43 seeds',
    },
    label: `plateaus: theta_1 = ${P_THETA1}, E[y^2] = 4 theta_1^2 alpha_1, alpha_1 = ${PLATEAU_ALPHA1}, read at alpha_1 / 2, 2 alpha_1 and 8 alpha_1 = alpha_2 / 8, d = ${plateauDims(false).join(', ')} (${PLATEAU_SEEDS} seeds; --deep: d = ${plateauDims(true).join(', ')}, ${DEEP_PLATEAU_SEEDS} seeds); threshold: theta_1 = ${THETA1}, Delta = 1/2, alpha = 8 * 2^l alpha_2 (d = ${D}, ${THRESHOLD_SEEDS} seeds; --deep: d = ${DEEP_D}, ${DEEP_THRESHOLD_SEEDS} seeds)`,
    deep: {
      levels: LEVELS,
      floor: {
        value: 0.005,
        why: 'rare events, as by default (a spurious outlier above the estimated edge taking a few % of a height in a seed, rarer at d = 64); the heights\' leak falls by about 0.55 a level from d = 16 to 45, so at d = 64 it is about 0.03% or less (extrapolated, not measured); the threshold reading converges geometrically in r (-3.3%, -1.2%, -0.45%, -0.21% at r = 8 to 64 on 128 seeds, stated uncertainty 0.0003)',
      },
    },
  },
  // a second drawn case would double the cost
  runs: 1,
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
    // where the overlap law of the finite model, 1 - q_k = (alpha_k + 2) / alpha (see mi.ts), would
    // vanish: the threshold shifted by 2 (16% of alpha_2 here)
    { name: 'threshold alpha_k + 2 (where 1 - q_k = (alpha_k + 2) / alpha vanishes)', defs: { alpha2Q: `${thresholdOf('theta2', 'sigma2Q')} + 2` } },
    // the first threshold kept, the cascade's spacing theta_1 / theta_k in place of its square
    {
      name: 'threshold ∝ 1/theta_k (in place of 1/theta_k^2)',
      defs: { alpha2: `${thresholdOf('theta1', 'sigma2')} * theta1 / theta2`, alpha2Q: `${thresholdOf('theta1Q', 'sigma2Q')} * theta1Q / theta2` },
    },
  ],
});

export const miPlateauClaims = [plateaus];
