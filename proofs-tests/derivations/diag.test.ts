import { describe, it } from 'vitest';
import { diagClaims } from '../../derivations/diag.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('diag and quad claims', () => {
  for (const c of diagClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});
