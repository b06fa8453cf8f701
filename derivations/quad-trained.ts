/**
 * quad.spectrum-tail-trained: the spectrum tail of quad.spectrum-tail (derivations/diag.ts) checked
 * against a network trained on samples (issue 16, item 4), and what the sample size adds to its
 * cutoff. The quadratic network f(x) = sum_i a_i ((w_i^T x)^2 - |w_i|^2) (fixed readout, d neurons
 * of each sign; the centred square He_2, so that Gaussian inputs carry no trace mode) is trained by
 * L-BFGS with weight decay lambda/2 sum |w_i|^2 on n Gaussian inputs labelled (noiselessly) by
 * S* = diag(k^-alpha), and compared with
 *  (i) the nuclear-norm estimator (proximal gradient, penalty lambda/2 |S|_*) on the same samples:
 *      the variational equivalence says they are the same matrix;
 *  (ii) the soft threshold of quad.spectrum-tail: every retained eigenvalue is the target's less
 *      lambda/2, so the retained-mode count is k_c = (2/lambda)^(1/alpha) (n/d^2 -> infinity);
 *  (iii) the sample-size correction of the threshold, derived here. With H = I + Delta the design's
 *      Gram operator on symmetric matrices and kappa = lambda/2, the minimiser keeps the r modes
 *      with s_k > kappa and, to second order in Delta (the stationarity conditions on the rank-r
 *      manifold; src/models/quadnet-threshold.ts), their mean shift is
 *        r tau = r kappa - L + Q,  E L = 0,  E Q = (T1 + T2 + T3)/n  (exact in n),
 *      so E tau / lambda = 1/2 + c d^2/n + O((d^2/n)^2) with c = C/(2 d^2), C = (T1 + T2 + T3)/(r kappa)
 *      given below (COEFFICIENT_DEFS) from the Gaussian eighth moments of the He_2 features; with
 *      every mode kept C = (d^2 + 13 d + 14)/2 (91 at d = 8), not the Gaussian-design (inverse
 *      Wishart) d(d+1)/2 + 1. So the cutoff is set by the weight decay AND the sample size: raised
 *      by the factor 1 + C/n (C ~ d^2/2 with every mode kept: c -> 1/4 for large d), depending on
 *      lambda only through which modes are kept; it is lambda/2 only for n >> d^2.
 * The range grows in n/d^2 (three quarters of a decade a level: 31.6, 178, 1000 d^2, d = 8; --deep
 * to 5623 d^2, d = 10); each level takes three penalties over two decades (kappa between s_1 and s_2, at s_d/2,
 * and between two s_k in the middle: away from every s_k, where the expansion's gaps would vanish).
 *
 * The measurement: each design is trained together with its antithetic partner, the loss whose Gram
 * operator is 2I - H (Delta -> -Delta; src/models/quadnet-sampled.ts mirroredDesign): the pair's mean
 * threshold has no odd orders in Delta. It is not a sampled design: its mean differs from a sample's
 * at the third cumulant of Delta, O(1/n^2) in tau, O(d^2/n) in the coefficient, the order the range
 * extrapolates away, so the limit is c still. Each threshold is then corrected by two control
 * variates of known mean computed from the design, L (mean 0; it cancels on the pair) and Q - E Q (E Q
 * from the cumulants of Gaussian quadratic forms, traces of products, not from the hand table).
 * What is left is the fourth order: per design the sample coefficient (n/d^2)(tau/lambda - 1/2)
 * scatters by 0.02..0.04, 2e-3..6e-3, 7e-4..1.3e-3, 1e-4..5e-4 at 31.6, 100, 316, 1000 d^2 (about
 * as d^2/n, like its first-order correction b d^2/n, b ~ 1), so the range rule reads that
 * correction's geometric convergence with the noise well inside each step. The levels are three
 * quarters of a decade apart (ratio ~0.18 per level) because with three levels the rule needs the
 * ratio below 1/2, and at half a decade (ratio 0.32, and up to 0.45 with the second order at
 * 100 d^2 for alpha = 3.5) the noise pushed it over in 2 of 13 seeds. Resolution 0.025..0.045
 * (target 0.1); threshold and count 0.016 and 2e-3 (target 0.02, the issue's; the threshold's is its first-order
 * correction extrapolated from 31.6 d^2), agreement 6e-3.
 * Issue 15 (seed robustness), what it was: without the partner the cubic remainder left a heavy-tailed
 * design noise (per design 0.14, 0.045, 0.017, 0.0074 at 31.6..1000 d^2); at seed 1234 (alpha = 27/8)
 * one design of six at 31.6 d^2 gave 0.127 against c = 0.462, and, designs being nested, still 0.326
 * at 100 d^2, so the errors at 31.6, 100, 316 d^2 (-0.076, -0.029, -0.003) looked like a geometric
 * convergence (ratio 0.55) whose extrapolation disagreed with the next by 0.030: resolution 0.18 from
 * the extrapolations' spread, not from the standard error (which stated 0.07). Tried and not kept:
 * Richardson against the level before with the known order (d^2/n): the coefficient then sits at its
 * limit within noise, and the range rule, reading noise as convergence, wandered in 2 of 6 cases.
 * What is independent here, and what is not (an adversarial review): the Q control variate adds back
 * E Q, which is the coefficient c itself, so the sample equation measures the training only through
 * the remainder tau - kappa + (L - Q)/k, i.e. it checks that the pathwise second-order expansion holds
 * on the trained network; the value of c rests on two analytic routes agreeing (the hand table and the
 * cumulant traces, the moments equation), on a Monte Carlo of Q over 60 designs
 * (proofs-tests/models/quadnet-threshold.test.ts), and on a route without c
 * (proofs-tests/derivations/quad-trained.test.ts): trained pairs less Q, plus E Q simulated on 1500
 * separate designs of 2 d^2 inputs (n E Q does not depend on n): 0.4760 +- 0.0068 against c = 0.4745
 * (alpha = 3, n = 316 d^2, six pairs; resolution 2 x 3 standard errors ~0.04, the simulation's; the
 * default run cannot afford it: as an equation, stated at twice its standard error, it would need
 * ~1000 simulated designs per case, 1-2 s more each, to hold 0.1). The count is
 * the retained count implied by the measured threshold (the target spectrum inverted at tau), so
 * its exponent checks that tau is proportional to lambda over two decades, not a count of the
 * trained eigenvalues.
 * Designs are nested across levels (the first n inputs of one stream per design) and the training
 * continues from the previous level's weights; at the first level the first design starts at random
 * and the others (and every antithetic partner) from its weights: their minimisers lie close, and
 * the agreement with the convex estimator (on the first design) is what shows the descent finds it.
 *
 * Findings: the trained network is the convex estimator to ~1e-9 relative at every n; the
 * measured coefficient agrees with c within its resolution at every drawn alpha in [2.75, 3.5];
 * at n = 10 d^2 tau/lambda - 1/2 is already within 25% of c d^2/n (the test). With label noise
 * (sampledDesign's `noise`, tested in proofs-tests/derivations/quad-trained.test.ts) a noise bulk
 * adds to the threshold at n ~ d^2 and the retained count stops growing below d as lambda -> 0.
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { defineClaim, type Instance } from '../src/api/index.js';
import { Rng, logSlope } from '../src/api/numeric.js';
import { expectedQuadratic, jacobiEig, locateRegularised, mirroredDesign, nestedDesigns, nuclearEstimator, thresholdStatistics, type NetPoint, type SampledDesign } from '../src/api/models.js';
import { memo, seedArb } from './instances.js';

const SOURCE = 'arXiv:2509.24882';

interface TrainedTailParams {
  /** target spectrum s_k = k^-alpha, alpha = a8 / 8 in [2.75, 3.5] */
  a8: number;
  seed: number;
}

/**
 * The size of a measurement: d, the levels, and the independent designs (sample sets) at each
 * level: fewest at the last, whose inputs cost most to draw; their noise after the antithetic pairs
 * and the control variates falls about as d^2/n, as the correction the range extrapolates does.
 */
interface Size {
  d: number;
  levels: number[];
  designs: number[];
  /** train on each design's antithetic partner too (needs n >~ 30 d^2 for it to be positive definite) */
  antithetic: boolean;
}
const DEFAULT: Size = { d: 8, levels: [3, 4.5, 6], designs: [24, 12, 6], antithetic: true };
const DEEP: Size = { d: 10, levels: [3, 4.5, 6, 7.5], designs: [24, 12, 8, 4], antithetic: true };
/** a level off the ladder (probed in the tests, n = 10 d^2 where the antithetic partner is not always definite) is measured on its own, without partners, from random starts, with this many designs */
const PROBE_DESIGNS = 4;
const designsAt = (size: Size, level: number): number => size.designs[size.levels.indexOf(level)]!;
const sizeFor = (size: Size, level: number): Size => (size.levels.includes(level) ? size : { d: size.d, levels: [level], designs: [PROBE_DESIGNS], antithetic: false });
/** n / d^2 = 10^(l/2) (levels need not be integers) */
const samplesAt = (l: number, d: number): number => Math.round(10 ** (l / 2) * d * d);
/** a trained eigenvalue counts as retained above this fraction of lambda (the rest are ~1e-15) */
const RETAINED = 1e-6;

/**
 * The three penalties kappa = lambda/2, over two decades and away from every s_k (the expansion's
 * gaps): between s_1 and s_2 (geometric mean; one mode kept), s_d / 2 (all kept), and the geometric
 * mean of consecutive s_k nearest the middle of the two in log.
 */
function penalties(s: number[]): number[] {
  const d = s.length;
  const mids = Array.from({ length: d - 1 }, (_, k) => Math.sqrt(s[k]! * s[k + 1]!));
  const hi = mids[0]!;
  const lo = s[d - 1]! / 2;
  const centre = Math.sqrt(hi * lo);
  const mid = mids.reduce((b, m) => (Math.abs(Math.log(m / centre)) < Math.abs(Math.log(b / centre)) ? m : b));
  return [hi, mid, lo];
}

interface LevelMeasure {
  /** max over lambda of |M_trained - S_convex|_F / |S_convex|_F (first design) */
  agree: number;
  /** the largest gradient left by the descent */
  defect: number;
  /** per lambda, per design: tau / lambda, less the design's centred linear and quadratic statistics */
  ratio: number[][];
  /** per lambda, per design: the kept count */
  kept: number[][];
  /** trained spectrum at the smallest lambda (first design, for the figure) */
  spectrum: number[];
}

interface Trained {
  ratio: number[][];
  kept: number[][];
  defect: number;
  spectrum: number[];
  M: number[][][];
  /** per lambda, per design and side (2 r + 0: the design, 2 r + 1: its antithetic partner): the trained weights (the next level's training continues from them) */
  W: number[][][][];
}

const nets = new Map<string, Trained>();
const convex = new Map<string, LevelMeasure>();
const designs = new Map<string, SampledDesign[]>();

/** design r of a level: the first n inputs of stream r (nested sample sets: common random numbers across levels) */
function designOf(P: TrainedTailParams, size: Size, level: number, r: number): SampledDesign {
  const { d } = size;
  const alpha = P.a8 / 8;
  const S = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? (i + 1) ** -alpha : 0)));
  const all = memo(designs, `${P.a8}|${P.seed}|${d}|${size.levels.join(',')}|${r}`, () => nestedDesigns(S, size.levels.filter((l) => designsAt(size, l) > r).map((l) => samplesAt(l, d)), new Rng(P.seed * 7919 + 1000 * d + r)));
  return all.find((D) => D.n === samplesAt(level, d))!;
}

/**
 * The network trained on each design of a level, at each lambda: from a random start at the first
 * level a design reaches, and from its weights at the level before after that (training continued
 * as the samples grow: the descent settles in a few dozen steps instead of hundreds).
 */
function trainLevel(P: TrainedTailParams, level: number, size: Size): Trained {
  const { d } = size;
  return memo(nets, `${P.a8}|${P.seed}|${level}|${d}|${size.levels.join(',')}|${designsAt(size, level)}`, () => {
    const alpha = P.a8 / 8;
    const s = Array.from({ length: d }, (_, k) => (k + 1) ** -alpha);
    const kappas = penalties(s);
    const n = samplesAt(level, d);
    const at = size.levels.indexOf(level);
    const previous = at > 0 ? trainLevel(P, size.levels[at - 1]!, size) : undefined;
    const a = Array.from({ length: 2 * d }, (_, k) => (k < d ? 1 : -1));
    const ratio = kappas.map(() => [] as number[]);
    const kept = kappas.map(() => [] as number[]);
    const W = kappas.map(() => [] as number[][][]);
    const M0: number[][][] = [];
    let defect = 0;
    let spectrum: number[] = [];
    const S = s.map((v, i) => s.map((_, j) => (i === j ? v : 0)));
    for (let r = 0; r < designsAt(size, level); r++) {
      const D = designOf(P, size, level, r);
      // the design and its antithetic partner (Delta -> -Delta): their mean threshold has no odd
      // orders in Delta, the linear and the cubic among them (the heavy-tailed design noise)
      const pair = size.antithetic ? [D, mirroredDesign(D, S)] : [D];
      kappas.forEach((kappa, li) => {
        const lam = 2 * kappa;
        let sum = 0;
        pair.forEach((E, side) => {
          // from the level before; at the first level the first design alone starts at random, its
          // partner and the other designs continue from its weights (their minimisers lie close)
          const before = previous?.W[li]![pair.length * r + side] ?? (side > 0 ? W[li]![pair.length * r] : r > 0 ? W[li]![0] : undefined);
          const from: NetPoint | undefined = before ? { W: before, a } : undefined;
          const fit = locateRegularised(E.A, E.y, d, lam, { kind: 'fixed', a }, new Rng(P.seed + 31 * li + r), 1, 1, 'lbfgs', from);
          defect = Math.max(defect, fit.defect);
          W[li]!.push(fit.W);
          const M = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => fit.W.reduce((acc, w, k) => acc + a[k]! * w[i]! * w[j]!, 0)));
          const g = jacobiEig(M).values;
          const k = g.filter((v) => v > RETAINED * lam).length;
          const tau = g.slice(0, k).reduce((acc, v, i) => acc + s[i]! - v, 0) / k;
          // control variates of known mean: the design's linear statistic (mean 0) and quadratic
          // statistic less its exact mean; they leave E tau as it is and take out the design noise
          // of the first two orders (on the pair the linear one cancels, the quadratic one is shared)
          const st = thresholdStatistics(E, s, kappa, k);
          sum += tau + (st.linear - (st.quadratic - expectedQuadratic(s, kappa, k, n))) / k;
          if (side === 0) {
            if (r === 0) M0.push(M);
            kept[li]!.push(k);
            if (li === kappas.length - 1 && r === 0) spectrum = g;
          }
        });
        ratio[li]!.push(sum / pair.length / lam);
      });
    }
    return { ratio, kept, defect, spectrum, M: M0, W };
  });
}

function measureLevel(P: TrainedTailParams, level: number, size: Size, penalty: number): LevelMeasure {
  const { d } = size;
  const alpha = P.a8 / 8;
  const s = Array.from({ length: d }, (_, k) => (k + 1) ** -alpha);
  const kappas = penalties(s);
  const key = `${P.a8}|${P.seed}|${level}|${d}|${size.levels.join(',')}|${designsAt(size, level)}`;
  const net = trainLevel(P, level, size);
  const design = (r: number): SampledDesign => designOf(P, size, level, r);
  return memo(convex, `${key}|${penalty}`, () => {
    // the convex estimator on the first design: the trained network must be it
    let agree = 0;
    kappas.forEach((kappa, li) => {
      const C = nuclearEstimator(design(0), penalty * 2 * kappa).S;
      const M = net.M[li]!;
      let diff = 0;
      let norm = 0;
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) {
          diff += (M[i]![j]! - C[i]![j]!) ** 2;
          norm += C[i]![j]! ** 2;
        }
      agree = Math.max(agree, Math.sqrt(diff / norm));
    });
    return { agree, defect: net.defect, ratio: net.ratio, kept: net.kept, spectrum: net.spectrum };
  });
}

const mean = (v: number[]): number => v.reduce((x, y) => x + y, 0) / v.length;
const stdErr = (v: number[]): number => {
  const m = mean(v);
  return v.length < 2 ? 0 : Math.sqrt(v.reduce((x, y) => x + (y - m) ** 2, 0) / (v.length - 1) / v.length);
};

/**
 * One level's threshold (tau/lambda, mean over lambda and designs), count exponent, and their
 * standard errors over the designs (the sample coefficient's is the threshold's times n/d^2).
 */
function summarise(m: LevelMeasure, lambdas: number[], alpha: number, ratio: number): { threshold: number; count: number; noise: { threshold: number; sample: number; count: number } } {
  const designs = m.ratio[0]!.length;
  const kc = (r: number[]): number[] => r.map((v, i) => (v * lambdas[i]!) ** (-1 / alpha));
  const slope = (r: number[]): number => logSlope(lambdas.map((l) => 1 / l), kc(r));
  const threshold = mean(m.ratio.map(mean));
  const count = slope(m.ratio.map(mean));
  const perDesign = Array.from({ length: designs }, (_, r) => mean(m.ratio.map((v) => v[r]!)));
  const counts = Array.from({ length: designs }, (_, r) => slope(m.ratio.map((v) => v[r]!)));
  const se = stdErr(perDesign);
  return { threshold, count, noise: { threshold: se, sample: ratio * se, count: stdErr(counts) } };
}

/**
 * The first-order sample-size coefficient of the threshold, E tau / kappa = 1 + C(kappa) / n, from
 * the expansion in src/models/quadnet-threshold.ts with its Gaussian moments worked out by hand:
 * for diagonal X, Y, n E[(Delta X)_aa (Delta Y)_aa] = 13 X_a Y_a + <X, Y> and, a != b,
 * n E[(Delta X)_ab (Delta Y)_ab] = <X, Y>/2 + 2 (X_a Y_a + X_b Y_b) + X_a Y_b + X_b Y_a. With r = #{s_k > kappa},
 *   C = [T1 + T2 + T3] / (r kappa),  T1 = kappa r (r^2/2 + 13 r/2 + 7),
 *   T2 = 2 sum_{i<=r<j} (s_i - kappa)(r kappa/2 + 2 kappa + s_j) / (s_i - s_j),
 *   T3 = -sum_{i<=r<j} (|q|^2/2 + 2 kappa^2 + 2 s_j^2 + 2 kappa s_j) / (s_i - s_j),  |q|^2 = r kappa^2 + sum_{j>r} s_j^2;
 * all modes kept (r = d), C = (d^2 + 13 d + 14)/2 (91 at d = 8; the Gaussian-design value would be
 * d(d+1)/2 + 1 = 37). The claim's c is the mean over the three penalties of C / (2 d^2), so that
 * tau/lambda = 1/2 + c d^2/n + O((d^2/n)^2).
 */
const COEFFICIENT_DEFS: [string, string][] = [
  // u: the kept modes (s is a d x 1 column), as 0/1
  ['u', 'u(k) = (sign(s - k) + 1) / 2'],
  ['rr', 'rr(k) = sum(u(k))'],
  // |q|^2, q = diag(kappa on the kept modes, s_j on the others)
  ['q2', 'q2(k) = k^2 * rr(k) + sum((1 - u(k)) .* s .^ 2)'],
  ['mask', 'mask(k) = u(k) * transpose(1 - u(k))'],
  ['T1', 'T1(k) = k * rr(k) * (rr(k)^2 / 2 + 13 * rr(k) / 2 + 7)'],
  ['T2', 'T2(k) = 2 * sum(offdiv(mask(k) .* ((s - k) * transpose(rr(k) * k / 2 + 2 * k + s)), pairdiff(s)))'],
  ['T3', 'T3(k) = -sum(offdiv(mask(k) .* (ones(d, 1) * transpose(q2(k) / 2 + 2 * k^2 + 2 * s .^ 2 + 2 * k * s)), pairdiff(s)))'],
  ['C', 'C(k) = (T1(k) + T2(k) + T3(k)) / (rr(k) * k)'],
  ['c', '(C(kappa1) + C(kappa2) + C(kappa3)) / (6 * d^2)'],
];

export const spectrumTailTrained = defineClaim<TrainedTailParams>({
  id: 'quad.spectrum-tail-trained',
  group: 'quad',
  kind: 'scaling',
  source: SOURCE,
  statement: String.raw`f(x)=\sum_i a_i\big((w_i^\top x)^2-\|w_i\|^2\big),\ a_i=\pm1,\ x_\mu\sim\mathcal N(0,I_d),\ \operatorname{spec}S^*=\{k^{-\alpha}\}:\ \ \hat W=\arg\min\tfrac1{4n}\sum_\mu(f(x_\mu)-y_\mu)^2+\tfrac\lambda2\|W\|_F^2\ \text{gives}\ \hat W^\top\!\operatorname{diag}(a)\hat W=\hat S_{*}\ (\text{penalty }\tfrac\lambda2\|S\|_*),\ \ \sigma_k=k^{-\alpha}-\tau\ (k\le k_c),\ \ \tfrac{\mathbb E\tau}{\lambda}=\tfrac12+c(s,\lambda)\tfrac{d^2}{n}+O\big(\tfrac{d^4}{n^2}\big),\ \ k_c\propto\lambda^{-1/\alpha}\ (n/d^2\to\infty)`,
  domain: fc.noShrink(fc.record({ a8: fc.integer({ min: 22, max: 28 }), seed: seedArb })),
  encoding: {
    defs: COEFFICIENT_DEFS,
    equations: [
      // (i) the trained network is the nuclear-norm estimator on the same samples (relative Frobenius
      // gap, in units of 1e-4; the optimisers leave ~1e-8)
      { name: 'agreement', lhs: 'agree', rhs: '0', scale: '1e-4' },
      // (ii) the effective threshold tau (mean shift s_k - g_k of the trained retained modes, mean over
      // lambda) per lambda, extrapolated to n -> infinity: the cutoff of the population, lambda/2
      { name: 'threshold', lhs: 'threshold', rhs: '1 / 2', scale: '1' },
      // (iii) what the samples add: the coefficient (n/d^2)(tau/lambda - 1/2) of the first order in d^2/n
      { name: 'sample', lhs: 'coefficient', rhs: 'c', scale: '1' },
      // (iv) the hand-worked coefficient is the exact Gaussian expectation of the expansion's quadratic
      // term (computed per case from the cumulants of Gaussian quadratic forms, traces of products)
      { name: 'moments', lhs: 'c', rhs: 'expected', scale: '1e-6' },
      // the retained-mode count implied by the measured threshold, k_c = tau^(-1/alpha), against 1/lambda
      // over two decades: d ln k_c / d ln(1/lambda), which is 1/alpha exactly when tau is proportional to lambda
      { name: 'count', lhs: 'count', rhs: '1 / alpha', scale: '1' },
    ],
  },
  measure(params, { level, flags, deep }): Instance {
    const size = sizeFor(deep ? DEEP : DEFAULT, level);
    const { d } = size;
    const alpha = params.a8 / 8;
    const s = Array.from({ length: d }, (_, k) => (k + 1) ** -alpha);
    const kappas = penalties(s);
    const lambdas = kappas.map((k) => 2 * k);
    const penalty = typeof flags.penalty === 'number' ? flags.penalty : 0.5;
    const m = measureLevel(params, level, size, penalty);
    const n = samplesAt(level, d);
    const { threshold, count, noise } = summarise(m, lambdas, alpha, n / (d * d));
    // the rule reads its uncertainty from the step between the last two levels: a step of design noise
    // alone stays under twice its standard deviation, sqrt(se_m^2 + se_(m-1)^2), 95% of the time
    const step = (a: number, b: number): number => 2 * Math.hypot(a, b);
    const at = size.levels.indexOf(level);
    const before = at > 0 ? summarise(measureLevel(params, size.levels[at - 1]!, size, penalty), lambdas, alpha, samplesAt(size.levels[at - 1]!, d) / (d * d)).noise : noise;
    const dec = (x: number): Decimal => new Decimal(x);
    const scope = {
      alpha: dec(alpha),
      d: dec(d),
      n: dec(n),
      s: s.map((v) => [dec(v)]),
      kappa1: dec(kappas[0]!),
      kappa2: dec(kappas[1]!),
      kappa3: dec(kappas[2]!),
      agree: dec(m.agree),
      threshold: dec(threshold),
      excess: dec(threshold - 0.5),
      coefficient: dec(((threshold - 0.5) * n) / (d * d)),
      expected: dec(mean(kappas.map((k) => (n * expectedQuadratic(s, k, s.filter((v) => v > k).length, n)) / (s.filter((v) => v > k).length * k))) / (2 * d * d)),
      count: dec(count),
    };
    const inst: Instance = {
      scope,
      // agreement: the solvers' own precision (L-BFGS to |gradient| 1e-11, proximal gradient to steps of
      // 1e-14, loss curvature >= mu): gaps up to 1e-7 relative (1e-3 in the equation's scale) are theirs
      uncertainty: { agreement: 1e-3, threshold: step(noise.threshold, before.threshold), sample: step(noise.sample, before.sample), count: step(noise.count, before.count) },
      figure: {
        kind: 'loglog',
        title: `trained spectrum, alpha = ${alpha}, n = ${n}, lambda = ${lambdas[2]!.toPrecision(2)}`,
        xLabel: 'k',
        yLabel: 'eigenvalue',
        series: [
          { name: 'target k^-alpha', x: Array.from({ length: d }, (_, k) => k + 1), y: s },
          { name: 'trained network', x: Array.from({ length: d }, (_, k) => k + 1), y: m.spectrum.map((v) => Math.max(v, 1e-300)) },
        ],
      },
    };
    if (m.defect > 1e-8) inst.degenerate = `the descent had not settled (|gradient| ${m.defect.toExponential(2)})`;
    return inst;
  },
  ranges: {
    levels: DEFAULT.levels,
    target: { agreement: 0.02, threshold: 0.02, count: 0.02, moments: 0.02, sample: 0.1 },
    floor: {
      value: 1e-3,
      why: 'after the antithetic pairs and the control variates the threshold and the count keep a design noise that falls about as 1/n (standard errors ~3e-6 and ~1e-7 at n = 178 and 1000 d^2): the steps between the last levels are that noise, not convergence, and may grow from one level to the next; 1e-3 is far above it and below every target (the sample coefficient, whose design noise is ~1e-4 at 1000 d^2, and the agreement, stated at the solvers\' 1e-7, are resolved above it)',
    },
    label: `n / d^2 = 10^(l/2), d = ${DEFAULT.d}, designs per level ${DEFAULT.designs.join(', ')} (--deep: d = ${DEEP.d}, ${DEEP.designs.join(', ')}); lambda over two decades at each level`,
    deep: {
      levels: DEEP.levels,
      floor: { value: 1e-3, why: 'as the default run: the threshold and count keep a design noise far below 1e-3 after the antithetic pairs and the control variates, whose steps between the last levels are noise, not convergence' },
    },
  },
  runs: 2,
  variants: [
    { name: 'cutoff at lambda instead of lambda/2', equations: { threshold: { rhs: '1' } } },
    { name: 'cutoff at lambda/4 (the two-factor constant twice)', equations: { threshold: { rhs: '1 / 4' } } },
    { name: 'threshold independent of n (lambda/2 at every sample size)', equations: { sample: { rhs: '0' } } },
    { name: 'the Gaussian-design coefficient (d(d+1)/2 + 1)/(2 d^2) (inverse Wishart, every mode kept)', equations: { sample: { rhs: '(d * (d + 1) / 2 + 1) / (2 * d^2)' } } },
    { name: 'the coefficient halved', equations: { sample: { rhs: 'c / 2' } } },
    // its coefficient read at that power: sqrt(n/d^2) (tau/lambda - 1/2) -> c
    { name: 'correction in (d^2/n)^(1/2)', equations: { sample: { lhs: 'sqrt(n / d^2) * excess' } } },
    { name: 'correction in (d^2/n)^2', equations: { sample: { rhs: 'c * d^2 / n' } } },
    { name: 'count exponent alpha (k_c ∝ lambda^-alpha)', equations: { count: { rhs: 'alpha' } } },
    { name: 'count exponent 1/(2 alpha) (threshold on the singular values)', equations: { count: { rhs: '1 / (2 * alpha)' } } },
    { name: 'the network as the estimator with penalty lambda |S|_* (factor slip)', flags: { penalty: 1 } },
  ],
});

export const quadTrainedClaims = [spectrumTailTrained];
