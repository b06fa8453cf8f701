import { describe, expect, it } from 'vitest';
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, pseudoInverse } from 'ml-matrix';
import {
  CholSolver,
  directSim,
  divergence,
  doubleDescent,
  NEAR_N,
  NEAR_OFFSET,
  nearDesignsAt,
  nearThreshold,
  smallestEigenvalue,
  traceInverseWishart,
} from '../../derivations/double-descent.js';
import { Gaussian } from '../../src/numeric/float64.js';
import type { Claim } from '../../src/core/claim.js';
import { mutantsOf } from '../../src/core/mutants.js';
import { check } from '../../src/core/runner.js';
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

  it('the Cholesky factor is ml-matrix\'s, and tr G^-1 from it is E_eps ||X^+ eps||^2 = ||X^+||_F^2 (ml-matrix SVD pseudo-inverse)', () => {
    const g = new Gaussian(new Rng(11));
    for (const [n, d] of [[20, 14], [20, 26], [40, 10], [30, 120]] as const) {
      const X = gaussian(n, d, g);
      const G = d < n ? X.transpose().mmul(X) : X.mmul(X.transpose());
      const S = new CholSolver(G.to2DArray().map((r) => Float64Array.from(r)));
      const ref = new CholeskyDecomposition(G).lowerTriangularMatrix.to2DArray();
      let gap = 0;
      S.factor.forEach((r, i) => r.forEach((x, j) => (gap = Math.max(gap, Math.abs(x - ref[i]![j]!)))));
      expect(gap / Math.sqrt(Math.max(n, d)), `${n}x${d} factor`).toBeLessThan(1e-12);
      const P = pseudoInverse(X);
      const fro = P.to2DArray().reduce((a, r) => a + r.reduce((b, x) => b + x * x, 0), 0);
      expect(Math.abs(S.traceInverse() / fro - 1), `${n}x${d} trace`).toBeLessThan(1e-10);
    }
  });

  it('next to the threshold the ±1 of the formulas is resolved: the simulated variance is within 3.5 standard errors of p/(m - p - 1), and the finite-size mutants are refuted', () => {
    const near = nearThreshold(3, nearDesignsAt(2));
    for (const [P, m, p] of [
      [near.under, NEAR_N, NEAR_N - NEAR_OFFSET],
      [near.over, NEAR_N + NEAR_OFFSET, NEAR_N],
    ] as const) {
      const xs = P.parts.map((x) => x.qq);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const se = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) / xs.length);
      // the inverse-Wishart mean p / (m - p - 1), and its finite-size neighbours (the constant 1 as 0.5, 0, 2, -1)
      expect(Math.abs(mean - p / (m - p - 1)), `${m}x${p}`).toBeLessThan(3.5 * se);
      for (const c of [0.5, 0, 2, -1]) expect(Math.abs(mean - p / (m - p - c)), `${m}x${p}, c = ${c}`).toBeGreaterThan(0.05 * mean + 3 * se);
    }
    // below the threshold the signal part vanishes (without noise the least-squares fit recovers beta)
    expect(Math.max(...near.under.parts.map((x) => x.pp))).toBeLessThan(1e-20);
    // the automatic mutants of the -1 in both formulas, run through the engine (the main test's seed: cached cases)
    const finiteSize = mutantsOf(doubleDescent.encoding).filter((m) => /^def Rth_[uo]$/.test(m.site) && /^(sign flipped|term dropped): (n_u - d_u|d_o - n_o) - 1 -> | in (n_u - d_u|d_o - n_o) - 1$/.test(m.mutation));
    expect(finiteSize.map((m) => `${m.site}: ${m.mutation}`)).toHaveLength(8);
    for (const m of finiteSize) expect(check(doubleDescent as Claim<unknown>, m.variant, { seed: 7, runs: 6, digits: 30, maxShrinks: 0 }).verdict, `${m.site}: ${m.mutation}`).toBe('refuted');
  }, 240_000);

  it('the simulation is precise enough for the stricter test: the whole 3-standard-error interval of every point lies within the tolerance (the sign-flipped allowance holds)', () => {
    const strict = mutantsOf(doubleDescent.encoding).filter((m) => /^eq risk-(under|over)\.lhs$/.test(m.site) && m.mutation.startsWith('sign flipped: abs('));
    expect(strict.map((m) => m.mutation)).toEqual([
      'sign flipped: abs(R_u ./ Rth_u - 1) - 3 * se_u -> abs(R_u ./ Rth_u - 1) + (3 * se_u)',
      'sign flipped: abs(R_o ./ Rth_o - 1) - 3 * se_o -> abs(R_o ./ Rth_o - 1) + (3 * se_o)',
    ]);
    // the main test's seed and runs: cached cases
    for (const m of strict) expect(check(doubleDescent as Claim<unknown>, m.variant, { seed: 7, runs: 2, digits: 30, maxShrinks: 0 }).verdict, m.mutation).toBe('verified');
  }, 240_000);

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
