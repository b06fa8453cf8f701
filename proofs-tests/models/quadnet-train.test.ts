import { describe, expect, it } from 'vitest';
import { locateRegularised, locateVariational, polishRegularised, polishVariational, regularisedSystem, variationalSystem, type Readout } from '../../src/models/quadnet-train.js';
import { Fixed } from '../../src/numeric/fixed.js';
import type { Mat } from '../../src/numeric/linalg.js';
import { Rng } from '../../src/numeric/rng.js';

const F = new Fixed(40);
const TOL = F.D.pow(10, -36);
const close = (x: bigint, y: bigint | InstanceType<typeof F.D>): boolean => F.toDecimal(x).minus(typeof y === 'bigint' ? F.toDecimal(y) : y).abs().lt(TOL);
const num = (x: number): bigint => F.fromNumber(x);
const diag = (v: number[]): number[][] => v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));
const fixed = (M: number[][]): Mat => M.map((r) => r.map(num));
const sq = (v: bigint[]): bigint => v.reduce((s, x) => s + F.mul(x, x), 0n);
/** sum_k a_k w_k w_k^T */
const net = (W: bigint[][], a: bigint[], d: number): Mat => Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => W.reduce((s, w, k) => s + F.mul(a[k]!, F.mul(w[i]!, w[j]!)), 0n)));
const signs = (d: number): Readout => ({ kind: 'fixed', a: Array.from({ length: 2 * d }, (_, k) => (k < d ? 1 : -1)) });

describe('the stationarity systems', () => {
  it('their Jacobian-vector products are the derivatives of their residuals (central differences)', () => {
    const rng = new Rng(3);
    const d = 3;
    const rnd = (): bigint => num(rng.next() - 0.5);
    const S: Mat = Array.from({ length: d }, () => Array.from({ length: d }, rnd));
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) S[i]![j] = S[j]![i]!;
    const A = Array.from({ length: 7 }, () => Array.from({ length: d * d }, rnd));
    const y = Array.from({ length: 7 }, rnd);
    for (const r of [{ kind: 'fixed', a: [1, 1, -1, -1] }, { kind: 'trained', m: 4 }] as Readout[]) {
      const aF = r.kind === 'fixed' ? r.a.map(num) : [];
      const nz = 4 * d + (r.kind === 'trained' ? 4 : 0);
      const systems = [
        [variationalSystem(F, S, r, aF), nz + (d * (d + 1)) / 2],
        [regularisedSystem(F, A, y, d, num(0.3), r, aF), nz],
      ] as const;
      for (const [sys, n] of systems) {
        const z = Array.from({ length: n }, rnd);
        const v = Array.from({ length: n }, rnd);
        const h = F.pow2(-40);
        const rp = sys.residual(z.map((x, i) => x + F.mul(h, v[i]!)));
        const rm = sys.residual(z.map((x, i) => x - F.mul(h, v[i]!)));
        const jv = sys.jvp(z, v);
        // the residuals are polynomials of degree <= 3: the central difference is exact to O(h^2)
        rp.forEach((x, i) => expect(Math.abs(F.toNumber(F.div(x - rm[i]!, 2n * h) - jv[i]!)), `${r.kind}`).toBeLessThan(1e-20));
      }
    }
  });
});

describe('variational problem: least weight norm over the factorisations', () => {
  it('fixed readout, S = diag(2, -3, 0.5): the minimum is found from random starts, the factorisation exact', () => {
    const S = diag([2, -3, 0.5]);
    const r = signs(3);
    const at = locateVariational(S, r, new Rng(1), 2);
    const p = polishVariational(F, fixed(S), r, at);
    expect(p.lm.converged).toBe(true);
    const M = net(p.W, p.a, 3);
    M.forEach((row, i) => row.forEach((v, j) => expect(close(v, num(S[i]![j]!))).toBe(true)));
    // each neuron sits in the eigenspace of its sign: rows of the positive group carry S_+ = diag(2, 0, 0.5)
    expect(close(sq(p.W.flat()), num(5.5))).toBe(true);
    // the multiplier is sign(S) on the range: its diagonal (1, -1, 1)
    expect(close(p.multiplier![0]![0]!, F.one) && close(p.multiplier![1]![1]!, -F.one)).toBe(true);
  });

  it('trained readout, d = 1: min w^2 + a^2 subject to a w^2 = s is 3 (s/2)^(2/3) at w^2 = 2 a^2 (calculus in one variable)', () => {
    for (const s of [0.75, -2]) {
      const r: Readout = { kind: 'trained', m: 2 };
      const at = locateVariational([[s]], r, new Rng(4), 2);
      const p = polishVariational(F, [[num(s)]], r, at);
      expect(p.lm.converged).toBe(true);
      const want = new F.D(3).times(new F.D(Math.abs(s)).div(2).pow(new F.D(2).div(3)));
      expect(close(sq(p.W.flat()) + sq(p.a), want), `s ${s}`).toBe(true);
    }
  });
});

describe('regularised problem: the network trained with weight decay', () => {
  it('fixed readout, denoising a diagonal Y: eigenvalues soft-thresholded at lambda/2, both signs, by L-BFGS or plain gradient descent', () => {
    const d = 3;
    const Y = [1.5, -0.75, 0.125];
    const lambda = 0.5;
    const I = Array.from({ length: d * d }, (_, i) => Array.from({ length: d * d }, (__, j) => (i === j ? 1 : 0)));
    const r = signs(d);
    for (const method of ['lbfgs', 'gd'] as const) {
      const at = locateRegularised(I, diag(Y).flat(), d, lambda, r, new Rng(9), 2, 1.5, method);
      const p = polishRegularised(F, fixed(I), diag(Y).flat().map(num), d, num(lambda), r, at);
      expect(p.lm.converged, method).toBe(true);
      const M = net(p.W, p.a, d);
      const want = diag(Y.map((v) => Math.sign(v) * Math.max(0, Math.abs(v) - lambda / 2)));
      M.forEach((row, i) => row.forEach((v, j) => expect(close(v, num(want[i]![j]!)), method).toBe(true)));
    }
  });

  it('from: training continued from a given point (the first start) reaches the same minimiser as from random starts, on a nearby problem too', () => {
    const d = 3;
    const lambda = 0.5;
    const I = Array.from({ length: d * d }, (_, i) => Array.from({ length: d * d }, (__, j) => (i === j ? 1 : 0)));
    const r = signs(d);
    const Y = [1.5, -0.75, 0.125];
    const first = locateRegularised(I, diag(Y).flat(), d, lambda, r, new Rng(9), 1, 1.5);
    // the same problem from its own minimiser: it stays (the value, to the descent's tolerance)
    const again = locateRegularised(I, diag(Y).flat(), d, lambda, r, new Rng(1), 1, 1.5, 'lbfgs', first);
    expect(Math.abs(again.value - first.value)).toBeLessThan(1e-12);
    // a nearby target from the old minimiser: its own soft threshold
    const Z = [1.4, -0.8, 0.1];
    const moved = locateRegularised(I, diag(Z).flat(), d, lambda, r, new Rng(1), 1, 1.5, 'lbfgs', first);
    const M = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => moved.W.reduce((acc, w, k) => acc + moved.a[k]! * w[i]! * w[j]!, 0)));
    const want = diag(Z.map((v) => Math.sign(v) * Math.max(0, Math.abs(v) - lambda / 2)));
    M.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - want[i]![j]!)).toBeLessThan(1e-8)));
    expect(moved.defect).toBeLessThan(1e-10);
  });

  it('trained readout, d = 1: balanced, w^2 = 2 a^2, and s = a w^2 solves s - y + (2/3) kappa s^(-1/3) = 0', () => {
    // one neuron on y: L = 1/2 (a w^2 - y)^2 + lambda/2 (w^2 + a^2). dL/da = 0 and dL/dw = 0 give
    // (s - y) w^2 = -lambda a and 2 a (s - y) = -lambda: w^2 = 2 a^2, s = 2 a^3, and
    // s - y = -lambda 2^(-2/3) s^(-1/3), which is the line above with kappa = 3 lambda / 2^(5/3)
    const y = 1.5;
    const lambda = 0.25;
    const r: Readout = { kind: 'trained', m: 1 };
    const at = locateRegularised([[1]], [y], 1, lambda, r, new Rng(2), 3, 1.5);
    const p = polishRegularised(F, [[F.one]], [num(y)], 1, num(lambda), r, at);
    expect(p.lm.converged).toBe(true);
    const a = F.toDecimal(p.a[0]!);
    const w2 = F.toDecimal(F.mul(p.W[0]![0]!, p.W[0]![0]!));
    expect(w2.minus(a.times(a).times(2)).abs().lt(TOL)).toBe(true);
    const s = a.times(w2);
    const kappa = new F.D(3).times(lambda).div(new F.D(2).pow(new F.D(5).div(3)));
    expect(s.minus(y).plus(kappa.times(2).div(3).times(s.pow(new F.D(-1).div(3)))).abs().lt(TOL)).toBe(true);
  });
});
