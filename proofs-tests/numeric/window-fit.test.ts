import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { windowFit } from '../../src/numeric/window-fit.js';
import { windowSlope } from '../../src/numeric/fit.js';

describe('windowFit: a log-log slope over a window and its standard error', () => {
  it('has the slope of windowSlope, and the textbook standard error (checked against the normal equations in another form)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), { minLength: 9, maxLength: 9 }), fc.double({ min: -3, max: 3, noNaN: true }), (noise, k) => {
        const x = Array.from({ length: 9 }, (_, i) => 10 ** (i / 8));
        const y = x.map((v, i) => 2 * v ** k * Math.exp(noise[i]!));
        const f = windowFit(x, y, 1, 10);
        expect(f.slope).toBeCloseTo(windowSlope(x, y, 1, 10), 12);
        // se^2 = (S_yy - b^2 S_xx) / ((n - 2) S_xx) from the sums of squares
        const lx = x.map(Math.log);
        const ly = y.map(Math.log);
        const mx = lx.reduce((a, b) => a + b) / 9;
        const my = ly.reduce((a, b) => a + b) / 9;
        const sxx = lx.reduce((a, v) => a + (v - mx) ** 2, 0);
        const syy = ly.reduce((a, v) => a + (v - my) ** 2, 0);
        const se = Math.sqrt(Math.max(0, syy - f.slope ** 2 * sxx) / (7 * sxx));
        expect(Math.abs(f.se - se)).toBeLessThan(1e-9 * (1 + se));
        expect(f.n).toBe(9);
      }),
      { seed: 1505, numRuns: 50 },
    );
  });
  it('is exact with no error on a pure power law, and reads only the window', () => {
    const x = [0.5, 1, 2, 4, 8, 16];
    const f = windowFit(x, x.map((v) => 3 * v ** -1.25), 1, 8);
    expect(f.slope).toBeCloseTo(-1.25, 13);
    expect(f.se).toBeLessThan(1e-13);
    expect(f.n).toBe(4);
    expect(() => windowFit(x, x, 100, 200)).toThrow(RangeError);
  });
});
