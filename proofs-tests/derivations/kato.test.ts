import { describe, it } from 'vitest';
import { katoClaims } from '../../derivations/kato.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('kato claims', () => {
  for (const c of katoClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});
