import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lassoHomotopy } from '../../src/models/lasso.js';
import {
  alphaPotential,
  asinhFixed,
  minL1Interpolator,
  minL2Interpolator,
  minPotentialInterpolator,
  quadraticPotential,
} from '../../src/models/min-potential.js';
import { Fixed } from '../../src/numeric/fixed.js';
import type { Mat, Vec } from '../../src/numeric/linalg.js';
import { solve } from '../../src/numeric/linsolve.js';
import { Rng } from '../../src/numeric/rng.js';

/** dyadic X (n x d, entries k / 64) and y (k / 32): the same exact problem at every precision */
function draw(F: Fixed, seed: number, n: number, d: number): { X: Mat; y: Vec } {
  const rng = new Rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => F.ratio(rng.int(-48, 48), 64)));
  const y = Array.from({ length: n }, () => F.ratio(rng.int(-32, 32), 32));
  return { X, y };
}

const dot = (F: Fixed, a: Vec, b: Vec): bigint => a.reduce((s, v, i) => s + F.mul(v, b[i]!), 0n);
const residual = (F: Fixed, X: Mat, y: Vec, w: Vec): number => Math.max(...X.map((row, a) => Math.abs(F.toNumber(dot(F, row, w) - y[a]!))));
const dist = (F: Fixed, a: Vec, b: Vec): number => Math.hypot(...a.map((v, i) => F.toNumber(v - b[i]!)));
/** the part of v off the row space of X: v - X^T (X X^T)^-1 X v */
function kernelPart(F: Fixed, X: Mat, v: Vec): Vec {
  const nu = solve(F, X.map((a) => X.map((b) => dot(F, a, b))), X.map((row) => dot(F, row, v)))!;
  return v.map((vi, i) => vi - X.reduce((s, row, a) => s + F.mul(row[i]!, nu[a]!), 0n));
}
const wellPosed = (F: Fixed, X: Mat): boolean => {
  const G = X.map((a) => X.map((b) => dot(F, a, b)));
  return solve(F, G, X.map(() => F.one)) !== null && Math.abs(F.toNumber(G[0]![0]!)) > 1e-3;
};

describe('minimum-norm and minimum-potential interpolators', () => {
  it('l2: interpolates and lies in the row space of X; Newton on w^2 / 2 finds the same point', () => {
    const F = new Fixed(40);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), (seed, n, extra) => {
        const { X, y } = draw(F, seed, n, n + extra);
        fc.pre(wellPosed(F, X));
        const w = minL2Interpolator(F, X, y);
        expect(residual(F, X, y, w)).toBeLessThan(1e-36);
        for (const k of kernelPart(F, X, w)) expect(Math.abs(F.toNumber(k))).toBeLessThan(1e-36);
        expect(dist(F, minPotentialInterpolator(F, X, y, quadraticPotential).w, w)).toBeLessThan(1e-36);
      }),
      { seed: 3, numRuns: 30 },
    );
  });

  it('l1: the vertex search carries a dual certificate (|X^T nu| <= 1, y . nu = |w|_1) and is where the LASSO path ends as lambda -> 0', () => {
    const F = new Fixed(40);
    let certified = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), (seed, n, extra) => {
        const d = n + extra;
        const { X, y } = draw(F, seed, n, d);
        fc.pre(wellPosed(F, X));
        const s = minL1Interpolator(F, X, y);
        expect(residual(F, X, y, s.w)).toBeLessThan(1e-34);
        // a non-degenerate optimum (n nonzeros, no near tie): the certificate is unique and strict
        fc.pre(s.w.filter((v) => v !== 0n).length === n && s.gap > 1e-6 && s.margin < 1 - 1e-6);
        const c = X[0]!.map((_, i) => X.reduce((acc, row, a) => acc + F.mul(row[i]!, s.nu[a]!), 0n));
        for (const ci of c) expect(Math.abs(F.toNumber(ci))).toBeLessThanOrEqual(1 + 1e-30);
        const l1 = s.w.reduce((acc, v) => acc + F.abs(v), 0n);
        expect(Math.abs(F.toNumber(dot(F, y, s.nu) - l1))).toBeLessThan(1e-34);
        // LASSO: min |y - X w|^2 / 2 + lambda |w|_1 tends to the min-l1 interpolator as O(lambda)
        const G = X[0]!.map((_, j) => X[0]!.map((__, k) => X.reduce((acc, r) => acc + F.mul(r[j]!, r[k]!), 0n)));
        const b = X[0]!.map((_, j) => X.reduce((acc, r, a) => acc + F.mul(r[j]!, y[a]!), 0n));
        const lasso = lassoHomotopy(F, G, b, F.tenTo(-20)).theta;
        expect(dist(F, lasso, s.w)).toBeLessThan(1e-15);
        certified++;
      }),
      { seed: 8, numRuns: 40 },
    );
    expect(certified).toBeGreaterThan(15);
  });

  it('Q_c: interpolates and its gradient arcsinh(w / c) / 2 lies in the row space (KKT), to the working precision', () => {
    const F = new Fixed(50);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: -8, max: 4 }), (seed, n, extra, e) => {
        const { X, y } = draw(F, seed, n, n + extra);
        fc.pre(wellPosed(F, X));
        const c = 10 ** e;
        const cF = F.fromNumber(c);
        const s = minPotentialInterpolator(F, X, y, alphaPotential(cF, c));
        expect(residual(F, X, y, s.w)).toBeLessThan(1e-46);
        // the gradient from decimal.js's asinh, not the solver's own
        const g = s.w.map((wi) => F.fromDecimal(F.toDecimal(F.div(wi, cF)).asinh().div(2)));
        for (const k of kernelPart(F, X, g)) expect(Math.abs(F.toNumber(k))).toBeLessThan(1e-40);
        // Newton at the working precision converges quadratically from the float64 start
        expect(s.iterations).toBeLessThanOrEqual(6);
      }),
      { seed: 11, numRuns: 30 },
    );
  });

  it('Q_c tends to the min-l2 interpolator as c = alpha^2 -> infinity, at the rate c^-2 = alpha^-4', () => {
    const F = new Fixed(40);
    const { X, y } = draw(F, 41, 2, 4);
    const l2 = minL2Interpolator(F, X, y);
    const gap = (c: number): number => dist(F, minPotentialInterpolator(F, X, y, alphaPotential(F.fromNumber(c), c)).w, l2);
    const [a, b] = [gap(1e3), gap(1e4)];
    expect(b).toBeLessThan(1e-6);
    expect(Math.abs(Math.log10(b / a) + 2)).toBeLessThan(1e-3);
  });

  it('Q_c tends to the min-l1 interpolator (the linear program) as c -> 0, at the rate c^(1 - m), m the dual margin', () => {
    const F = new Fixed(40);
    // a non-degenerate optimum: support {0, 2}, margin 2/3, runner-up 4% worse
    const X = [
      [0.5, -0.25, 0.75, 0.125],
      [0.25, 0.5, -0.375, 0.6875],
    ].map((r) => r.map((v) => F.fromNumber(v)));
    const y = [1, -0.375].map((v) => F.fromNumber(v));
    const l1 = minL1Interpolator(F, X, y);
    expect(l1.support).toEqual([0, 2]);
    expect(l1.margin).toBeCloseTo(2 / 3, 12);
    const gap = (c: number): number => dist(F, minPotentialInterpolator(F, X, y, alphaPotential(F.fromNumber(c), c)).w, l1.w);
    const [a, b] = [gap(1e-7), gap(1e-8)];
    expect(b).toBeLessThan(1e-3);
    // log corrections fade slowly: the local slope is within 0.002 of 1 - m = 1/3 at c = 1e-8
    expect(Math.abs(Math.log10(a / b) - (1 - l1.margin))).toBeLessThan(0.002);
  });

  it('the potentials: slopes and curvatures are the derivatives of the values (float64 and fixed point agree)', () => {
    const F = new Fixed(30);
    for (const dropSqrt of [false, true]) {
      for (const c of [1e-4, 0.3, 20]) {
        const p = alphaPotential(F.fromNumber(c), c, { dropSqrt });
        for (const w of [-3 * c, -0.1 * c, 0, 0.5 * c, 7 * c, 2]) {
          const h = 1e-4 * Math.hypot(c, w);
          const g = (p.value64(w + h) - p.value64(w - h)) / (2 * h);
          expect(Math.abs(g - p.grad64(w))).toBeLessThan(1e-6 * (1 + Math.abs(p.grad64(w))));
          const k = (p.grad64(w + h) - p.grad64(w - h)) / (2 * h);
          expect(Math.abs(k * p.invHess64(w) - 1)).toBeLessThan(1e-6);
          expect(Math.abs(F.toNumber(p.grad(F, F.fromNumber(w))) - p.grad64(w))).toBeLessThan(1e-14 * (1 + Math.abs(p.grad64(w))));
          expect(Math.abs(F.toNumber(p.invHess(F, F.fromNumber(w))) / p.invHess64(w) - 1)).toBeLessThan(1e-13);
        }
      }
    }
  });

  it('asinhFixed is decimal.js asinh at the working precision, either sign', () => {
    const F = new Fixed(60);
    for (const z of [-1e6, -3.5, -1e-9, 0, 1e-9, 0.75, 40, 1e6]) {
      const got = F.toDecimal(asinhFixed(F, F.fromNumber(z)));
      expect(got.minus(F.toDecimal(F.fromNumber(z)).asinh()).abs().toNumber()).toBeLessThan(1e-58);
    }
  });

  it('refuses a non-positive scale and a singular X X^T', () => {
    const F = new Fixed(20);
    expect(() => alphaPotential(0n, 0)).toThrow(/positive/);
    expect(() => minL2Interpolator(F, [[F.one, F.one], [F.one, F.one]], [F.one, F.one])).toThrow(/singular/);
  });
});
