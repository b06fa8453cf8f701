import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { Fixed } from '../../src/numeric/fixed.js';
import {
  add,
  axpy,
  column,
  dot,
  flatten,
  identity,
  matAdd,
  matScale,
  matmul,
  matmulT,
  matvec,
  maxAbs,
  maxAbsMat,
  reshape,
  roundShift,
  scale,
  sub,
  transpose,
  zeroMat,
  zeros,
  type Mat,
  type Vec,
} from '../../src/numeric/linalg.js';
import { solve, solveFloat } from '../../src/numeric/linsolve.js';
import { roundHalfAway } from './exact-ref.js';

const F = new Fixed(30);
const one = F.one;
/** raw fixed-point entries: any bigint, so that every product needs its rounding */
const entry = fc.bigInt({ min: -(1n << 150n), max: 1n << 150n });
const matArb = (r: number, c: number): fc.Arbitrary<Mat> => fc.array(fc.array(entry, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
const dims = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }));

/** sum of exact products, rounded once */
const exactDot = (x: Vec, y: Vec): bigint => roundHalfAway(x.reduce((s, v, i) => s + v * y[i]!, 0n), one);

describe('linalg: shapes', () => {
  it('zeros, zeroMat, identity', () => {
    expect(zeros(3)).toEqual([0n, 0n, 0n]);
    expect(zeros(0)).toEqual([]);
    const Z = zeroMat(2, 3);
    expect(Z).toEqual([
      [0n, 0n, 0n],
      [0n, 0n, 0n],
    ]);
    Z[0]![0] = 1n; // rows are not shared
    expect(Z[1]![0]).toBe(0n);
    expect(identity(F, 2)).toEqual([
      [one, 0n],
      [0n, one],
    ]);
    expect(identity(F, 0)).toEqual([]);
  });
  it('transpose, column, flatten, reshape', () => {
    const A: Mat = [
      [1n, 2n, 3n],
      [4n, 5n, 6n],
    ];
    expect(transpose(A)).toEqual([
      [1n, 4n],
      [2n, 5n],
      [3n, 6n],
    ]);
    expect(transpose([])).toEqual([]);
    expect(column(A, 1)).toEqual([2n, 5n]);
    expect(flatten(A)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
    expect(reshape([1n, 2n, 3n, 4n, 5n, 6n], 3, 2)).toEqual([
      [1n, 2n],
      [3n, 4n],
      [5n, 6n],
    ]);
    expect(reshape(flatten(A), 2, 3)).toEqual(A);
  });
  it('maxAbs and maxAbsMat', () => {
    expect(maxAbs([])).toBe(0n);
    expect(maxAbs([1n, -5n, 3n])).toBe(5n);
    expect(maxAbs([-2n, 7n, -7n])).toBe(7n);
    expect(maxAbsMat([])).toBe(0n);
    expect(maxAbsMat([[1n, 2n], [-9n, 0n], [4n]])).toBe(9n);
    expect(maxAbsMat([[3n], [-1n]])).toBe(3n);
  });
});

describe('linalg: arithmetic, one rounding half away from zero per entry', () => {
  it('roundShift at the half', () => {
    expect(roundShift(8n, 4n)).toBe(1n);
    expect(roundShift(7n, 4n)).toBe(0n);
    expect(roundShift(-8n, 4n)).toBe(-1n);
    expect(roundShift(-7n, 4n)).toBe(0n);
    expect(roundShift(24n, 4n)).toBe(2n);
    expect(roundShift(-24n, 4n)).toBe(-2n);
    expect(roundShift(0n, 4n)).toBe(0n);
  });
  ptest.prop([fc.bigInt({ min: -(1n << 80n), max: 1n << 80n }), fc.integer({ min: 1, max: 70 })], { seed: 21, numRuns: 100 })('roundShift(s, k) = s / 2^k rounded', (s, k) => {
    expect(roundShift(s, BigInt(k))).toBe(roundHalfAway(s, 1n << BigInt(k)));
  });
  ptest.prop([dims.chain(([r, k, c]) => fc.tuple(matArb(r, k), matArb(k, c)))], { seed: 22, numRuns: 40 })('matmul, matmulT, matvec and dot against exact sums', ([A, B]) => {
    const Bt = transpose(B);
    const ref = A.map((row) => Bt.map((col) => exactDot(row, col)));
    expect(matmul(F, A, B)).toEqual(ref);
    expect(matmulT(F, A, Bt)).toEqual(ref);
    expect(matvec(F, A, column(B, 0))).toEqual(ref.map((r) => r[0]!));
    expect(dot(F, A[0]!, Bt[0]!)).toBe(ref[0]![0]!);
  });
  it('a product of exact halves rounds away from zero, each sign', () => {
    const h = one / 2n;
    expect(matmul(F, [[1n, 0n]], [[h], [5n]])).toEqual([[1n]]);
    expect(matmul(F, [[-1n]], [[h]])).toEqual([[-1n]]);
    expect(dot(F, [1n, 1n], [h, -1n])).toBe(0n);
    expect(matvec(F, [[3n], [-3n]], [h])).toEqual([2n, -2n]);
  });
  it('empty inner and outer dimensions', () => {
    expect(matmul(F, [[], []], [])).toEqual([[], []]);
    expect(matmul(F, [], [[1n, 2n]])).toEqual([]);
    expect(matmulT(F, [], [[1n]])).toEqual([]);
    expect(dot(F, [], [])).toBe(0n);
  });
  ptest.prop([fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.array(entry, { minLength: n, maxLength: n }), fc.array(entry, { minLength: n, maxLength: n }), entry))], { seed: 23, numRuns: 60 })(
    'add, sub, scale, axpy, matAdd, matScale',
    ([x, y, a]) => {
      expect(add(x, y)).toEqual(x.map((v, i) => v + y[i]!));
      expect(sub(x, y)).toEqual(x.map((v, i) => v - y[i]!));
      const ay = y.map((v) => roundHalfAway(a * v, one));
      expect(scale(F, a, y)).toEqual(ay);
      expect(axpy(F, x, a, y)).toEqual(x.map((v, i) => v + ay[i]!));
      expect(matAdd([x, y], [y, x])).toEqual([add(x, y), add(y, x)]);
      expect(matScale(F, a, [y, y])).toEqual([ay, ay]);
    },
  );
});

/** integer matrices with a nonzero determinant (exact Bareiss elimination) */
function det(A: bigint[][]): bigint {
  const M = A.map((r) => r.slice());
  const n = M.length;
  let sign = 1n;
  let prev = 1n;
  for (let k = 0; k < n - 1; k++) {
    if (M[k]![k] === 0n) {
      const s = M.findIndex((r, i) => i > k && r[k] !== 0n);
      if (s < 0) return 0n;
      [M[k], M[s]] = [M[s]!, M[k]!];
      sign = -sign;
    }
    for (let i = k + 1; i < n; i++)
      for (let j = k + 1; j < n; j++) M[i]![j] = (M[i]![j]! * M[k]![k]! - M[i]![k]! * M[k]![j]!) / prev;
    prev = M[k]![k]!;
  }
  return sign * M[n - 1]![n - 1]!;
}

const intMat = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.tuple(
    fc.array(fc.array(fc.integer({ min: -9, max: 9 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
    fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n, maxLength: n }),
  ),
);

describe('solve: Gaussian elimination with partial pivoting in fixed point', () => {
  ptest.prop([intMat], { seed: 24, numRuns: 80 })('recovers an integer x from A and b = A x', ([A, x]) => {
    const Ai = A.map((r) => r.map(BigInt));
    fc.pre(det(Ai) !== 0n);
    const b = Ai.map((r) => r.reduce((s, v, j) => s + v * BigInt(x[j]!), 0n));
    const got = solve(F, Ai.map((r) => r.map((v) => F.int(v))), b.map((v) => F.int(v)));
    expect(got).not.toBeNull();
    // |det| >= 1 and entries <= 9 bound the inverse by 9^4 4! / 1 ~ 2^18; 140 bits leave room
    got!.forEach((v, i) => expect(F.abs(v - F.int(x[i]!)) < 1n << 70n).toBe(true));
    const gotF = solveFloat(A, b.map(Number));
    expect(gotF).not.toBeNull();
    gotF!.forEach((v, i) => expect(Math.abs(v - x[i]!)).toBeLessThan(1e-6));
  });
  it('pivots on the largest entry: a tiny leading entry costs nothing', () => {
    // [[e, 1], [1, 1]] x = [1, 2] with e = 2^-100: x = (1/(1 - e), (1 - 2e)/(1 - e))
    const e = F.pow2(-100);
    const x = solve(F, [[e, one], [one, one]], [one, F.int(2)])!;
    const den = one - e;
    expect(F.abs(x[0]! - F.div(one, den)) <= 4n).toBe(true);
    expect(F.abs(x[1]! - F.div(one - 2n * e, den)) <= 4n).toBe(true);
    const xf = solveFloat([[1e-20, 1], [1, 1]], [1, 2])!;
    expect(xf[0]).toBe(1);
    expect(xf[1]).toBe(1);
  });
  it('a zero leading entry needs the row swap', () => {
    expect(solve(F, [[0n, one], [F.int(2), 0n]], [F.int(3), F.int(4)])).toEqual([F.int(2), F.int(3)]);
    expect(solveFloat([[0, 1], [2, 0]], [3, 4])).toEqual([2, 3]);
    // three rows, the largest last: the swap carries the right-hand side
    expect(solve(F, [[F.int(1), F.int(1), 0n], [F.int(2), 0n, F.int(1)], [F.int(4), 0n, 0n]], [F.int(3), F.int(5), F.int(4)])).toEqual([F.int(1), F.int(2), F.int(3)]);
    expect(solveFloat([[1, 1, 0], [2, 0, 1], [4, 0, 0]], [3, 5, 4])).toEqual([1, 2, 3]);
  });
  it('rows already eliminated are skipped, and stay right', () => {
    const A: Mat = [[F.int(2), F.int(1)], [0n, F.int(3)]];
    expect(solve(F, A, [F.int(4), F.int(6)])).toEqual([F.int(1), F.int(2)]);
    expect(solveFloat([[2, 1], [0, 3]], [4, 6])).toEqual([1, 2]);
    expect(solve(F, [[F.int(3)]], [F.int(6)])).toEqual([F.int(2)]);
    expect(solve(F, [], [])).toEqual([]);
    expect(solveFloat([], [])).toEqual([]);
  });
  it('returns null on an exactly singular system', () => {
    expect(solve(F, [[one, F.int(2)], [F.int(2), F.int(4)]], [one, one])).toBeNull();
    expect(solve(F, [[0n, 0n], [0n, 0n]], [one, one])).toBeNull();
    expect(solve(F, [[one, one, one], [one, one, one], [0n, 0n, one]], [one, one, one])).toBeNull();
    expect(solveFloat([[1, 2], [2, 4]], [1, 1])).toBeNull();
    expect(solveFloat([[0, 0], [0, 0]], [1, 1])).toBeNull();
    expect(solveFloat([[1, 1, 1], [1, 1, 1], [0, 0, 1]], [1, 1, 1])).toBeNull();
  });
  it('does not modify its arguments', () => {
    const A: Mat = [[0n, one], [F.int(2), 0n]];
    const b: Vec = [F.int(3), F.int(4)];
    solve(F, A, b);
    expect(A).toEqual([[0n, one], [F.int(2), 0n]]);
    expect(b).toEqual([F.int(3), F.int(4)]);
  });
});
