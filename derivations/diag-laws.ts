/**
 * The excess-risk laws of the LASSO (the fixed point of the weight-decayed diagonal network,
 * diag.fixed-point-is-lasso) for a power-law target, derived here from the standard form (only
 * the abstract of arXiv 2509.24882 is at hand; this is our derivation, not the paper's text).
 *
 * Setting: X in R^(n x p) with N(0, 1) entries, p = kappa n, y = X theta* + sigma xi,
 * theta*_k = k^-gamma (gamma > 1/2: finite energy), LASSO 1/2 ||y - X theta||^2 + lambda ||theta||_1,
 * excess risk E = ||theta_hat - theta*||^2, along lambda = n^beta. State evolution: each coordinate is
 * soft-thresholded at t with noise tau, n tau^2 = sigma^2 + E, lambda = t (n - df).
 *  - null (beta > 1): lambda exceeds ||X^T y||_inf ~ n theta*_1, theta_hat = 0, E = ||theta*||^2.
 *  - bias (sigma > 0: 1/2 < beta < 1; sigma = 0: 1 - gamma < beta < 1): few coordinates are active
 *    (df << n), t = lambda/n >> tau; the k_t = t^(-1/gamma) coordinates above t carry a shrinkage
 *    bias t^2 each, those below are lost: E ~ k_t t^2 + sum_(k > k_t) k^(-2 gamma) ~ t^(2 - 1/gamma),
 *    so E ∝ (lambda/n)^(2 - 1/gamma). It needs t >> tau = sigma/sqrt(n) (lambda >> sigma sqrt(n)), or
 *    without noise t >> n^-gamma (k_t << n, lambda >> n^(1-gamma)).
 *  - noise plateau (sigma > 0, beta < 1/2): the threshold sits below the noise, a finite fraction of
 *    the null coordinates is active; E tends to a constant of order sigma^2 (exponents 0).
 *  - interpolation (sigma = 0, p > n, beta < 1 - gamma): lambda -> 0 reaches the minimum-l1
 *    interpolator; df -> n, t/tau -> alpha* with 2 kappa Q(alpha*) = 1, and
 *    E (1 - kappa g0(alpha*)) ~ tau^(2 - 1/gamma) with tau^2 = E/n: E ∝ n^-(2 gamma - 1), flat in lambda.
 *  - recovery (sigma = 0, p < n, beta < 1 - gamma): t = lambda/(n - df) falls below every theta*_k
 *    (t << p^-gamma), so every coordinate is active and settled: each carries tau^2 + t^2, and
 *    n tau^2 = p (tau^2 + t^2) fixes alpha^2 = (1 - kappa)/kappa whatever tau; the calibration
 *    lambda = t (n - p) then gives E = n tau^2 = kappa lambda^2 / ((1 - kappa)^3 n) (the OLS solution
 *    theta* shrunk by lambda (X^T X)^-1 sign: E ∝ lambda^2 / n). The corrections are Gaussian tails
 *    in theta*_p / tau ~ n^(1 - gamma - beta).
 * The crossover lambda ~ sigma sqrt(n) is the optimal penalty up to logarithms, with
 * E* ∝ n^-(2 gamma - 1)/(2 gamma) (riskPath at beta = 1/2).
 */
import type { LawModel } from '../src/api/index.js';

const SOURCE = 'arXiv:2509.24882 (standard form: LASSO state evolution)';

/** Regime boundaries are equalities of exponents: parameters typed in decimals get a margin. */
const EPS = '1e-9';

export const lassoModel: LawModel = {
  name: 'lasso',
  description: 'LASSO (weight-decayed diagonal network) on theta*_k = k^-gamma, Gaussian design, p = kappa n, lambda = n^beta, noise sigma',
  source: SOURCE,
  params: [
    { name: 'gamma', meaning: 'target decay, theta*_k = k^-gamma, gamma > 1/2' },
    { name: 'beta', meaning: 'penalty growth, lambda = n^beta' },
    { name: 'sigma', meaning: 'label noise standard deviation, sigma >= 0 (only sigma > 0 versus sigma = 0 matters)' },
    { name: 'kappa', meaning: 'dimension ratio p / n, kappa > 0' },
  ],
  domain: [
    { when: 'gamma > 1/2', message: '--gamma must exceed 1/2 (a finite target energy Σ k^-2gamma)' },
    { when: 'sigma >= 0', message: '--sigma must be non-negative' },
    { when: 'kappa > 0', message: '--kappa must be positive' },
  ],
  keys: [
    { key: 'riskN', meaning: 'E ∝ n^(-riskN) λ^(riskLambda) locally in the regime' },
    { key: 'riskLambda', meaning: 'E ∝ λ^(riskLambda) at fixed n' },
    { key: 'riskPath', meaning: 'E ∝ n^(-riskPath) along λ = n^beta' },
  ],
  derived: { riskPath: 'riskN - beta * riskLambda' },
  excluded: [
    { when: `abs(beta - 1) <= ${EPS} or (sigma > 0 and abs(beta - 1/2) <= ${EPS}) or (sigma == 0 and abs(beta - 1 + gamma) <= ${EPS})`, why: 'beta on a crossover (lambda ~ n, lambda ~ sigma sqrt(n), or lambda ~ n^(1-gamma) without noise): logarithmic corrections, no pure power' },
    {
      when: `sigma == 0 and abs(kappa - 1) <= ${EPS} and beta < 1 - gamma`,
      why: 'noiseless with p = n below the crossover: between interpolation (p > n) and recovery (p < n), where 1 - kappa vanishes and E ∝ lambda^2 / ((1 - kappa)^3 n) has no finite constant',
    },
  ],
  regimes: [
    {
      name: 'null',
      description: 'lambda above ||X^T y||_inf ~ n: theta_hat = 0, E = ||theta*||^2',
      when: 'beta > 1',
      formulas: { riskN: '0', riskLambda: '0' },
    },
    {
      name: 'bias',
      description: 'few active coordinates, threshold t = lambda/n above the noise: E ∝ (lambda/n)^(2 - 1/gamma)',
      when: '(sigma > 0 and beta > 1/2 and beta < 1) or (sigma == 0 and beta > 1 - gamma and beta < 1)',
      formulas: { riskN: '2 - 1 / gamma', riskLambda: '2 - 1 / gamma' },
    },
    {
      name: 'noise-plateau',
      description: 'threshold below the noise: a finite fraction of null coordinates active, E -> const',
      when: 'sigma > 0 and beta < 1/2',
      formulas: { riskN: '0', riskLambda: '0' },
    },
    {
      name: 'interpolation',
      description: 'no noise, p > n, lambda -> 0: the minimum-l1 interpolator, E ∝ n^-(2 gamma - 1)',
      when: 'sigma == 0 and kappa > 1 and beta < 1 - gamma',
      formulas: { riskN: '2 * gamma - 1', riskLambda: '0' },
    },
    {
      name: 'recovery',
      description: 'no noise, p < n, lambda -> 0: every coordinate active, the OLS solution (theta*) shrunk by lambda, E ∝ lambda^2 / n',
      when: 'sigma == 0 and kappa < 1 and beta < 1 - gamma',
      formulas: { riskN: '1', riskLambda: '2' },
    },
  ],
};
