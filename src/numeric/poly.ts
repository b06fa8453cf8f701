import type { Fixed } from './fixed.js';
import type { Mat } from './linalg.js';

/**
 * A matrix polynomial P(t) = sum_i C[i] t^i with fixed-point coefficients.
 *
 * @example
 * ```ts
 * import { Fixed, type MatPoly } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const P: MatPoly = [[[F.one]], [[F.int(2)]]]; // 1 + 2t, a 1 x 1 matrix
 * ```
 */
export type MatPoly = Mat[];

/**
 * P(t), entrywise by Horner.
 *
 * @example
 * ```ts
 * import { Fixed, polyEval } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * polyEval(F, [[[F.one]], [[F.int(2)]]], F.int(3)); // [[F.int(7)]]: 1 + 2 * 3
 * ```
 */
export function polyEval(F: Fixed, P: MatPoly, t: bigint): Mat {
  // Horner, entrywise
  const r = P[0]!.length;
  const c = r ? P[0]![0]!.length : 0;
  const out: Mat = P[P.length - 1]!.map((row) => row.slice());
  for (let i = P.length - 2; i >= 0; i--) {
    const Ci = P[i]!;
    for (let a = 0; a < r; a++) for (let b = 0; b < c; b++) out[a]![b] = F.mul(out[a]![b]!, t) + Ci[a]![b]!;
  }
  return out;
}

export function polyDerivative(F: Fixed, P: MatPoly): MatPoly {
  if (P.length <= 1) return [P[0]!.map((row) => row.map(() => 0n))];
  return P.slice(1).map((C, i) => C.map((row) => row.map((v) => v * BigInt(i + 1))));
}

/**
 * Coefficients of P(t0 + s) in powers of s.
 *
 * @example
 * ```ts
 * import { Fixed, polyShift } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * // t^2 about t0 = 1: 1 + 2s + s^2
 * polyShift(F, [[[0n]], [[0n]], [[F.one]]], F.one); // [[[F.one]], [[F.int(2)]], [[F.one]]]
 * ```
 */
export function polyShift(F: Fixed, P: MatPoly, t0: bigint): MatPoly {
  const d = P.length;
  const out: MatPoly = [];
  for (let j = 0; j < d; j++) {
    // sum_{i>=j} C_i binom(i,j) t0^(i-j)
    let acc: Mat = P[d - 1]!.map((row) => row.map(() => 0n));
    for (let i = d - 1; i >= j; i--) {
      const b = binom(i, j);
      acc = acc.map((row, a) => row.map((v, c) => F.mul(v, t0) + P[i]![a]![c]! * b));
    }
    out.push(acc);
  }
  return out;
}

/** P(t) Q(t)^T as a polynomial: M = J J^T for J polynomial in t. */
export function polyOuter(F: Fixed, P: MatPoly, Q: MatPoly): MatPoly {
  const r = P[0]!.length;
  const deg = P.length + Q.length - 2;
  const out: MatPoly = Array.from({ length: deg + 1 }, () => Array.from({ length: r }, () => new Array<bigint>(r).fill(0n)));
  const sh = BigInt(F.bits);
  for (let i = 0; i < P.length; i++)
    for (let j = 0; j < Q.length; j++) {
      const A = P[i]!;
      const B = Q[j]!;
      const O = out[i + j]!;
      for (let a = 0; a < r; a++)
        for (let b = 0; b < r; b++) {
          let s = 0n;
          const Aa = A[a]!;
          const Bb = B[b]!;
          for (let k = 0; k < Aa.length; k++) s += Aa[k]! * Bb[k]!;
          O[a]![b] = O[a]![b]! + (s >= 0n ? (s + (1n << (sh - 1n))) >> sh : -((-s + (1n << (sh - 1n))) >> sh));
        }
    }
  return out;
}

function binom(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
}
