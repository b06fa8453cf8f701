import { describe, expect, it } from 'vitest';
import { FiniteVolume, FixedFiniteVolume, nestedSolutions, type FixedTransportProblem, type TransportProblem } from '../../src/numeric/finite-volume.js';
import { Fixed } from '../../src/numeric/fixed.js';
import { carriedEnergy } from '../../src/models/characteristics.js';
import { goldenMin, logGrid, logSlope, peak, windowSlope } from '../../src/numeric/fit.js';

/** u = c e^(sigma s) t^q, decay 2 e^s on s in [sLo, 0], start density e^(nu s). */
function problem(sigma: number, q: number, c: number, nu: number, sLo: number, ds: number) {
  const init = (a: number, b: number): number => (Math.exp(nu * b) - Math.exp(nu * a)) / (nu * (b - a));
  return { sLo, sHi: 0, cells: Math.round(-sLo / ds), speed: (s: number) => c * Math.exp(sigma * s), clock: (t: number) => t ** q, r: (s: number) => 2 * Math.exp(s), initial: init, inflow: () => 0 };
}

describe('finite volumes for the shell transport', () => {
  it('conserve energy: what is in the grid, what left through the top and what decayed add up to the start', () => {
    const p = { ...problem(0.7, 0.3, 1.5, 0.6, -12, 0.02), r: () => 0 };
    const fv = new FiniteVolume(p, 1e-3);
    const start = fv.total();
    for (const t of logGrid(-2, 3, 20)) fv.step(t);
    expect(Math.abs(fv.total() + fv.outflow - start) / start).toBeLessThan(1e-12);
    expect(fv.outflow).toBeGreaterThan(0.1 * start);
  });

  it('converge to the energy carried along the characteristics as the grid is refined (first order)', () => {
    const errors = [0.04, 0.02, 0.01].map((ds) => {
      const p = problem(0.8, 0.2, 1, 0.5, -14, ds);
      const fv = new FiniteVolume(p, 1e-3);
      const times = [1, 10, 100];
      const fvLoss = times.map((t) => {
        while (fv.t < t * (1 - 1e-12)) fv.step(Math.min(t, fv.t * Math.exp(ds)));
        return fv.total();
      });
      // a fine Lagrangian reference: many carriers, small steps
      const n = 7_000;
      const s0 = Float64Array.from({ length: n }, (_, i) => -14 + (i + 0.5) * (14 / n));
      const w = Float64Array.from(s0, (s) => Math.exp(0.5 * s) * (14 / n));
      const ref = carriedEnergy({ speed: (s) => Math.exp(0.8 * s), clock: (t) => t ** 0.2, r: (s) => 2 * Math.exp(s), sTop: 0 }, s0, w, [1e-3, ...times], 200).slice(1);
      return Math.max(...fvLoss.map((x, i) => Math.abs(x - ref[i]!) / ref[i]!));
    });
    expect(errors[1]!).toBeLessThan(0.7 * errors[0]!);
    expect(errors[2]!).toBeLessThan(0.7 * errors[1]!);
    expect(errors[2]!).toBeLessThan(1e-2);
  });
});

describe('mode dynamics along characteristics', () => {
  it('reproduce the lazy decay e^(-2 lambda t) when nothing moves, to second order in the step', () => {
    const s0 = [-3, -1, -0.2];
    const w = [1, 2, 3];
    const exact = s0.reduce((acc, s, i) => acc + w[i]! * Math.exp(-2 * Math.exp(s) * 2), 0);
    const err = [100, 200].map((steps) => Math.abs(carriedEnergy({ speed: () => 0, clock: () => 1, r: (s) => 2 * Math.exp(s), sTop: 0 }, s0, w, [1e-9, 2], steps)[1]! - exact) / exact);
    expect(err[1]!).toBeLessThan(err[0]! / 3.5);
    expect(err[1]!).toBeLessThan(1e-5);
  });
  it('carry 10^6 modes over 6 decades of time', () => {
    const n = 1_000_000;
    const alpha = 1.5;
    const s0 = Float64Array.from({ length: n }, (_, k) => -alpha * Math.log(k + 1));
    const w = Float64Array.from({ length: n }, (_, k) => (k + 1) ** -1.6);
    const t = logGrid(0, 6, 4);
    const L = carriedEnergy({ speed: (s) => Math.exp(s), clock: (tt) => tt ** -0.5, r: (s) => 2 * Math.exp(s), sTop: 0 }, s0, w, t, 10);
    // the time-covariant field: self-similar, L ~ t^-nu with nu = (beta - 1)/alpha = 0.4
    expect(Math.abs(-windowSlope(t, L, 1e4, 1e5) - 0.4)).toBeLessThan(0.01);
  });
});

describe('fits', () => {
  it('slopes, peaks and minima', () => {
    const x = logGrid(0, 3, 10);
    expect(logSlope(x, x.map((v) => 3 * v ** -1.25))).toBeCloseTo(-1.25, 12);
    expect(peak([0, 1, 2, 3, 4], [0, 3, 4, 3, 0])).toBeCloseTo(2, 12);
    expect(peak([0, 1, 2], [0, 1, 0.5])).toBeCloseTo(7 / 6, 12); // the vertex of -3/4 x^2 + 7/4 x
    expect(goldenMin((v) => (v - 1.3) ** 2, 0, 4)).toBeCloseTo(1.3, 8);
  });
});

describe('where the transport model has no power law', () => {
  it('sigma <= 0 < q + 1: the local loss exponent grows without bound (faster than any power), as `exponents` says', () => {
    // every carrier, however deep, is lifted: no untouched reservoir below the grid
    const n = 8000;
    const s0 = Float64Array.from({ length: n }, (_, i) => -40 + (i + 0.5) * (40 / n));
    const w = Float64Array.from(s0, (s) => Math.exp(0.5 * s) * (40 / n));
    const t = logGrid(-2, 2, 8);
    const L = carriedEnergy({ speed: (s) => Math.exp(-0.5 * s), clock: () => 1, r: (s) => 2 * Math.exp(s), sTop: 0 }, s0, w, t, 80);
    const slopes = [-1, 0, 1].map((l) => -windowSlope(t, L, 10 ** (l - 1), 10 ** l));
    expect(slopes[1]!).toBeGreaterThan(1.5 * slopes[0]!);
    expect(slopes[2]!).toBeGreaterThan(1.5 * slopes[1]!);
  });
});

/** A problem on [sLo, sHi] with everything but the grid overridable. */
function fvProblem(over: Partial<TransportProblem> & Pick<TransportProblem, 'sLo' | 'sHi' | 'cells'>): TransportProblem {
  return { speed: () => 1, clock: () => 1, r: () => 0, initial: () => 0, inflow: () => 0, ...over };
}
/** the cell centres, computed from the grid's definition */
const centresOf = (sLo: number, sHi: number, cells: number): number[] => Array.from({ length: cells }, (_, i) => sLo + ((i + 0.5) * (sHi - sLo)) / cells);

describe('finite volumes: exact discrete laws', () => {
  it('lays out the grid and takes cell averages: the density s integrates to (sHi^2 - sLo^2) / 2', () => {
    const fv = new FiniteVolume(fvProblem({ sLo: -1.5, sHi: 4.5, cells: 24, initial: (a, b) => (a + b) / 2 }), 0.25);
    expect(fv.ds).toBe(0.25);
    expect(fv.t).toBe(0.25);
    expect(fv.outflow).toBe(0);
    const c = centresOf(-1.5, 4.5, 24);
    c.forEach((s, i) => {
      expect(fv.centers[i]).toBeCloseTo(s, 13);
      expect(fv.eps[i]).toBeCloseTo(s, 13);
    });
    expect(fv.total()).toBeCloseTo((4.5 ** 2 - 1.5 ** 2) / 2, 12);
  });

  it('samples the problem only inside [sLo, sHi] (speed, r and the initial density may be undefined outside)', () => {
    const inside = (...s: number[]): void => {
      for (const v of s) if (!(v >= -1 - 1e-12 && v <= 2 + 1e-12)) throw new RangeError(`sampled outside the domain at ${v}`);
    };
    const seen: number[] = [];
    const fv = new FiniteVolume(
      fvProblem({
        sLo: -1,
        sHi: 2,
        cells: 12,
        speed: (s) => (inside(s), seen.push(s), 1 + s * s),
        r: (s) => (inside(s), 1),
        initial: (a, b) => (inside(a, b), 1),
      }),
      0,
    );
    fv.step(1);
    // the speed at every face: the bottom one and the top face of each cell
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 13 }, (_, i) => expect.closeTo(-1 + i * 0.25, 12)));
  });

  it('time must advance', () => {
    const fv = new FiniteVolume(fvProblem({ sLo: 0, sHi: 1, cells: 4 }), 1);
    expect(() => fv.step(1)).toThrow('time must advance');
    expect(() => fv.step(0.5)).toThrow(RangeError);
    expect(() => fv.step(Number.NaN)).toThrow(RangeError);
    fv.step(1.5);
    expect(fv.t).toBe(1.5);
  });

  it('without motion, each cell decays by backward Euler at the rate of its centre, and tends to e^(-r t)', () => {
    const r = (s: number): number => 1 + s * s;
    const c = centresOf(-1, 2, 6);
    const run = (n: number): Float64Array => {
      const fv = new FiniteVolume(fvProblem({ sLo: -1, sHi: 2, cells: 6, speed: () => 0, r, initial: () => 2 }), 0);
      for (let j = 1; j <= n; j++) fv.step(j / n);
      return fv.eps;
    };
    // the closed form of backward Euler for eps' = -r eps: eps_0 / (1 + r dt)^n
    run(8).forEach((e, i) => expect(e).toBeCloseTo(2 / (1 + r(c[i]!) / 8) ** 8, 13));
    // first order in the step towards the exact decay
    const err = (n: number): number => Math.max(...[...run(n)].map((e, i) => Math.abs(e - 2 * Math.exp(-r(c[i]!))) / (2 * Math.exp(-r(c[i]!)))));
    expect(err(400) / err(800)).toBeGreaterThan(1.9);
    expect(err(400) / err(800)).toBeLessThan(2.1);
  });

  it('conserves: in grid + outflow + decayed = start + inflow, exactly, with every term at work', () => {
    const p = fvProblem({
      sLo: -2,
      sHi: 1,
      cells: 40,
      speed: (s) => 0.5 + (s + 2) ** 2,
      clock: (t) => 1 + t,
      r: (s) => 0.3 * Math.exp(s),
      initial: (a, b) => Math.exp(-(((a + b) / 2 + 1) ** 2)),
      inflow: (t) => 2 + Math.sin(3 * t),
    });
    const fv = new FiniteVolume(p, 0.1);
    const start = fv.total();
    let decayed = 0;
    let inflow = 0;
    let t = 0.1;
    const c = centresOf(-2, 1, 40);
    for (const t1 of [0.15, 0.3, 0.32, 0.6, 1, 1.7, 3]) {
      const dt = t1 - t;
      fv.step(t1);
      inflow += dt * p.speed(-2) * p.clock(t1) * p.inflow(t1);
      decayed += dt * fv.ds * c.reduce((acc, s, i) => acc + p.r(s) * fv.eps[i]!, 0);
      t = t1;
    }
    expect(fv.t).toBe(3);
    expect(fv.outflow).toBeGreaterThan(0.1 * start);
    expect(decayed).toBeGreaterThan(0.01 * start);
    expect(inflow).toBeGreaterThan(start);
    expect(Math.abs(fv.total() + fv.outflow + decayed - start - inflow) / (start + inflow)).toBeLessThan(1e-13);
  });

  it('at constant speed, the centroid moves by u clock(t1) dt per step, exactly, and mass stays put', () => {
    const u = 0.8;
    const clock = (t: number): number => 1 + t;
    const fv = new FiniteVolume(fvProblem({ sLo: 0, sHi: 12, cells: 240, speed: () => u, clock, initial: (a, b) => Math.exp(-4 * ((a + b) / 2 - 2) ** 2) }), 0);
    const centroid = (): number => fv.eps.reduce((acc, e, i) => acc + e * fv.centers[i]!, 0) / fv.eps.reduce((a, b) => a + b, 0);
    const m0 = fv.total();
    let want = centroid();
    let t = 0;
    // uneven steps of at most 1.6 cells: implicit upwind's tail must not reach the top
    for (const t1 of Array.from({ length: 24 }, (_, j) => (j + 1) * (0.03 + 0.001 * j))) {
      fv.step(t1);
      want += u * clock(t1) * (t1 - t);
      t = t1;
      expect(centroid()).toBeCloseTo(want, 11);
    }
    expect(want).toBeGreaterThan(3.5);
    expect(fv.outflow).toBeLessThan(1e-12 * m0);
    expect(fv.total()).toBeCloseTo(m0, 13);
  });

  it('reaches the steady state u eps = u(sLo) rho_in at the top face of each cell (varying speed, one huge step)', () => {
    const speed = (s: number): number => 1 + s * s;
    const fv = new FiniteVolume(fvProblem({ sLo: -1, sHi: 2, cells: 30, speed, clock: () => 2, inflow: () => 3, initial: () => 5 }), 0);
    fv.step(1e9);
    fv.eps.forEach((e, i) => expect(e / ((speed(-1) * 3) / speed(-1 + (i + 1) * 0.1))).toBeCloseTo(1, 6));
  });

  it('with decay, the steady profile converges to rho e^(-int r/u) at first order in ds', () => {
    // u = 2, r = 1 + s on [0, 1]: eps(s) = e^(-(s + s^2/2) / 2)
    const exact = (s: number): number => Math.exp(-(s + (s * s) / 2) / 2);
    const err = (cells: number): number => {
      const fv = new FiniteVolume(fvProblem({ sLo: 0, sHi: 1, cells, speed: () => 2, r: (s) => 1 + s, inflow: () => 1 }), 0);
      fv.step(1e9);
      // the upwind cell value sits at the cell's top face to first order
      return Math.max(...[...fv.eps].map((e, i) => Math.abs(e - exact((i + 1) / cells))));
    };
    const [e1, e2] = [err(100), err(200)];
    expect(e1).toBeLessThan(1e-2);
    expect(e1 / e2).toBeGreaterThan(1.8);
    expect(e1 / e2).toBeLessThan(2.2);
  });
});

describe('finite volumes: refinements read at the coarse centres (nestedSolutions)', () => {
  it('reads each refinement at the centres of the coarsest grid: without motion or decay every level keeps the initial centre values', () => {
    const f0 = (s: number): number => Math.exp(-((s - 0.3) ** 2));
    const p = fvProblem({ sLo: -1, sHi: 2, cells: 6, speed: () => 0, initial: (a, b) => f0((a + b) / 2) });
    const sols = nestedSolutions(p, 0, 1, 2, 3, 3);
    expect(sols).toHaveLength(3);
    const c = centresOf(-1, 2, 6);
    for (const sol of sols) {
      expect(sol).toHaveLength(6);
      sol.forEach((e, i) => expect(e).toBeCloseTo(f0(c[i]!), 14));
    }
    // factor 1: the same grid three times
    const same = nestedSolutions({ ...p, speed: () => 1 }, 0, 1, 4, 3, 1);
    expect(same[0]).toEqual(same[2]);
  });

  it('level k is the plain solver on cells / f^k with steps0 f^k equal steps', () => {
    const p = fvProblem({ sLo: 0, sHi: 3, cells: 4, speed: (s) => 1 + s, clock: (t) => 1 + t, r: (s) => 0.5 * s, initial: (a, b) => Math.sin(a + b) + 2 });
    const sols = nestedSolutions(p, 0.5, 1.5, 3, 2, 5);
    const fv = new FiniteVolume({ ...p, cells: 20 }, 0.5);
    for (let j = 1; j <= 15; j++) fv.step(0.5 + j / 15);
    // coarse cell i is fine cells 5i .. 5i + 4: its centre is fine cell 5i + 2
    sols[1]!.forEach((e, i) => expect(e).toBe(fv.eps[5 * i + 2]));
  });

  it('converges at first order: the error at the coarse centres falls threefold per level', () => {
    // constant speed, no decay, the exact inflow: eps(s, t) = eps0(s - u t)
    const eps0 = (s: number): number => Math.exp(-((s - 1) ** 2));
    const p = fvProblem({ sLo: -3, sHi: 6, cells: 24, speed: () => 0.8, initial: (a, b) => eps0((a + b) / 2), inflow: (t) => eps0(-3 - 0.8 * t) });
    const sols = nestedSolutions(p, 0, 2, 8, 4, 3);
    const c = centresOf(-3, 6, 24);
    const err = sols.map((sol) => Math.sqrt(sol.reduce((acc, e, i) => acc + (e - eps0(c[i]! - 1.6)) ** 2, 0)));
    const order = err.slice(1).map((e, k) => Math.log(err[k]! / e) / Math.log(3));
    expect(order[2]!).toBeGreaterThan(0.9);
    expect(order[2]!).toBeLessThan(1.1);
    expect(Math.abs(order[2]! - 1)).toBeLessThan(Math.abs(order[0]! - 1));
  });

  it('refuses an even refinement factor (the coarse centres would sit on faces), a backward interval and no steps', () => {
    const p = fvProblem({ sLo: 0, sHi: 1, cells: 4 });
    expect(() => nestedSolutions(p, 0, 1, 4, 2, 2)).toThrow(RangeError);
    expect(() => nestedSolutions(p, 1, 1, 4, 2, 3)).toThrow(RangeError);
    expect(() => nestedSolutions(p, 0, 1, 0, 2, 3)).toThrow(RangeError);
  });
});

describe('finite volumes in fixed point (FixedFiniteVolume)', () => {
  const F = new Fixed(40);
  const fx = (x: number): bigint => F.fromNumber(x);
  const nb = (x: bigint): number => F.toNumber(x);

  it('take the steps of the float64 scheme: on one separable term they agree to double precision', () => {
    const speed = (s: number): number => 0.5 + (s + 2) ** 2;
    const clock = (t: number): number => 1 + t;
    const r = (s: number): number => 0.3 * Math.exp(s);
    const init = (a: number, b: number): number => Math.exp(-(((a + b) / 2 + 1) ** 2));
    const inflow = (t: number): number => 2 + Math.sin(3 * t);
    const fv = new FiniteVolume({ sLo: -2, sHi: 1, cells: 24, speed, clock, r, initial: init, inflow }, 0.125);
    const fxv = new FixedFiniteVolume(F, { sLo: fx(-2), ds: fx(0.125), cells: 24, terms: [{ speed: (s) => fx(speed(nb(s))), clock: (t) => fx(clock(nb(t))) }], r: (s) => fx(r(nb(s))), initial: (a, b) => fx(init(nb(a), nb(b))), inflow: (t) => fx(inflow(nb(t))) }, fx(0.125));
    for (const t of [0.25, 0.5, 0.625, 1, 2, 3.5]) {
      fv.step(t);
      fxv.step(fx(t));
    }
    expect(nb(fxv.t)).toBe(3.5);
    fv.eps.forEach((e, i) => expect(Math.abs(nb(fxv.eps[i]!) - e)).toBeLessThan(1e-13 * Math.max(...fv.eps)));
    fv.centers.forEach((c, i) => expect(nb(fxv.centers[i]!)).toBeCloseTo(c, 14));
    expect(nb(fxv.outflow) / fv.outflow).toBeCloseTo(1, 12);
    expect(nb(fxv.total()) / fv.total()).toBeCloseTo(1, 12);
  });

  it('adds its velocity terms: speeds a(s) under clocks c1 and c2 are the speed a(s) under c1 + c2', () => {
    const a = (s: bigint): bigint => F.one + F.mul(s, s);
    const c1 = (t: bigint): bigint => F.mul(t, t);
    const c2 = (t: bigint): bigint => F.one + 3n * t;
    const base: Omit<FixedTransportProblem, 'terms'> = { sLo: fx(-1), ds: fx(0.25), cells: 12, r: (s) => F.exp(s), initial: (x) => F.exp(-x * 2n), inflow: () => F.one };
    const two = new FixedFiniteVolume(F, { ...base, terms: [{ speed: a, clock: c1 }, { speed: a, clock: c2 }] }, 0n);
    const one = new FixedFiniteVolume(F, { ...base, terms: [{ speed: a, clock: (t) => c1(t) + c2(t) }] }, 0n);
    for (const t of [0.1, 0.3, 0.7].map(fx)) {
      two.step(t);
      one.step(t);
    }
    two.eps.forEach((e, i) => expect(nb(e - one.eps[i]!)).toBeLessThan(1e-45));
    expect(nb(two.eps[11]!)).toBeGreaterThan(0.1);
  });

  it('conserve at the working precision: in grid + outflow + decayed = start + inflow', () => {
    const speed = (s: bigint): bigint => F.ratio(1, 2) + F.mul(s + F.int(2), s + F.int(2));
    const r = (s: bigint): bigint => F.mul(F.ratio(3, 10), F.exp(s));
    const ds = F.ratio(3, 40);
    const inflow = (t: bigint): bigint => F.int(2) + t;
    const fxv = new FixedFiniteVolume(F, { sLo: F.int(-2), ds, cells: 40, terms: [{ speed, clock: (t) => F.one + t }], r, initial: (a) => F.exp(-F.mul(a + F.one, a + F.one)), inflow }, F.ratio(1, 10));
    const start = fxv.total();
    let decayed = 0n;
    let added = 0n;
    let t = F.ratio(1, 10);
    for (const t1 of [0.15, 0.3, 0.32, 0.6, 1, 1.7, 3].map(fx)) {
      const dt = t1 - t;
      fxv.step(t1);
      added += F.mul(dt, F.mul(F.mul(speed(F.int(-2)), F.one + t1), inflow(t1)));
      decayed += F.mul(F.mul(dt, ds), fxv.eps.reduce((acc, e, i) => acc + F.mul(r(fxv.centers[i]!), e), 0n));
      t = t1;
    }
    expect(nb(fxv.outflow)).toBeGreaterThan(0.1 * nb(start));
    expect(nb(decayed)).toBeGreaterThan(0.01 * nb(start));
    // every operation rounds at 2^-bits: the balance closes to the working precision, not to 1e-13
    expect(Math.abs(nb(fxv.total() + fxv.outflow + decayed - start - added))).toBeLessThan(1e-36);
  });

  it('solve the image of a problem under s -> s + ln k, t -> t / k to the same densities when u and r scale by k, and not when the time is left unscaled', () => {
    // u = e^(s/2) t^(-1/2) + e^(3s/2) t^(1/2) / 4 (covariant: k u(s, t) = u(s + ln k, t / k)), r = 2 e^s
    const kappa = F.ratio(3, 2);
    const lnk = F.ln(kappa);
    const pow = (t: bigint, a: bigint): bigint => F.exp(F.mul(a, F.ln(t)));
    const terms = [
      { speed: (s: bigint) => F.exp(s / 2n), clock: (t: bigint) => pow(t, -F.one / 2n) },
      { speed: (s: bigint) => F.exp((3n * s) / 2n) / 4n, clock: (t: bigint) => pow(t, F.one / 2n) },
    ];
    const solve = (shift: bigint, times: bigint[]): bigint[] => {
      const fv = new FixedFiniteVolume(F, { sLo: F.int(-3) + shift, ds: F.ratio(1, 8), cells: 24, terms, r: (s) => 2n * F.exp(s), initial: (a) => F.exp(-F.mul(a - shift + F.one, a - shift + F.one)), inflow: () => 0n }, times[0]!);
      for (const t of times.slice(1)) fv.step(t);
      return fv.eps;
    };
    const times = [0.5, 0.6, 0.8, 1.1, 1.5].map(fx);
    const M = solve(0n, times);
    const K = solve(lnk, times.map((t) => F.div(t, kappa)));
    const Kunscaled = solve(lnk, times.map((t) => F.div(times[0]!, kappa) + t - times[0]!));
    M.forEach((e, i) => expect(Math.abs(nb(K[i]! - e))).toBeLessThan(1e-38));
    expect(Math.max(...M.map((e, i) => Math.abs(nb(Kunscaled[i]! - e))))).toBeGreaterThan(1e-3);
  });

  it('refuse a negative velocity, a grid without cells and a time that does not advance', () => {
    const base: FixedTransportProblem = { sLo: 0n, ds: F.ratio(1, 4), cells: 4, terms: [{ speed: () => F.one, clock: () => F.one }], r: () => 0n, initial: () => F.one, inflow: () => 0n };
    const backwards = new FixedFiniteVolume(F, { ...base, terms: [{ speed: (s) => F.ratio(1, 2) - s, clock: () => F.one }] }, 0n);
    expect(() => backwards.step(F.one)).toThrow(/negative velocity at face 3/);
    const inflowing = new FixedFiniteVolume(F, { ...base, terms: [{ speed: () => -F.one, clock: () => F.one }] }, 0n);
    expect(() => inflowing.step(F.one)).toThrow(/bottom face/);
    expect(() => new FixedFiniteVolume(F, { ...base, cells: 0 }, 0n)).toThrow(RangeError);
    const fv = new FixedFiniteVolume(F, base, F.one);
    expect(() => fv.step(F.one)).toThrow('time must advance');
    fv.step(F.int(2));
    expect(fv.t).toBe(F.int(2));
  });
});
