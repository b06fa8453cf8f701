import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { quadTrainedClaims, spectrumTailTrained } from '../../derivations/quad-trained.js';
import { check, targetOf } from '../../src/core/runner.js';
import { residuals } from '../../src/core/evaluate.js';
import type { Claim } from '../../src/core/claim.js';
import { jacobiEig, mirroredDesign, nuclearEstimator, sampledDesign } from '../../src/models/quadnet-sampled.js';
import { expectedQuadratic, thresholdStatistics } from '../../src/models/quadnet-threshold.js';
import { locateRegularised } from '../../src/models/quadnet-train.js';
import { Rng } from '../../src/numeric/rng.js';
import { expectClaimInOrder } from './helpers.js';

describe('quad.spectrum-tail-trained', () => {
  for (const c of quadTrainedClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c, 2), 300000);

  it('resolves every equation to its target on another seed', () => {
    const r = check(spectrumTailTrained as Claim<unknown>, undefined, { seed: 7, runs: 2, digits: 30 });
    expect(r.verdict).toBe('verified');
    for (const [eq, res] of Object.entries(r.resolution ?? {})) expect(res, eq).toBeLessThanOrEqual(targetOf(spectrumTailTrained as Claim<unknown>, eq)!);
  }, 300000);

  it('the hand-worked coefficient c (the encoding) is the exact Gaussian expectation of the quadratic term, for spectra and penalties off the domain too', () => {
    const rng = new Rng(17);
    for (let t = 0; t < 6; t++) {
      const d = 3 + Math.floor(rng.next() * 5);
      // a descending spectrum with random gaps, and three penalties between its entries (one below all)
      const s = Array.from({ length: d }, () => 0.05 + rng.next()).sort((a, b) => b - a);
      const between = (k: number): number => (k < d - 1 ? Math.sqrt(s[k]! * s[k + 1]!) : s[d - 1]! / 3);
      const kappas = [between(0), between(Math.floor(d / 2)), between(d - 1)];
      const scope = {
        d: new Decimal(d),
        s: s.map((v) => [new Decimal(v)]),
        kappa1: new Decimal(kappas[0]!),
        kappa2: new Decimal(kappas[1]!),
        kappa3: new Decimal(kappas[2]!),
        expected: new Decimal(kappas.reduce((acc, k) => {
          const r = s.filter((v) => v > k).length;
          return acc + expectedQuadratic(s, k, r, 1) / (r * k);
        }, 0) / (6 * d * d)),
      };
      const enc = { defs: spectrumTailTrained.encoding.defs, equations: spectrumTailTrained.encoding.equations.filter((q) => q.name === 'moments') };
      const [res] = residuals(enc, scope, 30);
      expect(res!.residual.toNumber()).toBeLessThan(1e-6);
    }
  });

  it('what sets the cutoff (noiseless labels): at n = 10 d^2 the samples raise it by about c d^2/n and bend its lambda-dependence; by n = 1000 d^2 it is lambda/2 with count exponent 1/alpha', () => {
    for (const p of [{ a8: 22, seed: 3 }, { a8: 28, seed: 5 }]) {
      const alpha = p.a8 / 8;
      const at = (level: number): { threshold: number; count: number; agree: number; coefficient: number; c: number } => {
        const inst = spectrumTailTrained.measure(p, { level, flags: {} });
        const s = inst.scope;
        const [moments] = residuals({ defs: spectrumTailTrained.encoding.defs, equations: [{ name: 'c', lhs: 'c', rhs: '0', scale: '1' }] }, inst.scope, 30);
        return { threshold: Number(s.threshold), count: Number(s.count), agree: Number(s.agree), coefficient: Number(s.coefficient), c: moments!.residual.toNumber() };
      };
      const small = at(2); // n = 10 d^2
      const large = at(6); // n = 1000 d^2
      // the trained network is the convex estimator at both sizes
      expect(small.agree).toBeLessThan(1e-6);
      expect(large.agree).toBeLessThan(1e-6);
      // n = 10 d^2: the threshold is raised above lambda/2 by (1 +- 0.25) c d^2/n, and the count grows slower than lambda^(-1/alpha)
      expect(small.threshold - 0.5).toBeGreaterThan(0.75 * small.c * 0.1);
      expect(small.threshold - 0.5).toBeLessThan(1.25 * small.c * 0.1);
      expect(1 / alpha - small.count).toBeGreaterThan(0.002);
      // n = 1000 d^2: both at the population values, and the raise is c d^2/n within 0.03 d^2/n
      expect(Math.abs(large.threshold - 0.5)).toBeLessThan(2e-3);
      expect(Math.abs(large.count - 1 / alpha)).toBeLessThan(2e-3);
      expect(Math.abs(large.coefficient - large.c)).toBeLessThan(0.03);
    }
  }, 300000);

  it('the value of c by a route that does not contain it: trained antithetic pairs, and the mean of the quadratic control variate simulated on separate designs (not computed)', () => {
    // the claim's sample equation adds back E Q, which is c itself; here E Q is a Monte Carlo mean
    // over small independent designs (n E Q does not depend on n), so c enters nowhere
    const d = 8;
    const alpha = 3;
    const s = Array.from({ length: d }, (_, k) => (k + 1) ** -alpha);
    const S = s.map((v, i) => s.map((_, j) => (i === j ? v : 0)));
    const mids = Array.from({ length: d - 1 }, (_, k) => Math.sqrt(s[k]! * s[k + 1]!));
    const kappas = [mids[0]!, mids[3]!, s[d - 1]! / 2];
    const kept = (kappa: number): number => s.filter((v) => v > kappa).length;
    const n = Math.round(10 ** 2.5 * d * d);
    const a = Array.from({ length: 2 * d }, (_, k) => (k < d ? 1 : -1));
    const mean = (v: number[]): number => v.reduce((x, y) => x + y, 0) / v.length;
    const se = (v: number[]): number => Math.sqrt(v.reduce((x, y) => x + (y - mean(v)) ** 2, 0) / (v.length - 1) / v.length);
    // trained: per design, (n/d^2) [(tau_+ + tau_-)/2 - Q/k - kappa] / lambda averaged over the penalties
    const trained: number[] = [];
    for (let r = 0; r < 6; r++) {
      const D = sampledDesign(S, n, new Rng(500 + r));
      const pair = [D, mirroredDesign(D, S)];
      trained.push(mean(kappas.map((kappa, li) => {
        const taus = pair.map((E) => {
          const W = locateRegularised(E.A, E.y, d, 2 * kappa, { kind: 'fixed', a }, new Rng(31 * li + r), 1, 1, 'lbfgs').W;
          const g = jacobiEig(Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => W.reduce((acc, w, k) => acc + a[k]! * w[i]! * w[j]!, 0)))).values;
          expect(g.filter((v) => v > 1e-6 * 2 * kappa).length).toBe(kept(kappa));
          return g.slice(0, kept(kappa)).reduce((acc, v, i) => acc + s[i]! - v, 0) / kept(kappa);
        });
        const Q = thresholdStatistics(D, s, kappa, kept(kappa)).quadratic;
        return ((mean(taus) - Q / kept(kappa) - kappa) / (2 * kappa)) * (n / (d * d));
      })));
    }
    // simulated: n_s Q on designs of n_s = 2 d^2 inputs, in the same units
    const ns = 2 * d * d;
    const simulated: number[] = [];
    const rng = new Rng(99);
    for (let t = 0; t < 1500; t++) {
      const D = sampledDesign(S, ns, rng);
      simulated.push(mean(kappas.map((kappa) => (ns * thresholdStatistics(D, s, kappa, kept(kappa)).quadratic) / (kept(kappa) * 2 * kappa * d * d))));
    }
    const coefficient = mean(trained) + mean(simulated);
    const error = Math.hypot(se(trained), se(simulated));
    const c = mean(kappas.map((kappa) => expectedQuadratic(s, kappa, kept(kappa), 1) / (kept(kappa) * 2 * kappa))) / (d * d);
    const rival = (d * (d + 1) / 2 + 1) / (2 * d * d);
    // measured (these seeds): 0.4760 +- 0.0068 against c = 0.4745 (the trained part's standard error 5e-4,
    // the simulation's the rest); the first-order remainder at n = 316 d^2 (~3e-3) is inside the
    // allowance; the rivals are many standard errors away
    expect(error).toBeLessThan(0.01);
    expect(Math.abs(coefficient - c)).toBeLessThan(3 * error + 0.005);
    expect(Math.abs(coefficient - rival)).toBeGreaterThan(6 * error);
    expect(Math.abs(coefficient - c / 2)).toBeGreaterThan(6 * error);
  }, 300000);

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
  }, 300000);
});
