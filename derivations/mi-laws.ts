/**
 * The cascade model of hierarchical multi-index targets (Defilippis, Krzakala, Loureiro,
 * Maillard, arXiv 2602.05846; only the abstract is at hand, so these are the standard forms,
 * derived here and checked by derivations/mi.ts).
 *
 * Target y = sum_k theta_k He_2(w_k . x) + noise (variance Delta), theta_k = k^(-gamma), inputs
 * x ~ N(0, I_d), n = alpha d samples. The spectral matrix T = (1/n) sum y (x x^T - I) has mean
 * sum_k c_k w_k w_k^T with c_k = E[y He_2(z_k)] = 2 theta_k (the second Hermite coefficient),
 * and, for large alpha, fluctuations of a Wigner matrix whose entries have variance
 * E[y^2] / n: a semicircle of radius 2 sigma / sqrt(alpha), sigma^2 = E[y^2]. Each direction is
 * a spike of a spiked Wigner matrix, so (BBP) it is seen by an outlier eigenvector only for
 * alpha > alpha_k = sigma^2 / c_k^2, with squared overlap 1 - alpha_k / alpha after it.
 * With c_k = 2 k^(-gamma): alpha_k = (sigma^2 / 4) k^(2 gamma); the number of recovered
 * directions grows as alpha^(1/(2 gamma)); a direction recovered with overlap q leaves
 * 2 theta_k^2 (1 - q^2) of excess risk after a fresh-sample readout, and the unrecovered tail
 * sum_{k > k*} 2 theta_k^2 ~ k*^(1 - 2 gamma): both give risk ~ alpha^(-(2 gamma - 1)/(2 gamma)).
 * sigma^2 = Delta + 2 sum_k theta_k^2 is finite only for gamma > 1/2.
 */
import type { Figure, LawModel, LawResult } from '../src/api/index.js';
import { HermiteTarget, twoStageSweep } from '../src/api/models.js';

/**
 * The simulation beside the laws: one sweep of the two-stage estimator (d = 200, 100 directions
 * theta_k = k^(-gamma), n/d from 1 to 100), with the predicted power laws drawn through its last
 * points. Strength exponents below about 0.75 leave a visibly truncated tail at 100 directions.
 */
function cascadeFigures(params: Record<string, number>, laws: LawResult): Figure[] {
  const gamma = params.gamma!;
  const d = 200;
  const alphas = Array.from({ length: 9 }, (_, j) => 10 ** (j / 4));
  const theta = Array.from({ length: 100 }, (_, k) => (k + 1) ** -gamma);
  const run = twoStageSweep(new HermiteTarget({ d, theta, noise: params.Delta!, seed: 1, axes: true }), alphas, 1, 20);
  const last = alphas.length - 1;
  const through = (ys: number[], exponent: number): number[] => alphas.map((a) => ys[last]! * (a / alphas[last]!) ** exponent);
  return [
    {
      kind: 'loglog',
      title: `excess risk of spectral subspace + ridge readout (gamma = ${gamma}, Delta = ${params.Delta}, d = ${d})`,
      xLabel: 'n/d',
      yLabel: 'excess risk',
      series: [
        { name: 'measured', x: alphas, y: run.risk },
        { name: `law (n/d)^-${laws.exponents.error!.toPrecision(3)}`, x: alphas, y: through(run.risk, -laws.exponents.error!) },
      ],
    },
    {
      kind: 'loglog',
      title: `recovered directions (gamma = ${gamma}, Delta = ${params.Delta}, d = ${d})`,
      xLabel: 'n/d',
      yLabel: 'directions',
      series: [
        { name: 'sum_k |P w_k|^2', x: alphas, y: run.count },
        { name: 'outlier eigenvalues', x: alphas, y: run.K },
        { name: `law (n/d)^${laws.exponents.count!.toPrecision(3)}`, x: alphas, y: through(run.count, laws.exponents.count!) },
      ],
    },
  ];
}

export const cascadeModel: LawModel = {
  name: 'cascade',
  description: 'spectral recovery of a hierarchical multi-index target: BBP thresholds, recovered directions, excess risk in n/d',
  source: 'arXiv:2602.05846 (standard forms derived in derivations/mi-laws.ts)',
  params: [
    { name: 'gamma', meaning: 'strength exponent: theta_k = k^(-gamma)' },
    { name: 'Delta', meaning: 'label noise variance' },
  ],
  domain: [
    { when: 'gamma > 0', message: '--gamma must be positive (strengths decreasing in k)' },
    { when: 'Delta >= 0', message: '--Delta is a variance: it must be >= 0' },
  ],
  keys: [
    { key: 'threshold', meaning: 'BBP threshold of direction k: alpha_k ∝ k^threshold' },
    { key: 'count', meaning: 'recovered directions ∝ (n/d)^count' },
    { key: 'error', meaning: 'excess risk of the two-stage estimator ∝ (n/d)^(-error)' },
    { key: 'noise', meaning: 'sigma^2 = E[y^2]: T has entry variance sigma^2 / n' },
    { key: 'firstThreshold', meaning: 'alpha_1 = sigma^2 / 4: the first transition in n/d' },
  ],
  derived: {
    // the spike of one direction: its second Hermite coefficient c = E[y He_2(z)] = 2 theta
    spike: '2 * theta',
    // BBP of the spiked Wigner matrix with semicircle radius 2 sqrt(sigma2 / alpha)
    alphaC: 'sigma2 / spike^2',
    // squared overlap, zero below the threshold (elementwise positive part)
    overlap2: '(1 - alphaC ./ alpha + abs(1 - alphaC ./ alpha)) / 2',
  },
  regimes: [
    {
      name: 'summable',
      description: 'gamma > 1/2: finite label variance; a cascade of BBP transitions at alpha_k = (sigma^2/4) k^(2 gamma)',
      when: 'gamma > 1/2',
      formulas: {
        threshold: '2 * gamma',
        count: '1 / threshold',
        error: '1 - count',
        noise: 'Delta + 2 * zeta(2 * gamma)',
        firstThreshold: 'noise / 4',
      },
    },
  ],
  excluded: [
    {
      when: 'gamma <= 1/2',
      // mi.cascade checks this side too: over P directions the first threshold sigma^2(P) / 4 grows
      // like P^(1 - 2 gamma) and passes any fixed n/d, so in the limit of many directions nothing
      // is recovered (both exponents 0); at finite P the law depends on P
      why: 'sum_k theta_k^2 diverges: the noise level of T grows with the number of directions P (like P^(1 - 2 gamma)), so every threshold passes any fixed n/d as P grows and no law independent of P exists',
    },
  ],
  figures: cascadeFigures,
};
