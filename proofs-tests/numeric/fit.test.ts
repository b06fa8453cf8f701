import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { goldenMin, logGrid, logSlope, peak, windowSlope } from '../../src/numeric/fit.js';

const golden = (Math.sqrt(5) - 1) / 2;

describe('logSlope', () => {
  ptest.prop(
    [
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: 0.01, max: 100, noNaN: true }),
      fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: 2, maxLength: 12 }),
    ],
    { seed: 11, numRuns: 60 },
  )('recovers the exponent of an exact power law c x^p (x off-centre in log: the mean matters)', (p, c, logs) => {
    // distinct abscissae, shifted away from 1 so that ln x has a non-zero mean
    const x = [...new Set(logs.map((l) => Math.round(l * 8) / 8))].map((l) => Math.exp(l + 2));
    fc.pre(x.length >= 2);
    const y = x.map((v) => c * v ** p);
    expect(logSlope(x, y)).toBeCloseTo(p, 9);
    // a typed array and a plain array are the same data
    expect(logSlope(Float64Array.from(x), Float64Array.from(y))).toBeCloseTo(p, 9);
  });

  it('is the least-squares slope, not an interpolation: three points off a line', () => {
    // ln x = 0, 1, 3 (mean 4/3), ln y = 0, 2, 3: slope = sum dx dy / sum dx^2 = 13/14
    expect(logSlope([1, Math.E, Math.E ** 3], [1, Math.E ** 2, Math.E ** 3])).toBeCloseTo(13 / 14, 12);
    // two points: exactly the chord
    expect(logSlope([2, 8], [3, 3 / 16])).toBeCloseTo(-2, 12);
  });

  it('rejects fewer than two points, mismatched lengths and non-positive values', () => {
    expect(() => logSlope([1], [1])).toThrow(/at least two points/);
    expect(() => logSlope([], [])).toThrow(/at least two points/);
    expect(() => logSlope([1, 2, 3], [1, 2])).toThrow(/at least two points/);
    expect(() => logSlope([1, 2], [1, 2, 3])).toThrow(/at least two points/);
    expect(() => logSlope([1, 2, 0], [1, 2, 3])).toThrow(/non-positive value at point 2/);
    expect(() => logSlope([1, 2, 3], [1, 0, 3])).toThrow(/non-positive value at point 1/);
    expect(() => logSlope([1, -2, 3], [1, 2, 3])).toThrow(/non-positive value at point 1/);
    expect(() => logSlope([1, 2, 3], [1, 2, Number.NaN])).toThrow(/non-positive value at point 2/);
  });
});

describe('logGrid', () => {
  it('has perDecade points per decade, both ends included, geometrically spaced', () => {
    const g = logGrid(-1, 2, 3);
    expect(g).toHaveLength(10);
    g.forEach((v, i) => expect(v).toBeCloseTo(10 ** (-1 + i / 3), 12));
    expect(g[0]).toBe(0.1);
    expect(g[9]).toBe(100);
  });
  ptest.prop([fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 12 })], { seed: 12, numRuns: 40 })(
    'ratio of neighbours is 10^(1/perDecade); the count is decades * perDecade + 1',
    (lo, decades, per) => {
      const g = logGrid(lo, lo + decades, per);
      expect(g).toHaveLength(decades * per + 1);
      expect(Math.log10(g[0]!)).toBeCloseTo(lo, 12);
      expect(Math.log10(g[g.length - 1]!)).toBeCloseTo(lo + decades, 12);
      for (let i = 1; i < g.length; i++) expect(Math.log10(g[i]! / g[i - 1]!)).toBeCloseTo(1 / per, 12);
    },
  );
});

describe('windowSlope', () => {
  it('keeps the points in [a, b] up to a relative 1e-12, and only those', () => {
    const a = 3;
    const b = 300;
    // inside: an exact power law x^-1.5; outside: values that would spoil it
    const inside = [a * (1 - 1e-12), a * (1 - 0.5e-12), a, 10, 50, b, b * (1 + 0.5e-12), b * (1 + 1e-12)];
    const outside = [a * (1 - 3e-12), 0.5, b * (1 + 3e-12), 1e4];
    const x = [...outside.slice(0, 2), ...inside, ...outside.slice(2)];
    const y = x.map((v) => (inside.includes(v) ? v ** -1.5 : 7));
    expect(windowSlope(x, y, a, b)).toBeCloseTo(-1.5, 9);
  });
  it('each boundary point counts: dropping the lowest or highest kept point changes the slope', () => {
    // y bends at both ends, so the answer depends on exactly which points were kept
    const a = 2;
    const b = 16;
    const x = [1, a * (1 - 1e-12), 4, 8, b * (1 + 1e-12), 32];
    const y = [1, 5, 2, 3, 9, 1];
    const kept = (i: number): boolean => i >= 1 && i <= 4;
    const ref = logSlope(x.filter((_, i) => kept(i)), y.filter((_, i) => kept(i)));
    expect(windowSlope(x, y, a, b)).toBeCloseTo(ref, 12);
    expect(Math.abs(ref - logSlope([4, 8, b], [2, 3, 9]))).toBeGreaterThan(0.1);
    expect(Math.abs(ref - logSlope([a, 4, 8], [5, 2, 3]))).toBeGreaterThan(0.1);
  });
  it('an empty window is an error, not a number', () => {
    expect(() => windowSlope([1, 2, 3], [1, 2, 3], 10, 20)).toThrow(RangeError);
  });
});

describe('peak', () => {
  ptest.prop(
    [fc.integer({ min: 3, max: 30 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })],
    { seed: 13, numRuns: 60 },
  )('finds the vertex of a sampled parabola exactly (uneven spacing, vertex anywhere inside)', (n, frac, curv, x0) => {
    // abscissae with growing gaps; the vertex between the second and the next-to-last sample
    const x = Array.from({ length: n }, (_, i) => x0 + i + 0.03 * i * i);
    const v = x[1]! + frac * (x[n - 2]! - x[1]!);
    const y = x.map((s) => 4 - curv * (s - v) ** 2);
    expect(peak(x, y)).toBeCloseTo(v, 8);
  });
  it('at an end, returns the end itself', () => {
    expect(peak([1, 2, 3, 4], [9, 5, 2, 1])).toBe(1);
    expect(peak([1, 2, 3, 4], [1, 2, 5, 9])).toBe(4);
    // ties between the two ends: the first maximum wins
    expect(peak([1, 2, 3], [5, 1, 5])).toBe(1);
  });
  it('on ties, refines around the first maximum', () => {
    // maxima at x = 1 and x = 3; the parabola through (0,0), (1,5), (2,1) has its vertex at 1 - 0.5 * (5 - 1 - 5 * (-1)^2... )
    const p = peak([0, 1, 2, 3, 4], [0, 5, 1, 5, 0]);
    // vertex of the parabola through (0, 0), (1, 5), (2, 1): y = -4.5 x^2 + 9.5 x, at 9.5 / 9
    expect(p).toBeCloseTo(9.5 / 9, 12);
  });
  it('degenerate neighbours (same abscissa on both sides): the largest sample', () => {
    expect(peak([0, 1, 0], [0, 1, 0])).toBe(1);
  });
});

describe('goldenMin', () => {
  ptest.prop(
    [fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.integer({ min: 3, max: 12 }), fc.boolean()],
    { seed: 14, numRuns: 80 },
  )('brackets the known minimum of a unimodal function to tol (1 + |a| + |b|) in the golden number of evaluations', (a, frac, width, digits, kinked) => {
    const b = a + width;
    const m = a + frac * width;
    const tol = 10 ** -digits;
    let evals = 0;
    // a kink (|x - m|, asymmetric) or a smooth quartic: both unimodal with the minimum at m
    const f = (x: number): number => {
      evals++;
      return kinked ? (x < m ? 3 * (m - x) : x - m) : (x - m) ** 4 + (x - m) ** 2;
    };
    const got = goldenMin(f, a, b, tol);
    // the stopping width is relative to the final bracket, which sits at m
    const bound = tol * (1 + 2 * Math.abs(m));
    // the final bracket is about `bound` wide and holds m
    expect(Math.abs(got - m)).toBeLessThanOrEqual(bound);
    // each evaluation shrinks the bracket by the golden ratio; it stops at the first width under the bound
    const shrinks = Math.ceil(Math.log(bound / width) / Math.log(golden));
    expect(evals).toBeGreaterThanOrEqual(2 + shrinks - 1);
    expect(evals).toBeLessThanOrEqual(2 + shrinks + 1);
  });
  it('default tolerance 1e-10: a parabola minimum to 1e-9, and not refined further than needed', () => {
    let evals = 0;
    const got = goldenMin((x) => (evals++, (x - 1.3) ** 2), 0, 4);
    expect(Math.abs(got - 1.3)).toBeLessThan(1e-9);
    // width 4 down to 1e-10 (1 + 2 * 1.3): ln(9e-11) / ln(0.618) = 48.06, so 49 shrinks after the first two
    expect(evals).toBe(51);
  });
  it('a minimum at an end of the interval', () => {
    expect(goldenMin((x) => x, 2, 5, 1e-12)).toBeCloseTo(2, 10);
    expect(goldenMin((x) => -x, 2, 5, 1e-12)).toBeCloseTo(5, 10);
  });
});
