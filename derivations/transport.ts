/**
 * transport: renormalised shell transport and self-similarity (Zhang, arXiv 2512.10427 and
 * 2512.18209). The spectral energy density g(lambda, t) is carried along lambda by a velocity
 * v and dissipated by the modes' own decay; in the log coordinate s = ln lambda the same
 * balance reads for eps = lambda g and u = v / lambda.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import nerdamer from 'nerdamer-prime';
import { defineClaim, type Claim, type Scope, type SymScope } from '../src/api/index.js';
import { dec, centralDerivative, levelsFor, eigSym, matmulT, matvec, transpose, integrateGBS, integrateLinearPoly, linearTaylor, seriesEval, nestedSolutions, gaussLegendre, rk4, polyShift, Rng, type Fixed, type Mat, type Vec, type MatPoly } from '../src/api/numeric.js';
import { FD_FRACTION, FD_TOLERANCE, fixedAt, memo, sizeBiased } from './instances.js';

const SOURCE = 'arXiv:2512.10427; arXiv:2512.18209';

/* ------------------------------------------------------------------------------------------
 * Shared numeric helpers (also used by grsd.ts)
 * ---------------------------------------------------------------------------------------- */

/** The largest power of two not above x (x > 0), as a fixed-point value: exact steps. */
export function pow2Below(F: Fixed, x: number): bigint {
  return F.pow2(Math.floor(Math.log2(x)));
}

/**
 * d/dx at x0 of a scalar function by extrapolated central differences. The caller scales h0
 * so that the function varies on a unit scale over about 16 h0: the levels assume 2^-4.
 */
export function fdScalar(F: Fixed, f: (x: bigint) => bigint, x0: bigint, h0: bigint): bigint {
  return centralDerivative(F, (x) => [f(x)], x0, h0, levelsFor(F, -4, FD_FRACTION))[0]!;
}

/**
 * d/dt at t1 of q(e(t)) along de/dt = -C(t) e (C a matrix polynomial) with e(t1) = e1 known
 * (from integrateLinearPoly): the local Taylor series of the ODE about t1 supplies e(t1 ± h_j),
 * and the extrapolated central difference of q over those samples is the derivative.
 */
export function flowDerivative(F: Fixed, C: MatPoly, t1: bigint, e1: Vec, h0: bigint, q: (e: Vec) => Vec): Vec {
  const series = linearTaylor(F, polyShift(F, C, t1), e1, h0);
  return centralDerivative(F, (t) => q(seriesEval(F, series, t - t1)), t1, h0, levelsFor(F, -4, FD_FRACTION));
}

/**
 * ln x in fixed point by Newton's iteration on exp (y <- y + x e^(-y) - 1) from the double
 * logarithm: quadratic, so three or four exps reach the working precision (decimal.js's ln,
 * behind Fixed.ln, costs milliseconds per call).
 */
export function lnFixed(F: Fixed, x: bigint): bigint {
  if (x <= 0n) throw new RangeError('ln of a non-positive number');
  let y = F.fromNumber(Math.log(F.toNumber(x)));
  for (let i = 0; i < 8; i++) {
    const d = F.mul(x, F.exp(-y)) - F.one;
    y += d;
    if ((d < 0n ? -d : d) < 1n << 12n) break;
  }
  return y;
}

/** Sizes and seed of a drawn mode system. */
export interface ModeSpec {
  n: number;
  m: number;
  seed: number;
}

/**
 * A drawn positive semidefinite M0 = J J^T / 2^k (n x m, dyadic J entries in [-1, 1]) with
 * 2^k >= n m, so that its spectrum lies in [0, 1]: flows stay within a few e-folds, which the
 * fixed-point (absolute) precision needs. Exact at every working precision.
 */
export function drawModes(F: Fixed, spec: ModeSpec): { M0: Mat; e0: Vec } {
  const rng = new Rng(spec.seed);
  const draw = (): bigint => {
    const [k, d] = rng.dyadic(1, 3);
    return F.ratio(k, d);
  };
  const J: Mat = Array.from({ length: spec.n }, () => Array.from({ length: spec.m }, draw));
  const e0: Vec = Array.from({ length: spec.n }, draw);
  const shift = BigInt(Math.ceil(Math.log2(spec.n * spec.m)));
  const M0 = matmulT(F, J, J).map((r) => r.map((x) => x >> shift));
  return { M0, e0 };
}

/** Sizes biased to small ones (every size occurs): the mathjs evaluation of matrix encodings dominates large ones. */
export const modeDomain = (nMax: number): fc.Arbitrary<ModeSpec> =>
  fc.record({ n: sizeBiased(1, nMax), m: sizeBiased(1, nMax), seed: fc.integer({ min: 0, max: 0x7fffffff }) });


/** nerdamer's normal form of an expression (with optional substitutions). */
export const nd = (e: string, subs: Record<string, string> = {}): string => nerdamer(e, subs).toString();

/* ------------------------------------------------------------------------------------------
 * transport.log-continuity
 * ---------------------------------------------------------------------------------------- */

interface ContinuityParams {
  /** the point: lambda0 = l8 / 8, t0 = t8 / 8 */
  l8: number;
  t8: number;
  /** test functions g = lambda^p (1 + q lambda t) e^(-w lambda t), v = r lambda^2 t + c lambda + k (quarters) */
  p4: number;
  q4: number;
  w4: number;
  r4: number;
  c4: number;
  k4: number;
  /** microscopic modes for the dissipation factor, observed at t = tm8 / 8 */
  modes: ModeSpec;
  tm8: number;
}

const continuityCache = new Map<string, Scope>();

function continuityScope(P: ContinuityParams, digits: number): Scope {
  const F = fixedAt(digits);
  const q = (k: number): bigint => F.ratio(k, 4);
  const [p, qq, w, r, c, k] = [q(P.p4), q(P.q4), q(P.w4), q(P.r4), q(P.c4), q(P.k4)];
  const lam0 = F.ratio(P.l8, 8);
  const t0 = F.ratio(P.t8, 8);
  const ln0 = lnFixed(F, lam0);
  // g = (1 + q lambda t) e^(p ln lambda - w lambda t): one exp per sample
  const g = (lam: bigint, lnLam: bigint, t: bigint): bigint => {
    const lt = F.mul(lam, t);
    return F.mul(F.one + F.mul(qq, lt), F.exp(F.mul(p, lnLam) - F.mul(w, lt)));
  };
  const v = (lam: bigint, t: bigint): bigint => F.mul(F.mul(r, F.mul(lam, lam)), t) + F.mul(c, lam) + k;
  const [pN, wN, lN, tN] = [Math.abs(P.p4 / 4), P.w4 / 4, P.l8 / 8, P.t8 / 8];
  // steps: the functions vary on unit scale over ~16 h0 (lambda^p has its singularity at 0)
  const ht = pow2Below(F, 1 / (16 * (wN * lN + Math.abs(P.q4 / 4) * lN + 1)));
  const hs = pow2Below(F, 1 / (16 * (pN + 4 + wN * lN * tN * 2)));
  const hl = pow2Below(F, Math.min(lN, 1 / (wN * tN + 1)) / (16 * (pN + 3)));
  // the log-coordinate side: eps(s, t) = e^s g(e^s, t), u(s, t) = v(e^s, t) / e^s
  const dtEps = fdScalar(F, (t) => F.mul(lam0, g(lam0, ln0, t)), t0, ht);
  const dsFlux = fdScalar(
    F,
    (s) => {
      const lam = F.exp(s);
      const u = F.div(v(lam, t0), lam);
      const eps = F.mul(lam, g(lam, s, t0));
      return F.mul(u, eps);
    },
    ln0,
    hs,
  );
  // the lambda-coordinate side
  const dtG = fdScalar(F, (t) => g(lam0, ln0, t), t0, ht);
  const dlVg = fdScalar(F, (lam) => F.mul(v(lam, t0), g(lam, lnFixed(F, lam), t0)), lam0, hl);
  // the microscopic balance: de/dt = -M0 e integrated directly, mode energies E_k = c_k^2
  const { M0, e0 } = drawModes(F, P.modes);
  const eig = eigSym(F, M0);
  const Ut = transpose(eig.vectors);
  const tm = F.ratio(P.tm8, 8);
  const [em] = integrateLinearPoly(F, [M0], 0n, e0, [tm]);
  const energies = (e: Vec): Vec => matvec(F, Ut, e).map((x) => F.mul(x, x));
  const E = energies(em!);
  // spectrum in [0, 1]: E_k varies at rate <= 2
  const dE = flowDerivative(F, [M0], tm, em!, F.pow2(-5), energies);
  return {
    lam: dec(F, lam0),
    eps0: dec(F, F.mul(lam0, g(lam0, ln0, t0))),
    vg0: dec(F, F.mul(v(lam0, t0), g(lam0, ln0, t0))),
    dt_eps: dec(F, dtEps),
    ds_flux: dec(F, dsFlux),
    dt_g: dec(F, dtG),
    dlam_vg: dec(F, dlVg),
    lam_k: dec(F, eig.values),
    E: dec(F, E),
    dE_fd: dec(F, dE),
  };
}

/** A symbolic scope built once per process: scopes() is asked for by every check. */
export function once<T>(build: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= build());
}

/** nerdamer's expanded form: scope entries as sums of monomials keep the zero decision cheap. */
export const ndx = (e: string): string => nd(`expand(${e})`);

/**
 * Symbolic inputs: concrete analytic test functions with symbolic parameters, the log side
 * differentiated in s after substituting lambda = e^s, the lambda side differentiated in lambda
 * and then evaluated at lambda = e^s. Laurent polynomials in lambda keep every term of the
 * form e^(k s), which nerdamer's expansion normalises.
 */
const continuitySymbolic = once((): SymScope => {
  const G = (L: string, T: string): string => `(a/(${L}) + b*(${L})^2*(${T}))*exp(-m*(${T}))`;
  const V = (L: string, T: string): string => `(r*(${L})^2*(${T}) + w*(${L}) + k)`;
  const L = 'exp(s)';
  const atL = (e: string): string => ndx(nd(e, { lam: L }));
  // one mode: c(t) = c0 e^(-l t), energy c^2
  const E = nd('(c0*exp(-l*t))^2');
  return {
    lam: L,
    dt_eps: ndx(nd(`diff(${L}*${G(L, 't')}, t)`)),
    ds_flux: ndx(nd(`diff((${V(L, 't')}/${L})*(${L}*${G(L, 't')}), s)`)),
    dt_g: atL(nd(`diff(${G('lam', 't')}, t)`)),
    dlam_vg: atL(nd(`diff(${V('lam', 't')}*${G('lam', 't')}, lam)`)),
    lam_k: 'l',
    E,
    dE_fd: nd(`diff(${E}, t)`),
  };
});

export const logContinuity = defineClaim<ContinuityParams>({
  id: 'transport.log-continuity',
  group: 'transport',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`s=\ln\lambda,\ \varepsilon=\lambda g,\ u=v/\lambda:\quad \partial_t\varepsilon+\partial_s(u\varepsilon)=\lambda\big[\partial_t g+\partial_\lambda(vg)\big];\qquad \partial_t g=-2\lambda g\ (c_k\propto e^{-\lambda_k t})\;\Rightarrow\;\partial_t\varepsilon=-2\lambda\varepsilon`,
  domain: fc.record({
    l8: fc.integer({ min: 2, max: 24 }),
    t8: fc.integer({ min: 1, max: 16 }),
    p4: fc.integer({ min: -8, max: 8 }),
    q4: fc.integer({ min: -4, max: 4 }),
    w4: fc.integer({ min: 0, max: 4 }),
    r4: fc.integer({ min: -4, max: 4 }),
    c4: fc.integer({ min: -4, max: 4 }),
    k4: fc.integer({ min: -4, max: 4 }),
    modes: modeDomain(4),
    tm8: fc.integer({ min: 1, max: 8 }),
  }),
  encoding: {
    // eps_k = lambda_k E_k: the mode energy as a density per unit s; lambda_k is constant in the lazy regime
    defs: [['eps_k', 'lam_k .* E']],
    equations: [
      {
        name: 'continuity',
        lhs: 'dt_eps + ds_flux',
        rhs: 'lam * (dt_g + dlam_vg)',
        // every term may vanish at a drawn point (g = 1 with d(v g)/dlambda = 0 there): measure
        // against the size of the terms and of the fields themselves, which never all vanish
        scale: 'abs(dt_eps) + abs(ds_flux) + lam * (abs(dt_g) + abs(dlam_vg)) + abs(eps0) + abs(vg0)',
      },
      // e0 may be orthogonal to every mode of nonzero rate (M0 of rank one): measure against lambda_max |e|^2
      { name: 'dissipation', lhs: 'lam_k .* dE_fd', rhs: '-2 * lam_k .* eps_k', scale: 'norm(lam_k .* dE_fd) + max(lam_k) * sum(E)' },
    ],
  },
  instance(params, { digits }) {
    return { scope: memo(continuityCache, `${JSON.stringify(params)}|${digits}`, () => continuityScope(params, digits)) };
  },
  symbolic: { scopes: () => [continuitySymbolic()] },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'dissipation at the amplitude rate: -lambda eps', equations: { dissipation: { rhs: '-lam_k .* eps_k' } } },
    { name: 'lost factor lambda on the right', equations: { continuity: { rhs: 'dt_g + dlam_vg' } } },
    { name: 'flux sign flipped', equations: { continuity: { lhs: 'dt_eps - ds_flux' } } },
  ],
});

/* ------------------------------------------------------------------------------------------
 * transport.time-reparametrisation
 * ---------------------------------------------------------------------------------------- */

interface ReparamParams {
  modes: ModeSpec;
  /** s(t) = s0 + s1 t + s2 t^2, coefficients in quarters */
  s0q: number;
  s1q: number;
  s2q: number;
  /** T = T8 / 8 in (0, 3/2] */
  T8: number;
  /** power clock s(t) = c t^(a-1), c = c4 / 4 */
  a: number;
  c4: number;
}

const reparamCache = new Map<string, Scope>();

function reparamScope(P: ReparamParams, digits: number): Scope {
  const F = fixedAt(digits);
  const { M0, e0 } = drawModes(F, P.modes);
  const eig = eigSym(F, M0);
  const sc = (k: number): Mat => M0.map((r) => r.map((x) => F.mul(x, F.ratio(k, 4))));
  const T = F.ratio(P.T8, 8);
  // the independent route: integrate de/dt = -s(t) M0 e directly (C_i = s_i M0)
  const [eT] = integrateLinearPoly(F, [sc(P.s0q), sc(P.s1q), sc(P.s2q)], 0n, e0, [T]);
  // the power clock, and dL/dt at T along it by extrapolated differences
  const zero = M0.map((r) => r.map(() => 0n));
  const Cpow = [...Array.from({ length: P.a - 1 }, () => zero), sc(P.c4)];
  const Tn = P.T8 / 8;
  const rate = 2 * (P.c4 / 4) * Tn ** (P.a - 1) + (P.a - 1) / Tn + 1;
  const h = pow2Below(F, Math.min(Tn / 4, 1 / (16 * rate)));
  const [ePT] = integrateLinearPoly(F, Cpow, 0n, e0, [T]);
  const [dL] = flowDerivative(F, Cpow, T, ePT!, h, (e) => [e.reduce((s, x) => s + F.mul(x, x), 0n) / 2n]);
  return {
    M0: dec(F, M0),
    U: dec(F, eig.vectors),
    lambda: dec(F, eig.values),
    e0: dec(F, e0),
    T: dec(F, T),
    s0: P.s0q / 4,
    s1: P.s1q / 4,
    s2: P.s2q / 4,
    a: P.a,
    c: P.c4 / 4,
    eT: dec(F, eT!),
    ePT: dec(F, ePT!),
    dL_fd: dec(F, dL!),
  };
}

/**
 * Symbolic inputs: two decoupled modes (M0 = diag(m1, m2), U = I), each solved by
 * e_i exp(-m_i int_0^T s) with the integral taken by nerdamer (defint / integrate), and
 * dL/dT of the power clock differentiated by nerdamer.
 */
const reparamSymbolic = once((): SymScope => {
  const S = nd('defint(s0+s1*t+s2*t^2, 0, T, t)');
  // int_0^T c t^(a-1) dt for a > 0: the antiderivative vanishes at 0
  const SP = nd('integrate(c*t^(a-1), t)', { t: 'T' });
  const ms = ['m1', 'm2'];
  const es = ['e1', 'e2'];
  // e_i exp(-m_i S), the sign folded into S so that nerdamer's normal form of the exponent is that of -tau*lambda
  const eT = ms.map((m, i) => `${es[i]}*exp((${nd(`-(${S})`)})*${m})`);
  const ePT = ms.map((m, i) => `${es[i]}*exp((${nd(`-(${SP})`)})*${m})`);
  const L = `(${ePT.map((x) => `(${x})^2`).join('+')})/2`;
  return {
    U: [['1', '0'], ['0', '1']],
    lambda: ms,
    M0: [['m1', '0'], ['0', 'm2']],
    e0: es,
    T: 'T',
    s0: 's0',
    s1: 's1',
    s2: 's2',
    a: 'a',
    c: 'c',
    eT,
    ePT,
    dL_fd: ndx(nd(`diff(${L}, T)`)),
  };
});

export const timeReparametrisation = defineClaim<ReparamParams>({
  id: 'transport.time-reparametrisation',
  group: 'transport',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`M(t)=s(t)M_0\;\Rightarrow\;e(t)=e^{-\tau(t)M_0}e_0,\ \tau(t)=\int_0^t s;\qquad s=c\,t^{a-1}\;\Rightarrow\;\tau=\tfrac{c}{a}t^a,\ \frac{d\ln L}{d\ln t}=a\,\frac{d\ln L}{d\ln\tau}`,
  domain: fc.record({
    modes: modeDomain(4),
    s0q: fc.integer({ min: -4, max: 8 }),
    s1q: fc.integer({ min: -4, max: 8 }),
    s2q: fc.integer({ min: -4, max: 4 }),
    T8: fc.integer({ min: 1, max: 12 }),
    a: fc.integer({ min: 1, max: 3 }),
    c4: fc.integer({ min: 1, max: 8 }),
  }),
  encoding: {
    defs: [
      ['c0', 'transpose(U)*e0'],
      ['tau', 's0*T + s1*T^2/2 + s2*T^3/3'],
      ['taup', 'c*T^a/a'],
      ['L', 'dot(ePT, ePT)/2'],
      // the loss's log-slope in t (from the integrated flow) and in tau at the same state (-dL/dtau = e^T M0 e)
      ['slope_t', 'T * dL_fd / L'],
      ['slope_tau', 'taup * (-dot(ePT, M0 * ePT)) / L'],
    ],
    equations: [
      { name: 'clock', lhs: 'eT', rhs: 'U*(vexp(-tau*lambda) .* c0)' },
      { name: 'power-clock', lhs: 'ePT', rhs: 'U*(vexp(-taup*lambda) .* c0)' },
      // e0 may sit nearly in the kernel of M0: measure the slopes against their natural size a tau |M0|
      { name: 'exponent', lhs: 'slope_t', rhs: 'a * slope_tau', scale: 'abs(slope_t) + a * taup * max(lambda)' },
    ],
  },
  instance(params, { digits }) {
    return { scope: memo(reparamCache, `${JSON.stringify(params)}|${digits}`, () => reparamScope(params, digits)) };
  },
  // the power clock c T^a / a is real for T > 0, the domain's times
  symbolic: { scopes: () => [reparamSymbolic()], positive: ['T'] },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'no integral: tau = s(T) T', defs: { tau: 's0*T + s1*T^2 + s2*T^3' } },
    { name: 'sign flipped: exp(+tau M0)', equations: { clock: { rhs: 'U*(vexp(tau*lambda) .* c0)' } } },
    { name: 'exponent off by one: (a-1) d ln L / d ln tau', equations: { exponent: { rhs: '(a - 1) * slope_tau' } } },
    { name: 'lost 1/a in the power clock: tau = c T^a', defs: { taup: 'c*T^a' } },
  ],
});

/* ------------------------------------------------------------------------------------------
 * transport.characteristics
 *
 * route: the explicit characteristic solution (curve, Jacobian, transported and dissipated
 * density, the last with its integral int lambda dt by a 10-point Gauss–Legendre rule on the
 * explicit curve) against two independent numerical routes: (i) the characteristic ODE and its
 * variational equation integrated at 30 digits (GBS), for the curve and the Jacobian; (ii) the
 * transport equation itself, d_t eps + d_s(u eps) = -2 e^s eps in s = ln lambda, solved by
 * implicit upwind finite volumes (src/numeric/finite-volume.ts) on grids refined threefold per
 * level, for the density: its error must fall, and fall at the scheme's first order.
 * ---------------------------------------------------------------------------------------- */

interface CharacteristicParams {
  /** lambda0 = l16 / 16: the characteristic's start, and the centre of the density bump */
  l16: number;
  /** sigma = b - 1 = s4 / 4 (nonzero) */
  s4: number;
  /** c(t) = (c8 / 8) t^q */
  c8: number;
  q: number;
  /** T = T8 / 8 */
  T8: number;
}

/** Half-width of the initial bump eps0(s) = sech^2((s - ln lambda0) / BUMP_W) per unit s = ln lambda. */
const BUMP_W = 0.5;
/** The coarsest cell width; level k of the range solves with CHAR_DS0 / 3^k (and the order with the next one). */
const CHAR_DS0 = 1 / 8;
/** Refinement levels: the density at each, and the observed order between it and the next. */
const CHAR_LEVELS = [0, 1, 2, 3];
/** Gauss–Legendre nodes for the dissipation integral int_0^T lambda dt of the explicit curve. */
const CHAR_NODES = 10;
/** Comparison points: at most this many, where the finest density is at least CHAR_FLOOR of its peak. */
const CHAR_POINTS = 6;
const CHAR_FLOOR = 0.05;

/**
 * The map from a start s0 to the end of its characteristic at T distorts the s axis by the
 * factor 1 / (1 - rho), rho = sigma C e^(sigma s0), C = int_0^T c: kept within [1/2, 2] over the
 * bump s0 in ln lambda0 ± 2 BUMP_W, so that the grids resolve the transported bump and the
 * dissipation integral's integrand (singular where rho would reach 1) stays smooth enough for
 * CHAR_NODES Gauss nodes (relative error below 2e-7 over 3000 drawn cases, at starts up to
 * 2.4 BUMP_W from the centre: far below the finite volumes' 1e-4).
 */
function charDistortionOk(P: CharacteristicParams): boolean {
  const sigma = P.s4 / 4;
  const C = ((P.c8 / 8) * (P.T8 / 8) ** (P.q + 1)) / (P.q + 1);
  const m = Math.log(P.l16 / 16);
  return [m - 2 * BUMP_W, m + 2 * BUMP_W].every((s0) => {
    const rho = sigma * C * Math.exp(sigma * s0);
    return rho >= -1 && rho <= 0.5;
  });
}

/**
 * The coarsest cell width for one case: CHAR_DS0 over the narrowest the bump becomes (the
 * distortion 1 / (1 - rho) over its starts), twice over: on a compressed bump (rho near -1) the
 * scheme is otherwise still pre-asymptotic at the coarse levels (self-convergence orders 0.7-0.87
 * at the finest grids, an order resolution of 0.8-1.5 against the target 0.75). CHAR_DS0 over the
 * narrowest alone left 0.92 and 1.2 at seeds 1 and 5, one and a half times over 0.85 at seed 5's
 * case (sigma = -1/2, c = 1, T = 3/8, lambda0 = 1/8: rho = -0.87); twice over leaves 0.67.
 */
function charDs0(P: CharacteristicParams): number {
  const sigma = P.s4 / 4;
  const C = ((P.c8 / 8) * (P.T8 / 8) ** (P.q + 1)) / (P.q + 1);
  const m = Math.log(P.l16 / 16);
  const narrowest = Math.min(1, ...[m - 2 * BUMP_W, m + 2 * BUMP_W].map((s0) => 1 / (1 - sigma * C * Math.exp(sigma * s0))));
  return narrowest >= 1 ? CHAR_DS0 : CHAR_DS0 / Math.ceil(2 / narrowest);
}

const charCache = new Map<string, Scope>();

/** The curve and its Jacobian by the ODE, at 30 digits (independent of the level). */
function characteristicODE(P: CharacteristicParams): Scope {
  const F = fixedAt(30);
  const sigma = F.ratio(P.s4, 4);
  const b = F.one + sigma;
  const c0 = F.ratio(P.c8, 8);
  const clock = (t: bigint): bigint => {
    let x = c0;
    for (let i = 0; i < P.q; i++) x = F.mul(x, t);
    return x;
  };
  // l = ln lambda along dl/dt = c(t) e^(sigma l), and ln J for J = d lambda / d lambda0: d ln J/dt = b c(t) e^(sigma l)
  const field = (t: bigint, y: Vec): Vec => {
    const speed = F.mul(clock(t), F.exp(F.mul(sigma, y[0]!)));
    return [speed, F.mul(b, speed)];
  };
  const l0 = lnFixed(F, F.ratio(P.l16, 16));
  const [y] = integrateGBS(F, field, 0n, [l0, 0n], [F.ratio(P.T8, 8)]);
  return { lamODE: dec(F, F.exp(y![0]!)), jacODE: dec(F, F.exp(y![1]!)) };
}

interface CharacteristicFV {
  /** comparison points s_j (centres of the coarsest grid) */
  s: number[];
  /** the finite-volume density at the points, per refinement (CHAR_LEVELS.length + 1 of them) */
  eps: number[][];
  /** the solver's own order at level k from its successive differences (solutions k - 1, k, k + 1; k >= 1) */
  selfOrder: number[];
  /** every refinement over the whole coarse grid, for the picture */
  profile: { s: number[]; eps: number[][] };
}

/**
 * The transport equation in s = ln lambda with u = v / lambda = c0 t^q e^(sigma s) and the
 * decay 2 lambda = 2 e^s, from eps0(s) = sech^2((s - ln lambda0) / BUMP_W) at t = 0 to T, on
 * grids refined threefold (nestedSolutions). The grid reaches 8 half-widths below the bump
 * (eps0 < 5e-7 there: no inflow) and half a unit above where the bump's upper edge
 * (s0 = m + 2 BUMP_W, where charDistortionOk bounds the stretch) ends, located by integrating
 * its characteristic numerically (RK4): the upwind scheme sends nothing back down, so what
 * leaves at the top changes nothing below.
 */
function characteristicFV(P: CharacteristicParams): CharacteristicFV {
  const sigma = P.s4 / 4;
  const c0 = P.c8 / 8;
  const T = P.T8 / 8;
  const m = Math.log(P.l16 / 16);
  const speed = (s: number): number => c0 * Math.exp(sigma * s);
  const clock = (t: number): number => t ** P.q;
  const ds0 = charDs0(P);
  const steps = 400;
  const top = rk4((t, y, out) => void (out[0] = clock(t) * speed(y[0]!)), [m + 2 * BUMP_W], T / steps, steps, () => false).y[0]!;
  const sLo = m - 8 * BUMP_W;
  const cells = Math.ceil((top + 0.5 - sLo) / ds0);
  const sHi = sLo + cells * ds0;
  // the centre value, not the cell average: the comparison at centres then has no O(ds^2) term
  // of the initial projection beside the scheme's first-order one
  const eps0 = (s: number): number => 1 / Math.cosh((s - m) / BUMP_W) ** 2;
  const problem = { sLo, sHi, cells, speed, clock, r: (s: number) => 2 * Math.exp(s), initial: (a: number, b: number) => eps0((a + b) / 2), inflow: () => 0 };
  // steps of about two cells' crossing at the fastest speed over the bump's range (or a decay of
  // 2 ds): implicit upwind is stable at any step, and its error stays first order in ds
  const uMax = Math.max(1, T ** P.q) * Math.max(speed(m - 2 * BUMP_W), speed(sHi));
  const steps0 = Math.max(8, Math.ceil((T * Math.max(uMax, 2 * Math.exp(sHi))) / (2 * ds0)));
  const sols = nestedSolutions(problem, 0, T, steps0, CHAR_LEVELS.length + 1, 3);
  const finest = sols[sols.length - 1]!;
  const peakEps = finest.reduce((a, x) => Math.max(a, x), 0);
  const centres = Array.from({ length: cells }, (_, i) => sLo + (i + 0.5) * ds0);
  const kept = centres.map((_, i) => i).filter((i) => finest[i]! >= CHAR_FLOOR * peakEps && centres[i]! < sHi - 0.25);
  // at most CHAR_POINTS of them, evenly spread: the encoding's dissipation integral costs points x nodes powers
  const pick = kept.length <= CHAR_POINTS ? kept : Array.from({ length: CHAR_POINTS }, (_, j) => kept[Math.round((j * (kept.length - 1)) / (CHAR_POINTS - 1))]!);
  const diff = (a: Float64Array, b: Float64Array): number => Math.sqrt(a.reduce((acc, x, i) => acc + (x - b[i]!) ** 2, 0));
  const selfOrder = CHAR_LEVELS.map((k) => {
    const j = Math.max(k, 1);
    return Math.log(diff(sols[j - 1]!, sols[j]!) / diff(sols[j]!, sols[j + 1]!)) / Math.log(3);
  });
  return { s: pick.map((i) => centres[i]!), eps: sols.map((e) => pick.map((i) => e[i]!)), selfOrder, profile: { s: centres, eps: sols.map((e) => [...e]) } };
}

const charFVCache = new Map<string, CharacteristicFV>();
const charODECache = new Map<string, Scope>();

function characteristicScope(P: CharacteristicParams, level: number): Scope {
  const key = JSON.stringify(P);
  const ode = memo(charODECache, key, () => characteristicODE(P));
  const fv = memo(charFVCache, key, () => characteristicFV(P));
  const T = P.T8 / 8;
  const rule = gaussLegendre(CHAR_NODES, 0, T);
  const D = (x: number): Decimal => new Decimal(x);
  return {
    lam0: D(P.l16 / 16),
    sigma: D(P.s4 / 4),
    c0: D(P.c8 / 8),
    q: D(P.q),
    T: D(T),
    w: D(BUMP_W),
    ...ode,
    sv: fv.s.map(D),
    tn: rule.nodes.map(D),
    wn: rule.weights.map(D),
    epsFV: fv.eps[level]!.map(D),
    epsFV3: fv.eps[level + 1]!.map(D),
    // Richardson on the scheme's first order: (3 eps(ds/3) - eps(ds)) / 2 cancels the O(ds) term
    epsRich: fv.eps[level + 1]!.map((x, j) => D((3 * x - fv.eps[level]![j]!) / 2)),
  };
}

export const characteristics = defineClaim<CharacteristicParams>({
  id: 'transport.characteristics',
  group: 'transport',
  kind: 'identity',
  source: SOURCE,
  // route: the explicit solution against the characteristic ODE at 30 digits (curve, Jacobian)
  // and against finite volumes of the transport equation refined threefold per level (density,
  // and the scheme's first order: the error of a wrong density stops falling)
  statement:
    String.raw`v = c(t)\lambda^{b}:\; \lambda(t)^{1-b} = \lambda_0^{1-b} + (1-b)\int_0^t c,\quad \frac{\partial\lambda}{\partial\lambda_0} = \Big(\frac{\lambda}{\lambda_0}\Big)^{b},\quad g(\lambda(t), t) = g_0(\lambda_0)\Big(\frac{\lambda_0}{\lambda}\Big)^{b} e^{-2\int_0^t \lambda};\qquad \text{route: ODE at 30 digits; finite volumes of } \partial_t g+\partial_\lambda(vg)=-2\lambda g,\ \|\varepsilon_{\rm FV}-\lambda g\|=O(\Delta s)`,
  // every shrink step would solve the transport equation on five grids and evaluate four levels:
  // the first refuting case is reported as drawn
  domain: fc.noShrink(
    fc
      .record({
        l16: fc.integer({ min: 1, max: 16 }),
        s4: fc.integer({ min: -4, max: 8 }).filter((k) => k !== 0),
        c8: fc.integer({ min: 1, max: 8 }),
        q: fc.integer({ min: 0, max: 2 }),
        T8: fc.integer({ min: 1, max: 8 }),
      })
      .filter(charDistortionOk),
  ),
  encoding: {
    defs: [
      ['b', '1 + sigma'],
      // the characteristic law: lambda(t)^e1 = lambda0^e1 + e1 C(t), C the clock's integral
      ['e1', '1 - b'],
      ['Cl', 'Cl(t) = c0 * t.^(q + 1) / (q + 1)'],
      // lambda where the clock integral is Cx, from L = lambda0^e1 (scalars, vectors or matrices)
      ['chiL', 'chiL(L, Cx) = (L + e1 * Cx).^(1 / e1)'],
      // the Jacobian d lambda / d lambda0 = (lambda / lambda0)^b
      ['jac', 'jac(l0, l) = (l ./ l0).^b'],
      ['C', 'Cl(T)'],
      ['lamT', 'chiL(lam0^e1, C)'],
      // the density at the comparison points: back along the characteristic to lambda0_j ...
      ['lamv', 'vexp(sv)'],
      ['lam0v', 'chiL(lamv.^e1, -C)'],
      // ... the curve from each lambda0_j at the quadrature times (a column of starts against a
      // row of clock integrals: rows are points, columns times) ...
      ['lampath', 'chiL(transpose([lam0v.^e1]), [Cl(tn)])'],
      // ... its dissipation integral D_j = int_0^T lambda dt ...
      ['Dv', 'lampath * wn'],
      // ... g0 = eps0 / lambda with eps0 = sech^2(ln(lambda / lambda0) / w) = 4 y / (y + 1)^2, y = (lambda / lambda0)^(2 / w)
      ['y0', '(lam0v / lam0).^(2 / w)'],
      ['g0v', '4 * y0 ./ (y0 + 1).^2 ./ lam0v'],
      ['gT', 'g0v ./ jac(lam0v, lamv) .* vexp(-2 * Dv)'],
      // the finite volumes carry eps = lambda g, the energy per unit s = ln lambda
      ['epsT', 'lamv .* gT'],
      ['err', 'norm(epsFV - epsT)'],
      ['err3', 'norm(epsFV3 - epsT)'],
    ],
    equations: [
      // the curve and its Jacobian against the ODE integrated at 30 digits
      { name: 'characteristic', lhs: 'lamODE', rhs: 'lamT' },
      { name: 'mass transport', lhs: 'jacODE', rhs: 'jac(lam0, lamT)' },
      // the density against the finite volumes at this level's cells (Richardson-extrapolated on
      // the scheme's first order, which the order equation checks): the error must fall towards 0
      { name: 'density', lhs: 'epsRich', rhs: 'epsT' },
      // the error falls threefold with a threefold refinement: the order of implicit upwind
      { name: 'order', lhs: 'log(err / err3) / log(3)', rhs: '1', scale: '1' },
    ],
  },
  measure(P, { level }) {
    const scope = memo(charCache, `${JSON.stringify(P)}|${level}`, () => characteristicScope(P, level));
    const fv = memo(charFVCache, JSON.stringify(P), () => characteristicFV(P));
    const self = fv.selfOrder;
    return {
      scope,
      figure: {
        kind: 'lines',
        title: `finite volumes refined threefold: sigma=${P.s4 / 4}, c=${P.c8 / 8} t^${P.q}, T=${P.T8 / 8}, lambda0=${P.l16 / 16}`,
        xLabel: 's = ln λ',
        yLabel: 'ε(s, T), energy per unit ln λ',
        series: fv.profile.eps.map((y, k) => ({ name: `ds = 1/${Math.round(3 ** k / charDs0(P))}`, x: fv.profile.s, y })),
      },
      uncertainty: {
        // the exact parts are integrated at 30 digits and evaluated at 20 (ranges.digits): known to 1e-18, not better
        characteristic: 1e-18,
        'mass transport': 1e-18,
        // an observed order is known no better than the solver itself is from its nominal order
        // at these grids: its self-convergence order (successive refinements, no explicit
        // solution) at this level and the one before
        order: Math.max(Math.abs(self[level]! - 1), Math.abs(self[Math.max(level - 1, 0)]! - 1)),
      },
    };
  },
  // the finite volumes are float64: 20 digits keep the exact parts' check far below them at less cost than 30
  // the characteristic ODE is integrated far below 1e-12; the Richardson-extrapolated density
  // converges at second order and reaches 1e-4 to 3e-3 (seeds 1, 4, 5, 42 and others; 9e-5 to
  // 2e-3 at run seeds 2, 4, 7, 10, 42, 99, 1234 and 2026): the issue's 0.005 is asserted; the order must be told from second order, a gap of 1: a resolution under 1 refutes
  // it whichever draw (reached 0.19-0.76 at run seeds 2, 4, 7, 10, 42, 99, 1234 and 2026: 2U plus
  // the last errors' reach, up to 0.03; 0.91 at run seed 13, whose case l16 = 2, s4 = -1, c8 = 7,
  // q = 0, T8 = 7 states 0.147, its self-convergence order's distance from 1 at one of the last two
  // levels, while its observed order converges geometrically, errors -0.23, -0.086, -0.027,
  // -0.008): 0.95, still under 1
  ranges: { levels: CHAR_LEVELS, digits: 20, target: { characteristic: 1e-12, 'mass transport': 1e-12, density: 0.005, order: 0.95 }, label: 'refinement: cells of ds = ds0/3^l (ds0 = 1/8, finer where the bump is compressed), and ds0/3^(l+1) for the order' },
  runs: 20,
  variants: [
    { name: "the drift's sign flipped: lambda^(1-b) = lambda0^(1-b) - (1-b) C", defs: { chiL: 'chiL(L, Cx) = (L - e1 * Cx).^(1 / e1)' } },
    { name: 'characteristic without the factor 1 - b: lambda^(1-b) = lambda0^(1-b) + C', defs: { chiL: 'chiL(L, Cx) = (L + Cx).^(1 / e1)' } },
    { name: 'modes that do not move (the lazy picture): lambda(t) = lambda0', defs: { chiL: 'chiL(L, Cx) = (L + 0 * Cx).^(1 / e1)' } },
    { name: 'clock integral without 1/(q+1)', defs: { Cl: 'Cl(t) = c0 * t.^(q + 1)' } },
    { name: 'Jacobian exponent b - 1 (that of the energy per unit ln lambda)', defs: { jac: 'jac(l0, l) = (l ./ l0).^(b - 1)' } },
    { name: 'dissipation at the amplitude rate: e^(-D)', defs: { gT: 'g0v ./ jac(lam0v, lamv) .* vexp(-Dv)' } },
    { name: 'a scalar carried, not a density: g = g0(lambda0) e^(-2D), no Jacobian', defs: { gT: 'g0v .* vexp(-2 * Dv)' } },
    { name: 'lazy dissipation at the end point: e^(-2 lambda(t) t) for e^(-2 int lambda)', defs: { gT: 'g0v ./ jac(lam0v, lamv) .* vexp(-2 * T * lamv)' } },
    { name: 'the density per unit lambda taken for the energy per unit ln lambda (eps = g)', defs: { epsT: 'gT' } },
    { name: 'finite volumes converge at second order', equations: { order: { rhs: '2' } } },
  ],
});

export const transportClaims = [logContinuity, timeReparametrisation, characteristics];

