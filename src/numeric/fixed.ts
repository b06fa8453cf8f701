import { Decimal } from 'decimal.js';
import { roundShift } from './linalg.js';

/**
 * Binary fixed-point reals on BigInt: x is represented by round(x * 2^bits).
 * The hot loops of the kernel run here (BigInt multiply-shift is far faster than
 * decimal.js); decimal.js stays at the API boundary. Precision is absolute: every value is
 * a multiple of 2^-bits, so keep quantities of order one (scale them first otherwise).
 * Sums and differences of values are plain `+` and `-` on the bigints; products, quotients and
 * roots go through the methods, which round half away from zero.
 *
 * @example
 * ```ts
 * import { Fixed } from 'scalecheck/numeric';
 *
 * const F = new Fixed(40); // 40 digits plus 40 guard bits
 * const x = F.ratio(1, 3);
 * const y = F.mul(x, x) + F.int(1); // 1/9 + 1
 * F.toDecimal(y).toFixed(40); // '1.1111111111111111111111111111111111111111'
 * F.toDecimal(F.exp(F.one)).toFixed(20); // '2.71828182845904523536'
 * ```
 */
export class Fixed {
  /** fractional bits: x is stored as round(x 2^bits) */
  readonly bits: number;
  /** 1 in this representation, 2^bits */
  readonly one: bigint;
  /** the working precision in decimal digits */
  readonly digits: number;
  /** a decimal.js constructor that holds every bit of this representation (digits + guard digits) */
  readonly D: typeof Decimal;
  private readonly half: bigint;
  private readonly bigBits: bigint;

  /** `digits` decimal digits of working precision, plus guard bits. */
  constructor(digits: number, guardBits = 40) {
    if (!Number.isInteger(digits) || digits < 5) throw new RangeError(`digits must be an integer >= 5, got ${digits}`);
    this.digits = digits;
    this.bits = Math.ceil(digits * Math.log2(10)) + guardBits;
    this.bigBits = BigInt(this.bits);
    this.one = 1n << this.bigBits;
    this.half = this.one >> 1n;
    this.D = Decimal.clone({ precision: digits + Math.ceil(guardBits / 3.3) + 5 });
  }

  /** The integer n, exactly. */
  int(n: number | bigint): bigint {
    return BigInt(n) << this.bigBits;
  }

  /** p / q exactly rounded; used for the dyadic and rational inputs drawn by properties. */
  ratio(p: number | bigint, q: number | bigint): bigint {
    return this.div(this.int(p), this.int(q));
  }

  /**
   * round(x 2^bits), exact whenever that is an integer: x = m 2^(e-53) with m an integer of at
   * most 54 bits (one spare bit, as Math.log2 rounds up to e + 1 just below 2^(e+1)).
   */
  fromNumber(x: number): bigint {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (x === 0) return 0n;
    const e = Math.floor(Math.log2(Math.abs(x)));
    // scale in two halves: 2^(53 - e) alone overflows for tiny x (e < -970)
    const half = Math.floor((53 - e) / 2);
    const m = BigInt(Math.round(x * 2 ** half * 2 ** (53 - e - half)));
    const sh = this.bits - 53 + e;
    // below the last bit round like mul and div (a floor sent -2^-1074 to -2^-bits, 2^-1074 to 0)
    return sh >= 0 ? m << BigInt(sh) : roundShift(m, BigInt(-sh));
  }

  private scaleCache: Decimal | undefined;
  private get scale(): Decimal {
    return (this.scaleCache ??= new this.D(2).pow(this.bits));
  }

  /** A decimal (or a number or numeric string) rounded to the nearest multiple of 2^-bits. */
  fromDecimal(x: Decimal.Value): bigint {
    const d = new this.D(x).mul(this.scale).round();
    return BigInt(d.toFixed(0));
  }

  /** The value as a decimal of `D`, exact up to D's precision. */
  toDecimal(x: bigint): Decimal {
    return new this.D(x.toString()).div(this.scale);
  }

  /** The nearest double up to one extra rounding, relative at every size (a cut at 2^-60 sent 1e-20 to 0). */
  toNumber(x: bigint): number {
    const top = x >> BigInt(this.bits - 60);
    // the usual case, |x| >= 2^-7: one shift keeps 53 bits and more
    if (top >= 1n << 53n || top < -(1n << 53n)) return Number(top) / 2 ** 60;
    if (x === 0n) return 0;
    // 64 leading bits, then the exponent in two halves: 2^(drop - bits) alone underflows for large bit counts
    const drop = (x < 0n ? -x : x).toString(2).length - 64;
    const m = x >> BigInt(drop); // a negative count shifts left
    const e = drop - this.bits;
    const half = Math.trunc(e / 2);
    return Number(m) * 2 ** half * 2 ** (e - half);
  }

  /** a b, rounded once. */
  mul(a: bigint, b: bigint): bigint {
    const p = a * b;
    return p >= 0n ? (p + this.half) >> this.bigBits : -((-p + this.half) >> this.bigBits);
  }

  /** a / b, rounded once; throws on b = 0. */
  div(a: bigint, b: bigint): bigint {
    if (b === 0n) throw new RangeError('division by zero');
    const n = a << this.bigBits;
    const q = n / b;
    // round half away from zero
    const r = n - q * b;
    const twice = 2n * (r < 0n ? -r : r);
    const bb = b < 0n ? -b : b;
    if (twice >= bb) return (n < 0n) !== (b < 0n) ? q - 1n : q + 1n;
    return q;
  }

  /** sqrt(a), rounded down; throws on a < 0. */
  sqrt(a: bigint): bigint {
    if (a < 0n) throw new RangeError('sqrt of a negative number');
    return isqrt(a << this.bigBits);
  }

  /** |a| */
  abs(a: bigint): bigint {
    return a < 0n ? -a : a;
  }

  /** Transcendentals go through decimal.js: correctly rounded, and off the hot paths. */
  apply(f: (x: Decimal) => Decimal, a: bigint): bigint {
    return this.fromDecimal(f(this.toDecimal(a)));
  }

  private ln2Cache: bigint | undefined;
  private get ln2(): bigint {
    return (this.ln2Cache ??= this.fromDecimal(new this.D(2).ln()));
  }

  /** exp in fixed point: x = k ln2 + r, exp(r/2^8) by Taylor, then 8 squarings and a shift. */
  exp(a: bigint): bigint {
    const k = Math.round(this.toNumber(a) / Math.LN2);
    const r = (a - BigInt(k) * this.ln2) >> 8n;
    let term = this.one;
    let sum = this.one;
    for (let i = 1; term !== 0n; i++) {
      term = this.mul(term, r) / BigInt(i);
      sum += term;
    }
    for (let i = 0; i < 8; i++) sum = this.mul(sum, sum);
    return sum << BigInt(k); // a negative count shifts right
  }

  /** tanh(a), through exp. */
  tanh(a: bigint): bigint {
    const neg = a < 0n;
    const x = neg ? -a : a;
    if (this.toNumber(x) * 2 > this.bits * Math.LN2 + 2) return neg ? -this.one : this.one;
    const t = this.exp(-2n * x);
    const y = this.div(this.one - t, this.one + t);
    return neg ? -y : y;
  }

  /** ln(a), through decimal.js. */
  ln(a: bigint): bigint {
    return this.apply((x) => x.ln(), a);
  }

  /** 2^k as a fixed-point value (exact; k < 0 for the fractions). */
  pow2(k: number): bigint {
    return this.one << BigInt(k); // a negative count shifts right, exactly for k >= -bits
  }

  /** 10^-k in this representation, for tolerances. */
  tenTo(k: number): bigint {
    return this.fromDecimal(new this.D(10).pow(k));
  }
}

export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number');
  if (n < 2n) return n;
  // Newton from a power-of-two start above the root
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
