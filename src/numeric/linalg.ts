import type { Fixed } from './fixed.js';

/**
 * A dense vector over a Fixed context: entry i is x_i 2^bits.
 *
 * @example
 * ```ts
 * import { Fixed, type Vec } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const v: Vec = [F.one, F.ratio(1, 2)]; // (1, 1/2)
 * ```
 */
export type Vec = bigint[];
/**
 * A dense matrix over a Fixed context, row-major, rows as arrays.
 *
 * @example
 * ```ts
 * import { Fixed, type Mat } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const A: Mat = [[F.one, 0n], [0n, F.int(2)]]; // diag(1, 2)
 * ```
 */
export type Mat = bigint[][];

export function zeros(n: number): Vec {
  return new Array<bigint>(n).fill(0n);
}

export function zeroMat(r: number, c: number): Mat {
  return Array.from({ length: r }, () => zeros(c));
}

/**
 * The n x n identity.
 *
 * @example
 * ```ts
 * import { Fixed, identity } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * identity(F, 2); // [[F.one, 0n], [0n, F.one]]
 * ```
 */
export function identity(F: Fixed, n: number): Mat {
  const I = zeroMat(n, n);
  for (let i = 0; i < n; i++) I[i]![i] = F.one;
  return I;
}

/**
 * A^T (no rounding: entries are moved, not computed).
 *
 * @example
 * ```ts
 * import { transpose } from 'scalecheck/numeric';
 *
 * transpose([[1n, 2n, 3n]]); // [[1n], [2n], [3n]]
 * ```
 */
export function transpose(A: Mat): Mat {
  const r = A.length;
  const c = r ? A[0]!.length : 0;
  const T = zeroMat(c, r);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) T[j]![i] = A[i]![j]!;
  return T;
}

/**
 * A * B with a single rounding per entry (products accumulated unscaled).
 *
 * @example
 * ```ts
 * import { Fixed, matmul } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const A = [[F.one, F.one], [0n, F.one]];
 * matmul(F, A, A); // [[1, 2], [0, 1]] in fixed point
 * ```
 */
export function matmul(F: Fixed, A: Mat, B: Mat): Mat {
  const r = A.length;
  const k = B.length;
  const c = k ? B[0]!.length : 0;
  const out = zeroMat(r, c);
  const sh = BigInt(F.bits);
  for (let i = 0; i < r; i++) {
    const Ai = A[i]!;
    const Oi = out[i]!;
    for (let j = 0; j < c; j++) {
      let s = 0n;
      for (let l = 0; l < k; l++) s += Ai[l]! * B[l]![j]!;
      Oi[j] = roundShift(s, sh);
    }
  }
  return out;
}

/**
 * A * B^T: rows against rows, the cache-friendly form for M = J J^T.
 *
 * @example
 * ```ts
 * import { Fixed, matmulT } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const J = [[F.one, F.int(2)]];
 * matmulT(F, J, J); // [[5]] in fixed point: the kernel J J^T
 * ```
 */
export function matmulT(F: Fixed, A: Mat, B: Mat): Mat {
  const sh = BigInt(F.bits);
  return A.map((Ai) => B.map((Bj) => roundShift(dotRaw(Ai, Bj), sh)));
}

/**
 * A x, one rounding per entry.
 *
 * @example
 * ```ts
 * import { Fixed, matvec } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * matvec(F, [[F.one, F.one]], [F.int(2), F.int(3)]); // [F.int(5)]
 * ```
 */
export function matvec(F: Fixed, A: Mat, x: Vec): Vec {
  const sh = BigInt(F.bits);
  return A.map((row) => roundShift(dotRaw(row, x), sh));
}

/**
 * x . y, one rounding.
 *
 * @example
 * ```ts
 * import { Fixed, dot } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * dot(F, [F.one, F.int(2)], [F.int(3), F.ratio(1, 2)]) === F.int(4); // true
 * ```
 */
export function dot(F: Fixed, x: Vec, y: Vec): bigint {
  return roundShift(dotRaw(x, y), BigInt(F.bits));
}

function dotRaw(x: Vec, y: Vec): bigint {
  let s = 0n;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

export function roundShift(s: bigint, sh: bigint): bigint {
  const half = 1n << (sh - 1n);
  return s >= 0n ? (s + half) >> sh : -((-s + half) >> sh);
}

export function add(x: Vec, y: Vec): Vec {
  return x.map((v, i) => v + y[i]!);
}

export function sub(x: Vec, y: Vec): Vec {
  return x.map((v, i) => v - y[i]!);
}

export function scale(F: Fixed, a: bigint, x: Vec): Vec {
  return x.map((v) => F.mul(a, v));
}

/** x + a*y */
export function axpy(F: Fixed, x: Vec, a: bigint, y: Vec): Vec {
  return x.map((v, i) => v + F.mul(a, y[i]!));
}

export function matAdd(A: Mat, B: Mat): Mat {
  return A.map((r, i) => add(r, B[i]!));
}

export function matScale(F: Fixed, a: bigint, A: Mat): Mat {
  return A.map((r) => scale(F, a, r));
}

/**
 * The largest |x_i| (0 for an empty vector): a scale for tolerances.
 *
 * @example
 * ```ts
 * import { maxAbs } from 'scalecheck/numeric';
 *
 * maxAbs([3n, -5n, 1n]); // 5n
 * ```
 */
export function maxAbs(x: Vec): bigint {
  let m = 0n;
  for (const v of x) {
    const a = v < 0n ? -v : v;
    if (a > m) m = a;
  }
  return m;
}

/**
 * The largest |A_ij|.
 *
 * @example
 * ```ts
 * import { maxAbsMat } from 'scalecheck/numeric';
 *
 * maxAbsMat([[1n, -7n], [2n, 0n]]); // 7n
 * ```
 */
export function maxAbsMat(A: Mat): bigint {
  let m = 0n;
  for (const r of A) {
    const a = maxAbs(r);
    if (a > m) m = a;
  }
  return m;
}

export function column(A: Mat, j: number): Vec {
  return A.map((r) => r[j]!);
}

export function flatten(A: Mat): Vec {
  return A.flat();
}

export function reshape(v: Vec, r: number, c: number): Mat {
  return Array.from({ length: r }, (_, i) => v.slice(i * c, (i + 1) * c));
}
