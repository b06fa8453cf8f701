/**
 * dln: diagonal linear networks (Nishiyama, Imaizumi, arXiv 2510.01930). The two-factor
 * parametrisation w = (u ⊙ u - v ⊙ v) / 2 trained by gradient flow on the squared loss
 * L(w) = ||X w - y||^2 / 2 of drawn Gaussian-like data; the flow is integrated at the working
 * precision (Gragg–Bulirsch–Stoer) and the closed forms are checked against it.
 *
 * Derivations (only the abstract is at hand; these are the standard forms, derived here):
 * with g = dL/dw = X^T (X w - y) and weight decay (lambda/2)(||u||^2 + ||v||^2),
 *   u' = -g ⊙ u - lambda u,   v' = +g ⊙ v - lambda v,
 * so (u_i v_i)' = -2 lambda u_i v_i: the invariant of this parametrisation is u ⊙ v (not
 * u^2 - v^2, which is the invariant of w = u ⊙ v) and it decays exactly as e^{-2 lambda t}.
 * Without weight decay u_i = u_i(0) e^{-G_i}, v_i = v_i(0) e^{G_i} with G = int_0^t g, so for
 * u(0) = v(0) = alpha 1: w = alpha^2 (e^{-2G} - e^{2G}) / 2 = alpha^2 sinh(2 r), r = -G the
 * integrated (negative) gradient signal. Both rates depend on the normalisation: with the
 * penalty lambda (||u||^2 + ||v||^2) the rate is 4 lambda, and with w = u ⊙ u - v ⊙ v the
 * mirror form is 2 alpha^2 sinh(4 r); the variants driven by flags show that each normalisation
 * is load-bearing.
 *
 * Further down: the implicit bias of the limit (a limit claim at the working precision), the
 * incremental learning times, the rate–bias trade-off over decades of alpha and the DMFT of
 * gradient descent on Gaussian data (scaling claims, float64 simulations; their exponents are
 * the formulas of the `dln` model in dln-laws.ts). Their derivations precede them.
 */
import fc from 'fast-check';
import { defineClaim, GUARD_DIGITS, formulaOf, type Claim, type Figure, type Flags, type Instance, type Scope } from '../src/api/index.js';
import { dec, matvec, integrateGBS, Rng, seedOf, controlVariateMean, rk4, type Fixed, type Mat, type Vec } from '../src/api/numeric.js';
import { solveDmftCausal, gaussianSource, simulateSeparable, linearGdLimitQuadrature, dlnFlow, lateRates, alphaPotential, saddleToSaddle, correctionExponent, correctionSums, eliminateCorrections, mirrorFlowTimes, type SaddleSequence, minL1Interpolator, minL2Interpolator, minPotentialInterpolator, minPotentialInterpolator64, subsets, type DmftSolution, type SeparableDynamics } from '../src/api/models.js';
import { fixedAt } from './instances.js';
import { EigenvalueDecomposition, Matrix, QrDecomposition, solve as solve64 } from 'ml-matrix';
import { Decimal } from 'decimal.js';
import { dlnModel } from './dln-laws.js';
import { memo } from './instances.js';

const SOURCE = 'arXiv:2510.01930';

interface DlnParams {
  /** training points */
  n: number;
  /** coordinates */
  d: number;
  seed: number;
  /**
   * horizon T = T4 / 32: short against the flow's time scale of order one, because the cost of an
   * integration at 80 digits grows quickly with rate * T; the working precision makes up for it
   * (every order of the nonlinear dynamics is resolved far above the residual threshold)
   */
  T4: number;
  /** lambda = k / 16 (conservation) or alpha = k / 8 (mirror flow) */
  k: number;
}

const dlnDomain: fc.Arbitrary<DlnParams> = fc.record({
  n: fc.integer({ min: 1, max: 6 }),
  d: fc.integer({ min: 1, max: 6 }),
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
  T4: fc.integer({ min: 1, max: 4 }),
  k: fc.integer({ min: 1, max: 8 }),
});

/** An Irwin–Hall (four uniforms) approximately N(0, sd^2) value, rounded to a multiple of 2^-6. */
function gaussianDyadic(F: Fixed, rng: Rng, sd: number): bigint {
  const s = (rng.next() + rng.next() + rng.next() + rng.next() - 2) * Math.sqrt(3);
  return F.ratio(Math.round(s * sd * 64), 64);
}

/** The loss through its normal equations: g = dL/dw = A w - b with A = X^T X, b = X^T y. */
interface Data {
  A: Mat;
  b: Vec;
}

/**
 * X with N(0, 1/(8 max(n, d))) entries (so |X^T X| stays below about 1/2 and the flow's rates
 * are of order one), y = X w* + noise with a sparse w*: all dyadic, so A and b are exact.
 */
function drawData(F: Fixed, rng: Rng, n: number, d: number): Data {
  const sd = 1 / Math.sqrt(8 * Math.max(n, d));
  const X: Mat = Array.from({ length: n }, () => Array.from({ length: d }, () => gaussianDyadic(F, rng, sd)));
  const wStar: Vec = Array.from({ length: d }, () => (rng.int(0, 1) === 0 ? 0n : F.ratio(rng.int(-8, 8), 8)));
  const y = X.map((row) => row.reduce((s, x, j) => s + F.mul(x, wStar[j]!), 0n) + gaussianDyadic(F, rng, 0.125));
  const A = Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, k) => X.reduce((s, row) => s + F.mul(row[j]!, row[k]!), 0n)));
  const b = Array.from({ length: d }, (_, j) => X.reduce((s, row, i) => s + F.mul(row[j]!, y[i]!), 0n));
  return { A, b };
}

/**
 * The flow of y = [u; v; G] with G' = g (the integrated gradient signal, an extra component
 * independent of any closed form). Flags: `unhalved` trains w = u^2 - v^2 instead of
 * (u^2 - v^2)/2 (its gradient in u is 2 g u); `penalty2` makes the weight-decay gradient
 * 2 lambda u (penalty lambda ||.||^2 instead of lambda/2 ||.||^2).
 */
function flowAt(F: Fixed, { A, b }: Data, u0: Vec, v0: Vec, lambda: bigint, T: bigint, flags: Flags): { u: Vec; v: Vec; G: Vec } {
  const d = u0.length;
  const c = flags.unhalved === true ? 2n : 1n;
  const decay = flags.penalty2 === true ? 2n * lambda : lambda;
  // g = A w - b = A' ((u - v) ⊙ (u + v)) - b with A' = A / 2 for the halved w (exact: A is
  // dyadic); the field is evaluated thousands of times per case, so it is kept lean
  const Aw = c === 2n ? A : A.map((row) => row.map((x) => x / 2n));
  const field = (_t: bigint, s: Vec): Vec => {
    const q = new Array<bigint>(d);
    for (let i = 0; i < d; i++) q[i] = F.mul(s[i]! - s[d + i]!, s[i]! + s[d + i]!);
    const g = matvec(F, Aw, q);
    const out = new Array<bigint>(3 * d);
    for (let i = 0; i < d; i++) {
      const gi = g[i]! - b[i]!;
      // u' = -c g u - lambda u,  v' = +c g v - lambda v,  G' = g
      out[i] = -F.mul(c * gi + decay, s[i]!);
      out[d + i] = F.mul(c * gi - decay, s[d + i]!);
      out[2 * d + i] = gi;
    }
    return out;
  };
  // more extrapolation columns than the default: one long step instead of several short ones
  const kmax = Math.max(16, Math.ceil(0.4 * F.digits));
  const [sT] = integrateGBS(F, field, 0n, [...u0, ...v0, ...new Array<bigint>(d).fill(0n)], [T], { kmax });
  return { u: sT!.slice(0, d), v: sT!.slice(d, 2 * d), G: sT!.slice(2 * d) };
}

/** One integration per (case, precision, flags): the claim and its formula variants revisit the same cases. */
const cache = new Map<string, Scope>();
const cached = (key: string, build: () => Scope): Scope => memo(cache, key, build);
const keyOf = (tag: string, p: DlnParams, digits: number, flags: Flags): string =>
  `${tag}|${p.n},${p.d},${p.seed},${p.T4},${p.k}|${digits}|${flags.unhalved === true},${flags.penalty2 === true}`;

export const conservation = defineClaim<DlnParams>({
  id: 'dln.conservation',
  group: 'dln',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`w=\tfrac12(u\odot u-v\odot v),\ \dot u=-\nabla_u L-\lambda u,\ \dot v=-\nabla_v L-\lambda v \;\Longrightarrow\; u_i(t)\,v_i(t)=u_i(0)\,v_i(0)\,e^{-2\lambda t}`,
  domain: dlnDomain,
  encoding: {
    defs: [],
    equations: [{ name: 'decay', lhs: 'uT .* vT', rhs: 'u0 .* v0 * exp(-2 * lambda * T)' }],
  },
  instance(params, { digits, flags }) {
    const scope = cached(keyOf('conservation', params, digits, flags), () => {
      const F = fixedAt(digits);
      const rng = new Rng(params.seed);
      const data = drawData(F, rng, params.n, params.d);
      // any initialisation: the invariant holds coordinatewise whatever u(0), v(0)
      const u0 = Array.from({ length: params.d }, () => F.ratio(rng.int(-32, 32), 32));
      const v0 = Array.from({ length: params.d }, () => F.ratio(rng.int(-32, 32), 32));
      const lambda = F.ratio(params.k, 16);
      const T = F.ratio(params.T4, 32);
      const { u, v } = flowAt(F, data, u0, v0, lambda, T, flags);
      return { u0: dec(F, u0), v0: dec(F, v0), uT: dec(F, u), vT: dec(F, v), lambda: dec(F, lambda), T: dec(F, T) };
    });
    return { scope };
  },
  variants: [
    { name: 'rate lambda: e^{-lambda t}', equations: { decay: { rhs: 'u0 .* v0 * exp(-lambda * T)' } } },
    { name: 'no decay: u v conserved', equations: { decay: { rhs: 'u0 .* v0' } } },
    { name: 'sign flipped: e^{+2 lambda t}', equations: { decay: { rhs: 'u0 .* v0 * exp(2 * lambda * T)' } } },
    {
      name: 'invariant of w = u v misapplied: u^2 - v^2 decays as e^{-2 lambda t}',
      equations: { decay: { lhs: 'uT .^ 2 - vT .^ 2', rhs: '(u0 .^ 2 - v0 .^ 2) * exp(-2 * lambda * T)' } },
    },
    { name: 'penalty lambda (|u|^2 + |v|^2) (gradient 2 lambda u): rate 2 lambda kept', flags: { penalty2: true } },
  ],
});

export const mirrorFlow = defineClaim<DlnParams>({
  id: 'dln.mirror-flow',
  group: 'dln',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`w=\tfrac12(u\odot u-v\odot v),\ u(0)=v(0)=\alpha\mathbf 1,\ \lambda=0 \;\Longrightarrow\; w_i(t)=\alpha^2\sinh\!\big(2r_i(t)\big),\quad r(t)=-\int_0^t\nabla L(w(s))\,ds`,
  domain: dlnDomain,
  encoding: {
    defs: [
      ['w', '(uT .^ 2 - vT .^ 2) / 2'],
      // the integrated negative gradient signal, and e^r once (exp is the costly primitive)
      ['r', '-G'],
      ['E', 'vexp(r)'],
    ],
    equations: [
      // the factors separately: u = alpha e^{r}, v = alpha e^{-r}
      { name: 'factors', lhs: 'uT - vT', rhs: 'alpha * (E - 1 ./ E)' },
      // sinh(2 r) = (e^{2r} - e^{-2r}) / 2
      { name: 'mirror', lhs: 'w', rhs: 'alpha^2 * (E .^ 2 - 1 ./ E .^ 2) / 2' },
    ],
  },
  instance(params, { digits, flags }) {
    const scope = cached(keyOf('mirror', params, digits, flags), () => {
      const F = fixedAt(digits);
      const rng = new Rng(params.seed);
      const data = drawData(F, rng, params.n, params.d);
      const alpha = F.ratio(params.k, 8);
      const init = new Array<bigint>(params.d).fill(alpha);
      const T = F.ratio(params.T4, 32);
      const { u, v, G } = flowAt(F, data, init, init, 0n, T, flags);
      return { alpha: dec(F, alpha), uT: dec(F, u), vT: dec(F, v), G: dec(F, G) };
    });
    return { scope };
  },
  variants: [
    { name: 'sinh of the signal, not twice it', equations: { mirror: { rhs: 'alpha^2 * (E - 1 ./ E) / 2' } } },
    { name: 'sign flipped: alpha^2 sinh(-2 r)', equations: { mirror: { rhs: 'alpha^2 * (1 ./ E .^ 2 - E .^ 2) / 2' } } },
    { name: 'alpha not squared', equations: { mirror: { rhs: 'alpha * (E .^ 2 - 1 ./ E .^ 2) / 2' } } },
    { name: 'unhalved parametrisation w = u^2 - v^2 under the same law', flags: { unhalved: true }, defs: { w: 'uT .^ 2 - vT .^ 2' } },
  ],
});


// ---------------------------------------------------------------------------------------------
// Implicit bias, incremental learning, rate–bias trade-off, DMFT (issue 4).
//
// Derivations (standard forms; only the abstract of 2510.01930 is at hand):
// * Mirror flow without weight decay: w = alpha^2 sinh(2 r), r = -int X^T e = X^T E with
//   E = -int e (e = X w - y), so r stays in the row space of X. If the flow converges to an
//   interpolator w_inf, then arcsinh(w_inf / alpha^2) / 2 = X^T nu: the KKT condition of
//       min Q_alpha(w) = alpha^2 sum_i q(w_i / alpha^2)  s.t.  X w = y,
//       q(z) = (z arcsinh z - sqrt(1 + z^2) + 1) / 2,   q'(z) = arcsinh(z) / 2,
//   which is strictly convex, so the limit is its unique minimiser. (With w = u^2 - v^2 the
//   argument is w / (2 alpha^2): a variant.) As alpha -> infinity, q(z) ~ z^2 / 4: the
//   minimum-l2 interpolator, approached as alpha^-4 (the z^3 term of sinh); as alpha -> 0,
//   Q_alpha ~ ln(1/alpha) |w|_1: the minimum-l1 interpolator, approached as alpha^(2 (1 - m))
//   (off-support w_i ~ alpha^2 e^{2 ln(1/alpha) |X^T nu*|_i}, m the largest off-support
//   |X^T nu*| of the l1 dual certificate nu*).
// * Orthogonal design (X^T X = I): u v = alpha^2 is conserved, u^2 + v^2 = 2 sqrt(w^2 + alpha^4),
//   so w_i' = -2 (w_i - theta_i) sqrt(w_i^2 + alpha^4) and the time to reach theta_i / 2 is
//   int_0^{theta/2} dw / (2 (theta - w) sqrt(w^2 + alpha^4)) = ln(1/alpha) / |theta_i| + O(1).
// * Late-time rate: e' = -X diag(u^2 + v^2) X^T e = -2 X diag(sqrt(w^2 + alpha^4)) X^T e, so the
//   residual decays at rho = lambda_min(2 X diag(sqrt(w_inf^2 + alpha^4)) X^T): ~ 2 alpha^2
//   lambda_min(X X^T) for large alpha, a finite constant (the l1 solution's) as alpha -> 0.
// * DMFT: src/models/dmft.ts (the closure), solved forward in time by src/models/dmft-causal.ts,
//   with x = r, drift -g, readout alpha^2 sinh(2 r) - theta.
// ---------------------------------------------------------------------------------------------

const D64 = (x: number): Decimal => new Decimal(x);
const D64v = (x: ArrayLike<number>): Decimal[] => Array.from(x, D64);

// ------------------------------------------------------------------ implicit bias (limit) ----

interface BiasParams {
  n: number;
  /** d = n + extra: underdetermined */
  extra: number;
  seed: number;
  /** log10(alpha) in thousandths: alpha log-uniform over [1e-3, 1e2] */
  logAlpha: number;
}

/**
 * small systems: the flow at 2D digits costs ~d (order ~D)^2 per Taylor step. Not shrunk: every
 * candidate of a shrink is two new flows (a second per candidate), and a wrong variant is refuted
 * on the first drawn case already, whose size (d <= 5) is no harder to read than a shrunk one's
 */
const biasDomain: fc.Arbitrary<BiasParams> = fc.noShrink(
  fc.record({
    n: fc.integer({ min: 1, max: 3 }),
    extra: fc.integer({ min: 1, max: 2 }),
    seed: fc.integer({ min: 0, max: 0x7fffffff }),
    logAlpha: fc.integer({ min: -3000, max: 2000 }),
  }),
);

interface BiasData {
  X: Mat;
  y: Vec;
  /** alpha exactly (a double, so the same number at every precision) */
  alpha: bigint;
  alpha64: number;
  /** set (the reason) when no draw qualified */
  degenerate?: string;
}

/**
 * the spread of the flow's rates at its limit (src/models/dln-flow.ts, lateRates) that a draw may
 * have: the Taylor steps span a few times the inverse of the fastest rate while the flow needs
 * ~D ln 10 / (slowest rate), so the steps grow with the spread (~40 + 5 kappa: 650 steps at 130)
 */
const BIAS_KAPPA = 20;
const BIAS_MAX_STEPS = 400;

/**
 * X (n x d, ~N(0, 1/d)) and y (~N(0, 1)), dyadic; alpha = 10^(logAlpha / 1000) rounded to a
 * double. Redrawn (deterministically) while X X^T is singular or the spread of the flow's late
 * rates exceeds BIAS_KAPPA (read off the float64 minimiser of Q_alpha: a choice of draws, not a
 * verdict; the same in every precision and variant).
 */
function biasData(F: Fixed, p: BiasParams): BiasData {
  const d = p.n + p.extra;
  const sd = 1 / Math.sqrt(d);
  const alpha64 = 10 ** (p.logAlpha / 1000);
  const alpha = F.fromNumber(alpha64);
  let why = '';
  for (let attempt = 0; attempt < 24; attempt++) {
    const rng = new Rng((p.seed + 0x9e3779b9 * attempt) >>> 0);
    const X: Mat = Array.from({ length: p.n }, () => Array.from({ length: d }, () => gaussianDyadic(F, rng, sd)));
    const y: Vec = Array.from({ length: p.n }, () => gaussianDyadic(F, rng, 1));
    if (!y.some((v) => v !== 0n)) y[0] = F.one;
    const Xf = X.map((r) => r.map((v) => F.toNumber(v)));
    try {
      const w = minPotentialInterpolator64(Xf, y.map((v) => F.toNumber(v)), alphaPotential(F.mul(alpha, alpha), alpha64 ** 2)).w;
      const rates = lateRates(Xf, w, alpha64);
      const kappa = rates[rates.length - 1]! / rates[0]!;
      if (rates[0]! > 0 && kappa <= BIAS_KAPPA) return { X, y, alpha, alpha64 };
      why = `the flow's late rates spread over a ratio ${kappa.toPrecision(3)} > ${BIAS_KAPPA}`;
    } catch (e) {
      why = (e as Error).message;
    }
  }
  return { X: [], y: [], alpha, alpha64, degenerate: `no well-conditioned draw in 24: ${why}` };
}

type BiasFlow = { data: BiasData; w: Vec } | { degenerate: string };
const biasFlows = new Map<string, BiasFlow>();

/**
 * the flow is followed to 10^-(BIAS_FLOW_FRACTION D) (its limit within ~that): the claim asks
 * 10^-(0.8 D) of every equation, and the fourth-order differences of q in the encoding reach
 * ~10^-(0.8 (D + 12)) at best, so going further (to 10^-(D+1), as before) bought nothing the
 * check reads while costing a quarter more Taylor terms
 */
const BIAS_FLOW_FRACTION = 0.9;

/**
 * The truth: the two-factor flow itself (src/models/dln-flow.ts), u(0) = v(0) = alpha 1, followed
 * until max |X w - y| <= 10^-(R+1), R = ceil(0.9 D), with local tolerance 10^-(R+2); its limit is
 * then within ~that (the residual decays at the late rate, and w moves by O(residual) after it).
 */
function biasFlow(p: BiasParams, digits: number): BiasFlow {
  return memo(biasFlows, `${JSON.stringify(p)}|${digits}`, () => {
    const F = fixedAt(digits);
    const data = biasData(F, p);
    if (data.degenerate) return { degenerate: data.degenerate };
    const init = new Array<bigint>(p.n + p.extra).fill(data.alpha);
    const R = Math.ceil(BIAS_FLOW_FRACTION * digits);
    try {
      const end = dlnFlow(F, data.X, data.y, init, init, { residualBelow: F.tenTo(-(R + 1)), tolDigits: R + 2, maxSteps: BIAS_MAX_STEPS });
      return { data, w: end.w };
    } catch (e) {
      return { degenerate: `the flow did not reach |Xw - y| <= 1e-${R + 1} within ${BIAS_MAX_STEPS} Taylor steps (an ill-conditioned draw): ${(e as Error).message}` };
    }
  });
}

/**
 * The claim's side: the minimiser among interpolators of the potential the claim (or a variant,
 * through its flags) names, by a convex solver (src/models/min-potential.ts): Newton on the KKT
 * system for Q_c (c = alpha^2, or the variants' alpha and 2 alpha^2, or q without its sqrt
 * term), the linear program for l1, the closed form for l2.
 */
function biasMinimiser(F: Fixed, { X, y, alpha, alpha64 }: BiasData, flags: Flags): Vec {
  if (flags.potential === 'l1') return minL1Interpolator(F, X, y).w;
  if (flags.potential === 'l2') return minL2Interpolator(F, X, y);
  const a2 = F.mul(alpha, alpha);
  const [c, c64] = flags.scale === 'alpha' ? [alpha, alpha64] : flags.scale === 'twoAlpha2' ? [2n * a2, 2 * alpha64 ** 2] : [a2, alpha64 ** 2];
  return minPotentialInterpolator(F, X, y, alphaPotential(c, c64, { dropSqrt: flags.dropSqrt === true })).w;
}

/**
 * The mirror flow in dual coordinates, in float64: E' = y - X w, w = a2 sinh(2 X^T E), E(0) = 0,
 * integrated until |X w - y| <= stop |y|. Records the residual norm along the way for the rate.
 */
function dualFlow64(X: number[][], y: number[], a2: number, stop = 1e-6, record?: (t: number, res: number) => void): { nu: number[]; w: number[]; t: number } {
  const n = X.length;
  const d = X[0]!.length;
  const norm2X = X.reduce((s, r) => s + r.reduce((q, v) => q + v * v, 0), 0);
  const ynorm = Math.sqrt(y.reduce((s, v) => s + v * v, 0));
  const w = new Float64Array(d);
  const wOf = (E: Float64Array): void => {
    for (let i = 0; i < d; i++) {
      let r = 0;
      for (let j = 0; j < n; j++) r += X[j]![i]! * E[j]!;
      w[i] = a2 * Math.sinh(2 * r);
    }
  };
  const field = (_t: number, E: Float64Array, out: Float64Array): void => {
    wOf(E);
    for (let j = 0; j < n; j++) {
      let s = y[j]!;
      for (let i = 0; i < d; i++) s -= X[j]![i]! * w[i]!;
      out[j] = s;
    }
  };
  const res = new Float64Array(n);
  // the Jacobian is -2 X diag(sqrt(w^2 + a2^2)) X^T: bound its spectral radius by Gershgorin;
  // and keep the change of 2 r within a step small (w grows exponentially in r while escaping)
  const mob = new Float64Array(d);
  const stepOf = (t: number, E: Float64Array): number => {
    field(t, E, res);
    for (let i = 0; i < d; i++) mob[i] = 2 * Math.sqrt(w[i]! * w[i]! + a2 * a2);
    let lam = 0;
    for (let a = 0; a < n; a++) {
      let row = 0;
      for (let b = 0; b < n; b++) {
        let h = 0;
        for (let i = 0; i < d; i++) h += X[a]![i]! * X[b]![i]! * mob[i]!;
        row += Math.abs(h);
      }
      lam = Math.max(lam, row);
    }
    let drift = 0;
    for (let i = 0; i < d; i++) {
      let r = 0;
      for (let j = 0; j < n; j++) r += X[j]![i]! * res[j]!;
      drift = Math.max(drift, Math.abs(r));
    }
    // h lam <= 1/4: the RK4 rate of the slowest mode is then exact to ~1e-5 even when it is the only one
    return Math.min(0.25 / lam, 0.1 / (drift + 1e-300));
  };
  const out = rk4(field, new Float64Array(n), stepOf, 4_000_000, (t, E) => {
    field(t, E, res);
    const r = Math.sqrt(res.reduce((s, v) => s + v * v, 0));
    if (!Number.isFinite(r)) throw new Error('mirror flow: the integration diverged');
    record?.(t, r);
    return r <= stop * ynorm;
  });
  if (out.steps >= 4_000_000) throw new Error('mirror flow: no convergence within the step budget');
  wOf(out.y);
  return { nu: Array.from(out.y), w: Array.from(w), t: out.t };
}

const biasScopes = new Map<string, { scope: Scope; degenerate?: string }>();
const flagKey = (flags: Flags): string => JSON.stringify(Object.entries(flags).sort(([a], [b]) => a.localeCompare(b)));

export const implicitBias = defineClaim<BiasParams>({
  id: 'dln.implicit-bias',
  group: 'dln',
  kind: 'limit',
  source: SOURCE,
  statement: String.raw`w=\tfrac12(u\odot u-v\odot v),\ \dot u=-\nabla_u L,\ \dot v=-\nabla_v L,\ u(0)=v(0)=\alpha\mathbf 1,\ L=\tfrac12\|Xw-y\|^2\ (n<d):\quad w(t)\to w_\infty=\arg\min_{Xw=y} Q_\alpha(w),\quad Q_\alpha(w)=\alpha^2\sum_i q\!\big(w_i/\alpha^2\big),\ q(z)=\tfrac12\big(z\,\mathrm{arcsinh}\,z-\sqrt{1+z^2}+1\big),\ \nabla Q_\alpha(w)=\tfrac12\mathrm{arcsinh}(w/\alpha^2)`,
  domain: biasDomain,
  encoding: {
    defs: [
      // entrywise arcsinh (mathjs's asinh takes no matrices; a one-argument function maps fastest)
      ['ash', 'ash(z) = asinh(z)'],
      // the potential's terms: Q_alpha(w) = sum(q(w)), q acting entrywise
      ['q', 'q(v) = alpha^2 * ((v / alpha^2) .* map(v / alpha^2, ash) - map((v / alpha^2) .^ 2 + 1, sqrt) + 1) / 2'],
      // its gradient at the flow's limit, by fourth-order central differences of the potential
      // itself (Q is a sum over coordinates, so w +- h moves each term by its own h_i)
      ['gradQ', '(8 * (q(w + h) - q(w - h)) - (q(w + 2 * h) - q(w - 2 * h))) ./ (12 * h)'],
      // the least-squares multiplier: gradQ = X^T nu if it lies in the row space
      ['nu', 'flatten(lusolve(X * transpose(X), X * gradQ))'],
    ],
    equations: [
      // the flow's limit is the convex solver's minimiser of Q_alpha among interpolators
      { name: 'limit', lhs: 'w', rhs: 'wQ', scale: 'norm(wQ)' },
      // and satisfies the KKT condition of the encoded potential
      { name: 'stationarity', lhs: 'gradQ', rhs: 'transpose(X) * nu', scale: 'norm(gradQ)' },
      { name: 'gradient', lhs: 'gradQ', rhs: 'map(w / alpha^2, ash) / 2', scale: 'norm(gradQ)' },
    ],
  },
  // the flow and the solver reach the working precision; the fourth-order differences of q carry
  // O(delta^4) + O(eps / delta) with delta = 10^(-(D + 12) / 5) (eps = 10^-(D + 12), mathjs's
  // guard digits included): ~0.8 (D + 12) digits, above 0.8 D
  tolerance: 0.8,
  // each case is two flows to 10^-37 and 10^-73 (0.1 to 0.8 s): ten cases (the claim and its
  // variants took 9 s where sixteen, shrunk, took 23, side by side on one loaded machine); the
  // fast-check draws reach both ends of alpha (seed 42: 1e-3 three times, 1.8e-3 to 1.6e-2 four,
  // 0.98, 3.95 and 98) and every size (n = 1..3, d - n = 1..2)
  runs: 10,
  // the '+ 1' of q only sets q(0) = 0 (Q >= 0, Q(0) = 0): any other constant c adds
  // alpha^2 c / 2 per coordinate, a constant over the whole affine set Xw = y, which moves
  // neither the minimiser nor the gradient; the check reads Q only through differences
  // q(w + h) - q(w - h), where the constant cancels exactly
  equivalentMutants: [
    {
      site: 'def q',
      kinds: ['sign flipped', 'term dropped'],
      at: /- map\(\(v \/ alpha \^ 2\) \.\^ 2 \+ 1, sqrt\) \+ 1 -> .* - map\(\(v \/ alpha \^ 2\) \.\^ 2 \+ 1, sqrt\)( - \(1\))?$/,
      why: "q's additive constant (+1 -> -1 or 0): Q changes by a constant on every w, so argmin_{Xw=y} Q and grad Q are the same; the check reads Q only through differences of q, where the constant cancels",
    },
    {
      site: 'def q',
      kinds: ['constant doubled', 'constant halved'],
      at: /: 1 -> (2|0\.5) in .* - map\(\(v \/ alpha \^ 2\) \.\^ 2 \+ 1, sqrt\) \+ 1$/,
      why: "q's additive constant (+1 -> +2 or +1/2): Q changes by a constant on every w, so argmin_{Xw=y} Q and grad Q are the same; the check reads Q only through differences of q, where the constant cancels",
    },
  ],
  instance(params, { digits, flags }) {
    return memo(biasScopes, `${JSON.stringify(params)}|${digits}|${flagKey(flags)}`, (): { scope: Scope; degenerate?: string } => {
      const flow = biasFlow(params, digits);
      if ('degenerate' in flow) return { scope: {}, degenerate: flow.degenerate };
      const F = fixedAt(digits);
      const { X, y, alpha } = flow.data;
      const wQ = biasMinimiser(F, flow.data, flags);
      // difference steps on the potential's own scale sqrt(w^2 + alpha^4) (1 / q'' up to 2):
      // uniform relative accuracy from the off-support coordinates (~alpha^2) to the support
      const delta = F.tenTo(-Math.ceil((digits + GUARD_DIGITS) / 5));
      const a4 = F.mul(F.mul(alpha, alpha), F.mul(alpha, alpha));
      const h = flow.w.map((wi) => F.mul(delta, F.sqrt(F.mul(wi, wi) + a4)));
      return { scope: { X: dec(F, X), y: dec(F, y), alpha: dec(F, alpha), w: dec(F, flow.w), wQ: dec(F, wQ), h: dec(F, h) } };
    });
  },
  variants: [
    {
      name: 'the l1 interpolator at every alpha (the rich-regime limit claimed at finite alpha)',
      flags: { potential: 'l1' },
      defs: { q: 'q(v) = abs(v)' },
      equations: { gradient: { rhs: 'sign(w)' } },
    },
    {
      name: 'the l2 interpolator at every alpha (the lazy-regime limit claimed at finite alpha)',
      flags: { potential: 'l2' },
      defs: { q: 'q(v) = v .^ 2 / 2' },
      equations: { gradient: { rhs: 'w' } },
    },
    {
      name: 'alpha in place of alpha^2: Q = alpha sum q(w / alpha)',
      flags: { scale: 'alpha' },
      defs: { q: 'q(v) = alpha * ((v / alpha) .* map(v / alpha, ash) - map((v / alpha) .^ 2 + 1, sqrt) + 1) / 2' },
      equations: { gradient: { rhs: 'map(w / alpha, ash) / 2' } },
    },
    {
      name: 'potential of the unhalved w = u^2 - v^2 (argument w / (2 alpha^2))',
      flags: { scale: 'twoAlpha2' },
      defs: { q: 'q(v) = 2 * alpha^2 * ((v / (2 * alpha^2)) .* map(v / (2 * alpha^2), ash) - map((v / (2 * alpha^2)) .^ 2 + 1, sqrt) + 1) / 2' },
      equations: { gradient: { rhs: 'map(w / (2 * alpha^2), ash) / 2' } },
    },
    {
      name: 'q without the -sqrt(1 + z^2) term (its own gradient (arcsinh z + z / sqrt(1 + z^2)) / 2)',
      flags: { dropSqrt: true },
      defs: { q: 'q(v) = alpha^2 * ((v / alpha^2) .* map(v / alpha^2, ash) + 1) / 2' },
      equations: { gradient: { rhs: '(map(w / alpha^2, ash) + (w / alpha^2) ./ map((w / alpha^2) .^ 2 + 1, sqrt)) / 2' } },
    },
    { name: 'gradient arcsinh(w / alpha^2) (the 1/2 lost)', equations: { gradient: { rhs: 'map(w / alpha^2, ash)' } } },
  ],
});

// --------------------------------------------------------- incremental learning (scaling) ----
//
// Derivation (correlated designs; Pesme, Flammarion, arXiv 2304.00488, in this normalisation).
// With A = X^T X, b = X^T y the mirror flow is r' = b - A w, w = alpha^2 sinh(2 r). Rescale
// s = r / ln(1/alpha), tau = t / ln(1/alpha): s' = b - A w, and w_i = alpha^2 sinh(2 s_i ln(1/alpha))
// ~ alpha^(2 (1 - |s_i|)) / 2 vanishes as alpha -> 0 unless |s_i| = 1. So w is piecewise constant,
// a saddle of L: the minimiser on the coordinates with |s_i| = 1 (signs s_i), 0 elsewhere; s moves
// linearly between saddles, and the next coordinate j to be learned is the first whose s_j reaches
// +-1: after the saddle w^k on the support S_k, with g^k = b - A w^k,
//     dtau_k = min over j not in S_k of (sign(g^k_j) - s_j) / g^k_j,   s <- s + dtau_k g^k,
// and t_j = tau_j ln(1/alpha) + O(1). With X^T X = I this is tau_j = 1 / |theta_j| (g^k_j = theta_j
// throughout); with correlations each saddle changes the others' gradients, so both the order and
// the times differ from 1/|w*_j| and from the initial-gradient race 1/|b_j|. (While no saddle value
// changes sign the accumulated W = int w solves the Lasso with lambda = 1/tau, so these times are
// also the inverse knots of the Lasso path; they part where a coordinate leaves the support, which
// the drawn designs exclude.) Equivalently, in the learned order, tau = H^-1 sign(diag H) with
// H = R^T diag(R w*), R the Cholesky factor of A: a greedy Gram–Schmidt of the design.
// The check: the flow itself (src/models/dln-incremental.ts) from alpha = 10^-2 to 10^-12 on
// correlated Gaussian designs, t_i the first time w_i reaches half its first plateau; the slope of
// t_i against ln(1/alpha) over two decades against tau_i, and the order of the t_i against tau's.

interface IncParams {
  /** coordinates of the orthogonal design (n = d); the correlated design has min(d + 1, 5) */
  d: number;
  seed: number;
}

const incDomain: fc.Arbitrary<IncParams> = fc.record({
  d: fc.integer({ min: 2, max: 5 }),
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
});

/**
 * levels: the orthogonal design's slope is read over alpha in [10^-(2l), 10^-(2l-1)], the
 * correlated design's over [10^-(2l+4), 10^-(2l+2)] (1/alpha up to 10^12; 10^16 with --deep)
 */
const INC_LEVELS = [1, 2, 3, 4];
const INC_DEEP_LEVELS = [1, 2, 3, 4, 5, 6];
const alphaOfInc = (level: number, end: boolean): number => 10 ** -(2 * level - (end ? 0 : 1));
const alphaOfCorr = (level: number, end: boolean): number => 10 ** -(2 * level + (end ? 4 : 2));

interface IncDesign {
  X: Matrix;
  theta: number[];
  y: number[];
}

/** A random orthogonal design Q (from the QR factors of a Gaussian matrix), targets |theta| in [1/4, 2]. */
function incDesign(p: IncParams): IncDesign {
  const rng = new Rng(p.seed);
  const gauss = gaussianSource(() => rng.next());
  const G = new Matrix(p.d, p.d);
  for (let i = 0; i < p.d; i++) for (let j = 0; j < p.d; j++) G.set(i, j, gauss());
  const X = new QrDecomposition(G).orthogonalMatrix;
  const theta = Array.from({ length: p.d }, () => (rng.int(0, 1) === 0 ? -1 : 1) * (rng.int(2, 16) / 8));
  const y = X.mmul(Matrix.columnVector(theta)).to1DArray();
  return { X, theta, y };
}

/**
 * Learning times by simulation of the two-factor flow u' = -g u, v' = g v, g = X^T (X w - y), in
 * float64 (RK4 with step 1 / (div max|theta|)): the first time w_i reaches theta_i / 2, by linear
 * interpolation within the step.
 */
function learningTimes(des: IncDesign, alpha: number, div: number): number[] {
  const d = des.theta.length;
  const Xa = des.X.to2DArray();
  const w = new Float64Array(d);
  const e = new Float64Array(d);
  const field = (_t: number, s: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < d; i++) w[i] = (s[i]! * s[i]! - s[d + i]! * s[d + i]!) / 2;
    for (let j = 0; j < d; j++) {
      let r = -des.y[j]!;
      for (let i = 0; i < d; i++) r += Xa[j]![i]! * w[i]!;
      e[j] = r;
    }
    for (let i = 0; i < d; i++) {
      let g = 0;
      for (let j = 0; j < d; j++) g += Xa[j]![i]! * e[j]!;
      out[i] = -g * s[i]!;
      out[d + i] = g * s[d + i]!;
    }
  };
  const times = new Array<number>(d).fill(NaN);
  const maxTheta = Math.max(...des.theta.map(Math.abs));
  const h = 1 / (div * maxTheta);
  const s0 = new Float64Array(2 * d).fill(alpha);
  let left = d;
  rk4(field, s0, h, 10_000_000, (t, s, prev) => {
    for (let i = 0; i < d; i++) {
      if (!Number.isNaN(times[i]!)) continue;
      const target = des.theta[i]! / 2;
      const now = ((s[i]! ** 2 - s[d + i]! ** 2) / 2) / target;
      if (now >= 1) {
        const before = ((prev[i]! ** 2 - prev[d + i]! ** 2) / 2) / target;
        times[i] = t - h + (h * (1 - before)) / (now - before);
        left--;
      }
    }
    return left === 0;
  });
  if (left > 0) throw new Error('incremental learning: a coordinate was never learned');
  return times;
}

/**
 * RK4 steps per unit of 1/max|theta|: the slope is read at INC_DIV and checked against INC_DIV / 2.
 * The RK4 error of a learning time (h^4, with the crossing's interpolation) is what bounds the
 * slope once the O(alpha^2) corrections are gone: at 64 steps it sat at ~5e-8, at 128 ~2e-9, at
 * 256 ~5e-10 (each halving of the step cuts it about 16-fold), while alpha^2 ln(1/alpha) is ~1e-10
 * from the third level on.
 */
const INC_DIV = 256;

const incTimes = new Map<string, number[]>();
const timesAt = (p: IncParams, alpha: number, div = INC_DIV): number[] => memo(incTimes, `${p.d},${p.seed}|${alpha}|${div}`, () => learningTimes(incDesign(p), alpha, div));

/** local slope of t_i against ln(1/alpha) over the level's decade, at a given RK4 step */
function incSlopes(p: IncParams, level: number, div = INC_DIV): number[] {
  const a0 = alphaOfInc(level, false);
  const a1 = alphaOfInc(level, true);
  const t0 = timesAt(p, a0, div);
  const t1 = timesAt(p, a1, div);
  return t1.map((t, i) => (t - t0[i]!) / Math.log(a0 / a1));
}

/** A correlated design: A = X^T X, b = X^T y = A w* (noiseless), with the limit's saddle sequence. */
interface CorrDesign {
  A: number[][];
  b: number[];
  ws: number[];
  /** the rows' AR(1) correlation */
  rho: number;
  seq: SaddleSequence;
}

/**
 * Draws are kept only where the asymptotics can be fitted over the levels, judged from the limit's
 * own saddle sequence (a choice of draws, the same in every variant, never a verdict): no
 * coordinate leaves the support (the recursion of the encoding adds one at a time), the times'
 * correction alpha^p has p >= CORR_MIN_EXPONENT (their errors shrink >= 10^(2p)-fold per level:
 * near-ties of two coordinates and slow relaxations onto a saddle are refused), the last time is
 * within CORR_MAX_TAU (the cost grows with it), A is not ill-conditioned, and each coordinate's
 * first plateau is at least a tenth of the largest target (its crossing level is half of it).
 */
const CORR_ATTEMPTS = 64;
/** the most coordinates a correlated design has: the encoding's recursion is unrolled to as many jumps */
const INC_MAX_JUMPS = 5;
const CORR_MIN_EXPONENT = 0.4;
const CORR_MAX_TAU = 12;
const CORR_MAX_COND = 100;

const corrDesigns = new Map<string, CorrDesign | { degenerate: string }>();
/**
 * X (n = 2 d rows, d = min(d_orth + 1, 5)) with i.i.d. rows N(0, Sigma / n), Sigma_ij = rho^|i-j|
 * (an AR(1) chain, rho uniform in [-0.8, 0.8]), so X^T X ~ Sigma but not diagonal; w* with signs
 * and |w*_i| in [1/4, 2] as in the orthogonal design. Redrawn (deterministically) while a draw does
 * not qualify (see above).
 */
function corrDesign(p: IncParams): CorrDesign | { degenerate: string } {
  return memo(corrDesigns, `${p.d},${p.seed}`, () => {
    const d = Math.min(p.d + 1, INC_MAX_JUMPS);
    const n = 2 * d;
    let why = '';
    for (let attempt = 0; attempt < CORR_ATTEMPTS; attempt++) {
      const rng = new Rng(((p.seed ^ 0x5bd1e995) + 0x9e3779b9 * attempt) >>> 0);
      const gauss = gaussianSource(() => rng.next());
      const rho = 0.8 * (2 * rng.next() - 1);
      const X = Array.from({ length: n }, () => {
        const row = [gauss()];
        for (let i = 1; i < d; i++) row.push(rho * row[i - 1]! + Math.sqrt(1 - rho * rho) * gauss());
        return row.map((v) => v / Math.sqrt(n));
      });
      const ws = Array.from({ length: d }, () => (rng.int(0, 1) === 0 ? -1 : 1) * (rng.int(2, 16) / 8));
      const A = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => X.reduce((s, r) => s + r[i]! * r[j]!, 0)));
      const b = A.map((row) => row.reduce((s, a, j) => s + a * ws[j]!, 0));
      const ev = new EigenvalueDecomposition(new Matrix(A), { assumeSymmetric: true }).realEigenvalues;
      const cond = Math.max(...ev) / Math.min(...ev);
      const seq = saddleToSaddle(A, b);
      const p64 = seq.removal ? 0 : correctionExponent(A, seq);
      const last = Math.max(...seq.firstTau);
      const smallest = Math.min(...seq.firstValue.map(Math.abs)) / Math.max(...ws.map(Math.abs));
      why =
        seq.removal ? 'a coordinate leaves the support' :
        cond > CORR_MAX_COND ? `X^T X has condition number ${cond.toFixed(0)}` :
        p64 < CORR_MIN_EXPONENT ? `the times' correction alpha^${p64.toFixed(2)} is too slow` :
        !(last <= CORR_MAX_TAU) ? `the last coordinate is learned at tau = ${last.toFixed(1)}` :
        smallest < 0.1 ? 'a first plateau below a tenth of the largest target' : '';
      if (!why) return { A, b, ws, rho, seq };
    }
    return { degenerate: `no correlated design in ${CORR_ATTEMPTS} draws qualified (the last: ${why})` };
  });
}

/**
 * RK4 steps per unit of the flow's stiffness bound (src/models/dln-incremental.ts): the slopes are
 * read at CORR_DIV and checked against CORR_DIV / 2; their RK4 error was ~1e-8 at 8 (each halving of
 * the step cuts it ~16-fold), far below the alpha^p corrections at the levels.
 */
const CORR_DIV = 8;

const corrTimes = new Map<string, number[]>();
/** the first time each coordinate reaches half its first plateau (the saddle it jumps to), in the flow at alpha */
function corrTimesAt(p: IncParams, des: CorrDesign, alpha: number, div = CORR_DIV): number[] {
  return memo(corrTimes, `${p.d},${p.seed}|${alpha}|${div}`, () => {
    const last = Math.max(...des.seq.firstTau);
    const { times } = mirrorFlowTimes(des.A, des.b, alpha, {
      levels: des.seq.firstValue.map((v) => Math.abs(v) / 2),
      signs: des.seq.firstValue.map(Math.sign),
      div,
      horizon: 2 * last * Math.log(1 / alpha) + 50,
    });
    if (times.some(Number.isNaN)) throw new Error(`incremental learning: a coordinate of the correlated design was never learned at alpha = ${alpha}`);
    return times;
  });
}

/** local slope of t_i against ln(1/alpha) over the level's two decades, at a given RK4 step */
function corrSlopes(p: IncParams, des: CorrDesign, level: number, div = CORR_DIV): number[] {
  const a0 = alphaOfCorr(level, false);
  const a1 = alphaOfCorr(level, true);
  const t0 = corrTimesAt(p, des, a0, div);
  const t1 = corrTimesAt(p, des, a1, div);
  return t1.map((t, i) => (t - t0[i]!) / Math.log(a0 / a1));
}

/** ranks 1..d of the times, earliest first */
const ranksOf = (t: number[]): number[] => t.map((v) => 1 + t.filter((u) => u < v).length);

const TIME_SLOPE = formulaOf(dlnModel, 'small-alpha', 'time.slope');

/**
 * The predicted times (the saddle-to-saddle recursion, unrolled: the encoding language has no
 * recursion) and the ranks of a vector in descending order. The state after each jump is the 3 x d
 * matrix [P; s; T]: the learned coordinates (0/1), the rescaled dual variable, and the tau at which
 * each coordinate was learned (0: not yet; max(T) is the current tau). Jumps past the last
 * coordinate change nothing.
 */
const INC_DEFS: [string, string][] = [
  // the saddle on the learned coordinates P: least squares there, 0 elsewhere
  ['ls', 'ls(P) = P .* (inv(diag(P) * A * diag(P) + diag(1 - P)) * (P .* b))'],
  // the indicator of the smallest entry
  ['first', 'first(h) = 1 - sign(h - min(h))'],
  // s_j reaches sign(g_j) after (sign(g_j) - s_j) / g_j; the learned coordinates are masked out
  ['hits', 'hits(P, s, g) = 1e6 * P + (1 - P) .* (sign(g) - s) ./ (g + P)'],
  ['grow', 'grow(P, s, T, g, h) = min(P) == 1 ? [P, s, T] : [P + first(h), s + min(h) * g, T + first(h) * (max(T) + min(h))]'],
  ['advance', 'advance(P, s, T, g) = grow(P, s, T, g, hits(P, s, g))'],
  // one jump from the state S: the gradient b - A w at the current saddle drives s
  // (the rows of S through transpose(S) * e_k: an index range would read 'end')
  ['jump', 'jump(S) = advance(transpose(S) * [1, 0, 0], transpose(S) * [0, 1, 0], transpose(S) * [0, 0, 1], b - A * ls(transpose(S) * [1, 0, 0]))'],
  ['S1', 'jump([0 * b, 0 * b, 0 * b])'],
  ...Array.from({ length: INC_MAX_JUMPS - 1 }, (_, k): [string, string] => [`S${k + 2}`, `jump(S${k + 1})`]),
  ['tau', `transpose(S${INC_MAX_JUMPS}) * [0, 0, 1]`],
  // rank_i = 1 + #{j: a_j > a_i} = (d + 1) / 2 + sum_j sign(a_j - a_i) / 2
  ['rankDesc', "rankDesc(a) = flatten((sum(a .* 0 + 1) + 1) / 2 + sign(transpose([a .* 0 + 1]) * [a] - transpose([a]) * [a .* 0 + 1]) * transpose([a .* 0 + 1]) / 2)"],
];

export const incrementalLearning = defineClaim<IncParams>({
  id: 'dln.incremental-learning',
  group: 'dln',
  kind: 'scaling',
  source: `${SOURCE}; saddle-to-saddle: arXiv:2304.00488`,
  statement: String.raw`u(0)=v(0)=\alpha\to0,\ t_i(\alpha)=\inf\{t: w_i(t)/w^{(i)}_i\ge\tfrac12\}=\tau_i\ln(1/\alpha)+O(1):\ X^\top X=I\Rightarrow\tau_i=1/|\theta^*_i|;\ \text{correlated }X:\ \tau\ \text{from the saddles } w^k=\arg\min_{\mathrm{supp}\,w\subseteq S_k}L,\ g^k=X^\top y-X^\top Xw^k,\ \tau_{k+1}=\tau_k+\min_{j\notin S_k}\frac{\mathrm{sign}(g^k_j)-s_j}{g^k_j},\ s\leftarrow s+(\tau_{k+1}-\tau_k)g^k,\ S_{k+1}=S_k\cup\{\arg\min\}\ (\text{no saddle value changing sign})`,
  domain: incDomain,
  encoding: {
    defs: INC_DEFS,
    equations: [
      // orthogonal design: the model's law
      { name: 'slope', lhs: 'slope', rhs: TIME_SLOPE, scale: '1' },
      // correlated design: the learning times per e-fold of 1/alpha, relative, and the order
      { name: 'times', lhs: 'slopeC', rhs: 'tau', scale: 'norm(slopeC)' },
      { name: 'order', lhs: 'rankC', rhs: 'rankDesc(-tau)', scale: '1' },
    ],
  },
  // the learned coordinates' entries of `hits` only need to exceed every hitting time (tau <= 12 on
  // the domain) so that min(h) never picks them; in `ls` the unlearned block only keeps the matrix
  // invertible (it is block-diagonal against the learned one)
  equivalentMutants: [
    { site: 'def hits', kinds: ['constant doubled', 'constant halved'], at: /1000000 -> (2000000|500000)/, why: '1e6 masks the learned coordinates out of min(h): any constant above the largest hitting time does' },
    {
      site: 'def hits',
      kinds: ['sign flipped', 'term dropped'],
      at: /^(sign flipped: 1 - P -> 1 \+ \(P\)|term dropped: 1 - P -> 1|sign flipped: g \+ P -> g - \(P\))$/,
      why: 'changes only the entries of the learned coordinates (P = 1) by O(1) beside their mask 1e6, or keeps the unlearned ones (P = 0) as they are: min(h) and its argument are unchanged',
    },
    { site: 'def ls', kinds: ['sign flipped'], at: 'diag(1 - P)', why: 'the unlearned block (-I for +I) is decoupled from the learned one in the block-diagonal matrix: the least squares on the learned coordinates and the zeros off them are unchanged' },
  ],
  ranges: { levels: INC_LEVELS, target: 0.005, label: 'pairs of decades of 1/alpha', deep: { levels: INC_DEEP_LEVELS } },
  runs: 8,
  measure(params, { level, deep }): Instance {
    const theta = incDesign(params).theta.map(Math.abs);
    const slope = incSlopes(params, level);
    // the integration's own error: the slope moves by this when the step is doubled, which bounds
    // the error at the finer step (RK4 converges as h^4, the interpolation as h^3)
    const coarse = incSlopes(params, level, INC_DIV / 2);
    const des = corrDesign(params);
    if ('degenerate' in des) return { scope: {}, degenerate: des.degenerate };
    const slopeC = corrSlopes(params, des, level);
    const coarseC = corrSlopes(params, des, level, CORR_DIV / 2);
    const rankC = ranksOf(corrTimesAt(params, des, alphaOfCorr(level, true)));
    // the times' error is a norm over coordinates whose corrections alpha^p_i fall at different
    // rates, so its step ratios grow as the slowest takes over, and the range rule's geometric tail,
    // read from the faster early ratio, falls short: seed 3's case {"d":5,"seed":24} fell 6.2e-4,
    // 5.6e-5, 9.2e-6, 1.6e-6 (ratios 0.083, 0.163) and its extrapolation moved 4.9e-6 where it had
    // allowed 4.2e-6 (inconclusive at a gap of 1e-7). The slowest rate is known (p >= 0.4 on the
    // drawn designs: each level shrinks the correction >= 6-fold), so what is left past this level
    // is below a fifth of the last step: the last step (the slopes' change from the level before,
    // a norm over coordinates) is stated as the bound
    const prevC = corrSlopes(params, des, level - 1);
    const uncertainty = {
      slope: Math.hypot(...slope.map((v, i) => v - coarse[i]!)),
      times: Math.max(Math.hypot(...slopeC.map((v, i) => v - coarseC[i]!)), Math.hypot(...slopeC.map((v, i) => v - prevC[i]!))) / Math.hypot(...slopeC),
    };
    let figure: Figure | undefined;
    const levels = deep === true ? INC_DEEP_LEVELS : INC_LEVELS;
    if (level === levels[levels.length - 1]) {
      const alphas = [1, ...levels].map((l) => alphaOfCorr(l, false));
      const x = alphas.map((a) => Math.log(1 / a));
      const tau = des.seq.firstTau;
      figure = {
        kind: 'lines',
        title: `DLN learning times t_i against ln(1/alpha), correlated design (d = ${des.b.length}, AR(1) rho = ${des.rho.toFixed(2)}): the flow against the saddle-to-saddle slopes`,
        xLabel: 'ln(1/alpha)',
        yLabel: 't_i',
        series: tau.flatMap((tt, i) => [
          { name: `t_${i + 1} simulated (|w*| = ${Math.abs(des.ws[i]!)})`, x, y: alphas.map((a) => corrTimesAt(params, des, a)[i]!) },
          { name: `tau_${i + 1} ln(1/alpha), tau = ${tt.toPrecision(4)}`, x, y: x.map((v) => v * tt) },
        ]),
      };
    }
    return {
      scope: { slope: D64v(slope), theta: D64v(theta), A: des.A.map(D64v), b: D64v(des.b), ws: D64v(des.ws), slopeC: D64v(slopeC), rankC: D64v(rankC) },
      uncertainty,
      ...(figure ? { figure } : {}),
    };
  },
  variants: [
    { name: 'ln(1/alpha) / (2 |theta|) (the unhalved w = u^2 - v^2: growth rate 4 |theta|)', equations: { slope: { rhs: '1 ./ (2 * theta)' } } },
    { name: 'ln(1/alpha^2) / |theta| (growth rate |theta|: mobility sqrt(w^2 + alpha^4) in place of u^2 + v^2)', equations: { slope: { rhs: '2 ./ theta' } } },
    { name: 'ln(1/alpha) / theta^2', equations: { slope: { rhs: '1 ./ theta .^ 2' } } },
    { name: 'no incremental learning (the large-alpha law)', equations: { slope: { rhs: formulaOf(dlnModel, 'large-alpha', 'time.slope') } } },
    // the slope shifted by +-0.005: the check resolves ~1e-7
    { name: 'slope 1/|theta| - 0.005', equations: { slope: { rhs: `${TIME_SLOPE} - 0.005` } } },
    { name: 'slope 1/|theta| + 0.005', equations: { slope: { rhs: `${TIME_SLOPE} + 0.005` } } },
    // correlated designs: the competitors that ignore the correlations, or the saddles
    { name: 'correlated order by |w*_i| (the orthogonal-design answer: each coordinate at the pace of its own target)', equations: { order: { rhs: 'rankDesc(abs(ws))' } } },
    { name: 'correlated order by the initial gradient |X^T y|_i (correlations counted at w = 0 only)', equations: { order: { rhs: 'rankDesc(abs(b))' } } },
    { name: 'correlated times 1/|w*_i| (the orthogonal-design law)', equations: { times: { rhs: '1 ./ abs(ws)' } } },
    { name: 'correlated times 1/|X^T y|_i without the correlation correction (each coordinate escapes under its initial gradient)', equations: { times: { rhs: '1 ./ abs(b)' } } },
    {
      name: 'each escape from a saddle starts afresh (ln(1/alpha) / |g_j| per saddle: no head start from the plateaus before)',
      defs: { hits: 'hits(P, s, g) = 1e6 * P + (1 - P) ./ (abs(g) + P)' },
    },
    { name: 'saddles at the targets (w = w* on the learned coordinates, not the restricted least squares)', defs: { ls: 'ls(P) = P .* ws' } },
    // the correlated times 0.1% off: the check resolves ~5e-5
    { name: 'correlated times +0.1%', equations: { times: { rhs: '1.001 * tau' } } },
    { name: 'correlated times -0.1%', equations: { times: { rhs: '0.999 * tau' } } },
  ],
});

// ---------------------------------------------------------------- rate–bias trade-off ----
//
// The two regimes of the `dln` model (alpha < 1, alpha >= 1) are the asymptotes alpha -> 0 and
// alpha -> infinity, not the two sides of a boundary: the rate's local exponent d ln rho / d ln alpha
// moves smoothly from 0 to 2 where alpha^4 overtakes w_inf^2 in sqrt(w_inf^2 + alpha^4) (for one
// coordinate it is 2 alpha^4 / (w^2 + alpha^4), 1 at alpha^2 = |w|), so no exponent changes at
// alpha = 1 and no case is drawn there. This claim reads each exponent as the limit of local slopes
// in windows moving away from the crossover (alpha from 10^0.25 up to 10^2, from 10^-1 down to
// 10^-8), and the exact rate formula at the window's end, which carries the crossover itself; where
// the learning time's exponent changes (|theta| dt/dln(1/alpha) = 1/2 at alpha^2 = 1.274 |theta|) is
// measured on the flow in proofs-tests/derivations/dln.test.ts (see dln-laws.ts).

interface RateParams {
  n: number;
  /** d = n + extra */
  extra: number;
  seed: number;
}

const rateDomain: fc.Arbitrary<RateParams> = fc.record({
  n: fc.integer({ min: 1, max: 3 }),
  extra: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
});

/** levels: large alpha over [10^(l/4), 10^((l+1)/4)], small alpha over [10^-(l+1), 10^-l] */
const RATE_LEVELS = [1, 2, 3, 4, 5, 6, 7];
const largeAlphas = (l: number): [number, number] => [10 ** (l / 4), 10 ** ((l + 1) / 4)];
const smallAlphas = (l: number): [number, number] => [10 ** -l, 10 ** -(l + 1)];

interface RateData {
  X: number[][];
  y: number[];
  l2: number[];
  l1: number[];
  /** the minimum-l1 interpolator's support (size n) */
  support: number[];
  /** the l1 dual certificate's largest off-support |X^T nu*| */
  margin: number;
  /** all off-support |X^T nu*|, largest (the margin) first */
  duals: number[];
  degenerate?: string;
}

/**
 * X (n x d, N(0, 1/d)) and y (N(0, 1)) drawn from the seed, redrawn (deterministically) while the
 * instance is one where the asymptotics cannot be fitted over the levels: a small l1 dual margin
 * gap, a near-tie of l1 vertices, close slowest modes. Reported degenerate if no draw qualifies.
 */
function rateData(p: RateParams): RateData {
  let last: RateData | undefined;
  for (let attempt = 0; attempt < 48; attempt++) {
    last = rateDraw(p, attempt);
    if (!last.degenerate) return last;
  }
  return last!;
}

function rateDraw(p: RateParams, attempt: number): RateData {
  const rng = new Rng((p.seed + 0x9e3779b9 * attempt) >>> 0);
  const gauss = gaussianSource(() => rng.next());
  const n = p.n;
  const d = n + p.extra;
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => gauss() / Math.sqrt(d)));
  const y = Array.from({ length: n }, () => gauss());
  const Xm = new Matrix(X);
  const XXt = Xm.mmul(Xm.transpose());
  const l2 = Xm.transpose().mmul(solve64(XXt, Matrix.columnVector(y))).to1DArray();
  // minimum l1 by its vertices: supports of size n (the LP's basic solutions)
  let best: { S: number[]; wS: number[]; l1: number } | undefined;
  let second = Infinity;
  for (const S of subsets(d, n)) {
    const XS = new Matrix(X.map((r) => S.map((i) => r[i]!)));
    const lu = Math.min(...new EigenvalueDecomposition(XS.mmul(XS.transpose()), { assumeSymmetric: true }).realEigenvalues.map(Math.abs));
    if (!(lu > 1e-8)) continue;
    const wS = solve64(XS, Matrix.columnVector(y)).to1DArray();
    const l1 = wS.reduce((s, v) => s + Math.abs(v), 0);
    if (!best || l1 < best.l1) {
      if (best) second = best.l1;
      best = { S, wS, l1 };
    } else second = Math.min(second, l1);
  }
  if (!best) return { X, y, l2, l1: [], support: [], margin: 1, duals: [], degenerate: 'no invertible support' };
  const l1 = new Array<number>(d).fill(0);
  best.S.forEach((i, k) => (l1[i] = best.wS[k]!));
  const XS = new Matrix(X.map((r) => best.S.map((i) => r[i]!)));
  const nu = solve64(XS.transpose(), Matrix.columnVector(best.wS.map(Math.sign))).to1DArray();
  // off-support |X^T nu*|, largest first: the largest sets the exponent, the next one how fast
  // the local slope settles on it (relative corrections alpha^(2 (m - m2)))
  const off = Array.from({ length: d }, (_, i) => i)
    .filter((i) => !best.S.includes(i))
    .map((i) => Math.abs(X.reduce((s, r, j) => s + r[i]! * nu[j]!, 0)))
    .sort((a, b) => b - a);
  const margin = off[0]!;
  const next = off[1] ?? 0;
  const smallest = Math.min(...best.wS.map(Math.abs)) / Math.max(...best.wS.map(Math.abs));
  // slowest-mode separation in both limits: X X^T (large alpha) and 2 X_S diag|w_S| X_S^T (small)
  const ratio = (M: Matrix): number => {
    const ev = new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues.slice().sort((a, b) => a - b);
    return ev.length > 1 ? ev[1]! / ev[0]! : Infinity;
  };
  const H0 = XS.mmul(Matrix.diag(best.wS.map((v) => 2 * Math.abs(v)))).mmul(XS.transpose());
  const gap = Math.min(ratio(XXt), ratio(H0));
  // the flows cost ~ condition number steps per e-fold: keep them affordable
  const cond = (M: Matrix): number => {
    const ev = new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues.map(Math.abs);
    return Math.max(...ev) / Math.min(...ev);
  };
  const kappa = Math.max(cond(XXt), cond(H0));
  const degenerate =
    margin > 0.7 ? `l1 dual margin ${margin.toFixed(3)} > 0.7 (the approach to l1 is too slow to fit)` :
    margin - next < 0.15 ? `two off-support dual values within 0.15 (${margin.toFixed(3)}, ${next.toFixed(3)}): the exponent settles too slowly` :
    // 0.1, not 0.05: at 0.068 (run seed 31, n = 2, extra = 3) an off-support weight stayed as large
    // as the small support weight down to alpha ~ 1e-5, and the small-alpha rate's local exponent
    // stalled at 0.25 over two decades before settling (resolution 0.43)
    smallest < 0.1 ? `l1 solution nearly off a vertex (smallest/largest |w_S| = ${smallest.toExponential(2)})` :
    second - best.l1 < 1e-3 * best.l1 ? 'two l1 vertices nearly tie' :
    gap < 2 ? `slowest modes within a ratio ${gap.toFixed(2)}` :
    kappa > 100 ? `condition number ${kappa.toFixed(0)} > 100` : undefined;
  return { X, y, l2, l1, support: best.S, margin, duals: off, ...(degenerate ? { degenerate } : {}) };
}

interface RateRun {
  /**
   * late-time rate: the decay of |e| between 1e-7 |y| and 1e-8 |y|, read through RK4's own
   * amplification per step (the log-slope alone is low by ~(h rho)^4 / 120, 4e-5 at h rho = 1/4)
   */
  rho: number;
  /** its uncertainty: the change of the rate between the window's halves (faster modes and the nonlinearity fading) */
  rhoErr: number;
  w: number[];
  /** the limit's dual coordinates: w = a2 sinh(2 X^T nu) */
  nu: number[];
  a2: number;
  /** rate ratio of the two slowest modes at the limit (contamination of the log-slope) */
  gapRatio: number;
}

/** RK4's amplification of e' = -rho e over one step h: R(-h rho), R(z) = 1 + z + z^2/2 + z^3/6 + z^4/24, and R'. */
function rk4Gain(z: number): [number, number] {
  const d = 1 + z * (1 + z * (1 / 2 + z / 6));
  return [d + z ** 4 / 24, d];
}

/**
 * The rate rho of a single linear mode that RK4 steps h_(i0+1..i1) would shrink by the observed
 * log-ratio lr_(i0) - lr_(i1): solves sum_k -ln R(-h_k rho) = lr_(i0) - lr_(i1) by Newton (the
 * left side increases with rho for h rho < 1.5, and here h rho <= 1/4).
 */
function rk4Rate(t: number[], lr: number[], i0: number, i1: number): number {
  const target = lr[i0]! - lr[i1]!;
  let rho = target / (t[i1]! - t[i0]!);
  for (let it = 0; it < 50; it++) {
    let f = -target;
    let df = 0;
    for (let k = i0 + 1; k <= i1; k++) {
      const h = t[k]! - t[k - 1]!;
      const [R, dR] = rk4Gain(-h * rho);
      f -= Math.log(R);
      df += (h * dR) / R;
    }
    const step = f / df;
    rho -= step;
    if (Math.abs(step) <= 1e-15 * rho) break;
  }
  return rho;
}

/** Newton on X a2 sinh(2 X^T nu) = y in float64, from the flow's nu (polishes the flow's end). */
function polish64(X: number[][], y: number[], a2: number, nu0: number[]): { w: number[]; nu: number[] } {
  const n = X.length;
  const d = X[0]!.length;
  let nu = nu0.slice();
  const wOf = (v: number[]): { w: number[]; c: number[] } => {
    const r = Array.from({ length: d }, (_, i) => X.reduce((s, row, j) => s + row[i]! * v[j]!, 0));
    return { w: r.map((ri) => a2 * Math.sinh(2 * ri)), c: r.map((ri) => 2 * a2 * Math.cosh(2 * ri)) };
  };
  for (let it = 0; it < 30; it++) {
    const { w, c } = wOf(nu);
    const res = X.map((row, j) => row.reduce((s, x, i) => s + x * w[i]!, 0) - y[j]!);
    const J = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => X[a]!.reduce((s, x, i) => s + x * X[b]![i]! * c[i]!, 0)));
    const step = solve64(new Matrix(J), Matrix.columnVector(res)).to1DArray();
    nu = nu.map((v, j) => v - step[j]!);
    if (Math.max(...step.map(Math.abs)) <= 1e-15 * (1 + Math.max(...nu.map(Math.abs)))) break;
  }
  return { w: wOf(nu).w, nu };
}

const rateRuns = new Map<string, RateRun>();
function rateRun(p: RateParams, data: RateData, alpha: number): RateRun {
  return memo(rateRuns, `${JSON.stringify(p)}|${alpha}`, () => {
    const a2 = alpha * alpha;
    const ynorm = Math.hypot(...data.y);
    // the residual's late decay, step by step, over [1e-8, 1e-7] |y|: earlier, the nonlinearity
    // (relative O(|e|)) bends the log-slope; later, the rounding of the state does (w = alpha^2
    // sinh(2 X^T E) amplifies it by ~2 |X^T E|, so X w - y is noisy at ~1e-14 |y| for small alpha)
    const ts: number[] = [];
    const lr: number[] = [];
    let mid = -1;
    const flow = dualFlow64(data.X, data.y, a2, 1e-8, (t, r) => {
      if (r > 1e-7 * ynorm) return;
      if (mid < 0 && r <= 10 ** -7.5 * ynorm) mid = ts.length;
      ts.push(t);
      lr.push(Math.log(r));
    });
    const last = ts.length - 1;
    const rho = rk4Rate(ts, lr, 0, last);
    const rhoErr = Math.abs(rk4Rate(ts, lr, 0, mid) - rk4Rate(ts, lr, mid, last));
    const { w, nu } = polish64(data.X, data.y, a2, flow.nu);
    const H = new Matrix(data.X.map((ra) => data.X.map((rb) => ra.reduce((s, x, i) => s + 2 * x * rb[i]! * Math.sqrt(w[i]! ** 2 + a2 * a2), 0))));
    const ev = new EigenvalueDecomposition(H, { assumeSymmetric: true }).realEigenvalues.slice().sort((a, b) => a - b);
    return { rho, rhoErr, w, nu, a2, gapRatio: ev.length > 1 ? ev[1]! / ev[0]! : Infinity };
  });
}


/** sinh(x) - x without the cancellation of Math.sinh(x) - x at small x (its series there). */
function sinhMinusX(x: number): number {
  if (Math.abs(x) >= 1) return Math.sinh(x) - x;
  let term = (x * x * x) / 6;
  let sum = 0;
  for (let k = 1; Math.abs(term) > 1e-18 * Math.abs(sum); k++) {
    sum += term;
    term *= (x * x) / ((2 * k + 2) * (2 * k + 3));
  }
  return sum;
}

/**
 * |w - w_l2| for the limit w = a2 sinh(2 r), r = X^T nu: both interpolate, so w - w_l2 is the
 * kernel part of w, and a2 2 r lies in the row space; what is left is the kernel part of
 * a2 (sinh(2 r) - 2 r), free of the cancellation w - w_l2, which in float64 leaves ~1e-16 against
 * a distance ~alpha^-4 (1e-8 at alpha = 100).
 */
function distL2(run: RateRun, data: RateData): number {
  const X = new Matrix(data.X);
  const r = X.transpose().mmul(Matrix.columnVector(run.nu)).to1DArray();
  const v = Matrix.columnVector(r.map((ri) => run.a2 * sinhMinusX(2 * ri)));
  const row = X.transpose().mmul(solve64(X.mmul(X.transpose()), X.mmul(v)));
  return v.sub(row).norm();
}

/**
 * |w - w_l1| for an interpolator w (X w = y), read off its off-support coordinates: X_S (w_S - l1_S)
 * = -X_off w_off, so the on-support gap follows without the cancellation w_S - l1_S, which in
 * float64 leaves ~1e-16 absolute against a distance that is ~1e-11 at alpha = 1e-6.
 */
function distL1(w: number[], data: RateData): number {
  const S = data.support;
  const off = w.map((_, i) => i).filter((i) => !S.includes(i));
  const rhs = data.X.map((row) => -off.reduce((s, i) => s + row[i]! * w[i]!, 0));
  const XS = new Matrix(data.X.map((row) => S.map((i) => row[i]!)));
  const gapS = solve64(XS, Matrix.columnVector(rhs)).to1DArray();
  return Math.hypot(...off.map((i) => w[i]!), ...gapS);
}

/** ladder steps per decade of the l1 approach, and the corrections removed (see l1Exponent) */
const L1_STEPS = 8;
const L1_REMOVED = 6;

/**
 * The exponent of |w_inf - w_l1| at small alpha over the level's decade [10^-(l+1), 10^-l], as
 * the local slopes of ln |w - w_l1| on eighth decades, Richardson-extrapolated in the expansion's
 * known correction exponents. With r = X^T nu, nu = ln(1/alpha) nu* + O(1), the limit's
 * off-support coordinates are a2 sinh(2 r_i) ~ alpha^(2 (1 - m_i)), and ln |w - w_l1| - 2 (1 - m)
 * ln alpha is a series in alpha^q, q generated by 2 (1 - m) (the off-support mass feeding back
 * into nu through w_S), 4 m (sinh's second exponential), 2 (m - m_j) and 2 (m + m_j) (the other
 * off-support coordinates, m_j their dual values) and 4 (asinh on the support). Those corrections
 * come with either sign and exponents as close as 0.3 (the instance refuses closer dual values),
 * so the plain decade slope converged non-geometrically (seeds 7 and 1234 drew step ratios 1.3,
 * and 0.89 then 0.53, on sign changes: undecided). Removing the six smallest (of those and their
 * pairwise sums) leaves errors of 1e-6 or less at 10^-8; three were too few where many exponents
 * crowd below 0.8 (seed 42 drew m = 0.679 with six, and three removals left 8e-6 that wandered),
 * and seven left there an error alternating at ~3e-6 that wandered (each pass multiplies the
 * float64 rounding by up to (1 + r) / (1 - r), r = 10^(-q/8)). Over 150 drawn cases (seed 101)
 * every one holds at the floor with six.
 * The exponent p itself is never assumed: a wrong formula for it leaves its gap whole.
 * The limits between the flown ends are Newton continuations of the flow's polished limit on the
 * interpolation condition X a2 sinh(2 X^T nu) = y (as the flown ones are); the continuation must
 * land on the limit flown at 10^-(l+1), else the case is reported degenerate.
 */
function l1Exponent(data: RateData, top: RateRun, bottom: RateRun, l: number): { value: number } | { degenerate: string } {
  const alphas = Array.from({ length: L1_STEPS + 1 }, (_, j) => 10 ** -(l + j / L1_STEPS));
  const logD: number[] = [];
  let nu = top.nu;
  let prev: number[] | undefined;
  let w = top.w;
  for (const [j, a] of alphas.entries()) {
    if (j > 0) {
      // nu is nearly linear in ln(1/alpha): predict along the last step, then Newton
      const guess = prev ? nu.map((v, k) => 2 * v - prev![k]!) : nu;
      prev = nu;
      ({ w, nu } = polish64(data.X, data.y, a * a, guess));
    }
    logD.push(Math.log(distL1(w, data)));
  }
  const flown = Math.log(distL1(bottom.w, data));
  if (!(Math.abs(logD[L1_STEPS]! - flown) <= 1e-8)) return { degenerate: `the continuation to alpha = ${alphas[L1_STEPS]!.toExponential(0)} left the flown limit (ln-distance off by ${Math.abs(logD[L1_STEPS]! - flown).toExponential(1)})` };
  const slopes = alphas.slice(1).map((a, j) => (logD[j + 1]! - logD[j]!) / Math.log(a / alphas[j]!));
  const m = data.margin;
  const base = [2 * (1 - m), 4 * m, 4, ...data.duals.slice(1).flatMap((mj) => [2 * (m - mj), 2 * (m + mj)])];
  const ratios = correctionSums(base).slice(0, L1_REMOVED).map((q) => 10 ** (-q / L1_STEPS));
  const out = eliminateCorrections(slopes, ratios);
  return { value: out[out.length - 1]! };
}

const RATE_LARGE = formulaOf(dlnModel, 'large-alpha', 'rate');
const RATE_SMALL = formulaOf(dlnModel, 'small-alpha', 'rate');
const BIAS_LARGE = formulaOf(dlnModel, 'large-alpha', 'bias');
const BIAS_SMALL = formulaOf(dlnModel, 'small-alpha', 'bias');
/**
 * the linearisation's rate at the limit: e' = -2 X diag(sqrt(w^2 + alpha^4)) X^T e, one
 * formula read at both ends of alpha: w^2 dominates it at small alpha, alpha^4 at large alpha,
 * so each end checks the term the other cannot see. Its smallest eigenvalue is read as
 * trace(H^-K)^(-1/K) (K = 128: relative error (n - 1) (lambda_1 / lambda_2)^K / K, below 1e-28
 * since the instance refuses slowest rates closer than a ratio 1.6), not as
 * min(eigs(H)): mathjs's BigNumber eigs compares decimals with >= (lexicographically, through
 * valueOf strings), so its Jacobi sweep stops early and its eigenvalues are off by up to ~1e-6.
 */
const rateOf = (H: string): string => `trace(inv(${H})^128)^(-1/128)`;
const RATE_EXACT = (w: string, a: string): string => `rate(${w}, ${a}) = ${rateOf(`2 * X * diag(map(${w} .^ 2 + ${a}^4, sqrt)) * transpose(X)`)}`;

const rateScopes = new Map<string, { scope: Scope; degenerate?: string; uncertainty?: Record<string, number> }>();

export const rateTradeoff = defineClaim<RateParams>({
  id: 'dln.rate-tradeoff',
  group: 'dln',
  kind: 'scaling',
  source: SOURCE,
  statement: String.raw`\rho(\alpha)=\lambda_{\min}\!\big(2X\,\mathrm{diag}\sqrt{w_\infty^2+\alpha^4}\,X^\top\big):\ \rho\propto\alpha^{2},\ \|w_\infty-w_{\ell_2}\|\propto\alpha^{-4}\ (\alpha\to\infty);\quad \rho\to\rho_0>0,\ \|w_\infty-w_{\ell_1}\|\propto\alpha^{2(1-m)}\ (\alpha\to0),\ m=\max_{i\notin S}|X^\top\nu^*|_i`,
  domain: rateDomain,
  encoding: {
    defs: [['rate', RATE_EXACT('w', 'a')]],
    equations: [
      { name: 'rate, large alpha', lhs: 'rateL', rhs: RATE_LARGE, scale: '1' },
      { name: 'rate, small alpha', lhs: 'rateS', rhs: RATE_SMALL, scale: '1' },
      { name: 'bias, large alpha (l2)', lhs: 'biasL', rhs: BIAS_LARGE, scale: '1' },
      { name: 'bias, small alpha (l1)', lhs: 'biasS', rhs: BIAS_SMALL, scale: '1' },
      // per alpha^2 at large alpha, so that the scale (the larger side) is one unit at every level: the
      // rate itself grows as alpha^2 over the levels, rho / alpha^2 tends to 2 lambda_min(X X^T)
      { name: 'rate at the limit, large alpha', lhs: 'rhoL / alphaL^2', rhs: 'rate(wL, alphaL) / alphaL^2' },
      { name: 'rate at the limit, small alpha', lhs: 'rhoS', rhs: 'rate(wS, alphaS)' },
    ],
  },
  // float64 measurements: the formulas need no more digits than they carry
  ranges: {
    levels: RATE_LEVELS,
    // 0.005 (issue 15) on every exponent; the l1 approach reaches it since its known corrections
    // are extrapolated away (l1Exponent; it was 0.0071 at seed 7 on plain decade slopes)
    target: {
      'rate, large alpha': 0.005,
      'rate, small alpha': 0.005,
      'bias, large alpha (l2)': 0.005,
      'bias, small alpha (l1)': 0.005,
      'rate at the limit, large alpha': 0.005,
      'rate at the limit, small alpha': 0.005,
    },
    digits: 16,
    label: 'quarter decades (large alpha) / decades (small alpha)',
    floor: {
      // 1e-5, not 3e-6: the wandering ~1e-6 error (seed 1234 drew one at 1.3e-6) must sit under the floor, not at 3u
      value: 1e-5,
      why:
        'the late-time rates are float64 RK4 measurements of |e| over [1e-8, 1e-7] |y|: the fading nonlinearity (relative O(|e|), ~1e-7 there) and the state\'s ' +
        'rounding, amplified by sinh (X w - y is noisy at ~1e-14 |y| for small alpha), leave ~1e-7 to 1e-6 of relative error that no range of alpha removes; ' +
        'the rate-at-the-limit equations and the small-alpha rate exponent (0) are made of that error alone, so their steps cannot shrink',
    },
  },
  runs: 8,
  measure(params, { level }) {
    const built = memo(rateScopes, `${JSON.stringify(params)}|${level}`, () => {
      const data = rateData(params);
      if (data.degenerate) return { scope: {}, degenerate: data.degenerate };
      const [la, lb] = largeAlphas(level);
      const [sa, sb] = smallAlphas(level);
      const [A, B, C, E] = [rateRun(params, data, la), rateRun(params, data, lb), rateRun(params, data, sa), rateRun(params, data, sb)];
      const worstGap = Math.min(A.gapRatio, B.gapRatio, C.gapRatio, E.gapRatio);
      if (worstGap < 1.6) return { scope: {}, degenerate: `the two slowest modes are within a ratio ${worstGap.toFixed(2)}: the late-time log-slope is contaminated` };
      const l1 = l1Exponent(data, C, E, level);
      if ('degenerate' in l1) return { scope: {}, degenerate: l1.degenerate };
      // the small-alpha rate's local exponent tends to 0 as alpha^(2 (1 - m)) (the off-support
      // mobilities |w_i| ~ alpha^(2 (1 - m_i)) in the Hessian), the next corrections at least 0.3
      // faster: that one is removed with the decade before (Richardson in the known exponent),
      // except at the first level, which has none. Seed 10 drew a case (m = 0.655) whose plain
      // decade slopes were still 6e-4 off at 10^-8 and resolved 0.0067 only.
      const rel = (r: RateRun): number => r.rhoErr / r.rho;
      const slopeS = (r0: RateRun, r1: RateRun): number => Math.log(r1.rho / r0.rho) / Math.log(10 ** -1);
      const errS = (r0: RateRun, r1: RateRun): number => Math.hypot(rel(r0), rel(r1)) / Math.log(10);
      const rateS = ((): { value: number; uncertainty: number } => {
        if (level === RATE_LEVELS[0]) return { value: slopeS(C, E), uncertainty: errS(C, E) };
        const P = rateRun(params, data, 10 ** -(level - 1));
        const r = 10 ** (-2 * (1 - data.margin));
        return { value: (slopeS(C, E) - r * slopeS(P, C)) / (1 - r), uncertainty: Math.hypot(errS(C, E), r * errS(P, C)) / (1 - r) };
      })();
      const scope: Scope = {
        rateL: D64(Math.log(B.rho / A.rho) / Math.log(lb / la)),
        rateS: D64(rateS.value),
        biasL: D64(-Math.log(distL2(B, data) / distL2(A, data)) / Math.log(lb / la)),
        biasS: D64(l1.value),
        m: D64(data.margin),
        X: data.X.map(D64v),
        rhoL: D64(B.rho),
        wL: D64v(B.w),
        alphaL: D64(lb),
        rhoS: D64(E.rho),
        wS: D64v(E.w),
        alphaS: D64(sb),
      };
      // the rates' own uncertainties (the bias distances, free of cancellation, are known to ~1e-14 relative)
      const uncertainty = {
        'rate, large alpha': Math.hypot(rel(A), rel(B)) / Math.log(lb / la),
        'rate, small alpha': rateS.uncertainty,
        'rate at the limit, large alpha': rel(B),
        'rate at the limit, small alpha': rel(E),
      };
      return { scope, uncertainty };
    });
    let figure: Figure | undefined;
    if (!built.degenerate && level === RATE_LEVELS[RATE_LEVELS.length - 1]) {
      const data = rateData(params);
      const alphas = [...RATE_LEVELS.map((l) => smallAlphas(l)[1]).reverse(), ...RATE_LEVELS.map((l) => smallAlphas(l)[0]).slice(0, 1), ...RATE_LEVELS.map((l) => largeAlphas(l)[0]), largeAlphas(RATE_LEVELS[RATE_LEVELS.length - 1]!)[1]];
      const runs = alphas.map((a) => rateRun(params, data, a));
      figure = {
        kind: 'loglog',
        title: 'DLN trade-off: late-time rate and distance of the limit to the l1 / l2 interpolators against alpha',
        xLabel: 'alpha',
        yLabel: 'rate / distance',
        series: [
          { name: 'late-time rate rho (simulated)', x: alphas, y: runs.map((r) => r.rho) },
          { name: '|w_inf - w_l1|', x: alphas, y: runs.map((r) => distL1(r.w, data)) },
          { name: '|w_inf - w_l2|', x: alphas, y: runs.map((r) => distL2(r, data)) },
        ],
      };
    }
    return { ...built, ...(figure ? { figure } : {}) };
  },
  variants: [
    { name: 'rate independent of alpha at large alpha', equations: { 'rate, large alpha': { rhs: '0' } } },
    { name: 'rate ∝ alpha^2 at small alpha too (the lazy law everywhere)', equations: { 'rate, small alpha': { rhs: '2' } } },
    { name: 'l2 approached as alpha^-2', equations: { 'bias, large alpha (l2)': { rhs: '2' } } },
    { name: 'l1 approached as alpha^(1 - m) (scale alpha, not alpha^2: u(0) = v(0) = sqrt(alpha))', equations: { 'bias, small alpha (l1)': { rhs: '1 - m' } } },
    { name: 'l1 approached as alpha^2 (margin ignored)', equations: { 'bias, small alpha (l1)': { rhs: '2' } } },
    { name: 'rate without the factor 2 (u^2 + v^2 = sqrt(w^2 + alpha^4))', defs: { rate: `rate(w, a) = ${rateOf('X * diag(map(w .^ 2 + a^4, sqrt)) * transpose(X)')}` } },
    { name: 'rate with alpha^2 in place of alpha^4', defs: { rate: `rate(w, a) = ${rateOf('2 * X * diag(map(w .^ 2 + a^2, sqrt)) * transpose(X)')}` } },
    { name: 'rate with |w| in place of w^2 (sqrt(|w| + alpha^4))', defs: { rate: `rate(w, a) = ${rateOf('2 * X * diag(map(abs(w) + a^4, sqrt)) * transpose(X)')}` } },
    // each exponent shifted by +-0.01: the check resolves far finer (its resolution is ~1.5e-3 at worst over seeds 1..10, 42, 99, 1234)
    ...([
      ['rate, large alpha', RATE_LARGE],
      ['rate, small alpha', RATE_SMALL],
      ['bias, large alpha (l2)', BIAS_LARGE],
      ['bias, small alpha (l1)', BIAS_SMALL],
    ] as const).flatMap(([eq, rhs]) =>
      (['+', '-'] as const).map((sign) => ({ name: `${eq}: exponent ${sign} 0.01`, equations: { [eq]: { rhs: `${rhs} ${sign} 0.01` } } })),
    ),
  ],
});

// ------------------------------------------------------------------------------ DMFT ----
//
// Late times. The effective process is solved forward in time in one pass (src/models/dmft-causal.ts:
// every kernel is causal), so horizons of 24 to 60 steps cost about one sweep each. At late times
// the train residual e = Re (zeta - eps) is small while zeta is not, a cancellation: the train
// loss's Monte Carlo error relative to itself grows as it falls (~1% at 10^-2 of its start with
// 4 x 6000 paths, 2% at alpha = 0.1), while the test error (C_Delta, no cancellation) stays sharper. The check reads,
// besides the time-integrated curves, the convergence rate of the train loss over the last three
// quarters of the horizon, rho = ln(L(T/4) / L(T)) / (3T/4) (see RATE_FROM), and the test error reached at T (the limit's
// generalisation: with label noise it rises again). Their competitor is the lazy dynamics, the
// readout linearised at initialisation (Delta = 2 alpha^2 x - theta: gradient descent on least
// squares, in closed form), i.e. the kernel regime's rate and error: near it only at large alpha.
// Both sides are Monte Carlo means (paths, draws): each equation's stated uncertainty is two
// standard errors, since the range rule reads the level-to-level noise of the draws as convergence.

/**
 * A DMFT configuration: the prior is sparse Rademacher, theta* in {-1, 0, 1} with P(theta* != 0) =
 * rho; gradient descent with step dt for `steps` steps (the horizon T = steps dt: the train loss has
 * fallen 25-fold (alpha = 0.1) to 7000-fold (alpha = 2) by then), solved with `paths` paths per DMFT
 * solve and simulated with `draws` d^2-weighted draws (see DMFT_D_REF).
 */
interface DmftConfig {
  alpha: number;
  /** n / d */
  delta: number;
  rho: number;
  sigma: number;
  dt: number;
  steps: number;
  paths: number;
  /** independent DMFT solves of `paths` each: their spread is the reference's own Monte Carlo error */
  solves: number;
  /** level d runs draws DMFT_D_REF / d^2 seeds (at least DMFT_MIN_SEEDS): the same cost at every level */
  draws: number;
}

/** a configuration with the seed its Monte Carlo streams derive from (DMFT paths, data draws) */
interface DmftParams extends DmftConfig {
  seed: number;
}


/**
 * alpha from the rich (0.1) to the lazy (2) regime; the step keeps eta lambda_max of the late
 * Hessian X diag(2 sqrt(w^2 + alpha^4)) X^T below ~1.5 (stable below 2) down to d = 20. alpha = 2 is
 * nearly linear (standard errors ~1e-4: few paths and draws); alpha = 0.1 is the noisiest, and
 * there the DMFT's own Monte Carlo error leads (1.9 times the draws' in the train loss, 2.3 times in
 * the late rate over the last half; ~1.5 to 3 times over three quarters), so its draws were cut from 12500 to 9000 (5% coarser, 0.4 s less), and it has six
 * DMFT solves, not four (+0.85 s): a standard error from four solves (three degrees of freedom) is
 * itself uncertain by ~40%, and the resolution is twelve of it, so with four the resolutions at
 * alpha = 0.1 moved threefold with the seed (train loss 0.030 to 0.093 over seeds 1..6, 42).
 * Eight solves of half the paths, tried at the same cost, made the late rate's DMFT side heavy-tailed
 * (seed 2 drew a standard error of 7% where four solves of 6000 give 2%).
 */
const DMFT_CONFIGS: readonly DmftConfig[] = [
  { alpha: 0.1, delta: 0.5, rho: 0.2, sigma: 0.1, dt: 0.3, steps: 36, paths: 6000, solves: 6, draws: 9000 },
  { alpha: 0.25, delta: 0.4, rho: 0.2, sigma: 0, dt: 0.25, steps: 32, paths: 6000, solves: 4, draws: 8500 },
  { alpha: 0.5, delta: 0.5, rho: 0.3, sigma: 0.3, dt: 0.25, steps: 32, paths: 6000, solves: 4, draws: 8500 },
  { alpha: 2, delta: 0.3, rho: 0.4, sigma: 0.2, dt: 0.05, steps: 24, paths: 2000, solves: 4, draws: 3000 },
];

/**
 * A case is a seed: every configuration is measured in each case, its DMFT solves and data draws
 * seeded from it (seedOf(seed, configuration, ...)), so a run replays from its seed and another
 * seed resamples all of them. (Drawing configurations as cases would leave one out of 12 draws
 * one time in eight, and a seed per drawn configuration would triple the work of 12 draws.)
 */
// not shrunk: a smaller seed is no simpler case, and each one costs a full measurement
const dmftDomain: fc.Arbitrary<{ seed: number }> = fc.record({ seed: fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })) });
const dmftCase = (seed: number, i: number): DmftParams => ({ ...DMFT_CONFIGS[i]!, seed: seedOf(seed, i) });

/**
 * levels: d, multiples of 20, so that n = delta d and the atoms' counts rho d / 2 are integers (their
 * rounding would add an irregular O(1/d) the extrapolation cannot follow). The finite-size gap closes
 * as ~1/d while the draws' spread per seed shrinks as 1/sqrt(d) at a cost ~d^2. Each level runs
 * draws DMFT_D_REF / d^2 seeds, the same cost at every level, so the standard error of a level grows
 * like sqrt(d) and each added level moves the 1/d fit less than the one before: the extrapolated
 * means then settle as the range grows, where with draws / d seeds (equal standard errors, each new
 * level the fit's most leveraged point) they moved by about one standard error at every level, and
 * the range rule's geometric tail, fed two same-signed noise steps, read that as unfinished
 * convergence (seeds 3, 42 and 99 wandered, one equation of twelve each). At the same resolution it
 * costs 2.4 s less CPU (the level-160 draws were the dearest). --deep: d up to 320 and four times the
 * paths and draws, at the same horizon (a horizon 1.5 times longer, tried before, made the late rate
 * noisier: its resolution grew to 0.53).
 */
const DMFT_LEVELS = [20, 40, 60, 80, 100, 120, 140, 160];
const DMFT_DEEP_LEVELS = [20, 40, 60, 80, 100, 120, 140, 160, 200, 240, 280, 320];
/** the mean of the default levels: the same total cost (seeds d^2 summed over the levels) as draws / d seeds at every level */
const DMFT_D_REF = 90;
/** at least this many seeds (the control-variate regression fits 3 to 4 controls; 24 leaves it 19 degrees of freedom) */
const DMFT_MIN_SEEDS = 24;
/** --deep: paths and draws this many times more (the resolutions halve) */
const DMFT_DEEP_BUDGET = 4;
/**
 * the ablated closures of the variants are solved with a quarter of the paths and two solves: their
 * gaps to the simulations (5% to 1000%) dwarf the Monte Carlo error either way
 */
const DMFT_VARIANT_SOLVES = 2;

/** the measurement's horizon and budget: the configuration's own, or --deep's */
interface DmftRun {
  steps: number;
  budget: number;
}
const runOf = (p: DmftConfig, deep: boolean): DmftRun => ({ steps: p.steps, budget: deep ? DMFT_DEEP_BUDGET : 1 });

/** the four quantities compared: the time-integrated losses over (0, T], the late train rate, the test error at T */
type DmftQuantity = 'trainArea' | 'testArea' | 'rate' | 'testEnd';
const DMFT_QUANTITIES: readonly DmftQuantity[] = ['trainArea', 'testArea', 'rate', 'testEnd'];

/** the sum over the grid k = 1..K (the initial value is no dynamics) */
const areaOf = (curve: readonly number[]): number => curve.slice(1).reduce((a, b) => a + b, 0);

const trainTest = (c: { train: number[]; test: number[] }): [number[], number[]] => [c.train, c.test];

/**
 * the late rate's window starts at a quarter of the horizon (every K is a multiple of 4): the Monte
 * Carlo error of ln L is that of the late values (a cancellation), nearly the same whatever the
 * window, so a window over the last three quarters, twice the log-drop of the last half, halves the
 * rate's relative error on both sides (DMFT solves at alpha = 0.1: 4.6% -> 2.4% per solve; at
 * alpha = 0.25: 5.5% -> 2.9%). A least-squares slope of ln L over the same window did no better
 * (the late values' errors are correlated in time: 4.6% over the half, 2.7% over three quarters).
 */
const RATE_FROM = 1 / 4;

function quantitiesOf(train: readonly number[], test: readonly number[], dt: number): Record<DmftQuantity, number> {
  const K = train.length - 1;
  const h = K * RATE_FROM;
  return { trainArea: areaOf(train), testArea: areaOf(test), rate: Math.log(train[h]! / train[K]!) / ((K - h) * dt), testEnd: test[K]! };
}

/** gradient descent in the mirror coordinate r (u = alpha e^r, v = alpha e^-r): r' = -g, w = alpha^2 sinh(2 r) */
function dlnDynamics(p: DmftConfig): SeparableDynamics {
  const a2 = p.alpha * p.alpha;
  return {
    prior: [
      { theta: 1, x0: 0, weight: p.rho / 2 },
      { theta: -1, x0: 0, weight: p.rho / 2 },
      { theta: 0, x0: 0, weight: 1 - p.rho },
    ],
    drift: (_x, g, _theta, out) => {
      out[0] = -g;
      out[1] = 0;
      out[2] = -1;
    },
    readout: (x, theta, out) => {
      out[0] = a2 * Math.sinh(2 * x) - theta;
      out[1] = 2 * a2 * Math.cosh(2 * x);
    },
  };
}

/** the lazy dynamics' d -> infinity curves (readout linearised at x = 0: slope 2 alpha^2) */
function lazyLimit(p: DmftConfig, steps: number): { train: number[]; test: number[] } {
  const slope = 2 * p.alpha * p.alpha;
  // |Delta^0|^2 / d: x0 = 0 for every atom, so Delta^0 = -theta
  const m0 = p.rho;
  return linearGdLimitQuadrature({ slope, m0, delta: p.delta, sigma: p.sigma, dt: p.dt, steps });
}

interface Estimate {
  mean: number;
  se: number;
}

interface DmftReference {
  /** the curves, averaged over the solves */
  train: number[];
  test: number[];
  /** each quantity's mean over the solves and its standard error */
  values: Record<DmftQuantity, Estimate>;
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const stdErr = (v: readonly number[]): number => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1) / v.length);
};

const dmftCache = new Map<string, DmftReference>();
/**
 * The DMFT curves from independent causal solves (moment-matched Gaussian draws, different seeds):
 * their mean, and each quantity's standard error from their spread.
 */
function dmftOf(p: DmftParams, flags: Flags, { steps, budget }: DmftRun): DmftReference {
  const ablate = flags.ablate === 'response' || flags.ablate === 'noiseDelta' ? flags.ablate : undefined;
  const sigma = flags.noiseless === true ? 0 : p.sigma;
  return memo(dmftCache, `${JSON.stringify(p)}|${steps}|${budget}|${ablate}|${sigma}`, () => {
    const variant = ablate !== undefined || sigma !== p.sigma;
    const solves: DmftSolution[] = [];
    for (let b = 0; b < (variant ? DMFT_VARIANT_SOLVES : p.solves); b++)
      solves.push(
        solveDmftCausal(dlnDynamics(p), {
          delta: p.delta,
          sigma,
          dt: p.dt,
          steps,
          samples: (budget * p.paths) / (variant ? 4 : 1),
          seed: seedOf(p.seed, b),
          momentMatch: true,
          ...(ablate ? { ablate } : {}),
        }),
      );
    const curve = (w: 'train' | 'test'): number[] => solves[0]![w].map((_, k) => mean(solves.map((q) => q[w][k]!)));
    const each = solves.map((q) => quantitiesOf(q.train, q.test, p.dt));
    const values = Object.fromEntries(DMFT_QUANTITIES.map((q) => [q, { mean: mean(each.map((e) => e[q])), se: stdErr(each.map((e) => e[q])) }])) as Record<DmftQuantity, Estimate>;
    return { train: curve('train'), test: curve('test'), values };
  });
}

interface Simulated {
  /** the control-variate estimates of each quantity's mean over the draws */
  values: Record<DmftQuantity, Estimate>;
  /** plain averages of the curves over the draws, for the figure */
  trainCurve: number[];
  testCurve: number[];
  seeds: number;
}

const simCache = new Map<string, Simulated>();
/**
 * The quantities of the finite system at d, over draws DMFT_D_REF / d^2 draws of the data (per draw:
 * the areas, the late rate and the test error at T, each averaged over the draws). Each draw also
 * runs the lazy dynamics (readout linearised at initialisation) on the same data, whose
 * d -> infinity curves are known in closed form; its quantities minus those limits, with the exact
 * zero-mean moments of the data (SimCurves.controls), are the control variates. They share the
 * draws' fluctuations (the spectrum of X^T X, the projections of the targets): for the areas the
 * standard error falls 2 to 8-fold, for the late rate ~100-fold at alpha = 2 and hardly at small
 * alpha (the rich dynamics forget their start). The surrogate's own finite-size bias (O(1/d))
 * vanishes with d like the system's.
 */
function simulated(p: DmftParams, d: number, { steps, budget }: DmftRun): Simulated {
  return memo(simCache, `${JSON.stringify(p)}|${steps}|${budget}|${d}`, () => {
    const dyn = dlnDynamics(p);
    const slope = 2 * p.alpha * p.alpha;
    const linear: SeparableDynamics = {
      prior: dyn.prior,
      drift: dyn.drift,
      readout: (x, theta, out) => {
        out[0] = slope * x - theta;
        out[1] = slope;
      },
    };
    const lazy = lazyLimit(p, steps);
    const lim = quantitiesOf(lazy.train, lazy.test, p.dt);
    // below slope T = 2 the surrogate hardly leaves its start: its quantities are then nearly
    // polynomials in the data's moments, which the exact controls already are, and it is not run
    // (at slope T = 1, alpha = 0.25, it lowered the standard errors by 0 to 14% for a third more time)
    const useLazy = slope * p.dt * steps >= 2;
    const seeds = Math.max(DMFT_MIN_SEEDS, Math.round((budget * p.draws * DMFT_D_REF) / (d * d)));
    const y: Record<DmftQuantity, number[]> = { trainArea: [], testArea: [], rate: [], testEnd: [] };
    const zLazy: Record<DmftQuantity, number[]> = { trainArea: [], testArea: [], rate: [], testEnd: [] };
    const z: number[][] = [];
    const trainCurve = new Array<number>(steps + 1).fill(0);
    const testCurve = new Array<number>(steps + 1).fill(0);
    for (let s = 0; s < seeds; s++) {
      const o = { d, delta: p.delta, sigma: p.sigma, dt: p.dt, steps, seed: seedOf(p.seed, d, s) };
      const c = simulateSeparable(dyn, o);
      const qc = quantitiesOf(c.train, c.test, p.dt);
      // the same seed draws the same X, eps and targets
      const ql = useLazy ? quantitiesOf(...trainTest(simulateSeparable(linear, o)), p.dt) : lim;
      for (const q of DMFT_QUANTITIES) {
        y[q].push(qc[q]);
        zLazy[q].push(ql[q] - lim[q]);
      }
      z.push(c.controls);
      c.train.forEach((v, k) => (trainCurve[k]! += v / seeds));
      c.test.forEach((v, k) => (testCurve[k]! += v / seeds));
    }
    // the lazy controls are exact only as d -> infinity: where they add nothing to the data's
    // moments (they nearly are polynomials in them when the surrogate hardly moves), their
    // coefficients blow up with their near-collinearity and so does the standard error; so each
    // quantity keeps the surrogate only if it lowers the standard error
    const best = (q: DmftQuantity): Estimate => {
      const exact = controlVariateMean(y[q], z);
      const all = useLazy ? controlVariateMean(y[q], z.map((r, s) => [...r, zLazy[q][s]!])) : exact;
      const e = all.se < exact.se ? all : exact;
      return { mean: e.mean, se: e.se };
    };
    const values = Object.fromEntries(DMFT_QUANTITIES.map((q) => [q, best(q)])) as Record<DmftQuantity, Estimate>;
    return { values, trainCurve, testCurve, seeds };
  });
}

/**
 * A simulated quantity extrapolated to d -> infinity from the levels up to d: a weighted
 * least-squares fit of A(d) = A_inf + c / d (the finite-size correction of a mean over a
 * d-dimensional system) with weights 1 / se^2; its standard error from the levels' own (the fit's
 * (0, 0) covariance). At the first level there is nothing to fit: the value at d itself.
 */
function extrapolated(p: DmftParams, levels: readonly number[], d: number, run: DmftRun, q: DmftQuantity): Estimate {
  const pts = levels.filter((l) => l <= d).map((l) => {
    const v = simulated(p, l, run).values[q];
    return { x: 1 / l, y: v.mean, se: v.se };
  });
  if (pts.length === 1) return { mean: pts[0]!.y, se: pts[0]!.se };
  let s0 = 0, s1 = 0, s2 = 0, t0 = 0, t1 = 0;
  for (const pt of pts) {
    const wt = 1 / pt.se ** 2;
    s0 += wt;
    s1 += wt * pt.x;
    s2 += wt * pt.x * pt.x;
    t0 += wt * pt.y;
    t1 += wt * pt.x * pt.y;
  }
  const det = s0 * s2 - s1 * s1;
  return { mean: (s2 * t0 - s1 * t1) / det, se: Math.sqrt(s2 / det) };
}

/**
 * The resolutions the claim asserts (issue 15 asks 0.02 of simulation-based claims; not reached by
 * default). Each equation's resolution is 2 K (K = 3) times its stated uncertainty, two standard
 * errors of both sides: 12 standard errors. At alpha <= 0.5 the DMFT's own Monte Carlo error leads,
 * the draws' after the 1/d extrapolation follow; the 1/d fit itself adds no visible model error (the floor, 0.004 at alpha = 2).
 * The Monte Carlo seeds come from the case's seed, and so do the standard errors (from 6 solves at
 * alpha = 0.1, 4 elsewhere): the targets are the worst over run seeds 1..12, 42, 99, 1234, 2024,
 * 2026, rounded up, all at alpha = 0.1 (the other configurations reach at most 0.064, 0.065, 0.216,
 * 0.110): train loss 0.066 (seed 5), test error 0.084 (seed 5), late train rate 0.257 (seed 2026),
 * test error at T 0.143 (seed 99). Raised from 0.08 and 0.14 for the test error and the test error at
 * T, whose quantities did not change: seeds 5 and 99 (checked since) reach past them, by an outlying
 * DMFT solve (seed 5: one solve of six 3% above the rest in both areas and at T) and by both sides'
 * spread (seed 99: DMFT 0.8%, draws ~0.7%). The DMFT side's Monte Carlo is heavy-tailed: now and then
 * one solve's late losses lie 3% (areas) to 30% (train loss at T) above the others (which paths
 * cause it was not measured), which inflates that seed's standard error: with the rate over the last
 * half, seed 2026 drew a rate of 0.173 against 0.20-0.23 for the five other solves (late train rate
 * resolution 0.55 at alpha = 0.1, 0.44 at 0.25); over the last three quarters (RATE_FROM) 0.257 and
 * 0.216. The draws are not at fault: their extrapolated rate has a relative standard error of ~1%
 * (0.65% over three quarters), the 1/d fit leaves chi^2 / dof 0.7 to 1.4 at alpha = 0.1 and 0.25
 * (seed 2026), and a d^(-2/3) fit (the spectrum's edge) fits as well and moves the limit by 1 to 1.5
 * standard errors: the levels cannot tell the two apart, nor need to at this resolution.
 * Eight solves at alpha = 0.1 (tried, for 0.9 s more, paid by fewer draws at alpha = 0.5) lowered the
 * worst of seeds 5, 99, 2026 to 0.053, 0.072, 0.197, 0.132, but at seed 5 the test error at T then
 * wandered (errors ... -0.032, -0.027, -0.023, -0.024 at d = 100..160: a ratio 0.798 one level
 * earlier, just under the geometric tail's 0.8, added 0.016, and the move 0.0178 exceeded the stated
 * 0.0171): not adopted.
 * 0.02 would take (0.066 / 0.02)^2 ~ 11 times the paths and draws for the train loss, ~18 for the
 * test error, ~160 for the late rate, ~50 for the test error at T.
 * --deep (four times the paths and draws, d up to 320) reached 0.019, 0.025, 0.055 and 0.044 at
 * alpha = 0.1 at run seed 42 (0.042 and 0.052 the worst of the others: late rate at 0.25, test error
 * at T at 0.5), in 55 s on a loaded machine; 0.018, 0.024, 0.11 (the rate over the last half) and
 * 0.040 on the fixed seeds of before.
 * Verified, all 13 variants refuted, at each of the seeds above. With draws / d seeds per
 * level (equal standard errors), seeds 3, 42 and 99 were inconclusive: one of the twelve noisy
 * equations each (seed 42: test error at T, alpha = 0.1, errors ... 0.0032, 0.0093, 0.0006 at
 * d = 120..160) had a gap well inside its resolution, but two same-signed noise steps before the
 * last made the geometric tail add 0.019 one level earlier, and the extrapolation moved 0.028, more
 * than its stated 0.016 (see DMFT_D_REF for the levels' weights that settle it).
 */
const DMFT_TARGET = { 'train loss': 0.07, 'test error': 0.09, 'late train rate': 0.3, 'test error at T': 0.15 } as const;

type DmftEquation = keyof typeof DMFT_TARGET;
/** each quantity: its equation, the quantity both sides read, its simulated side and its DMFT side (per configuration i: name + i) */
const DMFT_QUANTITY_EQUATIONS: readonly [equation: DmftEquation, quantity: DmftQuantity, sim: string, theory: string][] = [
  ['train loss', 'trainArea', 'simTrain', 'dmftTrain'],
  ['test error', 'testArea', 'simTest', 'dmftTest'],
  ['late train rate', 'rate', 'simRate', 'dmftRate'],
  ['test error at T', 'testEnd', 'simTestT', 'dmftTestT'],
];
/** the equation of a quantity at configuration i */
const dmftEquation = (eq: DmftEquation, i: number): string => `${eq}, alpha = ${DMFT_CONFIGS[i]!.alpha}`;
/** every (configuration, quantity) pair: 16 equations */
const DMFT_EQUATIONS = DMFT_CONFIGS.flatMap((_, i) => DMFT_QUANTITY_EQUATIONS.map(([eq, q, sim, theory]) => ({ i, eq, q, name: dmftEquation(eq, i), sim: `${sim}${i}`, theory: `${theory}${i}` })));

const DMFT_DIVERGED = 1e300;
/** a variant's right-hand side of one quantity's equation at every configuration */
const dmftOverride = (eq: DmftEquation, rhs: (i: number) => string): Record<string, { rhs: string }> =>
  Object.fromEntries(DMFT_CONFIGS.map((_, i) => [dmftEquation(eq, i), { rhs: rhs(i) }]));

export const dmft = defineClaim<{ seed: number }>({
  id: 'dln.dmft',
  group: 'dln',
  kind: 'scaling',
  source: SOURCE,
  statement: String.raw`r^{k+1}=r^k-\eta\Big(\xi^k+\delta\sum_{j\le k}R_e(k,j)\,\Delta^j\Big),\ \Delta^k=\alpha^2\sinh(2r^k)-\theta^*,\ \xi\sim\mathcal N(0,\delta C_e),\ C_e=R_e(C_\Delta+\sigma^2)R_e^\top,\ R_e=(I-R_\Delta)^{-1},\ C_\Delta=\mathbb E\,\Delta\Delta^\top,\ R_\Delta=\mathbb E\,\partial\Delta/\partial h:\quad \tfrac{|e^k|^2}{2n}\to L_k=\tfrac12C_e(k,k),\ \tfrac{|w^k-\theta^*|^2}{2d}\to E_k=\tfrac12C_\Delta(k,k)\ (d\to\infty,\ n=\delta d;\ \text{checked on}\ \textstyle\sum_{k=1}^{K}L_k,\ \sum_{k=1}^{K}E_k,\ \text{the late rate}\ \ln(L_{K/4}/L_K)/(3\eta K/4)\ \text{and}\ E_K,\ \alpha\ \text{from}\ 0.1\ \text{to}\ 2)`,
  domain: dmftDomain,
  encoding: {
    defs: [],
    // a signed gap on each, relative
    equations: DMFT_EQUATIONS.map(({ name, sim, theory }) => ({ name, lhs: sim, rhs: theory, scale: theory })),
  },
  ranges: {
    levels: DMFT_LEVELS,
    target: Object.fromEntries(DMFT_EQUATIONS.map(({ name, eq }) => [name, DMFT_TARGET[eq]])),
    label: 'd',
    floor: {
      value: 0.002,
      why: 'the finite-size extrapolation A + c/d from d = 20..160 leaves a model error of a few 1e-4 (the 1/d^2 terms at late times), which at alpha = 2 (standard errors ~1e-4) the levels show as drift',
    },
    deep: {
      levels: DMFT_DEEP_LEVELS,
      floor: { value: 0.002, why: 'as in the default run: the 1/d^2 terms of the finite-size extrapolation, a few 1e-4' },
    },
  },
  // one case is every configuration at one seed
  runs: 1,
  measure({ seed }, { level: d, flags, deep }) {
    const levels = deep === true ? DMFT_DEEP_LEVELS : DMFT_LEVELS;
    const scope: Scope = {};
    const uncertainty: Record<string, number> = {};
    for (const { i, q, name, sim, theory } of DMFT_EQUATIONS) {
      const params = dmftCase(seed, i);
      const run = runOf(params, deep === true);
      const s = extrapolated(params, levels, d, run, q);
      const r = dmftOf(params, flags, run).values[q];
      // a closure that diverges (an ablated one can, at alpha = 0.5) predicts an unbounded loss:
      // read as 1e300, a 100% gap that refutes it, not as a case without a number
      const t = Number.isFinite(r.mean) && Number.isFinite(r.se) ? r : { mean: DMFT_DIVERGED, se: 0 };
      scope[sim] = D64(s.mean);
      scope[theory] = D64(t.mean);
      // two standard errors of both sides, the draws' (after the control variates, through the fit)
      // and the solves': each level adds independent draws, so the extrapolated means move by about
      // one standard error from level to level, which the range rule would read as unfinished
      // convergence (a pure-noise sequence wanders 1 time in 4 at one, 1 in 25 at two)
      uncertainty[name] = (2 * Math.hypot(s.se, t.se)) / Math.abs(t.mean);
    }
    DMFT_CONFIGS.forEach((c, i) => {
      const lz = lazyLimit(c, c.steps);
      const lazy = quantitiesOf(lz.train, lz.test, c.dt);
      scope[`lazyRate${i}`] = D64(lazy.rate);
      scope[`lazyTestT${i}`] = D64(lazy.testEnd);
    });
    let figure: Figure | undefined;
    if (d === levels[levels.length - 1]) {
      // the richest configuration's curves (alpha = 0.1)
      const params = dmftCase(seed, 0);
      const run = runOf(params, deep === true);
      const sol = dmftOf(params, flags, run);
      const lz = lazyLimit(params, run.steps);
      const sim = simulated(params, d, run);
      const t = sol.train.map((_, k) => k * params.dt);
      figure = {
        kind: 'lines',
        title: `DLN gradient descent (alpha = ${params.alpha}, delta = ${params.delta}, rho = ${params.rho}, sigma = ${params.sigma}): DMFT against d = ${d} (${sim.seeds} draws) and the lazy dynamics, log10 of the losses`,
        xLabel: 't',
        yLabel: 'log10 loss',
        series: [
          { name: 'train, DMFT', x: t, y: sol.train.map(Math.log10) },
          { name: `train, d = ${d}`, x: t, y: sim.trainCurve.map(Math.log10) },
          { name: 'train, lazy', x: t, y: lz.train.map(Math.log10) },
          { name: 'test, DMFT', x: t, y: sol.test.map(Math.log10) },
          { name: `test, d = ${d}`, x: t, y: sim.testCurve.map(Math.log10) },
          { name: 'test, lazy', x: t, y: lz.test.map(Math.log10) },
        ],
      };
    }
    return { scope, uncertainty, ...(figure ? { figure } : {}) };
  },
  variants: [
    { name: 'no Onsager memory (R_e = I: the response kernel dropped)', flags: { ablate: 'response' } },
    { name: 'noise covariance C_e without the factor delta', flags: { ablate: 'noiseDelta' } },
    { name: 'label noise left out of C_e', flags: { noiseless: true } },
    // the DMFT curves 2% off, each on its own (at every configuration)
    ...(['train loss', 'test error'] as const).flatMap((eq) =>
      ([['+', '1.02'], ['-', '0.98']] as const).map(([sign, f]) => ({
        name: `${eq} curve ${sign}2%`,
        equations: dmftOverride(eq, (i) => `${f} * ${eq === 'train loss' ? 'dmftTrain' : 'dmftTest'}${i}`),
      })),
    ),
    // late times: the kernel regime's answer, and the DMFT's own 5% off (these and the 2% curves are
    // refuted at alpha = 2, resolution 0.004; at alpha <= 0.5 the resolutions, 0.025 to 0.26, are coarser than 5%)
    { name: 'late train rate of the lazy dynamics (the readout linearised at initialisation: the kernel regime)', equations: dmftOverride('late train rate', (i) => `lazyRate${i}`) },
    { name: 'test error at T of the lazy dynamics', equations: dmftOverride('test error at T', (i) => `lazyTestT${i}`) },
    ...([['late train rate', 'dmftRate'], ['test error at T', 'dmftTestT']] as const).flatMap(([eq, v]) =>
      ([['+', '1.05'], ['-', '0.95']] as const).map(([sign, f]) => ({ name: `${eq} ${sign}5%`, equations: dmftOverride(eq, (i) => `${f} * ${v}${i}`) })),
    ),
  ],
});

export const dlnClaims = [conservation, mirrorFlow, implicitBias, incrementalLearning, rateTradeoff, dmft];
