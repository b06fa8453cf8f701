import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { controlVariateMean } from '../../src/numeric/control-variates.js';
import { Rng } from '../../src/numeric/rng.js';
import { gaussianSource } from '../../src/models/dmft.js';

describe('control-variate mean', () => {
  it('without controls: the sample mean and its standard error', () => {
    const y = [1, 2, 3, 4, 6];
    const r = controlVariateMean(y, y.map(() => []));
    expect(r.mean).toBeCloseTo(3.2, 14);
    const sd = Math.sqrt(y.reduce((a, v) => a + (v - 3.2) ** 2, 0) / 4);
    expect(r.se).toBeCloseTo(sd / Math.sqrt(5), 14);
  });

  it('is ybar - beta zbar with the least-squares beta, and exact when y is affine in the controls', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const rng = new Rng(seed);
        const g = gaussianSource(() => rng.next());
        const z = Array.from({ length: 40 }, () => [g(), g()]);
        // y = 5 + 2 z1 - 3 z2 exactly: the controls explain everything, the estimate is the intercept
        const y = z.map(([a, b]) => 5 + 2 * a! - 3 * b!);
        const r = controlVariateMean(y, z);
        expect(r.mean).toBeCloseTo(5, 10);
        expect(r.beta[0]).toBeCloseTo(2, 10);
        expect(r.beta[1]).toBeCloseTo(-3, 10);
        expect(r.se).toBeLessThan(1e-10);
      }),
      { seed: 15, numRuns: 20 },
    );
  });

  it('shrinks the standard error by sqrt(1 - R^2), and its estimates scatter as it says', () => {
    const rng = new Rng(7);
    const g = gaussianSource(() => rng.next());
    const S = 400;
    const plain: number[] = [];
    const cv: number[] = [];
    const ses: number[] = [];
    for (let rep = 0; rep < 60; rep++) {
      const z = Array.from({ length: S }, () => [g()]);
      // corr 0.9: R^2 = 0.81, the standard error shrinks to 0.44 of the plain one
      const y = z.map(([a]) => 1 + 0.9 * a! + Math.sqrt(1 - 0.81) * g());
      plain.push(y.reduce((s, v) => s + v, 0) / S);
      const r = controlVariateMean(y, z);
      cv.push(r.mean);
      ses.push(r.se);
    }
    const sd = (v: number[]): number => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    };
    const meanSe = ses.reduce((a, b) => a + b, 0) / ses.length;
    expect(meanSe).toBeCloseTo(Math.sqrt(0.19 / S), 3);
    // the scatter of the estimates matches the stated standard error (within the scatter of 60 draws)
    expect(sd(cv) / meanSe).toBeGreaterThan(0.75);
    expect(sd(cv) / meanSe).toBeLessThan(1.3);
    expect(sd(cv)).toBeLessThan(0.6 * sd(plain));
  });

  it('collinear controls cost nothing: dropped through the singular values', () => {
    const rng = new Rng(3);
    const g = gaussianSource(() => rng.next());
    const z = Array.from({ length: 50 }, () => {
      const a = g();
      return [a, 2 * a];
    });
    const y = z.map(([a]) => 1 + a! + 0.1 * g());
    const r = controlVariateMean(y, z);
    expect(Number.isFinite(r.se)).toBe(true);
    expect(Math.abs(r.mean - 1)).toBeLessThan(0.1);
    // the fitted combination reproduces the slope along the shared direction
    expect(r.beta[0]! + 2 * r.beta[1]!).toBeCloseTo(1, 1);
  });

  it('refuses mismatched or too few draws', () => {
    expect(() => controlVariateMean([1, 2, 3], [[1], [2]])).toThrow(/one row/);
    expect(() => controlVariateMean([1, 2, 3], [[1, 2], [2, 3], [3, 5]])).toThrow(/cannot fit/);
  });
});
