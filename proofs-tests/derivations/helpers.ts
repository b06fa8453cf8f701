import { expect } from 'vitest';
import type { Claim } from '../../src/core/claim.js';
import '../../src/api/vitest.js';

/**
 * Run a catalogue claim through the same runner and rules as the CLI (validated first), with
 * fewer cases and 30 digits, and insist that it holds and that every wrong variant is refuted
 * with a replayable counterexample: `expect(claim).toBeInOrder(...)` from scalecheck/vitest.
 *
 * @example
 * ```ts
 * it('kato.projector is in order', () => expectClaimInOrder(projector as Claim<unknown>, 8, 7));
 * ```
 */
export function expectClaimInOrder(claim: Claim<unknown>, runs = 12, seed = 2024): void {
  expect(claim).toBeInOrder({ runs, seed, digits: 30 });
}
