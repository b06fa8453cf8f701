/**
 * The diagonal linear network f(x) = <a ⊙ w, x> trained on squared loss with weight decay,
 *   L(a, w) = 1/2 ||y - X (a ⊙ w)||^2 + lambda/2 (||a||^2 + ||w||^2),
 * read through G = X^T X and b = X^T y (c = b - G theta is the residual correlation).
 * Its gradient flow is integrated in float64 to (near) its limit, which selects the fixed point;
 * Newton's method on the stationarity equations then polishes that fixed point at the working
 * precision.
 */
import type { Fixed } from '../numeric/fixed.js';
import type { Mat, Vec } from '../numeric/linalg.js';
import { solve } from '../numeric/linsolve.js';

export interface DiagState {
  a: number[];
  w: number[];
}

function corrFloat(G: number[][], b: number[], a: number[], w: number[]): number[] {
  return b.map((bj, j) => {
    let s = bj;
    const row = G[j]!;
    for (let k = 0; k < a.length; k++) s -= row[k]! * a[k]! * w[k]!;
    return s;
  });
}

/** The flow's velocity: da/dt = w ⊙ c - lambda a, dw/dt = a ⊙ c - lambda w. */
function velocity(G: number[][], b: number[], lambda: number, a: number[], w: number[]): [number[], number[]] {
  const c = corrFloat(G, b, a, w);
  return [a.map((ai, j) => w[j]! * c[j]! - lambda * ai), w.map((wi, j) => a[j]! * c[j]! - lambda * wi)];
}

export interface FlowResult extends DiagState {
  time: number;
  steps: number;
  /** max |velocity| at the end */
  speed: number;
}

/**
 * Classical RK4 on the gradient flow, with a step kept below the stability limit of the
 * current Hessian bound, until the velocity falls below `tol` or `maxSteps` are spent.
 */
export function diagFlow(G: number[][], b: number[], lambda: number, start: DiagState, opts: { tol?: number; maxSteps?: number } = {}): FlowResult {
  const tol = opts.tol ?? 1e-12;
  const maxSteps = opts.maxSteps ?? 200000;
  let a = start.a.slice();
  let w = start.w.slice();
  const gNorm = G.reduce((m, row) => Math.max(m, row.reduce((s, v) => s + Math.abs(v), 0)), 0);
  let time = 0;
  let speed = Infinity;
  let steps = 0;
  const comb = (x: number[], k: number[], h: number): number[] => x.map((v, i) => v + h * k[i]!);
  for (; steps < maxSteps; steps++) {
    const [ka1, kw1] = velocity(G, b, lambda, a, w);
    speed = Math.max(...ka1.map(Math.abs), ...kw1.map(Math.abs));
    if (speed < tol) break;
    const c = corrFloat(G, b, a, w);
    const big = Math.max(...a.map((v) => v * v), ...w.map((v) => v * v));
    const bound = lambda + Math.max(...c.map(Math.abs)) + 2 * gNorm * big;
    const h = 1 / bound;
    const [ka2, kw2] = velocity(G, b, lambda, comb(a, ka1, h / 2), comb(w, kw1, h / 2));
    const [ka3, kw3] = velocity(G, b, lambda, comb(a, ka2, h / 2), comb(w, kw2, h / 2));
    const [ka4, kw4] = velocity(G, b, lambda, comb(a, ka3, h), comb(w, kw3, h));
    a = a.map((v, i) => v + (h / 6) * (ka1[i]! + 2 * ka2[i]! + 2 * ka3[i]! + ka4[i]!));
    w = w.map((v, i) => v + (h / 6) * (kw1[i]! + 2 * kw2[i]! + 2 * kw3[i]! + kw4[i]!));
    time += h;
  }
  return { a, w, time, steps, speed };
}

/** The gradient of L at (a, w) in fixed point, stacked [dL/da; dL/dw]. */
export function diagGradient(F: Fixed, G: Mat, b: Vec, lambda: bigint, a: Vec, w: Vec): Vec {
  const theta = a.map((ai, j) => F.mul(ai, w[j]!));
  const c = b.map((bj, j) => bj - G[j]!.reduce((s, g, k) => s + F.mul(g, theta[k]!), 0n));
  return [...a.map((ai, j) => F.mul(lambda, ai) - F.mul(w[j]!, c[j]!)), ...w.map((wi, j) => F.mul(lambda, wi) - F.mul(a[j]!, c[j]!))];
}

/** The Hessian of L at (a, w), blocks [[aa, aw], [wa, ww]]. */
function diagHessian(F: Fixed, G: Mat, b: Vec, lambda: bigint, a: Vec, w: Vec): Mat {
  const p = a.length;
  const theta = a.map((ai, j) => F.mul(ai, w[j]!));
  const c = b.map((bj, j) => bj - G[j]!.reduce((s, g, k) => s + F.mul(g, theta[k]!), 0n));
  const H: Mat = Array.from({ length: 2 * p }, () => new Array<bigint>(2 * p).fill(0n));
  for (let j = 0; j < p; j++)
    for (let k = 0; k < p; k++) {
      const g = G[j]![k]!;
      const diag = j === k;
      H[j]![k] = (diag ? lambda : 0n) + F.mul(F.mul(w[j]!, g), w[k]!);
      H[j]![p + k] = (diag ? -c[j]! : 0n) + F.mul(F.mul(w[j]!, g), a[k]!);
      H[p + j]![k] = (diag ? -c[j]! : 0n) + F.mul(F.mul(a[j]!, g), w[k]!);
      H[p + j]![p + k] = (diag ? lambda : 0n) + F.mul(F.mul(a[j]!, g), a[k]!);
    }
  return H;
}

/**
 * Newton's method on grad L = 0 from (a, w): converges quadratically to the fixed point whose
 * basin holds the start (the flow's end point). Throws when it does not settle.
 */
export function diagNewton(F: Fixed, G: Mat, b: Vec, lambda: bigint, a0: Vec, w0: Vec, maxIter = 60): { a: Vec; w: Vec; iterations: number } {
  let a = a0.slice();
  let w = w0.slice();
  const p = a.length;
  const ulps = 1n << 12n;
  for (let it = 0; it < maxIter; it++) {
    const g = diagGradient(F, G, b, lambda, a, w);
    const step = solve(F, diagHessian(F, G, b, lambda, a, w), g);
    if (step === null) throw new Error('diagNewton: singular Hessian');
    a = a.map((v, j) => v - step[j]!);
    w = w.map((v, j) => v - step[p + j]!);
    if (step.every((s) => F.abs(s) <= ulps)) return { a, w, iterations: it + 1 };
  }
  throw new Error('diagNewton: no convergence');
}
