/**
 * `scalecheck/arbitraries`: fast-check arbitraries for the objects of the spectral-shell theory,
 * as decimal.js values at a requested precision: symmetric and positive semi-definite matrices,
 * spectral paths M(t) = J(t) J(t)^T with a guaranteed eigen-gap, power-law spectra and
 * energies, and small tanh networks with their Jacobians.
 *
 * Matrix entries and exponents are dyadic rationals k / 2^bits, so a drawn object is the same
 * exact mathematical object at every working precision: drawn matrices are exact decimals, and
 * what is computed from a draw (a path's M(t), a network's Jacobian, k^-alpha) is good to the
 * requested digits. Every
 * arbitrary shrinks towards the smallest size, zero entries, unit pivots and the smallest
 * exponents, so a counterexample comes out small. Objects built from a seed (the paths' bases,
 * the networks' data) shrink their seed towards 0 as well.
 * @packageDocumentation
 */
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { DesignedPath, designedSigmas, type PathDesign } from '../models/designed-path.js';
import { TanhNet, type NetSpec } from '../models/network.js';
import { DEFAULT_DIGITS, dec, decimalAt, fixedContext, matmulT, polyEval } from './numeric.js';

/* ------------------------------------------------------------------------------------------
 * Shared options and helpers
 * ---------------------------------------------------------------------------------------- */

/**
 * The precision of the decimals an arbitrary produces.
 *
 * @example
 * ```ts
 * import { powerLawSpectrum } from 'scalecheck/arbitraries';
 *
 * const spectra = powerLawSpectrum({ digits: 60 }); // k^-alpha to 60 digits
 * ```
 */
export interface DigitsOption {
  /**
   * decimal digits: the values are instances of `decimalAt(digits)`, so arithmetic on them
   * rounds there; values computed in fixed point (paths, networks) are good to this many digits
   * @defaultValue 30
   */
  digits?: number;
}

/**
 * How dyadic entries k / 2^bits are drawn.
 *
 * @example
 * ```ts
 * import { dyadic } from 'scalecheck/arbitraries';
 *
 * const quarters = dyadic({ range: 4, bits: 2 }); // -4, -3.75, ..., 4
 * ```
 */
export interface DyadicOptions extends DigitsOption {
  /**
   * entries lie in [-range, range]
   * @defaultValue 1
   */
  range?: number;
  /**
   * entries are multiples of 2^-bits
   * @defaultValue 3
   */
  bits?: number;
}

/**
 * The size of a drawn square matrix.
 *
 * @example
 * ```ts
 * import { symmetricMatrix } from 'scalecheck/arbitraries';
 *
 * const threeByThree = symmetricMatrix({ minSize: 3, maxSize: 3 });
 * ```
 */
export interface SizeOptions {
  /**
   * the smallest size drawn (shrinking goes there)
   * @defaultValue 1
   */
  minSize?: number;
  /**
   * the largest size drawn
   * @defaultValue 6
   */
  maxSize?: number;
}

function integerIn(name: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${v}`);
  return v;
}

function digitsOf(o: DigitsOption): number {
  return integerIn('digits', o.digits ?? DEFAULT_DIGITS, 5);
}

/** The largest numerator of a dyadic entry: range 2^bits, checked to stay a safe integer. */
function numeratorBound(o: DyadicOptions): { bits: number; top: number } {
  const bits = integerIn('bits', o.bits ?? 3, 0, 40);
  const range = o.range ?? 1;
  if (!(range > 0) || !Number.isFinite(range)) throw new RangeError(`range must be positive and finite, got ${range}`);
  const top = Math.floor(range * 2 ** bits);
  if (top < 1 || top > Number.MAX_SAFE_INTEGER) throw new RangeError(`range 2^bits must lie in [1, 2^53), got ${range} * 2^${bits}`);
  return { bits, top };
}

function sizesOf(o: SizeOptions, defaults: { min: number; max: number }, least: number): { min: number; max: number } {
  const min = integerIn('minSize', o.minSize ?? defaults.min, least);
  const max = integerIn('maxSize', o.maxSize ?? Math.max(defaults.max, min), min);
  return { min, max };
}

/** num / 2^bits as an exact decimal: num 5^bits / 10^bits, written out (the constructor never rounds). */
function exactDyadic(D: Decimal.Constructor, num: bigint, bits: number): Decimal {
  if (bits === 0) return new D(num.toString());
  const neg = num < 0n;
  const digits = ((neg ? -num : num) * 5n ** BigInt(bits)).toString().padStart(bits + 1, '0');
  return new D(`${neg ? '-' : ''}${digits.slice(0, -bits)}.${digits.slice(-bits)}`);
}

/** Decimals from a fixed-point computation (guard digits and all), rounded into the requested constructor. */
function carry(D: Decimal.Constructor, xs: Decimal[]): Decimal[];
function carry(D: Decimal.Constructor, xs: Decimal[][]): Decimal[][];
function carry(D: Decimal.Constructor, xs: Decimal[] | Decimal[][]): Decimal[] | Decimal[][] {
  const one = (x: Decimal): Decimal => new D(x).toSignificantDigits(D.precision);
  return xs.map((r: Decimal | Decimal[]) => (Array.isArray(r) ? r.map(one) : one(r))) as Decimal[] | Decimal[][];
}

/* ------------------------------------------------------------------------------------------
 * Dyadic numbers and symmetric matrices
 * ---------------------------------------------------------------------------------------- */

/**
 * A dyadic rational k / 2^bits in [-range, range] as an exact decimal; shrinks towards 0.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { dyadic } from 'scalecheck/arbitraries';
 *
 * fc.assert(fc.property(dyadic({ bits: 4 }), (x) => x.mul(16).isInteger()), { seed: 1 });
 * ```
 */
export function dyadic(options: DyadicOptions = {}): fc.Arbitrary<Decimal> {
  const D = decimalAt(digitsOf(options));
  const { bits, top } = numeratorBound(options);
  return fc.integer({ min: -top, max: top }).map((k) => exactDyadic(D, BigInt(k), bits));
}

/**
 * Options of {@link symmetricMatrix}: size, entry range and grid, digits.
 *
 * @example
 * ```ts
 * import { symmetricMatrix, type MatrixOptions } from 'scalecheck/arbitraries';
 *
 * const opts: MatrixOptions = { maxSize: 8, range: 10, bits: 0 }; // integer entries in [-10, 10]
 * const matrices = symmetricMatrix(opts);
 * ```
 */
export interface MatrixOptions extends DyadicOptions, SizeOptions {}

/**
 * A real symmetric n x n matrix with dyadic entries in [-range, range] (exact decimals), n in
 * [minSize, maxSize]. The lower triangle is filled row by row from one list of draws, so a
 * smaller size keeps the leading block of a larger one: shrinking reduces the size and sends
 * entries to 0.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { symmetricMatrix } from 'scalecheck/arbitraries';
 * import { eigenSymmetric } from 'scalecheck/numeric';
 *
 * // the trace is the sum of the eigenvalues
 * fc.assert(
 *   fc.property(symmetricMatrix({ maxSize: 4 }), (M) => {
 *     const { values } = eigenSymmetric(M);
 *     const trace = M.reduce((s, row, i) => s.plus(row[i]), M[0][0].mul(0));
 *     return values.reduce((s, l) => s.plus(l), trace.neg()).abs().lt(1e-25);
 *   }),
 *   { seed: 7 },
 * );
 * ```
 */
export function symmetricMatrix(options: MatrixOptions = {}): fc.Arbitrary<Decimal[][]> {
  const D = decimalAt(digitsOf(options));
  const { bits, top } = numeratorBound(options);
  const { min, max } = sizesOf(options, { min: 1, max: 6 }, 1);
  const count = (max * (max + 1)) / 2;
  return fc
    .tuple(fc.integer({ min, max }), fc.array(fc.integer({ min: -top, max: top }), { minLength: count, maxLength: count }))
    .map(([n, ks]) => {
      const M: Decimal[][] = Array.from({ length: n }, () => new Array<Decimal>(n));
      // entry (i, j), j <= i, is draw i(i+1)/2 + j: the n x n matrix reads a prefix
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) M[i]![j] = M[j]![i] = exactDyadic(D, BigInt(ks[(i * (i + 1)) / 2 + j]!), bits);
      return M;
    });
}

/* ------------------------------------------------------------------------------------------
 * Positive semi-definite matrices of a drawn rank
 * ---------------------------------------------------------------------------------------- */

/**
 * Options of {@link psdMatrix}: those of {@link symmetricMatrix} and the rank.
 *
 * @example
 * ```ts
 * import { psdMatrix } from 'scalecheck/arbitraries';
 *
 * const deficient = psdMatrix({ minSize: 4, maxSize: 6, minRank: 1, maxRank: 3 }); // rank < size
 * ```
 */
export interface PsdOptions extends MatrixOptions {
  /**
   * the smallest rank drawn (at most the size)
   * @defaultValue 0
   */
  minRank?: number;
  /**
   * the largest rank drawn (at most the size)
   * @defaultValue maxSize
   */
  maxRank?: number;
}

/**
 * A positive semi-definite matrix with its factor and the facts it is drawn with.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { psdMatrix, type DrawnPsd } from 'scalecheck/arbitraries';
 *
 * const [{ matrix, rank }]: DrawnPsd[] = fc.sample(psdMatrix(), { seed: 1, numRuns: 1 });
 * ```
 */
export interface DrawnPsd {
  /** M = B B^T, n x n, exact */
  matrix: Decimal[][];
  /** B, n x rank, of full column rank, exact */
  factor: Decimal[][];
  n: number;
  /** the rank of M: exactly `rank` eigenvalues are positive, the other n - rank are 0 */
  rank: number;
  /**
   * a lower bound on every positive eigenvalue of M, det(B^T B) / |B|_F^(2 (rank - 1)) with
   * det(B^T B) >= (product of the pivots)^2, rounded down; null for rank 0
   */
  eigenvalueFloor: Decimal | null;
}

/**
 * A positive semi-definite matrix M = B B^T of drawn size n and rank r: B is n x r in column
 * echelon form (entry (i, k) is 0 above row k, the pivot (k, k) has magnitude in [1, max(1,
 * range)], the entries below it are dyadic in [-range, range]), with its rows permuted. The
 * pivots make the rank exactly r and bound the smallest positive eigenvalue away from 0
 * (`eigenvalueFloor`). Shrinks towards small n and r, zero entries, pivots of 1 and no
 * permutation.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { psdMatrix } from 'scalecheck/arbitraries';
 * import { eigenSymmetric } from 'scalecheck/numeric';
 *
 * fc.assert(
 *   fc.property(psdMatrix({ maxSize: 5, minRank: 1 }), ({ matrix, rank, eigenvalueFloor }) => {
 *     const { values } = eigenSymmetric(matrix, { digits: 30 });
 *     return values[rank - 1].gte(eigenvalueFloor!.mul(0.999)); // the rank-th eigenvalue is positive
 *   }),
 *   { seed: 3 },
 * );
 * ```
 */
export function psdMatrix(options: PsdOptions = {}): fc.Arbitrary<DrawnPsd> {
  const digits = digitsOf(options);
  const D = decimalAt(digits);
  const { bits, top } = numeratorBound(options);
  const { min, max } = sizesOf(options, { min: 1, max: 6 }, 1);
  const minRank = integerIn('minRank', options.minRank ?? 0, 0, max);
  const maxRank = integerIn('maxRank', options.maxRank ?? max, minRank, max);
  const unit = 2 ** bits;
  const pivot = fc.record({ magnitude: fc.integer({ min: unit, max: Math.max(unit, top) }), negative: fc.boolean() });
  return fc
    .record({
      n: fc.integer({ min, max }),
      r: fc.integer({ min: minRank, max: maxRank }),
      pivots: fc.array(pivot, { minLength: maxRank, maxLength: maxRank }),
      // entry (i, k) of B below the pivot is draw i * max + k, whatever n and r: shrinking either keeps the others
      below: fc.array(fc.integer({ min: -top, max: top }), { minLength: max * max, maxLength: max * max }),
      // a Lehmer code: code[i] picks among the rows not yet placed; all zeros is no permutation
      code: fc.tuple(...Array.from({ length: max }, (_, i) => fc.integer({ min: 0, max: max - 1 - i }))),
    })
    .map(({ n, r: drawnRank, pivots, below, code }) => {
      const r = Math.min(drawnRank, n);
      const B: bigint[][] = Array.from({ length: n }, (_, i) =>
        Array.from({ length: r }, (_, k) => {
          if (i < k) return 0n;
          if (i === k) return BigInt(pivots[k]!.negative ? -pivots[k]!.magnitude : pivots[k]!.magnitude);
          return BigInt(below[i * max + k]!);
        }),
      );
      const rest = Array.from({ length: n }, (_, i) => i);
      const order = Array.from({ length: n }, (_, i) => rest.splice(code[i]! % (n - i), 1)[0]!);
      const P = order.map((i) => B[i]!);
      // numerators over 2^bits (B) and 2^(2 bits) (M): exact integer arithmetic
      const M = P.map((Bi) => P.map((Bj) => Bi.reduce((s, x, k) => s + x * Bj[k]!, 0n)));
      return {
        matrix: M.map((row) => row.map((x) => exactDyadic(D, x, 2 * bits))),
        factor: P.map((row) => row.map((x) => exactDyadic(D, x, bits))),
        n,
        rank: r,
        eigenvalueFloor: r === 0 ? null : floorOfPositiveEigenvalues(digits, B, r, bits),
      };
    });
}

/**
 * prod p_k^2 / |B|_F^(2 (r - 1)) for numerators over 2^bits: the product of the positive
 * eigenvalues of B^T B is det(B^T B) >= (det of the pivot block)^2 (Cauchy–Binet), and each of
 * the r - 1 others is at most the trace |B|_F^2. Rounded down, so it stays a bound.
 */
function floorOfPositiveEigenvalues(digits: number, B: bigint[][], r: number, bits: number): Decimal {
  let num = 1n;
  for (let k = 0; k < r; k++) num *= B[k]![k]! * B[k]![k]!;
  const frob = B.flat().reduce((s, x) => s + x * x, 0n);
  // value = num / 2^(2 bits r) / (frob / 2^(2 bits))^(r - 1)
  const den = frob ** BigInt(r - 1) * 2n ** BigInt(2 * bits);
  const Down = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_DOWN });
  return new (decimalAt(digits))(new Down(num.toString()).div(new Down(den.toString())));
}

/* ------------------------------------------------------------------------------------------
 * Spectral paths with a guaranteed eigen-gap
 * ---------------------------------------------------------------------------------------- */

/**
 * Options of {@link spectralPath}.
 *
 * @example
 * ```ts
 * import { spectralPath } from 'scalecheck/arbitraries';
 *
 * // well-separated spectra (ratios of at least e^2), still eigenvectors, bound over |t| <= 1/2
 * const paths = spectralPath({ minLogGap: 2, maxLogGap: 3, rotate: false, horizon: 0.5 });
 * ```
 */
export interface SpectralPathOptions extends DigitsOption {
  /**
   * the smallest size n of M(t) (at least 2: a gap needs two eigenvalues)
   * @defaultValue 2
   */
  minSize?: number;
  /**
   * the largest size n
   * @defaultValue 5
   */
  maxSize?: number;
  /**
   * J(t) has n + extra columns, extra drawn in [0, maxExtraColumns]
   * @defaultValue 2
   */
  maxExtraColumns?: number;
  /**
   * the smallest ln(lambda_i / lambda_(i+1)) between consecutive eigenvalues at t = 0 (drawn as
   * multiples of 1/8 from here to maxLogGap)
   * @defaultValue 0.5
   */
  minLogGap?: number;
  /**
   * the largest such log-ratio
   * @defaultValue 2
   */
  maxLogGap?: number;
  /**
   * the gap bound holds for |t| <= horizon
   * @defaultValue 0.25
   */
  horizon?: number;
  /**
   * let the eigenvectors turn (a generic first-order term added to J); false keeps them fixed
   * @defaultValue true
   */
  rotate?: boolean;
}

/**
 * A drawn spectral path M(t) = J(t) J(t)^T with the facts it is drawn with.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { spectralPath, type DrawnSpectralPath } from 'scalecheck/arbitraries';
 *
 * const [path]: DrawnSpectralPath[] = fc.sample(spectralPath(), { seed: 1, numRuns: 1 });
 * const M = path.M('0.125'); // n x n decimals at the arbitrary's digits
 * const M60 = path.M('0.125', 60); // the same path at 60 digits
 * ```
 */
export interface DrawnSpectralPath {
  /** M(t) is n x n */
  n: number;
  /** J(t) is n x p, p >= n */
  p: number;
  /** the bound below holds for |t| <= horizon */
  horizon: Decimal;
  /** for |t| <= horizon, consecutive eigenvalues of M(t) differ by at least this (> 0) */
  gapBound: Decimal;
  /** the eigenvalues of M(0) as designed, sigma_i(0)^2 = e^(x_i), descending, at the arbitrary's digits */
  eigenvalues0: Decimal[];
  /** the design handed to `DesignedPath` (models/designed-path) */
  design: PathDesign;
  /** M(t) at `digits` (default: the arbitrary's) */
  M(t: Decimal.Value, digits?: number): Decimal[][];
  /** J(t) at `digits` (default: the arbitrary's) */
  J(t: Decimal.Value, digits?: number): Decimal[][];
  /** the fixed-point model at `digits` (snapshots, eigenbases, the residual flow de/dt = -M e) */
  model(digits?: number): DesignedPath;
}

/**
 * A spectral path M(t) = J(t) J(t)^T, J(t) = Q [diag(sigma(t)) | 0] + eps t C (the design of
 * models/designed-path.ts), whose eigenvalues stay apart by at least `gapBound` for |t| <=
 * `horizon`. At t = 0 the eigenvalues are lambda_i = e^(x_i) with log-gaps x_i - x_(i+1) drawn
 * in [minLogGap, maxLogGap]; each sigma_i(t) = sigma_i(0) (1 + v_i t + w_i t^2) moves by a
 * share of its value small enough that the ordering cannot close, and the turning term eps t C
 * (entries of C in [-1, 1]) is kept to a quarter of what the gaps allow. `gapBound` is the
 * rigorous lower bound min_i [lambda_i (1 - d_i)^2 - lambda_(i+1) (1 + d_(i+1))^2] - 2 eta,
 * d_i = |v_i| T + |w_i| T^2 and eta the Weyl bound 2 |J_0| a + a^2, a = eps T sqrt(n p), less a
 * margin for rounding. Shrinks towards n = minSize, square J, the smallest log-gaps, still
 * singular values and eigenvectors, and seed 0.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { spectralPath } from 'scalecheck/arbitraries';
 * import { eigenSymmetric } from 'scalecheck/numeric';
 *
 * fc.assert(
 *   fc.property(spectralPath({ maxSize: 4 }), fc.integer({ min: -8, max: 8 }), (path, k) => {
 *     const t = path.horizon.mul(k).div(8);
 *     const { values } = eigenSymmetric(path.M(t));
 *     return values.every((l, i) => i === 0 || values[i - 1].minus(l).gte(path.gapBound.mul(0.999)));
 *   }),
 *   { seed: 11, numRuns: 20 },
 * );
 * ```
 */
export function spectralPath(options: SpectralPathOptions = {}): fc.Arbitrary<DrawnSpectralPath> {
  const digits = digitsOf(options);
  const { min, max } = sizesOf(options, { min: 2, max: 5 }, 2);
  const maxExtra = integerIn('maxExtraColumns', options.maxExtraColumns ?? 2, 0, 64);
  const minLogGap = options.minLogGap ?? 0.5;
  const maxLogGap = options.maxLogGap ?? Math.max(2, minLogGap);
  const g8 = { min: Math.ceil(minLogGap * 8), max: Math.floor(maxLogGap * 8) };
  if (!(g8.min >= 1 && g8.max >= g8.min && g8.max <= 800)) throw new RangeError(`need 1/8 <= minLogGap <= maxLogGap <= 100 with a multiple of 1/8 between them, got ${minLogGap}, ${maxLogGap}`);
  const T = options.horizon ?? 0.25;
  if (!(T > 0 && T <= 16)) throw new RangeError(`horizon must lie in (0, 16], got ${T}`);
  const rotate = options.rotate ?? true;
  // each factor 1 + v t + w t^2 stays within 1 ± delta, delta = tanh(minLog/4) / 2: then
  // ((1 + delta) / (1 - delta))^2 < e^minLog, and no two sigma^2 can meet
  const delta = Math.tanh(g8.min / 8 / 4) / 2;
  const share = fc.integer({ min: -8, max: 8 });
  return fc
    .record({
      n: fc.integer({ min, max }),
      extra: fc.integer({ min: 0, max: maxExtra }),
      top8: fc.integer({ min: -8, max: 8 }),
      gaps8: fc.array(fc.integer(g8), { minLength: max - 1, maxLength: max - 1 }),
      v8: fc.array(share, { minLength: max, maxLength: max }),
      w8: fc.array(share, { minLength: max, maxLength: max }),
      eps8: rotate ? fc.integer({ min: 0, max: 8 }) : fc.constant(0),
      basis: fc.constantFrom<'random' | 'flat'>('random', 'flat'),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
    })
    .map((r) => drawnPath(digits, T, delta, r));
}

interface PathDraw {
  n: number;
  extra: number;
  top8: number;
  gaps8: number[];
  v8: number[];
  w8: number[];
  eps8: number;
  basis: 'random' | 'flat';
  seed: number;
}

function drawnPath(digits: number, T: number, delta: number, r: PathDraw): DrawnSpectralPath {
  const { n, extra } = r;
  const p = n + extra;
  const x: number[] = [r.top8 / 8];
  for (let i = 1; i < n; i++) x.push(x[i - 1]! - r.gaps8[i - 1]! / 8);
  // half of delta to the velocity and half to the curvature: |v| T + |w| T^2 <= delta
  const v = r.v8.slice(0, n).map((k) => (k / 8) * (delta / 2 / T));
  const w = r.w8.slice(0, n).map((k) => (k / 8) * (delta / 2 / T ** 2));
  const base: PathDesign = { n, p, seed: r.seed, logEig: x.map((b) => [b, 0]), v, w, eps: 0, basis: r.basis };
  // the unperturbed gap decides how much turning the bound can afford (estimated in float64, then bounded exactly)
  const g0 = unperturbedGap(base, T).toNumber();
  const S = Math.exp(x[0]! / 2) * (1 + delta);
  const aMax = -S + Math.sqrt(S * S + g0 / 4);
  const eps = r.eps8 === 0 ? 0 : (r.eps8 / 8) * (aMax / (T * Math.sqrt(n * p)));
  const design: PathDesign = { ...base, eps };
  const D = decimalAt(digits);
  const models = new Map<number, DesignedPath>();
  const model = (at = digits): DesignedPath => {
    let m = models.get(at);
    if (!m) models.set(at, (m = new DesignedPath(fixedContext(at), design)));
    return m;
  };
  const evalAt = (which: 'M' | 'J', t: Decimal.Value, at = digits): Decimal[][] => {
    const P = model(at);
    return carry(decimalAt(at), dec(P.F, polyEval(P.F, P[which], P.F.fromDecimal(t))));
  };
  const F = model().F;
  const drawn: DrawnSpectralPath & fc.WithToStringMethod = {
    n,
    p,
    horizon: new D(T),
    gapBound: new D(gapBound(design, T)),
    eigenvalues0: carry(D, designedSigmas(F, design).s0.map((s) => F.toDecimal(s).pow(2))),
    design,
    M: (t, at) => evalAt('M', t, at),
    J: (t, at) => evalAt('J', t, at),
    model,
    // counterexamples print the design, not the closures
    [fc.toStringMethod]: () => `spectralPath(${fc.stringify({ n, p, horizon: T, design })})`,
  };
  return drawn;
}

/** Precision of the bound's own arithmetic, and the relative margin it gives away for rounding. */
const BOUND = Decimal.clone({ precision: 50 });
const MARGIN = new BOUND(10).pow(-40);

/**
 * lambda_i(0) = sigma_i(0)^2 and d_i = |v_i| T + |w_i| T^2 (each factor 1 + v t + w t^2 within
 * 1 ± d_i for |t| <= T), from the values designed-path.ts itself reads, beyond any working precision.
 */
function spectrumBounds(d: PathDesign, horizon: number): { lam: Decimal[]; dev: Decimal[] } {
  const F = fixedContext(45);
  const { s0, v, w } = designedSigmas(F, d);
  const T = new BOUND(horizon);
  const at = (x: bigint): Decimal => new BOUND(F.toDecimal(x));
  return { lam: s0.map((s) => at(s).pow(2)), dev: v.map((vi, i) => at(vi).abs().mul(T).plus(at(w[i]!).abs().mul(T.pow(2)))) };
}

/** min_i lambda_i (1 - d_i)^2 - lambda_(i+1) (1 + d_(i+1))^2: the gap of the path without its turning term. */
function unperturbedGap(d: PathDesign, horizon: number): Decimal {
  const { lam, dev } = spectrumBounds(d, horizon);
  const one = new BOUND(1);
  let g: Decimal | undefined;
  for (let i = 0; i + 1 < lam.length; i++) {
    const gi = lam[i]!.mul(one.minus(dev[i]!).pow(2)).minus(lam[i + 1]!.mul(one.plus(dev[i + 1]!).pow(2)));
    if (g === undefined || gi.lt(g)) g = gi;
  }
  // sizes below 2 are refused by spectralPath
  return g!;
}

/** The unperturbed gap less twice Weyl's bound on what eps t C moves each eigenvalue, less the margin, rounded down. */
function gapBound(d: PathDesign, horizon: number): Decimal {
  const { lam, dev } = spectrumBounds(d, horizon);
  const T = new BOUND(horizon);
  // |J_0(t)|_2 = max_i sigma_i(t) and |eps t C|_2 <= eps T |C|_F <= eps T sqrt(n p)
  const J0 = lam.reduce((m, l, i) => BOUND.max(m, l.sqrt().mul(dev[i]!.plus(1))), new BOUND(0));
  const a = new BOUND(d.eps).mul(T).mul(new BOUND(d.n * d.p).sqrt());
  const eta = J0.mul(a).mul(2).plus(a.pow(2));
  const g = unperturbedGap(d, horizon).minus(eta.mul(2));
  return g.minus(lam[0]!.mul(MARGIN)).toSignificantDigits(20, Decimal.ROUND_DOWN);
}

/* ------------------------------------------------------------------------------------------
 * Power-law spectra
 * ---------------------------------------------------------------------------------------- */

/**
 * Options of {@link powerLawSpectrum}.
 *
 * @example
 * ```ts
 * import { powerLawSpectrum } from 'scalecheck/arbitraries';
 *
 * // alpha in [1, 2] by quarters, up to 1000 modes
 * const spectra = powerLawSpectrum({ minAlpha: 1, maxAlpha: 2, exponentBits: 2, maxModes: 1000 });
 * ```
 */
export interface PowerLawOptions extends DigitsOption {
  /**
   * the fewest modes
   * @defaultValue 1
   */
  minModes?: number;
  /**
   * the most modes
   * @defaultValue 64
   */
  maxModes?: number;
  /**
   * the smallest spectral exponent alpha
   * @defaultValue 0.5
   */
  minAlpha?: number;
  /**
   * the largest spectral exponent alpha
   * @defaultValue 3
   */
  maxAlpha?: number;
  /**
   * the smallest energy exponent beta (beta > 1 keeps the total energy finite as modes grow)
   * @defaultValue 1.125
   */
  minBeta?: number;
  /**
   * the largest energy exponent beta
   * @defaultValue 3
   */
  maxBeta?: number;
  /**
   * exponents are multiples of 2^-exponentBits
   * @defaultValue 3
   */
  exponentBits?: number;
}

/**
 * A power-law spectrum lambda_k = k^-alpha with energies E_k = k^-beta, k = 1..modes.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { powerLawSpectrum, type DrawnPowerLaw } from 'scalecheck/arbitraries';
 *
 * const [{ alpha, eigenvalues }]: DrawnPowerLaw[] = fc.sample(powerLawSpectrum(), { seed: 1, numRuns: 1 });
 * ```
 */
export interface DrawnPowerLaw {
  /** the spectral exponent, exact */
  alpha: Decimal;
  /** the energy exponent, exact */
  beta: Decimal;
  modes: number;
  /** lambda_k = k^-alpha, k = 1..modes (index k - 1), descending */
  eigenvalues: Decimal[];
  /** E_k = k^-beta: the energy c_k^2 of the target in mode k */
  energies: Decimal[];
  /** c_k = k^(-beta/2): the coefficients whose squares are the energies */
  amplitudes: Decimal[];
}

function dyadicRange(name: string, lo: number, hi: number, bits: number): fc.Arbitrary<number> {
  const s = 2 ** bits;
  const range = { min: Math.ceil(lo * s), max: Math.floor(hi * s) };
  if (!(range.max >= range.min)) throw new RangeError(`${name}: no multiple of 2^-${bits} in [${lo}, ${hi}]`);
  return fc.integer(range);
}

/**
 * A power-law spectrum lambda_k = k^-alpha and energies E_k = k^-beta over k = 1..modes, the
 * exponents drawn as multiples of 2^-exponentBits, every value at `digits`. Shrinks towards the
 * fewest modes and the smallest exponents.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { powerLawSpectrum } from 'scalecheck/arbitraries';
 *
 * // the energy-weighted decay rate sum_k E_k lambda_k is at most sum_k E_k (lambda_k <= 1)
 * fc.assert(
 *   fc.property(powerLawSpectrum({ digits: 40 }), ({ eigenvalues, energies }) => {
 *     const rate = energies.reduce((s, e, k) => s.plus(e.mul(eigenvalues[k])), energies[0].mul(0));
 *     return rate.lte(energies.reduce((s, e) => s.plus(e)));
 *   }),
 *   { seed: 5 },
 * );
 * ```
 */
export function powerLawSpectrum(options: PowerLawOptions = {}): fc.Arbitrary<DrawnPowerLaw> {
  const digits = digitsOf(options);
  const D = decimalAt(digits);
  const minModes = integerIn('minModes', options.minModes ?? 1, 1);
  const maxModes = integerIn('maxModes', options.maxModes ?? Math.max(64, minModes), minModes, 1_000_000);
  const bits = integerIn('exponentBits', options.exponentBits ?? 3, 0, 30);
  const alpha = dyadicRange('alpha', options.minAlpha ?? 0.5, options.maxAlpha ?? 3, bits);
  const beta = dyadicRange('beta', options.minBeta ?? 1.125, options.maxBeta ?? 3, bits);
  return fc.record({ modes: fc.integer({ min: minModes, max: maxModes }), a: alpha, b: beta }).map(({ modes, a, b }) => {
    const al = exactDyadic(D, BigInt(a), bits);
    const be = exactDyadic(D, BigInt(b), bits);
    const ks = Array.from({ length: modes }, (_, i) => new D(i + 1));
    return {
      alpha: al,
      beta: be,
      modes,
      eigenvalues: ks.map((k) => k.pow(al.neg())),
      energies: ks.map((k) => k.pow(be.neg())),
      amplitudes: ks.map((k) => k.pow(be.neg().div(2))),
    };
  });
}

/* ------------------------------------------------------------------------------------------
 * Small networks with their Jacobians
 * ---------------------------------------------------------------------------------------- */

/**
 * Options of {@link tanhNetwork}.
 *
 * @example
 * ```ts
 * import { tanhNetwork } from 'scalecheck/arbitraries';
 *
 * const wide = tanhNetwork({ maxPoints: 3, maxWidth: 8, maxInputDim: 1, digits: 50 });
 * ```
 */
export interface NetworkOptions extends DigitsOption {
  /**
   * the most data points n (at least 1 are drawn)
   * @defaultValue 4
   */
  maxPoints?: number;
  /**
   * the most hidden units m
   * @defaultValue 3
   */
  maxWidth?: number;
  /**
   * the largest input dimension d
   * @defaultValue 2
   */
  maxInputDim?: number;
}

/**
 * A two-layer tanh network on its data, at theta0, with its Jacobian and kernel.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { tanhNetwork, type DrawnNetwork } from 'scalecheck/arbitraries';
 *
 * const [net]: DrawnNetwork[] = fc.sample(tanhNetwork(), { seed: 1, numRuns: 1 });
 * const flow = net.model(40).field(net.model(40).theta0); // -J^T e at 40 digits, in fixed point
 * ```
 */
export interface DrawnNetwork {
  /** sizes and seed: `new TanhNet(F, spec)` rebuilds it at any precision */
  spec: NetSpec;
  /** the number of parameters p = m (d + 2) */
  p: number;
  /** parameters theta0 = (a [m], W [m x d] row-major, b [m]) */
  theta: Decimal[];
  /** inputs X, n x d */
  inputs: Decimal[][];
  /** targets y, n */
  targets: Decimal[];
  /** e = f(X; theta0) - y */
  residual: Decimal[];
  /** J = de/dtheta at theta0, n x p (the network's exact Jacobian) */
  jacobian: Decimal[][];
  /** the kernel M = J J^T, n x n */
  kernel: Decimal[][];
  /** the fixed-point model at `digits` (default: the arbitrary's) */
  model(digits?: number): TanhNet;
}

/**
 * A two-layer tanh network f(x) = sum_i a_i tanh(w_i . x + b_i) on n data points (models/network.ts:
 * data, targets and theta0 dyadic, expanded from a drawn seed), with its residual, exact
 * Jacobian and kernel M = J J^T at `digits`. Shrinks towards one point, one unit, one input
 * dimension and seed 0.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { tanhNetwork } from 'scalecheck/arbitraries';
 *
 * // the kernel's diagonal is |row of J|^2
 * fc.assert(
 *   fc.property(tanhNetwork(), ({ jacobian, kernel }) =>
 *     jacobian.every((row, i) => row.reduce((s, x) => s.plus(x.mul(x)), row[0].mul(0)).minus(kernel[i][i]).abs().lt(1e-25)),
 *   ),
 *   { seed: 2 },
 * );
 * ```
 */
export function tanhNetwork(options: NetworkOptions = {}): fc.Arbitrary<DrawnNetwork> {
  const digits = digitsOf(options);
  const maxN = integerIn('maxPoints', options.maxPoints ?? 4, 1, 64);
  const maxM = integerIn('maxWidth', options.maxWidth ?? 3, 1, 64);
  const maxD = integerIn('maxInputDim', options.maxInputDim ?? 2, 1, 64);
  return fc
    .record({ n: fc.integer({ min: 1, max: maxN }), m: fc.integer({ min: 1, max: maxM }), d: fc.integer({ min: 1, max: maxD }), seed: fc.integer({ min: 0, max: 0x7fffffff }) })
    // a plain object: fc.record's own has no prototype, which prints oddly in counterexamples
    .map(({ n, m, d, seed }) => drawnNetwork(digits, { n, m, d, seed }));
}

function drawnNetwork(digits: number, spec: NetSpec): DrawnNetwork {
  const models = new Map<number, TanhNet>();
  const model = (at = digits): TanhNet => {
    let m = models.get(at);
    if (!m) models.set(at, (m = new TanhNet(fixedContext(at), spec)));
    return m;
  };
  const net = model();
  const F = net.F;
  const D = decimalAt(digits);
  const J = net.jacobian(net.theta0);
  const drawn: DrawnNetwork & fc.WithToStringMethod = {
    spec,
    p: net.p,
    theta: carry(D, dec(F, net.theta0)),
    inputs: carry(D, dec(F, net.X)),
    targets: carry(D, dec(F, net.y)),
    residual: carry(D, dec(F, net.residual(net.theta0))),
    jacobian: carry(D, dec(F, J)),
    kernel: carry(D, dec(F, matmulT(F, J, J))),
    model,
    [fc.toStringMethod]: () => `tanhNetwork(${fc.stringify(spec)})`,
  };
  return drawn;
}
