import { describe, expect, it } from 'vitest';
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { directSim, divergence, doubleDescent, smallestEigenvalue, traceInverseWishart } from '../../derivations/double-descent.js';
import { Gaussian } from '../../src/numeric/float64.js';
import type { Claim } from '../../src/core/claim.js';
import { Rng } from '../../src/numeric/rng.js';
import { expectClaimInOrder } from './helpers.js';

/** X (n x d) standard Gaussian from the seeded generator */
function gaussian(n: number, d: number, g: Gaussian): Matrix {
  return new Matrix(Array.from({ length: n }, () => Array.from({ length: d }, () => g.next())));
}

describe('transport.double-descent', () => {
  it('holds over growing n, and every wrong variant is refuted', () => expectClaimInOrder(doubleDescent as Claim<unknown>, 2, 7), 120_000);

  it('the bidiagonal (Dumitriu–Edelman) sampler has the law of tr (X X^T)^-1 of a direct Gaussian X', () => {
    const [n, d, S] = [12, 20, 400];
    const g = new Gaussian(new Rng(3));
    let direct = 0;
    let model = 0;
    const dv: number[] = [];
    const mv: number[] = [];
    for (let s = 0; s < S; s++) {
      const X = gaussian(n, d, g);
      const H = X.mmul(X.transpose());
      const tr = new CholeskyDecomposition(H).solve(Matrix.eye(n)).trace();
      const tm = traceInverseWishart(n, d, g);
      dv.push(tr);
      mv.push(tm);
      direct += tr / S;
      model += tm / S;
    }
    // both near the inverse-Wishart mean n / (d - n - 1), and near each other within their standard errors
    const se = (xs: number[], m: number): number => Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
    const gap = Math.abs(direct - model);
    expect(gap).toBeLessThan(4 * Math.hypot(se(dv, direct), se(mv, model)));
    expect(Math.abs(model / (n / (d - n - 1)) - 1)).toBeLessThan(0.1);
    // and the second moment agrees too (the law, not just the mean)
    const m2 = (xs: number[]): number => xs.reduce((a, x) => a + x * x, 0) / xs.length;
    expect(Math.abs(m2(dv) / m2(mv) - 1)).toBeLessThan(0.25);
  });

  it('the Lanczos edge agrees with the symmetric eigensolver (ml-matrix EVD)', () => {
    const g = new Gaussian(new Rng(5));
    for (const [n, d] of [[40, 20], [60, 50], [30, 120]] as const) {
      const X = gaussian(n, d, g);
      const G = d < n ? X.transpose().mmul(X) : X.mmul(X.transpose());
      const evd = Math.min(...new EigenvalueDecomposition(G, { assumeSymmetric: true }).realEigenvalues);
      const lz = smallestEigenvalue(G.to2DArray().map((r) => Float64Array.from(r)), g);
      expect(Math.abs(lz / evd - 1), `${n}x${d}`).toBeLessThan(1e-8);
    }
  });

  it('the fitted divergence exponent approaches -1 as the window closes in on d/n = 1', () => {
    const errs = [0, 1, 2].map((l) => Math.abs(divergence(l, 99).slope + 1));
    expect(errs[2]!).toBeLessThan(errs[0]!);
    expect(errs[2]!).toBeLessThan(0.03);
  });

  it('the simulated mean risk straddles the interpolation peak: finite below, larger just above', () => {
    const sim = directSim(50, 4);
    const mean = (parts: { qq: number }[]): number => parts.reduce((a, p) => a + p.qq, 0) / parts.length;
    // noise part only (sigma = 1, r = 0): sigma^2 d/(n-d-1) at gamma = 0.5 is about 1, and it falls again for gamma = 4
    const under = mean(sim.under[1]!.parts);
    const over15 = mean(sim.over[0]!.parts);
    const over4 = mean(sim.over[2]!.parts);
    expect(under).toBeGreaterThan(0.7);
    expect(under).toBeLessThan(1.4);
    expect(over15).toBeGreaterThan(over4);
  });
});
