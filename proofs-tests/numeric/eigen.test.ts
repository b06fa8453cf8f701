import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { Fixed } from '../../src/numeric/fixed.js';
import { alignSigns, eigSym, eigSymRefined, float64Basis, minGap, refineEig, type EigenResult } from '../../src/numeric/eigen.js';
import { matmul, transpose, type Mat } from '../../src/numeric/linalg.js';

const F = new Fixed(30);
const D = F.D;
const TOL = new D(10).pow(-36);
const small = (x: bigint, scale = 1): boolean => F.toDecimal(x).abs().lt(TOL.times(scale));

/** I - 2 v v^T / v^T v: a rational orthogonal matrix, so Q diag(values) Q^T has an exactly known spectrum. */
function householder(v: number[]): Mat {
  const n = v.length;
  const vv = v.reduce((s, x) => s + x * x, 0);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => F.ratio((i === j ? vv : 0) - 2 * v[i]! * v[j]!, vv)));
}
const diag = (values: bigint[]): Mat => values.map((x, i) => values.map((_, j) => (i === j ? x : 0n)));
const conj = (Q: Mat, values: bigint[]): Mat => matmul(F, matmul(F, Q, diag(values)), transpose(Q));
const ints = (xs: number[]): bigint[] => xs.map((x) => F.int(x));
const col = (M: Mat, j: number): bigint[] => M.map((r) => r[j]!);
const dot = (x: bigint[], y: bigint[]): bigint => x.reduce((s, v, i) => s + F.mul(v, y[i]!), 0n);
/** the rotation by angle 2 atan(a/b) in the (p, q) plane, with rational entries */
function givens(n: number, p: number, q: number, a: number, b: number): Mat {
  const G = diag(Array.from({ length: n }, () => F.one));
  const c = F.ratio(b * b - a * a, b * b + a * a);
  const s = F.ratio(2 * a * b, b * b + a * a);
  G[p]![p] = c;
  G[q]![q] = c;
  G[p]![q] = -s;
  G[q]![p] = s;
  return G;
}

/** A v = lambda v and V^T V = I, at working precision: checked against A itself, not the solver. */
function expectEigenpairs(A: Mat, r: EigenResult, scale = 1): void {
  const n = A.length;
  const AV = matmul(F, A, r.vectors);
  for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) expect(small(AV[i]![k]! - F.mul(r.values[k]!, r.vectors[i]![k]!), scale), `residual ${i},${k}`).toBe(true);
  const VtV = matmul(F, transpose(r.vectors), r.vectors);
  VtV.forEach((row, i) => row.forEach((x, j) => expect(small(x - (i === j ? F.one : 0n)), `orthonormality ${i},${j}`).toBe(true)));
  for (let k = 0; k + 1 < n; k++) expect(r.values[k]! >= r.values[k + 1]!).toBe(true);
}
const expectValues = (got: bigint[], want: number[]): void => got.forEach((l, i) => expect(small(l - F.int(want[i]!)), `value ${i}`).toBe(true));

describe('Jacobi eigensolver', () => {
  const Q4 = householder([1, -2, 3, 1]);
  const A4 = conj(Q4, ints([1, 4, -2, 3]));

  it('recovers a known spectrum, descending, with orthonormal eigenvectors', () => {
    const r = eigSym(F, A4);
    expectValues(r.values, [4, 3, 1, -2]);
    expectEigenpairs(A4, r);
    expect(r.sweeps).toBeGreaterThan(1);
    expect(r.sweeps).toBeLessThan(10);
  });
  ptest.prop([fc.integer({ min: 2, max: 4 }).chain((n) => fc.array(fc.integer({ min: -9, max: 9 }), { minLength: (n * (n + 1)) / 2, maxLength: (n * (n + 1)) / 2 }).map((e) => ({ n, e })))], { seed: 3, numRuns: 15 })(
    'any small integer symmetric matrix: residuals, orthonormality, trace and Frobenius norm',
    ({ n, e }) => {
      const A: Mat = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
      let k = 0;
      for (let i = 0; i < n; i++) for (let j = i; j < n; j++) A[i]![j] = A[j]![i] = F.int(e[k++]!);
      const r = eigSym(F, A);
      expectEigenpairs(A, r, 10);
      // sum lambda = tr A and sum lambda^2 = |A|_F^2: invariants the solver never computes
      const tr = A.reduce((s, row, i) => s + row[i]!, 0n);
      expect(small(r.values.reduce((s, x) => s + x, 0n) - tr, 10)).toBe(true);
      const fro = A.flat().reduce((s, x) => s + F.mul(x, x), 0n);
      expect(small(r.values.reduce((s, x) => s + F.mul(x, x), 0n) - fro, 100)).toBe(true);
    },
  );
  it('2x2 matrices of every sign pattern match (a+c)/2 ± sqrt(((a-c)/2)^2 + b^2)', () => {
    for (const [a, b, c] of [[1, 2, 3], [3, 2, 1], [1, -2, 3], [3, -2, 1], [-1, 5, -1], [2, 1e-3, 2]] as const) {
      const [fa, fb, fc2] = [a, b, c].map((x) => F.fromNumber(x)) as [bigint, bigint, bigint];
      const r = eigSym(F, [[fa, fb], [fb, fc2]]);
      const [da, db, dc] = [fa, fb, fc2].map((x) => F.toDecimal(x));
      const m = da!.plus(dc!).div(2);
      const rad = da!.minus(dc!).div(2).pow(2).plus(db!.pow(2)).sqrt();
      expect(F.toDecimal(r.values[0]!).minus(m.plus(rad)).abs().lt(TOL)).toBe(true);
      expect(F.toDecimal(r.values[1]!).minus(m.minus(rad)).abs().lt(TOL)).toBe(true);
    }
  });
  it('a diagonal matrix takes no sweep; equal eigenvalues keep their input order', () => {
    const r = eigSym(F, diag(ints([1, 3, 3, 2])));
    expect(r.sweeps).toBe(0);
    expect(r.values).toEqual(ints([3, 3, 2, 1]));
    // columns e1, e2, e3, e0: descending, ties in input order
    expect(r.vectors).toEqual([
      [0n, 0n, 0n, F.one],
      [F.one, 0n, 0n, 0n],
      [0n, F.one, 0n, 0n],
      [0n, 0n, F.one, 0n],
    ]);
  });
  it('off-diagonal entries of a few ulps count as converged (their sum is below 64 n^2 ulps)', () => {
    const A = diag(ints([2, 1, 3]));
    for (const [i, j] of [[0, 1], [0, 2], [1, 2]] as const) A[i]![j] = A[j]![i] = 150n;
    const r = eigSym(F, A);
    expect(r.sweeps).toBe(0);
    expect(r.values).toEqual(ints([3, 2, 1]));
  });
  it('leaves its inputs alone (the matrix and the warm start)', () => {
    const copy = (M: Mat): Mat => M.map((r) => r.slice());
    const [A, S] = [copy(A4), matmul(F, Q4, givens(4, 0, 2, 1, 100))];
    const [A0, S0] = [copy(A), copy(S)];
    eigSym(F, A);
    eigSym(F, A, S);
    expect(A).toEqual(A0);
    expect(S).toEqual(S0);
  });
  it('throws when the sweeps run out, and counts the sweeps that rotated', () => {
    const { sweeps } = eigSym(F, A4);
    expect(() => eigSym(F, A4, undefined, sweeps)).toThrow(/did not converge in/);
    expect(eigSym(F, A4, undefined, sweeps + 1).sweeps).toBe(sweeps);
  });
  it('a warm start at the exact eigenbasis needs no sweep and returns that basis', () => {
    const r = eigSym(F, A4, Q4);
    expect(r.sweeps).toBe(0);
    expectValues(r.values, [4, 3, 1, -2]);
    // Q4's columns carry 1, 4, -2, 3: sorted, they come back as columns 1, 3, 0, 2
    [1, 3, 0, 2].forEach((j, k) => col(Q4, j).forEach((x, i) => expect(small(r.vectors[i]![k]! - x)).toBe(true)));
  });
  it('a warm start near the eigenbasis converges in fewer sweeps than a cold one, to the same pairs', () => {
    const start = matmul(F, Q4, givens(4, 0, 2, 1, 100));
    const warm = eigSym(F, A4, start);
    expectEigenpairs(A4, warm);
    expect(warm.sweeps).toBeGreaterThan(0);
    expect(warm.sweeps).toBeLessThan(eigSym(F, A4).sweeps);
  });
  it('rounds its products to nearest: without guard bits V stays orthonormal to a few ulps', () => {
    // a biased rounding in the rotations leaves ~30 ulps here; round-to-nearest leaves ~4
    const G = new Fixed(20, 0);
    const vv = 20;
    const v = [1, -2, 3, 1, 2, -1];
    const Q: Mat = v.map((a, i) => v.map((b, j) => G.ratio((i === j ? vv : 0) - 2 * a * b, vv)));
    const vals = [5, 3, 2, 0, -1, -4].map((x) => G.int(x));
    const A = matmul(G, matmul(G, Q, vals.map((x, i) => vals.map((_, j) => (i === j ? x : 0n)))), transpose(Q));
    const r = eigSym(G, A);
    const abs = (x: bigint): bigint => (x < 0n ? -x : x);
    matmul(G, transpose(r.vectors), r.vectors).forEach((row, i) => row.forEach((x, j) => expect(abs(x - (i === j ? G.one : 0n)) <= 12n, `V^T V ${i},${j}`).toBe(true)));
    r.values.forEach((l, i) => expect(abs(l - vals[i]!) <= 12n, `value ${i}`).toBe(true));
  });
  it('resolves a degenerate cluster into an orthonormal basis of it', () => {
    const Q = householder([2, 1, -1, 3, 1]);
    const A = conj(Q, ints([2, 5, 2, -1, 2]));
    const r = eigSym(F, A);
    expectValues(r.values, [5, 2, 2, 2, -1]);
    expectEigenpairs(A, r);
  });
});

describe('sign alignment and gaps', () => {
  it('flips exactly the columns pointing away from the reference; an orthogonal one stays', () => {
    const V: Mat = [
      [F.one, -F.one, 0n],
      [0n, 0n, F.one],
    ];
    const ref: Mat = [
      [-F.one, -F.one, F.one],
      [0n, 0n, 0n],
    ];
    expect(alignSigns(V, ref)).toEqual([
      [-F.one, -F.one, 0n],
      [0n, 0n, F.one],
    ]);
    expect(alignSigns([], [])).toEqual([]);
  });
  it('minGap is the smallest consecutive difference, null below two values', () => {
    expect(minGap(ints([9, 5, 4, 1]))).toBe(F.int(1));
    expect(minGap(ints([9, 8, 4, 1]))).toBe(F.int(1));
    expect(minGap(ints([9, 4, 4]))).toBe(0n);
    expect(minGap(ints([3]))).toBeNull();
    expect(minGap([])).toBeNull();
  });
});

describe('Ogita–Aishima refinement', () => {
  const Q = householder([1, 1, 2, -1]);
  const A = conj(Q, ints([4, 3, 1, -2]));
  /** Q rotated by 2 atan(1/b) between eigenvectors 1 and 2 (eigenvalues 3 and 1): the first correction there is tan(4 atan(1/b))/2 */
  const mixed = (b: number): Mat => matmul(F, Q, givens(4, 1, 2, 1, b));

  it('from the exact basis: one iteration, values and vectors kept', () => {
    const r = refineEig(F, A, Q)!;
    expect(r.sweeps).toBe(1);
    expectValues(r.values, [4, 3, 1, -2]);
    expect(r.vectors).toBe(Q);
  });
  it('from a mixed basis: converges quadratically, keeps column order and signs', () => {
    const r = refineEig(F, A, mixed(40))!;
    expectValues(r.values, [4, 3, 1, -2]);
    expectEigenpairs(A, r);
    for (let k = 0; k < 4; k++) expect(dot(col(r.vectors, k), col(Q, k)) > 0n).toBe(true);
    expect(r.sweeps).toBeGreaterThan(2);
    expect(r.sweeps).toBeLessThan(8);
    expect(refineEig(F, A, mixed(40), r.sweeps)).not.toBeNull();
    expect(refineEig(F, A, mixed(40), r.sweeps - 1)).toBeNull();
  });
  it('from a basis that is not orthonormal (scaled columns): still an orthonormal result', () => {
    const X = Q.map((row) => row.map((x, j) => x + F.mul(x, F.ratio(j + 1, 200))));
    const r = refineEig(F, A, X)!;
    expectEigenpairs(A, r);
  });
  it('declines a correction beyond 1/16 of the gap: tan(2 theta)/2 = 0.077 is refused, 0.050 accepted', () => {
    expect(refineEig(F, A, mixed(40))).not.toBeNull();
    expect(refineEig(F, A, mixed(26))).toBeNull();
  });
  it('declines an exact cluster and a basis whose columns ascend', () => {
    const B = conj(Q, ints([4, 3, 3, -2]));
    expect(refineEig(F, B, mixed(1000))).toBeNull();
    const reversed = Q.map((row) => [...row].reverse());
    expect(refineEig(F, A, reversed)).toBeNull();
    // an exactly repeated eigenvalue with a zero correction: gap 0, declined rather than divided by
    expect(refineEig(F, diag(ints([2, 2, 1])), diag(ints([1, 1, 1])))).toBeNull();
  });
});

describe('float64 start and the combined solver', () => {
  const Q = householder([2, -1, 1, 1]);
  const A = conj(Q, ints([-3, 5, 1, 2]));

  it('float64Basis orders columns by descending eigenvalue, each a unit eigenvector to double precision', () => {
    const X = float64Basis(F, A)!;
    const lambdas = [5, 2, 1, -3];
    const AX = matmul(F, A, X);
    lambdas.forEach((l, k) => {
      for (let i = 0; i < 4; i++) expect(Math.abs(F.toNumber(AX[i]![k]! - X[i]![k]! * BigInt(l)))).toBeLessThan(1e-12);
      expect(Math.abs(F.toNumber(dot(col(X, k), col(X, k))) - 1)).toBeLessThan(1e-12);
    });
    expect(float64Basis(F, [])).toBeNull();
  });
  it('eigSymRefined reaches the working precision and aligns the signs with a reference', () => {
    const plain = eigSymRefined(F, A);
    expectValues(plain.values, [5, 2, 1, -3]);
    expectEigenpairs(A, plain);
    // without a reference the refinement keeps the float64 start's signs (cold Jacobi would flip one here)
    const start = float64Basis(F, A)!;
    for (let k = 0; k < 4; k++) expect(dot(col(plain.vectors, k), col(start, k)) > F.ratio(9, 10)).toBe(true);
    const ref = plain.vectors.map((row) => row.map((x, j) => (j % 2 ? -x : x)));
    const aligned = eigSymRefined(F, A, ref);
    for (let k = 0; k < 4; k++) expect(dot(col(aligned.vectors, k), col(ref, k)) > F.ratio(9, 10)).toBe(true);
    expectEigenpairs(A, aligned);
  });
  it('on a cluster it falls back to Jacobi, warm-started from the reference', () => {
    const B = conj(Q, ints([2, 5, 2, -1]));
    const r = eigSymRefined(F, B, Q);
    expectValues(r.values, [5, 2, 2, -1]);
    expectEigenpairs(B, r);
    // warm-started from the exact basis Jacobi does no sweep (refinement would report at least one)
    expect(r.sweeps).toBe(0);
  });
});
