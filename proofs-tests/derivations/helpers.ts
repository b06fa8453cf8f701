import { expect } from 'vitest';
import type { Claim } from '../../src/core/claim.js';
import { runClaim } from '../../src/core/runner.js';

/**
 * Run a catalogue claim through the same runner as the CLI, with fewer cases, and insist that
 * it holds and that every wrong variant is refuted with a replayable counterexample.
 */
export function expectClaimInOrder(claim: Claim<unknown>, runs = 12, seed = 2024): void {
  const r = runClaim(claim, { seed, runs, digits: 30 });
  expect(r.errors).toEqual([]);
  expect(['proved', 'verified'], `${claim.id}: ${r.verdict}`).toContain(r.verdict);
  expect(r.runs).toBeGreaterThanOrEqual(runs);
  for (const v of r.variants) {
    expect(v.verdict, `${claim.id}: variant '${v.name}'`).toBe('refuted');
    expect(v.counterexample?.path).toMatch(/^\d+(:\d+)*$/);
  }
}
