import { describe, it } from 'vitest';
import { flowClaims } from '../../derivations/flow.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('flow claims', () => {
  for (const c of flowClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});
