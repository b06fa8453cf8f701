/**
 * The gradient flow of a two-factor diagonal linear network, w = (u ⊙ u - v ⊙ v) / 2, on the
 * squared loss L = |X w - y|^2 / 2:
 *   u' = -grad_u L = -g ⊙ u,   v' = -grad_v L = +g ⊙ v,   g = X^T (X w - y),
 * integrated in fixed point by Taylor series of high order. The field is polynomial (cubic), so
 * the series' coefficients follow exactly from Cauchy products:
 *   w_k = (1/2) sum_j (u_j u_(k-j) - v_j v_(k-j)),  g_k = X^T (X w_k - y [k = 0]),
 *   (k + 1) u_(k+1) = -sum_j g_j u_(k-j),           (k + 1) v_(k+1) = +sum_j g_j v_(k-j).
 * The coefficients are kept scaled by the step (the series in tau = (t - t0) / h), the order
 * grows until the terms fall below the local tolerance, and the step is adapted so that about
 * 1.15 tolDigits terms are needed: late in the flow, where the residual decays like e^(-rho t),
 * the steps grow to several 1/rho (a midpoint-based method would stay near its stability limit).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Fixed } from '../numeric/fixed.js';
import { maxAbs, roundShift, type Mat, type Vec } from '../numeric/linalg.js';

export interface DlnFlowOptions {
  /** stop at this time (the last step is shortened to land on it) */
  until?: bigint;
  /** stop once max |X w - y| falls to this (checked after each step) */
  residualBelow?: bigint;
  /**
   * local tolerance on w: each step's truncation in u and v stays below 10^-tolDigits /
   * max(1, |u|, |v|), so below ~10^-tolDigits in w = (u^2 - v^2) / 2 even when u and v are
   * large and w is their cancellation (default: the working digits, F.digits)
   */
  tolDigits?: number;
  /** steps allowed before giving up (default 20000) */
  maxSteps?: number;
}

export interface DlnFlowState {
  t: bigint;
  u: Vec;
  v: Vec;
  /** (u ⊙ u - v ⊙ v) / 2 */
  w: Vec;
  /** max |X w - y| */
  residual: bigint;
  steps: number;
  /** rejected steps (the series did not converge within the maximal order) */
  rejected: number;
}

/** log2 |a| for a fixed-point value, as a double (tolerances only). */
function log2abs(F: Fixed, a: bigint): number {
  if (a === 0n) return -Infinity;
  const m = a < 0n ? -a : a;
  const drop = Math.max(0, m.toString(2).length - 53);
  return Math.log2(Number(m >> BigInt(drop))) + drop - F.bits;
}

function weights(F: Fixed, u: Vec, v: Vec): Vec {
  const sh = BigInt(F.bits) + 1n;
  return u.map((ui, i) => roundShift(ui * ui - v[i]! * v[i]!, sh));
}

function residualOf(F: Fixed, X: Mat, y: Vec, w: Vec): bigint {
  const sh = BigInt(F.bits);
  return maxAbs(X.map((row, a) => roundShift(row.reduce((s, x, i) => s + x * w[i]!, 0n), sh) - y[a]!));
}

/**
 * Integrate the flow from (u0, v0) until `until` or until the residual reaches `residualBelow`
 * (at least one of them), at the working precision of F.
 */
export function dlnFlow(F: Fixed, X: Mat, y: Vec, u0: Vec, v0: Vec, opts: DlnFlowOptions): DlnFlowState {
  if (opts.until === undefined && opts.residualBelow === undefined) throw new Error('dlnFlow: give a time or a residual to stop at');
  const n = X.length;
  const d = u0.length;
  if (n === 0 || X.some((r) => r.length !== d) || y.length !== n || v0.length !== d) throw new Error('dlnFlow: dimensions disagree');
  const sh = BigInt(F.bits);
  const tolDigits = opts.tolDigits ?? F.digits;
  // four bits below the tolerance: the tail after the two small terms that end the series
  const tolLog2 = -tolDigits * Math.log2(10) - 4;
  // cost per unit time ~ order^2 / step with step ~ tol^(1/order): least at order ~ ln(1/tol) / 2
  const target = Math.max(12, Math.ceil(1.15 * tolDigits));
  const maxOrder = 3 * target;
  const maxSteps = opts.maxSteps ?? 20000;

  let u = u0.slice();
  let v = v0.slice();
  let t = 0n;
  let w = weights(F, u, v);
  let residual = residualOf(F, X, y, w);
  let steps = 0;
  let rejected = 0;
  // first step: a small fraction of the inverse of the initial growth rate |g| + |X|^2 (|u|^2 + |v|^2)
  const g0 = X[0]!.map((_, i) => X.reduce((s, row, a) => s + F.toNumber(row[i]!) * (F.toNumber(roundShift(row.reduce((q, x, k) => q + x * w[k]!, 0n), sh) - y[a]!)), 0));
  const x2 = X.reduce((s, row) => s + row.reduce((q, x) => q + F.toNumber(x) ** 2, 0), 0);
  const m2 = Math.max(...u.map((ui, i) => F.toNumber(ui) ** 2 + F.toNumber(v[i]!) ** 2));
  let hNum = 1 / (8 * (1 + Math.max(...g0.map(Math.abs)) + x2 * m2));

  const done = (): boolean => (opts.until !== undefined && t >= opts.until) || (opts.residualBelow !== undefined && residual <= opts.residualBelow);
  while (!done()) {
    if (steps >= maxSteps) throw new Error(`dlnFlow: no end within ${maxSteps} steps (t = ${F.toNumber(t)}, residual ${F.toNumber(residual)})`);
    let h = F.fromNumber(hNum);
    if (opts.until !== undefined && t + h > opts.until) h = opts.until - t;
    if (h <= 0n) throw new Error('dlnFlow: step size underflow');
    // h X^T once per step: the scaled coefficients of g
    const XTh = Array.from({ length: d }, (_, i) => X.map((row) => F.mul(h, row[i]!)));
    const U: Vec[] = u.map((ui) => [ui]);
    const V: Vec[] = v.map((vi) => [vi]);
    const G: Vec[] = u.map(() => []);
    // the negligible size of a term, as a bigint: no logarithms in the inner loop
    const scale = Math.max(0, log2abs(F, maxAbs([...u, ...v])));
    const negligible = 1n << BigInt(Math.max(0, Math.floor(F.bits + tolLog2 - scale)));
    let order = 0;
    let small = 0;
    const W = new Array<bigint>(d);
    const E = new Array<bigint>(n);
    for (let k = 0; k < maxOrder; k++) {
      for (let i = 0; i < d; i++) {
        const Ui = U[i]!;
        const Vi = V[i]!;
        // symmetric Cauchy products: each pair once
        let s = 0n;
        for (let j = 0, l = k; j < l; j++, l--) s += Ui[j]! * Ui[l]! - Vi[j]! * Vi[l]!;
        s *= 2n;
        if ((k & 1) === 0) {
          const m = k >> 1;
          s += Ui[m]! * Ui[m]! - Vi[m]! * Vi[m]!;
        }
        W[i] = roundShift(s, sh + 1n);
      }
      for (let a = 0; a < n; a++) {
        const row = X[a]!;
        let s = 0n;
        for (let i = 0; i < d; i++) s += row[i]! * W[i]!;
        E[a] = roundShift(s, sh) - (k === 0 ? y[a]! : 0n);
      }
      let big = false;
      const div = BigInt(k + 1);
      for (let i = 0; i < d; i++) {
        const xi = XTh[i]!;
        let s = 0n;
        for (let a = 0; a < n; a++) s += xi[a]! * E[a]!;
        const Gi = G[i]!;
        Gi.push(roundShift(s, sh));
        const Ui = U[i]!;
        const Vi = V[i]!;
        let su = 0n;
        let sv = 0n;
        for (let j = 0; j <= k; j++) {
          su += Gi[j]! * Ui[k - j]!;
          sv += Gi[j]! * Vi[k - j]!;
        }
        const uk = -roundShift(su, sh) / div;
        const vk = roundShift(sv, sh) / div;
        Ui.push(uk);
        Vi.push(vk);
        if (!big && (uk >= negligible || -uk >= negligible || vk >= negligible || -vk >= negligible)) big = true;
      }
      // two consecutive negligible orders end the series
      if (!big) {
        if (++small === 2) {
          order = k + 2;
          break;
        }
      } else small = 0;
    }
    if (order === 0) {
      rejected++;
      hNum /= 2;
      continue;
    }
    u = U.map((c) => c.reduce((s, x) => s + x, 0n));
    v = V.map((c) => c.reduce((s, x) => s + x, 0n));
    t += h;
    steps++;
    w = weights(F, u, v);
    residual = residualOf(F, X, y, w);
    // the terms fell like r^k with r^order = tol: aim the next step at `target` terms
    const grow = 10 ** (tolDigits * (1 / order - 1 / target));
    hNum = F.toNumber(h) * Math.min(3, Math.max(0.5, grow));
  }
  return { t, u, v, w, residual, steps, rejected };
}

/**
 * The flow's rates near an interpolator w (float64): with e = X w - y, e' = -X diag(u^2 + v^2) X^T e
 * and, on the flow (u v = alpha^2 coordinatewise, u^2 - v^2 = 2 w), u^2 + v^2 = 2 sqrt(w^2 + alpha^4):
 * the eigenvalues, ascending, of 2 X diag(sqrt(w^2 + alpha^4)) X^T. The smallest is the late rate;
 * their spread is what a step size must resolve, so the integration's cost grows with it.
 */
export function lateRates(X: number[][], w: number[], alpha: number): number[] {
  const a4 = alpha ** 4;
  const H = X.map((ra) => X.map((rb) => ra.reduce((s, x, i) => s + 2 * x * rb[i]! * Math.sqrt(w[i]! ** 2 + a4), 0)));
  return new EigenvalueDecomposition(new Matrix(H), { assumeSymmetric: true }).realEigenvalues.slice().sort((a, b) => a - b);
}
