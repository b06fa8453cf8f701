import { describe, expect, it } from 'vitest';
import { solveDmft, type SeparableDynamics } from '../../src/models/dmft.js';
import { solveDmftCausal } from '../../src/models/dmft-causal.js';
import { linearGdLimitQuadrature } from '../../src/models/linear-gd-quadrature.js';

/** plain gradient descent on least squares: x' = -g, Delta = c x - theta, sparse Rademacher theta */
const linear = (c: number, rho: number): SeparableDynamics => ({
  prior: [
    { theta: 1, x0: 0, weight: rho / 2 },
    { theta: -1, x0: 0, weight: rho / 2 },
    { theta: 0, x0: 0, weight: 1 - rho },
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

/** a nonlinear readout with a state-dependent drift (mobility), to exercise every partial */
const nonlinear: SeparableDynamics = {
  prior: [
    { theta: 0.7, x0: 0.1, weight: 0.3 },
    { theta: -0.7, x0: -0.1, weight: 0.3 },
    { theta: 0, x0: 0, weight: 0.4 },
  ],
  drift: (x, g, _t, out) => {
    const m = 1 + 0.5 * Math.tanh(x) ** 2;
    out[0] = -m * g - 0.1 * x;
    out[1] = -g * Math.tanh(x) * (1 - Math.tanh(x) ** 2) - 0.1;
    out[2] = -m;
  },
  readout: (x, theta, out) => {
    out[0] = Math.tanh(x) - theta;
    out[1] = 1 - Math.tanh(x) ** 2;
  },
};

const relMax = (a: readonly number[], b: readonly number[]): number => Math.max(...a.map((v, k) => Math.abs(v / b[k]! - 1)));

describe('DMFT solved forward in time (one pass)', () => {
  it('gradient descent on least squares: the curves are the closed form (Marchenko–Pastur) to 1e-3 over 24 steps, the late train loss 100-fold down', () => {
    const o = { delta: 0.5, sigma: 0.3, dt: 0.25, steps: 24, samples: 6000, seed: 2, momentMatch: true };
    const s = solveDmftCausal(linear(0.5, 0.3), o);
    const exact = linearGdLimitQuadrature({ slope: 0.5, m0: 0.3, delta: o.delta, sigma: o.sigma, dt: o.dt, steps: o.steps });
    expect(relMax(s.train, exact.train)).toBeLessThan(1e-3);
    expect(relMax(s.test, exact.test)).toBeLessThan(1e-3);
    // the response of Delta^1 to a field on g^0 is -c dt exactly (no sampling in it)
    const N = o.steps + 1;
    expect(s.R[1 * N + 0]).toBeCloseTo(-0.5 * o.dt, 12);
    // the Onsager memory is load-bearing: without it the train loss is far off
    const ablated = solveDmftCausal(linear(0.5, 0.3), { ...o, ablate: 'response' });
    expect(relMax(ablated.train, exact.train)).toBeGreaterThan(0.5);
  });

  it('its kernels are causal: R strictly lower-triangular, Re = (I - R)^-1 lower with unit diagonal, C_e = Re (C_Delta + sigma^2) Re^T', () => {
    const o = { delta: 0.8, sigma: 0.2, dt: 0.2, steps: 8, samples: 2000, seed: 5 };
    const s = solveDmftCausal(nonlinear, o);
    const N = o.steps + 1;
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        if (j >= i) expect(s.R[i * N + j]).toBe(0);
        if (j > i) expect(s.Re[i * N + j]).toBe(0);
        let e = 0;
        for (let a = 0; a < N; a++) for (let b = 0; b < N; b++) e += s.Re[i * N + a]! * (s.CDelta[a * N + b]! + o.sigma ** 2) * s.Re[j * N + b]!;
        expect(s.Ce[i * N + j]! - e).toBeCloseTo(0, 12);
      }
    for (let i = 0; i < N; i++) {
      expect(s.Re[i * N + i]).toBe(1);
      for (let c = 0; c < i; c++) {
        // (I - R) Re = I below the diagonal
        let v = s.Re[i * N + c]!;
        for (let j = 0; j < N; j++) v -= s.R[i * N + j]! * s.Re[j * N + c]!;
        expect(v).toBeCloseTo(0, 12);
      }
    }
  });

  it('reaches the fixed point the sweeps of solveDmft iterate to (a nonlinear dynamics): the curves agree within their Monte Carlo error', () => {
    const o = { delta: 0.8, sigma: 0.2, dt: 0.2, steps: 10, samples: 8000, momentMatch: true };
    const sweeps = solveDmft(nonlinear, { ...o, damping: 1, tol: 1e-9, maxIter: 60, seed: 3 });
    // two causal solves on other draws: their own spread bounds the Monte Carlo error
    const a = solveDmftCausal(nonlinear, { ...o, seed: 11 });
    const b = solveDmftCausal(nonlinear, { ...o, seed: 12 });
    const spread = Math.max(relMax(a.train, b.train), relMax(a.test, b.test));
    expect(spread).toBeLessThan(0.01);
    expect(relMax(a.train, sweeps.train)).toBeLessThan(3 * spread + 2e-3);
    expect(relMax(a.test, sweeps.test)).toBeLessThan(3 * spread + 2e-3);
  });
});
