import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { bidiagonalWishart, Chi2, smallestEigenvalue, traceInverse, type Bidiagonal } from '../../src/models/wishart-law.js';
import { Gaussian } from '../../src/numeric/float64.js';
import { Rng } from '../../src/numeric/rng.js';

/** B B^T as a dense matrix, B lower bidiagonal with diagonal sqrt(a2) and subdiagonal sqrt(b2). */
function gram(B: Bidiagonal): Matrix {
  const p = B.a2.length;
  const M = Matrix.zeros(p, p);
  for (let i = 0; i < p; i++) {
    M.set(i, i, Math.sqrt(B.a2[i]!));
    if (i > 0) M.set(i, i - 1, Math.sqrt(B.b2[i - 1]!));
  }
  return M.mmul(M.transpose());
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const se = (xs: number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
};

describe('the Wishart law through the bidiagonal model', () => {
  it('tr (B B^T)^-1 and the smallest eigenvalue are those of the dense matrix (ml-matrix)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 0x7fffffff }), (p, extra, seed) => {
        const B = bidiagonalWishart(p, p + extra, new Chi2(new Rng(seed)));
        const G = gram(B);
        const tr = new CholeskyDecomposition(G).solve(Matrix.eye(p)).trace();
        expect(Math.abs(traceInverse(B) / tr - 1)).toBeLessThan(1e-9);
        const lmin = Math.min(...new EigenvalueDecomposition(G, { assumeSymmetric: true }).realEigenvalues);
        expect(Math.abs(smallestEigenvalue(B) / lmin - 1)).toBeLessThan(1e-8);
      }),
      { seed: 1505, numRuns: 40 },
    );
  });

  it('chi-squared draws have mean k and variance 2k', () => {
    const g = new Chi2(new Rng(9));
    for (const k of [1, 2, 3, 7, 40]) {
      const xs = Array.from({ length: 40_000 }, () => g.draw(k));
      const m = mean(xs);
      expect(Math.abs(m - k), `k = ${k}`).toBeLessThan(4 * se(xs));
      const v = xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
      expect(Math.abs(v / (2 * k) - 1), `k = ${k}`).toBeLessThan(0.06);
    }
  });

  it('has the law of the Gram matrix of a Gaussian design: the inverse-Wishart mean p/(m-p-1), and the moments of direct designs', () => {
    const [p, m, S] = [8, 14, 3000];
    const g = new Chi2(new Rng(21));
    const model = Array.from({ length: S }, () => traceInverse(bidiagonalWishart(p, m, g)));
    const gd = new Gaussian(new Rng(22));
    const direct = Array.from({ length: S }, () => {
      const Z = new Matrix(Array.from({ length: m }, () => Array.from({ length: p }, () => gd.next())));
      return new CholeskyDecomposition(Z.transpose().mmul(Z)).solve(Matrix.eye(p)).trace();
    });
    expect(Math.abs(mean(model) - p / (m - p - 1))).toBeLessThan(4 * se(model));
    expect(Math.abs(mean(model) - mean(direct))).toBeLessThan(4 * Math.hypot(se(model), se(direct)));
    const m2 = (xs: number[]): number => mean(xs.map((x) => x * x));
    expect(Math.abs(m2(model) / m2(direct) - 1)).toBeLessThan(0.15);
    // and the smallest eigenvalue's mean
    const lm = Array.from({ length: S }, () => smallestEigenvalue(bidiagonalWishart(p, m, g)));
    const ld = Array.from({ length: S }, () => {
      const Z = new Matrix(Array.from({ length: m }, () => Array.from({ length: p }, () => gd.next())));
      return Math.min(...new EigenvalueDecomposition(Z.transpose().mmul(Z), { assumeSymmetric: true }).realEigenvalues);
    });
    expect(Math.abs(mean(lm) - mean(ld))).toBeLessThan(4 * Math.hypot(se(lm), se(ld)));
  });

  it('refuses a law that does not exist', () => {
    expect(() => bidiagonalWishart(5, 4, new Chi2(new Rng(1)))).toThrow(RangeError);
    expect(() => bidiagonalWishart(0, 4, new Chi2(new Rng(1)))).toThrow(RangeError);
  });
});
