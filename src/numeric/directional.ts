import type { Fixed } from './fixed.js';
import type { Vec } from './linalg.js';
import { extrapolatedDerivative, levelsFor, steps } from './diff.js';

export interface Directional {
  /** the derivative along the direction */
  value: bigint;
  /**
   * |value - the extrapolation one level shorter|: about the error of the shorter one, so an
   * upper estimate of value's own while the Richardson table converges
   */
  error: bigint;
}

/**
 * d/de f(x0 + e d) at e = 0, the derivative of f along d (in log coordinates x = ln lambda,
 * y = ln t, along an axis: the Euler operators lambda d/dlambda, t d/dt; along an orbit of a
 * one-parameter scaling group: its generator), by Richardson-extrapolated central differences
 * aiming at `fraction` of the working digits. `width` is the distance along d over which f
 * changes by about its own size (one over its fastest rate): the first step is the power of
 * two below width / 16, the unit scale that levelsFor assumes.
 *
 * @example
 * ```ts
 * import { directionalDerivative, Fixed } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * // v = lambda^2 t in log coordinates (x, y) = (ln lambda, ln t), at lambda = t = 1
 * const v = ([x, y]: bigint[]) => F.exp(2n * x! + y!);
 * const euler = directionalDerivative(F, v, [0n, 0n], [F.one, 0n], 1 / 3, 0.55); // lambda dv/dlambda
 * F.toDecimal(euler.value).toFixed(15); // '2.000000000000000'
 * // along the orbit of lambda -> kappa lambda, t -> t / kappa: its generator, 2 - 1
 * const orbit = directionalDerivative(F, v, [0n, 0n], [F.one, -F.one], 1 / 3, 0.55);
 * F.toDecimal(orbit.value).toFixed(15); // '1.000000000000000' (orbit.error about 2e-24)
 * ```
 */
export function directionalDerivative(F: Fixed, f: (x: Vec) => bigint, x0: Vec, d: Vec, width: number, fraction: number): Directional {
  if (!(width > 0)) throw new RangeError(`width must be positive, got ${width}`);
  const hs = steps(F.pow2(Math.floor(Math.log2(width / 16))), levelsFor(F, -4, fraction));
  const sample = (e: bigint): Vec => [f(x0.map((x, i) => x + F.mul(e, d[i]!)))];
  const plus = hs.map((h) => sample(h));
  const minus = hs.map((h) => sample(-h));
  const value = extrapolatedDerivative(F, hs, plus, minus)[0]!;
  // the same samples without the finest step: no new evaluation
  const shorter = extrapolatedDerivative(F, hs.slice(0, -1), plus.slice(0, -1), minus.slice(0, -1))[0]!;
  return { value, error: F.abs(value - shorter) };
}
