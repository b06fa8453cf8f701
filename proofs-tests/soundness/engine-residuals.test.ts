/**
 * What the numeric evaluation refuses to decide (issue 14): residual scales of exactly zero,
 * sides lost to underflow, sides of different shapes, values that are not real at the working
 * precision, and residuals that the rounding direction decides; and what validateClaim refuses
 * before a run.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { Claim, Encoding, PrecisionClaim } from '../../src/core/claim.js';
import { residuals, roundingDecides } from '../../src/core/evaluate.js';
import { MalformedClaim, validateClaim } from '../../src/core/validate.js';
import { MalformedEncoding, NotReal } from '../../src/symbolic/numeric.js';

const d = (x: number | string) => new Decimal(x);
const one = (lhs: string, rhs: string, scale?: string): Encoding => ({ defs: [], equations: [{ name: 'q', lhs, rhs, ...(scale ? { scale } : {}) }] });

describe('residuals: what decides nothing', () => {
  it('both sides exactly 0 without a scale, or a scale of exactly 0, is degenerate', () => {
    expect(residuals(one('0 * c', '0 * (c + 1)'), { c: d(3) }, 40)[0]!.degenerate).toMatch(/both sides are exactly 0/);
    expect(residuals(one('c', 'c + 1', '0 * c'), { c: d(3) }, 40)[0]!.degenerate).toMatch(/its scale 0 \* c is exactly 0/);
    // a nonzero scale decides an exact 0 = 0
    expect(residuals(one('0 * c', '0', '1'), { c: d(3) }, 40)[0]!.degenerate).toBeUndefined();
    expect(residuals(one('0 * c', '0', '1'), { c: d(3) }, 40)[0]!.residual.isZero()).toBe(true);
  });

  it('a side exactly 0 against one below 10^-D is an underflow, unless the scale makes the residual small', () => {
    expect(residuals(one('z', 'exp(-x)'), { z: d(0), x: d(300) }, 40)[0]!.degenerate).toMatch(/lhs is exactly 0 against .*below 10\^-40: lost to underflow/);
    // at 400 digits the same value is resolved: a refutation stands
    expect(residuals(one('z', 'exp(-x)'), { z: d(0), x: d(30) }, 40)[0]!.degenerate).toBeUndefined();
    expect(residuals(one('z', 'exp(-x)', '1'), { z: d(0), x: d(300) }, 40)[0]!.degenerate).toBeUndefined();
  });

  it('sides of different shapes are malformed; the scalar 0 against a vector means every entry vanishes', () => {
    expect(() => residuals(one('[c]', '[c, c, c]'), { c: d(2) }, 20)).toThrow(new MalformedEncoding('equation q: lhs has shape [1] and rhs [3]'));
    expect(() => residuals(one('[c, c]', 'c'), { c: d(2) }, 20)).toThrow(MalformedEncoding);
    expect(residuals(one('[c - c, 0]', '0', '1'), { c: d(2) }, 20)[0]!.residual.isZero()).toBe(true);
  });

  it('a side or definition that is not a real number is an evaluation error', () => {
    expect(() => residuals(one('sqrt(x)', '1'), { x: d(-2) }, 20)).toThrow(NotReal);
    expect(() => residuals({ defs: [['y', 'log(x)']], equations: [{ name: 'q', lhs: 'x', rhs: 'x' }] }, { x: d(-2) }, 20)).toThrow(/definition y is not a real number/);
    expect(() => residuals(one('W', '1'), {}, 20)).toThrow(/is a unit/);
  });
});

describe('roundingDecides: a refutation must survive rounding up and down', () => {
  it('cancellation below the precision and a comparison on its boundary are decided by rounding', () => {
    expect(roundingDecides(one('((1 + x) - 1) / x', '1'), { x: d('1e-92') }, 80, d('1e-30'))).toMatch(/rounding decides it/);
    expect(roundingDecides(one('sign(3 * (1/3) - 1)', '0', '1'), {}, 80, d('1e-30'))).toMatch(/rounding decides it/);
  });
  it('a real discrepancy is not', () => {
    expect(roundingDecides(one('x + 1e-20', 'x'), { x: d(1) }, 80, d('1e-30'))).toBeUndefined();
    expect(roundingDecides(one('2 * x', 'x'), { x: d(3) }, 80, d('1e-30'))).toBeUndefined();
    // one equation that fails whichever way the rounding goes is enough
    const two: Encoding = { defs: [], equations: [{ name: 'a', lhs: '((1 + x) - 1) / x', rhs: '1' }, { name: 'b', lhs: '2 * x', rhs: 'x' }] };
    expect(roundingDecides(two, { x: d('1e-92') }, 80, d('1e-30'))).toBeUndefined();
  });
});

describe('validateClaim: writing mistakes before any case runs', () => {
  const claim = (enc: Encoding, extra: Partial<PrecisionClaim<number>> = {}): Claim<number> => ({
    id: 'toy.v', group: 'toy', kind: 'identity', source: 'none', statement: 's', domain: fc.integer({ min: 1, max: 9 }),
    encoding: enc, instance: (x) => ({ scope: { x: d(x) } }), variants: [], ...extra,
  });
  const why = (c: Claim<number>): string => {
    try {
      validateClaim(c, { seed: 1, digits: 20 });
      return 'accepted';
    } catch (e) {
      expect(e).toBeInstanceOf(MalformedClaim);
      return (e as Error).message;
    }
  };
  it('accepts a well-formed claim, function definitions and functions passed by name included', () => {
    expect(why(claim({ defs: [['f', 'f(u) = u^2'], ['y', 'map([x], sqrt)']], equations: [{ name: 'q', lhs: 'f(x)', rhs: 'x * x + 0 * pi' }] }))).toBe('accepted');
  });
  it('names what is wrong, one line, with the claim id', () => {
    expect(why(claim(one('x * W', 'x')))).toBe("claim toy.v: equation q: lhs reads 'W', which is neither an input of the instance nor an earlier definition (mathjs would read it as a unit or fail)");
    expect(why(claim(one('(x + 1', 'x')))).toMatch(/^claim toy\.v: equation q: lhs does not parse: '\(x \+ 1'/);
    expect(why(claim(one('frobnicate(x)', 'x')))).toMatch(/calls 'frobnicate', which is no function/);
    expect(why(claim(one('min(eigs([x, 1; 1, x]).values)', 'x - 1')))).toMatch(/equation q: lhs: eigs is refused: mathjs 15 computes BigNumber eigenvalues wrong/);
    expect(why(claim({ defs: [['a', 'b + 1'], ['b', 'x']], equations: [{ name: 'q', lhs: 'a', rhs: 'x + 1' }] }))).toMatch(/definition a reads 'b'/);
    expect(why(claim(one('[x]', '[x, x]')))).toBe('claim toy.v: equation q: lhs has shape [1] and rhs [2]');
    expect(why(claim(one('x', 'x'), { symbolic: { scopes: () => [{ x: 'x' }], equations: [] } }))).toMatch(/symbolic\.equations is empty/);
    expect(why(claim(one('x', 'x'), { symbolic: { scopes: () => [{ x: 'x' }], equations: ['r'] } }))).toMatch(/names 'r', which is not an equation/);
    expect(why(claim(one('x', 'x'), { variants: [{ name: 'v', defs: { nope: '1' } }] }))).toMatch(/variant v: no definition nope/);
    expect(why(claim({ defs: [], equations: [{ name: 'q', lhs: 'x', rhs: 'x' }, { name: 'q', lhs: 'x', rhs: 'x' }] }))).toMatch(/two equations are named 'q'/);
    expect(why(claim(one('x', 'x'), { instance: () => { throw new Error('boom'); } }))).toMatch(/its instance fails on the drawn case .*: boom/);
  });
});
