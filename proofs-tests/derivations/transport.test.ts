import { describe, it } from 'vitest';
import { transportClaims } from '../../derivations/transport.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('transport claims', () => {
  for (const c of transportClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});
