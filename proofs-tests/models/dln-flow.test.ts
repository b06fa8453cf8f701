import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dlnFlow, lateRates } from '../../src/models/dln-flow.js';
import { Fixed } from '../../src/numeric/fixed.js';
import { solve } from '../../src/numeric/linsolve.js';
import type { Mat, Vec } from '../../src/numeric/linalg.js';
import { Rng } from '../../src/numeric/rng.js';

/** dyadic entries (multiples of 1/64): the same exact problem at every precision */
function draw(F: Fixed, seed: number, n: number, d: number): { X: Mat; y: Vec } {
  const rng = new Rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => F.ratio(rng.int(-48, 48), 64)));
  const y = Array.from({ length: n }, () => F.ratio(rng.int(-64, 64), 64));
  return { X, y };
}

const log10abs = (F: Fixed, x: bigint): number => (x === 0n ? -Infinity : Math.log10(Math.abs(F.toNumber(x))));

describe('diagonal network flow (Taylor series at the working precision)', () => {
  it('n = d = 1: the time to reach w is the closed form of w\' = -2 x^2 (w - y/x) sqrt(w^2 + alpha^4), to 1e-38', () => {
    // with u v = alpha^2 (u(0) = v(0) = alpha), u^2 + v^2 = 2 sqrt(w^2 + c^2), c = alpha^2, and
    // int_0^w dw / ((theta - w) s(w)) = G(w) - G(0), G(w) = ln|(theta w + c^2 + S s(w)) / (w - theta)| / S,
    // s(w) = sqrt(w^2 + c^2), S = sqrt(theta^2 + c^2): t(w) = (G(w) - G(0)) / (2 x^2)
    const F = new Fixed(40);
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 64 }), fc.integer({ min: -64, max: 64 }).filter((v) => v !== 0), fc.integer({ min: 1, max: 96 }), fc.integer({ min: 1, max: 40 }), (x64, y64, a64, T8) => {
        const x = F.ratio(x64, 64);
        const y = F.ratio(y64, 64);
        const alpha = F.ratio(a64, 64);
        const T = F.ratio(T8, 8);
        const end = dlnFlow(F, [[x]], [y], [alpha], [alpha], { until: T });
        expect(end.t).toBe(T);
        const D = F.D;
        const [xd, theta, c] = [F.toDecimal(x), F.toDecimal(y).div(F.toDecimal(x)), F.toDecimal(alpha).pow(2)];
        const S = theta.pow(2).plus(c.pow(2)).sqrt();
        const G = (w: InstanceType<typeof D>): InstanceType<typeof D> =>
          theta.mul(w).plus(c.pow(2)).plus(S.mul(w.pow(2).plus(c.pow(2)).sqrt())).div(w.minus(theta)).abs().ln().div(S);
        const w = F.toDecimal(end.w[0]!);
        const t = G(w).minus(G(new D(0))).div(xd.pow(2).mul(2));
        // near the target the clock is ill-conditioned (dt/dw ~ 1 / (w - theta)): compare in w
        const speed = xd.pow(2).mul(2).mul(w.minus(theta).abs()).mul(w.pow(2).plus(c.pow(2)).sqrt());
        expect(t.minus(F.toDecimal(T)).abs().mul(speed).toNumber()).toBeLessThan(1e-38);
      }),
      { seed: 31, numRuns: 24 },
    );
  });

  it('square X: the flow ends at the unique interpolator X^-1 y whatever alpha', () => {
    const F = new Fixed(30);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: -2, max: 1 }), (seed, n, e) => {
        const { X, y } = draw(F, seed, n, n);
        const exact = solve(F, X, y);
        fc.pre(exact !== null && exact.every((v) => Math.abs(F.toNumber(v)) < 8));
        const alpha = F.fromNumber(10 ** e);
        const end = dlnFlow(F, X, y, new Array(n).fill(alpha), new Array(n).fill(alpha), { residualBelow: F.tenTo(-31), maxSteps: 3000 });
        for (let i = 0; i < n; i++) expect(log10abs(F, end.w[i]! - exact![i]!)).toBeLessThan(-28);
      }),
      { seed: 5, numRuns: 12 },
    );
  });

  it('keeps the invariants of the two-factor flow: u v = alpha^2 and ln(u / alpha) in the row space of X', () => {
    // (u v)' = -g u v + g u v = 0; (ln u)' = -g = -X^T e: the kernel part of ln u stays at 0
    const F = new Fixed(40);
    const { X, y } = draw(F, 17, 2, 4);
    const alpha = F.ratio(3, 16);
    const end = dlnFlow(F, X, y, new Array(4).fill(alpha), new Array(4).fill(alpha), { until: F.int(6) });
    const a2 = F.mul(alpha, alpha);
    for (let i = 0; i < 4; i++) expect(log10abs(F, F.mul(end.u[i]!, end.v[i]!) - a2)).toBeLessThan(-40);
    // project r = ln(u / alpha) off the row space: r - X^T (X X^T)^-1 X r
    const r = end.u.map((ui) => F.ln(F.div(ui, alpha)));
    const sh = (a: bigint[], b: bigint[]): bigint => a.reduce((s, v, i) => s + F.mul(v, b[i]!), 0n);
    const G = X.map((a) => X.map((b) => sh(a, b)));
    const nu = solve(F, G, X.map((row) => sh(row, r)))!;
    const kernelPart = r.map((ri, i) => ri - X.reduce((s, row, a) => s + F.mul(row[i]!, nu[a]!), 0n));
    expect(Math.max(...r.map((v) => Math.abs(F.toNumber(v))))).toBeGreaterThan(0.1);
    for (const k of kernelPart) expect(log10abs(F, k)).toBeLessThan(-38);
  });

  it('u and v keep their signs (the flow is integrated in u^2, v^2): u(0) -> -u(0) flips u and nothing else', () => {
    // u' = -g u: the flow of -u is the flow of u negated, and w = (u^2 - v^2) / 2 does not see it
    const F = new Fixed(30);
    const { X, y } = draw(F, 29, 2, 3);
    const a = [F.ratio(1, 8), F.ratio(3, 16), F.ratio(1, 4)];
    const b = [F.ratio(1, 4), F.ratio(1, 8), F.ratio(3, 16)];
    const plus = dlnFlow(F, X, y, a, b, { until: F.int(5) });
    const mixed = dlnFlow(F, X, y, [-a[0]!, a[1]!, -a[2]!], [b[0]!, -b[1]!, b[2]!], { until: F.int(5) });
    expect(mixed.w).toEqual(plus.w);
    expect(mixed.u).toEqual([-plus.u[0]!, plus.u[1]!, -plus.u[2]!]);
    expect(mixed.v).toEqual([plus.v[0]!, -plus.v[1]!, plus.v[2]!]);
    expect(Math.abs(F.toNumber(plus.u[0]!) - 1 / 8)).toBeGreaterThan(1e-3);
  });

  it('converges with the working precision: 30 and 60 digits agree to 30 digits after a long run', () => {
    const lo = new Fixed(30);
    const hi = new Fixed(60);
    const a = draw(lo, 23, 2, 3);
    const b = draw(hi, 23, 2, 3);
    const run = (F: Fixed, X: Mat, y: Vec): Vec => dlnFlow(F, X, y, [F.ratio(1, 32), F.ratio(1, 32), F.ratio(1, 32)], [F.ratio(1, 32), F.ratio(1, 32), F.ratio(1, 32)], { until: F.int(40) }).w;
    const wl = run(lo, a.X, a.y);
    const wh = run(hi, b.X, b.y);
    for (let i = 0; i < 3; i++) expect(Math.abs(lo.toDecimal(wl[i]!).minus(hi.toDecimal(wh[i]!)).toNumber())).toBeLessThan(1e-29);
  });

  it('the residual decays at the late rate lateRates()[0] (n = 1: one mode)', () => {
    const F = new Fixed(40);
    const { X, y } = draw(F, 3, 1, 3);
    const alpha = F.ratio(1, 4);
    const init = new Array(3).fill(alpha);
    const e = (T: number): { res: number; w: number[] } => {
      const end = dlnFlow(F, X, y, init, init, { until: F.int(T) });
      return { res: F.toNumber(end.residual), w: end.w.map((v) => F.toNumber(v)) };
    };
    const [a, b] = [e(60), e(70)];
    expect(b.res).toBeGreaterThan(1e-35);
    const rho = lateRates(X.map((r) => r.map((v) => F.toNumber(v))), b.w, F.toNumber(alpha))[0]!;
    // the nonlinearity bends the log-slope by O(residual) only
    expect(Math.abs(Math.log(a.res / b.res) / 10 / rho - 1)).toBeLessThan(1e-9);
  });

  it('refuses to run without a stopping rule, on mismatched shapes, and past its step budget', () => {
    const F = new Fixed(20);
    const { X, y } = draw(F, 1, 1, 2);
    const u = [F.one, F.one];
    expect(() => dlnFlow(F, X, y, u, u, {})).toThrow(/stop/);
    expect(() => dlnFlow(F, X, y, u, [F.one], { until: F.one })).toThrow(/dimensions/);
    expect(() => dlnFlow(F, X, y, u, u, { residualBelow: F.tenTo(-21), maxSteps: 3 })).toThrow(/3 steps/);
  });
});
