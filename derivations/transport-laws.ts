/**
 * The scaling laws of the shell-transport picture (Zhang, arXiv 2512.10427 and 2512.18209),
 * derived here from the standard form (only the abstracts are at hand):
 *
 * spectrum lambda_k = k^-alpha, initial energy E_k(0) = k^-beta, so the energy density in lambda is
 * g0(lambda) = lambda^(nu-1) / alpha with nu = (beta-1)/alpha. Along ė = -M e each mode keeps
 * e^(-2 lambda t) of its energy:
 *   L(t) = 1/2 sum_k k^-beta e^(-2 k^-alpha t) ~ Gamma(nu) (2t)^-nu / (2 alpha),
 * so L ~ t^-nu, and the frontier (the modes being learned now) is lambda* ~ 1/t, k* ~ t^(1/alpha).
 *
 * With a transport velocity v = c lambda^(1+sigma) t^q (c > 0, q > -1) energy rides the
 * characteristics lambda^-sigma = lambda0^-sigma - sigma c t^(q+1)/(q+1). In log coordinates the
 * displacement at the dissipation frontier lambda ~ 1/t is u t = c t^(q+1-sigma):
 *  - q + 1 < sigma: it vanishes, the lazy laws hold (transport changes prefactors only);
 *  - q + 1 = sigma: the time-covariant field v = t^-1 lambda c (lambda t)^sigma: x = lambda t obeys
 *    an autonomous flow in ln t, the solution is exactly self-similar, with the lazy exponents;
 *  - q + 1 > sigma > 0: characteristics reach the top of the spectrum in finite time; everything
 *    above lambda_T ~ t^(-(q+1)/sigma) has been swept out, so lambda* ~ t^(-(q+1)/sigma) and
 *    L ~ lambda*^nu ~ t^(-nu (q+1)/sigma);
 *  - sigma <= 0 < q + 1: every mode is lifted at least as fast as t^((q+1)/|sigma|) (or uniformly
 *    by e^(c t^(q+1)/(q+1)) at sigma = 0): the loss falls faster than any power, no power law.
 *
 * With only N resolvable modes the energy of the others stays: L_inf(N) ~ N^(1-beta). Trading
 * L(N, t) ~ t^-a + N^-b at compute C = N t gives t ~ N^(b/a), N* ~ C^(a/(a+b)), t* ~ C^(b/(a+b)),
 * L* ~ C^(-ab/(a+b)), with a the loss exponent of the regime (b = beta - 1). Regime by regime
 * (transport.model-size measures each), with z = lambda_N t = N^-alpha t and the resolved modes the
 * carriers started at lambda0 >= lambda_N:
 *  - lazy-dominated: L(N, t) = t^-nu G(z; eps) / 2 + N^(1-beta) / (2 (beta - 1)) with eps = c t^(q+1-sigma) -> 0,
 *    G smooth in eps: the lazy balance, a = nu, N* ~ C^(1/(1+alpha)); eps moves the exponents by O(eps);
 *  - self-similar, q + 1 = sigma: lambda -> a lambda, t -> t / a leaves v = c lambda^(1+sigma) t^(sigma-1)
 *    unchanged, and along a characteristic (lambda t)^-sigma = (lambda0 t)^-sigma - c, its decay
 *    2 int lambda dt a function of lambda0 t: L(N, t) = t^-nu [G(z) + z^nu / (beta - 1)] / 2 exactly (but
 *    for the top of the spectrum, lambda <= 1). At C = N t, z = C N^-(1+alpha) and
 *    L = C^(-alpha nu/(1+alpha)) z^(-nu/(1+alpha)) [G(z) + z^nu / (beta - 1)] / 2: minimised at one z*
 *    (before the sweep's corner z = c^(-1/sigma), where G vanishes, or at it), so N* = (C/z*)^(1/(1+alpha)),
 *    t* ~ C^(alpha/(1+alpha)), L* ~ C^(-alpha nu/(1+alpha)): exactly the balance with a = nu, b = alpha nu;
 *  - transport-dominated: not a smooth balance but a corner: L(C/t, t) falls until the sweep has
 *    carried the last resolved mode out of the spectrum, kappa t^(q+1) = N^(alpha sigma) - 1, and only
 *    the floor of N = C/t is left after it: t* ~ N*^(alpha sigma/(q+1)), N* ~ C^((q+1)/(q+1+alpha sigma)),
 *    the balance's exponents with a = nu (q+1)/sigma. Where the carriers about to leave decay first
 *    (next to the boundary: a share ~ kappa^(-1/(1-sigma)) t^(-(q+1-sigma)/(1-sigma)) of them, sigma < 1)
 *    the optimum is a dip just before the corner, which closes in on it: the same exponents.
 */
import type { LawModel, Regime } from '../src/api/index.js';

const SOURCE = 'arXiv:2512.10427; arXiv:2512.18209';

const KEYS = [
  { key: 'lossTime', meaning: 'L ∝ t^(-lossTime)' },
  { key: 'frontierLambda', meaning: 'λ* ∝ t^(-frontierLambda)' },
  { key: 'frontierK', meaning: 'k* ∝ t^(frontierK)' },
  { key: 'lossModes', meaning: 'L∞(N) ∝ N^(-lossModes)' },
  { key: 'compute.N', meaning: 'N* ∝ C^(compute.N)' },
  { key: 'compute.t', meaning: 't* ∝ C^(compute.t)' },
  { key: 'compute.loss', meaning: 'L* ∝ C^(-compute.loss)' },
];

/** Shared by every regime: the model-size floor and the compute-optimal trade. */
const DERIVED: Record<string, string> = {
  frontierK: 'frontierLambda / alpha',
  lossModes: 'beta - 1',
  'compute.N': 'lossTime / (lossTime + lossModes)',
  'compute.t': 'lossModes / (lossTime + lossModes)',
  'compute.loss': 'lossTime * lossModes / (lossTime + lossModes)',
};

const LAZY_FORMULAS = { lossTime: '(beta - 1) / alpha', frontierLambda: '1' };

const lazyRegime: Regime = {
  name: 'lazy',
  description: 'no transport: each mode decays on its own, e^(-2 λ_k t)',
  when: 'true',
  formulas: LAZY_FORMULAS,
};

const POWER_DOMAIN = [
  { when: 'alpha > 1', message: '--alpha must exceed 1 (a summable spectrum λ_k = k^-alpha)' },
  { when: 'beta > 1', message: '--beta must exceed 1 (a finite initial energy Σ k^-beta)' },
];

export const lazyModel: LawModel = {
  name: 'lazy',
  description: 'λ_k = k^(-alpha), E_k(0) = k^(-beta), no transport (a linearised model)',
  source: SOURCE,
  params: [
    { name: 'alpha', meaning: 'spectral decay, λ_k = k^-alpha, alpha > 1' },
    { name: 'beta', meaning: 'initial energy decay, E_k(0) = k^-beta, beta > 1' },
  ],
  domain: POWER_DOMAIN,
  keys: KEYS,
  derived: DERIVED,
  regimes: [lazyRegime],
};

/** Regime boundaries are exact equalities of exponents: a tolerance for parameters typed in decimals. */
export const REGIME_EPS = '1e-9';
const EPS = REGIME_EPS;

export const transportModel: LawModel = {
  name: 'transport',
  description: 'the lazy spectrum and energy with transport velocity v(λ, t) = c λ^(1+sigma) t^q',
  source: SOURCE,
  params: [
    ...lazyModel.params,
    { name: 'sigma', meaning: 'velocity exponent in λ, v ∝ λ^(1+sigma)' },
    { name: 'q', meaning: 'velocity exponent in t, v ∝ t^q, q > -1' },
    { name: 'c', meaning: 'velocity prefactor, c > 0 (energy moves to larger λ)' },
  ],
  domain: [
    ...POWER_DOMAIN,
    { when: 'q > -1', message: '--q must exceed -1 (the displacement ∫ t^q dt must be finite)' },
    { when: 'c > 0', message: '--c must be positive (energy carried towards faster modes)' },
  ],
  keys: KEYS,
  derived: DERIVED,
  excluded: [
    {
      when: `sigma <= 0 and q + 1 > sigma + ${EPS}`,
      why: 'with sigma <= 0 the transport lifts every mode past the dissipation frontier: the loss falls faster than any power of t',
    },
  ],
  regimes: [
    {
      name: 'lazy-dominated',
      description: 'q + 1 < sigma: the displacement at the frontier, c t^(q+1-sigma), vanishes; the lazy laws hold',
      when: `q + 1 < sigma - ${EPS}`,
      formulas: LAZY_FORMULAS,
    },
    {
      name: 'self-similar',
      description: 'q + 1 = sigma: the time-covariant field v = t^-1 λ c (λt)^sigma; an exactly self-similar solution with the lazy exponents',
      when: `abs(q + 1 - sigma) <= ${EPS}`,
      formulas: LAZY_FORMULAS,
    },
    {
      name: 'transport-dominated',
      description: 'q + 1 > sigma > 0: characteristics sweep everything above λ_T ∝ t^(-(q+1)/sigma) out of the spectrum',
      when: `sigma > 0 and q + 1 > sigma + ${EPS}`,
      formulas: { lossTime: '(beta - 1) * (q + 1) / (alpha * sigma)', frontierLambda: '(q + 1) / sigma' },
    },
  ],
};
