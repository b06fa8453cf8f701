import { describe, expect, it } from 'vitest';
import { HermiteTarget, hermiteMoments, hermiteRidge, quadraticExcessRisk, SampleStream, SpectralMatrix, subspaceOverlaps } from '../../src/models/multiindex.js';
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
