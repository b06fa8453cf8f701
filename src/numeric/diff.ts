import type { Fixed } from './fixed.js';
import type { Vec } from './linalg.js';

/**
 * Richardson-extrapolated central differences. Steps are h_j = h0 / 2^j, j = 0..levels;
 * the caller supplies samples at t0 ± h_j (from any route: an integrator, a series, an
 * eigensolver), so one outward sweep of an integrator serves all levels.
 */
export function steps(h0: bigint, levels: number): bigint[] {
  return Array.from({ length: levels + 1 }, (_, j) => h0 >> BigInt(j));
}

export function extrapolatedDerivative(F: Fixed, hs: bigint[], plus: Vec[], minus: Vec[]): Vec {
  let prev: Vec[] = [];
  for (let j = 0; j < hs.length; j++) {
    const twoH = 2n * hs[j]!;
    const row: Vec[] = [plus[j]!.map((p, i) => F.div(p - minus[j]![i]!, twoH))];
    for (let k = 1; k <= j; k++) {
      const f = (1n << BigInt(2 * k)) - 1n; // 4^k - 1
      const a = row[k - 1]!;
      const b = prev[k - 1]!;
      row.push(a.map((v, i) => v + (v - b[i]!) / f));
    }
    prev = row;
  }
  return prev[prev.length - 1]!;
}

/**
 * Levels needed so that the extrapolated truncation error, about h0^(2K+2) 2^(-K(K+1)) for
 * an analytic function of unit scale, reaches `fraction` of the working digits.
 */
export function levelsFor(F: Fixed, h0Log2: number, fraction: number): number {
  const targetBits = fraction * F.digits * Math.log2(10);
  let K = 1;
  while ((K + 1) * (K - 2 * h0Log2) < targetBits) K++;
  return K;
}

/** Derivative at t0 of a vector function sampled at t0 ± h_j. */
export function centralDerivative(F: Fixed, sample: (t: bigint) => Vec, t0: bigint, h0: bigint, levels: number): Vec {
  const hs = steps(h0, levels);
  return extrapolatedDerivative(F, hs, hs.map((h) => sample(t0 + h)), hs.map((h) => sample(t0 - h)));
}
