import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { plateaus } from '../../derivations/mi-plateaus.js';
import { runClaim, type ClaimResult } from '../../src/core/runner.js';
import { floorFor } from '../../src/core/claim.js';

// one drawn case on fixed seeds, measured once and shared by the variants: about 5 s of CPU
describe('mi.plateaus', () => {
  let r: ClaimResult;
  beforeAll(() => {
    r = runClaim(plateaus, { seed: 2024, runs: 1, digits: 30 });
  });

  it('holds', () => expect(['verified', 'proved']).toContain(r.verdict));

  it('refutes every wrong variant', () => {
    expect(r.variants.length).toBe(6);
    for (const v of r.variants) expect(v.verdict, v.name).toBe('refuted');
  });

  it('resolves the heights and the threshold to their targets', () => {
    const res = r.resolution!;
    // reached on the range in d: the 0.02 for every height and the threshold
    const target = plateaus.ranges!.target as Record<string, number>;
    expect(target).toEqual({ plateau0: 0.02, 'unrecovered-early': 0.02, 'unrecovered-late': 0.02, threshold: 0.02 });
    for (const name of Object.keys(target)) expect(res[name]!, name).toBeLessThanOrEqual(target[name]!);
    expect(res['plateau1']).toBeUndefined();
  });

  it('draws the simulation seed from the run seed (so that --seed resamples the measurement)', () => {
    const drawn = [9, 10, 42].map((seed) => fc.sample(plateaus.domain, { seed, numRuns: 1 })[0]!.seed);
    expect(new Set(drawn).size).toBe(3);
    expect(fc.sample(plateaus.domain, { seed: 9, numRuns: 1 })[0]!.seed).toBe(drawn[0]);
  });

  it('states a target per equation, no finer than what the floors allow', () => {
    const { target, floor, deep } = plateaus.ranges!;
    expect(typeof target).toBe('object');
    const t = target as Record<string, number>;
    for (const q of plateaus.encoding.equations) {
      expect(t[q.name], q.name).toBeDefined();
      expect(2 * floorFor(floor, q.name)).toBeLessThanOrEqual(t[q.name]!);
      expect(2 * floorFor(deep!.floor, q.name)).toBeLessThanOrEqual(t[q.name]!);
    }
  });
});
