/**
 * grsd: when learning renormalises (Zhang, arXiv 2512.18209). Gradient flow is covariant
 * under M -> kappa M, t -> t / kappa; a renormalised velocity field v(lambda, t) that respects
 * this must satisfy v(kappa lambda, t / kappa) = kappa^2 v(lambda, t) (derived below), whose
 * solutions are exactly v = t^-1 lambda Phi(lambda t). Adding continuous log-shift
 * equivariance v(e^h lambda, t) = e^(h (1 + sigma)) v(lambda, t) leaves only the power law
 * v = C lambda^(1+sigma) t^(sigma-1).
 *
 * Derivation of the covariance law. If g solves dg/dt + d/dlambda(v g) = -2 lambda g for M,
 * then g~(lambda, t) = g(lambda / kappa, kappa t) / kappa is the density of the system kappa M
 * (its modes sit at kappa lambda and run kappa times faster; the 1/kappa keeps the energy per
 * unit lambda, and without it the transform is refuted: grsd.time-covariance's variant 'density
 * transform without the Jacobian 1/kappa'), and it solves the same (linear) equation with
 * v~(lambda, t) = kappa^2 v(lambda / kappa, kappa t): d/dt gains a kappa, d/dlambda loses one,
 * and the sink -2 lambda g is reproduced exactly. One field describing both systems means
 * v~ = v. Conversely, kappa = t gives v(lambda, t) = t^-2 v(lambda t, 1) = t^-1 lambda Phi(lambda t)
 * with Phi(x) = v(x, 1) / x.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { defineClaim, coupled, frob, median, quantile, shellsOf, traceOf, type Claim, type Instance, type Diagnostic, type Snapshot, type Scope, type SymScope } from '../src/api/index.js';
import { measureShellFlux, shellStates, type DiagnosticResult, type ShellFluxMeasure } from '../src/api/index.js';
import { dec, FixedFiniteVolume, integrateGBS, integrateLinearPoly, directionalDerivative, type Fixed, type Mat, type Vec, type FixedVelocityTerm } from '../src/api/numeric.js';
import { FD_FRACTION, FD_TOLERANCE, fixedAt } from './instances.js';
import { drawModes, fdScalar, flowDerivative, lnFixed, modeDomain, nd, once, pow2Below, type ModeSpec } from './transport.js';
import { memo } from './instances.js';

const SOURCE = 'arXiv:2512.18209';

const half = (F: Fixed, e: Vec): bigint => e.reduce((s, x) => s + F.mul(x, x), 0n) / 2n;

/* ------------------------------------------------------------------------------------------
 * grsd.time-covariance
 *
 * route: (i) the flow e' = -M e integrated for M to t and for kappa M to t / kappa (Taylor
 * series at the working precision), and its loss rates by extrapolated differences; (ii) the
 * transport equation of the shell density solved by implicit upwind finite volumes in fixed
 * point (src/numeric/finite-volume.ts) for the spectrum of M from t0 to t1 and for that of
 * kappa M (the bump moved by ln kappa) from t0 / kappa to t1 / kappa, under the same drawn field
 * v = t^-1 lambda Phi(lambda t): the densities are compared cell by cell against the claimed
 * transform g_kM(kappa lambda, t / kappa) = g_M(lambda, t) / kappa. The grid and steps of kappa M
 * are the images of those of M, so the two solves agree to the working precision exactly when
 * the field (and the sink -2 lambda g) is covariant, and a field that is not (the variants)
 * leaves them apart; (iii) characteristics of the field integrated (GBS) for both systems;
 * (iv) the field's laws pointwise and their symbolic reduction (nerdamer).
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
  /** the density transport: a bump at s = ln lambda = -fm8 / 8, carried from t0 = ft8 / 8 to t1 = t0 + fd8 / 8 */
  fm8: number;
  ft8: number;
  fd8: number;
}

const covarianceCache = new Map<string, Scope>();
const transportCache = new Map<string, Scope>();

/** The finite-volume grid of M: COV_CELLS cells of 3/16 from s = -3.5 up to 1/4 (kappa M's is moved by ln kappa), COV_STEPS time steps. */
const COV_CELLS = 20;
const COV_STEPS = 12;

/** Which field the density transport runs under: the drawn covariant one, or a wrong variant's. */
type TransportField = 'covariant' | 'kappa' | 'stationary';

/**
 * The shell density of M from t0 to t1 and of kappa M from t0 / kappa to t1 / kappa (t1 unscaled
 * when `unscaledTime`), by FixedFiniteVolume, under the field u = v / lambda in s = ln lambda:
 * - covariant: v = t^-1 lambda Phi(lambda t), Phi(x) = x^sigma (1 + b x), i.e.
 *   u = e^(sigma s) t^(sigma - 1) + b e^((1 + sigma) s) t^sigma;
 * - kappa: v = lambda Phi(lambda t), which obeys v(kappa lambda, t / kappa) = kappa v (kappa, not kappa^2);
 * - stationary: v = lambda Phi(lambda), the field frozen at t = 1 (covariant only for sigma = 1, b = 0).
 * Each system's decay 2 lambda = 2 e^s is read on its own grid. u >= 0 on both grids, as
 * b >= -1/4 and lambda t < 4, lambda < 4 there: lambda <= e^(1/4) kappa <= 2.6 and t <= 3/2
 * (kappa M's time left unscaled included: kappa lambda t <= 3.9).
 */
function covarianceTransport(F: Fixed, P: CovarianceParams, kappa: bigint, field: TransportField, unscaledTime: boolean): Scope {
  const sigma = F.ratio(P.sig4, 4);
  const b = F.ratio(P.b4, 4);
  const ds = F.ratio(3, 16);
  const half = F.ratio(1, 2);
  const m = F.ratio(-P.fm8, 8);
  // the clocks of one step share ln t: lnFixed is a few exps
  const lnOf = new Map<bigint, bigint>();
  const powT = (t: bigint, a: bigint): bigint => {
    let l = lnOf.get(t);
    if (l === undefined) lnOf.set(t, (l = lnFixed(F, t)));
    return F.exp(F.mul(a, l));
  };
  const terms: FixedVelocityTerm[] =
    field === 'covariant'
      ? [
          { speed: (x) => F.exp(F.mul(sigma, x)), clock: (t) => powT(t, sigma - F.one) },
          { speed: (x) => F.mul(b, F.exp(F.mul(F.one + sigma, x))), clock: (t) => powT(t, sigma) },
        ]
      : field === 'kappa'
        ? [
            { speed: (x) => F.exp(F.mul(sigma, x)), clock: (t) => powT(t, sigma) },
            { speed: (x) => F.mul(b, F.exp(F.mul(F.one + sigma, x))), clock: (t) => powT(t, F.one + sigma) },
          ]
        : [
            { speed: (x) => F.exp(F.mul(sigma, x)), clock: () => F.one },
            { speed: (x) => F.mul(b, F.exp(F.mul(F.one + sigma, x))), clock: () => F.one },
          ];
  // cell averages of sech^2((s - m) / w), w = 1/2, moved by `shift`: the spectrum of kappa M is that of M times kappa
  const initial = (shift: bigint) => (a: bigint, c: bigint): bigint =>
    F.div(F.mul(half, F.tanh(F.div(c - shift - m, half)) - F.tanh(F.div(a - shift - m, half))), c - a);
  const solve = (shift: bigint, times: bigint[]): { eps: bigint[]; lam: bigint[] } => {
    const fv = new FixedFiniteVolume(F, { sLo: F.ratio(-7, 2) + shift, ds, cells: COV_CELLS, terms, r: (x) => 2n * F.exp(x), initial: initial(shift), inflow: () => 0n }, times[0]!);
    for (const t of times.slice(1)) fv.step(t);
    return { eps: fv.eps, lam: fv.centers.map((x) => F.exp(x)) };
  };
  const t0 = F.ratio(P.ft8, 8);
  const t1 = t0 + F.ratio(P.fd8, 8);
  const times = Array.from({ length: COV_STEPS + 1 }, (_, j) => t0 + ((t1 - t0) * BigInt(j)) / BigInt(COV_STEPS));
  const M = solve(0n, times);
  // kappa M: its own grid (moved by ln kappa) and its own times t / kappa, each computed from its definition
  const timesK = times.map((t) => (unscaledTime ? t : F.div(t, kappa)));
  const K = solve(lnFixed(F, kappa), timesK);
  return { epsM: dec(F, M.eps), lamcM: dec(F, M.lam), epsK: dec(F, K.eps), lamcK: dec(F, K.lam) };
}

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

export const timeCovariance = defineClaim<CovarianceParams>({
  id: 'grsd.time-covariance',
  group: 'grsd',
  kind: 'identity',
  source: SOURCE,
  // route: the flow and the density transport (finite volumes in fixed point) solved for M and
  // for kappa M at t / kappa and compared; characteristics integrated for both; the field's laws
  // pointwise and symbolically (see the section comment)
  statement: String.raw`e_{\kappa M}(t/\kappa)=e_M(t),\ \dot L_{\kappa M}(t/\kappa)=\kappa\dot L_M(t);\qquad v(\kappa\lambda,t/\kappa)=\kappa^2v(\lambda,t)\iff v=t^{-1}\lambda\,\Phi(\lambda t),\ \Phi(x)=v(x,1)/x;\qquad \lambda\partial_\lambda v-t\partial_t v=2v;\quad \lambda(t)\ \text{characteristic}\Rightarrow\kappa\lambda(\kappa t)\ \text{characteristic};\qquad \partial_tg+\partial_\lambda(vg)=-2\lambda g:\ g_{\kappa M}(\kappa\lambda,t/\kappa)=\kappa^{-1}g_M(\lambda,t)\ \text{(finite volumes for both systems)}`,
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
    fm8: fc.integer({ min: 8, max: 16 }),
    ft8: fc.integer({ min: 1, max: 8 }),
    fd8: fc.integer({ min: 2, max: 4 }),
  }),
  encoding: {
    defs: [
      ['Phi_w', 'w1 / (lam * t)'],
      // the finite volumes carry eps = lambda g per unit s = ln lambda: g per unit lambda at each system's own cell centres
      ['gM', 'epsM ./ lamcM'],
      ['gK', 'epsK ./ lamcK'],
    ],
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
      // the densities of the two systems, cell by cell: kappa M's cell i sits at kappa lambda_i
      { name: 'density', lhs: 'gK', rhs: 'gM / kappa' },
    ],
  },
  // route: see the section comment; the flags choose a wrong field for the density transport
  // or leave the time of kappa M unscaled
  instance(params, { digits, flags }) {
    const unscaled = flags['unscaledTime'] === true;
    const field: TransportField = flags['field'] === 'kappa' ? 'kappa' : flags['field'] === 'stationary' ? 'stationary' : 'covariant';
    const key = `${JSON.stringify(params)}|${digits}|${unscaled}`;
    const base = memo(covarianceCache, key, () => covarianceScope(params, digits, unscaled));
    // the transport apart: a variant's field re-solves the densities, not the flows and characteristics
    const F = fixedAt(digits);
    const densities = memo(transportCache, `${key}|${field}`, () => covarianceTransport(F, params, F.ratio(params.k4, 4), field, unscaled));
    return { scope: { ...base, ...densities } };
  },
  // (lambda t)^sigma is real for the domain's lambda, t, kappa > 0
  symbolic: { scopes: () => [covarianceSymbolic()], equations: ['velocity', 'generator', 'form'], positive: ['lam', 't', 'kappa'] },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'velocity law with kappa, not kappa^2', equations: { velocity: { rhs: 'kappa * v0' } } },
    { name: 'generator sign: lambda v_lambda + t v_t = 2 v', equations: { generator: { lhs: 'lam * dv_dlam + t * dv_dt' } } },
    { name: 'form without lambda: v = t^-1 Phi(lambda t)', equations: { form: { rhs: 'Phi_w / t' } } },
    { name: 'characteristics scaled by kappa^2', equations: { characteristic: { rhs: 'kappa^2 * lam1' } } },
    { name: 'loss rate without kappa', equations: { 'loss-rate': { rhs: 'dLM_fd' } } },
    { name: 'time not rescaled: e_{kappa M}(t) = e_M(t)', flags: { unscaledTime: true } },
    // the density transport under a field that is not covariant: both solves use it, and only the density can tell
    { name: 'a time covariance with kappa, not kappa^2: the field v = lambda Phi(lambda t) transported', flags: { field: 'kappa' } },
    { name: 'a field frozen in time, v = lambda Phi(lambda), transported', flags: { field: 'stationary' } },
    { name: 'density transform without the Jacobian 1/kappa: g_kM(kappa lambda, t/kappa) = g_M(lambda, t)', equations: { density: { rhs: 'gM' } } },
  ],
});

/* ------------------------------------------------------------------------------------------
 * grsd.rigidity
 *
 * The hypotheses through their generators. Time covariance v(kappa lambda, t / kappa) =
 * kappa^2 v, differentiated in kappa at 1: (lambda d_lambda - t d_t) v = 2 v. Log-shift
 * equivariance v(e^h lambda, t) = e^(h (1 + sigma)) v (the field is multiplied, not left
 * alone: invariance, v(e^h lambda, t) = v, is only the case sigma = -1), differentiated in h at
 * 0: lambda d_lambda v = (1 + sigma) v. Their difference is t d_t v = (sigma - 1) v, and the two
 * Euler equations integrate to v = v(1, 1) lambda^(1+sigma) t^(sigma-1). Conversely the power
 * law meets both, so a field meeting one only is not of that form.
 *
 * route: each case draws one field of each family below (the last three never of the claimed
 * form: most are not power laws at all, the rest have other exponents), evaluated in fixed
 * point in log coordinates x = ln lambda, y = ln t; at three drawn points,
 * lambda d_lambda v and t d_t v are derivatives along the axes (src/numeric/directional.ts:
 * extrapolated central differences at the working precision). The encoding writes the
 * generators, reads off which hypotheses each field meets (its defect below tol = 10^(-0.4 D),
 * the accuracy asked of the differences, at every point), and states: a field meeting both is
 * the power law with C = v(1, 1) (with its time law and finite symmetries), and a field is of
 * that form only if it meets both. The encoding treats every field alike; a test checks that
 * the gates find what each family meets.
 *
 * Families, v = C e^(a x + b y) B(u) with a = 1 + sigma + da, b = sigma - 1 + db and a bracket B
 * of one phase u (log-periodic 3 + p cos(2 pi u / h) + q sin(..) of period h; two incommensurate
 * periods h and h / sqrt 2; or 1 + b e^(r u), a sum of two power laws):
 * - power: C lambda^(1+sigma) t^(sigma-1), both hypotheses;
 * - covariant, t^-1 lambda Phi(lambda t) with Phi(x) = C x^(sigma+s) B(ln x): time covariance
 *   only. A log-periodic B is equivariant under the discrete shift e^h (the one the finite law
 *   tests) but not under all; B = 1, s != 0 is the power law times (lambda t)^s, and
 *   s = -1 - sigma gives C t^-2, log-shift invariant;
 * - equivariant, lambda^(1+sigma) g(t) with g(t) = C t^(sigma-1+s) B(ln t): log-shift only;
 * - neither: the power law times lambda^s t^s' (s != s', s != 0), or times B(ln lambda).
 * A smooth field equivariant under two incommensurate shifts is so under the dense group they
 * generate, hence under all: that family is the log-shift one, and what is drawn instead is
 * the bracket with two incommensurate periods, each term equivariant under its own shift.
 * ---------------------------------------------------------------------------------------- */

export type Bracket =
  | { kind: 'one' }
  /** 3 + p cos(w u) + q sin(w u), w = 2 pi / h */
  | { kind: 'periodic'; p: number; q: number }
  /** 3 + p cos(w u) + q cos(sqrt(2) w u): each term has its own period, the sum none */
  | { kind: 'two-periods'; p: number; q: number }
  /** 1 + (b4 / 4) e^((r4 / 4) u) */
  | { kind: 'powers'; b4: number; r4: number };

export const RIGIDITY_FAMILIES = ['power', 'covariant', 'equivariant', 'neither'] as const;
export type RigidityFamily = (typeof RIGIDITY_FAMILIES)[number];

export interface RigidityField {
  family: RigidityFamily;
  /** C = c4 / 4, nonzero */
  c4: number;
  /** exponents 1 + sigma + da4 / 4 of lambda and sigma - 1 + db4 / 4 of t */
  da4: number;
  db4: number;
  /** the bracket's phase u = alpha ln lambda + beta ln t */
  alpha: 0 | 1;
  beta: 0 | 1;
  bracket: Bracket;
}

export interface RigidityParams {
  /**
   * the generators' points (lambda, t) = (l / 8, m / 8), l and m odd, coprime, above 1: ln 2,
   * ln lambda and ln t are then independent over the rationals, so lambda^a t^b = 1 only for
   * a = b = 0, and no drawn field meets the power law there by accident
   */
  points: [number, number][];
  /** sigma = sig4 / 4 */
  sig4: number;
  /** the finite laws' shift h = h8 / 8, also the period of the log-periodic brackets */
  h8: number;
  /** the finite covariance at kappa = k4 / 4 != 1 */
  k4: number;
  /** one field of each family, in the order of RIGIDITY_FAMILIES */
  fields: RigidityField[];
}

/** Which hypotheses a field meets, from its parameters (the encoding reads them off its values). */
export function hypothesesMet(f: RigidityField): { covariance: boolean; shift: boolean } {
  const flat = f.bracket.kind === 'one';
  return { covariance: f.da4 === f.db4 && (flat || f.alpha === f.beta), shift: f.da4 === 0 && (flat || f.alpha === 0) };
}

/**
 * A drawn field as a function of (ln lambda, ln t) at `digits` digits, and the distance over
 * which it changes by about its own size along either axis (the first step of the differences).
 */
export function rigidityField(P: RigidityParams, f: RigidityField, digits: number): { v: (x: bigint, y: bigint) => bigint; width: number } {
  const F = fixedAt(digits);
  const a = F.ratio(P.sig4 + 4 + f.da4, 4);
  const b = F.ratio(P.sig4 - 4 + f.db4, 4);
  const C = F.ratio(f.c4, 4);
  const omega = F.div(twoPiAt(F), F.ratio(P.h8, 8));
  const Br = f.bracket;
  let bracket: (u: bigint) => bigint;
  let rate: number;
  switch (Br.kind) {
    case 'one':
      bracket = () => F.one;
      rate = 0;
      break;
    case 'periodic':
      bracket = (u) => {
        const [c, s] = cosSin(F, F.mul(omega, u));
        return 3n * F.one + BigInt(Br.p) * c + BigInt(Br.q) * s;
      };
      rate = (16 * Math.PI) / P.h8;
      break;
    case 'two-periods': {
      const omega2 = F.mul(omega, F.sqrt(2n * F.one));
      bracket = (u) => 3n * F.one + BigInt(Br.p) * cosSin(F, F.mul(omega, u))[0] + BigInt(Br.q) * cosSin(F, F.mul(omega2, u))[0];
      rate = (16 * Math.SQRT2 * Math.PI) / P.h8;
      break;
    }
    case 'powers': {
      const r = F.ratio(Br.r4, 4);
      const coef = F.ratio(Br.b4, 4);
      bracket = (u) => F.one + F.mul(coef, F.exp(F.mul(r, u)));
      rate = Math.abs(Br.r4) / 4;
      break;
    }
  }
  const fastest = Math.max(Math.abs(F.toNumber(a)) + f.alpha * rate, Math.abs(F.toNumber(b)) + f.beta * rate);
  return {
    v: (x, y) => F.mul(F.mul(C, F.exp(F.mul(a, x) + F.mul(b, y))), bracket(BigInt(f.alpha) * x + BigInt(f.beta) * y)),
    width: 1 / (fastest + 1),
  };
}

const rigidityCache = new Map<string, Instance>();
const twoPis = new Map<string, bigint>();
/** 2 pi at the working precision (decimal.js's acos costs milliseconds: once per precision) */
const twoPiAt = (F: Fixed): bigint => memo(twoPis, String(F.digits), () => F.fromDecimal(F.D.acos(-1).times(2)));

function rigidityInstance(P: RigidityParams, digits: number): Instance {
  const F = fixedAt(digits);
  const tolDigits = Math.floor(FD_TOLERANCE * digits);
  const tolF = F.tenTo(-tolDigits);
  const pts = P.points.map(([l, m]): Vec => [lnFixed(F, F.ratio(l, 8)), lnFixed(F, F.ratio(m, 8))]);
  const [x1, y1] = pts[0]! as [bigint, bigint];
  const h = F.ratio(P.h8, 8);
  const lk = lnFixed(F, F.ratio(P.k4, 4));
  let certified = true;
  const rows = P.fields.map((f) => {
    const { v, width } = rigidityField(P, f, digits);
    const field = (z: Vec): bigint => v(z[0]!, z[1]!);
    // lambda d_lambda v and t d_t v: derivatives along the axes of (ln lambda, ln t)
    const L = pts.map((z) => directionalDerivative(F, field, z, [F.one, 0n], width, FD_FRACTION));
    const T = pts.map((z) => directionalDerivative(F, field, z, [0n, F.one], width, FD_FRACTION));
    const vs = pts.map(field);
    // the gates decide only where the differences' own error estimates sit far below tol
    certified &&= vs.every((x, i) => 1000n * (L[i]!.error + T[i]!.error) < F.mul(tolF, F.abs(x)));
    return { vs, L: L.map((d) => d.value), T: T.map((d) => d.value), vH: v(x1 + h, y1), vK: v(x1 + lk, y1 - lk), v11: v(0n, 0n) };
  });
  const scope: Scope = {
    // the points as row vectors, the fields' values as rows
    lam: [P.points.map(([l]) => new Decimal(l).div(8))],
    t: [P.points.map(([, m]) => new Decimal(m).div(8))],
    sigma: new Decimal(P.sig4).div(4),
    h: new Decimal(P.h8).div(8),
    kappa: new Decimal(P.k4).div(4),
    v: rows.map((r) => dec(F, r.vs)),
    Lv: rows.map((r) => dec(F, r.L)),
    Tv: rows.map((r) => dec(F, r.T)),
    // the finite laws at the first point; C read off at lambda = t = 1 (a column)
    v0: rows.map((r) => dec(F, r.vs[0]!)),
    vH: rows.map((r) => dec(F, r.vH)),
    vK: rows.map((r) => dec(F, r.vK)),
    v11: rows.map((r) => [dec(F, r.v11)]),
    // a hypothesis counts as met when its generator vanishes to the accuracy asked of the differences
    tol: new Decimal(10).pow(-tolDigits),
  };
  return certified ? { scope } : { scope, degenerate: `the extrapolated derivatives are not certified below tol / 1000 = 1e-${tolDigits + 3} of the field` };
}

interface FieldDraw {
  c4: number;
  sub: number;
  s4: number;
  s4b: number;
  shifted: boolean;
  bracket: Bracket;
}

/**
 * One field of a family: `sub` picks the kind within it (see the section comment), s4 and s4b
 * shift exponents, the drawn bracket is never constant. Each family meets exactly the
 * hypotheses its name says (hypothesesMet), whatever the draws.
 */
function shapeField(family: RigidityFamily, d: FieldDraw, sig4: number): RigidityField {
  const one: Bracket = { kind: 'one' };
  const base = { family, c4: d.c4 };
  switch (family) {
    case 'power':
      return { ...base, da4: 0, db4: 0, alpha: 1, beta: 1, bracket: one };
    case 'covariant': {
      // C t^-2 (s = -1 - sigma: the power law itself when sigma = -1, then a bracket instead), (lambda t)^s, or a bracket
      const invariant = d.sub === 0 && sig4 !== -4;
      const s = invariant ? -4 - sig4 : d.sub === 1 || d.shifted ? d.s4 : 0;
      return { ...base, da4: s, db4: s, alpha: 1, beta: 1, bracket: invariant || d.sub === 1 ? one : d.bracket };
    }
    case 'equivariant':
      return { ...base, da4: 0, db4: d.sub === 0 || d.shifted ? d.s4 : 0, alpha: 0, beta: 1, bracket: d.sub === 0 ? one : d.bracket };
    case 'neither':
      return d.sub < 2 ? { ...base, da4: d.s4, db4: d.s4b === d.s4 ? 0 : d.s4b, alpha: 1, beta: 0, bracket: one } : { ...base, da4: 0, db4: 0, alpha: 1, beta: 0, bracket: d.bracket };
  }
}

export const rigidityDomain: fc.Arbitrary<RigidityParams> = (() => {
  const odd = fc.integer({ min: 1, max: 15 }).map((k) => 2 * k + 1);
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const point = fc.tuple(odd, odd).filter(([l, m]) => gcd(l, m) === 1);
  const nonzero = (max: number): fc.Arbitrary<number> => fc.integer({ min: -max, max }).filter((k) => k !== 0);
  const unit = fc.integer({ min: -1, max: 1 });
  const bracket: fc.Arbitrary<Bracket> = fc.oneof(
    fc.record({ kind: fc.constant('periodic' as const), p: unit, q: unit }).filter((B) => B.p !== 0 || B.q !== 0),
    fc.record({ kind: fc.constant('two-periods' as const), p: nonzero(1), q: nonzero(1) }),
    fc.record({ kind: fc.constant('powers' as const), b4: fc.integer({ min: 1, max: 8 }), r4: nonzero(8) }),
  );
  const draw: fc.Arbitrary<FieldDraw> = fc.record({ c4: nonzero(8), sub: fc.integer({ min: 0, max: 3 }), s4: nonzero(8), s4b: nonzero(8), shifted: fc.boolean(), bracket });
  return fc
    .record({
      points: fc.array(point, { minLength: 3, maxLength: 3 }),
      sig4: fc.integer({ min: -8, max: 8 }),
      h8: fc.integer({ min: 4, max: 16 }),
      k4: fc.integer({ min: 5, max: 16 }),
      draws: fc.tuple(draw, draw, draw, draw),
    })
    .map(({ draws, ...rest }): RigidityParams => ({ ...rest, fields: RIGIDITY_FAMILIES.map((family, i) => shapeField(family, draws[i]!, rest.sig4)) }));
})();

export const rigidity = defineClaim<RigidityParams>({
  id: 'grsd.rigidity',
  group: 'grsd',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\underbrace{\lambda\partial_\lambda v-t\partial_tv=2v}_{v(\kappa\lambda,t/\kappa)=\kappa^2v}\ \wedge\ \underbrace{\lambda\partial_\lambda v=(1+\sigma)v}_{v(e^h\lambda,t)=e^{h(1+\sigma)}v\ \text{(equivariant)}}\iff v=v(1,1)\,\lambda^{1+\sigma}t^{\sigma-1}\ \ (t\partial_tv=(\sigma-1)v);\qquad\text{either alone admits non-power laws: }t^{-1}\lambda\,\Phi(\lambda t),\ \lambda^{1+\sigma}g(t)`,
  domain: rigidityDomain,
  encoding: {
    defs: [
      // rows: the drawn fields; columns: the points. A hypothesis is met when the defect of its
      // generator, in units of the field (never 0 on the families: C != 0, brackets >= 1), is
      // below tol at every point. mathjs compares with an absolute tolerance: compare the ratio to 1
      ['met', 'met(defect) = defect / tol < 1 ? 1 : 0'],
      ['covdef', 'max(abs(Lv - Tv - 2 * v) ./ abs(v), 2)'],
      ['shiftdef', 'max(abs(Lv - (1 + sigma) * v) ./ abs(v), 2)'],
      // diagonal gates: inT * X keeps the rows of X whose field meets time covariance
      ['inT', 'diag(map(covdef, met))'],
      ['inS', 'diag(map(shiftdef, met))'],
      // the claimed form, row k: C_k lambda^(1+sigma) t^(sigma-1) with C_k = v_k(1, 1); and which fields are of it
      ['pw', 'v11 * (lam .^ (1 + sigma) .* t .^ (sigma - 1))'],
      ['formdef', 'max(abs(v - pw) ./ abs(v), 2)'],
      ['isform', 'diag(map(formdef, met))'],
    ],
    equations: [
      // both hypotheses => the power law, its time law and its finite symmetries
      { name: 'rigidity', lhs: 'inT * inS * v', rhs: 'inT * inS * pw', scale: 'abs(v) + abs(pw)' },
      { name: 'time-law', lhs: 'inT * inS * Tv', rhs: 'inT * inS * (sigma - 1) * v', scale: 'abs(Tv) + abs(v)' },
      // the exponent written as a sum (h + sigma h), as the statement has it
      { name: 'log-shift', lhs: 'inT * inS * vH', rhs: 'inT * inS * exp(h + sigma * h) * v0', scale: 'abs(vH) + exp(h + sigma * h) * abs(v0)' },
      { name: 'covariance', lhs: 'inT * inS * vK', rhs: 'inT * inS * kappa^2 * v0', scale: 'abs(vK) + kappa^2 * abs(v0)' },
      // ... and only then: a field meeting one hypothesis, or neither, is not of that form
      { name: 'only-both', lhs: 'isform', rhs: 'inT * inS', scale: '1' },
      // the power law itself (row 1) meets both generators: otherwise every gated equation above
      // could hold by comparing 0 with 0 (a wrong generator that no drawn field meets)
      { name: 'nonvacuous', lhs: 'inT[1, 1] * inS[1, 1]', rhs: '1', scale: '1' },
    ],
  },
  instance(params, { digits }) {
    return memo(rigidityCache, `${JSON.stringify(params)}|${digits}`, () => rigidityInstance(params, digits));
  },
  runs: 40,
  tolerance: FD_TOLERANCE,
  // The gates compare defects with tol = 10^(-0.4 D), and the drawn fields sit far on either
  // side: over the first 200 draws of seed 42 (800 fields), a hypothesis met leaves defect / tol
  // <= 1e-17 at 40 digits and 1e-40 at 80 (the differences reach well past their aim), the power
  // law's formdef / tol <= 1e-32; a hypothesis missed leaves a relative defect >= 2e-2
  // (defect / tol >= 1e14 at 40 digits). A factor 2 on a defect or on the threshold moves no field.
  // (The dimension 2 of max, and the function met taken as a number, mutate to ill-formed encodings.)
  equivalentMutants: [
    {
      site: /^def (covdef|shiftdef|formdef)$/,
      kinds: ['factor 2 on the whole side'],
      why: 'a defect only meets tol in its gate, and no drawn field lies within a factor 2 of it: met at defect / tol <= 1e-17, missed at >= 1e14 (40 digits; further apart at 80)',
    },
    {
      site: 'def met',
      kinds: ['constant doubled', 'constant halved'],
      at: /: 1 -> (2|0\.5) in the condition defect \/ tol < 1$/,
      why: 'the gate threshold (defect / tol < 1) moved by a factor 2: met at defect / tol <= 1e-17, missed at >= 1e14 (40 digits; further apart at 80)',
    },
  ],
  variants: [
    { name: 'exponent of lambda off by one: v = C lambda^sigma t^(sigma-1)', defs: { pw: 'v11 * (lam .^ sigma .* t .^ (sigma - 1))' } },
    {
      name: 'time exponent sign flipped: v = C lambda^(1+sigma) t^(-sigma-1)',
      defs: { pw: 'v11 * (lam .^ (1 + sigma) .* t .^ (-sigma - 1))' },
      equations: { 'time-law': { rhs: 'inT * inS * (-sigma - 1) * v' } },
    },
    // as the hypothesis: the power law does not meet it (only-both), and C t^-2 meets it with time covariance (rigidity)
    { name: 'invariant, not equivariant, as the hypothesis: lambda v_lambda = 0 (v(e^h lambda, t) = v) with time covariance forces the power law', defs: { shiftdef: 'max(abs(Lv) ./ abs(v), 2)' } },
    { name: 'invariant, not equivariant, as the finite law: v(e^h lambda, t) = v(lambda, t)', equations: { 'log-shift': { rhs: 'inT * inS * v0' } } },
    { name: 'literal log-shift invariance of u = v / lambda: v(e^h lambda, t) = e^h v', equations: { 'log-shift': { rhs: 'inT * inS * exp(h) * v0' } } },
    { name: 'the power law from time covariance alone', equations: { rigidity: { lhs: 'inT * v', rhs: 'inT * pw' }, 'only-both': { rhs: 'inT' } } },
    { name: 'the power law from log-shift equivariance alone', equations: { rigidity: { lhs: 'inS * v', rhs: 'inS * pw' }, 'only-both': { rhs: 'inS' } } },
  ],
});

/* ------------------------------------------------------------------------------------------
 * grsd.discrete-shift
 *
 * Only shifts of ln lambda by whole shells (a step h) are symmetries. With time covariance,
 * v = t^-1 lambda Phi(lambda t); the shift law v(e^h lambda, t) = e^(h(1+sigma)) v(lambda, t) then
 * says Phi(e^h x) = e^(h sigma) Phi(x), i.e. P(s) = e^(-sigma s) Phi(e^s) has period h. Nothing
 * forces P to be constant: v = t^-1 lambda (lambda t)^sigma P(ln(lambda t)), P h-periodic, is the
 * whole family, and the rigidity of grsd.rigidity needs the continuous shifts.
 *
 * The check searches: fast-check draws candidate fields (power laws times trigonometric
 * polynomials in ln lambda + rho ln t, of arbitrary periods h num / den), the encoding decides
 * from the field's own values (at the working precision) whether it meets both hypotheses, and
 * states the conclusion for those that do. The discrete reading's conclusion (a pure power law)
 * is a wrong variant; the property search finds, and shrinks, log-periodic fields refuting it.
 * ---------------------------------------------------------------------------------------- */

export interface TrigTerm {
  /** period h num / den in the phase theta = ln lambda + rho ln t */
  num: number;
  den: number;
  /** rho = [1, 0, 2][rhoIx]: only rho = 1 is covariant */
  rhoIx: number;
  /** p cos(omega theta) + q sin(omega theta) */
  p: number;
  q: number;
}

export interface ShiftParams {
  /** the point lambda = l8 / 8, t = t8 / 8 */
  l8: number;
  t8: number;
  /** shell width h = h8 / 8 */
  h8: number;
  /** sigma = sig4 / 4; time exponent sigma - 1 + dtau4 / 4 (dtau4 = 0: covariant) */
  sig4: number;
  dtau4: number;
  /** prefactor C = c4 / 4 */
  c4: number;
  /** constant part of the bracket */
  a0: number;
  terms: TrigTerm[];
  /** the covariance is tested at kappa = k4 / 4 != 1 */
  k4: number;
}

export const RHO = [1, 0, 2] as const;

/** cos and sin in fixed point: reduction mod 2 pi, Taylor at r / 2^8, then eight double angles. */
const twoPiCache = new Map<number, bigint>();
function cosSin(F: Fixed, x: bigint): [bigint, bigint] {
  let twoPi = twoPiCache.get(F.digits);
  if (twoPi === undefined) twoPiCache.set(F.digits, (twoPi = F.fromDecimal(F.D.acos(-1).times(2))));
  const k = BigInt(Math.round(F.toNumber(x) / F.toNumber(twoPi)));
  const r = (x - k * twoPi) >> 8n;
  const r2 = F.mul(r, r);
  let c = F.one;
  let sn = r;
  let tc = F.one;
  let ts = r;
  for (let i = 1; tc !== 0n || ts !== 0n; i++) {
    tc = -F.mul(tc, r2) / BigInt((2 * i - 1) * (2 * i));
    ts = -F.mul(ts, r2) / BigInt(2 * i * (2 * i + 1));
    c += tc;
    sn += ts;
  }
  for (let i = 0; i < 8; i++) [c, sn] = [F.mul(c, c) - F.mul(sn, sn), 2n * F.mul(sn, c)];
  return [c, sn];
}

/**
 * The field family searched over, at `digits` digits, as a function of (ln lambda, ln t): the
 * shifted points of the checks are exact shifts of the logarithms, and no logarithm is taken
 * per evaluation.
 */
export function candidateField(P: ShiftParams, digits: number): (ll: bigint, lt: bigint) => bigint {
  const F = fixedAt(digits);
  const sigma = F.ratio(P.sig4, 4);
  const tau = sigma - F.one + F.ratio(P.dtau4, 4);
  const C = F.ratio(P.c4, 4);
  const twoPi = F.fromDecimal(F.D.acos(-1).times(2));
  const terms = P.terms.map((T) => ({ omega: F.div(twoPi * BigInt(T.den), F.ratio(P.h8 * T.num, 8)), rho: BigInt(RHO[T.rhoIx]!), p: BigInt(T.p), q: BigInt(T.q) }));
  return (ll, lt) => {
    let bracket = F.int(P.a0);
    for (const T of terms) {
      const [c, sn] = cosSin(F, F.mul(T.omega, ll + T.rho * lt));
      bracket += T.p * c + T.q * sn;
    }
    return F.mul(F.mul(C, F.exp(F.mul(sigma + F.one, ll) + F.mul(tau, lt))), bracket);
  };
}

/** Whether the drawn parameters name a member of the claimed family (covariant, every active period h/m). */
export function inFamily(P: ShiftParams): boolean {
  return P.dtau4 === 0 && P.terms.every((T) => (T.p === 0 && T.q === 0) || (RHO[T.rhoIx] === 1 && T.den % T.num === 0));
}

const shiftCache = new Map<string, Scope>();

function shiftScope(P: ShiftParams, digits: number): Scope {
  const F = fixedAt(digits);
  const v = candidateField(P, digits);
  const lam = F.ratio(P.l8, 8);
  const t = F.ratio(P.t8, 8);
  const h = F.ratio(P.h8, 8);
  const kappa = F.ratio(P.k4, 4);
  const [ll, lt, lk] = [lnFixed(F, lam), lnFixed(F, t), lnFixed(F, kappa)];
  const D = (x: bigint): Decimal => dec(F, x);
  return {
    lam: D(lam),
    t: D(t),
    h: D(h),
    sigma: D(F.ratio(P.sig4, 4)),
    kappa: D(kappa),
    v0: D(v(ll, lt)),
    vH: D(v(ll + h, lt)),
    vK: D(v(ll + lk, lt - lk)),
    v11: D(v(0n, 0n)),
    // the field on the line t = 1 at lambda t, one shell and half a shell further
    w0: D(v(ll + lt, 0n)),
    wH: D(v(ll + lt + h, 0n)),
    wH2: D(v(ll + lt + h / 2n, 0n)),
    infamily: inFamily(P) ? 1 : 0,
    // hypotheses count as met when their defects sit at the working precision's floor
    tol: new Decimal(10).pow(-Math.floor(0.6 * digits)),
  };
}

/** An integer in [min, max], 0 three times in four: members of the class are not rare in the search. */
const oftenZero = (max: number, min = 0): fc.Arbitrary<number> =>
  fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min, max }), weight: 1 });

const termDomain: fc.Arbitrary<TrigTerm> = fc.record({
  num: fc.integer({ min: 1, max: 3 }),
  den: fc.integer({ min: 1, max: 4 }),
  rhoIx: oftenZero(2),
  p: fc.integer({ min: -3, max: 3 }),
  q: fc.integer({ min: -3, max: 3 }),
});

const active = (T: TrigTerm): boolean => T.p !== 0 || T.q !== 0;

/**
 * A drawn field, shaped to keep or to break each hypothesis (each half the time): the four
 * combinations are equally common among the first cases (the automatic mutants are checked on
 * 12), and a check that ignores one hypothesis meets fields that satisfy only the other.
 * Membership is still read off the field's values by the encoding.
 * - covariance kept: dtau = 0 and every phase ln lambda + ln t (rho = 1); broken: if the draw is
 *   covariant anyway, the time exponent moves by dtauB / 4;
 * - shift kept: every period h num / (num den) = h / den; broken: if every active period is a
 *   whole fraction of h anyway, the first term becomes active with a period that is not.
 */
function shaped(raw: ShiftParams & { keepCov: boolean; keepShift: boolean; dtauB: number }): ShiftParams {
  const { keepCov, keepShift, dtauB, ...P } = raw;
  let terms = P.terms.map((T) => ({ ...T }));
  let dtau4 = P.dtau4;
  if (keepCov) {
    dtau4 = 0;
    terms = terms.map((T) => ({ ...T, rhoIx: 0 }));
  } else if (dtau4 === 0 && terms.every((T) => !active(T) || RHO[T.rhoIx] === 1)) dtau4 = dtauB;
  if (keepShift) terms = terms.map((T) => ({ ...T, den: T.num * T.den }));
  else if (terms.every((T) => !active(T) || T.den % T.num === 0)) {
    const T = terms[0]!;
    terms[0] = { ...T, p: active(T) ? T.p : 1, ...(T.num === 1 ? { num: 2, den: 2 * T.den - 1 } : { den: T.den + 1 }) };
  }
  return { ...P, dtau4, terms };
}

export const shiftDomain: fc.Arbitrary<ShiftParams> = fc
  .record({
    l8: fc.integer({ min: 1, max: 32 }),
    t8: fc.integer({ min: 1, max: 32 }),
    h8: fc.integer({ min: 1, max: 16 }),
    sig4: fc.integer({ min: -8, max: 8 }),
    dtau4: oftenZero(2, -2),
    c4: fc.integer({ min: -8, max: 8 }).filter((k) => k !== 0),
    a0: fc.integer({ min: 0, max: 4 }),
    terms: fc.array(termDomain, { minLength: 1, maxLength: 2 }),
    k4: fc.integer({ min: 5, max: 16 }),
    keepCov: fc.boolean(),
    keepShift: fc.boolean(),
    dtauB: fc.constantFrom(-2, -1, 1, 2),
  })
  .map(shaped);

export const discreteShift = defineClaim<ShiftParams>({
  id: 'grsd.discrete-shift',
  group: 'grsd',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`v(e^h\lambda,t)=e^{h(1+\sigma)}v,\ v(\kappa\lambda,t/\kappa)=\kappa^2v\iff v=t^{-1}\lambda(\lambda t)^\sigma P(\ln\lambda t),\ P(s+h)=P(s);\qquad\text{not}\ v=C\lambda^{1+\sigma}t^{\sigma-1}:\ \text{e.g. }P(s)=a_0+a\cos(2\pi m s/h)`,
  domain: shiftDomain,
  encoding: {
    defs: [
      // the hypotheses, measured on the field's values: discrete log-shift and time covariance,
      // each as the relative defect of its law (left side against right side)
      ['eh', 'exp(h + sigma * h)'],
      ['shiftR', 'eh * v0'],
      ['shiftdef', 'abs(vH - shiftR) / (abs(vH) + abs(shiftR) + tol)'],
      ['covR', 'kappa^2 * v0'],
      ['covdef', 'abs(vK - covR) / (abs(vK) + abs(covR) + tol)'],
      // mathjs compares with an absolute tolerance: compare the ratio to 1, not tiny numbers
      ['inclass', '(shiftdef + covdef) / tol < 1 ? 1 : 0'],
      // P(s) = e^(-(1 + sigma) s) v(e^s, 1): the field on the line t = 1 at x = e^s, over x^(1 + sigma);
      // read at s = ln(lambda t) and one shell further, s + h (each point with its own x)
      ['P', 'P(w, x) = w / x^(1 + sigma)'],
      ['P0', 'P(w0, lam * t)'],
      ['PH', 'P(wH, exp(h) * lam * t)'],
      ['PH2', 'P(wH2, exp(h / 2) * lam * t)'],
      // the prefactor of the form, t^-1 lambda (lambda t)^sigma
      ['g', '(lam * t)^sigma'],
    ],
    equations: [
      // both hypotheses => the covariant log-periodic form, with P read off the line t = 1 ...
      { name: 'form', lhs: 'inclass * v0', rhs: 'inclass * lam * g / t * P0', scale: 'abs(v0) + abs(lam * g / t * P0)' },
      // ... and P periodic with period h
      { name: 'periodic', lhs: 'inclass * PH', rhs: 'inclass * P0', scale: 'abs(PH) + abs(P0)' },
      // conversely every member of the family meets both hypotheses
      { name: 'sufficient', lhs: 'infamily * (1 - inclass)', rhs: '0', scale: '1' },
    ],
  },
  instance(params, { digits }) {
    return { scope: memo(shiftCache, `${JSON.stringify(params)}|${digits}`, () => shiftScope(params, digits)) };
  },
  runs: 40,
  // The gate compares the hypotheses' relative defects with tol = 10^(-0.6 D), and the drawn
  // fields sit far on either side of it: members at the working precision's floor (defect / tol
  // at most 1e-5 at 40 digits, 1e-40 at 80, over the first 200 draws of seed 42), non-members at
  // a relative defect of at least 8e-3 (defect / tol above 1e21). How the defect is normalised
  // moves no field across.
  equivalentMutants: [
    {
      site: /^def (shiftdef|covdef)$/,
      kinds: ['factor 2 on the whole side'],
      why: 'a defect only meets tol in the gate, and no drawn field lies within a factor 2 of it: members sit at defect / tol <= 1e-5, non-members at >= 1e21',
    },
    {
      site: 'def inclass',
      kinds: ['constant doubled', 'constant halved'],
      at: /: 1 -> (2|0\.5) in (the condition )?\(shiftdef \+ covdef\) \/ tol < 1$/,
      why: 'the gate threshold (defect / tol < 1) moved by a factor 2: members sit at defect / tol <= 1e-5, non-members at >= 1e21',
    },
    {
      site: /^def (shiftdef|covdef)$/,
      kinds: ['term dropped'],
      at: /: abs\((vH|vK)\) \+ abs\((shiftR|covR)\) -> abs\((vH|vK|shiftR|covR)\)$/,
      why: "the unit of a relative defect: one side of the law instead of the sum of both sides. For a member the sides agree to the working precision (the unit halves); for a non-member the defect can only grow (the dropped side was part of the unit); tol still floors the unit where the field vanishes",
    },
    {
      site: /^def (shiftdef|covdef)$/,
      kinds: ['sign flipped', 'term dropped'],
      at: /: abs\((vH|vK)\) \+ abs\((shiftR|covR)\) \+ tol -> abs\((vH|vK)\) \+ abs\((shiftR|covR)\)( - \(tol\))?$/,
      why: "tol as the unit's floor (10^(-0.6 D), added or subtracted, or dropped) changes the unit by a relative 10^(-0.6 D) wherever the field is nonzero at the compared points; it decides only where both sides of a law vanish to the working precision (a pure sine bracket at lambda t = 1: 0/0 rounding noise), which no drawn case among the mutants' meets",
    },
  ],
  variants: [
    // the discrete reading: the hypotheses force a pure power law, P constant = v(1, 1)
    { name: 'discrete reading: the shift and covariance force v = v(1,1) lambda^(1+sigma) t^(sigma-1)', equations: { form: { rhs: 'inclass * v11 * lam^(1 + sigma) * t^(sigma - 1)' } } },
    { name: 'period of P half a shell', equations: { periodic: { lhs: 'inclass * PH2' } } },
    { name: 'covariant form with t, not 1/t', equations: { form: { rhs: 'inclass * lam * g * t * P0' } } },
  ],
});

export const grsdClaims = [timeCovariance, rigidity, discreteShift];

/* ------------------------------------------------------------------------------------------
 * Assumptions, measured: grsd.toeplitz-couplings and grsd.conditions
 *
 * Definitions (the paper's exact normalisation is not at hand; these are ours, stated):
 * - shell transfer T_ab = 2 sum_(k in S_a, j in S_b) A_kj c_k c_j (the cross-shell term of
 *   dE_a/dt, shell.energy-balance);
 * - renormalised coupling K_ab = T_ab / (sqrt(E_a E_b) sqrt(lam_a lam_b)), lam_a = e^((a + 1/2) h)
 *   the shell's nominal rate: a transfer rate per unit energy in units of the shells' own rates,
 *   unchanged by M -> kappa M, t -> t / kappa up to a shift of the shell labels;
 * - log-shift invariance K_ab = K(a - b): the Toeplitz projection averages K along each diagonal
 *   a - b = r (diagonals with at least two pairs); the distance is |K - Pi K|_F / |K|_F over those
 *   pairs, against the value sqrt(sum_r (N_r - 1) / sum_r N_r) that unstructured (independent,
 *   zero-mean) entries would give.
 * ---------------------------------------------------------------------------------------- */

/** The top band of the spectrum (fraction of lambda_max) for the Kato ratio of the leading modes. */
const TOP_BAND = 1e-3;

/** Shells whose energy is below this fraction of |e|^2 carry no measurable coupling. */
const ENERGY_FLOOR = 1e-12;

export interface ToeplitzMeasure {
  shells: number;
  pairs: number;
  distance: number;
  baseline: number;
}

/** The renormalised couplings of one snapshot and their distance from the Toeplitz projection. */
export function toeplitzDistance(s: Snapshot, h: number): ToeplitzMeasure | null {
  const total = s.c.reduce((a, x) => a + x * x, 0);
  const shells = shellsOf(s)
    .map((S) => ({ ...S, E: S.modes.reduce((a, k) => a + s.c[k]! ** 2, 0) }))
    .filter((S) => S.E > ENERGY_FLOOR * total);
  const K = new Map<number, number[]>();
  for (const Sa of shells)
    for (const Sb of shells) {
      if (Sa.label === Sb.label) continue;
      let T = 0;
      for (const k of Sa.modes) for (const j of Sb.modes) T += 2 * s.A[k]![j]! * s.c[k]! * s.c[j]!;
      const kab = T / (Math.sqrt(Sa.E * Sb.E) * Math.exp(((Sa.label + Sb.label) / 2 + 0.5) * h));
      const r = Sa.label - Sb.label;
      K.set(r, [...(K.get(r) ?? []), kab]);
    }
  let num = 0;
  let den = 0;
  let pairs = 0;
  let nullNum = 0;
  for (const ks of K.values()) {
    if (ks.length < 2) continue;
    const mean = ks.reduce((a, x) => a + x, 0) / ks.length;
    for (const x of ks) {
      num += (x - mean) ** 2;
      den += x * x;
    }
    pairs += ks.length;
    nullNum += ks.length - 1;
  }
  if (pairs === 0 || den === 0) return null;
  return { shells: shells.length, pairs, distance: Math.sqrt(num / den), baseline: Math.sqrt(nullNum / pairs) };
}

export const toeplitzCouplings: Diagnostic = {
  id: 'grsd.toeplitz-couplings',
  group: 'grsd',
  kind: 'assumption',
  source: SOURCE,
  statement: String.raw`K_{ab}=\frac{T_{ab}}{\sqrt{E_aE_b}\sqrt{\bar\lambda_a\bar\lambda_b}}\approx K(a-b),\quad T_{ab}=2\!\!\sum_{k\in S_a,j\in S_b}\!\!A_{kj}c_kc_j,\ \bar\lambda_a=e^{(a+\frac12)h};\qquad \frac{\|K-\Pi_{\rm Toep}K\|_F}{\|K\|_F}`,
  inputs: ['Kato couplings A_kj', 'mode amplitudes c_k', 'log shells of width h', 'over training'],
  measure(net) {
    const tr = traceOf(net);
    const t: number[] = [];
    const dist: number[] = [];
    const base: number[] = [];
    const nsh: number[] = [];
    for (const s of tr.snapshots) {
      const m = toeplitzDistance(s, tr.h);
      if (!m) continue;
      t.push(s.t);
      dist.push(m.distance);
      base.push(m.baseline);
      nsh.push(m.shells);
    }
    const d = median(dist);
    const b = median(base);
    const ratio = d / b;
    const reading = !Number.isFinite(ratio)
      ? 'too few occupied shells to compare couplings along diagonals'
      : ratio < 0.5
        ? `the couplings are close to log-shift invariant (distance ${fmt(d)}, ${fmt(ratio)} of the unstructured value): the shell dynamics can renormalise`
        : ratio < 0.8
          ? `the couplings are only partly log-shift invariant (distance ${fmt(d)}, ${fmt(ratio)} of the unstructured value)`
          : `the couplings are no closer to Toeplitz than unstructured ones (distance ${fmt(d)}, ${fmt(ratio)} of the unstructured value): no log-shift invariance seen`;
    return {
      id: this.id,
      network: net.name,
      numbers: [
        { name: 'toeplitz.distance', value: d, meaning: 'median over training of |K - Pi K|_F / |K|_F' },
        { name: 'toeplitz.baseline', value: b, meaning: 'the same for unstructured couplings, sqrt(sum (N_r - 1) / sum N_r)' },
        { name: 'toeplitz.ratio', value: ratio, meaning: 'distance / baseline: 0 Toeplitz, about 1 unstructured (reading: < 0.5 log-shift invariant)' },
        { name: 'shells', value: median(nsh), meaning: 'median number of occupied shells' },
      ],
      series: { t, values: { distance: dist, baseline: base } },
      reading,
      satisfied: ratio < 0.5,
    };
  },
};

export const conditions: Diagnostic = {
  id: 'grsd.conditions',
  group: 'grsd',
  kind: 'assumption',
  source: SOURCE,
  statement: String.raw`\text{(i)}\ \frac{\max_l G_l}{\min_l G_l},\ G_l=\frac{\|J_l\|_F}{\sqrt{n\,p_l}};\quad \text{(ii)}\ \Phi_0=\frac{\sum_{a\ne b}|\sum_{k\in S_a,j\in S_b}x_{kj}|}{\sum_{a\ne b}\|x\|_{2}},\ x_{kj}=A_{kj}c_kc_j\ (t=0);\quad \text{(iii)}\ t\frac{\|\dot M\|_F}{\|M\|_F},\ \frac{|A_{kj}|}{\max(\lambda_k,\lambda_j)}\ (k,j\ \text{in different shells})`,
  inputs: ['Jacobian by layer', 'Kato couplings A_kj', 'mode amplitudes c_k at initialisation', 'dM/dt and the spectrum over training'],
  measure(net) {
    const tr = traceOf(net);
    const t: number[] = [];
    const spread: number[] = [];
    const drift: number[] = [];
    const kato: number[] = [];
    const katoTop: number[] = [];
    for (const s of tr.snapshots) {
      t.push(s.t);
      // (i) bounded gradient propagation: per-parameter RMS Jacobian by layer
      const G = net.layers.map((L) => {
        let q = 0;
        for (const row of s.J) for (let i = L.from; i < L.to; i++) q += row[i]! ** 2;
        return Math.sqrt(q / (net.n * (L.to - L.from)));
      });
      spread.push(Math.max(...G) / Math.min(...G));
      // (iii) controlled Jacobian evolution
      drift.push((s.t * frob(s.Mdot)) / frob(s.M));
      const ratios: number[] = [];
      const top: number[] = [];
      const lmax = Math.max(...s.lambda);
      s.shell.forEach((a, k) =>
        s.shell.forEach((b, j) => {
          if (a === b || k >= j || !coupled(s, k) || !coupled(s, j)) return;
          const r = Math.abs(s.A[k]![j]!) / Math.max(s.lambda[k]!, s.lambda[j]!);
          ratios.push(r);
          if (Math.min(s.lambda[k]!, s.lambda[j]!) >= TOP_BAND * lmax) top.push(r);
        }),
      );
      kato.push(ratios.length ? quantile(ratios, 0.9) : 0);
      katoTop.push(top.length ? quantile(top, 0.9) : 0);
    }
    // (ii) functional incoherence at initialisation: coherent over random-phase sums of the transfers
    const s0 = tr.snapshots[0]!;
    const shells = shellsOf(s0);
    let coherent = 0;
    let incoherent = 0;
    let ceiling = 0;
    for (const Sa of shells)
      for (const Sb of shells) {
        if (Sa.label === Sb.label || Sa.modes.length * Sb.modes.length < 2) continue;
        let sum = 0;
        let sq = 0;
        for (const k of Sa.modes)
          for (const j of Sb.modes) {
            const x = s0.A[k]![j]! * s0.c[k]! * s0.c[j]!;
            sum += x;
            sq += x * x;
          }
        coherent += Math.abs(sum);
        incoherent += Math.sqrt(sq);
        ceiling += Math.sqrt(sq * Sa.modes.length * Sb.modes.length);
      }
    const phi0 = incoherent > 0 ? coherent / incoherent : Number.NaN;
    const spreadMax = Math.max(...spread);
    const driftMax = Math.max(...drift);
    const katoMax = Math.max(...kato);
    const katoTopMax = Math.max(...katoTop);
    const ok = { grad: spreadMax <= 10, coh: !(phi0 > 1.5), jac: driftMax <= 1 && katoMax <= 1 };
    const parts = [
      ok.grad ? `gradient propagation bounded (layer spread at most ${fmt(spreadMax)})` : `gradient propagation unbalanced (layer spread up to ${fmt(spreadMax)})`,
      ok.coh ? `weakly coherent at initialisation (Phi0 = ${fmt(phi0)}; random phases give about 0.8)` : `coherent at initialisation (Phi0 = ${fmt(phi0)}, ceiling ${fmt(ceiling / incoherent)})`,
      ok.jac
        ? `Jacobian evolution controlled (t|Mdot|/|M| <= ${fmt(driftMax)}, Kato ratio p90 <= ${fmt(katoMax)})`
        : `Jacobian evolution not controlled (t|Mdot|/|M| up to ${fmt(driftMax)}, Kato ratio p90 up to ${fmt(katoMax)})`,
    ];
    return {
      id: this.id,
      network: net.name,
      numbers: [
        { name: 'gradient.spread.init', value: spread[0]!, meaning: 'max/min over layers of |J_l|_F / sqrt(n p_l) at initialisation' },
        { name: 'gradient.spread.max', value: spreadMax, meaning: 'the same, largest over training (reading: <= 10 bounded)' },
        { name: 'incoherence.phi0', value: phi0, meaning: 'coherent / random-phase sum of cross-shell transfers at t = 0 (about 0.8 random phases; reading: <= 1.5 weak)' },
        { name: 'incoherence.ceiling', value: ceiling / incoherent, meaning: 'the value of phi0 for fully coherent phases' },
        { name: 'jacobian.drift.max', value: driftMax, meaning: 'largest t |Mdot|_F / |M|_F: relative change of M per e-fold of time (reading: <= 1)' },
        { name: 'jacobian.kato.p90.max', value: katoMax, meaning: 'largest over training of the 90th percentile of |A_kj| / max(lambda_k, lambda_j) over cross-shell pairs above the coupling floor (reading: <= 1)' },
        { name: 'jacobian.kato.top.max', value: katoTopMax, meaning: 'the same over the top three decades of the spectrum only' },
      ],
      series: { t, values: { gradientSpread: spread, drift, kato, katoTop } },
      reading: parts.join('; '),
      satisfied: ok.grad && ok.coh && ok.jac,
    };
  },
};

/* ------------------------------------------------------------------------------------------
 * Assumption, measured: grsd.renormalizable-shells (Zhang, arXiv 2512.10427)
 *
 * The hypothesis: the cumulative cross-shell effects reduce to a net flux across shell boundaries,
 * dE_a/dt = D_a + F_(a-1/2) - F_(a+1/2), i.e. the transfer is carried by neighbouring shells and a
 * local law closes it. Measured (src/core/shell-flux.ts, our definitions):
 * (1) locality: the share of sum |T_ab| at |a - b| = 1, 2, 3 (against the share of pairs there,
 *     what transfers of equal size on every pair would give) and the decay rate gamma of the
 *     per-pair mean |T_ab| ~ e^(-gamma |a - b|);
 * (2) closure: F_(a+1/2) = e^((a+1)h) (p_+ E_a - p_- E_(a+1)) fitted by least squares on the net
 *     transfers of the first half of the snapshots, then used to predict dE_a/dt on the second
 *     half from that snapshot's energies and dissipation; the error |Qhat - Q| / |D + Q| (RMS over
 *     the window's snapshots) against no transfer (Qhat = 0) and two all-to-all closures (every
 *     pair; the same two coefficients, or one per signed distance). The prediction is of the energy change at each later snapshot,
 *     not an integration between snapshots: the Kato transfers are known only at the snapshots, a
 *     factor ~2 apart in t, and modes crossing shell boundaries in between move energy that no
 *     transfer law carries.
 * ---------------------------------------------------------------------------------------- */

const RENORM_SOURCE = 'arXiv:2512.10427';

export const renormalizableShells: Diagnostic = {
  id: 'grsd.renormalizable-shells',
  group: 'grsd',
  kind: 'assumption',
  source: RENORM_SOURCE,
  statement: String.raw`\dot E_a=D_a+\sum_bT_{ab}\approx D_a+F_{a-\frac12}-F_{a+\frac12};\qquad \text{(i)}\ \frac{\sum_{|a-b|=k}|T_{ab}|}{\sum_{a\ne b}|T_{ab}|}\approx\delta_{k1},\ \overline{|T_{ab}|}_{|a-b|=k}\propto e^{-\gamma k};\qquad \text{(ii)}\ F_{a+\frac12}=e^{(a+1)h}\,(p_+E_a-p_-E_{a+1})\ \text{fitted early},\ \frac{\|\hat Q-Q\|}{\|D+Q\|}\ \text{later};\quad T_{ab}=2\!\!\sum_{k\in S_a,j\in S_b}\!\!A_{kj}c_kc_j,\ D_a=-2\!\sum_{k\in S_a}\!\lambda_kc_k^2`,
  inputs: ['Kato couplings A_kj', 'mode amplitudes c_k', 'eigenvalues (dissipation)', 'log shells of width h', 'over training: the first half of the snapshots fits the closures, the second half tests them'],
  measure(net) {
    const tr = traceOf(net);
    return renormalizableResult(measureShellFlux(shellStates(tr), tr.h), net.name);
  },
};

/** The diagnostic's numbers and reading from the measurement (thresholds are heuristics). */
export function renormalizableResult(m: ShellFluxMeasure, network: string): DiagnosticResult {
  const [s1, s2, s3] = m.share as [number, number, number];
  const err = m.later;
  const local = s1 >= 0.5 && s1 >= 2 * m.pairShare;
  const predictive = err.local <= 0.5 * err.none;
  // the per-distance closure nests the local one: locality holds when it costs at most 10% (or
  // both are at rounding level against the transfer), i.e. the extra couplings buy nothing
  const localityHelps = err.local <= Math.max(1.1 * Math.min(err.uniform, err['per-distance']), 1e-9 * err.none);
  const between = `share at |a-b| = 1: ${fmt(s1)}, ${fmt(m.pairShare)} for equal transfers on every pair`;
  const parts = [
    local ? `transfer carried by neighbouring shells (${between}; |T| falls by e^-${fmt(m.rate)} per shell)` : `transfer not concentrated on neighbouring shells (${between}; decay rate ${fmt(m.rate)} per shell)`,
    `the local flux closure fitted on the first half of training ${predictive ? 'predicts' : 'does not predict'} the later energy changes (error ${fmt(err.local)} against ${fmt(err.none)} with no transfer)`,
    // when no closure beats no transfer, comparing them says nothing about locality
    Math.min(err.local, err.uniform, err['per-distance']) > 0.8 * err.none
      ? `no closure linear in the shell energies beats no transfer by 20% (all-to-all: ${fmt(err.uniform)} with the same two coefficients, ${fmt(err['per-distance'])} with one per distance; the local one is ${localityHelps ? 'the best or within 10% of it' : 'not the best'}), so the closures do not show whether locality helps`
      : localityHelps
        ? `locality suffices: all-to-all closures predict no better (${fmt(err.uniform)} with the same two coefficients, ${fmt(err['per-distance'])} with one per distance)`
        : `locality does not suffice: an all-to-all closure predicts better (${fmt(err.uniform)} with the same two coefficients, ${fmt(err['per-distance'])} with one per distance)`,
  ];
  const e = m.series.errors;
  return {
    id: renormalizableShells.id,
    network,
    numbers: [
      { name: 'transfer.share.1', value: s1, meaning: 'median over snapshots of sum_(|a-b|=1) |T_ab| / sum_(a!=b) |T_ab| (reading: >= 0.5 and >= 2x the next number: local)' },
      { name: 'transfer.share.1.pairs', value: m.pairShare, meaning: 'the same for equal |T_ab| on every pair of occupied shells (fraction of pairs at |a-b| = 1)' },
      { name: 'transfer.share.2', value: s2, meaning: 'median share of sum |T_ab| at |a-b| = 2' },
      { name: 'transfer.share.3', value: s3, meaning: 'median share of sum |T_ab| at |a-b| = 3' },
      { name: 'transfer.decay.rate', value: m.rate, meaning: 'median gamma of mean |T_ab| ~ e^(-gamma |a-b|) over pairs of occupied shells (e-folds per shell)' },
      {
        name: 'flux.error.local',
        value: err.local,
        meaning: 'later half: RMS over snapshots of |Qhat - Q| / |D + Q|, Qhat from the local closure F = e^((a+1)h) (p+ E_a - p- E_(a+1)) fitted on the first half (reading: <= 0.5x no transfer: predictive)',
      },
      { name: 'flux.error.uniform', value: err.uniform, meaning: 'the same, all-to-all closure with the same two coefficients on every pair' },
      { name: 'flux.error.per-distance', value: err['per-distance'], meaning: 'the same, all-to-all closure with one coefficient per signed distance' },
      { name: 'flux.error.none', value: err.none, meaning: 'the same with no transfer (Qhat = 0): |Q| / |D + Q|' },
      { name: 'flux.fit.local', value: m.fitted.local, meaning: 'first half (in sample): the same error of the local closure' },
      { name: 'flux.fit.none', value: m.fitted.none, meaning: 'first half: the same with no transfer' },
    ],
    series: {
      t: m.series.t,
      // errors in sample up to the split, out of sample after it
      values: { share1: m.series.share[0]!, share2: m.series.share[1]!, share3: m.series.share[2]!, decayRate: m.series.rate, errorLocal: e.local, errorUniform: e.uniform, errorPerDistance: e['per-distance'], errorNone: e.none },
    },
    reading: parts.join('; '),
    satisfied: local && predictive && localityHelps,
  };
}

const fmt = (x: number): string => (Number.isFinite(x) ? (Math.abs(x) >= 1e3 || Math.abs(x) < 1e-2 ? x.toExponential(2) : x.toFixed(3)) : String(x));

export const grsdDiagnostics: Diagnostic[] = [toeplitzCouplings, conditions, renormalizableShells];
