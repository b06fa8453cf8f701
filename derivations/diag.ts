/**
 * diag, quad: weight decay as sparsity (Defilippis, Xu, Girardin, Troiani, Erba, Zdeborová,
 * Loureiro, Krzakala, arXiv 2509.24882). Weight decay on a factorised parameter is a norm of the
 * product: the l1 norm for a diagonal (Hadamard) factorisation, the nuclear norm for a
 * quadratic one.
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { defineClaim, type Claim, type Instance, type Series, type Variant, type Scope } from '../src/api/index.js';
import { powerThresholds, proximalGradient, dec, eigSym, matmul, transpose, Rng, type Fixed, type Mat, type Vec, logSlope } from '../src/api/numeric.js';
import { lassoSE, SEUnresolved, PowerLawSum, diagFlow, diagNewton, lassoHomotopy, modeFlow, locateRegularised, locateVariational, polishRegularised, polishVariational, type SEPoint, type Located, type Readout } from '../src/api/models.js';
import { lassoModel } from './diag-laws.js';
import { boundaryMoved, formulaFor, movedModel, regimeOf, type RegimePoint } from './law-regimes.js';
import { dyadicAt, fixedAt, seedArb } from './instances.js';
import { memo } from './instances.js';

const SOURCE = 'arXiv:2509.24882';



interface L1Params {
  n: number;
  seed: number;
}

/**
 * The minimiser of f(a) = a^2 + theta^2 / a^2 over a > 0, by Newton's method on
 * f'(a) = 2a - 2 theta^2 / a^3. f' is increasing and concave on a > 0, so Newton started left
 * of its (unique) root climbs to it monotonically; the unique stationary point of a function
 * that blows up at 0 and at infinity is the global minimum. a0 = min(1, |theta|) / 2 lies left
 * of the root whatever it is (a0^4 < theta^2), without using the root.
 */
function newtonMinimiser(F: Fixed, theta: bigint): bigint {
  const t = F.mul(theta, theta);
  const at = F.abs(theta);
  let a = (at < F.one ? at : F.one) / 2n;
  const ulps = 1n << 8n;
  for (let it = 0; it < 400; it++) {
    const a2 = F.mul(a, a);
    const a3 = F.mul(a2, a);
    const a4 = F.mul(a2, a2);
    // f'/f'' with the common factor 2 cancelled
    const step = F.div(a - F.div(t, a3), F.one + 3n * F.div(t, a4));
    a -= step;
    if (a <= 0n) throw new Error('Newton left the half-line a > 0');
    if (F.abs(step) <= ulps) return a;
  }
  throw new Error('Newton did not converge');
}

export const weightDecayIsL1 = defineClaim<L1Params>({
  id: 'diag.weight-decay-is-l1',
  group: 'diag',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\min_{a\odot w=\theta}\ \|a\|_2^2+\|w\|_2^2 \;=\; 2\|\theta\|_1`,
  domain: fc.record({ n: fc.integer({ min: 1, max: 6 }), seed: seedArb }),
  encoding: {
    defs: [],
    equations: [
      // the minimiser found numerically satisfies the constraint ...
      { name: 'constraint', lhs: 'a .* w', rhs: 'theta' },
      // ... and its objective value is the claimed norm
      { name: 'minimum', lhs: 'dot(a, a) + dot(w, w)', rhs: '2 * sum(abs(theta))' },
    ],
  },
  instance(params, { digits }) {
    const F = fixedAt(digits);
    const rng = new Rng(params.seed);
    // dyadic coordinates over a few decades, a quarter of them exactly zero (a sparse target)
    const theta: Vec = Array.from({ length: params.n }, () => {
      const zero = rng.int(0, 3) === 0;
      const th = dyadicAt(F, rng, 8, 10);
      return zero ? 0n : th;
    });
    // the problem separates by coordinate; eliminating w = theta / a leaves a scalar
    // minimisation over a > 0 (the sign of a is free: (a, w) -> (-a, -w)); theta_i = 0 has
    // its minimum 0 at a = w = 0
    const a = theta.map((th) => (th === 0n ? 0n : newtonMinimiser(F, th)));
    const w = theta.map((th, i) => (th === 0n ? 0n : F.div(th, a[i]!)));
    return { scope: { a: dec(F, a), w: dec(F, w), theta: dec(F, theta) } };
  },
  variants: [
    { name: 'lost factor 2: ||theta||_1', equations: { minimum: { rhs: 'sum(abs(theta))' } } },
    { name: 'ridge reading: 2 ||theta||_2', equations: { minimum: { rhs: '2 * norm(theta)' } } },
    { name: 'sign lost: 2 sum(theta)', equations: { minimum: { rhs: '2 * sum(theta)' } } },
  ],
});

/* ------------------------------------------------------------------------------------------
 * quad.weight-decay-is-nuclear, quad.weight-decay-trained-readout
 *
 * The quadratic network f(x) = sum_i a_i (w_i^T x)^2 = x^T S x, S = sum_i a_i w_i w_i^T. Each claim
 * is checked by two optimisers that could have found something else: (a) the least weight
 * norm over the factorisations of a drawn S, by an augmented Lagrangian method from random
 * starts (src/models/quadnet-train.ts); (b) the network's training loss with weight decay
 * minimised by descent (L-BFGS) from random starts, against the proximal-gradient solution of
 * the penalised problem in S (src/numeric/prox-spectral.ts). The network's end points are
 * polished at working precision by Levenberg-Marquardt on their stationarity (KKT) systems.
 * ---------------------------------------------------------------------------------------- */

/** W' = (I - 2 v v^T / v^T v) W: a rational Householder reflection of the rows of W. */
function householder(F: Fixed, v: Vec, W: Mat): Mat {
  const vv = v.reduce((s, x) => s + F.mul(x, x), 0n);
  const coef = F.div(2n * F.one, vv);
  const d = W[0]!.length;
  const c = Array.from({ length: d }, (_, j) => F.mul(coef, W.reduce((s, row, i) => s + F.mul(v[i]!, row[j]!), 0n)));
  return W.map((row, i) => row.map((x, j) => x - F.mul(v[i]!, c[j]!)));
}

const exactly = (F: Fixed, M: number[][]): Mat => M.map((r) => r.map((v) => F.fromNumber(v)));
const dyadic = (rng: Rng, range: number, bits: number): number => {
  const [k, den] = rng.dyadic(range, bits);
  return k / den;
};
/** |eigenvalues| of a small symmetric matrix, in float64 (scales, never results). */
const absEigenvalues = (M: number[][]): number[] => {
  const F = fixedAt(20);
  return eigSym(F, exactly(F, M)).values.map((v) => Math.abs(F.toNumber(v)));
};
const spectralRadius = (M: number[][]): number => Math.max(...absEigenvalues(M));

interface NuclearParams {
  /** S is d x d */
  d: number;
  /** S = sum_{k < pos} b_k b_k^T - sum_{k >= pos} b_k b_k^T: inertia (pos, d - pos) for generic b */
  pos: number;
  /** lambda = (frac / 16) max |eig S|, rounded to a dyadic */
  frac: number;
  seed: number;
}

interface NuclearData {
  S: number[][];
  /** measurement rows vec(A_k) of symmetric A_k, n x d^2 */
  A: number[][];
  y: number[];
  lambda: number;
}

/**
 * Exact dyadic data, the same problem at every precision: S from dyadic b_k, drawn again while its
 * smallest |eigenvalue| is below 1e-3 of its largest (the augmented Lagrangian starts with
 * multipliers 0, where the weight decay shrinks such a direction out of every neuron; it returns
 * only as the multiplier along it crawls, by rho |lambda_min| a round, towards -+1); measurements
 * A_k = E_k + R_k / 8 (E_k: e_i e_j^T + e_j e_i^T, or e_i e_i^T) and two more A_k = R / 4, so that
 * A is injective on symmetric matrices and A^T A has condition number about 2 (proximal gradient
 * then gains a bit an iteration); y = A(S) + noise / 2.
 */
function nuclearData(P: NuclearParams): NuclearData {
  const rng = new Rng(P.seed);
  const d = P.d;
  const pos = Math.min(P.pos, d);
  let S: number[][] = [];
  for (let tries = 0; ; tries++) {
    if (tries === 64) throw new Error('no S with a spectrum away from 0');
    const B = Array.from({ length: d }, () => Array.from({ length: d }, () => dyadic(rng, 2, 5)));
    S = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => B.reduce((s, b, k) => s + (k < pos ? 1 : -1) * b[i]! * b[j]!, 0)));
    const ev = absEigenvalues(S);
    if (Math.min(...ev) >= 1e-3 * Math.max(...ev)) break;
  }
  const symmetric = (scale: number): number[][] => {
    const R = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < d; i++) for (let j = i; j < d; j++) R[i]![j] = R[j]![i] = dyadic(rng, 1, 4) * scale;
    return R;
  };
  const A: number[][] = [];
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      const R = symmetric(1 / 8);
      R[i]![j] = R[i]![j]! + 1;
      if (i !== j) R[j]![i] = R[j]![i]! + 1;
      A.push(R.flat());
    }
  for (let e = 0; e < 2; e++) A.push(symmetric(1 / 4).flat());
  const y = A.map((row) => row.reduce((s, v, j) => s + v * S[Math.floor(j / d)]![j % d]!, 0) + dyadic(rng, 1, 6) / 2);
  const lambda = Math.max(1, Math.round(((P.frac / 16) * spectralRadius(S)) * 256)) / 256;
  return { S, A, y, lambda };
}

/** The readout: d neurons of each sign (enough for any inertia), or, for the variant, all +1. */
const signedReadout = (d: number, positive: boolean): Readout => ({ kind: 'fixed', a: Array.from({ length: 2 * d }, (_, k) => (positive || k < d ? 1 : -1)) });

const nuclearLocated = new Map<string, { variational: Located; regularised: Located }>();
const nuclearScopes = new Map<string, Instance>();

export const weightDecayIsNuclear = defineClaim<NuclearParams>({
  id: 'quad.weight-decay-is-nuclear',
  group: 'quad',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`a_i=\pm1\ (d\text{ of each}):\ \ \min_{\sum_i a_iw_iw_i^\top=S}\ \sum_i\|w_i\|^2=\|S\|_*,\ \text{so}\ \min_W\tfrac12\big\|\mathcal A\big(\textstyle\sum_i a_iw_iw_i^\top\big)-y\big\|^2+\tfrac{\lambda}{2}\sum_i\|w_i\|^2=\min_S\tfrac12\|\mathcal A(S)-y\|^2+\tfrac{\lambda}{2}\|S\|_*`,
  domain: fc.record({ d: fc.integer({ min: 2, max: 4 }), pos: fc.integer({ min: 0, max: 4 }), frac: fc.integer({ min: 1, max: 12 }), seed: seedArb }),
  encoding: {
    defs: [],
    equations: [
      // (a) the augmented Lagrangian's end point factorises S with the fixed readout ...
      { name: 'factorises', lhs: 'transpose(W) * diag(a) * W', rhs: 'S' },
      // ... at the least weight norm, which is the nuclear norm (tr S_+ + tr S_-)
      { name: 'variational', lhs: 'sum(W .^ 2)', rhs: 'sum(abs(lambda))' },
      // (b) the network trained by descent from random starts lands on the nuclear-norm estimator
      // (proximal gradient) ...
      { name: 'minimiser', lhs: 'transpose(V) * diag(a) * V', rhs: 'Sp' },
      // ... with equal minima: weight decay lambda/2 sum |w_i|^2 is the penalty lambda/2 |S|_*
      // (min sum |w_i|^2 = |S|_* exactly: not lambda |S|_*, nor the l1 case's factor 2)
      {
        name: 'minimum',
        lhs: '0.5 * norm(Amat * flatten(transpose(V) * diag(a) * V) - y) ^ 2 + lam / 2 * sum(V .^ 2)',
        rhs: '0.5 * norm(Amat * flatten(Sp) - y) ^ 2 + lam / 2 * sum(abs(mu))',
      },
    ],
  },
  instance(params, { digits, flags }) {
    return memo(nuclearScopes, `${JSON.stringify(params)}|${digits}|${JSON.stringify(flags)}`, (): Instance => {
      const F = fixedAt(digits);
      const d = params.d;
      const data = nuclearData(params);
      const readout = signedReadout(d, flags.readout === 'positive');
      const scale = spectralRadius(data.S);
      const located = memo(nuclearLocated, `${JSON.stringify(params)}|${flags.readout}`, () => ({
        variational: locateVariational(data.S, readout, new Rng(params.seed + 1), 3),
        regularised: locateRegularised(data.A, data.y, d, data.lambda, readout, new Rng(params.seed + 2), 3, scale),
      }));
      const S = exactly(F, data.S);
      const A = exactly(F, data.A);
      const y = data.y.map((v) => F.fromNumber(v));
      const lam = F.fromNumber(data.lambda);
      const W = polishVariational(F, S, readout, located.variational).W;
      const V = polishRegularised(F, A, y, d, lam, readout, located.regularised).W;
      // the penalised problem in S: the claim's lambda/2 |S|_*, or a variant's penalty
      const kappa = flags.penalty === 'lambda' ? lam : flags.penalty === 'quarter' ? lam / 4n : lam / 2n;
      const p = flags.penalty === 'frobenius' ? { num: 2, den: 1 } : { num: 1, den: 1 };
      const pg = proximalGradient(F, A, y, d, kappa, p);
      const scope = {
        S: dec(F, S),
        lambda: dec(F, eigSym(F, S).values),
        a: readout.kind === 'fixed' ? readout.a.map((v) => new Decimal(v)) : [],
        W: dec(F, W),
        Amat: dec(F, A),
        y: dec(F, y),
        lam: dec(F, lam),
        V: dec(F, V),
        Sp: dec(F, pg.S),
        mu: dec(F, pg.values),
      };
      // reported, never decided: descent that had not settled, and an eigenvalue at the
      // threshold (a direction about to enter or leave: both routes ill-conditioned)
      if (located.regularised.defect > 1e-6 * scale) return { scope, degenerate: `the descent had not settled (|gradient| ${located.regularised.defect.toExponential(2)})` };
      if (p.num === 1) {
        const t = F.toNumber(F.mul(pg.step, kappa));
        const margin = Math.min(...pg.inputs.map((z) => Math.abs(Math.abs(F.toNumber(z)) - t) / t));
        if (margin < 1e-6) return { scope, degenerate: `an eigenvalue at the soft threshold (relative margin ${margin.toExponential(2)})` };
      }
      return { scope };
    });
  },
  runs: 16,
  variants: [
    {
      name: 'Frobenius norm |S|_F^2 in place of the nuclear norm',
      equations: { variational: { rhs: 'norm(S, "fro") ^ 2' }, minimum: { rhs: '0.5 * norm(Amat * flatten(Sp) - y) ^ 2 + lam / 2 * norm(Sp, "fro") ^ 2' } },
      flags: { penalty: 'frobenius' },
    },
    { name: 'Frobenius norm |S|_F in place of the nuclear norm', equations: { variational: { rhs: 'norm(S, "fro")' } } },
    {
      name: 'factor slip: penalty lambda |S|_* for weight decay lambda/2 sum |w_i|^2 (min sum |w_i|^2 = 2 |S|_*)',
      equations: { variational: { rhs: '2 * sum(abs(lambda))' }, minimum: { rhs: '0.5 * norm(Amat * flatten(Sp) - y) ^ 2 + lam * sum(abs(mu))' } },
      flags: { penalty: 'lambda' },
    },
    {
      name: 'factor slip the other way: penalty lambda/4 |S|_* (min sum |w_i|^2 = |S|_* / 2)',
      equations: { variational: { rhs: 'sum(abs(lambda)) / 2' }, minimum: { rhs: '0.5 * norm(Amat * flatten(Sp) - y) ^ 2 + lam / 4 * sum(abs(mu))' } },
      flags: { penalty: 'quarter' },
    },
    { name: 'all readouts a_i = +1 for an indefinite S', flags: { readout: 'positive' } },
  ],
});

interface TrainedParams {
  /** S is d x d */
  d: number;
  seed: number;
}

/** 3 / 2^(2/3): min over t > 0 of t + s^2 / t^2 is this times |s|^(2/3), at t^3 = 2 s^2. */
const TRAINED_CONSTANT = 3 / 2 ** (2 / 3);

interface TrainedData {
  /** eigenvalues of S: +-k/4, k = 1..8 */
  spectrum: number[];
  /** Householder vectors: S = H1 H2 diag(spectrum) H2 H1 */
  v1: number[];
  v2: number[];
  lambda: number;
}

/**
 * S = Q diag(s) Q^T with s_j = +-k/4, k = 1..8 (bounded away from 0: a direction with a tiny
 * eigenvalue is covered only by a neuron started near it, the zero neuron being a local minimum of
 * every objective here; repeated values are allowed) and Q a product of two rational reflections.
 * lambda = k/32, k = 4..32 (smaller lambda flattens the landscape: descent crawls), redrawn
 * while some |s_j| lies in the band where min_x 1/2 (x - s)^2 + kappa |x|^(2/3) has two local
 * minima of close value (0.9 x the value above which the nonzero one exists, to 1.1 x the one
 * above which it is the global one): there descent from random starts is no global optimiser.
 * One |s_j| at least is kept (else both minimisers are 0 and (b) says nothing).
 */
function trainedData(P: TrainedParams): TrainedData {
  const rng = new Rng(P.seed);
  const d = P.d;
  const vec = (): number[] => {
    for (;;) {
      const v = Array.from({ length: d }, () => rng.int(-32, 32));
      if (v.some((x) => x !== 0)) return v;
    }
  };
  const v1 = vec();
  const v2 = vec();
  // a spectrum and a lambda that fit (a spectrum that no lambda fits is drawn again)
  for (let tries = 0; tries < 64; tries++) {
    const spectrum = Array.from({ length: d }, () => ((rng.next() < 0.5 ? -1 : 1) * rng.int(1, 8)) / 4);
    for (let t = 0; t < 32; t++) {
      const lambda = rng.int(4, 32) / 32;
      const th = powerThresholds((TRAINED_CONSTANT * lambda) / 2, 2 / 3);
      const kept = spectrum.filter((s) => Math.abs(s) > 1.1 * th.global).length;
      if (kept > 0 && spectrum.every((s) => Math.abs(s) < 0.9 * th.local || Math.abs(s) > 1.1 * th.global)) return { spectrum, v1, v2, lambda };
    }
  }
  throw new Error('no spectrum and lambda outside the two-minima band');
}

/** S = H1 H2 diag(s) H2 H1 at working precision (rational: rounded once per entry). */
function trainedMatrix(F: Fixed, t: TrainedData): Mat {
  const d = t.spectrum.length;
  const D: Mat = t.spectrum.map((s, i) => t.spectrum.map((_, j) => (i === j ? F.fromNumber(s) : 0n)));
  const Q = householder(F, t.v1.map((x) => F.int(x)), householder(F, t.v2.map((x) => F.int(x)), D.map((_, i) => D.map((__, j) => (i === j ? F.one : 0n)))));
  const S = matmul(F, matmul(F, Q, D), transpose(Q));
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) S[i]![j] = S[j]![i]!;
  return S;
}

const trainedLocated = new Map<string, { variational: Located; regularised: Located }>();
const trainedScopes = new Map<string, Instance>();

export const weightDecayTrainedReadout = defineClaim<TrainedParams>({
  id: 'quad.weight-decay-trained-readout',
  group: 'quad',
  kind: 'identity',
  source: SOURCE,
  statement: String.raw`\min_{\sum_i a_iw_iw_i^\top=S}\ \sum_i\big(\|w_i\|^2+a_i^2\big)=\frac{3}{2^{2/3}}\sum_j|\lambda_j(S)|^{2/3}\ \ (\|w_i\|^2=2a_i^2),\ \text{so}\ \min_{a,W}\tfrac12\big\|\textstyle\sum_i a_iw_iw_i^\top-Y\big\|_F^2+\tfrac{\lambda}{2}\sum_i\big(\|w_i\|^2+a_i^2\big)=\min_S\tfrac12\|S-Y\|_F^2+\frac{3\lambda}{2^{5/3}}\|S\|_{2/3}^{2/3}`,
  domain: fc.record({ d: fc.integer({ min: 2, max: 4 }), seed: seedArb }),
  encoding: {
    // Derivation of c. A neuron's term a w w^T = s u u^T (|u| = 1) costs |w|^2 + a^2 = t + s^2 / t^2,
    // t = |w|^2, and the rescaling w -> k w, a -> a / k^2 moves t freely without changing the
    // term: the minimum is at t^3 = 2 s^2, i.e. |w|^2 = 2 a^2, where t + s^2/t^2 =
    // (2^(1/3) + 2^(-2/3)) |s|^(2/3) = 3 / 2^(2/3) |s|^(2/3) ~ 1.88988 |s|^(2/3). The Schatten-2/3
    // quasi-norm is p-subadditive (|A + B|_p^p <= |A|_p^p + |B|_p^p for p <= 1), so one neuron per
    // eigenvector is optimal: min = c sum_j |lambda_j|^(2/3), c = 3 / 2^(2/3), and the weight decay
    // lambda/2 (|W|^2 + |a|^2) is the penalty (3 / 2^(5/3)) lambda |S|_{2/3}^{2/3} ~ 0.94494 lambda |S|_{2/3}^{2/3}
    defs: [['c', '3 / 2 ^ (2 / 3)']],
    equations: [
      // (a) the augmented Lagrangian's end point factorises S with its trained readout ...
      { name: 'factorises', lhs: 'transpose(W) * diag(a) * W', rhs: 'S' },
      // ... balanced neuron by neuron, |w_i|^2 = 2 a_i^2 ...
      { name: 'balanced', lhs: 'diag(W * transpose(W))', rhs: '2 * a .^ 2' },
      // ... at the least weight norm c sum |lambda_j|^(2/3)
      { name: 'variational', lhs: 'sum(W .^ 2) + sum(a .^ 2)', rhs: 'c * sum(abs(lambda) .^ (2 / 3))' },
      // (b) the network trained by descent from random starts (best of six: spurious minima) lands
      // on the spectral prox of the quasi-norm penalty ...
      { name: 'minimiser', lhs: 'transpose(V) * diag(v) * V', rhs: 'Sp' },
      // ... with equal minima: weight decay lambda/2 (|W|^2 + |a|^2) is the penalty lambda/2 c |S|_{2/3}^{2/3}
      {
        name: 'minimum',
        lhs: '0.5 * norm(transpose(V) * diag(v) * V - Y, "fro") ^ 2 + lam / 2 * (sum(V .^ 2) + sum(v .^ 2))',
        rhs: '0.5 * norm(Sp - Y, "fro") ^ 2 + lam / 2 * c * sum(abs(mu) .^ (2 / 3))',
      },
    ],
  },
  instance(params, { digits, flags }) {
    return memo(trainedScopes, `${JSON.stringify(params)}|${digits}|${JSON.stringify(flags)}`, (): Instance => {
      const F = fixedAt(digits);
      const d = params.d;
      const data = trainedData(params);
      const S = trainedMatrix(F, data);
      const located = memo(trainedLocated, JSON.stringify(params), () => {
        const Sf = trainedMatrix(fixedAt(20), data).map((r) => r.map((v) => fixedAt(20).toNumber(v)));
        const I = Sf.flat().map((_, i) => Sf.flat().map((__, j) => (i === j ? 1 : 0)));
        return {
          variational: locateVariational(Sf, { kind: 'trained', m: d + 1 }, new Rng(params.seed + 1), 3),
          regularised: locateRegularised(I, Sf.flat(), d, data.lambda, { kind: 'trained', m: d + 2 }, new Rng(params.seed + 2), 6, 2),
        };
      });
      const I: Mat = S.flat().map((_, i) => S.flat().map((__, j) => (i === j ? F.one : 0n)));
      const lam = F.fromNumber(data.lambda);
      const a = polishVariational(F, S, { kind: 'trained', m: d + 1 }, located.variational);
      const b = polishRegularised(F, I, S.flat(), d, lam, { kind: 'trained', m: d + 2 }, located.regularised);
      // the penalised problem in S: the claim's c lambda/2 |S|_{2/3}^{2/3}, or a variant's
      const c = flags.penalty === 'nuclear' ? F.one : flags.penalty === 'naive' ? 2n * F.one : F.fromDecimal(new F.D(3).div(new F.D(2).pow(new F.D(2).div(3))));
      const p = flags.penalty === 'nuclear' ? { num: 1, den: 1 } : flags.penalty === 'sqrt' ? { num: 1, den: 2 } : { num: 2, den: 3 };
      const pg = proximalGradient(F, I, S.flat(), d, F.mul(c, lam) / 2n, p);
      const scope = {
        S: dec(F, S),
        lambda: dec(F, eigSym(F, S).values),
        W: dec(F, a.W),
        a: dec(F, a.a),
        Y: dec(F, S),
        lam: dec(F, lam),
        V: dec(F, b.W),
        v: dec(F, b.a),
        Sp: dec(F, pg.S),
        mu: dec(F, pg.values),
      };
      if (located.regularised.defect > 1e-6) return { scope, degenerate: `the descent had not settled (|gradient| ${located.regularised.defect.toExponential(2)})` };
      return { scope };
    });
  },
  runs: 16,
  variants: [
    {
      name: 'the nuclear norm (the fixed-readout answer)',
      equations: { variational: { rhs: 'sum(abs(lambda))' }, minimum: { rhs: '0.5 * norm(Sp - Y, "fro") ^ 2 + lam / 2 * sum(abs(mu))' } },
      flags: { penalty: 'nuclear' },
    },
    {
      name: 'exponent 1/2 in place of 2/3',
      equations: { variational: { rhs: 'c * sum(abs(lambda) .^ (1 / 2))' }, minimum: { rhs: '0.5 * norm(Sp - Y, "fro") ^ 2 + lam / 2 * c * sum(abs(mu) .^ (1 / 2))' } },
      flags: { penalty: 'sqrt' },
    },
    {
      name: 'balanced as |w_i|^2 = a_i^2: constant 2 in place of 3 / 2^(2/3)',
      defs: { c: '2' },
      equations: { balanced: { rhs: 'a .^ 2' } },
      flags: { penalty: 'naive' },
    },
  ],
});

/* ------------------------------------------------------------------------------------------
 * diag.fixed-point-is-lasso
 * ---------------------------------------------------------------------------------------- */

interface LassoParams {
  n: number;
  p: number;
  /** lambda = (frac / 64) * lambda_max, lambda_max = ||X^T y||_inf */
  frac: number;
  seed: number;
}

/** A standard normal draw (Box-Muller on the seeded generator) rounded to a dyadic k / 2^bits. */
function gaussianDyadic(rng: Rng, bits: number): [number, number] {
  const u = 1 - rng.next();
  const v = rng.next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  const den = 2 ** bits;
  return [Math.round(z * den), den];
}

interface LassoData {
  /** exact dyadic entries, as numerators over 2^DATA_BITS */
  X: [number, number][][];
  y: [number, number][];
  /** the flow's end point in float64 (it selects the fixed point) */
  a: number[];
  w: number[];
  flowSpeed: number;
}

const DATA_BITS = 16;
const lassoData = new Map<string, LassoData>();

/**
 * The drawn data and the float64 gradient flow of the network on it. X has N(0, 1/n) entries
 * (columns of unit norm on average), y = X theta0 + noise/2 with a sparse theta0, both rounded
 * to dyadics so that the same exact problem is solved at every precision.
 */
function lassoFlow(P: LassoParams, decay: number): LassoData {
  return memo(lassoData, `${JSON.stringify(P)}|${decay}`, () => {
    const rng = new Rng(P.seed);
    const sc = 1 / Math.sqrt(P.n);
    const X = Array.from({ length: P.n }, () => Array.from({ length: P.p }, () => gaussianDyadic(rng, DATA_BITS)).map(([k, d]): [number, number] => [Math.round(k * sc), d]));
    const theta0 = Array.from({ length: P.p }, () => (rng.int(0, 2) === 0 ? 0 : rng.next() * 4 - 2));
    const y = X.map((row): [number, number] => {
      const [k, d] = gaussianDyadic(rng, DATA_BITS);
      const mean = row.reduce((s, [kk, dd], j) => s + (kk / dd) * theta0[j]!, 0);
      return [Math.round((mean + k / d / 2) * d), d];
    });
    const Xf = X.map((r) => r.map(([k, d]) => k / d));
    const yf = y.map(([k, d]) => k / d);
    const G = Array.from({ length: P.p }, (_, j) => Array.from({ length: P.p }, (_, k) => Xf.reduce((s, r) => s + r[j]! * r[k]!, 0)));
    const b = Array.from({ length: P.p }, (_, j) => Xf.reduce((s, r, i) => s + r[j]! * yf[i]!, 0));
    const lmax = Math.max(...b.map(Math.abs));
    // a generic start of order one: the flow avoids the saddles (a_j = w_j = 0 with |c_j| > lambda)
    const start = { a: Array.from({ length: P.p }, () => rng.next() * 2 - 1), w: Array.from({ length: P.p }, () => rng.next() * 2 - 1) };
    const f = diagFlow(G, b, decay * lmax * (P.frac / 64), start, { tol: 1e-9, maxSteps: 20000 });
    return { X, y, a: f.a, w: f.w, flowSpeed: f.speed };
  });
}

const lassoScopes = new Map<string, Instance>();

function lassoInstance(P: LassoParams, digits: number, decay: number, lassoFactor: number): Instance {
  return memo(lassoScopes, `${JSON.stringify(P)}|${digits}|${decay}|${lassoFactor}`, (): Instance => {
    const F = fixedAt(digits);
    const data = lassoFlow(P, decay);
    const X: Mat = data.X.map((r) => r.map(([k, d]) => F.ratio(k, d)));
    const y: Vec = data.y.map(([k, d]) => F.ratio(k, d));
    const Xt = transpose(X);
    const G = matmul(F, Xt, X);
    const b = Xt.map((col) => col.reduce((s, x, i) => s + F.mul(x, y[i]!), 0n));
    const lmax = b.reduce((m, v) => (F.abs(v) > m ? F.abs(v) : m), 0n);
    const lambda = (lmax * BigInt(P.frac)) / 64n;
    // the network's penalty is (decay * lambda)/2 (||a||^2 + ||w||^2); decay = 1 is the claim
    const netLambda = decay === 1 ? lambda : F.mul(F.fromNumber(decay), lambda);
    // coordinates the flow has sent below 1e-200 start Newton at zero (Fixed.fromNumber overflows
    // its scaling for doubles below 2^-971)
    const fromFloat = (v: number): bigint => (Math.abs(v) < 1e-200 ? 0n : F.fromNumber(v));
    if (data.flowSpeed > 1e-9) return { scope: {}, degenerate: `the flow had not settled after 20000 steps (speed ${data.flowSpeed.toExponential(2)}): a near-critical coordinate, |X_j^T r| close to lambda` };
    const polished = diagNewton(F, G, b, netLambda, data.a.map(fromFloat), data.w.map(fromFloat));
    // Newton must polish the flow's fixed point, not jump to another one
    const moved = Math.max(...polished.a.map((v, j) => Math.abs(F.toNumber(v) - data.a[j]!)), ...polished.w.map((v, j) => Math.abs(F.toNumber(v) - data.w[j]!)));
    if (moved > 1e-6) return { scope: {}, degenerate: `Newton moved ${moved.toExponential(2)} away from the flow's end point` };
    const lassoLambda = lassoFactor === 1 ? lambda : F.mul(F.fromNumber(lassoFactor), lambda);
    const thetaL = lassoHomotopy(F, G, b, lassoLambda).theta;
    // near-ties (a coordinate about to join or leave) make both routes ill-conditioned: report them
    const theta = polished.a.map((v, j) => F.mul(v, polished.w[j]!));
    const c = b.map((bj, j) => bj - G[j]!.reduce((s, g, k) => s + F.mul(g, theta[k]!), 0n));
    const lam = F.toNumber(netLambda);
    const margins = theta.map((t, j) => {
      const tn = Math.abs(F.toNumber(t));
      return tn > 1e-20 ? tn : Math.abs(lam - Math.abs(F.toNumber(c[j]!))) / lam;
    });
    const margin = Math.min(...margins);
    const base = { X: dec(F, X), y: dec(F, y), lambda: dec(F, lambda), a: dec(F, polished.a), w: dec(F, polished.w), thetaL: dec(F, thetaL) };
    return margin < 1e-5 ? { scope: base, degenerate: `near-tie at the fixed point (margin ${margin.toExponential(2)})` } : { scope: base };
  });
}

export const fixedPointIsLasso = defineClaim<LassoParams>({
  id: 'diag.fixed-point-is-lasso',
  group: 'diag',
  kind: 'limit',
  source: SOURCE,
  statement: String.raw`\text{(standard form)}\ \ \dot a=-\nabla_a L,\ \dot w=-\nabla_w L,\ \ L=\tfrac12\|y-X(a\odot w)\|^2+\tfrac{\lambda}{2}(\|a\|^2+\|w\|^2)\ \Longrightarrow\ a\odot w\to\hat\theta=\arg\min_\theta \tfrac12\|y-X\theta\|^2+\lambda\|\theta\|_1,\ \ |a_\infty|=|w_\infty|`,
  domain: fc.record({ n: fc.integer({ min: 2, max: 8 }), p: fc.integer({ min: 1, max: 6 }), frac: fc.integer({ min: 4, max: 60 }), seed: seedArb }),
  encoding: {
    defs: [
      ['theta', 'a .* w'],
      ['c', 'transpose(X) * (y - X * theta)'],
    ],
    equations: [
      // the flow's limit is balanced: weight decay drives a_j^2 - w_j^2 to zero
      { name: 'balanced', lhs: 'abs(a)', rhs: 'abs(w)' },
      // KKT on the support: X_j^T r = lambda sign(theta_j) (written without a threshold: theta_j c_j = lambda |theta_j|)
      { name: 'kkt-support', lhs: 'theta .* c', rhs: 'lambda * abs(theta)' },
      // KKT off it: |X_j^T r| <= lambda for every j
      { name: 'kkt-dual', lhs: 'max(max(abs(c)), lambda)', rhs: 'lambda' },
      // the limit is the LASSO solution found by the independent homotopy solver
      { name: 'lasso', lhs: 'theta', rhs: 'thetaL' },
      // and the network's loss at its limit is the LASSO objective at its minimum
      {
        name: 'objective',
        lhs: '0.5 * dot(y - X * theta, y - X * theta) + lambda / 2 * (dot(a, a) + dot(w, w))',
        rhs: '0.5 * dot(y - X * thetaL, y - X * thetaL) + lambda * sum(abs(thetaL))',
      },
    ],
  },
  instance(params, { digits, flags }) {
    const decay = typeof flags.decay === 'number' ? flags.decay : 1;
    const lassoFactor = typeof flags.lassoFactor === 'number' ? flags.lassoFactor : 1;
    return lassoInstance(params, digits, decay, lassoFactor);
  },
  tolerance: 0.8,
  runs: 10,
  variants: [
    { name: 'LASSO penalty 2 lambda ||theta||_1 (the l1 identity without its 1/2)', flags: { lassoFactor: 2 } },
    { name: 'LASSO penalty lambda/2 ||theta||_1', flags: { lassoFactor: 0.5 } },
    { name: 'weight decay lambda (||a||^2 + ||w||^2) taken to give lambda ||theta||_1', flags: { decay: 2 } },
    { name: 'sign flip in the subgradient: X_j^T r = -lambda sign(theta_j)', equations: { 'kkt-support': { rhs: '-lambda * abs(theta)' } } },
    { name: 'lost factor 2 in KKT: X_j^T r = 2 lambda sign(theta_j)', equations: { 'kkt-support': { rhs: '2 * lambda * abs(theta)' } } },
    { name: 'ridge reading: X^T r = lambda theta', equations: { 'kkt-support': { lhs: 'c', rhs: 'lambda * theta' } } },
    { name: 'objective with 2 lambda ||theta||_1', equations: { objective: { rhs: '0.5 * dot(y - X * thetaL, y - X * thetaL) + 2 * lambda * sum(abs(thetaL))' } } },
    { name: 'unbalanced limit: |a| = 2 |w|', equations: { balanced: { lhs: 'abs(a)', rhs: '2 * abs(w)' } } },
  ],
});

/* ------------------------------------------------------------------------------------------
 * diag.phase-diagram
 * ---------------------------------------------------------------------------------------- */

export interface PhaseParams {
  /** gamma = g8 / 8 in [1, 2] */
  g8: number;
  /** p / n for the noisy measurements and for the noiseless ones */
  kappaNoisy: number;
  kappaClean: number;
  /** p / n of the noiseless bias measurement at the crossover beta = 1 - gamma (either side of kappa = 1) */
  kappaEdge: number;
  /** positions of each measurement's beta inside its regime, in [0, 1] as k / 16 */
  u: number[];
  /** the boundary measurements' distances to their beta boundaries, 0.1 - 0.025 k / 4 (k in 0..4) */
  d: number[];
  /** the distances to kappa = 1 (interpolation above, recovery below), 0.05 + 0.05 k / 4 */
  dk: number[];
}

export interface Measurement {
  /** equation prefix and scope prefix */
  name: string;
  /** the regime of the lasso model the parameters must fall in */
  regime: string;
  sigma: number;
  kappa: number;
  beta: number;
  /** n = 10^(from + width l) at range level l (l = 0 is the start of the first window) */
  from: number;
  /** decades of n per level (2 unless set) */
  width?: number;
}

/**
 * The window of a measurement whose corrections fall like n^-c: windows of equal log width
 * 0.4 / c decades (each shrinks the correction by 10^-0.4, a geometric sequence the range rule
 * extrapolates), the last ending where the correction is down by 10^-decay or at `cap` (decades).
 */
function windowFor(c: number, cap: number, decay = 4.5): { from: number; width: number } {
  const width = Math.min(12, Math.max(2, Math.round(0.4 / c)));
  const last = Math.min(cap, Math.ceil(decay / c));
  return { from: Math.max(4, last - 4 * width), width };
}

/**
 * Without noise tau^2 = E / n and E falls like n^-(2 gamma - 1 + ...) at most: the decades of n
 * before tau^2 leaves float64 (below ~1e-290 the soft-threshold tails lose their digits)
 */
const noiselessCap = (gamma: number, beta: number): number => Math.floor(290 / Math.max(2 * gamma, 1 - 2 * beta + 1));

/**
 * One measurement per regime (and the noiseless side of 'bias') with betas well inside each, then
 * one on each side of every boundary, within 0.1 of it: beta = 1 (bias | null), beta = 1/2 with
 * noise (noise plateau | bias), beta = 1 - gamma without (interpolation or recovery | bias) and
 * kappa = 1 without noise below it (recovery | interpolation). Each is measured over the sample
 * sizes where its exponents are resolved: far out where the corrections fall slowly, not so far
 * that the fixed point stops resolving lambda (interpolation: lambda = t (n - df) with n - df ~
 * n^(beta + gamma) must stay above the float64 rounding of df ~ n) or tau^2 = E / n underflows.
 * Near a boundary the competing term decays like n^-(distance . const): the windows are chosen
 * from that known correction exponent c (windowFor). The noiseless crossover is drawn at distance
 * 0.1 exactly: its correction n^-(0.1 / gamma) (the active fraction df / n) needs n ~ 1e90 at
 * gamma = 2, and tau^2 = E / n underflows past n ~ 1e72 there (resolution ~1.5e-3 at that cap; at
 * distance 0.075 it would be ~1.7e-2).
 */
export function measurements(P: PhaseParams): Measurement[] {
  const gamma = P.g8 / 8;
  const u = (i: number): number => (P.u[i] ?? 0) / 16;
  const d = (i: number): number => 0.1 - (0.025 * (P.d[i] ?? 0)) / 4;
  const dk = (i: number): number => 0.05 + (0.05 * (P.dk[i] ?? 0)) / 4;
  // the noisy bias corrections fall like (tau/t)^2 ~ n^-(2 beta - 1) (noise at the threshold) and
  // 1/k_t ~ n^-((1 - beta)/gamma) (the discrete target's first Euler-Maclaurin term); they fall
  // equally fast at beta* = (1 + 1/gamma) / (2 + 1/gamma), and the band is centred there (its
  // windows from the slower of the two: two-decade windows from 1e12 left 9e-3 at gamma = 2)
  const star = (1 + 1 / gamma) / (2 + 1 / gamma);
  const biasBeta = star + 0.05 * (u(0) - 0.5);
  // interpolation: the calibration lambda = t (n - df) is resolved only while n - df stays well
  // above df's float64 grain: one ulp of alpha moves df by ~1e-16 n, so ln lambda carries
  // ~2e-16 n / (n - df). (n - df) / n = c n^-(1 - beta - gamma) with c from 0.065 (gamma = 2,
  // kappa = 4) to 0.42 (gamma = 1, kappa = 2), measured at n = 1e10; the widest n keeps it above
  // 1e-10 (grain ~2e-6), or 1.6e-11 where the window cannot start below 1e4 (beta - 1 + gamma =
  // -0.8, gamma = 2: grain ~1e-5). The former bound, n^-(1 - beta - gamma) >= 1e-12 without c,
  // reached 1e-13 (seed 9: gamma = 1.875, kappa = 4, n = 1e20, n - df = 1.1e7 ~ 700 ulps of df,
  // the solve's residual 0.5, unresolved in float64).
  const interpBeta = 1 - gamma - 0.3 - 0.5 * u(3);
  const interpTop = Math.floor(Math.log10(0.065 / 1e-10) / (1 - interpBeta - gamma));
  const [dTop, dNull, dBias, dPlateau, dInterp, dRecovery] = [d(0), d(1), d(2), d(3), d(4), d(5)];
  const edge = 1 - gamma;
  return [
    { name: 'bias', regime: 'bias', sigma: 1, kappa: P.kappaNoisy, beta: biasBeta, ...windowFor(Math.min(2 * biasBeta - 1, (1 - biasBeta) / gamma), 200) },
    { name: 'plateau', regime: 'noise-plateau', sigma: 1, kappa: P.kappaNoisy, beta: -0.5 + 0.6 * u(1), from: 4 },
    { name: 'null', regime: 'null', sigma: 1, kappa: P.kappaNoisy, beta: 1.15 + 0.35 * u(2), from: 4 },
    { name: 'interp', regime: 'interpolation', sigma: 0, kappa: P.kappaClean, beta: interpBeta, from: Math.max(4, Math.min(12, interpTop - 8)) },
    // without noise the bias law reaches down to beta = 1 - gamma, below the noisy crossover 1/2
    // (kept 0.5 above that crossover: the corrections fall like n^(-(beta - 1 + gamma)/gamma))
    { name: 'clean', regime: 'bias', sigma: 0, kappa: P.kappaClean, beta: 1.5 - gamma + (gamma - 0.9) * u(4), from: 12 },
    // beta = 1 - d: the active coordinates k_t = t^(-1/gamma) ~ n^(d/gamma) are few; their
    // discreteness (Euler-Maclaurin, first order 1/k_t: the floor's sawtooth cancels to first
    // order) falls like n^-(d/gamma)
    { name: 'top', regime: 'bias', sigma: 1, kappa: P.kappaNoisy, beta: 1 - dTop, ...windowFor(dTop / gamma, 200) },
    // beta = 1 + d: lambda/n = n^d above theta*_1 = 1 kills every coordinate (Gaussian tails in
    // n^(1/2 + d)); only the finite p's energy moves, like n^(1 - 2 gamma)
    { name: 'nullEdge', regime: 'null', sigma: 1, kappa: P.kappaNoisy, beta: 1 + dNull, from: 4 },
    // beta = 1/2 + d: the noise at the threshold, (tau/t)^2 ~ n^-(2d), and 1/k_t ~ n^-((1/2 - d)/gamma)
    { name: 'biasEdge', regime: 'bias', sigma: 1, kappa: P.kappaNoisy, beta: 0.5 + dBias, ...windowFor(Math.min(2 * dBias, (0.5 - dBias) / gamma), 200) },
    // beta = 1/2 - d: t/tau ~ n^-d; with p > n the fixed point approaches df = n like lambda/(t n) ~ n^-d
    { name: 'plateauEdge', regime: 'noise-plateau', sigma: 1, kappa: P.kappaNoisy, beta: 0.5 - dPlateau, ...windowFor(dPlateau, 200) },
    // beta = 1 - gamma + 0.1 without noise: the active fraction df/n ~ n^-(0.1/gamma) (and
    // (tau/t)^2 with it) is the small parameter, on either side of kappa = 1
    { name: 'cleanEdge', regime: 'bias', sigma: 0, kappa: P.kappaEdge, beta: edge + 0.1, ...windowFor(0.1 / gamma, noiselessCap(gamma, edge + 0.1)) },
    // beta = 1 - gamma - d with p just above n: 1 - df/n = lambda/(t n) ~ n^-d; the lambda
    // exponent's corrections n^-d and n^-2d cross zero near n ~ 1e34, so the windows start later
    { name: 'interpEdge', regime: 'interpolation', sigma: 0, kappa: 1 + dk(0), beta: edge - dInterp, ...windowFor(dInterp, noiselessCap(gamma, edge - dInterp), 6) },
    // beta = 1 - gamma - d with p just below n: every coordinate settled, up to Gaussian tails in
    // theta*_p / tau ~ n^d: fast, once n^d is some tens
    { name: 'recovery', regime: 'recovery', sigma: 0, kappa: 1 - dk(1), beta: edge - dRecovery, from: Math.min(40, noiselessCap(gamma, edge - dRecovery) - 16), width: 4 },
  ];
}

/** Range levels: at level l each measurement fits over n in [10^(from + w (l - 1)), 10^(from + w l)]. */
const PHASE_LEVELS = [1, 2, 3, 4];
/** the lambda exponent is a central difference over lambda * 10^(-1/4) .. lambda * 10^(1/4) */
const LAMBDA_STEP = 10 ** 0.25;
/**
 * lassoSE's tolerance: tau and the calibration (ln lambda) to 1e-10 relative, so a local exponent
 * over a quarter decade or more carries at most ~1e-9 of solver error
 */
const SE_TOL = 1e-10;

interface RiskSeries {
  n: number[];
  risk: number[];
  /** E at lambda * LAMBDA_STEP and lambda / LAMBDA_STEP, same n */
  riskUp: number[];
  riskDown: number[];
}

const riskCache = new Map<string, RiskSeries>();

/**
 * The state-evolution excess risk along lambda = n^beta at n = 10^(from + w l), l = 0..4
 * (p = kappa n; the target k^-gamma summed without binning). Each solve starts Newton's method
 * from its neighbour's solution (extrapolated in ln n), the first one from scratch.
 */
function riskSeries(gamma: number, m: Measurement): RiskSeries {
  const width = m.width ?? 2;
  return memo(riskCache, `${gamma}|${m.sigma}|${m.kappa}|${m.beta}|${m.from}|${width}`, () => {
    const out: RiskSeries = { n: [], risk: [], riskUp: [], riskDown: [] };
    let prev: SEPoint | undefined;
    let before: SEPoint | undefined;
    let prevUp: SEPoint | undefined;
    // Q moved as `to` is from `from` (in ln tau, ln alpha): a start for Newton's method
    const moved = (Q: SEPoint, to: SEPoint, from: SEPoint): { tau: number; alpha: number } => ({ tau: (Q.tau * to.tau) / from.tau, alpha: (Q.alpha * to.alpha) / from.alpha });
    for (let l = 0; l <= PHASE_LEVELS[PHASE_LEVELS.length - 1]!; l++) {
      const n = 10 ** (m.from + width * l);
      const target = new PowerLawSum(gamma, Math.round(m.kappa * n));
      const lambda = n ** m.beta;
      const guess = prev && before ? moved(prev, prev, before) : prev;
      const P = lassoSE(target, n, m.sigma, lambda, prev?.alpha ?? 1, SE_TOL, guess);
      out.n.push(n);
      out.risk.push(P.risk);
      if (l === 0) {
        // the lambda exponent is read at levels 1..4 only
        out.riskUp.push(Number.NaN);
        out.riskDown.push(Number.NaN);
      } else {
        // Newton from the previous level's neighbours moved with P, and down mirrored from up
        const up = lassoSE(target, n, m.sigma, lambda * LAMBDA_STEP, P.alpha, SE_TOL, prevUp && prev ? moved(prevUp, P, prev) : P);
        const down = lassoSE(target, n, m.sigma, lambda / LAMBDA_STEP, P.alpha, SE_TOL, moved(P, P, up));
        prevUp = up;
        out.riskUp.push(up.risk);
        out.riskDown.push(down.risk);
      }
      before = prev;
      prev = P;
    }
    return out;
  });
}

const regimeCache = new Map<string, string>();

const PHASE_NAMES: [string, string][] = [
  ['bias', 'bias'],
  ['plateau', 'noise-plateau'],
  ['null', 'null'],
  ['interp', 'interpolation'],
  ['clean', 'bias'],
  ['top', 'bias'],
  ['nullEdge', 'null'],
  ['biasEdge', 'bias'],
  ['plateauEdge', 'noise-plateau'],
  ['cleanEdge', 'bias'],
  ['interpEdge', 'interpolation'],
  ['recovery', 'recovery'],
];

/**
 * measured: the local exponents -dlnE/dln n along lambda = n^beta over the last window, and
 * dlnE/dln lambda at the widest n; the formulas are the lasso model's, renamed per measurement
 */
const PHASE_EQUATIONS = PHASE_NAMES.flatMap(([m, regime]) => [
  { name: `${m}.path`, lhs: `${m}_path`, rhs: formulaFor(lassoModel, regime, 'riskPath', m), scale: '1' },
  { name: `${m}.lambda`, lhs: `${m}_lambda`, rhs: formulaFor(lassoModel, regime, 'riskLambda', m), scale: '1' },
]);

/** the corners of the domain (gamma, distances and kappas at their ends), where a moved boundary is looked for */
const PROBES: PhaseParams[] = [8, 16].flatMap((g8) =>
  [0, 4].flatMap((k) =>
    [0.9, 4].map((kappaEdge) => ({ g8, kappaNoisy: k === 0 ? 0.5 : 2, kappaClean: k === 0 ? 2 : 4, kappaEdge, u: Array(5).fill(4 * k), d: Array(6).fill(k), dk: Array(2).fill(k) })),
  ),
);

/** every measurement at every probe: where a moved boundary is looked for */
const PROBE_POINTS: RegimePoint[] = PROBES.flatMap((P) => measurements(P).map((m) => ({ name: m.name, regime: m.regime, scope: { gamma: P.g8 / 8, beta: m.beta, sigma: m.sigma, kappa: m.kappa } })));

/** the boundary at `at` (in `param`) moved by `by` (see law-regimes.ts) */
const movedBy = (label: string, param: string, at: string, by: number): Variant =>
  boundaryMoved(`boundary ${label} moved to ${at} ${by > 0 ? '+' : '-'} ${Math.abs(by)}`, movedModel(lassoModel, param, at, `(${at}) ${by < 0 ? '-' : '+'} ${Math.abs(by)}`), PROBE_POINTS);

/** the boundaries of the lasso model, each moved by 0.2 either way */
const BOUNDARY_VARIANTS: Variant[] = (
  [
    ['bias | null', 'beta', '1'],
    ['noise plateau | bias', 'beta', '1/2'],
    ['interpolation, recovery | noiseless bias', 'beta', '1 - gamma'],
    ['recovery | interpolation', 'kappa', '1'],
  ] as const
).flatMap(([label, param, at]) => [0.2, -0.2].map((by) => movedBy(label, param, at, by)));

export const phaseDiagram = defineClaim<PhaseParams>({
  id: 'diag.phase-diagram',
  group: 'diag',
  kind: 'scaling',
  source: SOURCE,
  statement: String.raw`\text{(standard form, LASSO state evolution)}\ \ \theta^*_k=k^{-\gamma},\ p=\kappa n,\ \lambda=n^{\beta}:\ \ E\propto n^{-r_n}\lambda^{r_\lambda},\ \ (r_n,r_\lambda)=\begin{cases}(2-\frac1\gamma,\,2-\frac1\gamma) & \text{bias: } \beta\in(\frac12,1)\ (\sigma>0),\ \beta\in(1-\gamma,1)\ (\sigma=0)\\ (0,0) & \text{noise plateau } \beta<\frac12 \text{ and null } \beta>1\\ (2\gamma-1,\,0) & \text{interpolation: } \sigma=0,\ \kappa>1,\ \beta<1-\gamma\\ (1,\,2) & \text{recovery: } \sigma=0,\ \kappa<1,\ \beta<1-\gamma\end{cases}`,
  // every shrink step would be a fresh state-evolution sweep over four decades: the first
  // refuting case is reported as drawn
  domain: fc.noShrink(
    fc.record({
      g8: fc.integer({ min: 8, max: 16 }),
      kappaNoisy: fc.constantFrom(0.5, 2),
      kappaClean: fc.constantFrom(2, 4),
      kappaEdge: fc.constantFrom(0.9, 2, 4),
      u: fc.array(fc.integer({ min: 0, max: 16 }), { minLength: 5, maxLength: 5 }),
      d: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 }),
      dk: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 2 }),
    }),
  ),
  encoding: { defs: [], equations: PHASE_EQUATIONS },
  measure(params, { level }) {
    const gamma = params.g8 / 8;
    const scope: Scope = { gamma: new Decimal(gamma) };
    const series: Series[] = [];
    for (const m of measurements(params)) {
      // the model must place these parameters in the regime whose formulas are checked
      const placed = memo(regimeCache, `${gamma}|${m.beta}|${m.sigma}|${m.kappa}`, () => regimeOf(lassoModel, { gamma, beta: m.beta, sigma: m.sigma, kappa: m.kappa }));
      if (placed !== m.regime) throw new Error(`lasso model puts ${m.name} (beta = ${m.beta}) in regime ${placed}, expected ${m.regime}`);
      let R: RiskSeries;
      try {
        R = riskSeries(gamma, m);
      } catch (e) {
        // a fixed point float64 does not resolve (the windows are drawn to avoid it): reported, not decided
        if (e instanceof SEUnresolved) return { scope, degenerate: `${m.name}: ${e.message}` };
        throw e;
      }
      const i = level;
      const path = -Math.log(R.risk[i]! / R.risk[i - 1]!) / Math.log(R.n[i]! / R.n[i - 1]!);
      const lam = Math.log(R.riskUp[i]! / R.riskDown[i]!) / Math.log(LAMBDA_STEP ** 2);
      scope[`${m.name}_path`] = new Decimal(path);
      scope[`${m.name}_lambda`] = new Decimal(lam);
      scope[`${m.name}_beta`] = new Decimal(m.beta);
      scope[`${m.name}_sigma`] = new Decimal(m.sigma);
      scope[`${m.name}_kappa`] = new Decimal(m.kappa);
      series.push({ name: `E, ${m.name} (beta = ${m.beta.toFixed(3)}, sigma = ${m.sigma}, kappa = ${m.kappa})`, x: R.n.slice(0, i + 1), y: R.risk.slice(0, i + 1) });
    }
    return {
      scope,
      figure: { kind: 'loglog', title: `LASSO state evolution along lambda = n^beta, gamma = ${gamma}`, xLabel: 'n', yLabel: 'excess risk E', series },
    };
  },
  ranges: {
    levels: PHASE_LEVELS,
    // every exponent to 0.005: the resolution, which tells each regime's law from the
    // neighbouring regime's across every boundary
    target: 0.005,
    label: 'n = 10^(from + w l), per measurement (fit over the last window of w decades)',
    floor: {
      value: 1e-5,
      why: 'two corrections of opposite sign compete in some measurements (bias: the noise at the threshold, n^-(2 beta - 1), against the target\'s discreteness, n^-((1 - beta)/gamma)); where they cross, near 1e-6 to 1e-5, the errors stop falling monotonically and the geometric extrapolation tells nothing finer (the state-evolution solve itself, converged to 1e-10 relative, carries ~3e-9)',
    },
  },
  runs: 6,
  variants: [
    { name: 'bias: E ∝ (lambda/n)^(1 - 1/(2 gamma)) (the l2 error, not its square)', equations: { 'bias.lambda': { rhs: '1 - 1 / (2 * gamma)' }, 'bias.path': { rhs: '(1 - 1 / (2 * gamma)) * (1 - bias_beta)' } } },
    { name: 'bias: threshold lambda/sqrt(n) (the N(0, 1/n) design normalisation)', equations: { 'bias.path': { rhs: '(2 - 1 / gamma) * (1 / 2 - bias_beta)' } } },
    { name: 'bias: lambda exponent 2 (ridge-like shrinkage of every coordinate)', equations: { 'bias.lambda': { rhs: '2' } } },
    { name: 'noise plateau: variance sigma^2 df / n decays, riskN = 1', equations: { 'plateau.path': { rhs: '1' } } },
    { name: 'noise plateau at the optimal rate (2 gamma - 1)/(2 gamma)', equations: { 'plateau.path': { rhs: '(2 * gamma - 1) / (2 * gamma)' } } },
    { name: 'null: the bias law continued above lambda_max', equations: { 'null.lambda': { rhs: '2 - 1 / gamma' } } },
    { name: 'interpolation: E ∝ n^(-2 gamma) (tail sum without the -1)', equations: { 'interp.path': { rhs: '2 * gamma' } } },
    { name: 'interpolation: flat in n like the noisy plateau', equations: { 'interp.path': { rhs: '0' } } },
    { name: 'noiseless crossover at the noisy one (beta = 1/2): plateau below it', equations: { 'clean.path': { rhs: '0' }, 'clean.lambda': { rhs: '0' } } },
    { name: 'recovery: exact, E ∝ lambda^2 / n^2 (the shrinkage of the OLS solution without its 1/(1 - kappa) variance inflation n tau^2)', equations: { 'recovery.path': { rhs: '2 - 2 * recovery_beta' } } },
    { name: 'recovery: the minimum-l1 interpolator continued below p = n', equations: { 'recovery.path': { rhs: '2 * gamma - 1' }, 'recovery.lambda': { rhs: '0' } } },
    // every boundary moved by 0.2: the measurements within 0.1 of it fall on the wrong side
    ...BOUNDARY_VARIANTS,
    // every exponent moved by 0.005 either way: the resolution refutes it (measured over 24
    // drawn cases and the domain's corners: at most ~1.5e-3, cleanEdge.lambda at gamma = 2, where
    // tau^2 = E / n caps n at ~1e72; the other boundary measurements below 1e-3)
    ...PHASE_EQUATIONS.flatMap((q) =>
      [0.005, -0.005].map((d): Variant => ({ name: `${q.name} exponent ${d > 0 ? '+' : '-'} 0.005`, equations: { [q.name]: { rhs: `${q.rhs} ${d > 0 ? '+' : '-'} 0.005` } } })),
    ),
  ],
});

/* ------------------------------------------------------------------------------------------
 * quad.spectrum-tail
 * ---------------------------------------------------------------------------------------- */

interface TailParams {
  /** target spectrum s_k = k^-alpha, alpha = a8 / 8 in [1.5, 3] */
  a8: number;
  /** initial scale: W(0)^T W(0) = 10^-e I */
  e: number;
}

/**
 * Range levels: lambda_l = 2 (10^(l/4))^-alpha, twice the target's eigenvalue at k = 10^(l/4), so
 * that each level adds a quarter decade of modes whatever alpha (decades of 1/lambda would leave
 * alpha = 3 with a dozen modes, or alpha = 1.5 with tens of thousands), from 100 to 3162; the
 * cutoff exponent is fitted between consecutive levels. Seven levels: an error growing linearly
 * with the level (a wrong power of lambda, in logs) is then refuted, not merely left inconclusive.
 */
const TAIL_LEVELS = [8, 9, 10, 11, 12, 13, 14];
const tailLambda = (alpha: number, l: number): number => 2 * 10 ** (-(l / 4) * alpha);
/** training time, in units of 1/lambda: every mode left with eigenvalue above READ lambda has settled */
const TAIL_T = 1000;
/**
 * the trained eigenvalues read: those at least READ lambda (a mode whose fixed point is g* relaxes
 * at rate 4 g*: at 0.01 lambda and t = 1000/lambda it has grown from the smallest start, 1e-10,
 * and settled, e^-40)
 */
const READ = 0.01;
/** the head the tail exponent is read over: fixed, so that lambda/2 falls ever further below it */
const HEAD: [number, number] = [2, 8];

interface TrainedSpectrum {
  target: number[];
  trained: number[];
  /** modes read (eigenvalue at least READ lambda, settled): 1..read */
  read: number;
  /** where the trained spectrum, extrapolated from its read modes, reaches zero */
  kc: number;
}

const spectrumCache = new Map<string, TrainedSpectrum>();

/**
 * Where the read spectrum g_1 > ... > g_K reaches zero: the cubic through g at K - 3m, .., K,
 * with m about the linear estimate of the distance from K to the zero (the extrapolation reaches
 * about as far as one spacing), solved by Newton's method. Its error is the quartic term: about
 * (0.04/alpha)^4 (alpha + 1)(alpha + 2)(alpha + 3)/24 ~ 1e-7 relative at READ = 0.01.
 */
function zeroOf(g: number[], K: number): number {
  const y = (k: number): number => g[k - 1]!;
  const dist = y(K) / (y(K - 1) - y(K));
  const m = Math.max(1, Math.min(Math.floor((K - 1) / 3), Math.round(dist)));
  const xs = [K - 3 * m, K - 2 * m, K - m, K];
  // Newton's divided differences, evaluated with their derivative
  const c = xs.map(y);
  for (let j = 1; j < 4; j++) for (let i = 3; i >= j; i--) c[i] = (c[i]! - c[i - 1]!) / (xs[i]! - xs[i - j]!);
  const p = (x: number): [number, number] => {
    let v = c[3]!;
    let d = 0;
    for (let i = 2; i >= 0; i--) {
      d = d * (x - xs[i]!) + v;
      v = v * (x - xs[i]!) + c[i]!;
    }
    return [v, d];
  };
  let x = K + dist;
  for (let it = 0; it < 50; it++) {
    const [v, d] = p(x);
    const dx = v / d;
    x -= dx;
    if (Math.abs(dx) < 1e-14 * x) break;
  }
  return x;
}

/**
 * The gradient flow of the quadratic network trained to t = TAIL_T / lambda at lambda = lambda_l.
 * Modes are simulated in order until one ends below READ lambda (the trained eigenvalue is
 * decreasing in the target's, so every later one does too): the cutoff is found, not assumed.
 */
function trainedSpectrum(P: TailParams, l: number): TrainedSpectrum {
  return memo(spectrumCache, `${P.a8}|${P.e}|${l}`, () => {
    const alpha = P.a8 / 8;
    const lambda = tailLambda(alpha, l);
    const target: number[] = [];
    const trained: number[] = [];
    const settled: boolean[] = [];
    for (let k = 1; ; k++) {
      if (k > 1e6) throw new Error(`no mode fell below ${READ} lambda within 1e6 modes`);
      const s = k ** -alpha;
      // RK4 steps near its stability limit: only the settled fixed point is read
      const F = modeFlow([s], lambda, 10 ** -P.e, TAIL_T / lambda, 1e-12, 2);
      target.push(s);
      trained.push(F.g[0]!);
      settled.push(F.settled[0]!);
      if (F.g[0]! < READ * lambda) break;
    }
    const read = trained.length - 1;
    if (read < 4) throw new Error(`only ${read} modes above ${READ} lambda: too few to extrapolate the cutoff`);
    if (settled.slice(0, read).some((x) => !x)) throw new Error(`a mode above ${READ} lambda had not settled by t = ${TAIL_T}/lambda`);
    return { target, trained, read, kc: zeroOf(trained, read) };
  });
}

export const spectrumTail = defineClaim<TailParams>({
  id: 'quad.spectrum-tail',
  group: 'quad',
  kind: 'scaling',
  source: SOURCE,
  statement: String.raw`\text{(standard form)}\ \ L=\tfrac12\|W^\top W-S^*\|_F^2+\tfrac{\lambda}{2}\|W\|_F^2,\ \ \operatorname{spec}S^*=\{k^{-\alpha}\}:\ \ \sigma_k(W^\top W)\to(k^{-\alpha}-\tfrac{\lambda}{2})_+,\ \ \sigma_k\propto k^{-\alpha}\ (k\ll k_c),\ \ k_c\simeq(2/\lambda)^{1/\alpha}`,
  domain: fc.noShrink(fc.record({ a8: fc.integer({ min: 12, max: 24 }), e: fc.integer({ min: 4, max: 10 }) })),
  encoding: {
    defs: [],
    equations: [
      // the trained spectrum's log-slope over the fixed head k in [2, 8], ever further above lambda/2
      { name: 'tail', lhs: 'tail', rhs: '-alpha', scale: '1' },
      // d ln kc / d ln(1/lambda) over the last decade of lambda, kc where the trained spectrum reaches zero
      { name: 'cutoff', lhs: 'cutoff', rhs: '1 / alpha', scale: '1' },
      // the cutoff's level: eigenvalues below lambda/2 are removed (nuclear-norm prox); in logs, so
      // that a wrong power of lambda is an error growing linearly with the level, which the range
      // rule refutes, not a power of it, which it cannot tell from a divergence
      { name: 'cutoff-level', lhs: 'log(kc)', rhs: 'log(2 / lambda) / alpha', scale: '1' },
      // every retained eigenvalue is shifted down by lambda/2 (soft thresholding)
      { name: 'shift', lhs: 'shift', rhs: '1 / 2', scale: '1' },
    ],
  },
  measure(params, { level }) {
    const alpha = params.a8 / 8;
    const lambda = tailLambda(alpha, level);
    const S = trainedSpectrum(params, level);
    const prev = trainedSpectrum(params, level - 1);
    const ks = Array.from({ length: HEAD[1] - HEAD[0] + 1 }, (_, i) => HEAD[0] + i);
    const tail = logSlope(ks, ks.map((k) => S.trained[k - 1]!));
    const cutoff = Math.log(S.kc / prev.kc) / Math.log(tailLambda(alpha, level - 1) / lambda);
    const kept = S.trained.slice(0, S.read);
    const shift = kept.reduce((acc, g, k) => acc + (S.target[k]! - g), 0) / kept.length / lambda;
    const shown = Math.min(S.target.length, 2 * S.read + 5);
    return {
      scope: {
        alpha: new Decimal(alpha),
        lambda: new Decimal(lambda),
        tail: new Decimal(tail),
        cutoff: new Decimal(cutoff),
        kc: new Decimal(S.kc),
        shift: new Decimal(shift),
      },
      figure: {
        kind: 'loglog',
        title: `trained spectrum of W^T W, alpha = ${alpha}, lambda = ${lambda}`,
        xLabel: 'k',
        yLabel: 'eigenvalue',
        series: [
          { name: 'target k^-alpha', x: Array.from({ length: shown }, (_, k) => k + 1), y: S.target.slice(0, shown) },
          { name: 'trained (gradient flow)', x: Array.from({ length: S.read }, (_, k) => k + 1), y: kept },
        ],
      },
    };
  },
  ranges: {
    levels: TAIL_LEVELS,
    // issue 15's target for the deterministic routes
    target: 0.005,
    label: 'lambda = 2 (10^(l/4))^-alpha: a quarter decade of modes per level',
    floor: {
      value: 1e-5,
      why: "the cutoff is where the trained spectrum's cubic extrapolation reaches zero: its quartic remainder leaves ~1e-6 relative in kc (moving as the integer spacing steps between levels), and the shift carries the float64 resolution of the trained eigenvalues, ~1e-16 s_k / lambda, up to ~1e-8 at the smallest lambda",
    },
  },
  runs: 6,
  variants: [
    { name: 'tail of the singular values of W: -alpha/2', equations: { tail: { rhs: '-alpha / 2' } } },
    { name: 'cutoff exponent alpha (k_c ∝ lambda^-alpha)', equations: { cutoff: { rhs: 'alpha' } } },
    { name: 'cutoff exponent 1/(2 alpha) (threshold on the singular values)', equations: { cutoff: { rhs: '1 / (2 * alpha)' } } },
    { name: 'threshold lambda instead of lambda/2', equations: { 'cutoff-level': { rhs: 'log(1 / lambda) / alpha' }, shift: { rhs: '1' } } },
    { name: 'threshold lambda/4 (the two-factor constant twice)', equations: { shift: { rhs: '1 / 4' } } },
    // each law moved by 0.005 either way: the resolution (~2e-5, the floor, or ~1e-4 for the
    // tail at the first levels) refutes it
    ...(['tail', 'cutoff', 'cutoff-level', 'shift'] as const).flatMap((q) => {
      const rhs = { tail: '-alpha', cutoff: '1 / alpha', 'cutoff-level': 'log(2 / lambda) / alpha', shift: '1 / 2' }[q];
      return [0.005, -0.005].map((d): Variant => ({ name: `${q} ${d > 0 ? '+' : '-'} 0.005`, equations: { [q]: { rhs: `${rhs} ${d > 0 ? '+' : '-'} 0.005` } } }));
    }),
  ],
});

export const diagClaims = [weightDecayIsL1, weightDecayIsNuclear, weightDecayTrainedReadout, fixedPointIsLasso, phaseDiagram, spectrumTail];
