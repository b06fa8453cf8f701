/**
 * Interpolators of an underdetermined regression X w = y (n < d, X of full row rank) that
 * minimise a norm or a separable convex potential, at the working precision:
 * - `minL2Interpolator`: X^T (X X^T)^-1 y;
 * - `minL1Interpolator`: the linear program min |w|_1 s.t. X w = y, by its basic solutions
 *   (an optimum sits on a support of size n), with the dual certificate nu that proves it
 *   optimal: |X^T nu|_inf <= 1 and y . nu = |w|_1;
 * - `minPotentialInterpolator`: min sum_i phi(w_i) s.t. X w = y for a smooth strictly convex
 *   phi, by Newton's method on the KKT system (damped, in float64, from the minimum-l2
 *   interpolator; then full steps at the working precision, where it converges quadratically).
 * `alphaPotential` is the potential of diagonal linear networks (Woodworth et al. 2020),
 * phi(w) = c q(w / c) with q(z) = (z arcsinh z - sqrt(1 + z^2) + 1) / 2.
 */
import type { Fixed } from '../numeric/fixed.js';
import { roundShift, type Mat, type Vec } from '../numeric/linalg.js';
import { solve, solveFloat } from '../numeric/linsolve.js';

/** A separable potential sum_i phi(w_i): its value, slope and inverse curvature 1 / phi''. */
export interface SeparablePotential {
  value64(w: number): number;
  grad64(w: number): number;
  /** 1 / phi''(w): finite (small) where phi is sharply curved */
  invHess64(w: number): number;
  grad(F: Fixed, w: bigint): bigint;
  invHess(F: Fixed, w: bigint): bigint;
}

/** arcsinh in fixed point: sign(z) ln(|z| + sqrt(1 + z^2)), free of cancellation for z < 0. */
export function asinhFixed(F: Fixed, z: bigint): bigint {
  const a = F.abs(z);
  const r = F.ln(a + F.sqrt(F.one + F.mul(a, a)));
  return z < 0n ? -r : r;
}

/**
 * phi(w) = c q(w / c), q(z) = (z arcsinh z - sqrt(1 + z^2) + 1) / 2 (`dropSqrt`: without the
 * -sqrt(1 + z^2) term, a still convex slip): phi'(w) = arcsinh(w / c) / 2, 1 / phi'' = 2 sqrt(c^2 + w^2).
 * c is given exactly (cFixed, at F's precision) and as a double.
 */
export function alphaPotential(cFixed: bigint, c: number, opts: { dropSqrt?: boolean } = {}): SeparablePotential {
  if (!(c > 0) || cFixed <= 0n) throw new RangeError('alphaPotential: the scale must be positive');
  if (opts.dropSqrt === true) {
    // q(z) = (z asinh z + 1) / 2: q' = (asinh z + z / s) / 2, q'' = (1 / s + 1 / s^3) / 2, s = sqrt(1 + z^2)
    return {
      value64: (w) => (c * ((w / c) * Math.asinh(w / c) + 1)) / 2,
      grad64: (w) => (Math.asinh(w / c) + w / c / Math.hypot(1, w / c)) / 2,
      invHess64: (w) => {
        const s = Math.hypot(1, w / c);
        return (2 * c * s ** 3) / (s * s + 1);
      },
      grad: (F, w) => {
        const z = F.div(w, cFixed);
        const s = F.sqrt(F.one + F.mul(z, z));
        return (asinhFixed(F, z) + F.div(z, s)) / 2n;
      },
      invHess: (F, w) => {
        const z = F.div(w, cFixed);
        const s2 = F.one + F.mul(z, z);
        const s = F.sqrt(s2);
        return F.div(2n * F.mul(cFixed, F.mul(s2, s)), s2 + F.one);
      },
    };
  }
  return {
    value64: (w) => (w * Math.asinh(w / c) - Math.hypot(c, w) + c) / 2,
    grad64: (w) => Math.asinh(w / c) / 2,
    invHess64: (w) => 2 * Math.hypot(c, w),
    grad: (F, w) => asinhFixed(F, F.div(w, cFixed)) / 2n,
    invHess: (F, w) => 2n * F.sqrt(F.mul(cFixed, cFixed) + F.mul(w, w)),
  };
}

/** phi(w) = w^2 / 2: its minimiser among interpolators is the minimum-l2 one. */
export const quadraticPotential: SeparablePotential = {
  value64: (w) => (w * w) / 2,
  grad64: (w) => w,
  invHess64: () => 1,
  grad: (_F, w) => w,
  invHess: (F) => F.one,
};

function matvec(F: Fixed, A: Mat, x: Vec): Vec {
  const sh = BigInt(F.bits);
  return A.map((row) => roundShift(row.reduce((s, a, i) => s + a * x[i]!, 0n), sh));
}

function tmatvec(F: Fixed, A: Mat, x: Vec): Vec {
  const sh = BigInt(F.bits);
  return A[0]!.map((_, i) => roundShift(A.reduce((s, row, a) => s + row[i]! * x[a]!, 0n), sh));
}

/** X^T (X X^T)^-1 y. */
export function minL2Interpolator(F: Fixed, X: Mat, y: Vec): Vec {
  const sh = BigInt(F.bits);
  const G = X.map((a) => X.map((b) => roundShift(a.reduce((s, x, i) => s + x * b[i]!, 0n), sh)));
  const nu = solve(F, G, y);
  if (!nu) throw new Error('minL2Interpolator: X X^T is singular');
  return tmatvec(F, X, nu);
}

export interface L1Solution {
  w: Vec;
  /** the support (size n) */
  support: number[];
  /** the dual certificate: X_S^T nu = sign(w_S) */
  nu: Vec;
  /**
   * max over the off-support coordinates of |X^T nu| (below 1 when the optimum is unique and
   * non-degenerate; at a degenerate vertex, with fewer than n nonzeros, nu is one certificate
   * candidate among many and may fail)
   */
  margin: number;
  /** the second-best vertex's l1 norm over the best one's, minus one (a near tie when small) */
  gap: number;
}

/** The k-element subsets of {0, ..., d - 1}, in lexicographic order. */
export function* subsets(d: number, k: number, start = 0, acc: number[] = []): Generator<number[]> {
  if (acc.length === k) {
    yield acc.slice();
    return;
  }
  for (let i = start; i < d; i++) {
    acc.push(i);
    yield* subsets(d, k, i + 1, acc);
    acc.pop();
  }
}

/**
 * min |w|_1 s.t. X w = y, over the basic solutions w_S = X_S^-1 y (|S| = n, X_S invertible): the
 * linear program in standard form (w = w+ - w-, w+- >= 0) has an optimal basic feasible
 * solution, and every one is of this kind. Small d only: C(d, n) solves.
 */
export function minL1Interpolator(F: Fixed, X: Mat, y: Vec): L1Solution {
  const n = X.length;
  const d = X[0]!.length;
  const tiny = F.pow2(-(F.bits >> 1));
  const vertices: { S: number[]; wS: Vec; w: Vec; l1: bigint }[] = [];
  for (const S of subsets(d, n)) {
    const XS = X.map((r) => S.map((i) => r[i]!));
    const wS = solve(F, XS, y);
    // a singular (or nearly singular) support: no basic solution there
    if (!wS || wS.some((v) => F.abs(v) > F.div(F.one, tiny))) continue;
    const w = new Array<bigint>(d).fill(0n);
    S.forEach((i, k) => (w[i] = wS[k]!));
    vertices.push({ S, wS, w, l1: wS.reduce((s, v) => s + F.abs(v), 0n) });
  }
  if (vertices.length === 0) throw new Error('minL1Interpolator: no invertible support');
  vertices.sort((a, b) => (a.l1 < b.l1 ? -1 : a.l1 > b.l1 ? 1 : 0));
  const best = vertices[0]!;
  const w = best.w;
  // a degenerate vertex (fewer than n nonzeros) is reached from several supports: the runner-up
  // is the best vertex that is a different point
  const other = vertices.find((v) => v.w.some((x, i) => F.abs(x - w[i]!) > tiny));
  const second = other?.l1;
  const XST = best.S.map((i) => X.map((r) => r[i]!));
  const nu = solve(F, XST, best.wS.map((v) => (v > 0n ? F.one : v < 0n ? -F.one : 0n)));
  if (!nu) throw new Error('minL1Interpolator: singular support');
  const c = tmatvec(F, X, nu);
  const off = c.filter((_, i) => !best.S.includes(i)).map((v) => Math.abs(F.toNumber(v)));
  const l1 = F.toNumber(best.l1);
  return {
    w,
    support: best.S,
    nu,
    margin: off.length ? Math.max(...off) : 0,
    gap: second === undefined ? Infinity : F.toNumber(second) / l1 - 1,
  };
}

export interface PotentialSolution {
  w: Vec;
  /** the KKT multiplier: phi'(w) = X^T nu */
  nu: Vec;
  /** damped float64 iterations, then full steps at the working precision */
  iterations64: number;
  iterations: number;
}

/**
 * One Newton step on the KKT system of min sum phi(w_i) s.t. X w = y from w (feasible or not):
 * with g = phi'(w), D^-1 = 1 / phi''(w), the step is dw = -D^-1 (g - X^T nu) with
 * nu = (X D^-1 X^T)^-1 (X D^-1 g - (X w - y)), so that X (w + dw) = y.
 */
function newtonStep64(X: number[][], y: number[], pot: SeparablePotential, w: number[]): { dw: number[]; nu: number[] } {
  const g = w.map((v) => pot.grad64(v));
  const Di = w.map((v) => pot.invHess64(v));
  const M = X.map((a) => X.map((b) => a.reduce((s, x, i) => s + x * b[i]! * Di[i]!, 0)));
  const rhs = X.map((a, j) => a.reduce((s, x, i) => s + x * Di[i]! * g[i]! - x * w[i]!, 0) + y[j]!);
  const nu = solveFloat(M, rhs);
  if (!nu) throw new Error('minPotentialInterpolator: singular Newton system');
  const dw = w.map((_, i) => -Di[i]! * (g[i]! - X.reduce((s, row, j) => s + row[i]! * nu[j]!, 0)));
  return { dw, nu };
}

/** X^T (X X^T)^-1 y in float64. */
export function minL2Interpolator64(X: number[][], y: number[]): number[] {
  const nu = solveFloat(X.map((a) => X.map((b) => a.reduce((s, x, i) => s + x * b[i]!, 0))), y);
  if (!nu) throw new Error('minL2Interpolator64: X X^T is singular');
  return X[0]!.map((_, i) => X.reduce((s, row, a) => s + row[i]! * nu[a]!, 0));
}

/**
 * min sum_i phi(w_i) s.t. X w = y in float64: damped Newton (backtracking on the potential,
 * which the feasible steps decrease) from the minimum-l2 interpolator, until the Newton
 * decrement is at rounding level.
 */
export function minPotentialInterpolator64(X: number[][], y: number[], pot: SeparablePotential): { w: number[]; iterations: number } {
  const value = (w: number[]): number => w.reduce((s, v) => s + pot.value64(v), 0);
  let w = minL2Interpolator64(X, y);
  let it = 0;
  for (; it < 500; it++) {
    const { dw } = newtonStep64(X, y, pot, w);
    // the decrement dw^T D dw = -g . dw (for a feasible w): the predicted decrease, twice over
    const dec = -w.reduce((s, v, i) => s + pot.grad64(v) * dw[i]!, 0);
    if (!(dec > 1e-26 * (1 + Math.abs(value(w))))) break;
    let t = 1;
    const f0 = value(w);
    while (t > 1e-12 && !(value(w.map((v, i) => v + t * dw[i]!)) <= f0 - 0.25 * t * dec)) t /= 2;
    w = w.map((v, i) => v + t * dw[i]!);
    if (t === 1 && dec < 1e-20 * (1 + Math.abs(f0))) break;
  }
  return { w, iterations: it };
}

/**
 * min sum_i phi(w_i) s.t. X w = y: the float64 solution (minPotentialInterpolator64), then
 * Newton at the working precision, whose steps must shrink quadratically to 2^-(bits - 24) of
 * the solution's size.
 */
export function minPotentialInterpolator(F: Fixed, X: Mat, y: Vec, pot: SeparablePotential): PotentialSolution {
  const n = X.length;
  const d = X[0]!.length;
  const start = minPotentialInterpolator64(
    X.map((r) => r.map((v) => F.toNumber(v))),
    y.map((v) => F.toNumber(v)),
    pot,
  );
  const w = start.w;
  const it64 = start.iterations;
  let wF: Vec = w.map((v) => F.fromNumber(v));
  const tol = F.pow2(-(F.bits - 24));
  let prev: bigint | undefined;
  for (let it = 0; it < 60; it++) {
    const g = wF.map((v) => pot.grad(F, v));
    const Di = wF.map((v) => pot.invHess(F, v));
    const sh = BigInt(F.bits);
    const M = X.map((a) => X.map((b) => roundShift(a.reduce((s, x, i) => s + F.mul(x, b[i]!) * Di[i]!, 0n), sh)));
    const rp = matvec(F, X, wF).map((v, j) => v - y[j]!);
    const rhs = matvec(F, X, wF.map((_, i) => F.mul(Di[i]!, g[i]!))).map((v, j) => v - rp[j]!);
    const nu = solve(F, M, rhs);
    if (!nu) throw new Error('minPotentialInterpolator: singular Newton system');
    const c = tmatvec(F, X, nu);
    const dw = wF.map((_, i) => -F.mul(Di[i]!, g[i]! - c[i]!));
    wF = wF.map((v, i) => v + dw[i]!);
    const size = dw.reduce((m, v) => (F.abs(v) > m ? F.abs(v) : m), 0n);
    const scale = wF.reduce((m, v) => (F.abs(v) > m ? F.abs(v) : m), F.one);
    if (size <= F.mul(tol, scale)) return { w: wF, nu, iterations64: it64, iterations: it + 1 };
    // quadratic convergence or nothing: a step that does not shrink means the float64 start was outside the basin
    if (prev !== undefined && it > 3 && size > prev) throw new Error('minPotentialInterpolator: Newton at the working precision does not converge');
    prev = size;
  }
  throw new Error(`minPotentialInterpolator: no convergence at the working precision (${n} x ${d})`);
}
