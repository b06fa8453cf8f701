import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { Fixed, isqrt } from '../../src/numeric/fixed.js';
import { dec } from '../../src/numeric/convert.js';
import { Decimal } from 'decimal.js';
import { Big, doubleToFixedRef, fromFixedRef, roundHalfAway, toFixedRef } from './exact-ref.js';

const F = new Fixed(30);
const ulp = (v: bigint, ref: Big): Big => fromFixedRef(v, F.bits).minus(ref).abs().mul(new Big(2).pow(F.bits));
/** fixed-point values up to 2^40 in magnitude, down to single bits */
const fixedArb = fc.bigInt({ min: -(1n << BigInt(F.bits + 40)), max: 1n << BigInt(F.bits + 40) });

describe('Fixed: construction', () => {
  it('rejects fewer than 5 digits and non-integers, with the value in the message', () => {
    expect(() => new Fixed(4)).toThrow(new RangeError('digits must be an integer >= 5, got 4'));
    expect(() => new Fixed(5.5)).toThrow(RangeError);
    expect(() => new Fixed(Number.NaN)).toThrow(RangeError);
    expect(new Fixed(5).digits).toBe(5);
  });
  it.each([
    [5, 0],
    [30, 40],
    [50, 7],
    [400, 40],
  ])('digits %i with %i guard bits: the fewest bits that hold the digits, plus the guard', (digits, guard) => {
    const G = new Fixed(digits, guard);
    const w = G.bits - guard;
    // 2^w >= 10^digits > 2^(w-1): exactly enough bits
    expect((1n << BigInt(w)) >= 10n ** BigInt(digits)).toBe(true);
    expect((1n << BigInt(w - 1)) < 10n ** BigInt(digits)).toBe(true);
    expect(G.one).toBe(1n << BigInt(G.bits));
    // decimal references hold every bit of the representation, and not much more
    const need = Math.ceil(G.bits * Math.log10(2));
    expect(G.D.precision).toBeGreaterThanOrEqual(need + 1);
    expect(G.D.precision).toBeLessThanOrEqual(need + 10);
  });
  it('defaults to 40 guard bits', () => {
    expect(new Fixed(30).bits).toBe(new Fixed(30, 40).bits);
    expect(new Fixed(30).bits).toBe(140);
  });
});

describe('Fixed: conversions', () => {
  it('int and ratio', () => {
    expect(F.int(5)).toBe(5n << 140n);
    expect(F.int(-3n)).toBe(-3n << 140n);
    expect(F.ratio(1, 4)).toBe(1n << 138n);
    expect(F.ratio(-1n, 3n)).toBe(roundHalfAway(-(1n << 140n), 3n));
  });
  ptest.prop([fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }).filter((q) => q !== 0)], { seed: 11, numRuns: 60 })(
    'ratio(p, q) is p/q correctly rounded',
    (p, q) => {
      expect(F.ratio(p, q)).toBe(roundHalfAway(BigInt(p) << BigInt(F.bits), BigInt(q)));
    },
  );

  it('fromNumber rejects non-finite numbers', () => {
    expect(() => F.fromNumber(Number.NaN)).toThrow(new RangeError('not a finite number: NaN'));
    expect(() => F.fromNumber(-Infinity)).toThrow(RangeError);
    expect(F.fromNumber(0)).toBe(0n);
    expect(F.fromNumber(-0)).toBe(0n);
  });
  const G = new Fixed(400); // 1369 bits: every double, subnormals included, is exact
  const extremes = [5e-324, -5e-324, 2 ** -1074 * 3, 2 ** -1022, 2 ** -1022 * (1 - 2 ** -52), Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 1023, 1, -1, 0.1, -1e300];
  it.each(extremes)('fromNumber(%d) is exact at 1369 bits', (x) => {
    expect(G.fromNumber(x)).toBe(doubleToFixedRef(x, G.bits));
  });
  // Math.log2 rounds up to k just below 2^k; the spare bit keeps these exact
  it.each([3, 4, 5, 10, 100, 1000, -3, -20, -1000])('fromNumber is exact just below 2^%i', (k) => {
    for (const x of [2 ** k * (1 - 2 ** -53), -(2 ** k) * (1 - 2 ** -53), 2 ** k * (1 + 2 ** -52)]) {
      expect(G.fromNumber(x)).toBe(doubleToFixedRef(x, G.bits));
      expect(F.fromNumber(x)).toBe(doubleToFixedRef(x, F.bits));
    }
  });
  ptest.prop([fc.double({ noNaN: true, noDefaultInfinity: true })], { seed: 12, numRuns: 200 })('fromNumber(x) = round(x 2^bits) for every double', (x) => {
    expect(F.fromNumber(x)).toBe(doubleToFixedRef(x, F.bits));
  });
  it('fromNumber rounds below the last bit, ties away from zero, symmetric in sign', () => {
    const b = F.bits;
    expect(F.fromNumber(2 ** -(b + 1))).toBe(1n);
    expect(F.fromNumber(-(2 ** -(b + 1)))).toBe(-1n);
    expect(F.fromNumber(2 ** -(b + 1) * (1 - 2 ** -52))).toBe(0n);
    expect(F.fromNumber(-(2 ** -(b + 1)) * (1 - 2 ** -52))).toBe(0n);
    expect(F.fromNumber(2 ** -b * 1.5)).toBe(2n);
    expect(F.fromNumber(-(2 ** -b) * 2.5)).toBe(-3n);
    expect(F.fromNumber(-5e-324)).toBe(0n);
  });

  it('fromDecimal rounds ties away from zero', () => {
    // 2^-141 exactly (99 digits)
    const half = new (Decimal.clone({ precision: 200 }))(2).pow(-(F.bits + 1));
    expect(F.fromDecimal(half)).toBe(1n);
    expect(F.fromDecimal(half.neg())).toBe(-1n);
    expect(F.fromDecimal(half.mul(3))).toBe(2n);
    expect(F.fromDecimal(half.mul(-5))).toBe(-3n);
    expect(F.fromDecimal(half.mul(0.999))).toBe(0n);
    expect(F.fromDecimal('2.5')).toBe(5n << 139n);
  });
  // below 2^8 in magnitude the representation has fewer digits than F.D's precision
  const smallArb = fc.bigInt({ min: -(1n << BigInt(F.bits + 8)), max: 1n << BigInt(F.bits + 8) });
  ptest.prop([smallArb], { seed: 13, numRuns: 100 })('toDecimal is exact to the working precision and fromDecimal inverts it', (v) => {
    const d = F.toDecimal(v);
    const exact = fromFixedRef(v, F.bits);
    expect(new Big(d).minus(exact).abs().lte(exact.abs().mul(new Big(10).pow(-F.D.precision + 1)))).toBe(true);
    expect(F.fromDecimal(d)).toBe(v);
  });
  // values of every size down to one ulp: the mantissa's bits, shifted by up to the whole width
  const anySizeArb = fc.tuple(fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), fc.integer({ min: 0, max: F.bits + 40 })).map(([m, s]) => (m << BigInt(s)) >> 70n);
  ptest.prop([fc.oneof(fixedArb, anySizeArb)], { seed: 14, numRuns: 300 })('toNumber is the double nearest the value up to one extra rounding, relative at every size', (v) => {
    const exact = fromFixedRef(v, F.bits);
    const got = F.toNumber(v);
    // a floor to 60 or 64 leading bits, then one rounding to 53 bits
    expect(new Big(got).minus(exact).abs().lte(exact.abs().mul(new Big(2).pow(-52)))).toBe(true);
  });
  it('toNumber keeps tiny values and huge bit counts: 1e-25 at 140 bits, 2^-1000 and 10^-300 at 1369 bits', () => {
    expect(Math.abs(F.toNumber(F.fromDecimal('1e-25')) / 1e-25 - 1)).toBeLessThan(1e-15);
    expect(F.toNumber(-1n)).toBe(-(2 ** -F.bits));
    const G = new Fixed(400);
    expect(G.toNumber(G.pow2(-1000))).toBe(2 ** -1000);
    expect(Math.abs(G.toNumber(-G.fromDecimal('1e-300')) / -1e-300 - 1)).toBeLessThan(1e-15);
    expect(G.toNumber(G.ratio(-3, 8))).toBe(-0.375);
  });
  it('toNumber with fewer than 60 bits', () => {
    const G = new Fixed(5, 0); // 17 bits
    expect(G.bits).toBe(17);
    expect(G.toNumber(G.int(3) + 1n)).toBe(3 + 2 ** -17);
    expect(G.toNumber(-G.int(7))).toBe(-7);
    expect(F.toNumber(F.ratio(-3, 8))).toBe(-0.375);
  });
  it('pow2 and tenTo', () => {
    expect(F.pow2(0)).toBe(F.one);
    expect(F.pow2(3)).toBe(8n << 140n);
    expect(F.pow2(-3)).toBe(1n << 137n);
    expect(F.tenTo(-3)).toBe(F.ratio(1, 1000));
    expect(F.tenTo(2)).toBe(F.int(100));
  });
  it('dec converts scalars, vectors and matrices at the boundary', () => {
    expect(dec(F, F.ratio(3, 2)).eq(1.5)).toBe(true);
    const v = dec(F, [F.int(1), F.ratio(-1, 4)]);
    expect(v.map((x) => x.toString())).toEqual(['1', '-0.25']);
    const m = dec(F, [[F.int(2)], [F.ratio(1, 2)]]);
    expect(m.map((r) => r.map((x) => x.toString()))).toEqual([['2'], ['0.5']]);
    expect(dec(F, [] as bigint[])).toEqual([]);
  });
});

describe('Fixed: arithmetic, rounded half away from zero', () => {
  const h = 1n << BigInt(F.bits - 1);
  it('mul at and around the half-ulp', () => {
    expect(F.mul(1n, h)).toBe(1n);
    expect(F.mul(-1n, h)).toBe(-1n);
    expect(F.mul(1n, h - 1n)).toBe(0n);
    expect(F.mul(-1n, h - 1n)).toBe(0n);
    expect(F.mul(3n, h)).toBe(2n);
    expect(F.mul(3n, -h)).toBe(-2n);
    expect(F.mul(0n, F.one)).toBe(0n);
  });
  ptest.prop([fixedArb, fixedArb], { seed: 15, numRuns: 150 })('mul is the exact product correctly rounded', (a, b) => {
    expect(F.mul(a, b)).toBe(roundHalfAway(a * b, F.one));
  });
  it('div at the half-ulp, each sign', () => {
    const two = F.int(2);
    expect(F.div(1n, two)).toBe(1n);
    expect(F.div(-1n, two)).toBe(-1n);
    expect(F.div(1n, -two)).toBe(-1n);
    expect(F.div(-1n, -two)).toBe(1n);
    expect(F.div(1n, F.int(3))).toBe(0n);
    expect(F.div(2n, F.int(3))).toBe(1n);
    expect(F.div(-2n, F.int(3))).toBe(-1n);
    expect(F.div(0n, F.int(3))).toBe(0n);
    expect(() => F.div(F.one, 0n)).toThrow(new RangeError('division by zero'));
  });
  ptest.prop([fixedArb, fixedArb.filter((b) => b !== 0n)], { seed: 16, numRuns: 150 })('div is the exact quotient correctly rounded', (a, b) => {
    expect(F.div(a, b)).toBe(roundHalfAway(a << BigInt(F.bits), b));
  });
  it('abs', () => {
    expect(F.abs(-5n)).toBe(5n);
    expect(F.abs(5n)).toBe(5n);
    expect(F.abs(0n)).toBe(0n);
  });
});

describe('isqrt and sqrt: the floor of the root', () => {
  it('small arguments and errors', () => {
    expect([0n, 1n, 2n, 3n, 4n, 8n, 9n, 15n, 16n, 17n].map((n) => isqrt(n))).toEqual([0n, 1n, 1n, 1n, 2n, 2n, 3n, 3n, 4n, 4n]);
    expect(() => isqrt(-1n)).toThrow(new RangeError('isqrt of a negative number'));
    expect(() => F.sqrt(-1n)).toThrow(new RangeError('sqrt of a negative number'));
    expect(F.sqrt(0n)).toBe(0n);
    expect(F.sqrt(F.int(9))).toBe(F.int(3));
  });
  ptest.prop([fc.bigInt({ min: 0n, max: 1n << 400n })], { seed: 17, numRuns: 200 })('r^2 <= n < (r + 1)^2', (n) => {
    const r = isqrt(n);
    expect(r * r <= n && n < (r + 1n) * (r + 1n)).toBe(true);
    // and on the perfect squares and their neighbours
    const s = r * r;
    expect(isqrt(s)).toBe(r);
    if (r > 0n) expect(isqrt(s - 1n)).toBe(r - 1n);
  });
  ptest.prop([fc.bigInt({ min: 0n, max: 1n << 200n })], { seed: 18, numRuns: 100 })('F.sqrt(a) = floor(sqrt(a 2^bits))', (a) => {
    const r = F.sqrt(a);
    const n = a << BigInt(F.bits);
    expect(r * r <= n && n < (r + 1n) * (r + 1n)).toBe(true);
  });
});

describe('Fixed: transcendentals against decimal.js', () => {
  const xs = fc.integer({ min: -60_000, max: 60_000 }).map((k) => k / 512);
  // measured: 2^-(bits-11) relative at most (8 squarings cost 8 bits), and an ulp or so absolute
  const expTol = (exact: Big): Big => exact.mul(2 ** 16).plus(2);
  ptest.prop([xs], { seed: 19, numRuns: 120 })('exp to within 2^-(bits-16) relative and 2 ulps', (x) => {
    const a = F.fromNumber(x);
    const exact = fromFixedRef(a, F.bits).exp();
    const err = ulp(F.exp(a), exact);
    expect(err.lte(expTol(exact))).toBe(true);
  });
  it('exp at 0, at multiples of ln 2 and at deep negative arguments', () => {
    expect(F.exp(0n)).toBe(F.one);
    for (const x of ['-100', '-93.5', '-90', '1', '-1', '0.0001', '30']) {
      const a = F.fromDecimal(x);
      const exact = fromFixedRef(a, F.bits).exp();
      expect(ulp(F.exp(a), exact).lte(expTol(exact)), x).toBe(true);
    }
  });
  const ts = fc.integer({ min: -60_000, max: 60_000 }).map((k) => k / 1024);
  // measured: up to 2^9 ulps near |x| = 1/2 (the squarings inside exp), within the guard bits
  ptest.prop([ts], { seed: 20, numRuns: 120 })('tanh to within 2^12 ulps, odd', (x) => {
    const a = F.fromNumber(x);
    const exact = fromFixedRef(a, F.bits).tanh();
    expect(ulp(F.tanh(a), exact).lte(2 ** 12)).toBe(true);
    expect(F.tanh(-a)).toBe(-F.tanh(a));
  });
  it('tanh saturates only where 1 - tanh is below an ulp', () => {
    // 2x = bits ln 2 - 1: 1 - tanh x = 2e 2^-bits, five ulps
    for (const s of [-1, 1]) {
      const x = new Big(F.bits).mul(new Big(2).ln()).minus(1).div(2).mul(s);
      const a = toFixedRef(x, F.bits);
      expect(ulp(F.tanh(a), fromFixedRef(a, F.bits).tanh()).lte(2)).toBe(true);
    }
    expect(F.tanh(F.int(1000))).toBe(F.one);
    expect(F.tanh(F.int(-1000))).toBe(-F.one);
    expect(F.tanh(0n)).toBe(0n);
  });
  it('ln and apply are rounded to the last bit', () => {
    for (const x of ['2', '0.001', '12345.678']) {
      const a = F.fromDecimal(x);
      const r = fromFixedRef(a, F.bits);
      expect(ulp(F.ln(a), r.ln()).lte(1)).toBe(true);
      expect(ulp(F.apply((y) => y.sin(), a), r.sin()).lte(1)).toBe(true);
    }
  });
});
