import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { tridiagonalEigenvalues } from '../../src/numeric/tridiagonal.js';
import { bidiagonalWishart, Chi2, smallestEigenvalue, traceInverse } from '../../src/models/wishart-law.js';
import { Rng } from '../../src/numeric/rng.js';

const sorted = (v: ArrayLike<number>): number[] => Array.from(v).sort((a, b) => a - b);

function dense(diag: number[], off: number[]): number[] {
  const p = diag.length;
  const M = Matrix.zeros(p, p);
  diag.forEach((x, i) => M.set(i, i, x));
  off.forEach((x, i) => {
    M.set(i, i + 1, x);
    M.set(i + 1, i, x);
  });
  return sorted(new EigenvalueDecomposition(M, { assumeSymmetric: true }).realEigenvalues);
}

/** the Gram tridiagonal B B^T of a bidiagonal draw */
function gram(p: number, m: number, seed: number): { diag: number[]; off: number[]; B: ReturnType<typeof bidiagonalWishart> } {
  const B = bidiagonalWishart(p, m, new Chi2(new Rng(seed)));
  const diag = Array.from({ length: p }, (_, i) => B.a2[i]! + (i > 0 ? B.b2[i - 1]! : 0));
  const off = Array.from({ length: p - 1 }, (_, i) => Math.sqrt(B.a2[i]! * B.b2[i]!));
  return { diag, off, B };
}

describe('eigenvalues of a symmetric tridiagonal by implicit QL', () => {
  it('are ml-matrix\'s dense eigenvalues for any entries (signs, zeros, repeated values)', () => {
    // subnormal entries break ml-matrix's reference (they are checked by hand below)
    const entry = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }).map((x) => (Math.abs(x) < 1e-300 ? 0 : x)), fc.constantFrom(0, 1, -1));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }).chain((p) => fc.tuple(fc.array(entry, { minLength: p, maxLength: p }), fc.array(entry, { minLength: p - 1, maxLength: p - 1 }))), ([diag, off]) => {
        const ours = sorted(tridiagonalEigenvalues(diag, off));
        const ref = dense(diag, off);
        const scale = Math.max(1, ...ref.map(Math.abs));
        ours.forEach((x, i) => expect(Math.abs(x - ref[i]!)).toBeLessThan(1e-12 * scale * diag.length));
      }),
      { seed: 1607, numRuns: 200 },
    );
  });

  it('keep the small eigenvalues of a near-singular Gram matrix to relative accuracy: the smallest is the Sturm bisection\'s, and sum 1/lambda is tr (B B^T)^-1 from the bidiagonal recurrence', () => {
    // square and nearly square Wishart draws: the smallest eigenvalue is ~1/p of the typical one, down to 1e-6 of the largest
    for (const [p, m, seed] of [[50, 50, 1], [200, 200, 2], [400, 401, 3], [300, 600, 4], [30, 31, 5]] as const) {
      const { diag, off, B } = gram(p, m, seed);
      const ev = tridiagonalEigenvalues(diag, off);
      const lmin = Math.min(...ev);
      expect(Math.abs(lmin / smallestEigenvalue(B) - 1), `${p}x${m} smallest`).toBeLessThan(1e-8);
      const inv = ev.reduce((a, x) => a + 1 / x, 0);
      expect(Math.abs(inv / traceInverse(B) - 1), `${p}x${m} trace of the inverse`).toBeLessThan(1e-9);
      const tr = diag.reduce((a, x) => a + x, 0);
      expect(Math.abs(ev.reduce((a, x) => a + x, 0) / tr - 1)).toBeLessThan(1e-12);
    }
  });

  it('handles the smallest orders, a diagonal matrix, and refuses a mismatched off-diagonal', () => {
    expect(Array.from(tridiagonalEigenvalues([3], []))).toEqual([3]);
    expect(sorted(tridiagonalEigenvalues([2, 2], [1]))).toEqual([1, 3].map((x) => expect.closeTo(x, 14)));
    expect(sorted(tridiagonalEigenvalues([5, -1, 2], [0, 0]))).toEqual([-1, 2, 5]);
    expect(() => tridiagonalEigenvalues([1, 2, 3], [1])).toThrow(RangeError);
    // a subnormal coupling is zero (its squares underflow: no endless rotation)
    expect(sorted(tridiagonalEigenvalues([0, 1, 0, 0, 0], [5e-324, 0, 0, 5e-324]))).toEqual([0, 0, 0, 0, 1]);
    // the inputs are left alone
    const d = [1, 2, 3];
    const e = [0.5, 0.5];
    tridiagonalEigenvalues(d, e);
    expect(d).toEqual([1, 2, 3]);
    expect(e).toEqual([0.5, 0.5]);
  });
});
