import { describe, expect, it } from 'vitest';
import { energyBalance, shellClaims, transferAntisymmetry } from '../../derivations/shell.js';
import { applyVariant, type Claim } from '../../src/core/claim.js';
import { evaluateCase } from '../../src/core/runner.js';
import { expectClaimInOrder } from './helpers.js';

describe('shell claims', () => {
  for (const c of shellClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});

describe('an error in the kernel of M (run seed 8191): every rate exactly 0', () => {
  // e = (-1, 1), M of rank one along (1, 1): the finite differences read only their own rounding,
  // which measured against the sides' size (0) stayed at 1 at 40 and 80 digits: a false refutation
  const kernel = { n: 2, p: 1, deg: 1, seed: 1963699018, t8: 0, h4: 6, shell: 2 };
  it('holds for the balance and the norm rate, whose scales bound their terms', () => {
    for (const c of [energyBalance, transferAntisymmetry]) expect(evaluateCase(c, c.encoding, {}, kernel, 40).outcome, c.id).toBe('holds');
  });
  it('and a wrong factor is still refuted on an ordinary case of the same size', () => {
    const ordinary = { ...kernel, seed: 7 };
    const wrong = applyVariant(energyBalance.encoding, energyBalance.variants[0]!);
    expect(evaluateCase(energyBalance, energyBalance.encoding, {}, ordinary, 40).outcome).toBe('holds');
    expect(evaluateCase(energyBalance, wrong, {}, ordinary, 40).outcome).toBe('fails');
  });
});
