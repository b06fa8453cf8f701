/**
 * transport.double-descent: the spectral picture of double descent for min-norm least squares
 * (standard form; arXiv 2512.10427 / 2512.18209 state it in the spectral-shell language).
 *
 * Model: n samples x_mu ~ N(0, I_d), y = X beta + eps, eps ~ N(0, sigma^2 I_n), ||beta||^2 = r^2;
 * beta_hat = X^+ y (the min-norm least-squares solution, the t -> infinity limit of gradient flow
 * from 0); test risk R = E (x . (beta_hat - beta))^2 = E ||beta_hat - beta||^2 (isotropic x; the
 * irreducible sigma^2 of a new label left out).
 *
 * Derivation. d < n - 1: beta_hat = beta + (X^T X)^-1 X^T eps, so the bias vanishes and
 * E ||beta_hat - beta||^2 = sigma^2 E tr (X^T X)^-1 = sigma^2 d / (n - d - 1), the mean of an
 * inverse Wishart W_d(n, I)^-1 being I / (n - d - 1).
 * d > n + 1: beta_hat = P beta + X^T (X X^T)^-1 eps with P the projector on the row space of X,
 * a uniformly random n-plane of R^d: E ||(I - P) beta||^2 = r^2 (1 - n/d); the cross term is
 * zero ((I - P) X^T = 0), and the variance is sigma^2 E tr (X X^T)^-1 = sigma^2 n / (d - n - 1).
 * Both diverge at d/n = 1 as |1 - d/n|^-1 (d/(n-d-1) = gamma / (1 - gamma - 1/n), gamma = d/n).
 * The divergence is the smallest nonzero eigenvalue of M = X X^T / n reaching zero: it sits at
 * the lower Marchenko–Pastur edge (1 - sqrt(gamma))^2 for both gamma < 1 and gamma > 1, and the
 * variance sum_k 1/lambda_k is dominated by the eigenvalues near that edge.
 *
 * Routes. (1) Direct simulation in float64: Gaussian X, a random direction of beta and Gaussian
 * noise, the min-norm solve by a Cholesky factorisation (ml-matrix) of the smaller Gram matrix,
 * the risk ||beta_hat - beta||^2 by its definition; 30 designs a point (two label draws each),
 * n = 20, 40, 80 and d up to 400; the smallest eigenvalue of the Gram matrix by Lanczos on its
 * inverse through the same factor. The risk is compared with the formula beyond three standard
 * errors of the simulated mean (a statistical test; a wrong formula leaves a gap that stays).
 * (2) The divergence exponent needs |1 - d/n| small while n |1 - d/n| stays large: windows
 * |1 - d/n| in [n^-1/2, 10 n^-1/2] at n = 100, 400, 1600 (1.5 decades of |1 - d/n| in all,
 * d > n, 30 seeds a point). There the Gram spectrum is sampled in O(n) by the Dumitriu–Edelman
 * bidiagonal model (X X^T has the law of B B^T, B lower bidiagonal with chi-distributed entries,
 * exact in law), and tr (X X^T)^-1 = ||B^-1||_F^2 by a backward recurrence; the variance part
 * sigma^2 tr (X X^T)^-1 (the divergent one; the bias r^2 (1 - n/d) vanishes there) is fitted.
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { evaluate } from 'mathjs';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import type { Claim, Figure } from '../src/core/claim.js';
import { logSlope } from '../src/numeric/fit.js';
import { Gaussian } from '../src/numeric/float64.js';
import { Rng } from '../src/numeric/rng.js';
import { memo } from './transport.js';

const SOURCE = 'arXiv:2512.10427; arXiv:2512.18209';

/* ------------------------------------------------------------------------------------------
 * Route 1: direct min-norm least squares
 * ---------------------------------------------------------------------------------------- */

/** The aspect ratios gamma = d/n simulated directly: two under-, three over-parametrised. */
export const GAMMAS_UNDER = [0.25, 0.5];
export const GAMMAS_OVER = [1.5, 2, 5];
/** Where the Marchenko–Pastur edge is measured (away from gamma = 1, where it closes). */
export const GAMMAS_EDGE = [0.25, 0.5, 2, 5];
export const SEEDS = 30;
/** range level l: n = 20 * 2^l samples (d up to 5 n = 400) */
export const nAt = (level: number): number => 20 * 2 ** level;

/** Label draws per design matrix: each a fresh direction of beta and a fresh noise vector. */
export const LABELS = 2;

/** Per aspect ratio, per design: sums over its label draws of the parts of ||beta_hat - beta||^2. */
interface RiskParts {
  /** beta_hat - beta = r p + sigma q (y = X (r u) + sigma eps, u a unit direction): ||p||^2, <p, q>, ||q||^2 */
  pp: number;
  pq: number;
  qq: number;
}

export interface DirectSim {
  n: number;
  /** d per gamma, and the per-design parts (averaged over the design's label draws) */
  under: { gamma: number; d: number; parts: RiskParts[] }[];
  over: { gamma: number; d: number; parts: RiskParts[] }[];
  /** mean over designs of the smallest nonzero eigenvalue of X X^T / n, per GAMMAS_EDGE */
  lminMean: number[];
}

/** V V^T for the given vectors (each of one length), as rows of plain arrays. */
function gram(vs: Float64Array[]): Float64Array[] {
  const k = vs.length;
  const G = Array.from({ length: k }, () => new Float64Array(k));
  for (let i = 0; i < k; i++) {
    const ri = vs[i]!;
    for (let j = 0; j <= i; j++) {
      const rj = vs[j]!;
      let s = 0;
      for (let c = 0; c < ri.length; c++) s += ri[c]! * rj[c]!;
      G[i]![j] = s;
      G[j]![i] = s;
    }
  }
  return G;
}

/** H += X[:, from:to] X[:, from:to]^T (lower triangle) for X given by its rows: contiguous dots. */
function addColumns(H: Float64Array[], rows: Float64Array[], from: number, to: number): void {
  const n = H.length;
  for (let i = 0; i < n; i++) {
    const ri = rows[i]!;
    const Hi = H[i]!;
    for (let k = 0; k <= i; k++) {
      const rk = rows[k]!;
      let s = 0;
      for (let c = from; c < to; c++) s += ri[c]! * rk[c]!;
      Hi[k]! += s;
    }
  }
}

/** G^-1 b through ml-matrix's Cholesky factor L (G = L L^T): two triangular solves on plain arrays. */
class CholSolver {
  private readonly L: Float64Array[];
  readonly m: number;
  constructor(G: Float64Array[]) {
    const chol = new CholeskyDecomposition(new Matrix(G.map((r) => Array.from(r))));
    if (!chol.isPositiveDefinite()) throw new Error('Gram matrix not positive definite');
    this.L = chol.lowerTriangularMatrix.to2DArray().map((r) => Float64Array.from(r));
    this.m = G.length;
  }
  solve(b: ArrayLike<number>): Float64Array {
    const { L, m } = this;
    const y = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const Li = L[i]!;
      let s = b[i]!;
      for (let j = 0; j < i; j++) s -= Li[j]! * y[j]!;
      y[i] = s / Li[i]!;
    }
    for (let i = m - 1; i >= 0; i--) {
      let s = y[i]!;
      for (let j = i + 1; j < m; j++) s -= L[j]![i]! * y[j]!;
      y[i] = s / L[i]![i]!;
    }
    return y;
  }
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/**
 * The smallest eigenvalue of G from its Cholesky factor: Lanczos on G^-1 (full
 * reorthogonalisation), whose largest Ritz value converges first; the small tridiagonal by
 * ml-matrix's symmetric eigensolver.
 */
function smallestEigen(S: CholSolver, g: Gaussian, steps = 16): number {
  const m = S.m;
  const k = Math.min(m, steps);
  const Q: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let q = Float64Array.from({ length: m }, () => g.next());
  const n0 = Math.sqrt(dot(q, q));
  q = q.map((x) => x / n0);
  for (let j = 0; j < k; j++) {
    Q.push(q);
    const w = S.solve(q);
    alpha.push(dot(w, q));
    for (const p of Q) {
      const c = dot(w, p);
      for (let i = 0; i < m; i++) w[i]! -= c * p[i]!;
    }
    const b = Math.sqrt(dot(w, w));
    if (j === k - 1 || b < 1e-13 * Math.abs(alpha[j]!)) break;
    beta.push(b);
    q = w.map((x) => x / b);
  }
  return 1 / largestTridiagonal(alpha, beta.slice(0, alpha.length - 1));
}

/** The largest eigenvalue of a symmetric tridiagonal matrix by Sturm-count bisection. */
function largestTridiagonal(a: number[], b: number[]): number {
  const k = a.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < k; i++) {
    const r = Math.abs(b[i - 1] ?? 0) + Math.abs(b[i] ?? 0);
    lo = Math.min(lo, a[i]! - r);
    hi = Math.max(hi, a[i]! + r);
  }
  // eigenvalues below x: the negative pivots of T - x I
  const below = (x: number): number => {
    let c = 0;
    let q = 1;
    for (let i = 0; i < k; i++) {
      q = a[i]! - x - (i > 0 ? (b[i - 1]! * b[i - 1]!) / q : 0);
      if (q === 0) q = 1e-300;
      if (q < 0) c++;
    }
    return c;
  };
  for (let it = 0; it < 200 && hi - lo > 1e-14 * Math.max(Math.abs(hi), Math.abs(lo)); it++) {
    const mid = (lo + hi) / 2;
    if (below(mid) < k) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The smallest eigenvalue of a symmetric positive definite matrix (rows), as the simulation measures it. */
export function smallestEigenvalue(G: Float64Array[], g: Gaussian): number {
  return smallestEigen(new CholSolver(G), g);
}

/** One design at sample size n: the rows of X (n x 5n); every gamma uses the leading d columns. */
function drawDesign(n: number, seed: number, sample: number): { rows: Float64Array[]; g: Gaussian } {
  const g = new Gaussian(new Rng((seed ^ Math.imul(sample + 1, 0x9e3779b1) ^ Math.imul(n, 0x85ebca6b)) >>> 0));
  const dMax = Math.round(GAMMAS_OVER[GAMMAS_OVER.length - 1]! * n);
  const rows = Array.from({ length: n }, () => {
    const r = new Float64Array(dMax);
    for (let j = 0; j < dMax; j++) r[j] = g.next();
    return r;
  });
  return { rows, g };
}

/**
 * The min-norm solution for LABELS label draws on the design's first d columns, split by
 * linearity in y into its signal and noise parts, and the Gram factor (for the edge).
 */
function solveDesign(rows: Float64Array[], d: number, gramOf: Float64Array[], g: Gaussian): { parts: RiskParts; solver: CholSolver } {
  const n = rows.length;
  // X v (n) and X^T w (d), on the leading d columns
  const Xv = (v: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      let s = 0;
      for (let j = 0; j < d; j++) s += r[j]! * v[j]!;
      out[i] = s;
    }
    return out;
  };
  const XTw = (w: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      const wi = w[i]!;
      for (let j = 0; j < d; j++) out[j]! += r[j]! * wi;
    }
    return out;
  };
  const under = d < n;
  // d < n: beta_hat = (X^T X)^-1 X^T y; d > n: beta_hat = X^T (X X^T)^-1 y, the min-norm interpolant
  const solver = new CholSolver(gramOf);
  const fit = (y: Float64Array): Float64Array => (under ? solver.solve(XTw(y)) : XTw(solver.solve(y)));
  const parts: RiskParts = { pp: 0, pq: 0, qq: 0 };
  for (let k = 0; k < LABELS; k++) {
    const u = new Float64Array(d);
    for (let j = 0; j < d; j++) u[j] = g.next();
    const un = Math.sqrt(dot(u, u));
    for (let j = 0; j < d; j++) u[j]! /= un;
    const eps = new Float64Array(n);
    for (let i = 0; i < n; i++) eps[i] = g.next();
    const p = fit(Xv(u));
    for (let j = 0; j < d; j++) p[j]! -= u[j]!;
    const q = fit(eps);
    parts.pp += dot(p, p) / LABELS;
    parts.pq += dot(p, q) / LABELS;
    parts.qq += dot(q, q) / LABELS;
  }
  return { parts, solver };
}

export function directSim(n: number, seed: number, seeds = SEEDS): DirectSim {
  const under = GAMMAS_UNDER.map((gamma) => ({ gamma, d: Math.round(gamma * n), parts: [] as RiskParts[] }));
  const over = GAMMAS_OVER.map((gamma) => ({ gamma, d: Math.round(gamma * n), parts: [] as RiskParts[] }));
  const lminSum = GAMMAS_EDGE.map(() => 0);
  for (let s = 0; s < seeds; s++) {
    const { rows, g } = drawDesign(n, seed, s);
    const solvers = new Map<number, CholSolver>();
    for (const G of under) {
      // d < n: the d x d Gram X^T X of the leading columns
      const cols = Array.from({ length: G.d }, (_, j) => Float64Array.from(rows, (r) => r[j]!));
      const r = solveDesign(rows, G.d, gram(cols), g);
      G.parts.push(r.parts);
      solvers.set(G.gamma, r.solver);
    }
    // d > n: the n x n Gram X X^T, grown column block by column block (lower triangle, then mirrored)
    const H = Array.from({ length: n }, () => new Float64Array(n));
    let done = 0;
    for (const G of over) {
      addColumns(H, rows, done, G.d);
      done = G.d;
      const full = H.map((r, i) => Float64Array.from({ length: n }, (_, k) => (k <= i ? r[k]! : H[k]![i]!)));
      const r = solveDesign(rows, G.d, full, g);
      G.parts.push(r.parts);
      solvers.set(G.gamma, r.solver);
    }
    // the nonzero spectrum of X X^T / n is that of the smaller Gram matrix, over n
    GAMMAS_EDGE.forEach((gamma, i) => {
      lminSum[i]! += smallestEigen(solvers.get(gamma)!, g) / n;
    });
  }
  return { n, under, over, lminMean: lminSum.map((x) => x / seeds) };
}

/** Mean risk over the designs, and its relative standard error. */
function riskStats(parts: RiskParts[], r: number, sigma: number): { mean: number; se: number } {
  const xs = parts.map((P) => r * r * P.pp + 2 * r * sigma * P.pq + sigma * sigma * P.qq);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, se: Math.sqrt(v / xs.length) / mean };
}

/* ------------------------------------------------------------------------------------------
 * Route 2: the Gram spectrum in law (Dumitriu–Edelman), for the divergence at d/n -> 1
 * ---------------------------------------------------------------------------------------- */

/**
 * tr (X X^T)^-1 for X n x d Gaussian (d > n): X X^T has the law of B B^T with B n x n lower
 * bidiagonal, B_ii = chi_(d-i+1), B_(i+1,i) = chi_(n-i). ||B^-1||_F^2 = sum_j T_j / a_j^2 with
 * T_j = 1 + (b_j / a_(j+1))^2 T_(j+1), T_n = 1 (column j of B^-1 by forward substitution).
 */
export function traceInverseWishart(n: number, d: number, g: Gaussian): number {
  const a2 = new Float64Array(n);
  const b2 = new Float64Array(n);
  for (let i = 0; i < n; i++) a2[i] = g.chi2(d - i);
  for (let i = 0; i < n - 1; i++) b2[i] = g.chi2(n - 1 - i);
  let T = 1;
  let tr = 1 / a2[n - 1]!;
  for (let j = n - 2; j >= 0; j--) {
    T = 1 + (b2[j]! / a2[j + 1]!) * T;
    tr += T / a2[j]!;
  }
  return tr;
}

/** range level l: the divergence is fitted at n = 100 * 4^l over |1 - d/n| in [n^-1/2, 10 n^-1/2] */
export const divergenceN = (level: number): number => 100 * 4 ** level;
const DIV_POINTS = 5;

export interface Divergence {
  n: number;
  delta: number[];
  /** mean over seeds of tr (X X^T)^-1 at d = n (1 + delta): the risk's variance part / sigma^2 */
  variance: number[];
  slope: number;
}

export function divergence(level: number, seed: number, seeds = SEEDS): Divergence {
  const n = divergenceN(level);
  const lo = 1 / Math.sqrt(n);
  const delta = Array.from({ length: DIV_POINTS }, (_, i) => lo * 10 ** (i / (DIV_POINTS - 1)));
  const variance = delta.map((dl) => {
    const d = Math.round(n * (1 + dl));
    let s = 0;
    // common random numbers across the window: the same stream per seed at every delta
    for (let k = 0; k < seeds; k++) s += traceInverseWishart(n, d, new Gaussian(new Rng((seed ^ Math.imul(k + 1, 0x27d4eb2d)) >>> 0)));
    return s / seeds;
  });
  // the exponent against the realised |1 - d/n| (d is rounded)
  const dReal = delta.map((dl) => Math.round(n * (1 + dl)) / n - 1);
  return { n, delta: dReal, variance, slope: logSlope(dReal, variance) };
}

/* ------------------------------------------------------------------------------------------
 * The claim
 * ---------------------------------------------------------------------------------------- */

export interface DoubleDescentParams {
  /** the simulation's seed (not shrunk: every other parameter reuses its draws) */
  seed: number;
  /** noise variance sigma^2 = s4 / 4, signal r^2 = ||beta||^2 = r4 / 4 */
  s4: number;
  r4: number;
}

/** Written once: the risk formulas and the edge, read by the equations and by the figure. */
const RISK_UNDER = 'sigma2 * d_u ./ (n - d_u - 1)';
const RISK_OVER = 'r2 * (1 - n ./ d_o) + sigma2 * n ./ (d_o - n - 1)';
const MP_EDGE = '(1 - gam.^(1/2)).^2';

const directCache = new Map<string, DirectSim>();
const divergenceCache = new Map<string, Divergence>();

/** The theory curve for the figure: the encoding's own formula texts, evaluated in float64. */
function theoryCurve(n: number, sigma2: number, r2: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let d = 1; d <= 5 * n; d++) {
    if (Math.abs(d - n) <= 2) continue;
    const text = d < n ? RISK_UNDER.replace(/d_u/g, 'd') : RISK_OVER.replace(/d_o/g, 'd');
    x.push(d / n);
    y.push(evaluate(text.replace(/\.\//g, '/'), { d, n, sigma2, r2 }) as number);
  }
  return { x, y };
}

export const doubleDescent: Claim<DoubleDescentParams> = {
  id: 'transport.double-descent',
  group: 'transport',
  kind: 'scaling',
  source: SOURCE,
  statement: String.raw`\hat\beta=X^+y:\ \ \mathbb E\|\hat\beta-\beta\|^2=\begin{cases}\sigma^2\frac{d}{n-d-1}&d<n-1\\ \|\beta\|^2\big(1-\frac nd\big)+\sigma^2\frac{n}{d-n-1}&d>n+1\end{cases};\qquad R\propto|1-\tfrac dn|^{-1}\ (\tfrac dn\to1);\qquad \lambda_{\min}^+\big(\tfrac1nXX^\top\big)\to\big(1-\sqrt{d/n}\big)^2`,
  domain: fc.record({
    seed: fc.noShrink(fc.integer({ min: 0, max: 0x7fffffff })),
    s4: fc.integer({ min: 1, max: 8 }),
    r4: fc.integer({ min: 1, max: 16 }),
  }),
  encoding: {
    defs: [
      ['Rth_u', RISK_UNDER],
      ['Rth_o', RISK_OVER],
      ['edge', MP_EDGE],
    ],
    equations: [
      // relative error of the simulated mean risk beyond three of its standard errors (a
      // statistical test: a true formula leaves 0, a wrong one a gap that does not close)
      { name: 'risk-under', lhs: 'max(max(abs(R_u ./ Rth_u - 1) - 3 * se_u), 0)', rhs: '0', scale: '1' },
      { name: 'risk-over', lhs: 'max(max(abs(R_o ./ Rth_o - 1) - 3 * se_o), 0)', rhs: '0', scale: '1' },
      // the fitted exponent of the variance against |1 - d/n| -> 0
      { name: 'divergence', lhs: 'slope', rhs: '-1', scale: '1' },
      // the edge measured against the width of the bulk, (1 + sqrt(gamma))^2: the edge itself closes at gamma = 1
      { name: 'edge', lhs: 'max(abs(lmin - edge) ./ (1 + gam.^(1/2)).^2)', rhs: '0', scale: '1' },
    ],
  },
  instance(P, level) {
    const sim = memo(directCache, `${P.seed}|${level}`, () => directSim(nAt(level), P.seed));
    const div = memo(divergenceCache, `${P.seed}|${level}`, () => divergence(level, P.seed));
    const sigma2 = P.s4 / 4;
    const r2 = P.r4 / 4;
    const [r, sigma] = [Math.sqrt(r2), Math.sqrt(sigma2)];
    const D = (x: number): Decimal => new Decimal(x);
    const Su = sim.under.map((u) => riskStats(u.parts, r, sigma));
    const So = sim.over.map((o) => riskStats(o.parts, r, sigma));
    const Ru = Su.map((x) => x.mean);
    const Ro = So.map((x) => x.mean);
    const theory = theoryCurve(sim.n, sigma2, r2);
    const figure: Figure = {
      kind: 'loglog',
      title: `min-norm least squares, n = ${sim.n}, σ² = ${sigma2}, ‖β‖² = ${r2}, ${SEEDS} seeds`,
      xLabel: 'd / n',
      yLabel: 'test risk E‖β̂ − β‖²',
      series: [
        { name: 'theory', x: theory.x, y: theory.y },
        { name: 'simulation (mean)', x: [...GAMMAS_UNDER, ...GAMMAS_OVER], y: [...Ru, ...Ro] },
        { name: `σ² tr(XXᵀ)⁻¹ near d/n = 1 (n = ${div.n}, slope ${div.slope.toFixed(3)})`, x: div.delta.map((x) => 1 + x), y: div.variance.map((v) => sigma2 * v) },
      ],
    };
    return {
      scope: {
        n: D(sim.n),
        sigma2: D(sigma2),
        r2: D(r2),
        d_u: sim.under.map((u) => D(u.d)),
        d_o: sim.over.map((o) => D(o.d)),
        R_u: Ru.map(D),
        R_o: Ro.map(D),
        se_u: Su.map((x) => D(x.se)),
        se_o: So.map((x) => D(x.se)),
        slope: D(div.slope),
        gam: GAMMAS_EDGE.map((g) => D(g)),
        lmin: sim.lminMean.map(D),
      },
      figure,
    };
  },
  ranges: { levels: [0, 1, 2], tolerance: 0.05, label: 'n = 20·2^l simulated directly (d ≤ 5n); n = 100·4^l for the divergence' },
  // each drawn case is a fresh simulation (about 1.3 s of CPU): three cases
  runs: 3,
  variants: [
    { name: 'under-parametrised variance sigma^2 n/(n-d-1)', defs: { Rth_u: 'sigma2 * n ./ (n - d_u - 1)' } },
    { name: 'over-parametrised variance sigma^2 d/(d-n-1)', defs: { Rth_o: 'r2 * (1 - n ./ d_o) + sigma2 * d_o ./ (d_o - n - 1)' } },
    { name: 'bias without the projection: ||beta||^2', defs: { Rth_o: 'r2 + sigma2 * n ./ (d_o - n - 1)' } },
    { name: 'bias ||beta||^2 n/d', defs: { Rth_o: 'r2 * n ./ d_o + sigma2 * n ./ (d_o - n - 1)' } },
    { name: 'divergence exponent -2', equations: { divergence: { rhs: '-2' } } },
    { name: 'divergence exponent -1/2', equations: { divergence: { rhs: '-1/2' } } },
    { name: 'edge at the top of the spectrum (1 + sqrt(gamma))^2', defs: { edge: '(1 + gam.^(1/2)).^2' } },
    { name: 'edge without the square root (1 - gamma)^2', defs: { edge: '(1 - gam).^2' } },
  ],
};
