/**
 * Incremental (saddle-to-saddle) learning of a diagonal linear network w = (u ⊙ u - v ⊙ v) / 2,
 * u(0) = v(0) = alpha 1, on a quadratic loss L(w) = w^T A w / 2 - b^T w (A = X^T X positive
 * definite, b = X^T y), in two independent pieces:
 *
 * - `mirrorFlowTimes`: the flow itself in its mirror coordinates, r' = b - A w, w = alpha^2 sinh(2 r)
 *   (u = alpha e^r, v = alpha e^-r: exact), by float64 RK4, recording when each coordinate first
 *   reaches a level;
 * - `saddleToSaddle`: the alpha -> 0 limit of that flow in the time tau = t / ln(1/alpha) (Pesme,
 *   Flammarion 2023, in this normalisation): s = r / ln(1/alpha) obeys s' = b - A w, with w
 *   piecewise constant, at each moment the minimiser of L over {w_i = 0 where |s_i| < 1,
 *   s_i w_i >= 0 where |s_i| = 1} (w_i = alpha^2 sinh(2 r_i) is exponentially small in ln(1/alpha)
 *   unless |s_i| = 1). s moves linearly between saddles; when an inactive coordinate reaches
 *   |s_j| = 1 the minimiser jumps. The sign-constrained minimiser is found by enumerating which
 *   boundary coordinates are free (at most 2^d subsets; d is small), the one satisfying KKT.
 */
import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { rk4 } from '../numeric/rk4.js';

export interface SaddleStep {
  /** the rescaled time tau = t / ln(1/alpha) of the jump */
  tau: number;
  /** the coordinates that reached |s| = 1 at this jump */
  entered: number[];
  /** the saddle after the jump (the constrained minimiser) */
  w: number[];
  /** s at the jump */
  s: number[];
  /**
   * 1 - max |s_j| over the coordinates still inside (|s_j| < 1) at the jump: how far the runner-up
   * is from entering too (1 if none is left)
   */
  margin: number;
}

export interface SaddleSequence {
  steps: SaddleStep[];
  /** per coordinate, the tau at which it first reached |s| = 1 (NaN: never) */
  firstTau: number[];
  /** per coordinate, the saddle value just after its first entry */
  firstValue: number[];
  /** whether some coordinate on the boundary was held at 0 by its sign constraint (left the support) */
  removal: boolean;
}

/** argmin_w w^T A w / 2 - b^T w over w_i = 0 (i not in free), solved on the free coordinates. */
function restrictedLs(A: number[][], b: number[], free: number[]): number[] {
  const w = new Array<number>(b.length).fill(0);
  if (free.length === 0) return w;
  const sub = new Matrix(free.map((i) => free.map((j) => A[i]![j]!)));
  const x = solve(sub, Matrix.columnVector(free.map((i) => b[i]!))).to1DArray();
  free.forEach((i, k) => (w[i] = x[k]!));
  return w;
}

const gradient = (A: number[][], b: number[], w: number[]): number[] => b.map((bi, i) => bi - A[i]!.reduce((s, a, j) => s + a * w[j]!, 0));

/**
 * The sign-constrained saddle: min L over w_i = 0 off the boundary set B, s_i w_i >= 0 on B. By
 * convexity (A positive definite) the free subset F of B with w_F = restricted least squares,
 * s_i w_i > 0 on F and s_i g_i <= 0 on B \ F (KKT: pushing inwards) is the minimiser.
 */
function constrainedSaddle(A: number[][], b: number[], s: number[], boundary: number[], tol: number): number[] {
  const m = boundary.length;
  // try the larger free sets first: without removals the first candidate (all of B) qualifies
  const masks = Array.from({ length: 1 << m }, (_, k) => k).sort((x, y) => popcount(y) - popcount(x));
  for (const mask of masks) {
    const free = boundary.filter((_, k) => (mask >> k) & 1);
    const w = restrictedLs(A, b, free);
    const g = gradient(A, b, w);
    const ok = boundary.every((i) => (free.includes(i) ? s[i]! * w[i]! > 0 : s[i]! * g[i]! <= tol));
    if (ok) return w;
  }
  throw new Error('saddleToSaddle: no sign-constrained saddle satisfies KKT (A not positive definite?)');
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

/**
 * The saddle sequence of the alpha -> 0 limit, from w = 0, s = 0 at tau = 0, until the saddle is
 * the global minimiser (every gradient zero). `tol` decides exact zeros of the gradient.
 */
export function saddleToSaddle(A: number[][], b: number[], tol = 1e-12): SaddleSequence {
  const d = b.length;
  const s = new Array<number>(d).fill(0);
  let w = new Array<number>(d).fill(0);
  let tau = 0;
  const steps: SaddleStep[] = [];
  const firstTau = new Array<number>(d).fill(NaN);
  const firstValue = new Array<number>(d).fill(NaN);
  let removal = false;
  const scale = Math.max(...b.map(Math.abs));
  // the boundary |s_j| = 1, kept as a set: s_j there is exactly +-1 until its gradient points inwards
  const onB = new Array<boolean>(d).fill(false);
  for (let it = 0; it < 4 * d + 4; it++) {
    const g = gradient(A, b, w);
    const moving = g.map((gj, j) => Math.abs(gj) > tol * scale && (!onB[j] || gj * s[j]! < 0));
    // each moving coordinate's s_j goes linearly towards sign(g_j)
    let dt = Infinity;
    for (let j = 0; j < d; j++) if (moving[j]) dt = Math.min(dt, (Math.sign(g[j]!) - s[j]!) / g[j]!);
    if (!Number.isFinite(dt)) return { steps, firstTau, firstValue, removal };
    tau += dt;
    const entered: number[] = [];
    for (let j = 0; j < d; j++) {
      if (!moving[j]) continue;
      onB[j] = false;
      s[j] = s[j]! + dt * g[j]!;
      if (Math.abs(Math.abs(s[j]!) - 1) <= 1e-9) {
        s[j] = Math.sign(g[j]!);
        onB[j] = true;
        entered.push(j);
      }
    }
    const boundary = onB.flatMap((v, j) => (v ? [j] : []));
    w = constrainedSaddle(A, b, s, boundary, tol * scale);
    if (boundary.some((i) => w[i] === 0)) removal = true;
    for (const j of entered)
      if (Number.isNaN(firstTau[j]!)) {
        firstTau[j] = tau;
        firstValue[j] = w[j]!;
      }
    const inside = s.filter((_, j) => !onB[j]).map(Math.abs);
    steps.push({ tau, entered, w: w.slice(), s: s.slice(), margin: inside.length > 0 ? 1 - Math.max(...inside) : 1 });
  }
  throw new Error('saddleToSaddle: no convergence within 4 d + 4 jumps');
}

/**
 * The exponent p of the leading correction alpha^p to the learning times t_i = tau_i ln(1/alpha) +
 * c_i + O(alpha^p) (a diagnostic for choosing draws whose asymptotics set in within reach): a
 * coordinate still inside weighs w_j ~ alpha^(2 (1 - |s_j|)), largest at a jump (s is linear in
 * between), so 2 min(margin); and the relaxation onto a saddle, at the slowest rate kappa_k of
 * w' = -2 diag|w| (A w - b) on its support (the smallest eigenvalue of 2 D^(1/2) A_SS D^(1/2),
 * D = diag|w_S|), is left unfinished by e^(-kappa_k dtau_k ln(1/alpha)) = alpha^(kappa_k dtau_k)
 * when the next jump comes. p is the smaller of the two (a bound: a term may happen to vanish).
 */
export function correctionExponent(A: number[][], seq: SaddleSequence): number {
  let p = 2 * Math.min(...seq.steps.map((q) => q.margin));
  for (let k = 0; k + 1 < seq.steps.length; k++) {
    const w = seq.steps[k]!.w;
    const S = w.flatMap((v, i) => (v !== 0 ? [i] : []));
    const M = new Matrix(S.map((i) => S.map((j) => 2 * Math.sqrt(Math.abs(w[i]!) * Math.abs(w[j]!)) * A[i]![j]!)));
    const kappa = Math.min(...new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues);
    p = Math.min(p, kappa * (seq.steps[k + 1]!.tau - seq.steps[k]!.tau));
  }
  return p;
}

export interface FlowTimesOptions {
  /** per coordinate: the level c_i > 0 whose first crossing by sign_i w_i is recorded */
  levels: number[];
  /** per coordinate: the sign (+1 / -1) the crossing is read with */
  signs: number[];
  /** RK4 steps per unit of the field's stiffness bound (the step is 1 / (div bound)) */
  div: number;
  /** give up after this time */
  horizon: number;
}

export interface FlowTimes {
  /** first crossing time per coordinate (NaN: not within the horizon) */
  times: number[];
  steps: number;
}

/**
 * The flow r' = b - A w(r), w = alpha^2 sinh(2 r), r(0) = 0, by RK4 with the state-dependent step
 * h = 1 / (div lambda), lambda = max(2 |A|_inf max_i sqrt(w_i^2 + alpha^4), max |r'|, 1): the first
 * bounds the Jacobian -2 A diag(sqrt(w^2 + alpha^4)), the second the change of r per step.
 * Crossings interpolate r (not w, which grows exponentially while escaping) by cubic Hermite within
 * the step, so that their error is RK4's own (O(h^4)).
 */
export function mirrorFlowTimes(A: number[][], b: number[], alpha: number, o: FlowTimesOptions): FlowTimes {
  const d = b.length;
  const a2 = alpha * alpha;
  const rowSum = Math.max(...A.map((r) => r.reduce((s, v) => s + Math.abs(v), 0)));
  const w = new Float64Array(d);
  const field = (_t: number, r: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < d; i++) w[i] = a2 * Math.sinh(2 * r[i]!);
    for (let i = 0; i < d; i++) {
      let g = b[i]!;
      const row = A[i]!;
      for (let j = 0; j < d; j++) g -= row[j]! * w[j]!;
      out[i] = g;
    }
  };
  const slope = new Float64Array(d);
  const step = (t: number, r: Float64Array): number => {
    field(t, r, slope);
    let mob = 0;
    let speed = 0;
    for (let i = 0; i < d; i++) {
      mob = Math.max(mob, Math.sqrt(w[i]! * w[i]! + a2 * a2));
      speed = Math.max(speed, Math.abs(slope[i]!));
    }
    return 1 / (o.div * Math.max(2 * rowSum * mob, speed, 1));
  };
  // the crossing levels in r: sign_i r_i >= asinh(c_i / alpha^2) / 2
  const rLevel = o.levels.map((c) => Math.asinh(c / a2) / 2);
  const times = new Array<number>(d).fill(NaN);
  let left = d;
  const f0 = new Float64Array(d);
  const f1 = new Float64Array(d);
  let tPrev = 0;
  /** cubic Hermite value of component i at theta in [0, 1] over a step of length h */
  const hermite = (y0: number, y1: number, d0: number, d1: number, h: number, th: number): number => {
    const t2 = th * th;
    const t3 = t2 * th;
    return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + th) * h * d0 + (-2 * t3 + 3 * t2) * y1 + (t3 - t2) * h * d1;
  };
  const out = rk4(field, new Float64Array(d), step, 50_000_000, (t, r, prev) => {
    const h = t - tPrev;
    if (times.some((v, i) => Number.isNaN(v) && o.signs[i]! * r[i]! >= rLevel[i]!)) {
      field(tPrev, prev, f0);
      field(t, r, f1);
      for (let i = 0; i < d; i++) {
        if (!Number.isNaN(times[i]!) || o.signs[i]! * r[i]! < rLevel[i]!) continue;
        // bisection on the Hermite cubic of sign_i r_i - level (monotone here: r_i is escaping)
        let lo = 0;
        let hi = 1;
        for (let it = 0; it < 60; it++) {
          const mid = (lo + hi) / 2;
          const v = o.signs[i]! * hermite(prev[i]!, r[i]!, f0[i]!, f1[i]!, h, mid) - rLevel[i]!;
          if (v >= 0) hi = mid;
          else lo = mid;
        }
        times[i] = tPrev + h * hi;
        left--;
      }
    }
    tPrev = t;
    return left === 0 || t >= o.horizon;
  });
  return { times, steps: out.steps };
}
