import type { Decimal } from 'decimal.js';
import type { Fixed } from './fixed.js';
import type { Mat, Vec } from './linalg.js';

/** Fixed-point values to decimals at the API boundary. */
export function dec(F: Fixed, x: bigint): Decimal;
export function dec(F: Fixed, x: Vec): Decimal[];
export function dec(F: Fixed, x: Mat): Decimal[][];
export function dec(F: Fixed, x: bigint | Vec | Mat): Decimal | Decimal[] | Decimal[][] {
  if (typeof x === 'bigint') return F.toDecimal(x);
  if (x.length > 0 && Array.isArray(x[0])) return (x as Mat).map((r) => r.map((v) => F.toDecimal(v)));
  return (x as Vec).map((v) => F.toDecimal(v));
}
