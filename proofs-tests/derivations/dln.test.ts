import { describe, it } from 'vitest';
import { dlnClaims } from '../../derivations/dln.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('dln claims', () => {
  for (const c of dlnClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});
