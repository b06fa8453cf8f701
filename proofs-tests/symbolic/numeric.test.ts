import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { Matrix } from 'mathjs';
import { compile, MalformedEncoding, mathAt, MAX_WORKING_DIGITS, norm, NotReal, realEntries, shellLabels, subtract, toMath } from '../../src/symbolic/numeric.js';
import { NULL_SHELL } from '../../src/symbolic/primitives.js';

/** The reference: decimal.js far above any working precision used here. */
const H = Decimal.clone({ precision: 120 });
const hd = (x: unknown): Decimal => new H(String(x));
const dec = (xs: number[]): Decimal[] => xs.map((x) => new Decimal(x));
/** A mathjs result as nested arrays of reference decimals. */
const grid = (x: unknown): Decimal[][] => ((x as Matrix).toArray() as unknown[][]).map((r) => r.map(hd));
const vector = (x: unknown): Decimal[] => ((x as Matrix).toArray() as unknown[]).map(hd);
const close = (a: Decimal, b: Decimal, digits: number): boolean => a.minus(b).abs().lte(b.abs().plus(1).times(new H(10).pow(-digits)));

describe('mathAt', () => {
  it('is one instance per precision', () => {
    // (every test here uses 20 or 40 digits: a fresh instance costs about a second)
    expect(mathAt(20)).toBe(mathAt(20));
    expect(mathAt(20)).not.toBe(mathAt(40));
  });

  it('compares within 10^-digits, not within mathjs\'s default 1e-12 (issue 14, class 1)', () => {
    const m = mathAt(40);
    const v = (e: string): string => String(m.evaluate(e));
    expect(v('max(0, 1e-16)')).toBe('1e-16');
    expect(v('min(1, 1 - 1e-13)')).toBe('0.9999999999999');
    expect(v('floor(0.99999999999999999999)')).toBe('0');
    expect(v('ceil(1.00000000000000000001)')).toBe('2');
    expect(v('round(2.4999999999999999999)')).toBe('2');
    expect(v('1 == 1 + 1e-20')).toBe('false');
    expect(v('1 < 1 + 1e-30 ? 1 : 2')).toBe('1');
    expect(v('isZero(1e-40)')).toBe('false');
    expect(v('compare(1, 1 + 1e-35)')).toBe('-1');
    // below the working precision two numbers are one: rounding noise never flips a comparison
    expect(v('floor(3 * (1/3))')).toBe('1');
    expect(v('1 == 1 + 1e-45')).toBe('true');
  });

  it('gives NaN at the working precision where mathjs would give a double-precision complex (class 5)', () => {
    const m = mathAt(40);
    for (const e of ['sqrt(-2)', 'log(-2)', 'asin(2)', '(-8)^(1/3)']) {
      const r = m.evaluate(e);
      expect(m.isBigNumber(r), e).toBe(true);
      expect(r.isNaN(), e).toBe(true);
    }
    expect(String(m.evaluate('nthRoot(-8, 3)'))).toBe('-2');
  });

  it('rounds up or down on request, and refuses more digits than comparisons can resolve', () => {
    const up = hd(mathAt(20, 'ceil').evaluate('1/3'));
    const down = hd(mathAt(20, 'floor').evaluate('1/3'));
    const near = hd(mathAt(20).evaluate('1/3'));
    expect(up.gt(down)).toBe(true);
    expect(near.eq(down)).toBe(true);
    expect(hd(mathAt(20, 'ceil').evaluate('-1/3')).gt(hd(mathAt(20, 'floor').evaluate('-1/3')))).toBe(true);
    expect(() => mathAt(MAX_WORKING_DIGITS + 1)).toThrow(/working digits must be an integer from 1 to 300/);
  });

  it('refuses the transpose of a 1-D vector (mathjs returns it unchanged, so u * transpose(v) would be a dot product)', () => {
    const m = mathAt(20);
    const u = toMath(m, dec([1, 2]));
    expect(() => m.evaluate('u * transpose(u)', { u })).toThrow(MalformedEncoding);
    expect(() => m.evaluate("u * u'", { u })).toThrow(MalformedEncoding);
    const col = toMath(m, [dec([1]), dec([2])]);
    expect(grid(m.evaluate('col * transpose(col)', { col })).flat().map((x) => x.toNumber())).toEqual([1, 2, 2, 4]);
  });

  it('evaluates in BigNumbers with at least the requested digits', () => {
    for (const d of [20, 40]) {
      const m = mathAt(d);
      const third = m.evaluate('1/3');
      expect(m.isBigNumber(third)).toBe(true);
      expect(close(hd(third), new H(1).div(3), d)).toBe(true);
      // guard digits: the error is well below the last requested digit, yet the value is not exact
      expect(hd(third).minus(new H(1).div(3)).abs().lt(new H(10).pow(-d - 8))).toBe(true);
    }
  });

  it('pairdiff(v)_ab = v_a - v_b, on matrices and on plain arrays', () => {
    const m = mathAt(20);
    const v = [new Decimal('1.5'), new Decimal(-2), new Decimal('0.25')];
    for (const input of [toMath(m, v), v.map((x) => m.bignumber(x.toString()))]) {
      const G = grid(m.evaluate('pairdiff(v)', { v: input }));
      expect(G).toHaveLength(3);
      G.forEach((r, a) => r.forEach((g, b) => expect(g.eq(hd(v[a]).minus(hd(v[b])))).toBe(true)));
    }
  });

  it('offdiv divides off the diagonal and masks exact zeros of N even over a zero gap', () => {
    const m = mathAt(20);
    const N = toMath(m, [dec([7, 0, 3]), dec([1, 5, 0]), dec([2, 4, 6])]);
    const D = toMath(m, [dec([0, 0, 4]), dec([8, 0, 0]), dec([-5, 3, 0])]);
    const Q = grid(m.evaluate('offdiv(N, D)', { N, D }));
    const want = [
      [0, 0, 0.75],
      [0.125, 0, 0],
      [-0.4, 4 / 3, 0],
    ];
    Q.forEach((r, a) => r.forEach((q, b) => expect(close(q, new H(want[a]![b]!), 15)).toBe(true)));
    expect(Q.flat().every((q) => q.isFinite())).toBe(true);
  });

  it('logshells: floor(ln x / h), descending columns, numerically zero entries in no shell', () => {
    const m = mathAt(20);
    const entry = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: -6, max: 6 }));
    const widths = ['1', '0.5', '2.302585092994045684017991454684364207601'];
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), fc.constantFrom(...widths), (es, h) => {
        const v = es.map(([k, e]) => new Decimal(k).times(new Decimal(10).pow(e)));
        const S = grid(m.evaluate('logshells(v, h)', { v: toMath(m, v), h: toMath(m, new Decimal(h)) }));
        // reference labels at 120 digits; all entries lie within 15 decades of the largest, so none is null
        const labels = v.map((x) => hd(x).ln().div(hd(h)).floor().toNumber());
        const hi = Math.max(...labels);
        const lo = Math.min(...labels);
        expect(S).toHaveLength(v.length);
        S.forEach((row, i) => {
          expect(row).toHaveLength(hi - lo + 1);
          row.forEach((x, c) => expect(x.toNumber()).toBe(c === hi - labels[i]! ? 1 : 0));
        });
        const Z = vector(m.evaluate('nullshell(v)', { v: toMath(m, v) }));
        expect(Z.every((z) => z.isZero())).toBe(true);
      }),
      { seed: 201, numRuns: 40 },
    );
  });

  it('logshells and nullshell agree on which entries are numerically zero', () => {
    const m = mathAt(20); // zero means at most 1e-15 of the largest magnitude, here 3e-15
    const v = toMath(m, dec([3, 0, 2e-15, 4e-15]));
    const S = grid(m.evaluate('logshells(v, 1)', { v }));
    const Z = vector(m.evaluate('nullshell(v)', { v }));
    expect(Z.map((z) => z.toNumber())).toEqual([0, 1, 1, 0]);
    // ln 3 -> shell 1, ln 4e-15 -> shell -34: 36 columns
    expect(S[0]).toHaveLength(36);
    expect(S.map((r) => r.findIndex((x) => x.eq(1)))).toEqual([0, -1, -1, 35]);
    expect(S[1]!.every((x) => x.isZero()) && S[2]!.every((x) => x.isZero())).toBe(true);
  });

  it('gamma at the working precision for real arguments', () => {
    const d = 40;
    const m = mathAt(d);
    const pi = H.acos(-1);
    expect(close(hd(m.evaluate('gamma(0.5)')), pi.sqrt(), d)).toBe(true);
    expect(close(hd(m.evaluate('gamma(-1.5)')), pi.sqrt().times(4).div(3), d)).toBe(true);
    expect(hd(m.evaluate('gamma(6)')).minus(120).abs().lt(new H(10).pow(-d))).toBe(true);
  });

  it('vexp is the elementwise exponential', () => {
    const m = mathAt(40);
    const v = dec([0, 1, -2.5, 7]);
    const E = vector(m.evaluate('vexp(v)', { v: toMath(m, v) }));
    E.forEach((e, i) => expect(close(e, hd(v[i]).exp(), 40)).toBe(true));
  });

  it('tailabs sums |v| beyond the r largest magnitudes', () => {
    const m = mathAt(20);
    const v = toMath(m, dec([3, -5, 1, -2]));
    const at = (r: number): number => hd(m.evaluate('tailabs(v, r)', { v, r: toMath(m, r) })).toNumber();
    expect([0, 1, 2, 3, 4].map(at)).toEqual([11, 6, 3, 1, 0]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 8 }), fc.nat(9), (xs, r) => {
        // independent route: the tail is the total minus the r largest magnitudes
        const mags = xs.map(Math.abs).sort((a, b) => b - a);
        const total = mags.reduce((s, x) => s + x, 0);
        const top = mags.slice(0, r).reduce((s, x) => s + x, 0);
        expect(hd(m.evaluate('tailabs(v, r)', { v: toMath(m, dec(xs)), r: toMath(m, r) })).toNumber()).toBe(total - top);
      }),
      { seed: 202, numRuns: 40 },
    );
  });
});

describe('shellLabels', () => {
  it('floors ln x / h: shells just below and above exact powers', () => {
    const ln10 = new Decimal(10).ln();
    expect(shellLabels(dec([1000, 999, 1001, 1, 0.5, 2]), ln10, 20)).toEqual([3, 2, 3, 0, -1, 0]);
    expect(shellLabels(dec([2, 0.5, 1, Math.E ** 2 * 1.001]), new Decimal(1), 20)).toEqual([0, -1, 0, 2]);
    for (let k = -12; k <= 12; k++) {
      expect(shellLabels([new Decimal(10).pow(k)], ln10, 20)).toEqual([k]);
      expect(shellLabels([new Decimal(2).pow(k)], new Decimal(2).ln(), 20)).toEqual([k]);
    }
  });

  it('labels items within 10^-floor(3d/4) of the largest magnitude as the null shell', () => {
    // d = 20: 10^-15; exactly at the threshold is zero, just above is not
    const at20 = shellLabels([new Decimal(1), new Decimal('1e-15'), new Decimal('1.000001e-15'), new Decimal(0)], new Decimal(1), 20);
    expect(at20.slice(0, 2)).toEqual([0, NULL_SHELL]);
    expect(at20[2]).toBe(Math.floor(Math.log(1.000001e-15)));
    expect(at20[3]).toBe(NULL_SHELL);
    // d = 10: floor(7.5) = 7 decades, so 5e-8 of the largest is zero and 2e-7 is not
    expect(shellLabels(dec([100, 5e-6, 2e-5]), new Decimal(1), 10)).toEqual([4, NULL_SHELL, -11]);
    // the largest magnitude sets the scale wherever it sits, and a negative value within rounding is zero
    expect(shellLabels(dec([1e-30, 1]), new Decimal(1), 20)).toEqual([NULL_SHELL, 0]);
    expect(shellLabels(dec([1, 1e-30]), new Decimal(1), 20)).toEqual([0, NULL_SHELL]);
    expect(shellLabels(dec([-1e-30, 1]), new Decimal(1), 20)).toEqual([NULL_SHELL, 0]);
    expect(shellLabels(dec([0, 0]), new Decimal(1), 20)).toEqual([NULL_SHELL, NULL_SHELL]);
  });

  it('refuses a negative eigenvalue beyond rounding (no log shell), and takes one within rounding as zero', () => {
    expect(() => shellLabels(dec([1, -1e-3]), new Decimal(1), 20)).toThrow(/negative eigenvalue -0\.001/);
    expect(() => shellLabels(dec([-1, 0.5]), new Decimal(1), 20)).toThrow(RangeError);
    expect(shellLabels(dec([1, -1e-16]), new Decimal(1), 20)).toEqual([0, NULL_SHELL]);
  });
});

describe('toMath, compile, realEntries, norm, subtract', () => {
  const m = mathAt(20);

  it('converts numbers, decimals, vectors and matrices without loss', () => {
    const long = new Decimal('1.2345678901234567890123456789');
    expect(m.isBigNumber(toMath(m, 0.1))).toBe(true);
    expect(hd(toMath(m, 0.1)).eq('0.1')).toBe(true);
    expect(hd(toMath(m, long)).eq(hd(long))).toBe(true);
    const V = toMath(m, [long, new Decimal(-2)]) as Matrix;
    expect(V.size()).toEqual([2]);
    expect(vector(V)[0]!.eq(hd(long))).toBe(true);
    const A = toMath(m, [dec([1, 2, 3]), [long, new Decimal(5), new Decimal(6)]]) as Matrix;
    expect(A.size()).toEqual([2, 3]);
    expect(grid(A)[1]![0]!.eq(hd(long))).toBe(true);
  });

  it('compiles encodings for evaluation in a scope', () => {
    const f = compile(m, 'a * b - 1');
    expect(hd(f.evaluate({ a: toMath(m, 6), b: toMath(m, new Decimal('0.5')) })).eq(2)).toBe(true);
  });

  it('realEntries: the entries and shape of a value; norm: their Euclidean norm', () => {
    const e = (x: unknown) => realEntries(m, x, 'x');
    expect(e(toMath(m, [dec([3, 0]), dec([0, -4])])).shape).toEqual([2, 2]);
    expect(norm(e(toMath(m, [dec([3, 0]), dec([0, -4])])).entries).eq(5)).toBe(true);
    expect(norm(e(toMath(m, dec([1, 2, 2]))).entries).eq(3)).toBe(true);
    expect(e(toMath(m, dec([1, 2, 2]))).shape).toEqual([3]);
    expect(norm(e([m.bignumber(-6), m.bignumber(8)]).entries).eq(10)).toBe(true);
    expect(e(m.bignumber(-2.5))).toEqual({ shape: [], entries: [new Decimal(-2.5)] });
    expect(e(true).entries[0]!.eq(1)).toBe(true);
    expect(e(false).entries[0]!.eq(0)).toBe(true);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -99, max: 99 }), { minLength: 1, maxLength: 6 }), (xs) => {
        const want = new H(xs.reduce((s, x) => s + x * x, 0)).sqrt();
        expect(close(hd(norm(e(toMath(m, dec(xs))).entries)), want, 18)).toBe(true);
      }),
      { seed: 203, numRuns: 30 },
    );
  });

  it('realEntries refuses what is not a real number at the working precision, naming it', () => {
    const e = (x: unknown) => () => realEntries(m, x, 'the side');
    expect(e(-7)).toThrow(new NotReal('the side is a double-precision number, not a real number at the working precision'));
    expect(e(m.complex(1, 2))).toThrow(/the side is a complex number/);
    expect(e(m.unit('5 cm'))).toThrow(/the side is a unit \(an undefined symbol read as a unit\?\)/);
    expect(e(m.evaluate('0 / 0'))).toThrow(/the side is not a real number \(NaN/);
    expect(e(m.evaluate('1 / 0'))).toThrow(/the side is infinite/);
    expect(e(m.evaluate('[1, 0/0]'))).toThrow(NotReal);
  });

  it('subtract is entrywise on matrices, and the norm of a difference measures it', () => {
    const a = toMath(m, [dec([5, 1]), dec([2, 2])]);
    const b = toMath(m, [dec([2, 1]), dec([2, -2])]);
    expect(grid(subtract(m, a, b)).flat().map((x) => x.toNumber())).toEqual([3, 0, 0, 4]);
    expect(norm(realEntries(m, subtract(m, a, b), 'd').entries).eq(5)).toBe(true);
    expect(hd(subtract(m, toMath(m, 1), toMath(m, new Decimal('0.25')))).eq('0.75')).toBe(true);
  });
});
