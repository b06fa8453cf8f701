/**
 * Levenberg-Marquardt at working precision for square or overdetermined systems r(z) = 0
 * whose solutions need not be isolated (a stationary point of a loss with a continuous
 * symmetry lies on a manifold of them, where Newton's matrix is singular). With the
 * regularisation mu = |r(z)| the iteration converges quadratically to the solution set under a
 * local error bound, which holds without isolated solutions (Yamashita & Fukushima 2001; Fan &
 * Yuan 2005).
 */
import { isqrt, type Fixed } from './fixed.js';
import { matmul, matvec, transpose, type Mat, type Vec } from './linalg.js';
import { solve } from './linsolve.js';

/** A smooth system: its residual and Jacobian-vector product J(z) v. */
export interface SmoothSystem {
  residual(z: Vec): Vec;
  jvp(z: Vec, v: Vec): Vec;
}

export interface LMResult {
  z: Vec;
  iterations: number;
  /** max |r(z)| at the end */
  residual: bigint;
  /** the residual reached the rounding floor */
  converged: boolean;
}

const maxAbs = (F: Fixed, v: Vec): bigint => v.reduce((m, x) => (F.abs(x) > m ? F.abs(x) : m), 0n);

/**
 * Levenberg-Marquardt from z0: (J^T J + mu I) dz = -J^T r with mu = max(|r|, 2^(-bits/2)), a step
 * accepted when it lowers |r| (mu grows fourfold until one does). The floor on mu keeps the
 * ulp-level noise of J^T r in the null directions from being amplified by 1/mu: near a solution
 * manifold it would otherwise slide along it far enough for the curvature to show. Converged:
 * max |r| within 2^20 ulps (the residual's own rounding, at O(1) data), or no step can lower it
 * and it is within 2^40 ulps (still 2^-40 of the working precision's last digit), or maxIter.
 */
export function levenbergMarquardt(F: Fixed, sys: SmoothSystem, z0: Vec, opts: { maxIter?: number } = {}): LMResult {
  const maxIter = opts.maxIter ?? 40;
  const n = z0.length;
  const floor = F.pow2(-Math.floor(F.bits / 2));
  const done = 1n << 20n;
  const stalled = 1n << 40n;
  let z = z0.slice();
  let r = sys.residual(z);
  let sr = sumSquares(r);
  for (let it = 0; it < maxIter; it++) {
    if (maxAbs(F, r) <= done) return { z, iterations: it, residual: maxAbs(F, r), converged: true };
    // columns J e_k: the Jacobian, transposed
    const Jt: Mat = Array.from({ length: n }, (_, k) => {
      const e = new Array<bigint>(n).fill(0n);
      e[k] = F.one;
      return sys.jvp(z, e);
    });
    const JtJ = matmul(F, Jt, transpose(Jt));
    const g = matvec(F, Jt, r);
    const nr = isqrt(sr);
    let mu = nr > floor ? nr : floor;
    let accepted = false;
    for (let tries = 0; tries < 30 && !accepted; tries++) {
      const A = JtJ.map((row, i) => row.map((v, j) => (i === j ? v + mu : v)));
      const dz = solve(F, A, g.map((v) => -v));
      if (dz !== null) {
        const zt = z.map((v, i) => v + dz[i]!);
        const rt = sys.residual(zt);
        const st = sumSquares(rt);
        if (st < sr) {
          z = zt;
          r = rt;
          sr = st;
          accepted = true;
        }
      }
      mu *= 4n;
    }
    if (!accepted) return { z, iterations: it + 1, residual: maxAbs(F, r), converged: maxAbs(F, r) <= stalled };
  }
  return { z, iterations: maxIter, residual: maxAbs(F, r), converged: maxAbs(F, r) <= done };
}

/** The sum of squares of the raw entries, exactly: its isqrt is the Euclidean norm in fixed point. */
function sumSquares(v: Vec): bigint {
  let s = 0n;
  for (const x of v) s += x * x;
  return s;
}
