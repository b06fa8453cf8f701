import { describe, expect, it } from 'vitest';
import { CholeskyDecomposition, Matrix, pseudoInverse } from 'ml-matrix';
import {
  CholSolver,
  D_OVER,
  D_UNDER,
  divergence,
  doubleDescent,
  edgeAt,
  nestedTraces,
  projectionBias,
  richardson,
  RISK_N,
  riskPoint,
  traceInverseWishart,
} from '../../derivations/double-descent.js';
import { Chi2 } from '../../src/models/wishart-law.js';
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

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const se = (xs: number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
};

describe('transport.double-descent', () => {
  it('holds, and every wrong variant is refuted', () => expectClaimInOrder(doubleDescent as Claim<unknown>, 2, 7), 120_000);

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

  it('the signal part averaged over directions is tr(I - P)/d = 1 - n/d for every design (the projector on the row space has trace n), and agrees with random directions through the pseudo-inverse', () => {
    const g = new Gaussian(new Rng(12));
    for (const d of [28, 30, 100]) expect(Math.abs(projectionBias(RISK_N, d, g) - (1 - RISK_N / d))).toBeLessThan(1e-12);
    // Monte Carlo over directions with ml-matrix's pseudo-inverse: ||(I - X^+ X) u||^2 for unit u
    const X = gaussian(RISK_N, 30, g);
    const P = pseudoInverse(X).mmul(X);
    const xs = Array.from({ length: 4000 }, () => {
      const u = Matrix.columnVector(Array.from({ length: 30 }, () => g.next()));
      const un = u.norm();
      const r = u.sub(P.mmul(u)).div(un);
      return r.norm() ** 2;
    });
    expect(Math.abs(mean(xs) - (1 - RISK_N / 30))).toBeLessThan(4 * se(xs));
  });

  it('the risk points resolve the -1 of n - d - 1: the simulated variance is within 4 standard errors of p/(m - p - 1), and the finite-size mutants are refuted', () => {
    for (const d of [...D_UNDER, ...D_OVER]) {
      const P = riskPoint(RISK_N, d, 3);
      const [p, m] = [Math.min(RISK_N, d), Math.max(RISK_N, d)];
      expect(Math.abs(P.variance - p / (m - p - 1)), `d = ${d}`).toBeLessThan(4 * P.varianceSe);
      // next to the threshold the -1 as 0, 0.5, 2 or -1 is many standard errors away
      if (d === 12 || d === 28) for (const c of [0.5, 0, 2, -1]) expect(Math.abs(P.variance - p / (m - p - c)), `d = ${d}, c = ${c}`).toBeGreaterThan(20 * P.varianceSe);
    }
    // the automatic mutants of the -1 in both formulas, run through the engine (the main test's seed: cached cases)
    const finiteSize = mutantsOf(doubleDescent.encoding).filter((m) => /^def Rth_[uo]$/.test(m.site) && /(n - d|d - n) - 1/.test(m.mutation) && /^(sign flipped|term dropped|constant (doubled|halved))/.test(m.mutation));
    expect(finiteSize.length).toBeGreaterThanOrEqual(8);
    for (const m of finiteSize) expect(check(doubleDescent as Claim<unknown>, m.variant, { seed: 7, runs: 2, digits: 30, maxShrinks: 0 }).verdict, `${m.site}: ${m.mutation}`).toBe('refuted');
  }, 240_000);

  it('the coupled traces across the divergence window have the law of independent draws at each d', () => {
    const [n, ds, S] = [30, [36, 45, 60], 3000];
    const coupled = Array.from({ length: S }, (_, k) => nestedTraces(n, ds, new Chi2(new Rng(1000 + k))));
    const g = new Chi2(new Rng(77));
    ds.forEach((d, i) => {
      const one = coupled.map((v) => v[i]!);
      const free = Array.from({ length: S }, () => traceInverseWishart(n, d, g));
      expect(Math.abs(mean(one) - n / (d - n - 1)), `d = ${d}`).toBeLessThan(4 * se(one));
      expect(Math.abs(mean(one) - mean(free)), `d = ${d}`).toBeLessThan(4 * Math.hypot(se(one), se(free)));
    });
    expect(() => nestedTraces(n, [40, 35], new Chi2(new Rng(1)))).toThrow(RangeError);
  });

  it('Richardson extrapolation removes a pure n^-p offset exactly, and the extrapolated divergence and edge sit within their standard errors of -1 and the edge', () => {
    for (const p of [0.5, 2 / 3]) {
      const x = (n: number): number => 3 - 0.7 * n ** -p;
      expect(richardson(x(1600), x(400), 0, 0, p).value).toBeCloseTo(3, 12);
    }
    const [a, b] = [divergence(1600, 5), divergence(400, 5)];
    const s = richardson(a.slope, b.slope, a.slopeSe, b.slopeSe, 2 / 3);
    expect(Math.abs(s.value + 1)).toBeLessThan(4 * s.se + 1e-3);
    // the uncorrected slope is off by its finite-size offset, which shrinks with n
    expect(Math.abs(b.slope + 1)).toBeGreaterThan(Math.abs(a.slope + 1));
    const [e, eq] = [edgeAt(1280, 5), edgeAt(320, 5)];
    [0.25, 2].forEach((gam, i) => {
      const r = richardson(e.lmin[i]!, eq.lmin[i]!, e.lminSe[i]!, eq.lminSe[i]!, 2 / 3);
      expect(Math.abs(r.value / (1 - Math.sqrt(gam)) ** 2 - 1), `gamma = ${gam}`).toBeLessThan(4 * r.se / r.value + 2e-3);
      // the raw mean sits above the edge by the Tracy–Widom offset
      expect(e.lmin[i]!).toBeGreaterThan((1 - Math.sqrt(gam)) ** 2);
    });
  }, 120_000);
});
