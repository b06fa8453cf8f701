import type { Fixed } from '../numeric/fixed.js';
import { alignSigns, eigSymRefined, minGap, type EigenResult } from '../numeric/eigen.js';
import { maxAbsMat, type Mat, type Vec } from '../numeric/linalg.js';
import { linearTaylor, seriesEval } from '../numeric/ode.js';
import { polyDerivative, polyEval, polyOuter, polyShift, type MatPoly } from '../numeric/poly.js';
import { Rng } from '../numeric/rng.js';

/** A random analytic path J(t) = sum_i J_i t^i (n x p), drawn from a seed with dyadic entries. */
export interface PathSpec {
  n: number;
  p: number;
  deg: number;
  seed: number;
}

export interface Snapshot {
  t: bigint;
  M: Mat;
  dM: Mat;
  eig: EigenResult;
  e: Vec;
}

/**
 * M(t) = J(t) J(t)^T along a polynomial path, with the residual e(t) solving de/dt = -M(t) e
 * from e(t0) = e0, expanded as an (entire) Taylor series about t0. Eigenbases at nearby
 * times are warm-started from, and sign-aligned to, the basis at t0.
 */
export class SpectralPath {
  readonly J: MatPoly;
  readonly M: MatPoly;
  readonly dM: MatPoly;
  readonly e0: Vec;
  readonly ref: Snapshot;
  private series: Vec[] | undefined;

  constructor(
    readonly F: Fixed,
    readonly spec: PathSpec,
    readonly t0: bigint,
    constantJ = false,
    /** the largest |s| at which e(t0 + s) will be asked for */
    private readonly seriesRadius?: bigint,
  ) {
    const rng = new Rng(spec.seed);
    const draw = (): bigint => {
      const [k, d] = rng.dyadic(1, 3);
      return F.ratio(k, d);
    };
    const deg = constantJ ? 0 : spec.deg;
    this.J = Array.from({ length: deg + 1 }, () => Array.from({ length: spec.n }, () => Array.from({ length: spec.p }, draw)));
    this.e0 = Array.from({ length: spec.n }, draw);
    this.M = polyOuter(F, this.J, this.J);
    this.dM = polyDerivative(F, this.M);
    this.ref = this.snapshotRaw(t0);
  }

  private snapshotRaw(t: bigint, start?: Mat): Snapshot {
    const M = polyEval(this.F, this.M, t);
    const eig = eigSymRefined(this.F, M, start);
    return { t, M, dM: polyEval(this.F, this.dM, t), eig, e: this.e0 };
  }

  private readonly snapshots = new Map<bigint, Snapshot>();

  /** The path at t0 + s, eigenvectors aligned with those at t0, e from the series (memoised). */
  at(s: bigint): Snapshot {
    if (s === 0n) return this.ref;
    const known = this.snapshots.get(s);
    if (known) return known;
    const snap = this.snapshotRaw(this.t0 + s, this.ref.eig.vectors);
    snap.eig.vectors = alignSigns(snap.eig.vectors, this.ref.eig.vectors);
    snap.e = seriesEval(this.F, this.seriesFor(), s);
    this.snapshots.set(s, snap);
    return snap;
  }

  private seriesFor(): Vec[] {
    return (this.series ??= linearTaylor(this.F, polyShift(this.F, this.M, this.t0), this.e0, this.seriesRadius ?? this.F.pow2(-4)));
  }

  /** e at t0 + s (|s| within the series radius) */
  eAt(s: bigint): Vec {
    return seriesEval(this.F, this.seriesFor(), s);
  }

  /** The smallest eigenvalue gap at t0 relative to the spectral scale; null for n = 1. */
  relativeGap(): number | null {
    const g = minGap(this.ref.eig.values);
    if (g === null) return null;
    const scale = maxAbsMat(this.ref.M);
    return scale === 0n ? 0 : Number((g * 1_000_000_000n) / scale) / 1e9;
  }

  /**
   * A difference step well inside the radius where the eigenvalues stay analytic and ordered:
   * a power of two below (relative gap)/(8 |dM|/|M|), at most 1/16.
   */
  fdStep(): bigint {
    const gap = this.relativeGap() ?? 1;
    const rate = this.F.toNumber(maxAbsMat(this.ref.dM)) / Math.max(this.F.toNumber(maxAbsMat(this.ref.M)), 1e-300);
    const r = gap / Math.max(8 * rate, 1e-300);
    // clamped: a step below 2^-60 means a degenerate spectrum, which callers report
    const k = Math.min(60, Math.max(4, Math.ceil(-Math.log2(Math.min(r, 1 / 16)))));
    return this.F.pow2(-k);
  }
}
