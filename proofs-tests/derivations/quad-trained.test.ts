import { describe, expect, it } from 'vitest';
import { quadTrainedClaims, spectrumTailTrained } from '../../derivations/quad-trained.js';
import { check } from '../../src/core/runner.js';
import type { Claim } from '../../src/core/claim.js';
import { nuclearEstimator, sampledDesign } from '../../src/models/quadnet-sampled.js';
import { Rng } from '../../src/numeric/rng.js';
import { expectClaimInOrder } from './helpers.js';

describe('quad.spectrum-tail-trained', () => {
  for (const c of quadTrainedClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c, 2), 120000);

  it('resolves every equation to the floor (0.06) on another seed', () => {
    const r = check(spectrumTailTrained as Claim<unknown>, undefined, { seed: 7, runs: 2, digits: 30 });
    expect(r.verdict).toBe('verified');
    for (const [eq, res] of Object.entries(r.resolution ?? {})) expect(res, eq).toBeLessThanOrEqual(0.06 + 1e-12);
  }, 120000);

  it('what sets the cutoff (noiseless labels): at n = d^2 the samples raise it above lambda/2 and bend its lambda-dependence; by n = 1000 d^2 it is lambda/2 with count exponent 1/alpha', () => {
    for (const p of [{ a8: 16, seed: 3 }, { a8: 24, seed: 5 }]) {
      const alpha = p.a8 / 8;
      const at = (level: number): { threshold: number; count: number; agree: number } => {
        const s = spectrumTailTrained.measure(p, { level, flags: {} }).scope;
        return { threshold: Number(s.threshold), count: Number(s.count), agree: Number(s.agree) };
      };
      const small = at(0); // n = d^2
      const large = at(6); // n = 1000 d^2
      // the trained network is the convex estimator at both sizes
      expect(small.agree).toBeLessThan(1e-6);
      expect(large.agree).toBeLessThan(1e-6);
      // n = d^2: the threshold is raised well above lambda/2, and the count grows slower than lambda^(-1/alpha)
      expect(small.threshold - 0.5).toBeGreaterThan(0.2);
      expect(1 / alpha - small.count).toBeGreaterThan(0.03);
      // n = 1000 d^2: both at the population values
      expect(Math.abs(large.threshold - 0.5)).toBeLessThan(0.01);
      expect(Math.abs(large.count - 1 / alpha)).toBeLessThan(0.01);
    }
  }, 120000);

  it('with label noise at n = d^2 a noise bulk sets the cutoff: the retained count stops growing as lambda falls (noiseless: it reaches d)', () => {
    const d = 8;
    const s = Array.from({ length: d }, (_, k) => (k + 1) ** -2);
    const S = s.map((v, i) => s.map((_, j) => (i === j ? v : 0)));
    const kept = (noise: number, lam: number): number => nuclearEstimator(sampledDesign(S, d * d, new Rng(7), noise), lam / 2).values.filter((v) => v > 0).length;
    const lams = [0.02, 0.006, 0.002];
    const noisy = lams.map((l) => kept(0.3, l));
    const clean = lams.map((l) => kept(0, l));
    expect(clean[2]).toBe(d);
    expect(noisy[2]).toBeLessThan(d);
    expect(noisy[2]).toBe(noisy[1]);
  }, 120000);
});
