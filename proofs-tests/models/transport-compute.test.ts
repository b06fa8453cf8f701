import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeFrontier, computeOptimum, cornerTime, truncatedLoss } from '../../src/models/transport-compute.js';
import type { PowerTransport } from '../../src/models/characteristic-quadrature.js';
import { gaussLegendre } from '../../src/numeric/gauss-legendre.js';
import { goldenMin } from '../../src/numeric/fit.js';

/** The lazy continuum's loss with N modes resolved, by its own quadrature: (int_(-alpha ln N)^0 e^(nu s - 2 t e^s) ds / alpha + floor) / 2. */
function lazyLoss(alpha: number, beta: number, N: number, t: number): number {
  const nu = (beta - 1) / alpha;
  const R = gaussLegendre(24, 0, 1);
  let s = 0;
  // panels of 1/4 in s: the integrand varies on the scale of 1 (e^-2t e^s near s = -ln 2t)
  for (let lo = -alpha * Math.log(N); lo < 0; lo += 0.25) {
    const hi = Math.min(0, lo + 0.25);
    for (let i = 0; i < R.nodes.length; i++) {
      const x = lo + (hi - lo) * R.nodes[i]!;
      s += (hi - lo) * R.weights[i]! * Math.exp(nu * x - 2 * t * Math.exp(x));
    }
  }
  return 0.5 * (s / alpha + N ** (1 - beta) / (beta - 1));
}

/** The minimum of L(C/t, t) over ln t in [lo, hi] by golden section alone: a route that knows nothing of the corner or the sextic. */
function goldenOptimum(L: (N: number, t: number) => number, C: number, lo: number, hi: number): { x: number; loss: number } {
  const f = (x: number): number => Math.log(L(C / Math.exp(x), Math.exp(x)));
  const x = goldenMin(f, lo, hi, 1e-12);
  return { x, loss: Math.exp(f(x)) };
}

describe('compute-optimal frontier of the power-transport model', () => {
  it('the corner time is where the carrier started at the cut N = C/t leaves: kappa t^(q+1) = N^(alpha sigma) - 1', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.1, max: 3, noNaN: true }),
        fc.double({ min: 0.25, max: 2, noNaN: true }),
        fc.double({ min: -0.8, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        (alpha, sigma, q, c, lgC) => {
          const P: PowerTransport = { alpha, beta: 2, sigma, q, c };
          const t = cornerTime(P, 10 ** lgC);
          const N = 10 ** lgC / t;
          const kappa = (sigma * c) / (q + 1);
          // compared in logs: both sides span hundreds of decades
          expect(Math.abs(Math.log(kappa * t ** (q + 1) + 1) / (alpha * sigma * Math.log(N)) - 1)).toBeLessThan(1e-12);
        },
      ),
      { seed: 1505, numRuns: 60 },
    );
  });

  it('with vanishing transport, the lazy optimum of an independent quadrature and golden section', () => {
    for (const [alpha, beta] of [[2, 2], [1.3, 2.8], [3, 1.4]] as const) {
      const P: PowerTransport = { alpha, beta, sigma: 1, q: 0, c: 1e-12 };
      for (const C of [1e6, 1e12, 1e20]) {
        const o = computeOptimum(P, C);
        const ref = goldenOptimum((N, t) => lazyLoss(alpha, beta, N, t), C, Math.log(o.t) - 2, Math.log(o.t) + 2);
        expect(o.corner).toBe(false);
        expect(Math.abs(Math.log(o.t) - ref.x)).toBeLessThan(1e-6);
        expect(Math.abs(o.loss / ref.loss - 1)).toBeLessThan(1e-10);
        expect(o.N * o.t).toBeCloseTo(C, -Math.log10(C) + 10);
      }
    }
  });

  it('an interior minimum, far from the corner or a dip just before it, is the one golden section finds on the same losses', () => {
    const cases: PowerTransport[] = [
      // lazy-dominated, self-similar (two prefactors), next to the boundary on either side
      { alpha: 2, beta: 2, sigma: 2, q: -0.5, c: 1 },
      { alpha: 2, beta: 2, sigma: 0.5, q: -0.5, c: 1 },
      { alpha: 1.5, beta: 2.5, sigma: 1, q: 0, c: 5 },
      { alpha: 1.2, beta: 3, sigma: 0.3, q: -0.77, c: 0.01 },
      { alpha: 2, beta: 2, sigma: 0.5, q: -0.42, c: 30 },
    ];
    for (const P of cases) {
      for (const C of [1e10, 1e25]) {
        const o = computeOptimum(P, C);
        const xc = Math.log(cornerTime(P, C));
        expect(o.corner).toBe(false);
        expect(Math.log(o.t)).toBeLessThan(xc);
        const width = Math.min(1, xc - Math.log(o.t));
        const ref = goldenOptimum((N, t) => truncatedLoss(P, N, t), C, Math.log(o.t) - width, Math.min(xc, Math.log(o.t) + width));
        // golden section stops at the square root of the rounding of ln L: ~1e-7 in ln t
        expect(Math.abs(Math.log(o.t) - ref.x), JSON.stringify(P)).toBeLessThan(1e-6 * Math.max(1, width));
        expect(o.loss).toBeLessThanOrEqual(ref.loss * (1 + 1e-13));
      }
    }
  });

  it('deep in the transport-dominated regime the optimum is the corner: only the floor of N* is left, and L is larger on both sides', () => {
    const P: PowerTransport = { alpha: 2, beta: 2, sigma: 1, q: 0.5, c: 1 };
    for (const C of [1e8, 1e16, 1e30]) {
      const o = computeOptimum(P, C);
      expect(o.corner).toBe(true);
      expect(o.t).toBe(cornerTime(P, C));
      expect(o.loss).toBeCloseTo((0.5 * o.N ** (1 - P.beta)) / (P.beta - 1), 30);
      for (const f of [0.999, 0.9, 1.001, 1.1]) expect(truncatedLoss(P, C / (f * o.t), f * o.t)).toBeGreaterThan(o.loss);
    }
  });

  it('self-similar (q + 1 = sigma): the optimum moves exactly as lambda -> lambda / s, t -> s t: t* by s^alpha when C grows by s^(1+alpha)', () => {
    const P: PowerTransport = { alpha: 1.6, beta: 2.2, sigma: 0.8, q: -0.2, c: 2 };
    const base = computeOptimum(P, 1e12);
    for (const s of [10, 1e4]) {
      const o = computeOptimum(P, 1e12 * s ** (1 + P.alpha));
      // the top of the spectrum (lambda <= 1) breaks the scaling by ~N*^(-alpha sigma)
      expect(Math.abs(Math.log(o.t / base.t) / Math.log(s) - P.alpha)).toBeLessThan(1e-6);
      expect(Math.abs(Math.log(o.loss / base.loss) / Math.log(s) + (P.beta - 1))).toBeLessThan(1e-6);
    }
  });

  it('the frontier, warm-started budget by budget, is the optimum of each budget searched afresh', () => {
    const P: PowerTransport = { alpha: 1.5, beta: 2, sigma: 0.45, q: -0.47, c: 0.01 };
    const budgets = [1e8, 3e8, 1e9, 1e11, 1e14];
    const frontier = computeFrontier(P, budgets);
    budgets.forEach((C, i) => {
      const fresh = computeOptimum(P, C);
      expect(Math.abs(Math.log(frontier[i]!.t / fresh.t))).toBeLessThan(1e-9);
      expect(frontier[i]!.C).toBe(C);
    });
  });

  it('refuses a budget or a model it cannot search', () => {
    const P: PowerTransport = { alpha: 2, beta: 2, sigma: 1, q: 0, c: 1 };
    expect(() => cornerTime(P, 0)).toThrow(RangeError);
    expect(() => truncatedLoss(P, 0.5, 1)).toThrow(RangeError);
  });
});
