import { describe, it } from 'vitest';
import { bbpThreshold, cascade, smallLrGd, spectralMean } from '../../derivations/mi.js';
import type { Claim } from '../../src/core/claim.js';
import { expectClaimInOrder } from './helpers.js';

describe('mi claims', () => {
  it('mi.spectral-mean holds and its wrong variants are refuted', () => expectClaimInOrder(spectralMean as Claim<unknown>, 8));
  it('mi.small-lr-gd holds and its wrong variants are refuted', () => expectClaimInOrder(smallLrGd as Claim<unknown>, 10));
  // simulations: two drawn cases over fixed seeds (each a sweep of d = 200 spectral matrices)
  it('mi.bbp-threshold holds and its wrong variants are refuted', () => expectClaimInOrder(bbpThreshold as Claim<unknown>, 2));
  it('mi.cascade holds and its wrong variants are refuted', () => expectClaimInOrder(cascade as Claim<unknown>, 2));
});
