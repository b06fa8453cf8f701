import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { symmetricEigen } from '../../src/numeric/sym-eigen64.js';
import { Rng } from '../../src/numeric/rng.js';

/** worst |A v - lambda v|, worst |V V^T - I| and whether the values descend */
function check(A: Float64Array, n: number): { residual: number; orth: number; descending: boolean; values: Float64Array } {
  const { values, vectors } = symmetricEigen(A, n);
  let residual = 0;
  let orth = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += A[i * n + k]! * vectors[j * n + k]!;
      residual = Math.max(residual, Math.abs(s - values[j]! * vectors[j * n + i]!));
    }
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += vectors[j * n + i]! * vectors[k * n + i]!;
      orth = Math.max(orth, Math.abs(s - (j === k ? 1 : 0)));
    }
  }
  return { residual, orth, descending: values.every((v, j) => j === 0 || v <= values[j - 1]!), values };
}

const symmetric = (n: number, entry: (i: number, j: number) => number): Float64Array => {
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = entry(i, j);
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  return A;
};

describe('symmetric eigenpairs in float64 (Householder and QL)', () => {
  it('are eigenpairs, orthonormal and descending, with ml-matrix\'s values, for drawn matrices of order 1 to 40', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 0x7fffffff }), fc.constantFrom(1e-3, 1, 1e3), (n, seed, scale) => {
        const rng = new Rng(seed);
        const A = symmetric(n, () => scale * (2 * rng.next() - 1));
        const { residual, orth, descending, values } = check(A, n);
        const M = new Matrix(n, n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, A[i * n + j]!);
        const ref = [...new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues].sort((a, b) => b - a);
        const norm = scale * n;
        expect(residual).toBeLessThan(1e-13 * norm);
        expect(orth).toBeLessThan(1e-13 * n);
        expect(descending).toBe(true);
        ref.forEach((v, j) => expect(Math.abs(values[j]! - v)).toBeLessThan(1e-13 * norm));
      }),
      { seed: 20261206, numRuns: 60 },
    );
  });

  it('handle repeated eigenvalues, zero and diagonal matrices, and a spike on a degenerate bulk', () => {
    const n = 12;
    for (const A of [
      symmetric(n, (i, j) => (i === j ? 1 : 0)),
      symmetric(n, () => 0),
      symmetric(n, (i, j) => (i === j ? (i % 3) - 1 : 0)),
      // rank one plus identity: one eigenvalue 1 + n, the rest 1 (an (n - 1)-fold cluster)
      symmetric(n, (i, j) => (i === j ? 2 : 1)),
    ]) {
      const { residual, orth, descending } = check(A, n);
      expect(residual).toBeLessThan(1e-13 * n);
      expect(orth).toBeLessThan(1e-13 * n);
      expect(descending).toBe(true);
    }
    const { values } = symmetricEigen(symmetric(n, (i, j) => (i === j ? 2 : 1)), n);
    expect(values[0]!).toBeCloseTo(n + 1, 12);
    for (let j = 1; j < n; j++) expect(values[j]!).toBeCloseTo(1, 12);
  });

  it('read the lower triangle only, leave A untouched, and refuse a wrong size', () => {
    const A = symmetric(5, (i, j) => i + 2 * j + 1);
    const lower = A.slice();
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) lower[i * 5 + j] = Number.NaN;
    const copy = lower.slice();
    expect(Array.from(symmetricEigen(lower, 5).values)).toEqual(Array.from(symmetricEigen(A, 5).values));
    expect(Array.from(lower)).toEqual(Array.from(copy));
    expect(() => symmetricEigen(new Float64Array(5), 2)).toThrow(RangeError);
    expect(symmetricEigen(new Float64Array(0), 0).values.length).toBe(0);
  });
});
