import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { Fixed } from '../../src/numeric/fixed.js';
import { directionalDerivative } from '../../src/numeric/directional.js';
import type { Vec } from '../../src/numeric/linalg.js';

const FRACTION = 0.55;

/** |x| / scale as a number (both fixed point) */
const rel = (F: Fixed, x: bigint, scale: bigint): number => F.toNumber(F.abs(x)) / F.toNumber(scale);

/**
 * f(x, y) = e^(a x + b y) + c / (1 + x^2 + y^2) and its derivative along d in closed form: an
 * exponential (the power laws of log coordinates) and a rational part whose differences do
 * not telescope.
 */
function testFunction(F: Fixed, a: bigint, b: bigint, c: bigint): { f: (p: Vec) => bigint; along: (p: Vec, d: Vec) => bigint } {
  const q = (p: Vec): bigint => F.one + F.mul(p[0]!, p[0]!) + F.mul(p[1]!, p[1]!);
  const E = (p: Vec): bigint => F.exp(F.mul(a, p[0]!) + F.mul(b, p[1]!));
  return {
    f: (p) => E(p) + F.div(c, q(p)),
    along: (p, d) => F.mul(E(p), F.mul(a, d[0]!) + F.mul(b, d[1]!)) - F.div(2n * F.mul(c, F.mul(p[0]!, d[0]!) + F.mul(p[1]!, d[1]!)), F.mul(q(p), q(p))),
  };
}

const quarter = (F: Fixed) => (k: number): bigint => F.ratio(k, 4);

describe('directionalDerivative', () => {
  for (const digits of [40, 80]) {
    const F = new Fixed(digits);
    const Q = quarter(F);
    ptest.prop(
      [
        fc.tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: -12, max: 12 }), fc.integer({ min: -8, max: 8 })),
        fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 })),
        fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -4, max: 4 })).filter(([u, w]) => u !== 0 || w !== 0),
      ],
      { seed: 21 + digits, numRuns: 25 },
    )(`reaches the fraction of ${digits} digits it aims at, and its error estimate covers the error`, ([a4, b4, c4], [x4, y4], [d4, e4]) => {
      const { f, along } = testFunction(F, Q(a4), Q(b4), Q(c4));
      const p = [Q(x4), Q(y4)];
      const d = [Q(d4), Q(e4)];
      // the fastest rate along d: the exponent's, the rational part's (about 1), times |d|
      const rate = Math.abs(a4 * d4 + b4 * e4) / 16 + Math.hypot(d4, e4) / 4 + 1;
      const r = directionalDerivative(F, f, p, d, 1 / rate, FRACTION);
      const exact = along(p, d);
      const scale = F.abs(f(p)) + F.abs(exact) + F.one;
      const err = rel(F, r.value - exact, scale);
      expect(err).toBeLessThan(10 ** (-FRACTION * digits + 1));
      expect(err).toBeLessThanOrEqual(rel(F, r.error, scale) + 10 ** (-digits + 2));
    });
  }

  it('along an axis of log coordinates it is the Euler operator: lambda d/dlambda of lambda^p t^q is p lambda^p t^q', () => {
    const F = new Fixed(60);
    const Q = quarter(F);
    const [p, q] = [Q(7), Q(-5)];
    const v = (z: Vec): bigint => F.exp(F.mul(p, z[0]!) + F.mul(q, z[1]!));
    const at = [F.fromDecimal(new F.D(3).div(2).ln()), F.fromDecimal(new F.D(5).div(7).ln())];
    const vl = directionalDerivative(F, v, at, [F.one, 0n], 1 / 3, FRACTION).value;
    const vt = directionalDerivative(F, v, at, [0n, F.one], 1 / 3, FRACTION).value;
    expect(rel(F, vl - F.mul(p, v(at)), v(at))).toBeLessThan(1e-32);
    expect(rel(F, vt - F.mul(q, v(at)), v(at))).toBeLessThan(1e-32);
    // and along an orbit (1, -1): the generator of lambda -> kappa lambda, t -> t / kappa
    const vo = directionalDerivative(F, v, at, [F.one, -F.one], 1 / 4, FRACTION).value;
    expect(rel(F, vo - F.mul(p - q, v(at)), v(at))).toBeLessThan(1e-32);
  });

  it('the width sets the first step: a fast function needs its own, and the error estimate says so when it is not given', () => {
    const F = new Fixed(40);
    const k = F.int(24);
    const f = (z: Vec): bigint => F.exp(F.mul(k, z[0]!) - F.int(12));
    const x0 = [F.ratio(1, 2)];
    const exact = F.mul(k, f(x0));
    const good = directionalDerivative(F, f, x0, [F.one], 1 / 25, FRACTION);
    const goodErr = rel(F, good.value - exact, exact);
    const coarse = directionalDerivative(F, f, x0, [F.one], 1, FRACTION);
    const coarseErr = rel(F, coarse.value - exact, exact);
    // the aim is 10^(-0.55 * 40) = 1e-22: met with the width 1 / 25, missed with the width 1, and the estimate shows it
    expect(goodErr).toBeLessThan(1e-22);
    expect(rel(F, good.error, exact)).toBeLessThan(1e-22);
    expect(coarseErr).toBeGreaterThan(1e-20);
    expect(rel(F, coarse.error, exact)).toBeGreaterThan(coarseErr);
  });

  it('refuses a width that is not positive', () => {
    const F = new Fixed(20);
    expect(() => directionalDerivative(F, (z) => z[0]!, [0n], [F.one], 0, FRACTION)).toThrow(RangeError);
  });
});
