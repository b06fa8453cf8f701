import { describe, expect, it } from 'vitest';
import { jackknife, mean, meanBut, noiseOnLimit } from '../../src/models/seed-noise.js';

const xs = [1.2, 0.7, 1.9, 1.4, 0.8, 1.1];
const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));

describe('seed noise', () => {
  it('means with one seed left out', () => {
    expect(mean(xs)).toBeCloseTo(7.1 / 6, 12);
    expect(meanBut(xs, -1)).toBeCloseTo(mean(xs), 12);
    expect(meanBut(xs, 2)).toBeCloseTo((7.1 - 1.9) / 5, 12);
  });
  it('the jackknife standard error of a mean is the standard error sd / sqrt(N)', () => {
    expect(jackknife(xs.length, (s) => meanBut(xs, s))).toBeCloseTo(sd / Math.sqrt(xs.length), 12);
    expect(jackknife(xs.length, () => 3)).toBe(0);
  });
  it('states the noise of an extrapolated limit: none without noise, at least the last level’s with it', () => {
    const levels = [0.4, 0.2, 0.1, 0.05];
    const limitOf = (e: number[]): number => e[e.length - 1]! + (e[e.length - 1]! - e[e.length - 2]!);
    // every seed reads the same: no noise
    expect(noiseOnLimit(6, 3, (l) => levels[l]!, limitOf)).toBeCloseTo(0, 12);
    // one level's seeds spread like xs: at least that level's standard error, and its step's twice over
    const noisy = (l: number, skip: number): number => levels[l]! + (l === 3 ? meanBut(xs, skip) - mean(xs) : 0);
    const se = sd / Math.sqrt(xs.length);
    expect(noiseOnLimit(6, 3, noisy, limitOf)).toBeCloseTo(2 * se, 12);
    // read through level 2 only, the noisy level is not reached
    expect(noiseOnLimit(6, 2, noisy, limitOf)).toBeCloseTo(0, 12);
    // fewer than three levels: the last value stands for the limit
    expect(noiseOnLimit(6, 0, (l, s) => meanBut(xs, s), limitOf)).toBeCloseTo(se, 12);
  });
});
