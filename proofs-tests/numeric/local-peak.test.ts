import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { localPeak, localPeakValue } from '../../src/numeric/local-peak.js';
import { peak } from '../../src/numeric/fit.js';

describe('localPeak: the maximum of the interpolant through 2h + 1 samples', () => {
  it('is exact for a polynomial of the interpolant degree (quartic through five, sextic through seven), on uneven grids', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.3, max: 0.7, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.integer({ min: 2, max: 3 }), (x0, c3, h) => {
        // -(x - x0)^2 (1 + c3 (x - x0)) + 0.1 (x - x0)^4: a strict maximum at x0 near [0, 1]
        const f = (x: number): number => -((x - x0) ** 2) * (1 + c3 * (x - x0)) + (h === 3 ? 0.05 * (x - x0) ** 6 : 0.1 * (x - x0) ** 4);
        const xs = Array.from({ length: 15 }, (_, i) => -0.5 + 2 * (i / 14) ** 1.3);
        const got = localPeak(xs, xs.map(f), h);
        expect(Math.abs(got - x0)).toBeLessThan(1e-10);
        expect(localPeakValue(xs, xs.map(f), h).y).toBeCloseTo(0, 12);
      }),
      { seed: 1505, numRuns: 60 },
    );
  });
  it('errs by O(spacing^4) through five samples where a parabola errs by O(spacing^2)', () => {
    const f = (x: number): number => -Math.cosh(2 * (x - 0.3137)) + 0.3 * Math.sin(3 * x);
    // the true maximiser, by bisection on the derivative
    const df = (x: number): number => -2 * Math.sinh(2 * (x - 0.3137)) + 0.9 * Math.cos(3 * x);
    let [lo, hi] = [0, 1];
    for (let i = 0; i < 200; i++) [lo, hi] = df((lo + hi) / 2) > 0 ? [(lo + hi) / 2, hi] : [lo, (lo + hi) / 2];
    const truth = (lo + hi) / 2;
    const errs = [0.1, 0.05, 0.025].map((hStep) => {
      const xs = Array.from({ length: Math.round(3 / hStep) + 1 }, (_, i) => -1 + i * hStep);
      return [Math.abs(localPeak(xs, xs.map(f)) - truth), Math.abs(peak(xs, xs.map(f)) - truth)];
    });
    // quartic: 16x smaller per halving (allow 10x); the parabola only ~4x to 8x
    expect(errs[1]![0]!).toBeLessThan(errs[0]![0]! / 10);
    expect(errs[2]![0]!).toBeLessThan(errs[1]![0]! / 10);
    expect(errs[2]![0]!).toBeLessThan(errs[2]![1]! / 100);
  });
  it('returns the largest sample at an end of the samples, or with too few around it', () => {
    expect(localPeak([0, 1, 2, 3], [5, 4, 3, 2])).toBe(0);
    expect(localPeak([0, 1, 2, 3], [1, 4, 3, 2])).toBe(1);
    expect(localPeakValue([0, 1, 2], [1, 2, 3])).toEqual({ x: 2, y: 3 });
  });
});
