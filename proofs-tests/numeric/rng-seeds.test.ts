import { describe, expect, it } from 'vitest';
import { fmix32, seedOf } from '../../src/numeric/rng.js';

describe('seed hashing', () => {
  it('fmix32 is murmur3 finaliser: 0 stays 0, and these values are the reference implementation\'s', () => {
    expect(fmix32(0)).toBe(0);
    expect(fmix32(1)).toBe(1364076727);
    expect(fmix32(0xdeadbeef)).toBe(233162409);
  });
  it('seedOf folds each part in: the values the DMFT claim has always been seeded with, and distinct for neighbours', () => {
    expect(seedOf(42, 0)).toBe(1298131520);
    expect(seedOf(42, 3, 160, 7)).toBe(2879123795);
    expect(seedOf(4294967295, 1)).toBe(918017319);
    const seen = new Set<number>();
    for (let a = 0; a < 30; a++) for (let b = 0; b < 30; b++) seen.add(seedOf(a, b));
    expect(seen.size).toBe(900);
    expect(seedOf(1, 2)).not.toBe(seedOf(2, 1));
  });
});
