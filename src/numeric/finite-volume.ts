import type { Fixed } from './fixed.js';

/**
 * Conservative finite volumes for a one-dimensional transport equation with decay,
 *   d_t eps + d_s (u eps) = -r eps,   u >= 0,
 * on cells of width ds over [sLo, sHi]: implicit upwind in time (a lower-bidiagonal system,
 * solved by one sweep), so that geometric time steps stay stable whatever u and r are. What
 * leaves through the top face is counted as outflow; the bottom face lets in a prescribed inflow.
 *
 * @example
 * ```ts
 * import type { TransportProblem } from 'scalecheck/numeric';
 *
 * // pure decay at rate 1 (no transport): eps(t) = e^-t eps(0)
 * const decay: TransportProblem = {
 *   sLo: 0, sHi: 1, cells: 10, speed: () => 0, clock: () => 1, r: () => 1,
 *   initial: (a, b) => 1, inflow: () => 0,
 * };
 * ```
 */
export interface TransportProblem {
  sLo: number;
  sHi: number;
  cells: number;
  /**
   * velocity u(s, t) = speed(s) * clock(t) >= 0: separable, so that the faces' speeds are
   * tabulated once and a step costs a few flops per cell
   */
  speed: (s: number) => number;
  clock: (t: number) => number;
  /** decay rate at s (>= 0) */
  r: (s: number) => number;
  /** cell averages of the initial density */
  initial: (sA: number, sB: number) => number;
  /** density just below sLo at time t (inflow) */
  inflow: (t: number) => number;
}

/**
 * The float64 scheme: one backward-Euler step of the upwind discretisation per `step`.
 *
 * @example
 * ```ts
 * import { FiniteVolume } from 'scalecheck/numeric';
 *
 * // unit speed, no decay: the initial bump moves up and out through the top face
 * const fv = new FiniteVolume({
 *   sLo: 0, sHi: 1, cells: 100, speed: () => 1, clock: () => 1, r: () => 0,
 *   initial: (a) => (a < 0.1 ? 1 : 0), inflow: () => 0,
 * }, 0);
 * for (let j = 1; j <= 200; j++) fv.step(j / 100);
 * fv.total() + fv.outflow; // 0.1 to rounding: conserved
 * ```
 */
export class FiniteVolume {
  /** cell width */
  readonly ds: number;
  /** cell centres */
  readonly centers: Float64Array;
  /** cell averages of the density */
  readonly eps: Float64Array;
  private readonly rate: Float64Array;
  /** speed at the top face of each cell; speedIn at the bottom face of the grid */
  private readonly faceSpeed: Float64Array;
  private readonly speedIn: number;
  /** the current time */
  t: number;
  /** total that has left through the top face */
  outflow = 0;

  constructor(
    private readonly p: TransportProblem,
    t0: number,
  ) {
    this.ds = (p.sHi - p.sLo) / p.cells;
    this.centers = new Float64Array(p.cells);
    this.eps = new Float64Array(p.cells);
    this.rate = new Float64Array(p.cells);
    this.faceSpeed = new Float64Array(p.cells);
    this.speedIn = p.speed(p.sLo);
    for (let i = 0; i < p.cells; i++) {
      this.faceSpeed[i] = p.speed(p.sLo + (i + 1) * this.ds);
      const a = p.sLo + i * this.ds;
      this.centers[i] = a + this.ds / 2;
      this.eps[i] = p.initial(a, a + this.ds);
      this.rate[i] = p.r(this.centers[i]!);
    }
    this.t = t0;
  }

  /** One backward-Euler step to time t1. */
  step(t1: number): void {
    const { p, eps, rate, ds, faceSpeed } = this;
    const dt = t1 - this.t;
    if (!(dt > 0)) throw new RangeError('time must advance');
    const clock = p.clock(t1);
    const k = (dt / ds) * clock;
    let fluxIn = this.speedIn * clock * p.inflow(t1);
    for (let i = 0; i < eps.length; i++) {
      const uOut = faceSpeed[i]! * clock;
      const e = (eps[i]! + (dt / ds) * fluxIn) / (1 + k * faceSpeed[i]! + dt * rate[i]!);
      eps[i] = e;
      fluxIn = uOut * e;
    }
    this.outflow += dt * fluxIn;
    this.t = t1;
  }

  /** Integral of the density over the domain. */
  total(): number {
    let s = 0;
    for (let i = 0; i < this.eps.length; i++) s += this.eps[i]!;
    return s * this.ds;
  }
}

/**
 * One problem solved from t0 to t1 on grids refined by an odd factor f: level k has cells of
 * ds / f^k and steps0 f^k equal time steps, so ds and dt shrink together and the scheme's error
 * is first order in both. Each solution is read at the centres of the coarsest grid, which are
 * cell centres of every refinement (f odd): no interpolation, whose O(ds^2) would hide the
 * first-order error where transport and decay are weak. Returns, per level, the density at
 * those centres (length p.cells).
 *
 * @example
 * ```ts
 * import { nestedSolutions } from 'scalecheck/numeric';
 *
 * const p = { sLo: 0, sHi: 1, cells: 5, speed: (s: number) => s, clock: () => 1, r: () => 0.5, initial: () => 1, inflow: () => 0 };
 * const [coarse, finer, finest] = nestedSolutions(p, 0, 1, 4, 3); // 5 values each, on the same centres
 * // first order: successive differences shrink by about the factor 3
 * ```
 */
export function nestedSolutions(p: TransportProblem, t0: number, t1: number, steps0: number, levels: number, factor = 3): Float64Array[] {
  if (!Number.isInteger(factor) || factor < 1 || factor % 2 === 0) throw new RangeError(`the refinement factor must be a positive odd integer, got ${factor}`);
  if (!(t1 > t0) || !Number.isInteger(steps0) || steps0 < 1) throw new RangeError('need t1 > t0 and a positive number of steps');
  const out: Float64Array[] = [];
  for (let k = 0, f = 1; k < levels; k++, f *= factor) {
    const fv = new FiniteVolume({ ...p, cells: p.cells * f }, t0);
    const n = steps0 * f;
    for (let j = 1; j <= n; j++) fv.step(j === n ? t1 : t0 + ((t1 - t0) * j) / n);
    // coarse cell i is fine cells i f .. i f + f - 1; its centre is the centre of the middle one
    out.push(Float64Array.from({ length: p.cells }, (_, i) => fv.eps[i * f + (f - 1) / 2]!));
  }
  return out;
}

/* ------------------------------------------------------------------------------------------
 * The same scheme in fixed point, for checks at a working precision
 * ---------------------------------------------------------------------------------------- */

/**
 * One separable part of a velocity: speed(s) clock(t).
 *
 * @example
 * ```ts
 * import { Fixed, type FixedVelocityTerm } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const term: FixedVelocityTerm = { speed: (s) => F.exp(s), clock: () => F.one }; // u = e^s
 * ```
 */
export interface FixedVelocityTerm {
  speed: (s: bigint) => bigint;
  clock: (t: bigint) => bigint;
}

/**
 * The transport problem of FiniteVolume at a working precision (fixed point): cells of width ds
 * from sLo, a velocity that is a sum of separable terms u(s, t) = sum_i speed_i(s) clock_i(t)
 * (a covariant field t^-1 Phi(e^s t) with Phi a sum of powers is one: one term per power),
 * decay r(s), cell averages of the initial density and a prescribed inflow.
 *
 * @example
 * ```ts
 * import { Fixed, type FixedTransportProblem } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const p: FixedTransportProblem = {
 *   sLo: 0n, ds: F.ratio(1, 8), cells: 8, terms: [{ speed: () => F.one, clock: () => F.one }],
 *   r: () => 0n, initial: () => F.one, inflow: () => 0n,
 * };
 * ```
 */
export interface FixedTransportProblem {
  sLo: bigint;
  ds: bigint;
  cells: number;
  terms: FixedVelocityTerm[];
  r: (s: bigint) => bigint;
  initial: (sA: bigint, sB: bigint) => bigint;
  inflow: (t: bigint) => bigint;
}

/**
 * Implicit upwind finite volumes in fixed point: the scheme of FiniteVolume (one backward-Euler
 * step is one sweep of the lower-bidiagonal system), every operation rounded at the working
 * precision, so that two solves that are images of each other under a symmetry agree to that
 * precision and not only to the scheme's truncation. The velocity must be >= 0 on the faces.
 *
 * @example
 * ```ts
 * import { Fixed, FixedFiniteVolume } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const fv = new FixedFiniteVolume(F, {
 *   sLo: 0n, ds: F.ratio(1, 8), cells: 8, terms: [{ speed: () => F.one, clock: () => F.one }],
 *   r: () => 0n, initial: () => F.one, inflow: () => 0n,
 * }, 0n);
 * fv.step(F.ratio(1, 16));
 * F.toDecimal(fv.total() + fv.outflow).toFixed(25); // '1.0000000000000000000000000': conserved
 * ```
 */
export class FixedFiniteVolume {
  readonly centers: bigint[];
  readonly eps: bigint[];
  private readonly rate: bigint[];
  /** per term: its speed at the top face of each cell, and at the bottom face of the grid */
  private readonly faceSpeed: bigint[][];
  private readonly speedIn: bigint[];
  t: bigint;
  outflow = 0n;

  constructor(
    readonly F: Fixed,
    private readonly p: FixedTransportProblem,
    t0: bigint,
  ) {
    if (p.cells < 1 || p.ds <= 0n) throw new RangeError('the grid needs at least one cell of positive width');
    this.centers = [];
    this.eps = [];
    this.rate = [];
    for (let i = 0; i < p.cells; i++) {
      const a = p.sLo + BigInt(i) * p.ds;
      this.centers.push(a + p.ds / 2n);
      this.eps.push(p.initial(a, a + p.ds));
      this.rate.push(p.r(a + p.ds / 2n));
    }
    this.faceSpeed = p.terms.map((T) => Array.from({ length: p.cells }, (_, i) => T.speed(p.sLo + BigInt(i + 1) * p.ds)));
    this.speedIn = p.terms.map((T) => T.speed(p.sLo));
    this.t = t0;
  }

  /** One backward-Euler step to time t1. */
  step(t1: bigint): void {
    const { F, p, eps, rate } = this;
    const dt = t1 - this.t;
    if (dt <= 0n) throw new RangeError('time must advance');
    const clocks = p.terms.map((T) => T.clock(t1));
    const dtds = F.div(dt, p.ds);
    // u at a face: each term's tabulated speed there under its clock
    const velocity = (speedOf: (term: number) => bigint): bigint => clocks.reduce((u, c, j) => u + F.mul(speedOf(j), c), 0n);
    const uIn = velocity((j) => this.speedIn[j]!);
    if (uIn < 0n) throw new RangeError('negative velocity at the bottom face: upwind needs u >= 0');
    let fluxIn = F.mul(uIn, p.inflow(t1));
    for (let i = 0; i < eps.length; i++) {
      const uOut = velocity((j) => this.faceSpeed[j]![i]!);
      if (uOut < 0n) throw new RangeError(`negative velocity at face ${i + 1}: upwind needs u >= 0`);
      const e = F.div(eps[i]! + F.mul(dtds, fluxIn), F.one + F.mul(dtds, uOut) + F.mul(dt, rate[i]!));
      eps[i] = e;
      fluxIn = F.mul(uOut, e);
    }
    this.outflow += F.mul(dt, fluxIn);
    this.t = t1;
  }

  /** Integral of the density over the grid. */
  total(): bigint {
    return this.F.mul(this.eps.reduce((s, e) => s + e, 0n), this.p.ds);
  }
}
