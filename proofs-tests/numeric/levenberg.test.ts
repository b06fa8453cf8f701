import { describe, expect, it } from 'vitest';
import { Fixed } from '../../src/numeric/fixed.js';
import { levenbergMarquardt, type SmoothSystem } from '../../src/numeric/levenberg.js';

const F = new Fixed(40);
const TOL = F.D.pow(10, -38);
const small = (x: bigint): boolean => F.toDecimal(x).abs().lt(TOL);

describe('levenbergMarquardt', () => {
  it('solves a nonsingular system to the working precision: x^2 + y^2 = 4, x = y at (sqrt 2, sqrt 2)', () => {
    const sys: SmoothSystem = {
      residual: ([x, y]) => [F.mul(x!, x!) + F.mul(y!, y!) - F.int(4), x! - y!],
      jvp: ([x, y], [u, v]) => [2n * (F.mul(x!, u!) + F.mul(y!, v!)), u! - v!],
    };
    const r = levenbergMarquardt(F, sys, [F.fromNumber(1.3), F.fromNumber(1.5)]);
    expect(r.converged).toBe(true);
    const root2 = F.sqrt(F.int(2));
    expect(small(r.z[0]! - root2) && small(r.z[1]! - root2)).toBe(true);
  });

  it('reaches a solution manifold where Newton is singular: the circle, as zeros of grad (x^2 + y^2 - 1)^2', () => {
    // grad = 4 (x^2 + y^2 - 1)(x, y): its Jacobian is singular (rank 1) all along the circle
    const sys: SmoothSystem = {
      residual: ([x, y]) => {
        const q = F.mul(x!, x!) + F.mul(y!, y!) - F.one;
        return [4n * F.mul(q, x!), 4n * F.mul(q, y!)];
      },
      jvp: ([x, y], [u, v]) => {
        const q = F.mul(x!, x!) + F.mul(y!, y!) - F.one;
        const dq = 2n * (F.mul(x!, u!) + F.mul(y!, v!));
        return [4n * (F.mul(dq, x!) + F.mul(q, u!)), 4n * (F.mul(dq, y!) + F.mul(q, v!))];
      },
    };
    const r = levenbergMarquardt(F, sys, [F.fromNumber(0.9), F.fromNumber(0.35)]);
    expect(r.converged).toBe(true);
    // quadratic convergence: a handful of iterations from 1e-2 away
    expect(r.iterations).toBeLessThanOrEqual(10);
    expect(small(F.mul(r.z[0]!, r.z[0]!) + F.mul(r.z[1]!, r.z[1]!) - F.one)).toBe(true);
    // it lands near the start's projection on the circle, not anywhere on it
    const angle = Math.atan2(F.toNumber(r.z[1]!), F.toNumber(r.z[0]!));
    expect(Math.abs(angle - Math.atan2(0.35, 0.9))).toBeLessThan(1e-2);
  });

  it('an underdetermined system (one equation, two unknowns) converges to a zero', () => {
    const sys: SmoothSystem = {
      residual: ([x, y]) => [F.mul(x!, y!) - F.one],
      jvp: ([x, y], [u, v]) => [F.mul(u!, y!) + F.mul(x!, v!)],
    };
    const r = levenbergMarquardt(F, sys, [F.fromNumber(0.7), F.fromNumber(1.1)]);
    expect(r.converged).toBe(true);
    expect(small(F.mul(r.z[0]!, r.z[1]!) - F.one)).toBe(true);
  });

  it('reports a system without a zero as unconverged (x^2 + 1 = 0)', () => {
    const sys: SmoothSystem = { residual: ([x]) => [F.mul(x!, x!) + F.one], jvp: ([x], [u]) => [2n * F.mul(x!, u!)] };
    const r = levenbergMarquardt(F, sys, [F.fromNumber(0.5)]);
    expect(r.converged).toBe(false);
    expect(F.toNumber(r.residual)).toBeGreaterThan(0.99);
  });
});
