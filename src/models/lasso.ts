/**
 * The LASSO, min_theta 1/2 ||y - X theta||^2 + lambda ||theta||_1, solved two ways:
 * - `lassoHomotopy`: the exact piecewise-linear solution path (homotopy / LARS with drops) in
 *   fixed point, from lambda_max = ||X^T y||_inf down to the target: a finite sequence of
 *   linear solves, so its error is rounding only and falls with the working precision;
 * - `lassoCD`: cyclic coordinate descent in float64, for large simulations.
 * Both read the data only through the Gram matrix G = X^T X and b = X^T y.
 */
import type { Fixed } from '../numeric/fixed.js';
import type { Mat, Vec } from '../numeric/linalg.js';
import { solve } from '../numeric/linsolve.js';

export interface HomotopyResult {
  theta: Vec;
  /** breakpoints passed (joins and drops) */
  events: number;
}

/** c = b - G theta: the correlations of the residual with the columns. */
function correlations(F: Fixed, G: Mat, b: Vec, theta: Vec): Vec {
  return b.map((bj, j) => {
    let s = bj;
    const row = G[j]!;
    for (let k = 0; k < theta.length; k++) if (theta[k]! !== 0n) s -= F.mul(row[k]!, theta[k]!);
    return s;
  });
}

/**
 * The LASSO solution at `lambda` by the homotopy path. Along a segment the active set A and the
 * signs s_A are fixed, theta_A moves as (G_AA)^-1 s_A per unit decrease of lambda; a segment ends
 * when an inactive correlation reaches the level (join) or an active coordinate reaches zero
 * (drop). Requires G_AA nonsingular on every active set met (X in general position).
 */
export function lassoHomotopy(F: Fixed, G: Mat, b: Vec, lambda: bigint, maxEvents = 1000): HomotopyResult {
  const p = b.length;
  const theta: Vec = new Array<bigint>(p).fill(0n);
  let c = b.slice();
  let level = c.reduce((m, v) => (F.abs(v) > m ? F.abs(v) : m), 0n);
  if (lambda >= level) return { theta, events: 0 };
  const active: number[] = [];
  const sign: bigint[] = new Array<bigint>(p).fill(0n);
  const join = (j: number): void => {
    active.push(j);
    sign[j] = c[j]! > 0n ? F.one : -F.one;
  };
  join(c.reduce((best, v, j) => (F.abs(v) > F.abs(c[best]!) ? j : best), 0));
  for (let events = 0; events < maxEvents; events++) {
    const GAA = active.map((i) => active.map((j) => G[i]![j]!));
    const dA = solve(F, GAA, active.map((j) => sign[j]!));
    if (dA === null) throw new Error('lassoHomotopy: singular active Gram matrix (X not in general position)');
    const d: Vec = new Array<bigint>(p).fill(0n);
    active.forEach((j, i) => (d[j] = dA[i]!));
    // v_j: the rate at which c_j falls per unit decrease of the level
    const v = G.map((row) => active.reduce((s, k) => s + F.mul(row[k]!, d[k]!), 0n));
    let gamma = level - lambda;
    let event: { kind: 'join' | 'drop'; j: number } | null = null;
    for (let j = 0; j < p; j++) {
      if (sign[j] !== 0n) {
        if (d[j]! !== 0n) {
          const g = F.div(-theta[j]!, d[j]!);
          if (g > 0n && g < gamma) [gamma, event] = [g, { kind: 'drop', j }];
        }
        continue;
      }
      for (const [num, den] of [
        [level - c[j]!, F.one - v[j]!],
        [level + c[j]!, F.one + v[j]!],
      ] as const) {
        if (den <= 0n) continue;
        const g = F.div(num, den);
        if (g > 0n && g < gamma) [gamma, event] = [g, { kind: 'join', j }];
      }
    }
    for (const j of active) theta[j] = theta[j]! + F.mul(gamma, d[j]!);
    level -= gamma;
    c = correlations(F, G, b, theta);
    if (event === null) return { theta, events };
    if (event.kind === 'join') join(event.j);
    else {
      theta[event.j] = 0n;
      sign[event.j] = 0n;
      active.splice(active.indexOf(event.j), 1);
      if (active.length === 0) {
        // everything dropped: restart from the largest correlation at the current level
        join(c.reduce((best, val, j) => (F.abs(val) > F.abs(c[best]!) ? j : best), 0));
      }
    }
  }
  throw new Error('lassoHomotopy: too many breakpoints');
}

export interface CDResult {
  theta: number[];
  sweeps: number;
  /** max_j |theta_j change| in the last sweep */
  change: number;
}

const soft = (x: number, t: number): number => (x > t ? x - t : x < -t ? x + t : 0);

/**
 * Cyclic coordinate descent in float64 on X (n x p, rows as arrays), warm-started from `start`.
 * Stops when a sweep moves no coordinate by more than tol * (1 + max |theta|).
 */
export function lassoCD(X: number[][], y: number[], lambda: number, opts: { tol?: number; maxSweeps?: number; start?: number[] } = {}): CDResult {
  const n = y.length;
  const p = X[0]?.length ?? 0;
  const tol = opts.tol ?? 1e-10;
  const maxSweeps = opts.maxSweeps ?? 10000;
  // columns, for cache-friendly coordinate updates
  const cols = Array.from({ length: p }, (_, j) => Float64Array.from({ length: n }, (_, i) => X[i]![j]!));
  const sq = cols.map((col) => col.reduce((s, v) => s + v * v, 0));
  const theta = opts.start ? opts.start.slice() : new Array<number>(p).fill(0);
  const r = Float64Array.from(y);
  for (let j = 0; j < p; j++) if (theta[j] !== 0) for (let i = 0; i < n; i++) r[i] = r[i]! - cols[j]![i]! * theta[j]!;
  let change = Infinity;
  let sweeps = 0;
  for (; sweeps < maxSweeps && change > tol; sweeps++) {
    change = 0;
    let big = 0;
    for (let j = 0; j < p; j++) {
      const col = cols[j]!;
      if (sq[j] === 0) continue;
      let rho = 0;
      for (let i = 0; i < n; i++) rho += col[i]! * r[i]!;
      const old = theta[j]!;
      const nw = soft(rho + sq[j]! * old, lambda) / sq[j]!;
      const delta = nw - old;
      if (delta !== 0) {
        for (let i = 0; i < n; i++) r[i] = r[i]! - col[i]! * delta;
        theta[j] = nw;
      }
      change = Math.max(change, Math.abs(delta));
      big = Math.max(big, Math.abs(nw));
    }
    change /= 1 + big;
  }
  return { theta, sweeps, change };
}
