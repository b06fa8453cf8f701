/**
 * Float64 descent for smooth problems: gradient descent and L-BFGS with Armijo backtracking,
 * and an augmented-Lagrangian method for equality constraints built on them. They locate a
 * minimiser from a start (the basin is chosen here); a working-precision polish
 * (levenberg.ts) then finishes it.
 */

/** A smooth objective: its value and gradient at x. */
export type Objective = (x: number[]) => { value: number; grad: number[] };

export interface DescentResult {
  x: number[];
  value: number;
  /** max |gradient| at x */
  gradNorm: number;
  iterations: number;
  /** whether the gradient fell below tol */
  converged: boolean;
}

export interface DescentOptions {
  /** stop when max |gradient| falls below this */
  tol?: number;
  maxIter?: number;
  /** 'gd': steepest descent; 'lbfgs': limited-memory BFGS (memory 8) */
  method?: 'gd' | 'lbfgs';
}

function dotf(x: number[], y: number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}
function maxAbsf(x: number[]): number {
  let m = 0;
  for (const v of x) if (Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/**
 * Descent with an Armijo backtracking line search (sufficient decrease 1e-4, or, where the value
 * no longer resolves the decrease, a value within rounding and a gradient cut by 10%). Gradient descent
 * keeps its step across iterations (doubled after an accepted step, halved until accepted);
 * L-BFGS tries the unit quasi-Newton step first and falls back to the gradient when its
 * direction is not a descent direction.
 */
export function minimise(f: Objective, x0: number[], opts: DescentOptions = {}): DescentResult {
  const tol = opts.tol ?? 1e-10;
  const maxIter = opts.maxIter ?? 100000;
  const lbfgs = (opts.method ?? 'lbfgs') === 'lbfgs';
  const n = x0.length;
  let x = x0.slice();
  let cur = f(x);
  if (!Number.isFinite(cur.value)) throw new RangeError('minimise: the objective is not finite at the start');
  let eta = 1 / Math.max(1, maxAbsf(cur.grad));
  const S: number[][] = [];
  const Y: number[][] = [];
  const rhoS: number[] = [];
  const alpha = new Array<number>(8).fill(0);
  const dir = new Array<number>(n).fill(0);
  let it = 0;
  for (; it < maxIter; it++) {
    const g = cur.grad;
    const gmax = maxAbsf(g);
    if (gmax < tol) return { x, value: cur.value, gradNorm: gmax, iterations: it, converged: true };
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    let step = eta;
    if (lbfgs && S.length > 0) {
      // two-loop recursion: dir = -H g
      for (let k = S.length - 1; k >= 0; k--) {
        const a = rhoS[k]! * -dotf(S[k]!, dir);
        alpha[k] = a;
        const yk = Y[k]!;
        for (let i = 0; i < n; i++) dir[i] = dir[i]! + a * yk[i]!;
      }
      const last = S.length - 1;
      const gamma = 1 / (rhoS[last]! * dotf(Y[last]!, Y[last]!));
      for (let i = 0; i < n; i++) dir[i] = dir[i]! * gamma;
      for (let k = 0; k < S.length; k++) {
        const b = rhoS[k]! * -dotf(Y[k]!, dir);
        const sk = S[k]!;
        for (let i = 0; i < n; i++) dir[i] = dir[i]! - (alpha[k]! - b) * sk[i]!;
      }
      if (dotf(dir, g) < 0) step = 1;
      else {
        for (let i = 0; i < n; i++) dir[i] = -g[i]!;
        S.length = 0;
        Y.length = 0;
        rhoS.length = 0;
      }
    }
    const slope = dotf(dir, g);
    let next: { value: number; grad: number[] } | undefined;
    const xn = new Array<number>(n);
    // near the minimiser the decrease falls below the value's rounding (|g|^2 / curvature against
    // eps |f|): there a step that keeps the value within rounding and shrinks the gradient counts
    const flat = 1e-13 * Math.abs(cur.value);
    const gn = dotf(g, g);
    for (let bt = 0; bt < 60; bt++) {
      for (let i = 0; i < n; i++) xn[i] = x[i]! + step * dir[i]!;
      const trial = f(xn);
      if (Number.isFinite(trial.value)) {
        const armijo = trial.value < cur.value && trial.value <= cur.value + 1e-4 * step * slope;
        const level = trial.value <= cur.value + flat && dotf(trial.grad, trial.grad) < 0.81 * gn;
        if (armijo || level) {
          next = trial;
          break;
        }
      }
      step /= 2;
    }
    // no decrease representable along the direction: as far as float64 goes
    if (!next) return { x, value: cur.value, gradNorm: gmax, iterations: it, converged: false };
    if (lbfgs) {
      const sv = new Array<number>(n);
      const yv = new Array<number>(n);
      for (let i = 0; i < n; i++) {
        sv[i] = xn[i]! - x[i]!;
        yv[i] = next.grad[i]! - g[i]!;
      }
      const sy = dotf(sv, yv);
      if (sy > 1e-16 * Math.sqrt(dotf(sv, sv) * dotf(yv, yv))) {
        S.push(sv);
        Y.push(yv);
        rhoS.push(1 / sy);
        if (S.length > 8) {
          S.shift();
          Y.shift();
          rhoS.shift();
        }
      }
    } else eta = 2 * step;
    x = xn;
    cur = next;
  }
  return { x, value: cur.value, gradNorm: maxAbsf(cur.grad), iterations: it, converged: maxAbsf(cur.grad) < tol };
}

/** Equality constraints c(x) = 0: their values and the adjoint of their Jacobian, J^T y. */
export interface Constraints {
  values(x: number[]): number[];
  adjoint(x: number[], y: number[]): number[];
}

export interface ALResult {
  x: number[];
  /** the multipliers y of L = f - y^T c */
  multipliers: number[];
  value: number;
  /** max |c(x)| */
  violation: number;
  /** max |grad f - J^T y| */
  stationarity: number;
  outer: number;
  converged: boolean;
}

/**
 * min f(x) subject to c(x) = 0 by the augmented Lagrangian method: minimise
 * f - y^T c + rho/2 |c|^2 over x (L-BFGS, warm-started), then y <- y - rho c; rho grows tenfold
 * whenever the violation has not fallen fourfold. A stalled round also perturbs x by noise of
 * relative size sqrt(violation)/10 (`noise`: a standard normal draw, seeded by the caller):
 * directions the early, weakly penalised rounds shrank to nothing (a small eigenvalue of the
 * constraint's target, say) would otherwise stay at the saddle where their gradient vanishes.
 * Stops when the violation is below tol and the stationarity below `stationarity` (default
 * sqrt(tol): float64 resolves the gradient of a penalised objective no better), or after
 * maxOuter rounds (an infeasible problem ends there, with its violation).
 */
export function augmentedLagrangian(f: Objective, c: Constraints, x0: number[], opts: { tol?: number; stationarity?: number; maxOuter?: number; rho?: number; maxRho?: number; noise?: () => number } = {}): ALResult {
  const tol = opts.tol ?? 1e-10;
  const statTol = opts.stationarity ?? Math.sqrt(tol);
  const maxOuter = opts.maxOuter ?? 60;
  const maxRho = opts.maxRho ?? 1e8;
  let rho = opts.rho ?? 10;
  let x = x0.slice();
  let y = new Array<number>(c.values(x).length).fill(0);
  let prev = Infinity;
  const result = (outer: number, converged: boolean): ALResult => {
    const cv = c.values(x);
    const fx = f(x);
    const adj = c.adjoint(x, y);
    return { x, multipliers: y, value: fx.value, violation: maxAbsf(cv), stationarity: maxAbsf(fx.grad.map((g, i) => g - adj[i]!)), outer, converged };
  };
  for (let outer = 0; outer < maxOuter; outer++) {
    const r = rho;
    const yk = y;
    const aug: Objective = (z) => {
      const fz = f(z);
      const cz = c.values(z);
      // grad of f - y^T c + rho/2 |c|^2 is grad f - J^T (y - rho c)
      const adj = c.adjoint(z, cz.map((v, i) => yk[i]! - r * v));
      return { value: fz.value - dotf(yk, cz) + (r / 2) * dotf(cz, cz), grad: fz.grad.map((g, i) => g - adj[i]!) };
    };
    x = minimise(aug, x, { tol: tol / 10, maxIter: 5000 }).x;
    const cv = c.values(x);
    y = y.map((v, i) => v - rho * cv[i]!);
    const viol = maxAbsf(cv);
    const res = result(outer + 1, false);
    if (viol < tol && res.stationarity < statTol) return { ...res, converged: true };
    if (viol > prev / 4) {
      rho = Math.min(maxRho, rho * 10);
      const noise = opts.noise;
      if (noise && viol > tol) {
        const size = (Math.sqrt(viol) / 10) * Math.max(1e-300, maxAbsf(x));
        x = x.map((v) => v + size * noise());
      }
    }
    prev = viol;
  }
  return result(maxOuter, false);
}
