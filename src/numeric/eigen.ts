import type { Fixed } from './fixed.js';
import { eigs } from 'mathjs';
import { identity, matmul, roundShift, transpose, type Mat, type Vec } from './linalg.js';

/**
 * A fixed-point eigendecomposition M = V diag(values) V^T.
 *
 * @example
 * ```ts
 * import { eigSym, Fixed, type EigenResult } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const r: EigenResult = eigSym(F, [[F.int(2), 0n], [0n, F.one]]);
 * r.values; // [F.int(2), F.one]
 * ```
 */
export interface EigenResult {
  /** eigenvalues, descending */
  values: Vec;
  /** vectors[i][k] = i-th component of the k-th eigenvector (columns are eigenvectors) */
  vectors: Mat;
  /** Jacobi sweeps (or refinement steps) it took */
  sweeps: number;
}

/**
 * Symmetric eigendecomposition by cyclic Jacobi rotations in fixed point.
 * Jacobi is chosen for its accuracy on clusters: it converges to an orthonormal basis of
 * each cluster whatever the gaps, and quadratically once the off-diagonal part is small,
 * which makes warm starts from a nearby basis (`start`) cheap. Throws after `maxSweeps`.
 *
 * @example
 * ```ts
 * import { eigSym, Fixed } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const { values, vectors } = eigSym(F, [[F.int(2), F.one], [F.one, F.int(2)]]);
 * values.map((l) => F.toDecimal(l).toFixed(25)); // ['3.0000000000000000000000000', '1.0000000000000000000000000']
 * // vectors[i][k]: component i of the k-th eigenvector, here ±(1, 1)/√2 and ±(1, -1)/√2
 * ```
 */
export function eigSym(F: Fixed, M: Mat, start?: Mat, maxSweeps = 60): EigenResult {
  const n = M.length;
  const A: Mat = start ? matmul(F, matmul(F, transpose(start), M), start) : M.map((r) => r.slice());
  const V: Mat = start ? start.map((r) => r.slice()) : identity(F, n);
  // symmetrise the rounding of the warm-start product
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[i]![j] = A[j]![i]!;
  const sh = BigInt(F.bits);
  const half = 1n << (sh - 1n);
  const mul = (a: bigint, b: bigint): bigint => {
    const p = a * b;
    return p >= 0n ? (p + half) >> sh : -((-p + half) >> sh);
  };
  const one = F.one;
  // off-diagonal entries below a few ulps are zero at this precision
  const floor = 1n << 6n;
  let sweeps = 0;
  for (; sweeps < maxSweeps; sweeps++) {
    let off = 0n;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) {
      const a = A[p]![q]!;
      off += a < 0n ? -a : a;
    }
    if (off <= floor * BigInt(n * n)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p]![q]!;
        if ((apq < 0n ? -apq : apq) <= floor) {
          A[p]![q] = 0n;
          A[q]![p] = 0n;
          continue;
        }
        const app = A[p]![p]!;
        const aqq = A[q]![q]!;
        const theta = F.div(aqq - app, 2n * apq);
        const at = theta < 0n ? -theta : theta;
        let t = F.div(one, at + F.sqrt(mul(at, at) + one));
        if (theta < 0n) t = -t;
        const c = F.div(one, F.sqrt(mul(t, t) + one));
        const s = mul(t, c);
        const tau = F.div(s, one + c);
        const tapq = mul(t, apq);
        A[p]![p] = app - tapq;
        A[q]![q] = aqq + tapq;
        A[p]![q] = 0n;
        A[q]![p] = 0n;
        for (let r = 0; r < n; r++) {
          if (r === p || r === q) continue;
          const Ar = A[r]!;
          const g = Ar[p]!;
          const h = Ar[q]!;
          const np = g - mul(s, h + mul(g, tau));
          const nq = h + mul(s, g - mul(h, tau));
          Ar[p] = np;
          Ar[q] = nq;
          A[p]![r] = np;
          A[q]![r] = nq;
        }
        for (let r = 0; r < n; r++) {
          const Vr = V[r]!;
          const g = Vr[p]!;
          const h = Vr[q]!;
          Vr[p] = g - mul(s, h + mul(g, tau));
          Vr[q] = h + mul(s, g - mul(h, tau));
        }
      }
    }
  }
  if (sweeps === maxSweeps) throw new Error(`Jacobi did not converge in ${maxSweeps} sweeps`);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => {
    const d = A[j]![j]! - A[i]![i]!;
    return d > 0n ? 1 : d < 0n ? -1 : i - j;
  });
  return {
    values: order.map((i) => A[i]![i]!),
    vectors: V.map((row) => order.map((i) => row[i]!)),
    sweeps,
  };
}

/**
 * Flip each eigenvector to point along its counterpart in `ref`: for simple eigenvalues
 * this is the parallel-transport gauge <u_k, du_k/dt> = 0 restricted to a short step.
 *
 * @example
 * ```ts
 * import { alignSigns } from 'scalecheck/numeric';
 *
 * // the first column points against the reference: it is flipped
 * alignSigns([[-1n, 0n], [0n, 1n]], [[1n, 0n], [0n, 1n]]); // [[1n, 0n], [0n, 1n]]
 * ```
 */
export function alignSigns(vectors: Mat, ref: Mat): Mat {
  const n = vectors.length;
  const k = n ? vectors[0]!.length : 0;
  const flip: boolean[] = [];
  for (let j = 0; j < k; j++) {
    let s = 0n;
    for (let i = 0; i < n; i++) s += vectors[i]![j]! * ref[i]![j]!;
    flip.push(s < 0n);
  }
  return vectors.map((row) => row.map((v, j) => (flip[j] ? -v : v)));
}

/**
 * Smallest gap between consecutive eigenvalues (values descending); null for fewer than two.
 *
 * @example
 * ```ts
 * import { minGap } from 'scalecheck/numeric';
 *
 * minGap([10n, 7n, 6n]); // 1n
 * minGap([10n]); // null
 * ```
 */
export function minGap(values: Vec): bigint | null {
  let g: bigint | null = null;
  for (let i = 0; i + 1 < values.length; i++) {
    const d = values[i]! - values[i + 1]!;
    if (g === null || d < g) g = d;
  }
  return g;
}

/**
 * Refine an approximate eigenbasis X of a symmetric A (Ogita & Aishima 2018): with
 * R = I - X^T X and S = X^T A X, the correction E_ij = (s_ij + l_j r_ij)/(l_j - l_i) converges
 * quadratically for well-separated eigenvalues, at a few matrix products per step, far
 * cheaper than Jacobi sweeps. Returns null when the eigenvalues are too close for it (the
 * caller falls back to Jacobi) or when it stalls. Keeps the column order and signs of X.
 *
 * @example
 * ```ts
 * import { Fixed, refineEig } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const A = [[F.int(2), F.one], [F.one, F.int(2)]];
 * // a rough basis (the exact one is (1, ±1)/√2) refined to the working precision
 * const X = [[F.fromNumber(0.7), F.fromNumber(0.7)], [F.fromNumber(0.7), F.fromNumber(-0.7)]];
 * refineEig(F, A, X)?.values.map((l) => F.toDecimal(l).toFixed(25)); // ['3.0000…', '1.0000…']
 * ```
 */
export function refineEig(F: Fixed, A: Mat, X0: Mat, maxIter = 14): EigenResult | null {
  const n = A.length;
  let X = X0;
  const tol = 1n << 12n;
  for (let it = 0; it < maxIter; it++) {
    const Xt = transpose(X);
    // X^T X and X^T A X are symmetric: half of each product suffices
    const XtX = symmetricProduct(F, Xt, X);
    const S = symmetricProduct(F, Xt, matmul(F, A, X));
    const lam: bigint[] = [];
    for (let i = 0; i < n; i++) lam.push(F.div(S[i]![i]!, XtX[i]![i]!));
    let maxE = 0n;
    const E: Mat = [];
    for (let i = 0; i < n; i++) {
      const row: bigint[] = [];
      for (let j = 0; j < n; j++) {
        const r = (i === j ? F.one : 0n) - XtX[i]![j]!;
        let v: bigint;
        if (i === j) v = r / 2n;
        else {
          const gap = lam[j]! - lam[i]!;
          const num = S[i]![j]! + F.mul(lam[j]!, r);
          // a correction as large as the gap means the pair is not separated: give up
          const ag = gap < 0n ? -gap : gap;
          const an = num < 0n ? -num : num;
          if (ag === 0n || an * 16n > ag) return null;
          v = F.div(num, gap);
        }
        const av = v < 0n ? -v : v;
        if (av > maxE) maxE = av;
        row.push(v);
      }
      E.push(row);
    }
    // a correction at the last bits changes nothing: converged
    if (maxE <= tol) {
      for (let i = 0; i + 1 < n; i++) if (lam[i]! < lam[i + 1]!) return null;
      return { values: lam, vectors: X, sweeps: it + 1 };
    }
    const XE = matmul(F, X, E);
    X = X.map((r, i) => r.map((x, j) => x + XE[i]![j]!));
  }
  return null;
}

/** L R for a product known to be symmetric: the upper triangle, mirrored. */
function symmetricProduct(F: Fixed, L: Mat, R: Mat): Mat {
  const n = L.length;
  const sh = BigInt(F.bits);
  const out: Mat = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
  for (let i = 0; i < n; i++) {
    const Li = L[i]!;
    for (let j = i; j < n; j++) {
      let acc = 0n;
      for (let k = 0; k < Li.length; k++) acc += Li[k]! * R[k]![j]!;
      const v = roundShift(acc, sh);
      out[i]![j] = v;
      out[j]![i] = v;
    }
  }
  return out;
}

/** A float64 eigenbasis (mathjs's Jacobi), columns by descending eigenvalue: a start for refineEig. */
export function float64Basis(F: Fixed, M: Mat): Mat | null {
  const A = M.map((r) => r.map((x) => F.toNumber(x)));
  let res: { eigenvectors: { value: number; vector: number[] }[] };
  try {
    // mathjs's typings omit the eigenvectors that eigs returns
    res = eigs(A) as unknown as typeof res;
  } catch {
    return null;
  }
  const pairs = res.eigenvectors.map((p) => ({ value: Number(p.value), vector: p.vector.map(Number) }));
  pairs.sort((a, b) => b.value - a.value);
  const n = M.length;
  return Array.from({ length: n }, (_, i) => pairs.map((p) => F.fromNumber(p.vector[i]!)));
}

/**
 * Eigendecomposition for smooth families: a float64 start refined to the working precision,
 * signs aligned with `ref` when given; clusters (where refinement declines) go to Jacobi,
 * warm-started from `ref`.
 *
 * @example
 * ```ts
 * import { eigSymRefined, Fixed } from 'scalecheck/numeric';
 *
 * const F = new Fixed(50);
 * const M = [[F.int(4), F.one, 0n], [F.one, F.int(3), F.one], [0n, F.one, F.int(2)]];
 * const at0 = eigSymRefined(F, M);
 * // a nearby matrix: the basis at 0 starts the refinement and fixes the signs
 * const near = eigSymRefined(F, M.map((r, i) => r.map((x, j) => (i === j ? x + F.pow2(-10) : x))), at0.vectors);
 * ```
 */
export function eigSymRefined(F: Fixed, M: Mat, ref?: Mat): EigenResult {
  const start = float64Basis(F, M);
  const refined = start && refineEig(F, M, ref ? alignSigns(start, ref) : start);
  return refined ?? eigSym(F, M, ref);
}
