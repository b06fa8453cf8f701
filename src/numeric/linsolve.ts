import type { Fixed } from './fixed.js';
import type { Mat, Vec } from './linalg.js';

/**
 * Solve A x = b by Gaussian elimination with partial pivoting, in fixed point. Returns null
 * when a pivot vanishes at the working precision (A singular to working precision).
 *
 * @example
 * ```ts
 * import { Fixed, solve } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * // 2x + y = 3, x + 3y = 5: x = 4/5, y = 7/5
 * const x = solve(F, [[F.int(2), F.one], [F.one, F.int(3)]], [F.int(3), F.int(5)]);
 * x?.map((v) => F.toDecimal(v).toFixed(10)); // ['0.8000000000', '1.4000000000']
 * solve(F, [[F.one, F.one], [F.one, F.one]], [F.one, F.one]); // null: singular
 * ```
 */
export function solve(F: Fixed, A: Mat, b: Vec): Vec | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (F.abs(M[r]![c]!) > F.abs(M[piv]![c]!)) piv = r;
    if (M[piv]![c]! === 0n) return null;
    if (piv !== c) [M[piv], M[c]] = [M[c]!, M[piv]!];
    const P = M[c]!;
    for (let r = c + 1; r < n; r++) {
      const R = M[r]!;
      if (R[c]! === 0n) continue;
      const f = F.div(R[c]!, P[c]!);
      for (let j = c; j <= n; j++) R[j] = R[j]! - F.mul(f, P[j]!);
    }
  }
  const x = new Array<bigint>(n).fill(0n);
  for (let r = n - 1; r >= 0; r--) {
    const R = M[r]!;
    let s = R[n]!;
    for (let j = r + 1; j < n; j++) s -= F.mul(R[j]!, x[j]!);
    x[r] = F.div(s, R[r]!);
  }
  return x;
}

/** The same in float64 (for float simulations); null on an exactly zero pivot. */
export function solveFloat(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[piv]![c]!)) piv = r;
    if (M[piv]![c]! === 0) return null;
    if (piv !== c) [M[piv], M[c]] = [M[c]!, M[piv]!];
    const P = M[c]!;
    for (let r = c + 1; r < n; r++) {
      const R = M[r]!;
      const f = R[c]! / P[c]!;
      if (f === 0) continue;
      for (let j = c; j <= n; j++) R[j] = R[j]! - f * P[j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const R = M[r]!;
    let s = R[n]!;
    for (let j = r + 1; j < n; j++) s -= R[j]! * x[j]!;
    x[r] = s / R[r]!;
  }
  return x;
}
