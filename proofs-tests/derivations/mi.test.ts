import { describe, expect, it } from 'vitest';
import { evaluate } from 'mathjs';
import { bbpThreshold, cascade, smallLrGd, spectralMean } from '../../derivations/mi.js';
import { cascadeModel } from '../../derivations/mi-laws.js';
import type { Claim } from '../../src/core/claim.js';
import { evaluateLaws, formulaOf, LawError } from '../../src/core/laws.js';
import { HermiteTarget, twoStageSweep } from '../../src/models/multiindex.js';
import { check } from '../../src/core/runner.js';
import { expectClaimInOrder } from './helpers.js';

describe('mi claims', () => {
  it('mi.spectral-mean holds and its wrong variants are refuted', () => expectClaimInOrder(spectralMean as Claim<unknown>, 8));
  it('mi.small-lr-gd holds and its wrong variants are refuted', () => expectClaimInOrder(smallLrGd as Claim<unknown>, 10));
  // simulations: two drawn cases over fixed seeds (each a sweep of d = 200 spectral matrices)
  it('mi.bbp-threshold holds and its wrong variants are refuted', () => expectClaimInOrder(bbpThreshold as Claim<unknown>, 2));
  it('mi.cascade holds and its wrong variants are refuted', () => expectClaimInOrder(cascade as Claim<unknown>, 2));
});

describe('mi.cascade: the cascade sum', () => {
  it('refutes a steeper exponent 1 - 1/(4 gamma), and resolves both exponents to 0.005', () => {
    const r = check(cascade, { name: 'steeper', equations: { error: { rhs: '-(1 - 1 / (4 * gamma))' } } }, { seed: 2024, runs: 2, digits: 30 });
    expect(r.verdict).toBe('refuted');
    const ok = check(cascade, undefined, { seed: 2024, runs: 6, digits: 30 });
    expect(ok.resolution!['error']!).toBeLessThan(0.005);
    expect(ok.resolution!['count']!).toBeLessThan(0.005);
  });
});

describe('mi.bbp-threshold: the seeds', () => {
  it('state their noise, and the threshold reading resolves a fifth of alpha_c', () => {
    const r = check(bbpThreshold, undefined, { seed: 2024, runs: 1, digits: 30 });
    expect(['verified', 'proved']).toContain(r.verdict);
    expect(r.resolution!['threshold']!).toBeLessThan(0.2);
    expect(r.resolution!['threshold']!).toBeGreaterThan(0.02);
  });
});

describe('cascade exponent model', () => {
  it('gives the cascade exponents and refuses gamma <= 1/2', () => {
    const r = evaluateLaws(cascadeModel, { gamma: 1, Delta: 1 });
    expect(r.regime).toBe('summable');
    expect(r.exponents.threshold).toBeCloseTo(2, 12);
    expect(r.exponents.count).toBeCloseTo(0.5, 12);
    expect(r.exponents.error).toBeCloseTo(0.5, 12);
    expect(r.exponents.noise).toBeCloseTo(1 + Math.PI ** 2 / 3, 10);
    expect(r.exponents.firstThreshold).toBeCloseTo((1 + Math.PI ** 2 / 3) / 4, 10);
    expect(evaluateLaws(cascadeModel, { gamma: 1.5, Delta: 0 }).exponents.error).toBeCloseTo(2 / 3, 12);
    expect(() => evaluateLaws(cascadeModel, { gamma: 0.5, Delta: 1 })).toThrow(LawError);
    expect(() => evaluateLaws(cascadeModel, { gamma: 1, Delta: -1 })).toThrow(LawError);
  });
  it('the BBP formulas the claims check are the model text', () => {
    const alphaC = formulaOf(cascadeModel, 'summable', 'alphaC');
    const overlap = formulaOf(cascadeModel, 'summable', 'overlap2');
    expect(evaluate(alphaC, { sigma2: 2, theta: 0.5 })).toBeCloseTo(2, 12);
    expect(evaluate(overlap, { sigma2: 2, theta: 0.5, alpha: 4 })).toBeCloseTo(0.5, 12);
    expect(evaluate(overlap, { sigma2: 2, theta: 0.5, alpha: 1 })).toBeCloseTo(0, 12);
  });
});

describe('two-stage sweep', () => {
  it('recovers more directions and lowers the risk as n/d grows', () => {
    const t = new HermiteTarget({ d: 60, theta: [1, 0.6, 0.3], noise: 0.5, seed: 2 });
    const s = twoStageSweep(t, [1, 10, 60], 3, 6);
    expect(s.K[0]!).toBeLessThanOrEqual(s.K[2]!);
    expect(s.risk[2]!).toBeLessThan(s.risk[0]!);
    expect(s.q[2]![0]!).toBeGreaterThan(0.8);
    expect(s.count[2]!).toBeGreaterThan(s.count[0]!);
  });
});
