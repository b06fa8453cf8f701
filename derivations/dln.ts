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
 */
import fc from 'fast-check';
import type { Claim, Flags } from '../src/core/claim.js';
import { dec } from '../src/numeric/convert.js';
import type { Fixed } from '../src/numeric/fixed.js';
import { matvec, type Mat, type Vec } from '../src/numeric/linalg.js';
import { integrateGBS } from '../src/numeric/ode.js';
import type { Scope } from '../src/symbolic/numeric.js';
import { Rng } from '../src/numeric/rng.js';
import { fixedAt } from './instances.js';

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
function cached(key: string, build: () => Scope): Scope {
  let s = cache.get(key);
  if (!s) {
    if (cache.size >= 400) cache.delete(cache.keys().next().value!);
    cache.set(key, (s = build()));
  }
  return s;
}
const keyOf = (tag: string, p: DlnParams, digits: number, flags: Flags): string =>
  `${tag}|${p.n},${p.d},${p.seed},${p.T4},${p.k}|${digits}|${flags.unhalved === true},${flags.penalty2 === true}`;

export const conservation: Claim<DlnParams> = {
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
  instance(params, digits, flags) {
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
};

export const mirrorFlow: Claim<DlnParams> = {
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
  instance(params, digits, flags) {
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
};

export const dlnClaims = [conservation, mirrorFlow];
