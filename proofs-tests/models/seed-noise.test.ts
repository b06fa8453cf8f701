import { describe, expect, it } from 'vitest';
import { jackknife, mean, meanBut, noiseOnLimit } from '../../src/models/seed-noise.js';
import { classifyRange, extrapolatedLimit } from '../../src/core/precision.js';

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
  it('reads the limit as the range rule does, its tail switched as on the whole sample, so that one seed left out moves it a little', () => {
    // the rule's own limit where the reference is the errors themselves, at any ratio
    for (const e of [[0.1, 0.01, 0.001], [0.3, 0.2, 0.19], [0.1, -0.05, 0.02], [0.9, 0.5, 0.2]]) expect(extrapolatedLimit(e)).toBe(classifyRange(e).limit);
    // errors whose last ratio sits at the rule's 0.8: left out, a seed moves it to 0.79 or 0.81;
    // the rule's limit jumps by four steps there, the smooth one does not
    const at = (r: number): number[] => [0.2, 0.1, 0.1 - 0.1 * r];
    expect(Math.abs(classifyRange(at(0.79)).limit - classifyRange(at(0.81)).limit)).toBeGreaterThan(0.25);
    expect(Math.abs(extrapolatedLimit(at(0.79), at(0.79)) - extrapolatedLimit(at(0.81), at(0.79)))).toBeLessThan(0.05);
    // so its jackknife is the seeds' noise: a ratio of 0.79 on the whole sample, one seed pushing it past 0.8
    const spread = [0.02, -0.005, 0, 0.005, -0.01, -0.01];
    const noisy = (l: number, skip: number): number => at(0.79)[l]! + (l === 2 ? meanBut(spread, skip) - mean(spread) : 0);
    const levels = (skip: number): number[] => [0, 1, 2].map((l) => noisy(l, skip));
    const smooth = jackknife(6, (s) => extrapolatedLimit(levels(s), levels(-1)));
    const jumpy = jackknife(6, (s) => classifyRange(levels(s)).limit);
    expect(jumpy).toBeGreaterThan(3 * smooth);
    expect(noiseOnLimit(6, 2, noisy, extrapolatedLimit)).toBeCloseTo(smooth, 12);
    expect(extrapolatedLimit([0.1, 0.2], [0.1])).toBeNaN();
  });
  it('takes the tail only from steps beyond the noise it states, as the rule does at that noise', () => {
    // steps 0.02 and 0.01 (ratio 0.5): a tail of 0.01 on noiseless errors, none within a noise of 0.015
    const e = [0.1, 0.05, 0.03, 0.02];
    expect(extrapolatedLimit(e)).toBeCloseTo(0.01, 12);
    expect(extrapolatedLimit(e, e, 0.015)).toBe(0.02);
    // the last level's seeds spread like xs, with a standard error of 0.00044 beside steps of 0.02
    // and 0.01: twice the last step's noise is under both, the tail is taken, and its noise is
    // stated: the last error's, amplified by d limit / d e_m = 1 + r / (1 - r) + r / (1 - r)^2 = 4 at r = 0.5
    const se = sd / Math.sqrt(xs.length);
    const noisy = (l: number, skip: number): number => e[l]! + (l === 3 ? (meanBut(xs, skip) - mean(xs)) / 400 : 0);
    expect(noiseOnLimit(6, 3, noisy, extrapolatedLimit) / (se / 400)).toBeCloseTo(4, 1);
    // a hundred times the spread: the last step is within it, no tail, and the noise is twice the step's
    const louder = (l: number, skip: number): number => e[l]! + (l === 3 ? (meanBut(xs, skip) - mean(xs)) / 4 : 0);
    expect(noiseOnLimit(6, 3, louder, extrapolatedLimit)).toBeCloseTo(2 * (se / 4), 12);
    // in between, the steps are beyond twice the last step's noise but the tail's ratio is not
    // known to better than its steps: the noise stated is the smaller step, and the rule at that
    // noise takes no tail
    const between = (l: number, skip: number): number => e[l]! + (l === 3 ? (meanBut(xs, skip) - mean(xs)) / 40 : 0);
    expect(2 * (se / 40)).toBeLessThan(0.01);
    expect(noiseOnLimit(6, 3, between, extrapolatedLimit)).toBeCloseTo(0.01, 6);
    expect(classifyRange(e, 0, 0.01).limit).toBe(0.02);
  });
});
