import { describe, expect, it } from 'vitest';
import { linearGdLimit, mpMoments } from '../../src/models/linear-gd.js';
import { solveDmft, type SeparableDynamics } from '../../src/models/dmft.js';
import { simulateSeparable } from '../../src/models/separable-gd.js';

const linear = (c: number): SeparableDynamics => ({
  prior: [
    { theta: 1, x0: 0, weight: 0.15 },
    { theta: -1, x0: 0, weight: 0.15 },
    { theta: 0, x0: 0, weight: 0.7 },
  ],
  drift: (_x, g, _t, out) => {
    out[0] = -g;
    out[1] = 0;
    out[2] = -1;
  },
  readout: (x, theta, out) => {
    out[0] = c * x - theta;
    out[1] = c;
  },
});

describe('linear gradient descent in the d -> infinity limit', () => {
  it('Marchenko–Pastur moments are the Narayana polynomials', () => {
    const d = 0.4;
    const m = mpMoments(d, 4);
    expect(m[0]).toBe(1);
    expect(m[1]).toBeCloseTo(d, 14);
    expect(m[2]).toBeCloseTo(d + d ** 2, 14);
    expect(m[3]).toBeCloseTo(d * (1 + 3 * d + d ** 2), 14);
    expect(m[4]).toBeCloseTo(d * (1 + 6 * d + 6 * d ** 2 + d ** 3), 14);
    // delta = 1: the Catalan numbers
    expect(mpMoments(1, 6)).toEqual([1, 1, 2, 5, 14, 42, 132]);
  });

  it('one step by hand: test_1 = (m0 (1 - 2 eta m1 + eta^2 m2) + eta^2 sigma^2 m1) / 2', () => {
    const o = { slope: 0.7, m0: 0.3, delta: 0.5, sigma: 0.4, dt: 0.2, steps: 1 };
    const eta = 0.14;
    const m = mpMoments(0.5, 3);
    const r = linearGdLimit(o);
    expect(r.test[0]).toBeCloseTo(0.15, 14);
    expect(r.train[0]).toBeCloseTo((0.3 + 0.16) / 2, 14);
    expect(r.test[1]).toBeCloseTo((0.3 * (1 - 2 * eta * m[1]! + eta ** 2 * m[2]!) + eta ** 2 * 0.16 * m[1]!) / 2, 14);
    // train_1: m0 (m1 - 2 eta m2 + eta^2 m3) / delta + sigma^2 (1 - 2 eta m1 / delta + eta^2 m2 / delta)
    expect(r.train[1]).toBeCloseTo((0.3 * (m[1]! - 2 * eta * m[2]! + eta ** 2 * m[3]!) / 0.5 + 0.16 * (1 - (2 * eta * m[1]!) / 0.5 + (eta ** 2 * m[2]!) / 0.5)) / 2, 14);
  });

  it('agrees with the DMFT of the same dynamics (a linear readout: the effective process is exact)', () => {
    const o = { delta: 0.5, sigma: 0.3, dt: 0.25, steps: 10 };
    const lim = linearGdLimit({ slope: 0.5, m0: 0.3, ...o });
    const s = solveDmft(linear(0.5), { ...o, samples: 8000, damping: 1, tol: 1e-9, maxIter: 40, seed: 5, momentMatch: true });
    for (let k = 0; k <= o.steps; k++) {
      // moment matching makes the Gaussian part of the sampling exact: only rounding is left
      expect(Math.abs(s.test[k]! / lim.test[k]! - 1)).toBeLessThan(1e-6);
      expect(Math.abs(s.train[k]! / lim.train[k]! - 1)).toBeLessThan(1e-6);
    }
  });

  it('is what averaged simulations approach', () => {
    const o = { delta: 0.5, sigma: 0.3, dt: 0.25, steps: 8 };
    const lim = linearGdLimit({ slope: 0.5, m0: 0.3, ...o });
    const S = 40;
    const test = new Array<number>(o.steps + 1).fill(0);
    for (let s = 0; s < S; s++) simulateSeparable(linear(0.5), { ...o, d: 300, seed: 11 + s }).test.forEach((v, k) => (test[k]! += v / S));
    for (let k = 0; k <= o.steps; k++) expect(Math.abs(test[k]! / lim.test[k]! - 1)).toBeLessThan(0.01);
  });
});
