/**
 * transport: renormalised shell transport and self-similarity (Zhang, arXiv 2512.10427 and
 * 2512.18209). The spectral energy density g(lambda, t) is carried along lambda by a velocity
 * v and dissipated by the modes' own decay; in the log coordinate s = ln lambda the same
 * balance reads for eps = lambda g and u = v / lambda.
 */
import fc from 'fast-check';
import nerdamer from 'nerdamer-prime';
import type { Claim } from '../src/core/claim.js';
import type { Scope } from '../src/symbolic/numeric.js';
import type { SymScope } from '../src/symbolic/symbolic.js';
import { dec } from '../src/numeric/convert.js';
import { centralDerivative, levelsFor } from '../src/numeric/diff.js';
import { eigSym } from '../src/numeric/eigen.js';
import type { Fixed } from '../src/numeric/fixed.js';
import { matmulT, matvec, transpose, type Mat, type Vec } from '../src/numeric/linalg.js';
import { integrateGBS, integrateLinearPoly, linearTaylor, seriesEval } from '../src/numeric/ode.js';
import { polyShift, type MatPoly } from '../src/numeric/poly.js';
import { Rng } from '../src/numeric/rng.js';
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

export const logContinuity: Claim<ContinuityParams> = {
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
  instance(params, digits) {
    return { scope: memo(continuityCache, `${JSON.stringify(params)}|${digits}`, () => continuityScope(params, digits)) };
  },
  symbolic: { scopes: () => [continuitySymbolic()] },
  tolerance: FD_TOLERANCE,
  variants: [
    { name: 'dissipation at the amplitude rate: -lambda eps', equations: { dissipation: { rhs: '-lam_k .* eps_k' } } },
    { name: 'lost factor lambda on the right', equations: { continuity: { rhs: 'dt_g + dlam_vg' } } },
    { name: 'flux sign flipped', equations: { continuity: { lhs: 'dt_eps - ds_flux' } } },
  ],
};

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

export const timeReparametrisation: Claim<ReparamParams> = {
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
  instance(params, digits) {
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
};

/* ------------------------------------------------------------------------------------------
 * transport.characteristics
 * ---------------------------------------------------------------------------------------- */

interface CharacteristicParams {
  /** lambda0 = l16 / 16 */
  l16: number;
  /** sigma = b - 1 = s4 / 4 (nonzero) */
  s4: number;
  /** c(t) = (c8 / 8) t^q */
  c8: number;
  q: number;
  /** T = T8 / 8 */
  T8: number;
}

const charCache = new Map<string, Scope>();

/**
 * The independent route: integrate, at the working precision (GBS), in l = ln lambda along the
 * characteristic, dl/dt = c(t) e^(sigma l); the variational equation d ln J/dt = b c(t) e^(sigma l)
 * for J = d lambda / d lambda0; the dissipation D' = lambda; and the density along the
 * characteristic from the transport equation d_t g + d_lambda(v g) = -2 lambda g, i.e.
 * d ln g / dt = -(d_lambda v + 2 lambda) = -(b c(t) e^(sigma l) + 2 e^l), from g(0) = 1.
 */
function characteristicScope(P: CharacteristicParams, digits: number): Scope {
  const F = fixedAt(digits);
  const sigma = F.ratio(P.s4, 4);
  const b = F.one + sigma;
  const c0 = F.ratio(P.c8, 8);
  const clock = (t: bigint): bigint => {
    let x = c0;
    for (let i = 0; i < P.q; i++) x = F.mul(x, t);
    return x;
  };
  const field = (t: bigint, y: Vec): Vec => {
    const speed = F.mul(clock(t), F.exp(F.mul(sigma, y[0]!)));
    const lam = F.exp(y[0]!);
    return [speed, F.mul(b, speed), lam, -(F.mul(b, speed) + 2n * lam)];
  };
  const l0 = lnFixed(F, F.ratio(P.l16, 16));
  const [y] = integrateGBS(F, field, 0n, [l0, 0n, 0n, 0n], [F.ratio(P.T8, 8)]);
  const [l, lnJ, D, lng] = y!;
  return {
    lam0: dec(F, F.ratio(P.l16, 16)),
    sigma: dec(F, sigma),
    c0: dec(F, c0),
    q: dec(F, F.int(P.q)),
    T: dec(F, F.ratio(P.T8, 8)),
    lamODE: dec(F, F.exp(l!)),
    jacODE: dec(F, F.exp(lnJ!)),
    D: dec(F, D!),
    gODE: dec(F, F.exp(lng!)),
  };
}

export const characteristics: Claim<CharacteristicParams> = {
  id: 'transport.characteristics',
  group: 'transport',
  kind: 'identity',
  source: SOURCE,
  statement:
    String.raw`v = c(t)\lambda^{b}:\; \lambda(t)^{1-b} = \lambda_0^{1-b} + (1-b)\int_0^t c,\quad \frac{\partial\lambda}{\partial\lambda_0} = \Big(\frac{\lambda}{\lambda_0}\Big)^{b},\quad g(\lambda(t), t) = g_0(\lambda_0)\Big(\frac{\lambda_0}{\lambda}\Big)^{b} e^{-2\int_0^t \lambda}`,
  // the characteristic must stay finite up to T (sigma > 0 reaches lambda = infinity in finite time)
  domain: fc
    .record({
      l16: fc.integer({ min: 1, max: 16 }),
      s4: fc.integer({ min: -4, max: 8 }).filter((k) => k !== 0),
      c8: fc.integer({ min: 1, max: 8 }),
      q: fc.integer({ min: 0, max: 2 }),
      T8: fc.integer({ min: 1, max: 8 }),
    })
    .filter((P) => {
      const sigma = P.s4 / 4;
      const C = ((P.c8 / 8) * (P.T8 / 8) ** (P.q + 1)) / (P.q + 1);
      return sigma < 0 || (P.l16 / 16) ** -sigma - sigma * C > 0.25 * (P.l16 / 16) ** -sigma;
    }),
  encoding: {
    defs: [
      ['b', '1 + sigma'],
      ['C', 'c0 * T^(q + 1) / (q + 1)'],
      ['lamT', '(lam0^(1 - b) + (1 - b) * C)^(1 / (1 - b))'],
    ],
    equations: [
      { name: 'characteristic', lhs: 'lamODE', rhs: 'lamT' },
      { name: 'mass transport', lhs: 'jacODE', rhs: '(lamT / lam0)^b' },
      { name: 'dissipated density', lhs: 'gODE', rhs: '(lam0 / lamT)^b * exp(-2 * D)' },
    ],
  },
  instance(P, digits) {
    return { scope: memo(charCache, `${JSON.stringify(P)}|${digits}`, () => characteristicScope(P, digits)) };
  },
  runs: 25,
  variants: [
    { name: 'characteristic exponent 1 + b', defs: { lamT: '(lam0^(1 + b) + (1 + b) * C)^(1 / (1 + b))' } },
    { name: 'clock integral without 1/(q+1)', defs: { C: 'c0 * T^(q + 1)' } },
    { name: 'Jacobian exponent b - 1', equations: { 'mass transport': { rhs: '(lamT / lam0)^(b - 1)' } } },
    { name: 'dissipation at the amplitude rate: e^(-D)', equations: { 'dissipated density': { rhs: '(lam0 / lamT)^b * exp(-D)' } } },
  ],
};

export const transportClaims = [logContinuity, timeReparametrisation, characteristics];

