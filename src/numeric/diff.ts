import type { Fixed } from './fixed.js';
import type { Vec } from './linalg.js';

/**
 * Richardson-extrapolated central differences. Steps are h_j = h0 / 2^j, j = 0..levels;
 * the caller supplies samples at t0 ± h_j (from any route: an integrator, a series, an
 * eigensolver), so one outward sweep of an integrator serves all levels.
 *
 * @example
 * ```ts
 * import { Fixed, steps } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * steps(F.pow2(-3), 2); // [1/8, 1/16, 1/32] in fixed point
 * ```
 */
export function steps(h0: bigint, levels: number): bigint[] {
  return Array.from({ length: levels + 1 }, (_, j) => h0 >> BigInt(j));
}

/**
 * The derivative at t0 from samples plus[j] = f(t0 + hs[j]) and minus[j] = f(t0 - hs[j]),
 * hs from {@link steps}: the central differences (plus - minus) / 2h, extrapolated in h^2
 * (Richardson's table; each column removes one even power of h).
 *
 * @example
 * ```ts
 * import { extrapolatedDerivative, Fixed, steps } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const hs = steps(F.pow2(-3), 6);
 * // f(t) = e^t at t0 = 0, sampled by any route (here decimal.js)
 * const at = (h: bigint) => [F.apply((x) => x.exp(), h)];
 * const [d] = extrapolatedDerivative(F, hs, hs.map(at), hs.map((h) => at(-h)));
 * F.toDecimal(d).toFixed(25); // '1.0000000000000000000000000'
 * ```
 */
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
 *
 * @example
 * ```ts
 * import { Fixed, levelsFor } from 'scalecheck/numeric';
 *
 * // first step 2^-3, aiming at 55% of 30 digits
 * levelsFor(new Fixed(30), -3, 0.55); // 5
 * ```
 */
export function levelsFor(F: Fixed, h0Log2: number, fraction: number): number {
  const targetBits = fraction * F.digits * Math.log2(10);
  let K = 1;
  while ((K + 1) * (K - 2 * h0Log2) < targetBits) K++;
  return K;
}

/**
 * Derivative at t0 of a vector function sampled at t0 ± h_j (h_j = h0 / 2^j, j = 0..levels),
 * by {@link extrapolatedDerivative}.
 *
 * @example
 * ```ts
 * import { centralDerivative, Fixed, levelsFor } from 'scalecheck/numeric';
 *
 * const F = new Fixed(40);
 * // d/dt (t^3, sin t) at t = 1/2
 * const f = (t: bigint) => [F.mul(t, F.mul(t, t)), F.apply((x) => x.sin(), t)];
 * const [d3, dsin] = centralDerivative(F, f, F.ratio(1, 2), F.pow2(-3), levelsFor(F, -3, 1));
 * F.toDecimal(d3).toFixed(30); // '0.750000000000000000000000000000'
 * ```
 */
export function centralDerivative(F: Fixed, sample: (t: bigint) => Vec, t0: bigint, h0: bigint, levels: number): Vec {
  const hs = steps(h0, levels);
  return extrapolatedDerivative(F, hs, hs.map((h) => sample(t0 + h)), hs.map((h) => sample(t0 - h)));
}
