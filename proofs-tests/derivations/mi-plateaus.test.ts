import { beforeAll, describe, expect, it } from 'vitest';
import { plateaus } from '../../derivations/mi-plateaus.js';
import { runClaim, type ClaimResult } from '../../src/core/runner.js';

// one drawn case on fixed seeds, measured once and shared by the variants: about 9 s of CPU
describe('mi.plateaus', () => {
  let r: ClaimResult;
  beforeAll(() => {
    r = runClaim(plateaus, { seed: 2024, runs: 1, digits: 30 });
  });

  it('holds', () => expect(['verified', 'proved']).toContain(r.verdict));

  it('refutes every wrong variant', () => {
    for (const v of r.variants) expect(v.verdict, v.name).toBe('refuted');
  });

  it('resolves the heights to the floor and the threshold to a sixth', () => {
    const res = r.resolution!;
    // reached: 0.06 (the floor) for plateau 0 and the second level's share, 0.12 for the threshold
    expect(res['plateau0']!).toBeLessThan(0.09);
    expect(res['unrecovered-early']!).toBeLessThan(0.09);
    expect(res['unrecovered-late']!).toBeLessThan(0.09);
    expect(res['plateau1']).toBeUndefined();
    expect(res['threshold']!).toBeLessThan(0.18);
  });
});
