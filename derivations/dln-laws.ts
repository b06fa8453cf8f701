/**
 * The exponent model of diagonal linear networks (arXiv 2510.01930; standard forms derived in
 * derivations/dln.ts, since only the abstract is at hand): w = (u ⊙ u - v ⊙ v) / 2 with
 * u(0) = v(0) = alpha 1, gradient flow on the squared loss. The scaling claims of dln.ts check
 * these very formula texts (formulaOf).
 *
 * - learning time (orthogonal design): w_i' = -2 (w_i - theta_i) sqrt(w_i^2 + alpha^4), so the
 *   time to reach theta_i / 2 is ln(1/alpha) / |theta_i| + O(1): slope 1/|theta| in ln(1/alpha);
 *   for large alpha the time is ln 2 / (2 alpha^2 |theta|) and its slope in ln(1/alpha) vanishes.
 * - late-time rate: the residual decays at the smallest eigenvalue of
 *   2 X diag(sqrt(w_inf^2 + alpha^4)) X^T, which grows as alpha^2 for large alpha and tends to a
 *   constant (the sparse solution's own rate) as alpha -> 0.
 * - implicit bias: the limit approaches the minimum-l2 interpolator as alpha^-4 (the cubic term of
 *   sinh), and the minimum-l1 interpolator (support of size n, dual certificate nu*) as
 *   alpha^(2 (1 - m)), m = max over the off-support coordinates of |X^T nu*|.
 */
import type { LawModel } from '../src/api/index.js';

export const dlnModel: LawModel = {
  name: 'dln',
  description: 'diagonal linear network w = (u^2 - v^2)/2, u(0) = v(0) = alpha: learning times, late-time rate and implicit bias against the initialisation scale alpha',
  source: 'arXiv:2510.01930 (standard forms derived in derivations/dln.ts)',
  params: [
    { name: 'alpha', meaning: 'initialisation scale u(0) = v(0) = alpha (selects the regime: < 1 small, >= 1 large)' },
    { name: 'theta', meaning: 'size |theta_i| of a target coordinate (orthogonal design)' },
    { name: 'm', meaning: 'dual margin of the minimum-l1 interpolator: max off-support |X^T nu*|, in [0, 1)' },
  ],
  domain: [
    { when: 'alpha > 0', message: '--alpha must be positive' },
    { when: 'theta > 0', message: '--theta (a target size) must be positive' },
    { when: 'm >= 0 and m < 1', message: '--m (a dual margin) must lie in [0, 1)' },
  ],
  keys: [
    { key: 'time.slope', meaning: 'd t_i / d ln(1/alpha): learning time of a coordinate per e-fold of 1/alpha' },
    { key: 'rate', meaning: 'd ln rho / d ln alpha: late-time rate rho ∝ alpha^rate' },
    { key: 'bias', meaning: 'distance of the limit to the regime\'s interpolator (l1 for small alpha, l2 for large) ∝ alpha^bias (small) or alpha^-bias (large)' },
  ],
  regimes: [
    {
      name: 'small-alpha',
      description: 'alpha -> 0: incremental (saddle-to-saddle) learning, sparse (l1) implicit bias',
      when: 'alpha < 1',
      formulas: {
        'time.slope': '1 ./ theta',
        rate: '0',
        bias: '2 * (1 - m)',
      },
    },
    {
      name: 'large-alpha',
      description: 'alpha -> infinity: lazy (kernel) regime, l2 implicit bias',
      when: 'alpha >= 1',
      formulas: {
        'time.slope': '0 * theta',
        rate: '2',
        bias: '4',
      },
    },
  ],
};
