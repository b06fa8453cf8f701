import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { rk4, type Field64 } from '../../src/numeric/rk4.js';
import { Fixed } from '../../src/numeric/fixed.js';
import type { Mat, Vec } from '../../src/numeric/linalg.js';
import { integrateGBS, integrateLinearPoly, linearTaylor, seriesEval, type Field } from '../../src/numeric/ode.js';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('classical Runge–Kutta in float64', () => {
  ptest.prop([fc.double({ min: -2, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 40 })], { seed: 5, numRuns: 60 })(
    'on y\' = lambda y each step multiplies by the stability polynomial 1 + z + z^2/2 + z^3/6 + z^4/24',
    (lambda, h, steps) => {
      const f: Field64 = (_t, y, out) => {
        out[0] = lambda * y[0]!;
        out[1] = -lambda * y[1]!;
      };
      const res = rk4(f, [1, 2], h, steps, () => false);
      const amp = (z: number): number => 1 + z + (z * z) / 2 + (z * z * z) / 6 + (z * z * z * z) / 24;
      expect(res.steps).toBe(steps);
      expect(rel(res.t, steps * h)).toBeLessThan(1e-14);
      expect(rel(res.y[0]!, amp(lambda * h) ** steps)).toBeLessThan(1e-13);
      expect(rel(res.y[1]!, 2 * amp(-lambda * h) ** steps)).toBeLessThan(1e-13);
    },
  );
  it('integrates a cubic in t exactly (Simpson weights at t, t + h/2, t + h)', () => {
    // y' = 4 t^3 + 3 t^2 - 1: y = t^4 + t^3 - t + 1 exactly, whatever the step
    const f: Field64 = (t, _y, out) => {
      out[0] = 4 * t ** 3 + 3 * t ** 2 - 1;
    };
    const res = rk4(f, [1], 0.25, 12, () => false);
    expect(res.t).toBe(3);
    expect(Math.abs(res.y[0]! - (81 + 27 - 3 + 1))).toBeLessThan(1e-12);
  });
  it('is fourth order on the non-autonomous y\' = t y (y = e^(t^2/2)): halving h divides the error by ~16', () => {
    const f: Field64 = (t, y, out) => {
      out[0] = t * y[0]!;
    };
    const err = (n: number): number => Math.abs(rk4(f, [1], 2 / n, n, () => false).y[0]! - Math.exp(2));
    const r = err(20) / err(40);
    expect(r).toBeGreaterThan(14);
    expect(r).toBeLessThan(18);
    expect(err(40)).toBeLessThan(1e-5);
  });
  it('observe sees each new state with the previous one and stops the run; a step function sees the current state', () => {
    const f: Field64 = (_t, y, out) => {
      out[0] = -y[0]!;
    };
    const seen: [number, number, number][] = [];
    const stepArgs: [number, number][] = [];
    const y0 = [1];
    const res = rk4(
      f,
      y0,
      (t, y) => {
        stepArgs.push([t, y[0]!]);
        return 0.1 * (1 + y[0]!);
      },
      1000,
      (t, y, prev) => {
        seen.push([t, y[0]!, prev[0]!]);
        return t >= 1;
      },
    );
    expect(y0).toEqual([1]);
    expect(res.steps).toBe(seen.length);
    expect(res.t).toBe(seen.at(-1)![0]);
    expect(res.y[0]).toBe(seen.at(-1)![1]);
    expect(res.t).toBeGreaterThanOrEqual(1);
    expect(seen.at(-2)![0]).toBeLessThan(1);
    let t = 0;
    let y = 1;
    seen.forEach(([ts, ys, prev], i) => {
      // the step is chosen from the state at the start of the step, and prev is that state
      expect(stepArgs[i]).toEqual([t, y]);
      expect(prev).toBe(y);
      const h = 0.1 * (1 + y);
      const z = -h;
      expect(rel(ys, y * (1 + z + (z * z) / 2 + (z * z * z) / 6 + (z * z * z * z) / 24))).toBeLessThan(1e-15);
      expect(rel(ts, t + h)).toBeLessThan(1e-15);
      t = ts;
      y = ys;
    });
  });
});

describe('Taylor series for linear systems in fixed point', () => {
  const F = new Fixed(30);
  const D = F.D;
  type Dec = InstanceType<typeof D>;
  const within = (x: bigint, ref: Dec, tol: string | Dec): boolean => F.toDecimal(x).minus(ref).abs().lt(tol);
  /** the generator of rotations: exp(theta J) rotates by theta */
  const J: Mat = [
    [0n, -F.one],
    [F.one, 0n],
  ];
  const scaled = (a: bigint): Mat => J.map((r) => r.map((x) => F.mul(x, a)));

  it('the coefficients of e\' = -a e are (-a)^k / k! and their sum at the radius is e^(-a r)', () => {
    const a = F.ratio(5, 2);
    const r = F.ratio(1, 4);
    const coefs = linearTaylor(F, [[[a]]], [F.one], r);
    let exact = new D(1);
    coefs.forEach((c, k) => {
      expect(within(c[0]!, exact, '1e-38'), `k = ${k}`).toBe(true);
      exact = exact.times(-2.5).div(k + 1);
    });
    // the series stops once its terms are below the precision on |s| <= r, not much later
    const last = F.toDecimal(coefs.at(-1)![0]!).abs().times(new D(0.25).pow(coefs.length - 1));
    expect(last.lt('1e-40')).toBe(true);
    expect(coefs.length).toBeLessThan(60);
    expect(within(seriesEval(F, coefs, r)[0]!, new D(-0.625).exp(), '1e-38')).toBe(true);
    expect(within(seriesEval(F, coefs, -r)[0]!, new D(0.625).exp(), '1e-38')).toBe(true);
  });
  it('a matrix polynomial P(s) = (w0 + w1 s) J gives the rotation by -(w0 s + w1 s^2 / 2)', () => {
    const coefs = linearTaylor(F, [scaled(F.ratio(3, 2)), scaled(F.ratio(-1, 3))], [F.ratio(3, 5), F.ratio(4, 5)], F.ratio(1, 2));
    for (const s of ['0.5', '-0.5', '0.3']) {
      const sd = new D(s);
      const th = sd.times(1.5).minus(sd.pow(2).div(6)).neg();
      const e = seriesEval(F, coefs, F.fromDecimal(s));
      expect(within(e[0]!, th.cos().times(0.6).minus(th.sin().times(0.8)), '1e-38'), s).toBe(true);
      expect(within(e[1]!, th.sin().times(0.6).plus(th.cos().times(0.8)), '1e-38'), s).toBe(true);
    }
  });
  it('a zero start is a zero series, even on a radius beyond 1', () => {
    const coefs = linearTaylor(F, [scaled(F.one), scaled(F.one)], [0n, 0n], F.int(4));
    expect(coefs.length).toBeLessThan(6);
    for (const c of coefs) expect(c).toEqual([0n, 0n]);
  });
  it('declines when the series needs more orders than allowed', () => {
    expect(() => linearTaylor(F, [[[F.int(50)]]], [F.one], F.one, 30)).toThrow(/did not converge/);
  });
  it('integrates a time-dependent rotation to several outputs, forward and backward', () => {
    const C = [scaled(F.ratio(3, 2)), scaled(F.ratio(-1, 3))];
    const times = [0n, F.ratio(1, 10), F.int(1), F.ratio(5, 2)];
    const theta = (t: Dec): Dec => t.times(1.5).minus(t.pow(2).div(6)).neg();
    const out = integrateLinearPoly(F, C, 0n, [F.one, 0n], times);
    out.forEach((e, i) => {
      const th = theta(F.toDecimal(times[i]!));
      expect(within(e[0]!, th.cos(), '1e-38')).toBe(true);
      expect(within(e[1]!, th.sin(), '1e-38')).toBe(true);
    });
    // back from t = 5/2 to 0 and -1/2 recovers the start and then continues past it
    const back = integrateLinearPoly(F, C, F.ratio(5, 2), out[3]!, [0n, F.ratio(-1, 2)]);
    expect(within(back[0]![0]!, new D(1), '1e-37') && within(back[0]![1]!, new D(0), '1e-37')).toBe(true);
    const th = theta(new D(-0.5));
    expect(within(back[1]![0]!, th.cos(), '1e-37') && within(back[1]![1]!, th.sin(), '1e-37')).toBe(true);
  });
  it('integrates a stiff decay (e\' = -60 e) to e^-30', () => {
    const [e] = integrateLinearPoly(F, [[[F.int(60)]]], F.int(1), [F.one], [F.ratio(3, 2)]);
    expect(within(e![0]!, new D(-30).exp(), '1e-40')).toBe(true);
  });
});

describe('Gragg–Bulirsch–Stoer extrapolation in fixed point', () => {
  const F = new Fixed(30);
  const D = F.D;
  type Dec = InstanceType<typeof D>;
  const relWithin = (x: bigint, ref: Dec, tol: string | Dec): boolean => F.toDecimal(x).minus(ref).abs().lte(ref.abs().times(tol));

  it('a non-autonomous system (y0\' = t y1, y1\' = -t y0) reaches its closed form cos, -sin of t^2/2 at each output', () => {
    let calls = 0;
    const f: Field = (t, y) => {
      calls++;
      return [F.mul(t, y[1]!), -F.mul(t, y[0]!)];
    };
    const out = integrateGBS(F, f, 0n, [F.one, 0n], [F.int(1), F.int(2)]);
    expect(relWithin(out[0]![0]!, new D(0.5).cos(), '1e-35')).toBe(true);
    expect(relWithin(out[0]![1]!, new D(0.5).sin().neg(), '1e-35')).toBe(true);
    expect(relWithin(out[1]![0]!, new D(2).cos(), '1e-35')).toBe(true);
    expect(relWithin(out[1]![1]!, new D(2).sin().neg(), '1e-35')).toBe(true);
    expect(calls).toBeLessThan(3000);
  });
  it('integrates backward in time, through several outputs', () => {
    const out = integrateGBS(F, (_t, y) => [-y[0]!], F.int(3), [F.one], [F.int(3), F.int(2), 0n]);
    expect(out[0]![0]).toBe(F.one);
    expect(relWithin(out[1]![0]!, new D(1).exp(), '1e-35')).toBe(true);
    expect(relWithin(out[2]![0]!, new D(3).exp(), '1e-35')).toBe(true);
  });
  it('doubles the step while the table converges at once: a constant solution to t = 100 in few evaluations', () => {
    let calls = 0;
    const out = integrateGBS(F, () => { calls++; return [0n]; }, 0n, [F.one], [F.int(100)]);
    expect(out[0]![0]).toBe(F.one);
    // 2^-3 doubled each step reaches 100 in ~10 steps of two substeps each
    expect(calls).toBeLessThan(120);
  });
  it('keeps the global error of a decay to t = 10 within ten per-step tolerances 2^-(bits - 24), relative', () => {
    // step control and acceptance test set this budget: a step accepted early or grown too fast costs digits
    const [y] = integrateGBS(F, (_t, y) => [-y[0]!], 0n, [F.one], [F.int(10)]);
    const ref = new D(-10).exp();
    expect(relWithin(y![0]!, ref, new D(2).pow(-(F.bits - 24)).times(10))).toBe(true);
    // the tolerance is relative to |y|: a start of 10^6 loses nothing
    const [z] = integrateGBS(F, (_t, y) => [-y[0]!], 0n, [F.int(1_000_000)], [F.int(2)]);
    expect(relWithin(z![0]!, new D(-2).exp().times(1e6), new D(2).pow(-(F.bits - 24)).times(10))).toBe(true);
  });
  it('with few columns it shrinks the step instead of failing, and still meets the precision', () => {
    const out = integrateGBS(F, (_t, y) => [-y[0]!], 0n, [F.one], [F.int(1)], { kmax: 8 });
    expect(relWithin(out[0]![0]!, new D(-1).exp(), '1e-35')).toBe(true);
  });
  it('reaches an end a few ulps past a whole step, and an interval of a few ulps, without substeps below one ulp', () => {
    // the end 3 ulps past the first step 2^-3: a step that left those 3 ulps had substeps of 0
    const [a] = integrateGBS(F, (_t, y) => [y[0]!], 0n, [F.one], [F.pow2(-3) + 3n]);
    expect(relWithin(a![0]!, new D(2).pow(-3).plus(new D(2).pow(-F.bits).times(3)).exp(), '1e-35')).toBe(true);
    const [b] = integrateGBS(F, (_t, y) => [y[0]!], 0n, [F.one], [5n]);
    expect(b![0]).toBe(F.one + 5n);
  });
  it('integrates a characteristic from a non-dyadic start (t = 1 / (3/4)) with the default columns (it stalled on a leftover of a few ulps)', () => {
    // grsd.time-covariance at run seed 31337: d lambda / dt = lambda x^2 (1 + 3x/4) / t, x = lambda t
    const G = new Fixed(40);
    const b = G.ratio(3, 4);
    const field: Field = (t, y) => {
      const x = G.mul(y[0]!, t);
      return [G.div(G.mul(y[0]!, G.mul(G.mul(x, x), G.one + G.mul(b, x))), t)];
    };
    const run = (kmax: number): bigint => integrateGBS(G, field, G.div(G.one, b), [b], [G.div(G.ratio(132, 128), b)], { kmax })[0]![0]!;
    const [x16, x24] = [run(16), run(24)];
    expect(G.toDecimal(x16).minus(G.toDecimal(x24)).abs().lt('1e-34')).toBe(true);
    // the same curve as from (lambda, t) = (1, 1), scaled: kappa lambda(t1)
    const [m] = integrateGBS(G, field, G.one, [G.one], [G.ratio(132, 128)]);
    expect(G.toDecimal(x16).minus(G.toDecimal(G.mul(b, m![0]!))).abs().lt('1e-34')).toBe(true);
  });
  it('reports step underflow on a field the table can never agree on (it used to crawl by one-ulp steps forever)', () => {
    const G = new Fixed(20, 0);
    let calls = 0;
    // values far beyond the precision that flip at every call: no step size makes the columns agree
    const noise: Field = () => [BigInt((calls++ % 3) - 1) * (G.one << 100n)];
    expect(() => integrateGBS(G, noise, 0n, [0n], [G.int(1)], { kmax: 4 })).toThrow(/underflow/);
  });
});

describe('the fixed-point integrators at the last bits and at their limits', () => {
  // no guard bits: the working precision is the stated one, so a truncation a few bits early shows
  const F = new Fixed(24, 0);
  const D = F.D;
  const ulps = (x: bigint, ref: InstanceType<typeof D>): number => F.toDecimal(x).minus(ref).abs().times(new D(2).pow(F.bits)).toNumber();

  ptest.prop([fc.integer({ min: -40, max: 40 }), fc.integer({ min: 1, max: 8 })], { seed: 11, numRuns: 60 })(
    'the series of e\' = -a e summed at the radius r = 1/2^k is e^(-a r) to within 3 units of the last bit',
    (a10, k) => {
      const a = F.ratio(a10, 10);
      const r = F.pow2(-k);
      const coefs = linearTaylor(F, [[[a]]], [F.one], r);
      expect(ulps(seriesEval(F, coefs, r)[0]!, new D(-a10).div(10).div(new D(2).pow(k)).exp())).toBeLessThan(3);
    },
  );
  ptest.prop([fc.integer({ min: 20, max: 60 }), fc.integer({ min: -20, max: 20 })], { seed: 12, numRuns: 30 })(
    'a tiny start keeps its relative precision: the series from 2^-m is 2^-m times the series from 1 (m up to half the bits)',
    (m, a10) => {
      const a = F.ratio(a10, 10);
      const r = F.pow2(-2);
      const big = seriesEval(F, linearTaylor(F, [[[a]]], [F.one], r), r)[0]!;
      const tiny = seriesEval(F, linearTaylor(F, [[[a]]], [F.pow2(-m)], r), r)[0]!;
      const exact = new D(-a10).div(40).exp();
      // relative to 2^-m, tiny is as close to e^(-a r) as big is (a few ulps of 2^-m, not of 1)
      expect(ulps(big, exact)).toBeLessThan(3);
      expect(F.toDecimal(tiny).times(new D(2).pow(m)).minus(exact).abs().lt(new D(2).pow(m - F.bits).times(4))).toBe(true);
    },
  );
  it('maxOrder bounds the order: the series has at most maxOrder + 1 coefficients, or it is declined', () => {
    let declined = 0;
    for (let maxOrder = 1; maxOrder <= 60; maxOrder++) {
      let coefs: Vec[];
      try {
        coefs = linearTaylor(F, [[[F.int(3)]]], [F.one], F.ratio(1, 2), maxOrder);
      } catch (e) {
        expect(String(e)).toMatch(/did not converge/);
        declined++;
        continue;
      }
      expect(coefs.length, `maxOrder ${maxOrder}`).toBeLessThanOrEqual(maxOrder + 1);
    }
    // both outcomes occur in the range
    expect(declined).toBeGreaterThan(0);
    expect(declined).toBeLessThan(60);
  });
  ptest.prop([fc.integer({ min: -60, max: 60 }), fc.integer({ min: -30, max: 30 }), fc.boolean(), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 80 })], { seed: 14, numRuns: 200 })(
    'the series stops where its documented rule says: the last deg + 1 terms |c_k| r^k are below 2^-(bits+4) max(|e0|, 2^-bits/2), the one before is not',
    (a10, b10, linear, k, m) => {
      const P = linear ? [[[F.ratio(a10, 10)]], [[F.ratio(b10, 10)]]] : [[[F.ratio(a10, 10)]]];
      const r = F.pow2(-k);
      const coefs = linearTaylor(F, P, [F.pow2(-m)], r);
      const threshold = -F.bits - 4 + Math.max(-m, -F.bits / 2);
      const log2term = (i: number): number => (coefs[i]![0]! === 0n ? -Infinity : F.toDecimal(coefs[i]![0]!).abs().log(2).toNumber() - i * k);
      const n = coefs.length;
      for (let i = n - P.length - 1; i < n; i++) expect(log2term(i), `term ${i} of ${n}`).toBeLessThan(threshold);
      // and it stops at once: the term before them was not small (c_0 = e0 is not a term of the test)
      if (n - P.length - 2 >= 1) expect(log2term(n - P.length - 2)).toBeGreaterThanOrEqual(threshold - 1e-9);
    },
  );
  it('returns fresh vectors: the caller\'s start, the coefficients and the outputs never alias one another', () => {
    const e0 = [F.one, 0n];
    const coefs = linearTaylor(F, [[[0n, 0n], [0n, 0n]]], e0, F.one);
    expect(coefs[0]).not.toBe(e0);
    expect(seriesEval(F, [e0], F.one)).not.toBe(e0);
    const lin = integrateLinearPoly(F, [[[0n, 0n], [0n, 0n]]], 0n, e0, [0n, 0n]);
    const gbs = integrateGBS(F, (_t, y) => y.map(() => 0n), 0n, e0, [0n, 0n]);
    for (const out of [lin, gbs]) {
      expect(out).toEqual([e0, e0]);
      out[0]![0] = 7n;
      expect(e0[0]).toBe(F.one);
      expect(out[1]![0]).toBe(F.one);
    }
  });
  it('the extrapolation tolerance is relative to |y| above 1 and absolute below: a start of 2^40 costs what a start of 1 costs, 2^-40 less', () => {
    const cost = (y0: bigint): number => {
      let calls = 0;
      integrateGBS(F, (_t, y) => { calls++; return [-y[0]!]; }, 0n, [y0], [F.int(2)]);
      return calls;
    };
    const one = cost(F.one);
    // not equal: the rounding differs, and with it a few acceptances
    expect(cost(F.one << 40n)).toBeLessThan(1.25 * one);
    expect(cost(F.pow2(-40))).toBeLessThan(one / 2);
  });
  it('beyond the doubles\' range (1064 bits) the series still measures its terms: e^(-5/8) to the last bits at 320 digits', () => {
    const G = new Fixed(320, 0);
    const r = G.pow2(-2);
    const coefs = linearTaylor(G, [[[G.ratio(5, 2)]]], [G.one], r);
    const err = G.toDecimal(seriesEval(G, coefs, r)[0]!).minus(new G.D(-0.625).exp()).abs();
    expect(err.lt(new G.D(2).pow(2 - G.bits))).toBe(true);
  });
  it('the default column count grows with the digits: at 100 digits a decay to t = 1 costs ~5400 evaluations (16 columns: ~88000)', () => {
    const G = new Fixed(100);
    let calls = 0;
    integrateGBS(G, (_t, y) => { calls++; return [-y[0]!]; }, 0n, [G.one], [G.int(1)]);
    expect(calls).toBeLessThan(10_000);
  });
  it('halves the Taylor step when the series at a quarter needs more orders than allowed (a rotation at rate 400)', () => {
    // at h = 1/4 the terms 100^k/k! need ~300 orders; the cap is 0.9 bits + 40 ~ 112
    const W: Mat = [
      [0n, -F.int(400)],
      [F.int(400), 0n],
    ];
    const [e] = integrateLinearPoly(F, [W], 0n, [F.one, 0n], [F.ratio(1, 2)]);
    // exp(-W t) rotates by -400 t; 200 radians of rotation cost a few bits of the start's precision
    expect(ulps(e![0]!, new D(200).cos())).toBeLessThan(2 ** 12);
    expect(ulps(e![1]!, new D(200).sin().neg())).toBeLessThan(2 ** 12);
  });
  it('reports step underflow for a rate beyond the precision (no step of one ulp makes the series converge)', () => {
    expect(() => integrateLinearPoly(F, [[[F.one << BigInt(F.bits + 20)]]], 0n, [F.one], [F.one])).toThrow(/step underflow/);
  });
});
