import { describe, it } from 'vitest';
import { shellClaims } from '../../derivations/shell.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('shell claims', () => {
  for (const c of shellClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});
