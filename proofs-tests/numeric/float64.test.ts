import { describe, expect, it } from 'vitest';
import { dot, eigenvaluesSym, Gaussian, orthonormalRows, slope, topEigen } from '../../src/numeric/float64.js';
import { Rng } from '../../src/numeric/rng.js';

/** Q diag(values) Q^T with a random orthogonal Q: a symmetric matrix of known spectrum. */
function known(values: number[], seed: number): { A: Float64Array; Q: Float64Array } {
  const n = values.length;
  const Q = orthonormalRows(new Gaussian(new Rng(seed)), n, n);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) A[i * n + j]! += Q[k * n + i]! * values[k]! * Q[k * n + j]!;
  return { A, Q };
}

describe('float64 kit', () => {
  it('draws standard normals (mean 0, variance 1 within sampling error)', () => {
    const x = new Gaussian(new Rng(5)).fill(new Float64Array(200_000));
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const v = x.reduce((a, b) => a + b * b, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(v - 1)).toBeLessThan(0.01);
  });
  it('orthonormal rows are orthonormal', () => {
    const d = 30;
    const W = orthonormalRows(new Gaussian(new Rng(1)), 5, d);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(dot(W, W, i * d, j * d, d)).toBeCloseTo(i === j ? 1 : 0, 12);
    expect(() => orthonormalRows(new Gaussian(new Rng(1)), 4, 3)).toThrow(RangeError);
  });
  it('Lanczos finds the top eigenpairs of a spiked spectrum (against ml-matrix and the construction)', () => {
    const n = 120;
    const values = Array.from({ length: n }, (_, i) => (i < 3 ? 10 - 2 * i : Math.sin(i)));
    const { A, Q } = known(values, 3);
    const top = topEigen(A, n, 3, new Gaussian(new Rng(9)).fill(new Float64Array(n)));
    expect(top.values).toEqual([expect.closeTo(10, 10), expect.closeTo(8, 10), expect.closeTo(6, 10)]);
    top.vectors.forEach((v, k) => expect(Math.abs(dot(v, Q, 0, k * n, n))).toBeCloseTo(1, 10));
    for (const r of top.residuals) expect(r).toBeLessThan(1e-9);
    expect(eigenvaluesSym(A, n).slice(0, 3)).toEqual([expect.closeTo(10, 10), expect.closeTo(8, 10), expect.closeTo(6, 10)]);
  });
  it('fits slopes', () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2, 12);
  });
});
