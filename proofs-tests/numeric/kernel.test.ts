import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { Fixed, isqrt } from '../../src/numeric/fixed.js';
import { eigSym, refineEig } from '../../src/numeric/eigen.js';
import { matmul, transpose, type Mat } from '../../src/numeric/linalg.js';
import { integrateGBS, integrateLinearPoly } from '../../src/numeric/ode.js';
import { centralDerivative, levelsFor } from '../../src/numeric/diff.js';

const F = new Fixed(50);
/** references at the working precision of F (the global Decimal has only 20 digits) */
const Decimal = F.D;
type Dec = InstanceType<typeof Decimal>;
const close = (x: bigint, y: Dec | number, digits: number): boolean => F.toDecimal(x).minus(y).abs().lt(new Decimal(10).pow(-digits));

/** Q diag(values) Q^T with Q = I - 2 v v^T / v^T v: an exactly known spectrum (rational Q). */
function knownSpectrum(values: number[], v: number[]): Mat {
  const n = values.length;
  const vv = v.reduce((s, x) => s + x * x, 0);
  const Q: Mat = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => F.ratio((i === j ? vv : 0) - 2 * v[i]! * v[j]!, vv)));
  const D: Mat = values.map((x, i) => values.map((_, j) => (i === j ? F.int(x) : 0n)));
  return matmul(F, matmul(F, Q, D), transpose(Q));
}

describe('fixed-point reals', () => {
  it('rounds products and quotients to the last bit', () => {
    expect(close(F.mul(F.ratio(1, 3), F.int(3)), 1, 55)).toBe(true);
    expect(close(F.div(F.one, F.int(7)), new Decimal(1).div(7), 55)).toBe(true);
    expect(isqrt(10n ** 40n)).toBe(10n ** 20n);
  });
  it('exp and tanh agree with decimal.js', () => {
    for (const x of ['0.3', '-7.25', '40']) {
      expect(F.toDecimal(F.exp(F.fromDecimal(x))).div(new Decimal(x).exp()).minus(1).abs().lt('1e-50')).toBe(true);
      expect(close(F.tanh(F.fromDecimal(x)), new Decimal(x).tanh(), 50)).toBe(true);
    }
  });
});

describe('symmetric eigendecomposition', () => {
  it('recovers a known spectrum with a degenerate cluster and a zero eigenvalue', () => {
    const vals = [5, 2, 2, 2, 0, -1];
    const r = eigSym(F, knownSpectrum(vals, [1, -2, 3, 1, 2, -1]));
    r.values.forEach((l, i) => expect(close(l, vals[i]!, 50)).toBe(true));
    // orthonormal basis, also inside the cluster
    const VtV = matmul(F, transpose(r.vectors), r.vectors);
    VtV.forEach((row, i) => row.forEach((x, j) => expect(close(x, i === j ? 1 : 0, 50)).toBe(true)));
  });
  it('refinement converges from a perturbed basis and declines a cluster', () => {
    const A = knownSpectrum([4, 3, 1], [1, 1, 2]);
    const r = eigSym(F, A);
    const start = r.vectors.map((row) => row.map((x, j) => x + (j === 0 ? F.ratio(1, 1000) : 0n)));
    const ref = refineEig(F, A, start)!;
    [4, 3, 1].forEach((l, i) => expect(close(ref.values[i]!, l, 50)).toBe(true));
    const B = knownSpectrum([4, 3, 3], [1, 1, 2]);
    expect(refineEig(F, B, eigSym(F, B).vectors.map((row) => row.map((x) => x + F.ratio(1, 1000))))).toBeNull();
  });
  ptest.prop([fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 2, maxLength: 7 }), fc.integer({ min: 1, max: 9 })], { seed: 7, numRuns: 25 })(
    'eigenvalues of Q D Q^T are D, sorted descending',
    (vals, w) => {
      const v = vals.map((_, i) => ((i * w) % 5) - 2 || 1);
      const r = eigSym(F, knownSpectrum(vals, v));
      const sorted = [...vals].sort((a, b) => b - a);
      r.values.forEach((l, i) => expect(close(l, sorted[i]!, 45)).toBe(true));
    },
  );
});

describe('integrators', () => {
  it('Taylor integration of de/dt = -(1 + t) e matches exp(-t - t^2/2)', () => {
    const C = [[[F.one]], [[F.one]]];
    const [e] = integrateLinearPoly(F, C, 0n, [F.one], [F.int(2)]);
    expect(close(e![0]!, new Decimal(-4).exp(), 48)).toBe(true);
  });
  it('GBS integration of a rotation keeps the closed form cos t, sin t', () => {
    const [y] = integrateGBS(F, (_t, y) => [-y[1]!, y[0]!], 0n, [F.one, 0n], [F.int(3)]);
    expect(close(y![0]!, new Decimal(3).cos(), 45)).toBe(true);
    expect(close(y![1]!, new Decimal(3).sin(), 45)).toBe(true);
  });
  it('GBS integrates the nonlinear logistic equation to its closed form', () => {
    // y' = y (1 - y), y(0) = 1/2: y(t) = 1 / (1 + e^-t)
    const [y] = integrateGBS(F, (_t, y) => [F.mul(y[0]!, F.one - y[0]!)], 0n, [F.ratio(1, 2)], [F.int(2)]);
    expect(close(y![0]!, new Decimal(1).div(new Decimal(-2).exp().plus(1)), 45)).toBe(true);
  });
});

describe('extrapolated differences', () => {
  it('differentiate exp and sin to the requested fraction of the digits', () => {
    const K = levelsFor(F, -3, 0.6);
    const d = centralDerivative(F, (t) => [F.exp(t), F.fromDecimal(F.toDecimal(t).sin())], F.ratio(1, 2), F.pow2(-3), K);
    expect(close(d[0]!, new Decimal(0.5).exp(), 28)).toBe(true);
    expect(close(d[1]!, new Decimal(0.5).cos(), 28)).toBe(true);
  });
});

describe('fixed point from doubles', () => {
  it('is exact for every double, down to the subnormals (which round to 0 at 50 digits)', () => {
    const G = new Fixed(400);
    const two = new G.D(2);
    const cases: [number, InstanceType<typeof G.D>][] = [
      [1.5, new G.D(1.5)],
      [-2.25e10, new G.D(-2.25e10)],
      [2 ** -1000, two.pow(-1000)],
      [3 * 2 ** -1060, two.pow(-1060).times(3)],
      [5e-324, two.pow(-1074)],
    ];
    for (const [x, exact] of cases) expect(G.toDecimal(G.fromNumber(x)).eq(exact), String(x)).toBe(true);
    expect(F.fromNumber(5e-324)).toBe(0n);
  });
});
