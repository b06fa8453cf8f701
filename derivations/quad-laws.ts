/**
 * The excess-risk laws of nuclear-norm matrix sensing (the fixed point of the weight-decayed
 * quadratic network with a fixed ±1 readout, quad.weight-decay-is-nuclear) for a power-law target
 * spectrum, derived here from the standard form (only the abstract of arXiv 2509.24882 is at
 * hand; this is our derivation, not the paper's text).
 *
 * Setting: S* = diag(k^-gamma), k = 1..d (gamma > 1/2); n = alpha d^2 Gaussian measurements,
 * isotropic on the symmetric matrices (E <G, S>^2 = |S|_F^2), y = A(S*) + sigma xi; the estimator
 * minimises 1/2 |y - A(S)|^2 + lambda |S|_*; E = |S_hat - S*|_F^2 along lambda = n^beta, alpha
 * fixed (d = sqrt(n / alpha) grows with n). State evolution (src/models/nuclear-se.ts): the
 * spectral soft threshold at t of S* + sigma_s W (W GOE, semicircle on [-2, 2]) with
 * 2 (n/d) sigma_s^2 = sigma^2 + E and lambda = t (n - df). The noise reaches the spectrum
 * amplified by sqrt(d): sigma_s^2 = (sigma^2 + E) d / (2n), so a spike k^-gamma is seen above the
 * noise only when it exceeds sigma_s, and the bulk edge 2 sigma_s is what the threshold compares with.
 *  - null (beta > 1): t ~ lambda/n exceeds the top outlier: S_hat = 0, E = |S*|^2.
 *  - bias (sigma > 0: 3/4 < beta < 1; sigma = 0: 1 - gamma/2 < beta < 1): the threshold t = lambda/n
 *    (df ~ d k_t << n) lies above the bulk edge, which is killed; the k_t = t^(-1/gamma) spikes above
 *    it are kept, each with error (t - 2 sigma_s^2/s)^2 + sigma_s^2 (2 - sigma_s^2/s^2), the rest
 *    lost: E ~ k_t t^2 + sum_(k > k_t) k^(-2 gamma) ∝ (lambda/n)^(2 - 1/gamma). It needs t >> sigma_s:
 *    with noise lambda >> sigma n sqrt(d/n) ∝ n^(3/4) (not sigma sqrt(n) as for the LASSO); without
 *    noise sigma_s^2 ~ E d/n, i.e. k_t << n/d, lambda >> n^(1 - gamma/2) (not n^(1 - gamma)).
 *  - noise plateau (sigma > 0, beta < 3/4): the threshold sits inside the bulk, a finite fraction
 *    of the d^2/2 noise directions is kept: E -> sigma^2 Phi(a)/(2 alpha - Phi(a)), a constant (least
 *    squares sigma^2/(2 alpha - 1) for alpha > 1/2 as lambda/n^(3/4) -> 0). Exponents 0.
 * The same bias exponents as the LASSO (diag-laws.ts); the crossovers differ: the noisy one sits at
 * lambda ~ n^(3/4) (d^(1/2) above the LASSO's sqrt(n)), the noiseless one at n^(1 - gamma/2).
 * Not derived: the noiseless regime below n^(1 - gamma/2), where ~ n/d spikes (a fraction of d)
 * reach the noise level and the spiked state evolution no longer applies (heuristically the
 * minimum-nuclear-norm interpolator with E ∝ (n/d)^-(2 gamma - 1) for alpha < 1/2, exact recovery
 * for alpha > 1/2).
 */
import type { LawModel } from '../src/api/index.js';

const SOURCE = 'arXiv:2509.24882 (standard form: nuclear-norm matrix sensing, spiked state evolution)';

/** Regime boundaries are equalities of exponents: parameters typed in decimals get a margin. */
const EPS = '1e-9';

export const nuclearModel: LawModel = {
  name: 'nuclear',
  description: 'nuclear-norm matrix sensing (weight-decayed quadratic network, fixed ±1 readout) on S* = diag(k^-gamma), n = alpha d^2 Gaussian measurements, lambda = n^beta, noise sigma',
  source: SOURCE,
  params: [
    { name: 'gamma', meaning: 'target spectrum decay, s_k = k^-gamma, gamma > 1/2' },
    { name: 'beta', meaning: 'penalty growth, lambda = n^beta' },
    { name: 'sigma', meaning: 'label noise standard deviation, sigma >= 0 (only sigma > 0 versus sigma = 0 matters)' },
    { name: 'alpha', meaning: 'sample complexity n / d^2, alpha > 0, fixed as n grows' },
  ],
  domain: [
    { when: 'gamma > 1/2', message: '--gamma must exceed 1/2 (a finite target energy Σ k^-2gamma)' },
    { when: 'sigma >= 0', message: '--sigma must be non-negative' },
    { when: 'alpha > 0', message: '--alpha must be positive' },
  ],
  keys: [
    { key: 'riskN', meaning: 'E ∝ n^(-riskN) λ^(riskLambda) locally in the regime, at fixed alpha = n/d^2' },
    { key: 'riskLambda', meaning: 'E ∝ λ^(riskLambda) at fixed n' },
    { key: 'riskPath', meaning: 'E ∝ n^(-riskPath) along λ = n^beta' },
  ],
  derived: { riskPath: 'riskN - beta * riskLambda' },
  excluded: [
    { when: `abs(beta - 1) <= ${EPS} or (sigma > 0 and abs(beta - 3/4) <= ${EPS}) or (sigma == 0 and abs(beta - 1 + gamma / 2) <= ${EPS})`, why: 'beta on a crossover (lambda ~ n, lambda ~ sigma n^(3/4), or lambda ~ n^(1 - gamma/2) without noise): no pure power' },
    {
      when: 'sigma == 0 and beta < 1 - gamma / 2',
      why: 'noiseless below the crossover: ~ n/d spikes reach the noise level, a fraction of d, outside the spiked state evolution (heuristically E ∝ (n/d)^-(2 gamma - 1) for alpha < 1/2, exact recovery for alpha > 1/2): not derived here',
    },
  ],
  regimes: [
    {
      name: 'null',
      description: 'lambda above the top outlier ~ n: S_hat = 0, E = |S*|^2',
      when: 'beta > 1',
      formulas: { riskN: '0', riskLambda: '0' },
    },
    {
      name: 'bias',
      description: 'threshold t = lambda/n above the noise bulk edge: k_t spikes kept, E ∝ (lambda/n)^(2 - 1/gamma)',
      when: '(sigma > 0 and beta > 3/4 and beta < 1) or (sigma == 0 and beta > 1 - gamma / 2 and beta < 1)',
      formulas: { riskN: '2 - 1 / gamma', riskLambda: '2 - 1 / gamma' },
    },
    {
      name: 'noise-plateau',
      description: 'threshold inside the noise bulk (lambda << sigma n^(3/4)): a fraction of the d^2/2 noise directions kept, E -> const',
      when: 'sigma > 0 and beta < 3/4',
      formulas: { riskN: '0', riskLambda: '0' },
    },
  ],
};
