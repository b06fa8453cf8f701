import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lazyScaling, modelSize, selfSimilar } from '../../derivations/transport-scaling.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('transport scaling claims', () => {
  for (const c of [lazyScaling, modelSize, selfSimilar] as Claim<unknown>[]) {
    it(`${c.id}: the fitted exponents converge to the printed formulas, and the wrong ones are refuted`, () => expectClaimInOrder(c, 6, 11));
  }
  it('draws every regime of the transport model within the runs the suite uses', () => {
    const drawn = fc.sample(selfSimilar.domain, { seed: 42, numRuns: selfSimilar.runs ?? 9 });
    expect(new Set(drawn.map((p) => p.regime))).toEqual(new Set([0, 1, 2]));
  });
});
