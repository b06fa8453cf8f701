import { describe, expect, it } from 'vitest';
import { FiniteVolume } from '../../src/numeric/finite-volume.js';
import { carriedEnergy } from '../../src/models/characteristics.js';
import { goldenMin, logGrid, logSlope, peak, windowSlope } from '../../src/numeric/fit.js';

/** u = c e^(sigma s) t^q, decay 2 e^s on s in [sLo, 0], start density e^(nu s). */
function problem(sigma: number, q: number, c: number, nu: number, sLo: number, ds: number) {
  const init = (a: number, b: number): number => (Math.exp(nu * b) - Math.exp(nu * a)) / (nu * (b - a));
  return { sLo, sHi: 0, cells: Math.round(-sLo / ds), speed: (s: number) => c * Math.exp(sigma * s), clock: (t: number) => t ** q, r: (s: number) => 2 * Math.exp(s), initial: init, inflow: () => 0 };
}

describe('finite volumes for the shell transport', () => {
  it('conserve energy: what is in the grid, what left through the top and what decayed add up to the start', () => {
    const p = { ...problem(0.7, 0.3, 1.5, 0.6, -12, 0.02), r: () => 0 };
    const fv = new FiniteVolume(p, 1e-3);
    const start = fv.total();
    for (const t of logGrid(-2, 3, 20)) fv.step(t);
    expect(Math.abs(fv.total() + fv.outflow - start) / start).toBeLessThan(1e-12);
    expect(fv.outflow).toBeGreaterThan(0.1 * start);
  });

  it('converge to the energy carried along the characteristics as the grid is refined (first order)', () => {
    const errors = [0.04, 0.02, 0.01].map((ds) => {
      const p = problem(0.8, 0.2, 1, 0.5, -14, ds);
      const fv = new FiniteVolume(p, 1e-3);
      const times = [1, 10, 100];
      const fvLoss = times.map((t) => {
        while (fv.t < t * (1 - 1e-12)) fv.step(Math.min(t, fv.t * Math.exp(ds)));
        return fv.total();
      });
      // a fine Lagrangian reference: many carriers, small steps
      const n = 7_000;
      const s0 = Float64Array.from({ length: n }, (_, i) => -14 + (i + 0.5) * (14 / n));
      const w = Float64Array.from(s0, (s) => Math.exp(0.5 * s) * (14 / n));
      const ref = carriedEnergy({ speed: (s) => Math.exp(0.8 * s), clock: (t) => t ** 0.2, r: (s) => 2 * Math.exp(s), sTop: 0 }, s0, w, [1e-3, ...times], 200).slice(1);
      return Math.max(...fvLoss.map((x, i) => Math.abs(x - ref[i]!) / ref[i]!));
    });
    expect(errors[1]!).toBeLessThan(0.7 * errors[0]!);
    expect(errors[2]!).toBeLessThan(0.7 * errors[1]!);
    expect(errors[2]!).toBeLessThan(1e-2);
  });
});

describe('mode dynamics along characteristics', () => {
  it('reproduce the lazy decay e^(-2 lambda t) when nothing moves, to second order in the step', () => {
    const s0 = [-3, -1, -0.2];
    const w = [1, 2, 3];
    const exact = s0.reduce((acc, s, i) => acc + w[i]! * Math.exp(-2 * Math.exp(s) * 2), 0);
    const err = [100, 200].map((steps) => Math.abs(carriedEnergy({ speed: () => 0, clock: () => 1, r: (s) => 2 * Math.exp(s), sTop: 0 }, s0, w, [1e-9, 2], steps)[1]! - exact) / exact);
    expect(err[1]!).toBeLessThan(err[0]! / 3.5);
    expect(err[1]!).toBeLessThan(1e-5);
  });
  it('carry 10^6 modes over 6 decades of time', () => {
    const n = 1_000_000;
    const alpha = 1.5;
    const s0 = Float64Array.from({ length: n }, (_, k) => -alpha * Math.log(k + 1));
    const w = Float64Array.from({ length: n }, (_, k) => (k + 1) ** -1.6);
    const t = logGrid(0, 6, 4);
    const L = carriedEnergy({ speed: (s) => Math.exp(s), clock: (tt) => tt ** -0.5, r: (s) => 2 * Math.exp(s), sTop: 0 }, s0, w, t, 10);
    // the time-covariant field: self-similar, L ~ t^-nu with nu = (beta - 1)/alpha = 0.4
    expect(Math.abs(-windowSlope(t, L, 1e4, 1e5) - 0.4)).toBeLessThan(0.01);
  });
});

describe('fits', () => {
  it('slopes, peaks and minima', () => {
    const x = logGrid(0, 3, 10);
    expect(logSlope(x, x.map((v) => 3 * v ** -1.25))).toBeCloseTo(-1.25, 12);
    expect(peak([0, 1, 2, 3, 4], [0, 3, 4, 3, 0])).toBeCloseTo(2, 12);
    expect(peak([0, 1, 2], [0, 1, 0.5])).toBeCloseTo(7 / 6, 12); // the vertex of -3/4 x^2 + 7/4 x
    expect(goldenMin((v) => (v - 1.3) ** 2, 0, 4)).toBeCloseTo(1.3, 8);
  });
});

describe('where the transport model has no power law', () => {
  it('sigma <= 0 < q + 1: the local loss exponent grows without bound (faster than any power), as `exponents` says', () => {
    // every carrier, however deep, is lifted: no untouched reservoir below the grid
    const n = 8000;
    const s0 = Float64Array.from({ length: n }, (_, i) => -40 + (i + 0.5) * (40 / n));
    const w = Float64Array.from(s0, (s) => Math.exp(0.5 * s) * (40 / n));
    const t = logGrid(-2, 2, 8);
    const L = carriedEnergy({ speed: (s) => Math.exp(-0.5 * s), clock: () => 1, r: (s) => 2 * Math.exp(s), sTop: 0 }, s0, w, t, 80);
    const slopes = [-1, 0, 1].map((l) => -windowSlope(t, L, 10 ** (l - 1), 10 ** l));
    expect(slopes[1]!).toBeGreaterThan(1.5 * slopes[0]!);
    expect(slopes[2]!).toBeGreaterThan(1.5 * slopes[1]!);
  });
});
