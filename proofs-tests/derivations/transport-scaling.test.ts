import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lazyScaling, modelSize, selfSimilar, transportParams } from '../../derivations/transport-scaling.js';
import { applyVariant, type Claim, type RangeClaim } from '../../src/core/claim.js';
import { evaluateCase, runClaim } from '../../src/core/runner.js';
import { expectClaimInOrder } from './helpers.js';

/** Runs and seed of the in-order check: model-size needs ten draws of seed 11 to meet its six regimes. */
const IN_ORDER: [Claim<unknown>, number][] = [
  [lazyScaling as Claim<unknown>, 6],
  [modelSize as Claim<unknown>, 10],
  [selfSimilar as Claim<unknown>, 6],
];

describe('transport scaling claims', () => {
  for (const [c, runs] of IN_ORDER) {
    it(`${c.id}: the fitted exponents converge to the printed formulas, and the wrong ones are refuted`, () => expectClaimInOrder(c, runs, 11));
  }
  it('draws every regime of the transport model, the two next to the boundary included, within the runs the suite uses', () => {
    for (const [seed, runs] of [[42, selfSimilar.runs ?? 10], [11, 6]] as const) {
      const drawn = fc.sample(selfSimilar.domain, { seed, numRuns: runs });
      expect(new Set(drawn.map((p) => p.regime)), `seed ${seed}`).toEqual(new Set([0, 1, 2, 3, 4]));
    }
  });
  it('draws the cases next to the boundary within 0.1 of q + 1 = sigma, on its transport side (3) and its lazy side (4): from 0.07, from 0.03 with --deep', () => {
    for (const [deep, from] of [[false, 0.07], [true, 0.03]] as const) {
      const gaps: Record<number, number[]> = { 3: [], 4: [] };
      for (const P of fc.sample(selfSimilar.domain, { seed: 7, numRuns: 200 })) {
        const T = transportParams(P, deep);
        const off = T.q + 1 - T.sigma;
        if (P.regime === 3) expect(off > 0 && T.sigma > 0).toBe(true);
        if (P.regime === 4) expect(off < 0 && T.q > -1).toBe(true);
        if (P.regime === 3 || P.regime === 4) gaps[P.regime]!.push(Math.abs(off));
        if (P.regime === 1) expect(Math.abs(off)).toBeLessThan(1e-12);
      }
      for (const g of Object.values(gaps)) {
        expect(Math.min(...g)).toBeGreaterThanOrEqual(from - 1e-12);
        expect(Math.min(...g)).toBeLessThan(from + 0.005);
        expect(Math.max(...g)).toBeLessThanOrEqual(0.1 + 1e-12);
      }
    }
  });
  it('draws the lazy model and every regime of the transport model for the compute-optimal trade within the runs the suite uses', () => {
    for (const [seed, runs] of [[42, modelSize.runs ?? 8], [11, 10]] as const) {
      const drawn = fc.sample(modelSize.domain, { seed, numRuns: runs });
      expect(new Set(drawn.map((p) => p.regime)), `seed ${seed}`).toEqual(new Set([0, 1, 2, 3, 4, 5]));
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
  it('the exponents switch where the piecewise law says: a competitor fails on exactly the regimes where its formula differs (seed 42 draws)', () => {
    /** each drawn case's outcome under the variant, by regime */
    const outcomes = <P extends { regime: number }>(claim: RangeClaim<P>, variant: string): Map<number, Set<string>> => {
      const v = claim.variants.find((x) => x.name.startsWith(variant));
      if (!v) throw new Error(`no variant ${variant}`);
      const by = new Map<number, Set<string>>();
      for (const p of fc.sample(claim.domain, { seed: 42, numRuns: claim.runs ?? 10 })) {
        const r = evaluateCase(claim, applyVariant(claim.encoding, v), v.flags ?? {}, p, 30);
        by.set(p.regime, (by.get(p.regime) ?? new Set()).add(r.outcome));
      }
      return by;
    };
    // the regimes where some case fails; every case of the others holds
    const failsOn = (by: Map<number, Set<string>>): number[] => {
      for (const [k, o] of by) if (!o.has('fails')) expect([...o], `regime ${k}`).toEqual(['holds']);
      return [...by].filter(([, o]) => o.has('fails')).map(([k]) => k).sort();
    };
    const ss = selfSimilar as unknown as RangeClaim<{ regime: number }>;
    const ms = modelSize as unknown as RangeClaim<{ regime: number }>;
    // transport.self-similar: 3 = next to the boundary on the transport side, 4 = on the lazy side
    expect(failsOn(outcomes(ss, 'regime boundary moved up by 0.2'))).toEqual([3]);
    expect(failsOn(outcomes(ss, 'regime boundary moved down by 0.2'))).toEqual([4]);
    // transport.model-size: 3 = transport-dominated, 4 = next to the boundary on the transport side, 5 = on the lazy side
    expect(failsOn(outcomes(ms, 'regime boundary moved up by 0.2'))).toEqual([4]);
    expect(failsOn(outcomes(ms, 'regime boundary moved down by 0.2'))).toEqual([5]);
    expect(failsOn(outcomes(ms, 'compute-optimal split of the transport regimes derived as if lazy'))).toEqual([3, 4]);
  }, 120_000);
});
