/**
 * grsd: when learning renormalises (Zhang, arXiv 2512.18209). Gradient flow is covariant
 * under M -> kappa M, t -> t / kappa; a renormalised velocity field v(lambda, t) that respects
 * this must satisfy v(kappa lambda, t / kappa) = kappa^2 v(lambda, t) (derived below), whose
 * solutions are exactly v = t^-1 lambda Phi(lambda t). Adding continuous log-shift
 * equivariance v(e^h lambda, t) = e^(h (1 + sigma)) v(lambda, t) leaves only the power law
 * v = C lambda^(1+sigma) t^(sigma-1).
 *
 * Derivation of the covariance law. If g solves dg/dt + d/dlambda(v g) = -2 lambda g for M,
 * then g~(lambda, t) = g(lambda / kappa, kappa t) is the density of the system kappa M (its
 * modes sit at kappa lambda and run kappa times faster), and it solves the same equation with
 * v~(lambda, t) = kappa^2 v(lambda / kappa, kappa t): d/dt gains a kappa, d/dlambda loses one,
 * and the sink -2 lambda g is reproduced exactly. One field describing both systems means
 * v~ = v. Conversely, kappa = t gives v(lambda, t) = t^-2 v(lambda t, 1) = t^-1 lambda Phi(lambda t)
 * with Phi(x) = v(x, 1) / x.
 */
import fc from 'fast-check';
import type { Claim } from '../src/core/claim.js';
import type { Scope } from '../src/symbolic/numeric.js';
import type { SymScope } from '../src/symbolic/symbolic.js';
import { dec } from '../src/numeric/convert.js';
import type { Fixed } from '../src/numeric/fixed.js';
import type { Mat, Vec } from '../src/numeric/linalg.js';
import { integrateGBS, integrateLinearPoly } from '../src/numeric/ode.js';
import { FD_TOLERANCE, fixedAt } from './instances.js';
import { drawModes, fdScalar, flowDerivative, lnFixed, memo, modeDomain, nd, ndx, once, pow2Below, type ModeSpec } from './transport.js';

const SOURCE = 'arXiv:2512.18209';

const half = (F: Fixed, e: Vec): bigint => e.reduce((s, x) => s + F.mul(x, x), 0n) / 2n;

/* ------------------------------------------------------------------------------------------
 * grsd.time-covariance
 * ---------------------------------------------------------------------------------------- */

interface CovarianceParams {
  /** kappa = k4 / 4 */
  k4: number;
  /** Phi(x) = x^sigma (1 + b x), sigma = sig4 / 4, b = b4 / 4 (1 + b x > 0 on the drawn points) */
  sig4: number;
  b4: number;
  /** the pointwise laws at lambda = lp8 / 8, t = tp8 / 8 (lambda t < 4) */
  lp8: number;
  tp8: number;
  /** a covariant field written independently: w = sum_q a_q lambda^(2+q) t^q, q = -2..1 (quarters, positive) */
  a: [number, number, number, number];
  /** a characteristic from lambda0 = l8 / 8 at t0 = t8 / 8 to t1 = t0 + d / 128 (short arcs: GBS at 2D digits is costly, and exactness needs no long arc), with Phi(x) = x^sc (1 + b x) */
  l8: number;
  t8: number;
  d: number;
  sc: number;
  /** the gradient flow of M0, observed at tf = tf8 / 8 */
  modes: ModeSpec;
  tf8: number;
}

const covarianceCache = new Map<string, Scope>();

function covarianceScope(P: CovarianceParams, digits: number, unscaledTime: boolean): Scope {
  const F = fixedAt(digits);
  const kappa = F.ratio(P.k4, 4);
  const sigma = F.ratio(P.sig4, 4);
  const b = F.ratio(P.b4, 4);
  // Phi(x) = x^sigma (1 + b x) from ln x; v = lambda Phi(lambda t) / t
  const PhiLn = (x: bigint, lnx: bigint): bigint => F.mul(F.exp(F.mul(sigma, lnx)), F.one + F.mul(b, x));
  const v = (lam: bigint, t: bigint): bigint => {
    const x = F.mul(lam, t);
    return F.div(F.mul(lam, PhiLn(x, lnFixed(F, x))), t);
  };
  // pointwise: the field at (lambda, t) and at the transformed point (kappa lambda, t / kappa)
  const lam = F.ratio(P.lp8, 8);
  const t = F.ratio(P.tp8, 8);
  const v0 = v(lam, t);
  const vK = v(F.mul(kappa, lam), F.div(t, kappa));
  // generator: the partial derivatives by extrapolated differences (relative steps: x^sigma is singular at 0)
  const sN = Math.abs(P.sig4 / 4) + 2;
  const dvdl = fdScalar(F, (l) => v(l, t), lam, pow2Below(F, P.lp8 / 8 / (16 * sN)));
  const dvdt = fdScalar(F, (s) => v(lam, s), t, pow2Below(F, P.tp8 / 8 / (16 * sN)));
  // the independently written covariant field, at (lambda, t) and at (lambda t, 1)
  const coef = P.a.map((k) => F.ratio(k, 4));
  const w = (l: bigint, s: bigint): bigint => {
    const l2 = F.mul(l, l);
    return F.div(coef[0]!, F.mul(s, s)) + F.div(F.mul(coef[1]!, l), s) + F.mul(coef[2]!, l2) + F.mul(F.mul(coef[3]!, F.mul(l2, l)), s);
  };
  const w0 = w(lam, t);
  const w1 = w(F.mul(lam, t), F.one);
  // characteristics d lambda / dt = v(lambda, t), integrated (GBS) in lambda itself. Along them
  // Phi has the integer exponent sc: the field is then rational, and GBS at 2D digits needs no
  // transcendental per evaluation (the quarter-integer sigma is covered pointwise above)
  const ipow = (x: bigint, k: number): bigint => {
    let acc = F.one;
    for (let i = 0; i < Math.abs(k); i++) acc = F.mul(acc, x);
    return k >= 0 ? acc : F.div(F.one, acc);
  };
  const field = (tt: bigint, y: Vec): Vec => {
    const l = y[0]!;
    const x = F.mul(l, tt);
    return [F.div(F.mul(l, F.mul(ipow(x, P.sc), F.one + F.mul(b, x))), tt)];
  };
  const lam0 = F.ratio(P.l8, 8);
  const t0 = F.ratio(P.t8, 8);
  const t1 = F.ratio(16 * P.t8 + P.d, 128);
  // more extrapolation columns than the default: one long step instead of many rejected ones
  const kmax = Math.max(16, Math.ceil(0.4 * digits));
  const charEnd = (l: bigint, ta: bigint, tb: bigint): bigint => integrateGBS(F, field, ta, [l], [tb], { kmax })[0]![0]!;
  const lam1 = charEnd(lam0, t0, t1);
  const lamK = charEnd(F.mul(kappa, lam0), F.div(t0, kappa), F.div(t1, kappa));
  // the gradient flow: M0 at tf, kappa M0 at tf / kappa (integrated), and their loss rates
  const { M0, e0 } = drawModes(F, P.modes);
  const kM0: Mat = M0.map((r) => r.map((x) => F.mul(kappa, x)));
  const tf = F.ratio(P.tf8, 8);
  const tK = unscaledTime ? tf : F.div(tf, kappa);
  const [eM] = integrateLinearPoly(F, [M0], 0n, e0, [tf]);
  const [eK] = integrateLinearPoly(F, [kM0], 0n, e0, [tK]);
  const h = F.pow2(-6); // spectrum of kappa M0 within [0, 2]
  const [dLM] = flowDerivative(F, [M0], tf, eM!, h, (e) => [half(F, e)]);
  const [dLK] = flowDerivative(F, [kM0], tK, eK!, h, (e) => [half(F, e)]);
  return {
    kappa: dec(F, kappa),
    lam: dec(F, lam),
    t: dec(F, t),
    v0: dec(F, v0),
    vK: dec(F, vK),
    dv_dlam: dec(F, dvdl),
    dv_dt: dec(F, dvdt),
    w0: dec(F, w0),
    w1: dec(F, w1),
    lam1: dec(F, lam1),
    lamK: dec(F, lamK),
    eM: dec(F, eM!),
    eK: dec(F, eK!),
    dLM_fd: dec(F, dLM!),
    dLK_fd: dec(F, dLK!),
  };
}

/**
 * Symbolic inputs: v = t^-1 lambda Phi(lambda t) with Phi(x) = x^sig (1 + b x), the transformed
 * field obtained by substituting (kappa lambda, t / kappa), its partial derivatives by nerdamer,
 * and the monomial covariant field with symbolic coefficients.
 */
const covarianceSymbolic = once((): SymScope => {
  const vf = (l: string, t: string): string => `(1/(${t}))*(${l})*((${l})*(${t}))^sig*(1+b*(${l})*(${t}))`;
  const wf = (l: string, t: string): string => `(a0/(${t})^2 + a1*(${l})/(${t}) + a2*(${l})^2 + a3*(${l})^3*(${t}))`;
  const v0 = nd(vf('lam', 't'));
  return {
    kappa: 'kappa',
    lam: 'lam',
    t: 't',
    v0,
    vK: nd(vf('kappa*lam', 't/kappa')),
    dv_dlam: nd(`diff(${v0}, lam)`),
    dv_dt: nd(`diff(${v0}, t)`),
    w0: nd(wf('lam', 't')),
    w1: nd(wf('lam*t', '1')),
  };
});

export const timeCovariance: Claim<CovarianceParams> = {
  id: 'grsd.time-covariance',
  group: 'grsd',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`e_{\kappa M}(t/\kappa)=e_M(t),\ \dot L_{\kappa M}(t/\kappa)=\kappa\dot L_M(t);\qquad v(\kappa\lambda,t/\kappa)=\kappa^2v(\lambda,t)\iff v=t^{-1}\lambda\,\Phi(\lambda t),\ \Phi(x)=v(x,1)/x;\qquad \lambda\partial_\lambda v-t\partial_t v=2v;\quad \lambda(t)\ \text{characteristic}\Rightarrow\kappa\lambda(\kappa t)\ \text{characteristic}`,
  domain: fc.record({
    k4: fc.integer({ min: 1, max: 8 }),
    sig4: fc.integer({ min: -4, max: 4 }),
    b4: fc.integer({ min: -1, max: 4 }),
    lp8: fc.integer({ min: 1, max: 16 }),
    tp8: fc.integer({ min: 1, max: 15 }),
    a: fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })),
    l8: fc.integer({ min: 2, max: 8 }),
    t8: fc.integer({ min: 4, max: 8 }),
    d: fc.integer({ min: 1, max: 4 }),
    sc: fc.integer({ min: -1, max: 2 }),
    modes: modeDomain(4),
    tf8: fc.integer({ min: 1, max: 16 }),
  }),
  encoding: {
    defs: [['Phi_w', 'w1 / (lam * t)']],
    equations: [
      // the flow itself: both sides integrated, the time map in the instance
      { name: 'flow', lhs: 'eK', rhs: 'eM' },
      // e0 may lie nearly in the kernel of M0: measure the rates against kappa |e|^2 (spectrum <= 1)
      { name: 'loss-rate', lhs: 'dLK_fd', rhs: 'kappa * dLM_fd', scale: 'abs(dLK_fd) + kappa * abs(dLM_fd) + kappa * dot(eM, eM)' },
      { name: 'velocity', lhs: 'vK', rhs: 'kappa^2 * v0' },
      // the infinitesimal form of the covariance law: d/dkappa at kappa = 1
      {
        name: 'generator',
        lhs: 'lam * dv_dlam - t * dv_dt',
        rhs: '2 * v0',
        scale: 'lam * abs(dv_dlam) + t * abs(dv_dt) + 2 * abs(v0)',
      },
      { name: 'form', lhs: 'w0', rhs: 'lam * Phi_w / t' },
      { name: 'characteristic', lhs: 'lamK', rhs: 'kappa * lam1' },
    ],
  },
  instance(params, digits, flags) {
    const unscaled = flags['unscaledTime'] === true;
    return { scope: memo(covarianceCache, `${JSON.stringify(params)}|${digits}|${unscaled}`, () => covarianceScope(params, digits, unscaled)) };
  },
  symbolic: { scopes: () => [covarianceSymbolic()], equations: ['velocity', 'generator', 'form'] },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'velocity law with kappa, not kappa^2', equations: { velocity: { rhs: 'kappa * v0' } } },
    { name: 'generator sign: lambda v_lambda + t v_t = 2 v', equations: { generator: { lhs: 'lam * dv_dlam + t * dv_dt' } } },
    { name: 'form without lambda: v = t^-1 Phi(lambda t)', equations: { form: { rhs: 'Phi_w / t' } } },
    { name: 'characteristics scaled by kappa^2', equations: { characteristic: { rhs: 'kappa^2 * lam1' } } },
    { name: 'loss rate without kappa', equations: { 'loss-rate': { rhs: 'dLM_fd' } } },
    { name: 'time not rescaled: e_{kappa M}(t) = e_M(t)', flags: { unscaledTime: true } },
  ],
};

/* ------------------------------------------------------------------------------------------
 * grsd.rigidity
 * ---------------------------------------------------------------------------------------- */

interface RigidityParams {
  /** lambda = l8 / 8, t = t8 / 8 */
  l8: number;
  t8: number;
  /** log-shift h = h8 / 8 */
  h8: number;
  /** sigma = sig4 / 4 */
  sig4: number;
  /** C = c4 / 4 (nonzero) */
  c4: number;
  /** kappa = k4 / 4 */
  k4: number;
}

const rigidityCache = new Map<string, Scope>();

function rigidityScope(P: RigidityParams, digits: number): Scope {
  const F = fixedAt(digits);
  const sigma = F.ratio(P.sig4, 4);
  const C = F.ratio(P.c4, 4);
  const kappa = F.ratio(P.k4, 4);
  const h = F.ratio(P.h8, 8);
  // the field in its covariant form t^-1 lambda Phi(lambda t) with Phi(x) = C x^sigma
  const v = (lam: bigint, t: bigint): bigint => {
    const x = F.mul(lam, t);
    return F.div(F.mul(F.mul(C, lam), F.exp(F.mul(sigma, lnFixed(F, x)))), t);
  };
  const lam = F.ratio(P.l8, 8);
  const t = F.ratio(P.t8, 8);
  const sN = Math.abs(P.sig4 / 4) + 2;
  return {
    lam: dec(F, lam),
    t: dec(F, t),
    h: dec(F, h),
    sigma: dec(F, sigma),
    kappa: dec(F, kappa),
    v0: dec(F, v(lam, t)),
    vH: dec(F, v(F.mul(F.exp(h), lam), t)),
    vK: dec(F, v(F.mul(kappa, lam), F.div(t, kappa))),
    v11: dec(F, v(F.one, F.one)),
    dv_dlam: dec(F, fdScalar(F, (l) => v(l, t), lam, pow2Below(F, P.l8 / 8 / (16 * sN)))),
    dv_dt: dec(F, fdScalar(F, (s) => v(lam, s), t, pow2Below(F, P.t8 / 8 / (16 * sN)))),
  };
}

/**
 * Symbolic inputs in log variables lambda = e^x, t = e^y, kappa = e^k (all positive): the field
 * is C exp((1 + sig) x + (sig - 1) y), shifted fields by substituting into the exponent and
 * expanding it (nerdamer's expand does not distribute inside an exponent); partial derivatives
 * by the chain rule d/dlambda = e^-x d/dx.
 */
const rigiditySymbolic = once((): SymScope => {
  const E = '(1+sig)*X + (sig-1)*Y';
  const field = (X: string, Y: string): string => `C*exp(${ndx(nd(E, { X, Y }))})`;
  const v0 = field('x', 'y');
  return {
    lam: 'exp(x)',
    t: 'exp(y)',
    h: 'h',
    sigma: 'sig',
    kappa: 'exp(k)',
    v0,
    vH: field('x+h', 'y'),
    vK: field('x+k', 'y-k'),
    v11: field('0', '0'),
    dv_dlam: `(${nd(`diff(${v0}, x)`)})*exp(-x)`,
    dv_dt: `(${nd(`diff(${v0}, y)`)})*exp(-y)`,
  };
});

export const rigidity: Claim<RigidityParams> = {
  id: 'grsd.rigidity',
  group: 'grsd',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`v=C\lambda^{1+\sigma}t^{\sigma-1}:\ v(e^h\lambda,t)=e^{h(1+\sigma)}v,\ v(\kappa\lambda,t/\kappa)=\kappa^2v;\qquad \lambda\partial_\lambda v=(1+\sigma)v,\ \lambda\partial_\lambda v-t\partial_tv=2v\;\Rightarrow\;t\partial_tv=(\sigma-1)v\;\Rightarrow\;v=v(1,1)\,\lambda^{1+\sigma}t^{\sigma-1}`,
  domain: fc.record({
    l8: fc.integer({ min: 1, max: 32 }),
    t8: fc.integer({ min: 1, max: 32 }),
    h8: fc.integer({ min: -16, max: 16 }),
    sig4: fc.integer({ min: -8, max: 8 }),
    c4: fc.integer({ min: -8, max: 8 }).filter((k) => k !== 0),
    k4: fc.integer({ min: 1, max: 16 }),
  }),
  encoding: {
    defs: [],
    equations: [
      // the exponent written as a sum (h + sigma h): nerdamer normalises sums of exponents, not products
      { name: 'log-shift', lhs: 'vH', rhs: 'exp(h + sigma * h) * v0' },
      { name: 'covariance', lhs: 'vK', rhs: 'kappa^2 * v0' },
      // infinitesimal log-shift (Euler) and covariance generator; both sides may vanish (sigma = -1, 1)
      { name: 'euler', lhs: 'lam * dv_dlam', rhs: '(1 + sigma) * v0', scale: 'lam * abs(dv_dlam) + abs(v0)' },
      { name: 'generator', lhs: 'lam * dv_dlam - t * dv_dt', rhs: '2 * v0', scale: 'lam * abs(dv_dlam) + t * abs(dv_dt) + abs(v0)' },
      // their consequence: the time exponent is forced, and with it the whole field from v(1, 1)
      { name: 'time-law', lhs: 't * dv_dt', rhs: '(sigma - 1) * v0', scale: 't * abs(dv_dt) + abs(v0)' },
      { name: 'rigidity', lhs: 'v0', rhs: 'v11 * lam * lam^sigma * t^sigma / t' },
    ],
  },
  instance(params, digits) {
    return { scope: memo(rigidityCache, `${JSON.stringify(params)}|${digits}`, () => rigidityScope(params, digits)) };
  },
  symbolic: { scopes: () => [rigiditySymbolic()] },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'literal log-shift invariance of u = v/lambda: v -> e^h v', equations: { 'log-shift': { rhs: 'exp(h) * v0' } } },
    { name: 'exponent off by one: v -> e^(h sigma) v', equations: { 'log-shift': { rhs: 'exp(sigma * h) * v0' } } },
    {
      name: 'time exponent sign flipped: t^(1 - sigma)',
      equations: { 'time-law': { rhs: '(1 - sigma) * v0' }, rigidity: { rhs: 'v11 * lam * lam^sigma * t / t^sigma' } },
    },
    { name: 'covariance with kappa, not kappa^2', equations: { covariance: { rhs: 'kappa * v0' } } },
  ],
};

export const grsdClaims = [timeCovariance, rigidity];
