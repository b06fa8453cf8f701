import { describe, expect, it } from 'vitest';
import { linearGdLimit, mpMoments } from '../../src/models/linear-gd.js';
import { linearGdLimitQuadrature, mpRule } from '../../src/models/linear-gd-quadrature.js';
import { simulateSeparable } from '../../src/models/separable-gd.js';
import type { SeparableDynamics } from '../../src/models/dmft.js';

describe('linear gradient descent limit by quadrature over the Marchenko–Pastur law', () => {
  it('the rule integrates the moments (Narayana polynomials) to rounding, below and above delta = 1', () => {
    for (const delta of [0.2, 0.5, 0.8, 1.5, 3]) {
      const rule = mpRule(delta);
      expect(rule.atom).toBeCloseTo(Math.max(0, 1 - delta), 15);
      mpMoments(delta, 8).forEach((m, j) => {
        const q = (j === 0 ? rule.atom : 0) + rule.nodes.reduce((s, l, i) => s + rule.weights[i]! * l ** j, 0);
        expect(Math.abs(q / m - 1)).toBeLessThan(1e-11);
      });
    }
  });

  it('refuses delta = 1 (the density\'s 1/l reaches l = 0)', () => {
    expect(() => mpRule(1)).toThrow(/away from 1/);
  });

  it('equals the moment form where the latter is stable (few steps, small eta)', () => {
    for (const delta of [0.3, 0.5, 2]) {
      const o = { slope: 0.5, m0: 0.3, delta, sigma: 0.3, dt: 0.25, steps: 12 };
      const a = linearGdLimit(o);
      const b = linearGdLimitQuadrature(o);
      a.train.forEach((v, k) => expect(Math.abs(v / b.train[k]! - 1)).toBeLessThan(1e-10));
      a.test.forEach((v, k) => expect(Math.abs(v / b.test[k]! - 1)).toBeLessThan(1e-10));
    }
  });

  it('stays right where the moment form cancels to garbage (eta b k of a few tens): against the mean of simulations at d = 400', () => {
    const o = { slope: 8, m0: 0.4, delta: 0.3, sigma: 0.2, dt: 0.05, steps: 24 };
    const q = linearGdLimitQuadrature(o);
    const m = linearGdLimit(o);
    expect(Math.max(...m.train.map((v, k) => Math.abs(v / q.train[k]! - 1)))).toBeGreaterThan(0.1);
    const dyn: SeparableDynamics = {
      prior: [
        { theta: 1, x0: 0, weight: 0.2 },
        { theta: -1, x0: 0, weight: 0.2 },
        { theta: 0, x0: 0, weight: 0.6 },
      ],
      drift: (_x, g, _t, out) => {
        out[0] = -g;
        out[1] = 0;
        out[2] = -1;
      },
      readout: (x, theta, out) => {
        out[0] = o.slope * x - theta;
        out[1] = o.slope;
      },
    };
    const seeds = 12;
    const train = new Array<number>(o.steps + 1).fill(0);
    const test = new Array<number>(o.steps + 1).fill(0);
    for (let s = 0; s < seeds; s++) {
      const c = simulateSeparable(dyn, { d: 400, delta: o.delta, sigma: o.sigma, dt: o.dt, steps: o.steps, seed: 31 + s });
      c.train.forEach((v, k) => (train[k]! += v / seeds));
      c.test.forEach((v, k) => (test[k]! += v / seeds));
    }
    // the test error to 1% throughout; the train loss only early: it falls 10^4-fold, and at d = 400
    // its late decay is set by the finite spectrum's lower edge (n^(-2/3) off the limit's), 40% slower by k = 24
    for (const k of [4, 12, 24]) expect(Math.abs(test[k]! / q.test[k]! - 1)).toBeLessThan(0.01);
    for (const k of [1, 2]) expect(Math.abs(train[k]! / q.train[k]! - 1)).toBeLessThan(0.01);
  });
});
