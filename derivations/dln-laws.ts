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
 *
 * alpha = 1 is no boundary: the regimes are the two asymptotes alpha -> 0 and alpha -> infinity,
 * and `when` only picks which one is printed. Between them every local exponent changes smoothly
 * (a crossover, no kink), and not at alpha = 1 but where alpha^2 meets the size of the weights:
 * - the learning time's slope, normalised, |theta| dt/dln(1/alpha), is a function of
 *   k = alpha^2 / |theta| alone (from the integral above: f(k) = int_0^(1/2k) du / ((1 - k u)
 *   (1 + u^2)^(3/2))), 1 as k -> 0 (after a bump to 1.10 near k = 0.18), 0.61 at k = 1, 1/2 at
 *   k* = 1.274, 0.23 at k = 3, ln(2) / k beyond: its midpoint is at alpha = 1.13 sqrt(|theta|), so at
 *   alpha = 1 only for |theta| = 0.78 (proofs-tests/derivations/dln.test.ts measures it on the flow,
 *   on both sides of k* within 0.1 in ln k, and refutes a midpoint moved by 0.2 or put at alpha = 1);
 * - the late rate's local exponent d ln rho / d ln alpha is 2 alpha^4 / (w^2 + alpha^4) for one
 *   coordinate with limit w (rho = 2 x^2 sqrt(w^2 + alpha^4)): 1 at alpha^2 = |w|, the same
 *   competition of alpha^4 with w_inf^2 that the rate formula reads at both ends (dln.rate-tradeoff);
 * - the approach to l2 (alpha^-4) needs alpha^2 >> |w_l2|, the approach to l1 needs
 *   ln(1/alpha) (1 - m) >> 1: each exponent is the limit of a measured local slope, which is how
 *   dln.rate-tradeoff reads them (windows moving out to alpha = 10^2 and down to 10^-8).
 */
import type { LawModel } from '../src/api/index.js';

export const dlnModel: LawModel = {
  name: 'dln',
  description: 'diagonal linear network w = (u^2 - v^2)/2, u(0) = v(0) = alpha: learning times, late-time rate and implicit bias against the initialisation scale alpha, as its two asymptotes (alpha -> 0, alpha -> infinity); between them the local exponents cross over smoothly where alpha^2 meets |theta| or |w| (the time slope is half-way at alpha^2 = 1.274 |theta|), not at alpha = 1',
  source: 'arXiv:2510.01930 (standard forms derived in derivations/dln.ts)',
  params: [
    { name: 'alpha', meaning: 'initialisation scale u(0) = v(0) = alpha (< 1 prints the alpha -> 0 asymptote, >= 1 the alpha -> infinity one: a crossover near alpha^2 ~ |theta|, |w|, no boundary)' },
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
      description: 'the alpha -> 0 asymptote: incremental (saddle-to-saddle) learning, sparse (l1) implicit bias (reached for alpha^2 << |theta|, |w|; printed for alpha < 1)',
      when: 'alpha < 1',
      formulas: {
        'time.slope': '1 ./ theta',
        rate: '0',
        bias: '2 * (1 - m)',
      },
    },
    {
      name: 'large-alpha',
      description: 'the alpha -> infinity asymptote: lazy (kernel) regime, l2 implicit bias (reached for alpha^2 >> |theta|, |w|; printed for alpha >= 1)',
      when: 'alpha >= 1',
      formulas: {
        'time.slope': '0 * theta',
        rate: '2',
        bias: '4',
      },
    },
  ],
};
