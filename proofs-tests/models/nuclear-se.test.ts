import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bulkMoments, nuclearDenoiser, nuclearSE, PowerSpikes, spikeBulkTerms } from '../../src/models/nuclear-se.js';
import { symmetricEigen } from '../../src/numeric/sym-eigen64.js';
import { Rng } from '../../src/numeric/rng.js';

const gauss = (r: Rng): number => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());

/** the soft threshold on the semicircle by a midpoint rule in theta (u = 2 cos theta), the kinks' error ~1/N^2 */
function directSpike(v: number, a: number, N = 200000): [number, number, number] {
  let d2 = 0;
  let dy = 0;
  let w = 0;
  for (let i = 0; i < N; i++) {
    const th = (Math.PI * (i + 0.5)) / N;
    const c = Math.cos(th);
    const u = 2 * c;
    const eta = Math.sign(u) * Math.max(0, Math.abs(u) - a);
    const q = 1 - 2 * v * c + v * v;
    d2 += (eta * eta * v * (c - v)) / q;
    dy += (eta * u * v * (c - v)) / q;
    w += (eta * (1 - c * c)) / q;
  }
  const h = Math.PI / N;
  return [(d2 * h) / Math.PI, (dy * h) / Math.PI, (2 * v * w * h) / Math.PI];
}

/**
 * E |eta_t(S* + sigma_s W) - S*|_F^2 and E div eta_t, S* = diag(k^-gamma), W GOE (semicircle on
 * [-2, 2]), at finite d by sampling: eigendecomposition, the overlaps <v_j, S* v_j>, and the exact
 * divergence of a spectral function on the symmetric matrices, sum eta'(y_i) + sum_(i<j) (eta_i -
 * eta_j)/(y_i - y_j).
 */
function monteCarlo(gamma: number, d: number, sigmaS: number, t: number, reps: number, seed: number): { mse: number; df: number } {
  const rng = new Rng(seed);
  let E = 0;
  let DF = 0;
  for (let r = 0; r < reps; r++) {
    const A = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j <= i; j++) {
        const g = gauss(rng) * sigmaS * (i === j ? Math.sqrt(2 / d) : Math.sqrt(1 / d));
        A[i * d + j] = g;
        A[j * d + i] = g;
      }
    for (let i = 0; i < d; i++) A[i * d + i] = A[i * d + i]! + (i + 1) ** -gamma;
    const { values, vectors } = symmetricEigen(A, d);
    const eta = Array.from(values, (y) => Math.sign(y) * Math.max(0, Math.abs(y) - t));
    let e = 0;
    for (let i = 1; i <= d; i++) e += i ** (-2 * gamma);
    for (let j = 0; j < d; j++) {
      if (eta[j] === 0) continue;
      let x = 0;
      for (let i = 0; i < d; i++) x += (i + 1) ** -gamma * vectors[j * d + i]! ** 2;
      e += eta[j]! ** 2 - 2 * eta[j]! * x;
    }
    let df = 0;
    for (let i = 0; i < d; i++) {
      if (Math.abs(values[i]!) > t) df += 1;
      for (let j = i + 1; j < d; j++) df += (eta[i]! - eta[j]!) / (values[i]! - values[j]!);
    }
    E += e;
    DF += df;
  }
  return { mse: E / reps, df: DF / reps };
}

describe('the semicircle under the soft threshold', () => {
  it('bulkMoments: the identity keeps the whole second moment, a threshold at the edge nothing', () => {
    expect(bulkMoments(0).Phi).toBeCloseTo(1, 14);
    expect(bulkMoments(0).M).toBeCloseTo(1, 14);
    expect(bulkMoments(2)).toEqual({ Phi: 0, M: 0 });
    expect(bulkMoments(3)).toEqual({ Phi: 0, M: 0 });
  });

  it('bulkMoments against a quadrature of the semicircle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 39 }), (k) => {
        const a = k / 20;
        const N = 100000;
        let Phi = 0;
        let M = 0;
        for (let i = 0; i < N; i++) {
          const th = (Math.PI * (i + 0.5)) / N;
          const u = 2 * Math.cos(th);
          const eta = Math.sign(u) * Math.max(0, Math.abs(u) - a);
          const rho = (2 / Math.PI) * Math.sin(th) ** 2;
          Phi += eta * eta * rho;
          M += eta * u * rho;
        }
        const r = bulkMoments(a);
        expect(Math.abs(r.Phi - (Phi * Math.PI) / N)).toBeLessThan(1e-8);
        expect(Math.abs(r.M - (M * Math.PI) / N)).toBeLessThan(1e-8);
      }),
      { seed: 11, numRuns: 12 },
    );
  });
});

describe("one spike's first-order corrections", () => {
  it('series (v < 1/2, v > 2) and closed forms (between) match a direct quadrature in theta', () => {
    for (const a of [0, 0.7, 1.5, 1.99])
      for (const v of [0.1, 0.4999, 0.5, 0.9, 1.1, 1.9999, 2, 2.0001, 5]) {
        const x = spikeBulkTerms(v, a);
        const y = directSpike(v, a);
        for (let j = 0; j < 3; j++) expect(Math.abs(x[j]! - y[j]!), `a = ${a}, v = ${v}, term ${j}`).toBeLessThan(1e-10);
      }
  });

  it('under the identity (a = 0) the spike adds its energy v^2 to the spectrum: outlier plus bulk correction', () => {
    for (const v of [0.3, 0.8, 1.2, 3]) {
      const [d2] = spikeBulkTerms(v, 0);
      const outlier = v > 1 ? (v + 1 / v) ** 2 : 0;
      expect(outlier + d2).toBeCloseTo(v * v, 12);
    }
  });

  it('above the bulk edge the corrections vanish', () => {
    for (const [v, a] of [[0.7, 2.5], [3, 2], [1.5, 2.1]] as const) for (const x of spikeBulkTerms(v, a)) expect(Math.abs(x)).toBe(0);
  });
});

describe('nuclearDenoiser', () => {
  it('the identity (threshold 0): E = d sigma_s^2 and df = d^2/2 (the leading order of d(d+1)/2)', () => {
    const T = new PowerSpikes(1.3, 500);
    const r = nuclearDenoiser(T, 0.05, 0);
    expect(r.mse).toBeCloseTo(500 * 0.05 ** 2, 10);
    expect(r.df / (500 * 500 / 2)).toBeCloseTo(1, 10);
  });

  it('a threshold above every outlier: E = |S*|^2, df = 0', () => {
    const T = new PowerSpikes(1.5, 1000);
    const r = nuclearDenoiser(T, 0.01, 10);
    expect(r.mse).toBeCloseTo(T.energy, 14);
    expect(r.df).toBe(0);
    expect(r.active).toBe(0);
  });

  it('its summation shortcuts (power sums, Euler-Maclaurin over long stretches) against the per-spike sum', () => {
    // d = 10^6, sigma_s = 3e-3: ~330 outliers, a stretch of ~1000 spikes in the closed-form band
    const gamma = 1;
    const d = 1e6;
    const s = 3e-3;
    for (const a of [0.3, 1.4]) {
      const T = new PowerSpikes(gamma, d);
      const r = nuclearDenoiser(T, s, a * s);
      const { Phi, M } = bulkMoments(a);
      let lost = 0;
      let s2 = d * Phi;
      let sy = d * M;
      let sx = 0;
      for (let k = d; k >= 1; k--) {
        const sk = k ** -gamma;
        const v = sk / s;
        const [d2, dy, w] = spikeBulkTerms(v, a);
        s2 += d2;
        sy += dy;
        sx += w;
        if (v > 1) {
          // the outlier at u = v + 1/v, overlap 1 - 1/v^2 (a < 2: active)
          const u = v + 1 / v;
          s2 += (u - a) ** 2;
          sy += (u - a) * u;
          sx += (u - a) * (v - 1 / v);
          lost += sk * sk;
        } else lost += sk * sk;
      }
      const mse = lost + s * s * (s2 - 2 * sx);
      const df = (d / 2) * (sy - sx);
      expect(Math.abs(r.mse / mse - 1), `mse at a = ${a}`).toBeLessThan(1e-9);
      expect(Math.abs(r.df / df - 1), `df at a = ${a}`).toBeLessThan(1e-9);
    }
  });

  it('agrees with a Monte Carlo of the soft-thresholded GOE-perturbed matrix at d = 240 (to its 1/d corrections)', () => {
    // few outliers against d: bulk killed, bulk partly kept, bulk mostly kept
    const cases: [gamma: number, sigmaS: number, a: number][] = [
      [2, 0.1, 3],
      [1, 0.1, 2.5],
      [1.5, 0.05, 0.5],
      [1, 0.1, 1.2],
    ];
    for (const [gamma, sigmaS, a] of cases) {
      const d = 240;
      const m = nuclearDenoiser(new PowerSpikes(gamma, d), sigmaS, a * sigmaS);
      const s = monteCarlo(gamma, d, sigmaS, a * sigmaS, 3, 7);
      expect(Math.abs(s.mse / m.mse - 1), `mse, gamma = ${gamma}, a = ${a}`).toBeLessThan(0.05);
      expect(Math.abs(s.df / m.df - 1), `df, gamma = ${gamma}, a = ${a}`).toBeLessThan(0.1);
    }
  }, 60000);
});

describe('nuclearSE', () => {
  it('its point solves both state-evolution equations, from scratch and from a neighbour', () => {
    const T = new PowerSpikes(1.25, 1e4);
    const n = 1e8;
    for (const [sigma, lambda] of [[1, 1e6], [1, 3e4], [0, 1e6]] as const) {
      const P = nuclearSE(T, n, sigma, lambda);
      const r = nuclearDenoiser(T, P.sigmaS, P.t);
      expect(Math.abs((2 * (n / T.d) * P.sigmaS ** 2) / (sigma * sigma + r.mse) - 1)).toBeLessThan(1e-10);
      expect(Math.abs((P.t * (n - r.df)) / lambda - 1)).toBeLessThan(1e-10);
      const Q = nuclearSE(T, n, sigma, lambda * 1.1, 1e-12, P);
      const Q0 = nuclearSE(T, n, sigma, lambda * 1.1);
      expect(Math.abs(Q.risk / Q0.risk - 1)).toBeLessThan(1e-9);
    }
  });

  it('the bias regime: a threshold t ~ lambda/n far above the noise keeps the k_t spikes above it', () => {
    const T = new PowerSpikes(1.5, 1e6);
    const n = 1e12;
    const P = nuclearSE(T, n, 1, n ** 0.85);
    expect(P.a).toBeGreaterThan(2);
    expect(Math.abs(P.t / (n ** 0.85 / n) - 1)).toBeLessThan(0.05);
    expect(Math.abs(P.active - Math.floor(P.t ** (-1 / 1.5)))).toBeLessThanOrEqual(1);
  });

  it('the plateau: with alpha = n/d^2 > 1/2 and lambda -> 0 the risk tends to least squares, sigma^2 / (2 alpha - 1)', () => {
    const alpha = 2;
    const n = 1e12;
    const T = new PowerSpikes(1.5, Math.sqrt(n / alpha));
    const P = nuclearSE(T, n, 1, 1);
    expect(P.risk).toBeCloseTo(1 / (2 * alpha - 1), 2);
  });
});
