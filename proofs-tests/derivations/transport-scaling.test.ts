import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACROSS, lazyModes, lazyScaling, modelSize, selfSimilar, transportParams } from '../../derivations/transport-scaling.js';
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
      const found = claim.variants.find((x) => x.name.startsWith(variant));
      if (!found) throw new Error(`no variant ${variant}`);
      // the drawn case's own equations: the boundary pair's (the same in every case) are tested below
      const v = { ...found, equations: Object.fromEntries(Object.entries(found.equations ?? {}).filter(([k]) => !k.includes('at the boundary'))) };
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
  it('measures in every case a fixed pair 0.1 from q + 1 = sigma, one on each side (with and without --deep)', () => {
    for (const deep of [false, true]) {
      const [T, L] = [transportParams(ACROSS.T, deep), transportParams(ACROSS.L, deep)];
      expect(T.q + 1 - T.sigma).toBeCloseTo(0.1, 12);
      expect(L.q + 1 - L.sigma).toBeCloseTo(-0.1, 12);
      expect(T.sigma > 0 && L.q > -1).toBe(true);
    }
  });
  it('moves the windows out where the corrections fall slowly: the cases a re-seeded sweep left inconclusive now hold at the target', () => {
    const cases: [RangeClaim<{ regime: number }>, Record<string, number>, number][] = [
      // transport-dominated, gap / sigma = 0.31 (seed 1234): 0.013 over t up to 10^9
      [selfSimilar as unknown as RangeClaim<{ regime: number }>, { a: 122, b: 300, regime: 2, s: 99, g: 1, c: 31 }, 0.005],
      // the self-similar line at sigma = 0.25 (seed 5): 0.0063 over t up to 10^9
      [selfSimilar as unknown as RangeClaim<{ regime: number }>, { a: 297, b: 133, regime: 1, s: 0, g: 63, c: 165 }, 0.005],
      // transport-dominated along N*, alpha sigma = 0.48 (seed 4): 0.0037 over N* up to 10^6
      [modelSize as unknown as RangeClaim<{ regime: number }>, { a: 116, b: 271, regime: 3, s: 1, g: 5, c: 152 }, 1e-3],
    ];
    for (const [claim, p, target] of cases) {
      const r = evaluateCase(claim, claim.encoding, {}, p as unknown as { regime: number }, 30);
      expect(r.outcome, `${claim.id} ${JSON.stringify(p)}`).toBe('holds');
      for (const [eq, res] of Object.entries(r.resolution ?? {})) expect(res, `${claim.id}: ${eq}`).toBeLessThanOrEqual(target);
    }
  }, 120_000);
  it('transport.lazy-scaling sums modes four times past the frontier at every draw: a = 123, b = 121 (seed 9) read k* past the last mode at t = 10^4', () => {
    for (let a = 120; a <= 400; a++)
      for (let b = 120; b <= 400; b++) {
        const { modes, frontier } = lazyModes(a, b);
        // (below the cap of 10^5 modes, but for rounding where the cap is met exactly, a = 200, b = 164: lazyDecades shortens the range instead)
        if (!(modes >= 4 * frontier * (1 - 1e-12) && modes <= 100_000)) expect.fail(`a = ${a}, b = ${b}: ${modes} modes, frontier ${frontier}`);
      }
    const lazy = lazyScaling as unknown as RangeClaim<{ a: number; b: number }>;
    // seed 9's case: k* = 13210 at t = 10^4 beyond the 12556 modes once summed (kFit off by 1.2e-2 at level 8);
    // a = b = 120: e^(-2t) underflows to 0 at k = 1 from t = 373 on (the frontier scan must not stop there)
    for (const p of [{ a: 123, b: 121 }, { a: 120, b: 120 }]) {
      expect(lazyModes(p.a, p.b).decades).toBe(4);
      const m = lazy.measure(p, { level: 8, flags: {} });
      expect(m.degenerate).toBeUndefined();
      expect(Math.abs(Number(m.scope.kFit) - 100 / p.a), JSON.stringify(p)).toBeLessThan(1e-9);
      const r = evaluateCase(lazy, lazy.encoding, {}, p, 30);
      expect(r.outcome, JSON.stringify(p)).toBe('holds');
      for (const [eq, res] of Object.entries(r.resolution ?? {})) expect(res, `${JSON.stringify(p)}: ${eq}`).toBeLessThanOrEqual(1e-6);
    }
    // seed 2024's case: the loss exponent's error falls faster than geometrically into float64
    // noise (3e-3, 2e-5, 2e-15); the extrapolation one window earlier overshot by 1.7e-7, which
    // the rule counts, and the uncertainty still shrank: it holds, at 1.0e-6
    const fast = evaluateCase(lazy, lazy.encoding, {}, { a: 120, b: 397 }, 30);
    expect(fast.outcome).toBe('holds');
    expect(fast.resolution!['lossTime']!).toBeGreaterThan(1e-7);
    expect(fast.resolution!['lossTime']!).toBeLessThanOrEqual(1e-5);
  }, 60_000);
  it('the boundary pair refutes a boundary moved by 0.2 either way in every case, whatever the draw (the first case of seeds 7 and 1234, which drew no case next to the boundary on one side)', () => {
    for (const claim of [selfSimilar, modelSize] as unknown as RangeClaim<{ regime: number }>[])
      for (const seed of [7, 1234]) {
        const [p] = fc.sample(claim.domain, { seed, numRuns: 1 });
        for (const dir of ['up', 'down']) {
          const v = claim.variants.find((x) => x.name.startsWith(`regime boundary moved ${dir} by 0.2`))!;
          const pairOnly = { ...v, equations: Object.fromEntries(Object.entries(v.equations ?? {}).filter(([k]) => k.includes('at the boundary'))) };
          const r = evaluateCase(claim, applyVariant(claim.encoding, pairOnly), {}, p!, 30);
          expect(r.outcome, `${claim.id} seed ${seed} ${dir}`).toBe('fails');
          expect(r.worstEquation, `${claim.id} seed ${seed} ${dir}`).toContain(dir === 'up' ? 'transport side' : 'lazy side');
        }
      }
  }, 120_000);
});
