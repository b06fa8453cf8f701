import { describe, expect, it } from 'vitest';
import { conservation, dmft, implicitBias, incrementalLearning, mirrorFlow, rateTradeoff, dlnClaims } from '../../derivations/dln.js';
import { dlnModel } from '../../derivations/dln-laws.js';
import type { Claim } from '../../src/core/claim.js';
import { evaluateLaws, formulaOf } from '../../src/core/laws.js';
import { expectClaimInOrder } from './helpers.js';

describe('dln claims', () => {
  it('dln.conservation holds and its wrong variants are refuted', () => expectClaimInOrder(conservation as Claim<unknown>));
  it('dln.mirror-flow holds and its wrong variants are refuted', () => expectClaimInOrder(mirrorFlow as Claim<unknown>));
  it('dln.implicit-bias holds and its wrong variants are refuted', () => expectClaimInOrder(implicitBias as Claim<unknown>, 6));
  it('dln.incremental-learning holds and its wrong variants are refuted', () => expectClaimInOrder(incrementalLearning as Claim<unknown>, 6));
  it('dln.rate-tradeoff holds and its wrong variants are refuted', () => expectClaimInOrder(rateTradeoff as Claim<unknown>, 6));
  // the DMFT solve and the finite-d simulations are memoised per configuration: few cases
  it('dln.dmft holds and its wrong variants are refuted', () => expectClaimInOrder(dmft as Claim<unknown>, 3));
  it('every claim is in the catalogue list once', () => {
    expect(new Set(dlnClaims.map((c) => c.id)).size).toBe(6);
  });
});

describe('dln exponent model', () => {
  it('small alpha: learning time slope 1/theta, no rate growth, l1 approach 2 (1 - m)', () => {
    const r = evaluateLaws(dlnModel, { alpha: 1e-3, theta: 0.5, m: 0.25 });
    expect(r.regime).toBe('small-alpha');
    expect(r.exponents['time.slope']).toBeCloseTo(2, 12);
    expect(r.exponents.rate).toBe(0);
    expect(r.exponents.bias).toBeCloseTo(1.5, 12);
  });

  it('large alpha: rate alpha^2, l2 approach alpha^-4', () => {
    const r = evaluateLaws(dlnModel, { alpha: 10, theta: 0.5, m: 0.25 });
    expect(r.regime).toBe('large-alpha');
    expect(r.exponents.rate).toBe(2);
    expect(r.exponents.bias).toBe(4);
  });

  it('the scaling claims check the model formula text itself', () => {
    expect(incrementalLearning.encoding.equations[0]!.rhs).toBe(formulaOf(dlnModel, 'small-alpha', 'time.slope'));
    const rhs = rateTradeoff.encoding.equations.map((q) => q.rhs);
    expect(rhs).toContain(formulaOf(dlnModel, 'small-alpha', 'bias'));
    expect(rhs).toContain(formulaOf(dlnModel, 'large-alpha', 'bias'));
  });

  it('the late-time rate is one formula read at both ends of alpha (w^2 counts at small alpha, alpha^4 at large)', () => {
    expect(rateTradeoff.encoding.defs.map(([n]) => n)).toEqual(['rate']);
    const rhs = Object.fromEntries(rateTradeoff.encoding.equations.map((q) => [q.name, q.rhs]));
    expect(rhs['rate at the limit, large alpha']).toBe('rate(wL, alphaL)');
    expect(rhs['rate at the limit, small alpha']).toBe('rate(wS, alphaS)');
  });

  it('rejects parameters outside the domain', () => {
    expect(() => evaluateLaws(dlnModel, { alpha: 1, theta: 1, m: 1 })).toThrow(/dual margin/);
    expect(() => evaluateLaws(dlnModel, { alpha: -1, theta: 1, m: 0 })).toThrow(/positive/);
  });
});
