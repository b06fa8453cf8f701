import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { decayIntegral, quadratureEnergy, truncatedEnergies, type PowerTransport } from '../../src/models/characteristic-quadrature.js';
import { FiniteVolume } from '../../src/numeric/finite-volume.js';
import { gaussLegendre } from '../../src/numeric/gauss-legendre.js';
import { gamma } from '../../src/numeric/gamma.js';

/** int_0^1 (m + K - K tau^g)^(-p) dtau by brute force: 64-node panels halving towards both ends, 200 deep. */
function bruteDecay(m: number, K: number, sigma: number, q: number): number {
  const p = 1 / sigma;
  const g = q + 1;
  const R = gaussLegendre(64, 0, 1);
  const panel = (lo: number, hi: number, h: (x: number) => number): number => R.nodes.reduce((s, x, i) => s + R.weights[i]! * h(lo + (hi - lo) * x), 0) * (hi - lo);
  const near0 = (tau: number): number => (m + K - K * tau ** g) ** -p;
  const near1 = (w: number): number => (m - K * Math.expm1(g * Math.log1p(-w))) ** -p;
  let s = 0;
  for (let k = 0; k < 200; k++) {
    const hi = 0.5 * 2 ** -k;
    const lo = k === 199 ? 0 : hi / 2;
    s += panel(lo, hi, near0) + panel(lo, hi, near1);
  }
  return s;
}

describe('energy carried along the exact characteristics, by quadrature', () => {
  it('the decay integral agrees with a brute-force quadrature, for carriers deep, near the exit and with fractional q', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 12, noNaN: true }),
        fc.double({ min: -3, max: 16, noNaN: true }),
        fc.double({ min: 0.25, max: 3, noNaN: true }),
        fc.double({ min: -0.8, max: 2.5, noNaN: true }),
        (lnM, lnK, sigma, q) => {
          const [m, K] = [Math.exp(lnM), Math.exp(lnK)];
          const got = decayIntegral(m, K, sigma, q);
          expect(Math.abs(got / bruteDecay(m, K, sigma, q) - 1)).toBeLessThan(1e-11);
        },
      ),
      { seed: 1505, numRuns: 60 },
    );
  });

  it('tends to the lazy loss Gamma(nu) (2t)^-nu / alpha when the transport vanishes', () => {
    const P: PowerTransport = { alpha: 1.7, beta: 2.2, sigma: 1, q: -0.5, c: 1e-9 };
    const nu = (P.beta - 1) / P.alpha;
    for (const t of [30, 1e3, 1e5]) {
      const law = gamma(new Decimal(nu), 30).toNumber() * (2 * t) ** -nu / P.alpha;
      // the continuum spectrum stops at lambda = 1: int_0^(2t) u^(nu-1) e^-u du misses e^-2t of Gamma(nu)
      expect(Math.abs(quadratureEnergy(P, [t])[0]! / law - 1)).toBeLessThan(1e-8);
    }
  });

  it('agrees with the finite volumes, which converge to it at first order as their grid is refined', () => {
    const P: PowerTransport = { alpha: 2, beta: 2, sigma: 0.8, q: 0.2, c: 1 };
    const nu = (P.beta - 1) / P.alpha;
    const sLo = -30;
    const times = [1, 10, 100];
    const exact = quadratureEnergy(P, times);
    const errors = [0.04, 0.02, 0.01].map((ds) => {
      const init = (a: number, b: number): number => (Math.exp(nu * b) - Math.exp(nu * a)) / (P.alpha * nu * (b - a));
      const fv = new FiniteVolume({ sLo, sHi: 0, cells: Math.round(-sLo / ds), speed: (s) => P.c * Math.exp(P.sigma * s), clock: (t) => t ** P.q, r: (s) => 2 * Math.exp(s), initial: init, inflow: () => init(sLo - ds, sLo) }, 1e-4);
      // below the grid the energy stays as it started
      const below = Math.exp(nu * sLo) / (P.alpha * nu);
      return Math.max(
        ...times.map((t, i) => {
          while (fv.t < t * (1 - 1e-12)) fv.step(Math.min(t, fv.t * Math.exp(ds)));
          return Math.abs((fv.total() + below) / exact[i]! - 1);
        }),
      );
    });
    expect(errors[1]!).toBeLessThan(0.7 * errors[0]!);
    expect(errors[2]!).toBeLessThan(0.7 * errors[1]!);
    expect(errors[2]!).toBeLessThan(1e-2);
  });

  it('truncated to the modes above a cut: all of it with no cut, nothing once the sweep has carried the cut out, and more with a deeper cut', () => {
    const P: PowerTransport = { alpha: 1.5, beta: 2.5, sigma: 0.9, q: 1.1, c: 0.7 };
    const t = 50;
    const K = ((P.sigma * P.c) / (P.q + 1)) * t ** (P.q + 1);
    // the carrier from s0 leaves when K >= e^(-sigma s0) - 1: cuts above s = -ln(1 + K) / sigma keep nothing
    const sExit = -Math.log1p(K) / P.sigma;
    const cuts = [-Infinity, -400, -40, -20, sExit - 0.1, sExit + 0.01, -0.1];
    const E = truncatedEnergies(P, t, cuts);
    expect(E[0]!).toBe(quadratureEnergy(P, [t])[0]!);
    for (let i = 1; i < cuts.length; i++) expect(E[i]!).toBeLessThanOrEqual(E[i - 1]!);
    expect(E[4]!).toBeGreaterThan(0);
    expect(E[5]!).toBe(0);
    expect(E[6]!).toBe(0);
    // a deep cut only drops untouched carriers: their energy e^(nu s) / (alpha nu) below it
    const nu = (P.beta - 1) / P.alpha;
    expect(Math.abs(E[0]! - E[1]! - Math.exp(-400 * nu) / (P.alpha * nu))).toBeLessThan(1e-15 * E[0]!);
    expect(() => truncatedEnergies({ ...P, sigma: 0 }, t, [0])).toThrow(RangeError);
  });
});
