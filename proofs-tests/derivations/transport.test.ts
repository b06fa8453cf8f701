import { describe, expect, it } from 'vitest';
import { lnFixed, transportClaims } from '../../derivations/transport.js';
import type { Claim } from '../../src/core/claim.js';
import { Fixed } from '../../src/numeric/fixed.js';
import { expectClaimInOrder } from './helpers.js';

describe('transport claims', () => {
  for (const c of transportClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});

describe('the fixed-point logarithm of the transport checks', () => {
  it('is ln x to the working precision from 10^-25 (below the doubles\' 2^-60 cut that once gave -Infinity) to 10^12', () => {
    const F = new Fixed(40);
    for (const x of ['1e-25', '3.7e-19', '0.5', '1', '2', '1e12']) {
      // against ln of the represented value: 10^-25 itself keeps only ~27 digits in fixed point
      const xf = F.fromDecimal(x);
      const err = F.toDecimal(lnFixed(F, xf)).minus(F.toDecimal(xf).ln()).abs();
      expect(err.lt('1e-38'), x).toBe(true);
    }
    expect(() => lnFixed(F, 0n)).toThrow(RangeError);
  });
});
