/**
 * `scalecheck/numeric`: the building blocks of an independent route at a working precision.
 *
 * Two layers:
 * - the fixed-point kernel the catalogue itself uses: reals as `bigint` in a {@link Fixed}
 *   context (x stored as round(x 2^bits)), vectors and matrices of them ({@link Vec}, {@link Mat}),
 *   extrapolated differences, Taylor and Gragg–Bulirsch–Stoer integrators, the Jacobi
 *   eigensolver, and the float64 tools of the scaling measurements (fits, quadrature, finite
 *   volumes, Runge–Kutta);
 * - decimal.js in, decimal.js out wrappers over that kernel for users who do not want to handle
 *   fixed point: {@link derivative}, {@link integrate}, {@link integrateLinear},
 *   {@link eigenSymmetric}, with {@link toFixedPoint} and {@link dec} to cross between the two.
 *
 * Names are re-exported one by one, not with `export *`: src/numeric/float64.ts and
 * src/numeric/linalg.ts both export a `dot` (TS2308); `dot` here is the fixed-point one, and
 * the float64 one is not part of this surface.
 * @packageDocumentation
 */
import { Decimal } from 'decimal.js';
import { dec } from '../numeric/convert.js';
import { centralDerivative, levelsFor } from '../numeric/diff.js';
import { eigSym } from '../numeric/eigen.js';
import { Fixed } from '../numeric/fixed.js';
import { maxAbsMat, type Mat, type Vec } from '../numeric/linalg.js';
import { integrateGBS, integrateLinearPoly } from '../numeric/ode.js';

/* ------------------------------------------------------------------------------------------
 * The kernel, as the catalogue imports it
 * ---------------------------------------------------------------------------------------- */

export { Fixed } from '../numeric/fixed.js';
export { dec } from '../numeric/convert.js';
export { Rng, fmix32, seedOf } from '../numeric/rng.js';
export { identity, transpose, matmul, matmulT, matvec, dot, maxAbs, maxAbsMat, type Mat, type Vec } from '../numeric/linalg.js';
export { solve } from '../numeric/linsolve.js';
export { steps, extrapolatedDerivative, levelsFor, centralDerivative } from '../numeric/diff.js';
export { directionalDerivative, type Directional } from '../numeric/directional.js';
export { linearTaylor, seriesEval, integrateLinearPoly, integrateGBS, type Field } from '../numeric/ode.js';
export { rk4, type Field64 } from '../numeric/rk4.js';
export { eigSym, eigSymRefined, refineEig, alignSigns, minGap, type EigenResult } from '../numeric/eigen.js';
export { polyEval, polyShift, type MatPoly } from '../numeric/poly.js';
export { Gaussian, slope } from '../numeric/float64.js';
export { logSlope, logGrid, windowSlope, goldenMin } from '../numeric/fit.js';
export { windowFit, type SlopeFit } from '../numeric/window-fit.js';
export { localPeak, localPeakValue } from '../numeric/local-peak.js';
export { gaussLegendre, type LegendreRule } from '../numeric/gauss-legendre.js';
export { gaussHermite, nodesForExponential, type GaussRule } from '../numeric/gauss-hermite.js';
export { controlVariateMean, type CvEstimate } from '../numeric/control-variates.js';
export {
  FiniteVolume,
  FixedFiniteVolume,
  nestedSolutions,
  type TransportProblem,
  type FixedTransportProblem,
  type FixedVelocityTerm,
} from '../numeric/finite-volume.js';
export { minimise, augmentedLagrangian, type Objective, type DescentResult, type DescentOptions, type Constraints, type ALResult } from '../numeric/descent.js';
export { levenbergMarquardt, type SmoothSystem, type LMResult } from '../numeric/levenberg.js';
export { proxPower, powerThresholds, proxSpectral, symmetricSpectrum, proximalGradient, type Exponent, type SpectralProx, type ProxGradientResult } from '../numeric/prox-spectral.js';
export { tridiagonalEigenvalues } from '../numeric/tridiagonal.js';

/* ------------------------------------------------------------------------------------------
 * Contexts and conversions
 * ---------------------------------------------------------------------------------------- */

/**
 * The setting every decimal wrapper shares.
 *
 * @example
 * ```ts
 * import { eigenSymmetric, type PrecisionOptions } from 'scalecheck/numeric';
 *
 * const at60: PrecisionOptions = { digits: 60 };
 * eigenSymmetric([[1, 2], [2, 1]], at60).values; // 3 and -1 to 60 digits
 * ```
 */
export interface PrecisionOptions {
  /**
   * working precision in decimal digits (an integer of at least 5); the fixed-point context
   * carries 40 guard bits beyond it
   * @defaultValue 30
   */
  digits?: number;
}

/**
 * The default working precision of the wrappers, in decimal digits (the catalogue's default).
 *
 * @example
 * ```ts
 * import { DEFAULT_DIGITS, fixedContext } from 'scalecheck/numeric';
 *
 * const F = fixedContext(DEFAULT_DIGITS); // the context the wrappers use without `digits`
 * ```
 */
export const DEFAULT_DIGITS = 30;

const contexts = new Map<number, Fixed>();

/**
 * The fixed-point context of `digits` decimal digits (default guard bits), one per precision:
 * contexts cache constants (ln 2, the scale), so sharing them saves work.
 *
 * @example
 * ```ts
 * import { fixedContext } from 'scalecheck/numeric';
 *
 * const F = fixedContext(50);
 * const third = F.ratio(1, 3); // 1/3 rounded to 2^-F.bits
 * F.toDecimal(F.mul(third, F.int(3))).toFixed(45); // '1.000…000' to 50 digits
 * ```
 */
export function fixedContext(digits: number): Fixed {
  let F = contexts.get(digits);
  if (!F) contexts.set(digits, (F = new Fixed(digits)));
  return F;
}

const decimals = new Map<number, Decimal.Constructor>();

/**
 * A decimal.js constructor whose operations round to `digits` significant digits, one per
 * precision. Constructing a value never rounds it (decimal.js keeps every given digit); the
 * arithmetic on it does.
 *
 * @example
 * ```ts
 * import { decimalAt } from 'scalecheck/numeric';
 *
 * const D = decimalAt(40);
 * new D(2).sqrt().toString(); // '1.41421356237309504880168872420969807857' (40 digits, the last a 0)
 * ```
 */
export function decimalAt(digits: number): Decimal.Constructor {
  if (!Number.isInteger(digits) || digits < 1) throw new RangeError(`digits must be a positive integer, got ${digits}`);
  let D = decimals.get(digits);
  if (!D) decimals.set(digits, (D = Decimal.clone({ precision: digits })));
  return D;
}

/**
 * Decimal values into a fixed-point context, each rounded to the nearest multiple of 2^-F.bits;
 * the inverse of {@link dec}. A `bigint` argument is read as an integer value, not as a raw
 * fixed-point number (those need no conversion).
 *
 * @example
 * ```ts
 * import { Decimal } from 'decimal.js';
 * import { dec, fixedContext, matmul, toFixedPoint } from 'scalecheck/numeric';
 *
 * const F = fixedContext(30);
 * const A = toFixedPoint(F, [['0.5', 1], [1, new Decimal('0.25')]]);
 * dec(F, matmul(F, A, A)); // [[1.25, 0.75], [0.75, 1.0625]] as decimals
 * ```
 */
export function toFixedPoint(F: Fixed, x: Decimal.Value): bigint;
export function toFixedPoint(F: Fixed, x: readonly Decimal.Value[]): Vec;
export function toFixedPoint(F: Fixed, x: readonly (readonly Decimal.Value[])[]): Mat;
export function toFixedPoint(F: Fixed, x: Decimal.Value | readonly Decimal.Value[] | readonly (readonly Decimal.Value[])[]): bigint | Vec | Mat {
  if (!Array.isArray(x)) return F.fromDecimal(x as Decimal.Value);
  // a matrix is an array of arrays; an empty array converts to an empty vector
  if (x.length > 0 && Array.isArray(x[0])) return (x as readonly (readonly Decimal.Value[])[]).map((r) => r.map((v) => F.fromDecimal(v)));
  return (x as readonly Decimal.Value[]).map((v) => F.fromDecimal(v));
}

function contextOf(options: PrecisionOptions | undefined): Fixed {
  return fixedContext(options?.digits ?? DEFAULT_DIGITS);
}

/* ------------------------------------------------------------------------------------------
 * Derivatives along a path
 * ---------------------------------------------------------------------------------------- */

/**
 * Settings of {@link derivative}.
 *
 * @example
 * ```ts
 * import { derivative, type DerivativeOptions } from 'scalecheck/numeric';
 *
 * // a pole at t = 1, 0.1 away: smaller steps and more levels
 * const near: DerivativeOptions = { digits: 30, stepLog2: -5, fraction: 1.5 };
 * derivative((t) => t.neg().plus(1).pow(-1), '0.9', near); // 100
 * ```
 */
export interface DerivativeOptions extends PrecisionOptions {
  /**
   * log2 of the largest step: the differences use h_j = 2^stepLog2 / 2^j, j = 0..K. The
   * default suits functions analytic well beyond |t - t0| = 1 (scale t first otherwise).
   * @defaultValue -3
   */
  stepLog2?: number;
  /**
   * share of the working digits the extrapolation's truncation error is to reach; sets the
   * number of levels K by {@link levelsFor}, whose count assumes a function of unit scale. The
   * guard bits absorb the rounding the divided differences amplify (about 2^(K + 3)), so 1
   * costs nothing in the result's last digits; raise it (and lower `stepLog2`) for a function
   * with a singularity closer than 1 to t0.
   * @defaultValue 1
   */
  fraction?: number;
}

/**
 * The derivative at t0 of a function of t, scalar or vector valued, by central differences at
 * t0 ± h_j extrapolated in h^2 (Richardson), every sample and every operation at the working
 * precision. `f` receives t as a decimal whose arithmetic rounds beyond the working precision,
 * so decimal.js code inside `f` runs there too. For a function analytic in a disc of radius
 * about 1 around t0 the result is good to about the working digits.
 *
 * @example
 * ```ts
 * import { derivative } from 'scalecheck/numeric';
 *
 * // d/dt exp(t) at t = 1/3, to 50 digits
 * const d = derivative((t) => t.exp(), '0.3333', { digits: 50 });
 * // d/dt of the path t -> (cos t, sin t) at 0.5
 * const [dc, ds] = derivative((t) => [t.cos(), t.sin()], 0.5); // (-sin 0.5, cos 0.5)
 * ```
 */
export function derivative(f: (t: Decimal) => Decimal, t0: Decimal.Value, options?: DerivativeOptions): Decimal;
export function derivative(f: (t: Decimal) => readonly Decimal.Value[], t0: Decimal.Value, options?: DerivativeOptions): Decimal[];
export function derivative(f: (t: Decimal) => Decimal | readonly Decimal.Value[], t0: Decimal.Value, options: DerivativeOptions = {}): Decimal | Decimal[] {
  const F = contextOf(options);
  const stepLog2 = options.stepLog2 ?? -3;
  if (!Number.isInteger(stepLog2) || stepLog2 > 8 || stepLog2 < -F.bits / 2) throw new RangeError(`stepLog2 must be an integer in [-${Math.floor(F.bits / 2)}, 8], got ${stepLog2}`);
  const fraction = options.fraction ?? 1;
  if (!(fraction > 0 && fraction <= 2)) throw new RangeError(`fraction must lie in (0, 2], got ${fraction}`);
  let scalar: boolean | undefined;
  let width = -1;
  const sample = (t: bigint): Vec => {
    const y = f(F.toDecimal(t));
    const isVector = Array.isArray(y);
    const v = isVector ? (y as readonly Decimal.Value[]).map((x) => F.fromDecimal(x)) : [F.fromDecimal(y as Decimal)];
    // every sample must have the shape of the first: a silent length change would misalign the table
    if (scalar === undefined) [scalar, width] = [!isVector, v.length];
    else if (scalar === isVector || v.length !== width) throw new RangeError('derivative: f returned values of different shapes at different t');
    return v;
  };
  const d = centralDerivative(F, sample, F.fromDecimal(t0), F.pow2(stepLog2), levelsFor(F, stepLog2, fraction));
  return scalar ? F.toDecimal(d[0]!) : dec(F, d);
}

/* ------------------------------------------------------------------------------------------
 * Ordinary differential equations
 * ---------------------------------------------------------------------------------------- */

/**
 * Settings of {@link integrate}.
 *
 * @example
 * ```ts
 * import { integrate, type IntegrateOptions } from 'scalecheck/numeric';
 *
 * const opts: IntegrateOptions = { digits: 80, kmax: 40 };
 * integrate((_t, y) => y, 0, [1], [1], opts); // [[e]] to 80 digits
 * ```
 */
export interface IntegrateOptions extends PrecisionOptions {
  /**
   * the most extrapolation columns a Gragg–Bulirsch–Stoer step may use before it is halved
   * (about 0.4 digits per column)
   * @defaultValue max(16, ceil(0.4 digits))
   */
  kmax?: number;
}

/**
 * Integrates y' = f(t, y) from y(t0) = y0 and returns y at each of `times`, by
 * Gragg–Bulirsch–Stoer extrapolation whose steps agree to the working precision. `f` sees t and
 * y as decimals that compute beyond the working precision and returns y' as decimals (any
 * decimal.js values, numbers or strings). Every time is first rounded to the fixed-point grid
 * (2^-bits), far below the working precision.
 *
 * @example
 * ```ts
 * import { integrate } from 'scalecheck/numeric';
 *
 * // y' = y, y(0) = 1: y(1) = e to 50 digits
 * const [[e]] = integrate((_t, y) => y, 0, [1], [1], { digits: 50 });
 * // a rotation: (x, y)' = (-y, x)
 * const [[c, s]] = integrate((_t, [x, y]) => [y.neg(), x], 0, [1, 0], ['0.5']); // (cos 0.5, sin 0.5)
 * ```
 */
export function integrate(
  f: (t: Decimal, y: Decimal[]) => readonly Decimal.Value[],
  t0: Decimal.Value,
  y0: readonly Decimal.Value[],
  times: readonly Decimal.Value[],
  options: IntegrateOptions = {},
): Decimal[][] {
  const F = contextOf(options);
  const n = y0.length;
  const field = (t: bigint, y: Vec): Vec => {
    const dy = f(F.toDecimal(t), dec(F, y));
    if (dy.length !== n) throw new RangeError(`integrate: f returned ${dy.length} components for a state of ${n}`);
    return dy.map((v) => F.fromDecimal(v));
  };
  const kmax = options.kmax === undefined ? {} : { kmax: options.kmax };
  const out = integrateGBS(F, field, F.fromDecimal(t0), toFixedPoint(F, y0), times.map((t) => F.fromDecimal(t)), kmax);
  return out.map((y) => dec(F, y));
}

/**
 * Integrates the linear flow de/dt = -M(t) e for a matrix polynomial M(t) = sum_i C_i t^i (the
 * function-space gradient flow along a polynomial path M = J J^T) from e(t0) = e0, returning e
 * at each of `times`, by Taylor steps whose truncation stays below the working precision.
 * `coefficients[i]` is C_i, an n x n matrix.
 *
 * @example
 * ```ts
 * import { integrateLinear } from 'scalecheck/numeric';
 *
 * // M(t) = diag(1, t): e1 = e^-t, e2 = e^(-t^2/2)
 * const C0 = [[1, 0], [0, 0]];
 * const C1 = [[0, 0], [0, 1]];
 * const [e] = integrateLinear([C0, C1], 0, [1, 1], [2], { digits: 40 }); // [e^-2, e^-2]
 * ```
 */
export function integrateLinear(
  coefficients: readonly (readonly (readonly Decimal.Value[])[])[],
  t0: Decimal.Value,
  e0: readonly Decimal.Value[],
  times: readonly Decimal.Value[],
  options: PrecisionOptions = {},
): Decimal[][] {
  const F = contextOf(options);
  const n = e0.length;
  if (coefficients.length === 0) throw new RangeError('integrateLinear: M(t) needs at least one coefficient');
  for (const C of coefficients) if (C.length !== n || C.some((r) => r.length !== n)) throw new RangeError(`integrateLinear: every coefficient must be ${n} x ${n}, like e0`);
  const C = coefficients.map((M) => toFixedPoint(F, M));
  return integrateLinearPoly(F, C, F.fromDecimal(t0), toFixedPoint(F, e0), times.map((t) => F.fromDecimal(t))).map((e) => dec(F, e));
}

/* ------------------------------------------------------------------------------------------
 * Symmetric eigenproblems
 * ---------------------------------------------------------------------------------------- */

/**
 * An eigendecomposition M = V diag(values) V^T as decimals.
 *
 * @example
 * ```ts
 * import { eigenSymmetric, type SymmetricEigen } from 'scalecheck/numeric';
 *
 * const { values, vectors }: SymmetricEigen = eigenSymmetric([[0, 1], [1, 0]]);
 * // values: 1, -1; vectors[i][k] is component i of eigenvector k
 * ```
 */
export interface SymmetricEigen {
  /** eigenvalues, descending */
  values: Decimal[];
  /** vectors[i][k]: the i-th component of the k-th eigenvector (columns are eigenvectors, orthonormal) */
  vectors: Decimal[][];
}

/**
 * All eigenvalues and an orthonormal eigenbasis of a real symmetric matrix at the working
 * precision, by cyclic Jacobi rotations in fixed point ({@link eigSym}): accurate on clusters
 * and repeated eigenvalues too. An asymmetry beyond 10^-digits of the largest entry is an error;
 * below it (decimal rounding of a product) the matrix is symmetrised.
 *
 * @example
 * ```ts
 * import { eigenSymmetric } from 'scalecheck/numeric';
 *
 * const { values, vectors } = eigenSymmetric([[2, 1], [1, 2]], { digits: 40 });
 * values.map(String); // ['3', '1'] (to 40 digits)
 * // vectors' columns: ±(1, 1)/√2 and ±(1, -1)/√2
 * ```
 */
export function eigenSymmetric(M: readonly (readonly Decimal.Value[])[], options: PrecisionOptions = {}): SymmetricEigen {
  const F = contextOf(options);
  const n = M.length;
  if (M.some((r) => r.length !== n)) throw new RangeError('eigenSymmetric: the matrix must be square');
  const A = toFixedPoint(F, M);
  const tol = F.mul(F.tenTo(-F.digits), maxAbsMat(A) > F.one ? maxAbsMat(A) : F.one);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const d = A[i]![j]! - A[j]![i]!;
      if ((d < 0n ? -d : d) > tol) throw new RangeError(`eigenSymmetric: the matrix is not symmetric (entries ${i},${j} and ${j},${i} differ)`);
      A[i]![j] = A[j]![i] = (A[i]![j]! + A[j]![i]!) / 2n;
    }
  const r = eigSym(F, A);
  return { values: dec(F, r.values), vectors: dec(F, r.vectors) };
}
