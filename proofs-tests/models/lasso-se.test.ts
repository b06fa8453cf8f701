import { describe, expect, it } from 'vitest';
import { lassoSE, PowerLawSum, SEUnresolved, seResidual } from '../../src/models/lasso-se.js';

/*
 * The noiseless state evolution near interpolation (p = kappa n > n, lambda = n^beta with beta
 * far below 1 - gamma): df comes within n - df = lambda / t ~ 1e-8 n of n, so the calibration
 * lambda = t (n - df) is steep in alpha (d ln lambda / d ln alpha ~ n / (n - df)).
 * diag.phase-diagram's 'interp' measurement at seed 9: gamma = 15/8, kappa = 4,
 * beta = 1 - gamma - 0.3 - 0.5 (9/16) = -1.45625.
 */
const gamma = 1.875;
const beta = 1 - gamma - 0.3 - 0.5 * (9 / 16);

describe('the state evolution where n - df ~ 1e-8 n (noiseless, p = 4n)', () => {
  const n = 1e12;
  const lambda = n ** beta;
  const target = new PowerLawSum(gamma, 4 * n);
  it('is solved from scratch to its tolerance (it threw: a forward difference of 1e-7 in ln alpha moved df past n, and a step below the tolerance was taken for convergence)', () => {
    const P = lassoSE(target, n, 0, lambda, 1, 1e-10);
    expect(seResidual(target, n, 0, lambda, P)).toBeLessThan(1e-6);
    // the calibration read off the returned point: lambda = t (n - df), n tau^2 = E
    expect(n - P.df).toBeGreaterThan(0);
    expect(Math.abs((P.t * (n - P.df)) / lambda - 1)).toBeLessThan(1e-6);
    expect(Math.abs((n * P.tau * P.tau) / P.risk - 1)).toBeLessThan(1e-6);
    // near interpolation df/n -> 1 and alpha solves 1/kappa = E / (p tau^2) of the null coordinates
    expect(1 - P.df / n).toBeLessThan(1e-7);
  });
  it("lands on the same point from a neighbour's solution (Newton's method)", () => {
    const cold = lassoSE(target, n, 0, lambda, 1, 1e-10);
    const near = lassoSE(target, n, 0, lambda * 1.5, 1, 1e-10);
    const warm = lassoSE(target, n, 0, lambda, near.alpha, 1e-10, near);
    expect(seResidual(target, n, 0, lambda, warm)).toBeLessThan(1e-6);
    expect(Math.abs(warm.risk / cold.risk - 1)).toBeLessThan(1e-9);
    expect(Math.abs(warm.alpha / cold.alpha - 1)).toBeLessThan(1e-12);
  });
});

describe('a fixed point float64 does not resolve', () => {
  it('is reported as SEUnresolved (n - df ~ 1e-13 n), never returned off its equations', () => {
    const n = 1e20;
    const lambda = n ** beta;
    const target = new PowerLawSum(gamma, 4 * n);
    expect(() => lassoSE(target, n, 0, lambda, 1, 1e-10)).toThrow(SEUnresolved);
  });
  it('while n - df ~ 5e-13 n is still resolved, to the float64 grain of df', () => {
    const n = 1e20;
    const lambda = n ** beta;
    const target = new PowerLawSum(gamma, 2 * n);
    const P = lassoSE(target, n, 0, lambda, 1, 1e-10);
    expect(seResidual(target, n, 0, lambda, P)).toBeLessThan(1e-3);
  });
});
