import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lazyScaling, modelSize, selfSimilar } from '../../derivations/transport-scaling.js';
import type { Claim } from '../../src/core/claim.js';
import { runClaim } from '../../src/core/runner.js';
import { expectClaimInOrder } from './helpers.js';

describe('transport scaling claims', () => {
  for (const c of [lazyScaling, modelSize, selfSimilar] as Claim<unknown>[]) {
    it(`${c.id}: the fitted exponents converge to the printed formulas, and the wrong ones are refuted`, () => expectClaimInOrder(c, 6, 11));
  }
  it('draws every regime of the transport model, the two next to the boundary included, within the runs the suite uses', () => {
    for (const [seed, runs] of [[42, selfSimilar.runs ?? 10], [11, 6]] as const) {
      const drawn = fc.sample(selfSimilar.domain, { seed, numRuns: runs });
      expect(new Set(drawn.map((p) => p.regime)), `seed ${seed}`).toEqual(new Set([0, 1, 2, 3, 4]));
    }
  });
  it('draws both models of the compute-optimal trade (lazy, transport-dominated) within the runs the suite uses', () => {
    for (const [seed, runs] of [[42, modelSize.runs ?? 8], [11, 6]] as const) {
      const drawn = fc.sample(modelSize.domain, { seed, numRuns: runs });
      expect(new Set(drawn.map((p) => p.regime)), `seed ${seed}`).toEqual(new Set([0, 1]));
    }
  });
  it('resolves the exponents to 0.005 or finer on the suite\'s draws (seed 42), with every wrong variant refuted', () => {
    for (const c of [lazyScaling, modelSize, selfSimilar] as Claim<unknown>[]) {
      const r = runClaim(c, { seed: 42, digits: 40 });
      expect(r.verdict, c.id).toBe('verified');
      for (const [eq, res] of Object.entries(r.resolution ?? {})) expect(res, `${c.id}: ${eq}`).toBeLessThanOrEqual(0.005);
      for (const v of r.variants) expect(v.verdict, `${c.id}: ${v.name}`).toBe('refuted');
    }
  }, 120_000);
});
