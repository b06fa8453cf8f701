import { describe, it } from 'vitest';
import { grsdClaims } from '../../derivations/grsd.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('grsd claims', () => {
  for (const c of grsdClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});
