import { describe, expect, it } from 'vitest';
import { gaussianSource, psdSqrt, resolvent, sampleCovariance, solveDmft, uniformSource, whiten, type DmftOptions, type SeparableDynamics } from '../../src/models/dmft.js';
import { simulateSeparable } from '../../src/models/separable-gd.js';

/** plain gradient descent on least squares: x' = -g, Delta = x - theta, theta = +-1 */
const linear: SeparableDynamics = {
  prior: [
    { theta: 1, x0: 0, weight: 0.5 },
    { theta: -1, x0: 0, weight: 0.5 },
  ],
  drift: (_x, g, _t, out) => {
    out[0] = -g;
    out[1] = 0;
    out[2] = -1;
  },
  readout: (x, theta, out) => {
    out[0] = x - theta;
    out[1] = 1;
  },
};

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

const base: Omit<DmftOptions, 'delta' | 'sigma' | 'dt' | 'steps'> = { samples: 8000, damping: 1, tol: 1e-9, maxIter: 40, seed: 3 };

describe('DMFT building blocks', () => {
  it('the resolvent inverts I - R for a strictly lower-triangular R', () => {
    const N = 6;
    const R = new Float64Array(N * N);
    for (let k = 0; k < N; k++) for (let j = 0; j < k; j++) R[k * N + j] = Math.sin(3 * k + j) / 2;
    const Re = resolvent(R, N);
    for (let i = 0; i < N; i++)
      for (let c = 0; c < N; c++) {
        let s = Re[i * N + c]!;
        for (let j = 0; j < N; j++) s -= R[i * N + j]! * Re[j * N + c]!;
        expect(s).toBeCloseTo(i === c ? 1 : 0, 12);
      }
  });

  it('psdSqrt returns S with S S^T = C, clipping rounding-negative eigenvalues', () => {
    const N = 5;
    const C = new Float64Array(N * N);
    // a rank-2 covariance: singular, as a noise covariance at rest can be
    const u = [1, 0.5, -0.2, 0.3, 0.9];
    const v = [0.1, -1, 0.4, 0.2, 0];
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) C[i * N + j] = u[i]! * u[j]! + v[i]! * v[j]!;
    const S = psdSqrt(C, N);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let c = 0; c < N; c++) s += S[i * N + c]! * S[j * N + c]!;
        expect(s).toBeCloseTo(C[i * N + j]!, 10);
      }
  });

  it('sampleCovariance is Re (C + sigma^2) Re^T', () => {
    const N = 3;
    const Re = Float64Array.from([1, 0, 0, -0.3, 1, 0, 0.1, -0.3, 1]);
    const C = Float64Array.from([1, 0.5, 0.2, 0.5, 0.8, 0.3, 0.2, 0.3, 0.6]);
    const Ce = sampleCovariance(Re, C, 0.5, N);
    // entry (1, 0): sum_jk Re[1,j] (C[j,k] + 0.25) Re[0,k] = -0.3 (1.25) + 1 (0.75)
    expect(Ce[1 * N + 0]!).toBeCloseTo(-0.3 * 1.25 + 0.75, 12);
    expect(Ce[0]!).toBeCloseTo(1.25, 12);
  });
});

describe('DMFT effective process', () => {
  // Marchenko–Pastur moments of A = X^T X (X n x d, N(0, 1/d) entries, n = delta d), per d
  const mp = (delta: number): number[] => [1, delta, delta + delta ** 2, delta * (1 + 3 * delta + delta ** 2), delta * (1 + 6 * delta + 6 * delta ** 2 + delta ** 3)];

  it('reproduces gradient descent on least squares: test error (1/2d) tr (I - dt A)^{2k} and train error', () => {
    const delta = 0.5;
    const dt = 0.3;
    const m = mp(delta);
    const s = solveDmft(linear, { ...base, delta, sigma: 0, dt, steps: 3 });
    // (1/d) tr (I - dt A)^2 and (1/d) tr (I - dt A)^4 from the moments
    const test1 = (1 - 2 * dt * m[1]! + dt ** 2 * m[2]!) / 2;
    const test2 = [1, -4 * dt, 6 * dt ** 2, -4 * dt ** 3, dt ** 4].reduce((acc, c, j) => acc + c * m[j]!, 0) / 2;
    // (1/n) theta^T A (I - dt A)^2 theta = (m1 - 2 dt m2 + dt^2 m3) / delta
    const train1 = (m[1]! - 2 * dt * m[2]! + dt ** 2 * m[3]!) / (2 * delta);
    expect(s.test[0]).toBeCloseTo(0.5, 12);
    expect(Math.abs(s.test[1]! / test1 - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.test[2]! / test2 - 1)).toBeLessThan(0.02);
    expect(Math.abs(s.train[1]! / train1 - 1)).toBeLessThan(0.02);
    // the response of Delta^1 to a field on g^0 is -dt exactly (no sampling in it)
    expect(s.R[1 * 4 + 0]).toBeCloseTo(-dt, 12);
    // and of Delta^2 to g^0: -dt (1 - dt delta)
    expect(s.R[2 * 4 + 0]).toBeCloseTo(-dt * (1 - dt * delta), 12);
  });

  it('is a fixed point: the last sweep changed the kernels by less than the tolerance, damped or not', () => {
    const o = { ...base, samples: 2000, delta: 0.8, sigma: 0.2, dt: 0.2, steps: 10 };
    const s = solveDmft(nonlinear, o);
    expect(s.change).toBeLessThan(1e-9);
    expect(s.iterations).toBeLessThan(40);
    // damping changes the path to the fixed point, not the fixed point (same random numbers)
    const damped = solveDmft(nonlinear, { ...o, damping: 0.6, maxIter: 120 });
    expect(damped.change).toBeLessThan(1e-9);
    expect(damped.iterations).toBeGreaterThan(s.iterations);
    for (let i = 0; i < s.CDelta.length; i++) expect(Math.abs(damped.CDelta[i]! - s.CDelta[i]!)).toBeLessThan(1e-7);
  });

  it('matches averaged finite-d simulations of a nonlinear separable dynamics', () => {
    const o = { delta: 0.8, sigma: 0.2, dt: 0.2, steps: 10 };
    const s = solveDmft(nonlinear, { ...base, ...o });
    const seeds = 6;
    const gap = (d: number): number => {
      const train = new Array<number>(o.steps + 1).fill(0);
      const test = new Array<number>(o.steps + 1).fill(0);
      for (let q = 0; q < seeds; q++) {
        const c = simulateSeparable(nonlinear, { ...o, d, seed: 77 + q });
        c.train.forEach((v, k) => (train[k]! += v / seeds));
        c.test.forEach((v, k) => (test[k]! += v / seeds));
      }
      const rms = (a: number[], b: number[]): number => Math.sqrt(a.reduce((acc, v, k) => acc + (v - b[k]!) ** 2, 0) / a.length) / b[0]!;
      return Math.max(rms(train, s.train), rms(test, s.test));
    };
    const g400 = gap(400);
    expect(g400).toBeLessThan(0.03);
    // the memory (Onsager) term is load-bearing: without it the curves are far off
    const ablated = solveDmft(nonlinear, { ...base, ...o, ablate: 'response' });
    const off = Math.max(...ablated.train.map((v, k) => Math.abs(v - s.train[k]!) / s.train[0]!));
    expect(off).toBeGreaterThan(5 * g400);
  });
});

describe('DMFT variance reduction', () => {
  it('whiten makes the rows\' second-moment matrix exactly the identity', () => {
    const N = 5;
    const rows = 40;
    const g = gaussianSource(uniformSource(9));
    const Z = new Float64Array((rows + 2) * N).map(() => g());
    const before = Z.slice(0, N);
    whiten(Z, 1, rows, N);
    // rows outside the block are left alone
    expect(Array.from(Z.slice(0, N))).toEqual(Array.from(before));
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        let c = 0;
        for (let r = 1; r <= rows; r++) c += (Z[r * N + i]! * Z[r * N + j]!) / rows;
        expect(c).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });

  it('moment matching leaves the fixed point where it was and narrows its scatter over seeds', () => {
    const o = { ...base, samples: 2000, delta: 0.8, sigma: 0.2, dt: 0.2, steps: 8 };
    const area = (s: { test: number[] }): number => s.test.reduce((a, b) => a + b, 0);
    const runs = (mm: boolean): number[] => [1, 2, 3, 4, 5, 6].map((seed) => area(solveDmft(nonlinear, { ...o, seed, momentMatch: mm })));
    const sd = (v: number[]): number => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    };
    const plain = runs(false);
    const matched = runs(true);
    expect(sd(matched)).toBeLessThan(sd(plain));
    const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
    expect(Math.abs(mean(matched) - mean(plain))).toBeLessThan(3 * Math.hypot(sd(plain), sd(matched)) / Math.sqrt(6));
  });

  it('a warm start reaches the same fixed point in fewer sweeps', () => {
    const o = { ...base, samples: 2000, delta: 0.8, sigma: 0.2, dt: 0.2, steps: 8, momentMatch: true };
    const cold = solveDmft(nonlinear, o);
    const other = solveDmft(nonlinear, { ...o, seed: 99 });
    const warm = solveDmft(nonlinear, { ...o, init: { CDelta: other.CDelta, R: other.R } });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    for (let i = 0; i < cold.CDelta.length; i++) expect(Math.abs(warm.CDelta[i]! - cold.CDelta[i]!)).toBeLessThan(1e-7);
    expect(() => solveDmft(nonlinear, { ...o, init: { CDelta: new Float64Array(4), R: new Float64Array(4) } })).toThrow(/init kernels/);
  });
});

describe('finite-d simulation: control variates', () => {
  it('the controls have mean zero over the data at a finite d (exact Wishart moments)', () => {
    // a tiny system, where the finite-d terms of the moments are largest against the scatter
    const o = { delta: 0.6, sigma: 0.4, dt: 0.2, steps: 1, d: 5 };
    const S = 40000;
    const sum = [0, 0, 0];
    const sq = [0, 0, 0];
    for (let s = 0; s < S; s++) {
      const c = simulateSeparable(nonlinear, { ...o, seed: 1 + s }).controls;
      c.forEach((v, j) => {
        sum[j]! += v;
        sq[j]! += v * v;
      });
    }
    for (let j = 0; j < 3; j++) {
      const m = sum[j]! / S;
      const se = Math.sqrt((sq[j]! / S - m * m) / S);
      // within four standard errors of zero; a wrong Wishart moment (n + d in place of n + d + 1
      // in E tr W^2) would put z1 twelve standard errors away here
      expect(Math.abs(m)).toBeLessThan(4 * se);
    }
  });
});
