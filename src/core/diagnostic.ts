/**
 * Diagnostics: hypotheses of a theory that are not proved but measured. A diagnostic trains a
 * real (small) network by gradient descent, records the spectral state of M = J J^T along the
 * way, and reports named numbers over training plus a plain reading. It is not pass/fail.
 *
 * The spectral trace follows the catalogue's conventions: e the residual, J = de/dtheta,
 * M = J J^T with eigenpairs (lambda_k, u_k), c_k = <u_k, e>, Mdot = dM/dt along the gradient
 * flow theta' = -J^T e, Kato couplings A_kj = <u_j, Mdot u_k> / (lambda_k - lambda_j), log
 * shells S_a = {k : a h <= ln lambda_k < (a+1) h} with energies E_a = sum_(k in S_a) c_k^2.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** A network the diagnostics can train: residual and exact Jacobian on its training points. */
export interface DiagnosticNetwork {
  name: string;
  description: string;
  /** training points, parameters */
  n: number;
  p: number;
  theta0: Float64Array;
  /** parameter blocks by layer (input side first), for the layer-wise measurements */
  layers: { name: string; from: number; to: number }[];
  /** e = f(X) - y and J = de/dtheta (n rows of p) at theta */
  evaluate(theta: Float64Array): { e: Float64Array; J: Float64Array[] };
  training: { learningRate: number; steps: number; snapshots: number };
  /** log-shell width h (default ln 4) */
  shellWidth?: number;
}

/** One number a diagnostic reports, with what it means. */
export interface Reading {
  name: string;
  value: number;
  meaning: string;
}

export interface DiagnosticResult {
  id: string;
  network: string;
  numbers: Reading[];
  /** numbers over training: times t (gradient-flow time) and one value per time and series */
  series: { t: number[]; values: Record<string, number[]> };
  /** a sentence: what the numbers say about the hypothesis */
  reading: string;
  /** whether the hypothesis looks satisfied by the heuristic thresholds stated in `reading` */
  satisfied: boolean;
}

export interface Diagnostic {
  id: string;
  group: string;
  kind: 'assumption';
  /** arXiv id(s) */
  source: string;
  /** the hypothesis in LaTeX */
  statement: string;
  /** what of the trace it reads (documentation) */
  inputs: string[];
  measure(network: DiagnosticNetwork): DiagnosticResult;
}

/* ------------------------------------------------------------------------------------------
 * The spectral trace of training
 * ---------------------------------------------------------------------------------------- */

export interface Snapshot {
  step: number;
  /** gradient-flow time: learning rate x steps */
  t: number;
  e: Float64Array;
  J: Float64Array[];
  /** eigenvalues ascending, eigenvectors as columns U[i][k] */
  lambda: number[];
  U: number[][];
  c: number[];
  M: number[][];
  Mdot: number[][];
  /** Kato couplings (0 on the diagonal and between numerically equal eigenvalues) */
  A: number[][];
  /** shell label per mode (null: below the resolution floor) */
  shell: (number | null)[];
  loss: number;
}

export interface Trace {
  network: DiagnosticNetwork;
  h: number;
  snapshots: Snapshot[];
}

/** Eigenvalues below this fraction of the largest are numerical zeros (float64 on M = J J^T). */
export const RESOLUTION = 1e-10;
/**
 * Couplings are measured only between modes above this fraction of the largest eigenvalue:
 * Mdot is known to about 1e-12 |M| (the difference quotient), so A_kj to about
 * 1e-12 lambda_max / |lambda_k - lambda_j|, which must stay small against lambda_k.
 */
export const COUPLING_FLOOR = 1e-5;

const traces = new WeakMap<DiagnosticNetwork, Trace>();

/** The spectral trace of the network's training, computed once per network object. */
export function traceOf(net: DiagnosticNetwork): Trace {
  let tr = traces.get(net);
  if (!tr) traces.set(net, (tr = computeTrace(net)));
  return tr;
}

/** Snapshot steps: 0 and log-spaced steps up to the horizon. */
export function snapshotSteps(steps: number, count: number): number[] {
  const out = new Set<number>([0]);
  for (let i = 0; i < count - 1; i++) out.add(Math.round(steps ** ((i + 1) / (count - 1))));
  return [...out].filter((s) => s <= steps).sort((a, b) => a - b);
}

function computeTrace(net: DiagnosticNetwork): Trace {
  const h = net.shellWidth ?? Math.log(4);
  const { learningRate: lr, steps, snapshots } = net.training;
  const want = snapshotSteps(steps, snapshots);
  const out: Snapshot[] = [];
  let theta = Float64Array.from(net.theta0);
  for (let step = 0; step <= steps; step++) {
    const { e, J } = net.evaluate(theta);
    // finite parameters can still overflow the outputs (a loss of Infinity is divergence too)
    if (!e.every(Number.isFinite) || !J.every((r) => r.every(Number.isFinite))) throw new Error(`${net.name}: training diverged at step ${step}: the residual or the Jacobian is not finite (lower the learning rate)`);
    if (want.includes(step)) out.push(snapshot(net, theta, e, J, step, step * lr, h));
    if (step === steps) break;
    // gradient descent on 1/2 |e|^2: theta -= lr J^T e
    const g = gradient(J, e, net.p);
    for (let i = 0; i < net.p; i++) theta[i]! -= lr * g[i]!;
    if (!theta.every(Number.isFinite)) throw new Error(`${net.name}: training diverged at step ${step} (lower the learning rate)`);
  }
  return { network: net, h, snapshots: out };
}

function gradient(J: Float64Array[], e: Float64Array, p: number): Float64Array {
  const g = new Float64Array(p);
  J.forEach((row, mu) => {
    const em = e[mu]!;
    for (let i = 0; i < p; i++) g[i]! += row[i]! * em;
  });
  return g;
}

const outer = (A: Float64Array[], B: Float64Array[]): number[][] => A.map((a) => B.map((b) => a.reduce((s, x, i) => s + x * b[i]!, 0)));

function snapshot(net: DiagnosticNetwork, theta: Float64Array, e: Float64Array, J: Float64Array[], step: number, t: number, h: number): Snapshot {
  const M = outer(J, J);
  // Mdot = Jdot J^T + J Jdot^T, Jdot the derivative of J along theta' = -J^T e (central difference)
  const v = gradient(J, e, net.p).map((x) => -x);
  const vn = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const tn = Math.sqrt(theta.reduce((s, x) => s + x * x, 0));
  let Mdot: number[][];
  if (vn === 0) Mdot = M.map((r) => r.map(() => 0));
  else {
    // fourth-order central difference (steps eps and 2 eps): J to about 1e-12 relative
    const eps = (1e-3 * Math.max(1, tn)) / vn;
    const Jat = (a: number): Float64Array[] => net.evaluate(theta.map((x, i) => x + a * v[i]!)).J;
    const [J1, Jm1, J2, Jm2] = [Jat(eps), Jat(-eps), Jat(2 * eps), Jat(-2 * eps)];
    const Jdot = J1.map((r, mu) => r.map((x, i) => (8 * (x - Jm1[mu]![i]!) - (J2[mu]![i]! - Jm2[mu]![i]!)) / (12 * eps)));
    const JdJ = outer(Jdot, J);
    Mdot = JdJ.map((r, i) => r.map((x, j) => x + JdJ[j]![i]!));
  }
  const evd = new EigenvalueDecomposition(new Matrix(M), { assumeSymmetric: true });
  const lambda = evd.realEigenvalues;
  const U = evd.eigenvectorMatrix.to2DArray();
  const n = lambda.length;
  const col = (k: number): number[] => U.map((r) => r[k]!);
  const c = Array.from({ length: n }, (_, k) => col(k).reduce((s, x, i) => s + x * e[i]!, 0));
  const lmax = Math.max(...lambda.map(Math.abs));
  const floor = RESOLUTION * lmax;
  // B = U^T Mdot U, then A_kj = B_jk / (lambda_k - lambda_j)
  const MU = Mdot.map((r) => Array.from({ length: n }, (_, k) => r.reduce((s, x, i) => s + x * U[i]![k]!, 0)));
  const B = Array.from({ length: n }, (_, j) => Array.from({ length: n }, (_, k) => U.reduce((s, r, i) => s + r[j]! * MU[i]![k]!, 0)));
  const A = Array.from({ length: n }, (_, k) =>
    Array.from({ length: n }, (_, j) => {
      const gap = lambda[k]! - lambda[j]!;
      return k === j || Math.abs(gap) <= 1e-12 * lmax ? 0 : B[j]![k]! / gap;
    }),
  );
  const shell = lambda.map((l) => (l > floor ? Math.floor(Math.log(l) / h) : null));
  return { step, t, e, J, lambda, U, c, M, Mdot, A, shell, loss: e.reduce((s, x) => s + x * x, 0) / 2 };
}

/** Whether mode k is above the coupling floor. */
export function coupled(s: Snapshot, k: number): boolean {
  return s.shell[k] !== null && s.lambda[k]! >= COUPLING_FLOOR * Math.max(...s.lambda);
}

/** The occupied shells of a snapshot above the coupling floor, ascending, with their modes. */
export function shellsOf(s: Snapshot): { label: number; modes: number[] }[] {
  const by = new Map<number, number[]>();
  s.shell.forEach((a, k) => {
    if (a !== null && coupled(s, k)) by.set(a, [...(by.get(a) ?? []), k]);
  });
  return [...by.entries()].sort((x, y) => x[0] - y[0]).map(([label, modes]) => ({ label, modes }));
}

/* ------------------------------------------------------------------------------------------
 * Small statistics used by diagnostics
 * ---------------------------------------------------------------------------------------- */

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (xs: number[]): number => quantile(xs, 0.5);

/** Frobenius norm of a matrix given as rows */
export const frob = (A: ArrayLike<number>[]): number => Math.sqrt(A.reduce((s, r) => s + Array.from(r).reduce((t, x) => t + x * x, 0), 0));
