/**
 * The spectral trace of training (src/core/diagnostic.ts) against routes to the truth that do not
 * go through its code:
 * - a linear network e = X theta - y built from known orthogonal matrices and singular values, so
 *   M = X X^T has a known spectrum, Mdot = 0, and gradient descent has the closed form
 *   e_t = Q diag((1 - lr lambda)^t) Q^T e_0;
 * - quadratic and sinusoidal networks whose Jdot along theta' = -J^T e is known by hand, so Mdot and
 *   the Kato couplings are checked against analytic values (and, for 2x2, against the derivative of
 *   the eigenvector angle, which needs no eigenvectors at all);
 * - networks chosen to sit on the edges of the rules: a zero Jacobian, a zero residual, exactly and
 *   nearly equal eigenvalues, a difference step that must scale with |theta| and 1/|theta'|, and a
 *   learning rate that overflows at a known step.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  COUPLING_FLOOR,
  coupled,
  frob,
  median,
  quantile,
  RESOLUTION,
  shellsOf,
  snapshotSteps,
  traceOf,
  type DiagnosticNetwork,
  type Snapshot,
  type Trace,
} from '../../src/core/diagnostic.js';

type Mat = number[][];
type Model = (theta: Float64Array) => { e: number[]; J: Mat };

const matmul = (A: Mat, B: Mat): Mat => A.map((r) => B[0]!.map((_, j) => r.reduce((s, x, i) => s + x * B[i]![j]!, 0)));
const transpose = (A: Mat): Mat => A[0]!.map((_, j) => A.map((r) => r[j]!));
const diag = (d: number[]): Mat => d.map((x, i) => d.map((_, j) => (i === j ? x : 0)));
const rows = (J: ArrayLike<number>[]): Mat => J.map((r) => Array.from(r));
const sub = (A: Mat, B: Mat): Mat => A.map((r, i) => r.map((x, j) => x - B[i]![j]!));
const maxAbs = (A: Mat): number => Math.max(0, ...A.flat().map(Math.abs));
const col = (A: Mat, k: number): number[] => A.map((r) => r[k]!);
const dot = (x: ArrayLike<number>, y: ArrayLike<number>): number => Array.from(x).reduce((s, v, i) => s + v * y[i]!, 0);
const norm = (x: ArrayLike<number>): number => Math.sqrt(dot(x, x));
const matvec = (A: Mat, x: ArrayLike<number>): number[] => A.map((r) => dot(r, x));
/** every entry is exactly zero (either sign) and finite: toEqual would tell -0 from 0 */
const allZero = (A: Mat): boolean => A.flat().every((x) => x === 0);

/** I - 2 v v^T / v^T v: orthogonal, so Q diag(lambda) Q^T has the spectrum lambda with eigenvectors the columns of Q */
function householder(v: number[]): Mat {
  const vv = dot(v, v);
  return v.map((vi, i) => v.map((vj, j) => (i === j ? 1 : 0) - (2 * vi * vj) / vv));
}

/** A network from a model, counting its evaluations (to see the trace is computed once). */
function network(name: string, theta0: number[], model: Model, training: DiagnosticNetwork['training'], shellWidth?: number): DiagnosticNetwork & { calls: number } {
  const { e, J } = model(Float64Array.from(theta0));
  const net = {
    name,
    description: `test network ${name}`,
    n: e.length,
    p: theta0.length,
    theta0: Float64Array.from(theta0),
    layers: [{ name: 'all', from: 0, to: theta0.length }],
    calls: 0,
    evaluate(theta: Float64Array): { e: Float64Array; J: Float64Array[] } {
      net.calls++;
      const r = model(theta);
      return { e: Float64Array.from(r.e), J: r.J.map((row) => Float64Array.from(row)) };
    },
    training,
    ...(shellWidth === undefined ? {} : { shellWidth }),
  };
  return net;
}

/** Mdot = Jdot J^T + J Jdot^T, with Jdot supplied by hand along theta' = -J^T e */
function mdotByHand(model: Model, jdot: (theta: Float64Array, thetaDot: number[]) => Mat, theta: Float64Array): Mat {
  const { e, J } = model(theta);
  const thetaDot = transpose(J).map((c) => -dot(c, e));
  const Jd = jdot(theta, thetaDot);
  const JdJ = matmul(Jd, transpose(J));
  return JdJ.map((r, i) => r.map((x, j) => x + JdJ[j]![i]!));
}

/** U is an orthonormal eigenbasis of M with eigenvalues lambda ascending (to tol |M|) */
function expectEigenbasis(s: Snapshot, tol: number): void {
  const n = s.lambda.length;
  const scale = Math.max(1, maxAbs(s.M));
  expect(maxAbs(sub(matmul(transpose(s.U), s.U), diag(Array(n).fill(1) as number[])))).toBeLessThan(tol);
  expect(maxAbs(sub(matmul(s.M, s.U), matmul(s.U, diag(s.lambda))))).toBeLessThan(tol * scale);
  for (let k = 1; k < n; k++) expect(s.lambda[k]!).toBeGreaterThanOrEqual(s.lambda[k - 1]!);
}

/* ------------------------------------------------------------------------------------------ */

describe('snapshotSteps', () => {
  it('is 0 then round(steps^(i/(count-1))), duplicates collapsed, ascending', () => {
    // 200^(1/4) = 3.76, 200^(1/2) = 14.14, 200^(3/4) = 53.18
    expect(snapshotSteps(200, 5)).toEqual([0, 4, 14, 53, 200]);
    expect(snapshotSteps(10, 3)).toEqual([0, 3, 10]);
    expect(snapshotSteps(7, 2)).toEqual([0, 7]);
    // 5^(k/9), k = 1..9: 1.20 1.43 1.71 2.04 2.45 2.92 3.50(-) 4.18 5 -> 1 1 2 2 2 3 3 4 5
    expect(snapshotSteps(5, 10)).toEqual([0, 1, 2, 3, 4, 5]);
    // 1000^(k/3): 10, 100, 1000
    expect(snapshotSteps(1000, 4)).toEqual([0, 10, 100, 1000]);
  });
  it('degenerate horizons and counts leave the start alone', () => {
    expect(snapshotSteps(0, 4)).toEqual([0]);
    expect(snapshotSteps(7, 1)).toEqual([0]);
    expect(snapshotSteps(1, 5)).toEqual([0, 1]);
    // a non-integer horizon that rounds up past itself is not a step training reaches
    expect(snapshotSteps(2.6, 2)).toEqual([0]);
    // no count at all still snapshots the start (and nothing before it: 2^(-1) would round to 1)
    expect(snapshotSteps(2, 0)).toEqual([0]);
  });
  it('for integer horizons: starts at 0, ends at the horizon, strictly increasing integers, at most count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 2, max: 40 }), (steps, count) => {
        const s = snapshotSteps(steps, count);
        expect(s[0]).toBe(0);
        expect(s.at(-1)).toBe(steps);
        expect(s.length).toBeLessThanOrEqual(count);
        s.forEach((x, i) => {
          expect(Number.isInteger(x)).toBe(true);
          if (i > 0) expect(x).toBeGreaterThan(s[i - 1]!);
        });
      }),
      { seed: 20261123, numRuns: 200 },
    );
  });
});

describe('quantile, median, frob', () => {
  it('interpolates linearly between order statistics (numeric, not lexicographic, order)', () => {
    const xs = [10, 2, 9, 4]; // sorted 2 4 9 10; a lexicographic sort would give 10 2 4 9
    expect(quantile(xs, 0)).toBe(2);
    expect(quantile(xs, 1)).toBe(10);
    expect(quantile(xs, 0.5)).toBe(6.5); // position 1.5
    expect(quantile(xs, 0.25)).toBe(3.5); // position 0.75: 2 + 0.75 * 2
    expect(quantile(xs, 0.75)).toBe(9.25); // position 2.25: 9 + 0.25 * 1
    expect(xs).toEqual([10, 2, 9, 4]); // the input is not sorted in place
    expect(quantile([7], 0.3)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile([], 0)).toBeNaN();
  });
  it('median: middle element, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([30, 1, 20, 5])).toBe(12.5);
    expect(median([-4])).toBe(-4);
    expect(median([])).toBeNaN();
  });
  it('quantile lies between min and max, is monotone in q, and ignores the order of its input', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, q1, q2) => {
        const lo = Math.min(...xs);
        const hi = Math.max(...xs);
        const [a, b] = q1 <= q2 ? [q1, q2] : [q2, q1];
        expect(quantile(xs, 0)).toBe(lo);
        expect(quantile(xs, 1)).toBe(hi);
        expect(quantile(xs, a)).toBeGreaterThanOrEqual(lo - 1e-9);
        expect(quantile(xs, b)).toBeLessThanOrEqual(hi + 1e-9);
        expect(quantile(xs, a)).toBeLessThanOrEqual(quantile(xs, b) + 1e-9);
        expect(quantile([...xs].reverse(), a)).toBe(quantile(xs, a));
      }),
      { seed: 7, numRuns: 150 },
    );
  });
  it('frob is the root of the sum of squares, rows plain or typed', () => {
    expect(frob([[3, 4]])).toBe(5);
    expect(frob([[1, 2], [2, 4]])).toBe(5);
    expect(frob([Float64Array.from([1, -2]), Float64Array.from([-2, 0]), Float64Array.from([0, 4])])).toBe(5);
    expect(frob(diag([1, 1, 1, 1]))).toBe(2);
    expect(frob([])).toBe(0);
  });
});

/* ------------------------------------------------------------------------------------------ */

describe('linear network: exact spectrum, closed-form training', () => {
  // X = Q diag(sqrt lambda) P^T (first n columns of P): M = X X^T = Q diag(lambda) Q^T exactly in
  // exact arithmetic; J = X is constant, so Mdot = 0 and the couplings vanish. The spectrum straddles
  // RESOLUTION (1e-10 < 1e-10 x 50) and COUPLING_FLOOR (1e-7 < 1e-5 x 50 but above the resolution).
  const lambdas = [1e-10, 1e-7, 0.3, 1.5, 2.5, 50];
  const n = lambdas.length;
  const p = n + 1;
  const Q = householder([1, 2, 2, 1, 1, 3]);
  const P = householder([1, 1, 1, 1, 1, 1, 2]);
  const X: Mat = Array.from({ length: n }, (_, mu) => Array.from({ length: p }, (_, i) => lambdas.reduce((s, l, k) => s + Q[mu]![k]! * Math.sqrt(l) * P[i]![k]!, 0)));
  const y = [1, -1, 2, 0.5, -0.3, 0.7];
  const theta0 = [0.1, -0.2, 0.3, 0, 0.5, -0.1, 0.2];
  const model: Model = (theta) => ({ e: X.map((r, mu) => dot(r, theta) - y[mu]!), J: X.map((r) => [...r]) });
  const lr = 0.01;
  const steps = 200;
  const e0 = model(Float64Array.from(theta0)).e;
  const q0 = lambdas.map((_, k) => dot(col(Q, k), e0)); // c_k(0) for the known eigenvectors
  const eAt = (t: number): number[] => Array.from({ length: n }, (_, mu) => lambdas.reduce((s, l, k) => s + (1 - lr * l) ** t * q0[k]! * Q[mu]![k]!, 0));
  const net = network('linear', theta0, model, { learningRate: lr, steps, snapshots: 5 });
  // computed inside the tests, not while vitest collects them: an error at collection would not
  // count as a failing test
  let cached: Trace | undefined;
  const trace = (): Trace => (cached ??= traceOf(net));
  const e0n = norm(e0);

  it('snapshots at the log-spaced steps, t = learning rate x step, default shell width ln 4', () => {
    expect(trace().network).toBe(net);
    expect(trace().h).toBe(Math.log(4));
    expect(trace().snapshots.map((s) => s.step)).toEqual([0, 4, 14, 53, 200]);
    trace().snapshots.forEach((s) => expect(s.t).toBeCloseTo(s.step * lr, 14));
    expect(trace().snapshots.at(-1)!.t).toBeCloseTo(2, 14);
  });
  it('the trace is computed once per network object', () => {
    const first = trace();
    const calls = net.calls;
    expect(traceOf(net)).toBe(first);
    expect(net.calls).toBe(calls);
  });
  it('e follows e_t = (I - lr M)^t e_0, and loss = |e|^2 / 2', () => {
    for (const s of trace().snapshots) {
      const want = eAt(s.step);
      expect(s.e.length).toBe(n);
      Array.from(s.e).forEach((x, mu) => expect(Math.abs(x - want[mu]!)).toBeLessThan(1e-12 * e0n));
      expect(Math.abs(s.loss - dot(want, want) / 2)).toBeLessThan(1e-12 * e0n * e0n);
    }
    // training did something: the stiff mode has decayed by 0.5^200
    expect(trace().snapshots.at(-1)!.loss).toBeLessThan(trace().snapshots[0]!.loss);
  });
  it('J is the Jacobian, M = Q diag(lambda) Q^T, its eigenpairs are the known ones', () => {
    const Mtrue = matmul(matmul(Q, diag(lambdas)), transpose(Q));
    for (const s of trace().snapshots) {
      expect(rows(s.J)).toEqual(X);
      expect(maxAbs(sub(s.M, Mtrue))).toBeLessThan(1e-12);
      s.lambda.forEach((l, k) => expect(Math.abs(l - lambdas[k]!)).toBeLessThan(1e-12));
      expectEigenbasis(s, 1e-12);
      // each computed eigenvector is +-(the known one); the two tiny modes are 1e-7 apart, so
      // rounding in M (~1e-14) may turn theirs by ~1e-7
      lambdas.forEach((_, k) => expect(Math.abs(Math.abs(dot(col(s.U, k), col(Q, k))) - 1)).toBeLessThan(k < 2 ? 1e-5 : 1e-12));
    }
  });
  it('c_k u_k (sign-free) is (1 - lr lambda_k)^t <q_k, e_0> q_k, and the c_k rebuild e', () => {
    for (const s of trace().snapshots) {
      lambdas.forEach((l, k) => {
        const want = col(Q, k).map((x) => (1 - lr * l) ** s.step * q0[k]! * x);
        const got = col(s.U, k).map((x) => s.c[k]! * x);
        const tol = (k < 2 ? 1e-6 : 1e-11) * e0n;
        got.forEach((x, i) => expect(Math.abs(x - want[i]!)).toBeLessThan(tol));
      });
      const rebuilt = matvec(s.U, s.c);
      rebuilt.forEach((x, i) => expect(Math.abs(x - s.e[i]!)).toBeLessThan(1e-12 * e0n));
    }
  });
  it('J constant: Mdot and every coupling are exactly zero', () => {
    for (const s of trace().snapshots) {
      expect(s.Mdot.length).toBe(n);
      expect(allZero(s.Mdot)).toBe(true);
      expect(s.A.length).toBe(n);
      expect(allZero(s.A)).toBe(true);
    }
  });
  it('shells: floor(ln lambda / ln 4), null at or below RESOLUTION x lambda_max', () => {
    for (const s of trace().snapshots) {
      // ln(1e-7)/ln 4 = -11.6, ln 0.3/ln 4 = -0.87, ln 1.5/ln 4 = 0.29, ln 2.5/ln 4 = 0.66, ln 50/ln 4 = 2.82
      expect(s.shell).toEqual([null, -12, -1, 0, 0, 2]);
      expect(s.lambda[0]!).toBeLessThan(RESOLUTION * s.lambda.at(-1)!);
      s.shell.forEach((a, k) => {
        if (a === null) return;
        expect(a * trace().h).toBeLessThanOrEqual(Math.log(s.lambda[k]!));
        expect(Math.log(s.lambda[k]!)).toBeLessThan((a + 1) * trace().h);
      });
    }
  });
  it('coupled and shellsOf: only modes at or above COUPLING_FLOOR x lambda_max, grouped by shell', () => {
    for (const s of trace().snapshots) {
      // lambda_1 = 1e-7 has a shell but lies below 1e-5 x 50
      expect(s.lambda[1]!).toBeLessThan(COUPLING_FLOOR * s.lambda.at(-1)!);
      expect(lambdas.map((_, k) => coupled(s, k))).toEqual([false, false, true, true, true, true]);
      expect(shellsOf(s)).toEqual([
        { label: -1, modes: [2] },
        { label: 0, modes: [3, 4] },
        { label: 2, modes: [5] },
      ]);
    }
  });
  it('a custom shell width relabels the same spectrum', () => {
    const tr = traceOf(network('linear-h', theta0, model, { learningRate: lr, steps: 14, snapshots: 3 }, Math.LN2));
    expect(tr.h).toBe(Math.LN2);
    expect(tr.snapshots.map((s) => s.step)).toEqual([0, 4, 14]);
    for (const s of tr.snapshots) {
      // ln(1e-7)/ln 2 = -23.3, ln 0.3/ln 2 = -1.74, ln 1.5/ln 2 = 0.58, ln 2.5/ln 2 = 1.32, ln 50/ln 2 = 5.64
      expect(s.shell).toEqual([null, -24, -2, 0, 1, 5]);
      expect(shellsOf(s)).toEqual([
        { label: -2, modes: [2] },
        { label: 0, modes: [3] },
        { label: 1, modes: [4] },
        { label: 5, modes: [5] },
      ]);
    }
  });
});

/* ------------------------------------------------------------------------------------------ */

/** e_mu = a_mu . theta + theta^T H_mu theta / 2 - y_mu: J_mu = a_mu + H_mu theta is linear in theta, Jdot_mu = H_mu theta' */
function quadratic(a: Mat, H: Mat[], y: number[]): { model: Model; jdot: (theta: Float64Array, thetaDot: number[]) => Mat } {
  return {
    model: (theta) => ({
      e: a.map((am, mu) => dot(am, theta) + dot(theta, matvec(H[mu]!, theta)) / 2 - y[mu]!),
      J: a.map((am, mu) => matvec(H[mu]!, theta).map((x, i) => am[i]! + x)),
    }),
    jdot: (_theta, thetaDot) => H.map((Hm) => matvec(Hm, thetaDot)),
  };
}

describe('Mdot and the Kato couplings against hand derivatives', () => {
  it('quadratic network: Mdot, A_kj (lambda_k - lambda_j) = <u_j, Mdot u_k>, antisymmetric, zero diagonal', () => {
    const a = [
      [1, 0.5, -0.3, 0.2],
      [0.2, -1.1, 0.4, 0.7],
      [-0.6, 0.3, 1.3, -0.2],
    ];
    const H = [
      [
        [1, 0.2, 0, -0.5],
        [0.2, -0.7, 0.3, 0],
        [0, 0.3, 0.4, 0.1],
        [-0.5, 0, 0.1, 0.9],
      ],
      [
        [0.3, -0.4, 0.6, 0],
        [-0.4, 1.2, 0, 0.2],
        [0.6, 0, -0.8, 0.5],
        [0, 0.2, 0.5, 0.1],
      ],
      [
        [-0.2, 0, 0.3, 0.4],
        [0, 0.5, -0.6, 0.1],
        [0.3, -0.6, 0.2, 0],
        [0.4, 0.1, 0, -1],
      ],
    ];
    const y = [2, -1.5, 0.8];
    const theta0 = [0.4, -0.3, 0.6, 0.2];
    const { model, jdot } = quadratic(a, H, y);
    const s = traceOf(network('quadratic', theta0, model, { learningRate: 0.01, steps: 0, snapshots: 1 })).snapshots;
    expect(s.map((x) => x.step)).toEqual([0]);
    const s0 = s[0]!;
    const { e, J } = model(Float64Array.from(theta0));
    expect(Array.from(s0.e)).toEqual(e);
    expect(maxAbs(sub(s0.M, matmul(J, transpose(J))))).toBeLessThan(1e-14);
    expectEigenbasis(s0, 1e-12);
    // c: coordinates of e in the eigenbasis
    s0.c.forEach((ck, k) => expect(ck).toBeCloseTo(dot(col(s0.U, k), e), 13));
    const want = mdotByHand(model, jdot, Float64Array.from(theta0));
    expect(maxAbs(want)).toBeGreaterThan(1); // a real test: the residual moves M
    // J is linear in theta, so the fourth-order difference is exact but for rounding
    expect(maxAbs(sub(s0.Mdot, want))).toBeLessThan(1e-10 * maxAbs(want));
    const n = s0.lambda.length;
    for (let k = 0; k < n; k++) {
      expect(s0.A[k]![k]).toBe(0);
      for (let j = 0; j < n; j++) {
        if (j === k) continue;
        const Bjk = dot(col(s0.U, j), matvec(want, col(s0.U, k)));
        expect(Math.abs(s0.A[k]![j]! * (s0.lambda[k]! - s0.lambda[j]!) - Bjk)).toBeLessThan(1e-9 * maxAbs(want));
        expect(Math.abs(s0.A[k]![j]! + s0.A[j]![k]!)).toBeLessThan(1e-9 * Math.max(1, Math.abs(s0.A[k]![j]!)));
      }
    }
    expect(maxAbs(s0.A)).toBeGreaterThan(0.01);
  });

  // e_mu = sum_i sin(theta_i + phi_mu,i) - y_mu: J is not polynomial, so the difference step matters.
  // |theta'| is ~400: the step along theta' must be 1e-3 in theta (eps = 1e-3 max(1,|theta|) / |theta'|)
  const phi = [
    [0.1, 0.7, -0.4],
    [1.2, -0.3, 0.5],
  ];
  const ySin = [300, -200];
  const sinModel: Model = (theta) => ({
    e: phi.map((r, mu) => r.reduce((s, f, i) => s + Math.sin(theta[i]! + f), 0) - ySin[mu]!),
    J: phi.map((r) => r.map((f, i) => Math.cos(theta[i]! + f))),
  });
  const sinJdot = (theta: Float64Array, td: number[]): Mat => phi.map((r) => r.map((f, i) => -Math.sin(theta[i]! + f) * td[i]!));
  const sinTheta = [0.3, -0.2, 0.4];

  it('sinusoidal network, large |theta dot|: Mdot to 1e-9 (fourth-order truncation of a 1e-3 step)', () => {
    const s0 = traceOf(network('sin', sinTheta, sinModel, { learningRate: 1e-4, steps: 0, snapshots: 2 })).snapshots[0]!;
    const want = mdotByHand(sinModel, sinJdot, Float64Array.from(sinTheta));
    const thetaDot = transpose(sinModel(Float64Array.from(sinTheta)).J).map((c) => -dot(c, sinModel(Float64Array.from(sinTheta)).e));
    expect(norm(thetaDot)).toBeGreaterThan(100); // the step must be divided by it
    expect(maxAbs(sub(s0.Mdot, want))).toBeLessThan(1e-9 * maxAbs(want));
  });

  it('2x2: |A_10| is the rate of turn of the eigenvector angle, found without eigenvectors', () => {
    const s0 = traceOf(network('sin-angle', sinTheta, sinModel, { learningRate: 1e-4, steps: 0, snapshots: 1 })).snapshots[0]!;
    const { J } = sinModel(Float64Array.from(sinTheta));
    const M = matmul(J, transpose(J));
    const Md = mdotByHand(sinModel, sinJdot, Float64Array.from(sinTheta));
    // top eigenvector (cos phi, sin phi), phi = atan2(2b, a - d) / 2 for M = [[a, b], [b, d]]
    const [a, b, d] = [M[0]![0]!, M[0]![1]!, M[1]![1]!];
    const [ad, bd, dd] = [Md[0]![0]!, Md[0]![1]!, Md[1]![1]!];
    const phiDot = ((a - d) * bd - b * (ad - dd)) / ((a - d) ** 2 + 4 * b * b);
    expect(Math.abs(phiDot)).toBeGreaterThan(1e-3);
    expect(Math.abs(Math.abs(s0.A[1]![0]!) - Math.abs(phiDot))).toBeLessThan(1e-8 * Math.abs(phiDot));
    expect(s0.A[0]![1]!).toBeCloseTo(-s0.A[1]![0]!, 12);
    expect([s0.A[0]![0], s0.A[1]![1]]).toEqual([0, 0]);
    // the eigenvalues themselves: (a + d -+ sqrt((a - d)^2 + 4 b^2)) / 2
    const r = Math.sqrt((a - d) ** 2 + 4 * b * b);
    expect(s0.lambda[0]!).toBeCloseTo((a + d - r) / 2, 10);
    expect(s0.lambda[1]!).toBeCloseTo((a + d + r) / 2, 10);
  });

  it('large |theta| and a large constant part of J: the step grows with |theta|, else rounding shows', () => {
    // J = C + H theta with C ~ 1e6 (ulp ~1e-10) and a dead parameter 1e4: the step along theta' is
    // 1e-3 x 1e4 = 10 and J is linear, so rounding is ~1e-11 relative; a step of 1e-3 or less
    // would leave ~1e-8 or worse
    const a = [
      [1.3e6, -0.7e6, 0],
      [0.4e6, 0.9e6, 0],
    ];
    const H = [
      [
        [0.8, -0.3, 0],
        [-0.3, 0.5, 0],
        [0, 0, 0],
      ],
      [
        [-0.4, 0.6, 0],
        [0.6, 1.1, 0],
        [0, 0, 0],
      ],
    ];
    const theta0 = [0.7, -0.4, 1e4];
    const { model, jdot } = quadratic(a, H, [1.2e6, -0.1e6]);
    const s0 = traceOf(network('big-theta', theta0, model, { learningRate: 1e-14, steps: 0, snapshots: 1 })).snapshots[0]!;
    const want = mdotByHand(model, jdot, Float64Array.from(theta0));
    expect(maxAbs(sub(s0.Mdot, want))).toBeLessThan(1e-9 * maxAbs(want));
  });
});

/* ------------------------------------------------------------------------------------------ */

describe('edges of the rules', () => {
  it('zero residual: theta does not move, Mdot is exactly zero (no difference along a zero direction)', () => {
    const { model } = quadratic(
      [
        [1, 0.5],
        [-0.2, 0.8],
      ],
      [
        [
          [1, 0.3],
          [0.3, -0.5],
        ],
        [
          [0.2, 0.7],
          [0.7, 0.4],
        ],
      ],
      [0, 0],
    );
    const theta0 = [0.6, -0.9];
    const y = model(Float64Array.from(theta0)).e; // shift so that e(theta0) = 0 exactly
    const zeroed: Model = (theta) => {
      const r = model(theta);
      return { e: r.e.map((x, mu) => x - y[mu]!), J: r.J };
    };
    const tr = traceOf(network('at-rest', theta0, zeroed, { learningRate: 0.1, steps: 3, snapshots: 4 }));
    expect(tr.snapshots.map((s) => s.step)).toEqual([0, 1, 2, 3]);
    for (const s of tr.snapshots) {
      expect(Array.from(s.e)).toEqual([0, 0]);
      expect(s.loss).toBe(0);
      expect(s.Mdot).toHaveLength(2);
      expect(s.Mdot.flat()).toHaveLength(4);
      expect(allZero(s.Mdot)).toBe(true);
      expect(allZero(s.A)).toBe(true);
      expect(s.c.every((x) => x === 0)).toBe(true);
    }
  });

  it('zero Jacobian: no resolved mode, nothing coupled, no shell, couplings zero not NaN', () => {
    const flat: Model = () => ({ e: [1, -2], J: [[0, 0], [0, 0]] });
    const tr = traceOf(network('flat', [0.5, 0.5], flat, { learningRate: 0.1, steps: 2, snapshots: 2 }));
    expect(tr.snapshots.map((s) => s.step)).toEqual([0, 2]);
    for (const s of tr.snapshots) {
      expect(s.lambda.map(Math.abs)).toEqual([0, 0]);
      expect(s.shell).toEqual([null, null]);
      expect([coupled(s, 0), coupled(s, 1)]).toEqual([false, false]);
      expect(shellsOf(s)).toEqual([]);
      expect(allZero(s.A)).toBe(true);
      expect(allZero(s.Mdot)).toBe(true);
      expect(s.loss).toBe(2.5);
      expect(s.c.reduce((t, x) => t + x * x, 0)).toBeCloseTo(5, 14);
    }
  });

  it('exactly equal eigenvalues: no coupling, though Mdot mixes them', () => {
    // e = (t1 + t1 t2 - y1, t2 - y2) at theta = 0: J = I, M = I; theta' = y, Mdot = [[2 y2, y1], [y1, 0]]
    const yv = [0.8, -0.5];
    const model: Model = (t) => ({ e: [t[0]! + t[0]! * t[1]! - yv[0]!, t[1]! - yv[1]!], J: [[1 + t[1]!, t[0]!], [0, 1]] });
    const s0 = traceOf(network('degenerate', [0, 0], model, { learningRate: 0.1, steps: 0, snapshots: 1 })).snapshots[0]!;
    expect(s0.lambda).toEqual([1, 1]);
    expect(maxAbs(sub(s0.Mdot, [[2 * yv[1]!, yv[0]!], [yv[0]!, 0]]))).toBeLessThan(1e-12);
    expect(allZero(s0.A)).toBe(true);
    expect(s0.shell).toEqual([0, 0]);
    expect(shellsOf(s0)).toEqual([{ label: 0, modes: [0, 1] }]);
  });

  it('eigenvalues 1e-13 apart relative to lambda_max = 100 are numerically equal: no coupling', () => {
    // J = [[10 + t2, t1], [0, s2]] at 0: M = diag(100, s2^2), gap ~1e-11 <= 1e-12 x 100, Mdot_01 ~ 100 y1
    const s2 = 10 + 5e-13;
    const yv = [0.6, 0.3];
    const model: Model = (t) => ({ e: [10 * t[0]! + t[0]! * t[1]! - yv[0]!, s2 * t[1]! - yv[1]!], J: [[10 + t[1]!, t[0]!], [0, s2]] });
    const s0 = traceOf(network('near-degenerate', [0, 0], model, { learningRate: 1e-3, steps: 0, snapshots: 1 })).snapshots[0]!;
    const gap = s0.lambda[1]! - s0.lambda[0]!;
    expect(gap).toBeGreaterThan(1e-12);
    expect(gap).toBeLessThan(1e-10);
    expect(Math.abs(s0.Mdot[0]![1]!)).toBeGreaterThan(10);
    expect(allZero(s0.A)).toBe(true);
  });

  it('coupled: a mode exactly at COUPLING_FLOOR x lambda_max counts; shellsOf sorts shells whatever the mode order', () => {
    const synth = (lambda: number[], shell: (number | null)[]): Snapshot => ({
      step: 0, t: 0, e: new Float64Array(lambda.length), J: [], lambda, U: [], c: [], M: [], Mdot: [], A: [], shell, loss: 0,
    });
    // 4e-5 = 4 x 1e-5 exactly in binary (scaling by a power of two)
    const s = synth([4e-5, 3.9e-5, 4], [-8, -8, 1]);
    expect([coupled(s, 0), coupled(s, 1), coupled(s, 2)]).toEqual([true, false, true]);
    expect(shellsOf(s)).toEqual([
      { label: -8, modes: [0] },
      { label: 1, modes: [2] },
    ]);
    const t = synth([60, 0.3, 1.5, 50, 1e-12], [2, -1, 0, 2, null]);
    expect(shellsOf(t)).toEqual([
      { label: -1, modes: [1] },
      { label: 0, modes: [2] },
      { label: 2, modes: [0, 3] },
    ]);
    expect(t.shell.map((_, k) => coupled(t, k))).toEqual([true, true, true, true, false]);
  });

  it('a learning rate too large: training throws naming the network and the step', () => {
    // e = theta_0 (theta_1 dead): theta_0 <- (1 - 1e100) theta_0 reaches -1e300 after 3 steps and
    // overflows on the 4th; the dead parameter stays finite
    const model: Model = (t) => ({ e: [t[0]!], J: [[1, 0]] });
    const ok = traceOf(network('blowup', [1, 1], model, { learningRate: 1e100, steps: 3, snapshots: 4 }));
    expect(ok.snapshots.map((s) => s.step)).toEqual([0, 1, 2, 3]);
    expect(Math.abs(ok.snapshots[3]!.e[0]! + 1e300)).toBeLessThan(1e286);
    expect(() => traceOf(network('blowup', [1, 1], model, { learningRate: 1e100, steps: 4, snapshots: 2 }))).toThrow(
      new Error('blowup: training diverged at step 3 (lower the learning rate)'),
    );
    expect(() => traceOf(network('net-x', [1, 1], model, { learningRate: 1e100, steps: 50, snapshots: 2 }))).toThrow(/^net-x: training diverged at step 3 /);
  });

  it('outputs that overflow while the parameters stay finite: divergence too, never a snapshot with loss Infinity', () => {
    // e = exp(theta_0), J = (exp(theta_0), 0) at theta_0 = 800: finite parameters, outputs past 1.8e308 ...
    const grows: Model = (t) => ({ e: [Math.exp(t[0]!)], J: [[Math.exp(t[0]!), 0]] });
    expect(() => traceOf(network('overflow', [800, 0], grows, { learningRate: 1, steps: 2, snapshots: 2 }))).toThrow(
      new Error('overflow: training diverged at step 0: the residual or the Jacobian is not finite (lower the learning rate)'),
    );
    // ... and a finite residual with a Jacobian of NaN is caught at the step it appears (theta_0: 1, then 0.25)
    const nanJ: Model = (t) => ({ e: [t[0]!], J: [[t[0]! < 0.5 ? NaN : 1, 0]] });
    expect(() => traceOf(network('nanJ', [1, 0], nanJ, { learningRate: 0.75, steps: 5, snapshots: 2 }))).toThrow(/^nanJ: training diverged at step 1: /);
    // one bad entry among finite ones is enough: the second output, the second row of J
    const oneOutput: Model = (t) => ({ e: [t[0]!, t[0]! < 0.5 ? Infinity : 1], J: [[1, 0], [0, 1]] });
    expect(() => traceOf(network('one-e', [1, 0], oneOutput, { learningRate: 0.75, steps: 5, snapshots: 2 }))).toThrow(/^one-e: training diverged at step 1: /);
    const oneRow: Model = (t) => ({ e: [t[0]!, 0], J: [[1, 0], [0, t[0]! < 0.5 ? NaN : 1]] });
    expect(() => traceOf(network('one-row', [1, 0], oneRow, { learningRate: 0.75, steps: 5, snapshots: 2 }))).toThrow(/^one-row: training diverged at step 1: /);
  });
});
