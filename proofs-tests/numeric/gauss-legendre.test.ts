import { describe, expect, it } from 'vitest';
import { gaussLegendre } from '../../src/numeric/gauss-legendre.js';

const integrate = (m: number, a: number, b: number, f: (x: number) => number): number => {
  const r = gaussLegendre(m, a, b);
  return r.nodes.reduce((s, x, i) => s + r.weights[i]! * f(x), 0);
};

describe('Gauss–Legendre quadrature', () => {
  it('integrates every monomial up to degree 2m - 1 exactly, and not degree 2m', () => {
    for (const m of [1, 2, 3, 5, 10, 12]) {
      const [a, b] = [-0.5, 1.75];
      for (let k = 0; k <= 2 * m; k++) {
        const exact = (b ** (k + 1) - a ** (k + 1)) / (k + 1);
        const err = Math.abs(integrate(m, a, b, (x) => x ** k) - exact);
        if (k < 2 * m) expect(err, `m = ${m}, degree ${k}`).toBeLessThan(1e-13 * Math.max(1, Math.abs(exact)));
        else expect(err, `m = ${m}, degree ${k}`).toBeGreaterThan(1e-10);
      }
    }
  });

  it('has increasing nodes inside (a, b), symmetric about the midpoint, and positive weights summing to b - a', () => {
    const r = gaussLegendre(9, 2, 5);
    expect(r.nodes).toHaveLength(9);
    for (let i = 0; i < 9; i++) {
      expect(r.nodes[i]!).toBeGreaterThan(2);
      expect(r.nodes[i]!).toBeLessThan(5);
      if (i > 0) expect(r.nodes[i]!).toBeGreaterThan(r.nodes[i - 1]!);
      expect(r.nodes[i]! + r.nodes[8 - i]!).toBeCloseTo(7, 13);
      expect(r.weights[i]!).toBeGreaterThan(0);
      expect(r.weights[i]!).toBeCloseTo(r.weights[8 - i]!, 13);
    }
    expect(r.nodes[4]).toBeCloseTo(3.5, 14);
    expect(r.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(3, 13);
    // the one-point rule is the midpoint rule
    expect(gaussLegendre(1, 2, 5)).toEqual({ nodes: [3.5], weights: [3] });
  });

  it('converges geometrically on an analytic integrand (the dissipation integral of a characteristic)', () => {
    // int_0^1 (1 - t/2)^-4 dt = (2/3) (2^3 - 1)
    const exact = (2 / 3) * 7;
    const err = [4, 8, 12].map((m) => Math.abs(integrate(m, 0, 1, (t) => (1 - t / 2) ** -4) - exact) / exact);
    expect(err[1]!).toBeLessThan(err[0]! / 100);
    expect(err[2]!).toBeLessThan(1e-9);
  });

  it('refuses a count of nodes that is not a positive integer', () => {
    expect(() => gaussLegendre(0, 0, 1)).toThrow(RangeError);
    expect(() => gaussLegendre(2.5, 0, 1)).toThrow(RangeError);
  });
});
