/**
 * Gauss–Hermite quadrature for the standard normal measure at a working precision: m nodes
 * and weights with sum_i w_i f(x_i) = E[f(Z)], Z ~ N(0, 1), exact for polynomials of degree
 * up to 2m - 1. Nodes are the roots of the probabilists' Hermite polynomial He_m: located in
 * float64 by Golub–Welsch (eigenvalues of the Jacobi matrix, ml-matrix), then polished by
 * Newton's iteration in fixed point on the orthonormal recurrence.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Fixed } from './fixed.js';

/**
 * Nodes and weights of a quadrature rule in fixed point.
 *
 * @example
 * ```ts
 * import { Fixed, gaussHermite, type GaussRule } from 'scalecheck/numeric';
 *
 * const rule: GaussRule = gaussHermite(new Fixed(30), 4);
 * ```
 */
export interface GaussRule {
  nodes: bigint[];
  weights: bigint[];
}

/** Orthonormal Hermite values h_{m-1}(x), h_m(x) with h_k = He_k / sqrt(k!). */
function orthonormalPair(F: Fixed, roots: bigint[], m: number, x: bigint): [bigint, bigint] {
  let prev = 0n;
  let cur = F.one;
  for (let k = 0; k < m; k++) {
    // h_{k+1} = (x h_k - sqrt(k) h_{k-1}) / sqrt(k+1)
    const next = F.div(F.mul(x, cur) - F.mul(roots[k]!, prev), roots[k + 1]!);
    prev = cur;
    cur = next;
  }
  return [prev, cur];
}

/** Jacobi-matrix eigenvalues: the nodes to double precision. */
function nodesFloat(m: number): number[] {
  if (m === 1) return [0];
  const J = new Matrix(m, m);
  for (let k = 1; k < m; k++) {
    J.set(k - 1, k, Math.sqrt(k));
    J.set(k, k - 1, Math.sqrt(k));
  }
  return [...new EigenvalueDecomposition(J, { assumeSymmetric: true }).realEigenvalues].sort((a, b) => a - b);
}

const rules = new Map<string, GaussRule>();

/**
 * The m-point rule at the precision of F (memoised per precision and m).
 *
 * @example
 * ```ts
 * import { Fixed, gaussHermite } from 'scalecheck/numeric';
 *
 * const F = new Fixed(40);
 * const { nodes, weights } = gaussHermite(F, 3);
 * // E[Z^4] = 3, exactly for a 3-node rule (degree 4 <= 5)
 * const m4 = weights.reduce((s, w, i) => s + F.mul(w, F.mul(F.mul(nodes[i], nodes[i]), F.mul(nodes[i], nodes[i]))), 0n);
 * F.toDecimal(m4).toFixed(30); // '3.000000000000000000000000000000'
 * ```
 */
export function gaussHermite(F: Fixed, m: number): GaussRule {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`need a positive number of nodes, got ${m}`);
  const key = `${F.bits}|${m}`;
  const hit = rules.get(key);
  if (hit) return hit;
  // sqrt(k) for k = 0..m, shared by every evaluation of the recurrence
  const roots = Array.from({ length: m + 1 }, (_, k) => F.sqrt(F.int(k)));
  const sqrtM = roots[m]!;
  const tol = 1n << 16n;
  const nodes = nodesFloat(m).map((x0) => {
    let x = F.fromNumber(x0);
    for (let it = 0; it < 60; it++) {
      const [hm1, hm] = orthonormalPair(F, roots, m, x);
      // h_m' = sqrt(m) h_{m-1}
      const dx = F.div(hm, F.mul(sqrtM, hm1));
      x -= dx;
      if ((dx < 0n ? -dx : dx) < tol) break;
    }
    return x;
  });
  // w_i = 1 / (m h_{m-1}(x_i)^2): the Christoffel numbers of the normalised measure
  const weights = nodes.map((x) => {
    const [hm1] = orthonormalPair(F, roots, m, x);
    return F.div(F.one, F.mul(F.int(m), F.mul(hm1, hm1)));
  });
  const rule = { nodes, weights };
  rules.set(key, rule);
  return rule;
}

/**
 * Nodes needed for E[e^(v Z) p(Z)] with |v| <= vMax and p of degree <= deg to reach 10^-digits:
 * the remainder is (m! / (2m)!) f^(2m)(xi), and f^(2m) grows like (2m)^deg v^(2m - deg) e^(v^2).
 *
 * @example
 * ```ts
 * import { nodesForExponential } from 'scalecheck/numeric';
 *
 * nodesForExponential(0, 6, 30); // 4: a polynomial of degree 6 needs 2m - 1 >= 6
 * nodesForExponential(1, 2, 30); // the nodes for E[e^(vZ) p(Z)], |v| <= 1, deg p <= 2, to 1e-30
 * ```
 */
export function nodesForExponential(vMax: number, deg: number, digits: number): number {
  const lf = (k: number): number => {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log10(i);
    return s;
  };
  // a polynomial integrand (v = 0) is integrated exactly once 2m - 1 >= deg
  if (vMax === 0) return Math.max(1, Math.ceil((deg + 1) / 2));
  const lv = Math.log10(vMax);
  for (let m = Math.ceil((deg + 1) / 2); m < 400; m++) {
    const bound = lf(m) - lf(2 * m) + (2 * m - deg) * lv + deg * Math.log10(2 * m + 2) + (vMax * vMax) / Math.LN10 + 2;
    if (bound < -digits) return m;
  }
  throw new RangeError('no Gauss–Hermite rule of fewer than 400 nodes reaches that precision');
}
