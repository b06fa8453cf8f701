import { describe, expect, it } from 'vitest';
import { HermiteTarget, hermiteMoments, hermiteRidge, oracleSweep, probeStrengths, quadraticExcessRisk, SampleStream, SpectralMatrix, subspaceOverlaps } from '../../src/models/multiindex.js';
import { dot } from '../../src/numeric/float64.js';

const target = new HermiteTarget({ d: 40, theta: [1, 0.5], noise: 0.5, seed: 3 });
const rows = (t: HermiteTarget): Float64Array[] => Array.from({ length: t.r }, (_, k) => t.W.slice(k * t.d, (k + 1) * t.d));

describe('multi-index simulations', () => {
  it('labels have the variance noise + 2 sum theta^2', () => {
    const { y } = new SampleStream(target, 1).draw(40_000);
    const m2 = y.reduce((a, b) => a + b * b, 0) / y.length;
    expect(target.labelVariance()).toBeCloseTo(0.5 + 2 * 1.25, 12);
    expect(Math.abs(m2 / target.labelVariance() - 1)).toBeLessThan(0.05);
  });
  it('T accumulated in blocks equals T accumulated at once, and its mean is sum 2 theta_k w_k w_k^T', () => {
    const s = new SampleStream(target, 2);
    const a = s.draw(3001);
    const T1 = new SpectralMatrix(40);
    T1.add(a.X.subarray(0, 1000 * 40), a.y.subarray(0, 1000));
    T1.add(a.X.subarray(1000 * 40), a.y.subarray(1000));
    const T2 = new SpectralMatrix(40);
    T2.add(a.X, a.y);
    const M1 = T1.matrix();
    const M2 = T2.matrix();
    for (let i = 0; i < M1.length; i++) expect(M1[i]).toBeCloseTo(M2[i]!, 10);
    // w_k^T T w_k -> 2 theta_k (sampling error ~ sigma sqrt(2 / n))
    const big = new SpectralMatrix(40);
    const b = new SampleStream(target, 4).draw(60_000);
    big.add(b.X, b.y);
    const T = big.matrix();
    rows(target).forEach((w, k) => {
      const Tw = Array.from({ length: 40 }, (_, i) => dot(T, w, i * 40, 0, 40));
      const q = Tw.reduce((acc, x, i) => acc + x * w[i]!, 0);
      expect(Math.abs(q - 2 * target.theta[k]!)).toBeLessThan(0.06);
    });
  });
  it('overlaps and the exact excess risk of a quadratic readout', () => {
    const W = rows(target);
    expect(subspaceOverlaps(W, target).map((x) => Number(x.toFixed(12)))).toEqual([1, 1]);
    // the oracle readout A = diag(theta) on the true directions has zero excess risk
    expect(quadraticExcessRisk(W, [[1, 0], [0, 0.5]], 0, target)).toBeCloseTo(0, 12);
    // an empty subspace leaves 2 sum theta^2 (+ the bias squared)
    expect(quadraticExcessRisk([], [], 0.1, target)).toBeCloseTo(2 * 1.25 + 0.01, 12);
    // the readout on fresh samples approaches theta on the true directions
    const { X, y } = new SampleStream(target, 5).draw(40_000);
    const { C } = hermiteMoments(W, X, y, 40);
    const A = hermiteRidge(C, 0);
    expect(Math.abs(A[0]![0]! - 1)).toBeLessThan(0.05);
    expect(Math.abs(A[1]![1]! - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(A[0]![1]!)).toBeLessThan(0.05);
  });
});

describe('directions along the axes', () => {
  it('give the same labels as the same directions given as rows', () => {
    const axes = new HermiteTarget({ d: 10, theta: [0.7, 0.2], noise: 0.3, seed: 1, axes: true });
    const x = new Float64Array(10).map((_, i) => Math.sin(i + 1));
    expect(axes.label(x, 0, 0.5)).toBeCloseTo(0.7 * (x[0]! ** 2 - 1) + 0.2 * (x[1]! ** 2 - 1) + Math.sqrt(0.3) * 0.5, 12);
    expect(subspaceOverlaps([axes.W.slice(0, 10)], axes)).toEqual([1, 0]);
    expect(() => new HermiteTarget({ d: 1, theta: [1, 1], noise: 0, seed: 1 })).toThrow(RangeError);
  });
});

describe('a probe at several strengths on one sample', () => {
  // the probe on axis 0 (theta 0 in the target: probeStrengths adds it), two other directions
  const base = new HermiteTarget({ d: 24, theta: [0, 1, -1], noise: 1, seed: 7, axes: true });
  it('reads the same T for a strength alone (one accumulator) and among others (theta A + B)', () => {
    const alone = probeStrengths(base, [0.3], [[2400, 4800]], 9, 2)[0]!;
    const shared = probeStrengths(base, [0.6, 0.3], [[2400], [2400, 4800]], 9, 2)[1]!;
    alone.forEach((r, i) => {
      expect(shared[i]!.q).toBeCloseTo(r.q, 9);
      expect(shared[i]!.outlier).toBeCloseTo(r.outlier, 9);
      expect(shared[i]!.s2).toBeCloseTo(r.s2, 9);
    });
  });
  it('reads the noise level E[y^2] / alpha off the entries away from every direction', () => {
    const n = 24 * 400;
    const [r] = probeStrengths(base, [0.3], [[n]], 3, 2)[0]!;
    const sigma2 = base.labelVariance() + 2 * 0.3 ** 2;
    // d(d-1)/2 ~ 210 squared entries: about 10% sampling error
    expect(Math.abs(r!.s2 / (sigma2 / 400) - 1)).toBeLessThan(0.3);
    // far above its threshold the probe's outlier sits near c + s^2 / c, c = 2 theta
    const c = 0.6;
    expect(Math.abs(r!.outlier - (c + r!.s2 / c))).toBeLessThan(0.1);
    expect(r!.q).toBeGreaterThan(0.8);
  });
  it("reads the probe's diagonal entry and its row off the directions, whose means are known exactly", () => {
    // the same entries for a strength alone and among others
    const alone = probeStrengths(base, [0.3], [[2400]], 9, 2)[0]![0]!;
    const shared = probeStrengths(base, [0.6, 0.3], [[2400], [2400]], 9, 2)[1]![0]!;
    expect(shared.diag).toBeCloseTo(alone.diag, 9);
    expect(shared.row2).toBeCloseTo(alone.row2, 9);
    // over seeds: E[T_00] = 2 theta, E[sum_(j >= r) T_0j^2] = (d - r)(E[y^2] + 8 theta^2) / n
    const n = 240;
    const theta = 0.3;
    const sigma2 = base.labelVariance() + 2 * theta ** 2;
    const reads = Array.from({ length: 200 }, (_, s) => probeStrengths(new HermiteTarget({ d: 24, theta: [0, 1, -1], noise: 1, seed: 100 + s, axes: true }), [theta], [[n]], 100 + s, 2)[0]![0]!);
    const z = (xs: number[], mu: number): number => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
      return (m - mu) / (sd / Math.sqrt(xs.length));
    };
    expect(Math.abs(z(reads.map((r) => r.diag), 2 * theta))).toBeLessThan(4);
    expect(Math.abs(z(reads.map((r) => r.row2), ((24 - 3) * (sigma2 + 8 * theta ** 2)) / n))).toBeLessThan(4);
    // a wrong mean (theta in place of 2 theta) is many standard errors off
    expect(Math.abs(z(reads.map((r) => r.diag), theta))).toBeGreaterThan(10);
  });
  it('needs the probe along axis 0 with theta 0', () => {
    expect(() => probeStrengths(new HermiteTarget({ d: 24, theta: [0.5, 1], noise: 1, seed: 7, axes: true }), [0.3], [[100]], 1, 2)).toThrow(RangeError);
    expect(() => probeStrengths(new HermiteTarget({ d: 24, theta: [0, 1], noise: 1, seed: 7 }), [0.3], [[100]], 1, 2)).toThrow(RangeError);
  });
});

describe('the spectral estimator with its limiting readout', () => {
  it('leaves 2 sum theta^2 (and the tail) with no outlier, and less as directions are recovered', () => {
    const t = new HermiteTarget({ d: 40, theta: [1, 0.5, 0.25], noise: 0.5, seed: 2, axes: true });
    const s = oracleSweep(t, [0.05, 10, 60], 4, 10, 0.1);
    const energy = 1 + 0.25 + 0.0625;
    expect(s.K[0]).toBe(0);
    expect(s.risk[0]).toBeCloseTo(2 * energy + 0.2, 12);
    expect(s.risk[1]!).toBeLessThan(s.risk[0]!);
    expect(s.risk[2]!).toBeLessThan(s.risk[1]!);
    expect(s.K[2]!).toBeGreaterThanOrEqual(2);
    // never below the tail's 2 tailEnergy
    for (const r of s.risk) expect(r).toBeGreaterThanOrEqual(0.2);
  });
  it('leaves 2 theta^2 (1 - q^2) for one direction recovered with overlap q', () => {
    // far above the threshold the part missed is the noise along w over the spike: the labels
    // correlate with w's coordinate, E[y^2 z^2] = 0.1 + 4 E[(z^2 - 1)^2 z^2] = 40.1 (not E[y^2] =
    // 8.1: the finite-alpha_c shift of the BBP law), so 1 - q ~ 40.1 / ((2 theta)^2 alpha)
    const t = new HermiteTarget({ d: 30, theta: [2], noise: 0.1, seed: 5, axes: true });
    const s = oracleSweep(t, [200], 6, 8);
    // (a heavy-tailed label can lift a bulk eigenvalue past the edge too: it carries ~nothing)
    expect(s.K[0]).toBeGreaterThanOrEqual(1);
    const q = 1 - 40.1 / 16 / 200;
    // one simulation at d = 30: the part missed spreads by ~1/sqrt(d) of itself
    expect(Math.abs(s.risk[0]! / (2 * 4 * (1 - q * q)) - 1)).toBeLessThan(0.3);
  });
});
