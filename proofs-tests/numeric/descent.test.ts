import { describe, expect, it } from 'vitest';
import { augmentedLagrangian, minimise, type Objective } from '../../src/numeric/descent.js';
import { Rng } from '../../src/numeric/rng.js';

/** 1/2 x^T H x - b^T x with H = diag(1..n) + 0.1 (all ones): minimiser H^-1 b by Sherman-Morrison. */
function quadratic(n: number): { f: Objective; xstar: number[] } {
  const b = Array.from({ length: n }, (_, i) => Math.cos(i + 1));
  const f: Objective = (x) => {
    const s = x.reduce((a, v) => a + v, 0);
    const Hx = x.map((v, i) => (i + 1) * v + 0.1 * s);
    return { value: x.reduce((a, v, i) => a + 0.5 * v * Hx[i]! - b[i]! * v, 0), grad: Hx.map((v, i) => v - b[i]!) };
  };
  // H = D + 0.1 u u^T: H^-1 b = D^-1 b - 0.1 D^-1 u (u^T D^-1 b) / (1 + 0.1 u^T D^-1 u)
  const Db = b.map((v, i) => v / (i + 1));
  const Du = b.map((_, i) => 1 / (i + 1));
  const k = (0.1 * Db.reduce((a, v) => a + v, 0)) / (1 + 0.1 * Du.reduce((a, v) => a + v, 0));
  return { f, xstar: Db.map((v, i) => v - k * Du[i]!) };
}

const rosenbrock: Objective = ([x, y]) => ({
  value: (1 - x!) ** 2 + 100 * (y! - x! ** 2) ** 2,
  grad: [-2 * (1 - x!) - 400 * x! * (y! - x! ** 2), 200 * (y! - x! ** 2)],
});

describe('minimise', () => {
  it('finds the minimiser of a convex quadratic, by L-BFGS and by gradient descent', () => {
    const { f, xstar } = quadratic(12);
    for (const method of ['lbfgs', 'gd'] as const) {
      const r = minimise(f, new Array<number>(12).fill(0), { method, tol: 1e-10 });
      expect(r.converged, method).toBe(true);
      for (let i = 0; i < 12; i++) expect(Math.abs(r.x[i]! - xstar[i]!), method).toBeLessThan(1e-9);
    }
  });

  it('follows the Rosenbrock valley to (1, 1)', () => {
    const r = minimise(rosenbrock, [-1.2, 1], { tol: 1e-9 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-8);
    expect(Math.abs(r.x[1]! - 1)).toBeLessThan(1e-8);
  });

  it('refuses a start where the objective is not finite', () => {
    expect(() => minimise(() => ({ value: Number.NaN, grad: [0] }), [0])).toThrow(RangeError);
  });
});

describe('augmentedLagrangian', () => {
  it('min |x|^2 subject to C x = e: the least-norm solution C^T (C C^T)^-1 e, multipliers 2 (C C^T)^-1 e', () => {
    // C = [[1, 1, 0], [0, 1, 1]], e = (1, 2): C C^T = [[2, 1], [1, 2]], its inverse [[2, -1], [-1, 2]] / 3
    const C = [
      [1, 1, 0],
      [0, 1, 1],
    ];
    const e = [1, 2];
    const z = [(2 * 1 - 2) / 3, (-1 + 2 * 2) / 3];
    const xstar = [0, 1, 2].map((j) => C[0]![j]! * z[0]! + C[1]![j]! * z[1]!);
    const r = augmentedLagrangian(
      (x) => ({ value: x.reduce((a, v) => a + v * v, 0), grad: x.map((v) => 2 * v) }),
      { values: (x) => C.map((row, k) => row.reduce((a, v, j) => a + v * x[j]!, 0) - e[k]!), adjoint: (_x, y) => [0, 1, 2].map((j) => C[0]![j]! * y[0]! + C[1]![j]! * y[1]!) },
      [0.3, -0.2, 0.5],
      { tol: 1e-10, stationarity: 1e-8 },
    );
    expect(r.converged).toBe(true);
    for (let j = 0; j < 3; j++) expect(Math.abs(r.x[j]! - xstar[j]!)).toBeLessThan(1e-8);
    for (let k = 0; k < 2; k++) expect(Math.abs(r.multipliers[k]! - 2 * z[k]!)).toBeLessThan(1e-6);
  });

  it('min x + y on the circle x^2 + y^2 = 2: (-1, -1) with multiplier -1/2', () => {
    const r = augmentedLagrangian(
      ([x, y]) => ({ value: x! + y!, grad: [1, 1] }),
      { values: ([x, y]) => [x! ** 2 + y! ** 2 - 2], adjoint: ([x, y], [m]) => [2 * x! * m!, 2 * y! * m!] },
      [0.5, -1.5],
      { tol: 1e-11, stationarity: 1e-8 },
    );
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! + 1)).toBeLessThan(1e-8);
    expect(Math.abs(r.x[1]! + 1)).toBeLessThan(1e-8);
    expect(Math.abs(r.multipliers[0]! + 0.5)).toBeLessThan(1e-6);
  });

  it('ends an infeasible problem (x^2 = -1) at its least violation, unconverged', () => {
    const rng = new Rng(3);
    const r = augmentedLagrangian(
      ([x]) => ({ value: x! * x!, grad: [2 * x!] }),
      { values: ([x]) => [x! * x! + 1], adjoint: ([x], [m]) => [2 * x! * m!] },
      [0.7],
      { tol: 1e-10, maxOuter: 20, noise: () => rng.next() - 0.5 },
    );
    expect(r.converged).toBe(false);
    expect(Math.abs(r.violation - 1)).toBeLessThan(1e-6);
  });
});
