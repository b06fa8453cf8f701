/**
 * Conservative finite volumes for a one-dimensional transport equation with decay,
 *   d_t eps + d_s (u eps) = -r eps,   u >= 0,
 * on cells of width ds over [sLo, sHi]: implicit upwind in time (a lower-bidiagonal system,
 * solved by one sweep), so that geometric time steps stay stable whatever u and r are. What
 * leaves through the top face is counted as outflow; the bottom face lets in a prescribed inflow.
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

export class FiniteVolume {
  readonly ds: number;
  readonly centers: Float64Array;
  readonly eps: Float64Array;
  private readonly rate: Float64Array;
  /** speed at the top face of each cell; speedIn at the bottom face of the grid */
  private readonly faceSpeed: Float64Array;
  private readonly speedIn: number;
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
