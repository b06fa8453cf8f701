import type { Decimal } from 'decimal.js';
import type { Fixed } from './fixed.js';
import type { Mat, Vec } from './linalg.js';

/**
 * Fixed-point values to decimals at the API boundary: a number, a vector or a matrix, each
 * entry x / 2^F.bits as an instance of `F.D` (which carries about 18 digits beyond the working
 * precision, so the conversion loses nothing the fixed-point value holds).
 *
 * @example
 * ```ts
 * import { dec, Fixed } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * dec(F, F.ratio(1, 4)).toString(); // '0.25'
 * dec(F, [F.one, -F.one]).map(String); // ['1', '-1']
 * dec(F, [[F.int(2)]])[0][0].toString(); // '2'
 * ```
 */
export function dec(F: Fixed, x: bigint): Decimal;
export function dec(F: Fixed, x: Vec): Decimal[];
export function dec(F: Fixed, x: Mat): Decimal[][];
export function dec(F: Fixed, x: bigint | Vec | Mat): Decimal | Decimal[] | Decimal[][] {
  if (typeof x === 'bigint') return F.toDecimal(x);
  if (x.length > 0 && Array.isArray(x[0])) return (x as Mat).map((r) => r.map((v) => F.toDecimal(v)));
  return (x as Vec).map((v) => F.toDecimal(v));
}
