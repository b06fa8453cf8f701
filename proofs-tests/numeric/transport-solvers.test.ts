import { describe, expect, it } from 'vitest';
import { FiniteVolume, type TransportProblem } from '../../src/numeric/finite-volume.js';
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
