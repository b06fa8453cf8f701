import { Decimal } from 'decimal.js';

/**
 * Independent references for the fixed-point tests: exact bigint rationals, and decimal.js
 * well above the working precisions used there (at most 140 bits, 43 digits, in Big).
 */
export const Big = Decimal.clone({ precision: 90, rounding: Decimal.ROUND_HALF_UP });
export type Big = InstanceType<typeof Big>;

/** num / den to the nearest integer, ties away from zero: from the definition, on magnitudes */
export function roundHalfAway(num: bigint, den: bigint): bigint {
  if (den === 0n) throw new RangeError('den = 0');
  const negative = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const floor = n / d;
  const up = 2n * (n - floor * d) >= d;
  const m = up ? floor + 1n : floor;
  return negative ? -m : m;
}

/** x 2^bits rounded, ties away from zero (x well inside Big's precision) */
export function toFixedRef(x: Big, bits: number): bigint {
  return BigInt(x.mul(new Big(2).pow(bits)).toDecimalPlaces(0, Big.ROUND_HALF_UP).toFixed(0));
}

/** the exact value of a fixed-point number (exact while it has at most 90 digits) */
export function fromFixedRef(v: bigint, bits: number): Big {
  return new Big(v.toString()).div(new Big(2).pow(bits));
}

/** a double as mant 2^exp2 exactly, read from its IEEE-754 bit pattern (no Math.log2, no scaling) */
export function doubleParts(x: number): { mant: bigint; exp2: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const word = view.getBigUint64(0);
  const biased = Number((word >> 52n) & 0x7ffn);
  const frac = word & ((1n << 52n) - 1n);
  const mant = biased === 0 ? frac : frac | (1n << 52n);
  return { mant: word >> 63n ? -mant : mant, exp2: (biased === 0 ? 1 : biased) - 1075 };
}

/** round(x 2^bits) for a double x, exactly */
export function doubleToFixedRef(x: number, bits: number): bigint {
  const { mant, exp2 } = doubleParts(x);
  const k = exp2 + bits;
  return k >= 0 ? mant * 2n ** BigInt(k) : roundHalfAway(mant, 2n ** BigInt(-k));
}
