/**
 * The gradient flow of a two-factor diagonal linear network, w = (u ⊙ u - v ⊙ v) / 2, on the
 * squared loss L = |X w - y|^2 / 2:
 *   u' = -grad_u L = -g ⊙ u,   v' = -grad_v L = +g ⊙ v,   g = X^T (X w - y),
 * integrated in fixed point by Taylor series of high order. The state carried is the squared
 * factors a = u ⊙ u, b = v ⊙ v, whose flow is the chain rule of the one above,
 *   a' = 2 u ⊙ u' = -2 g ⊙ a,   b' = 2 v ⊙ v' = +2 g ⊙ b,   w = (a - b) / 2,
 * (no closed form of the flow is used: only that w is read off the factors' squares): w is then
 * linear in the state, so the series' coefficients follow from one Cauchy product per factor,
 *   w_k = (a_k - b_k) / 2,  g_k = X^T (X w_k - y [k = 0]),
 *   (k + 1) a_(k+1) = -2 sum_j g_j a_(k-j),   (k + 1) b_(k+1) = +2 sum_j g_j b_(k-j),
 * two Cauchy products per coordinate and order where the series in (u, v) needs three (w is itself
 * a product there): the implicit-bias claim's flows ran ~1.2 times faster. u and v keep their signs
 * (u = u(0) e^(-int g)), so they are sign(u(0)) sqrt(a), sign(v(0)) sqrt(b).
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
   * local tolerance on w: each step's truncation in a = u^2 and b = v^2, hence in
   * w = (a - b) / 2, stays below 10^-tolDigits (default: the working digits, F.digits)
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
  // the negligible size of a term, as a bigint: no logarithms in the inner loop
  const negligible = 1n << BigInt(Math.max(0, Math.floor(F.bits + tolLog2)));
  // cost per unit time ~ order^2 / step with step ~ tol^(1/order): least at order ~ ln(1/tol) / 2
  const target = Math.max(12, Math.ceil(1.15 * tolDigits));
  const maxOrder = 3 * target;
  const maxSteps = opts.maxSteps ?? 20000;

  let a = u0.map((ui) => F.mul(ui, ui));
  let b = v0.map((vi) => F.mul(vi, vi));
  const wOf = (): Vec => a.map((ai, i) => roundShift(ai - b[i]!, 1n));
  let t = 0n;
  let w = wOf();
  let residual = residualOf(F, X, y, w);
  let steps = 0;
  let rejected = 0;
  // first step: a small fraction of the inverse of the initial growth rate |g| + |X|^2 (|u|^2 + |v|^2)
  const g0 = X[0]!.map((_, i) => X.reduce((s, row, k) => s + F.toNumber(row[i]!) * (F.toNumber(roundShift(row.reduce((q, x, l) => q + x * w[l]!, 0n), sh) - y[k]!)), 0));
  const x2 = X.reduce((s, row) => s + row.reduce((q, x) => q + F.toNumber(x) ** 2, 0), 0);
  const m2 = Math.max(...a.map((ai, i) => F.toNumber(ai + b[i]!)));
  let hNum = 1 / (8 * (1 + Math.max(...g0.map(Math.abs)) + x2 * m2));

  const done = (): boolean => (opts.until !== undefined && t >= opts.until) || (opts.residualBelow !== undefined && residual <= opts.residualBelow);
  while (!done()) {
    if (steps >= maxSteps) throw new Error(`dlnFlow: no end within ${maxSteps} steps (t = ${F.toNumber(t)}, residual ${F.toNumber(residual)})`);
    let h = F.fromNumber(hNum);
    if (opts.until !== undefined && t + h > opts.until) h = opts.until - t;
    if (h <= 0n) throw new Error('dlnFlow: step size underflow');
    // 2 h X^T once per step: the scaled coefficients of 2 g
    const XTh = Array.from({ length: d }, (_, i) => X.map((row) => 2n * F.mul(h, row[i]!)));
    const A: Vec[] = a.map((ai) => [ai]);
    const B: Vec[] = b.map((bi) => [bi]);
    const G: Vec[] = a.map(() => []);
    let order = 0;
    let small = 0;
    const E = new Array<bigint>(n);
    for (let k = 0; k < maxOrder; k++) {
      for (let r = 0; r < n; r++) {
        const row = X[r]!;
        let s = 0n;
        for (let i = 0; i < d; i++) s += row[i]! * (A[i]![k]! - B[i]![k]!);
        // X w_k with w_k = (a_k - b_k) / 2: one shift for both
        E[r] = roundShift(s, sh + 1n) - (k === 0 ? y[r]! : 0n);
      }
      let big = false;
      const div = BigInt(k + 1);
      for (let i = 0; i < d; i++) {
        const xi = XTh[i]!;
        let s = 0n;
        for (let r = 0; r < n; r++) s += xi[r]! * E[r]!;
        const Gi = G[i]!;
        Gi.push(roundShift(s, sh));
        const Ai = A[i]!;
        const Bi = B[i]!;
        let sa = 0n;
        let sb = 0n;
        for (let j = 0; j <= k; j++) {
          sa += Gi[j]! * Ai[k - j]!;
          sb += Gi[j]! * Bi[k - j]!;
        }
        const ak = -roundShift(sa, sh) / div;
        const bk = roundShift(sb, sh) / div;
        Ai.push(ak);
        Bi.push(bk);
        if (!big && (ak >= negligible || -ak >= negligible || bk >= negligible || -bk >= negligible)) big = true;
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
    a = A.map((c) => c.reduce((s, x) => s + x, 0n));
    b = B.map((c) => c.reduce((s, x) => s + x, 0n));
    t += h;
    steps++;
    w = wOf();
    residual = residualOf(F, X, y, w);
    // the terms fell like r^k with r^order = tol: aim the next step at `target` terms
    const grow = 10 ** (tolDigits * (1 / order - 1 / target));
    hNum = F.toNumber(h) * Math.min(3, Math.max(0.5, grow));
  }
  // the factors keep their signs: u = u(0) e^(-int g), v = v(0) e^(int g)
  const root = (x: bigint, s0: bigint): bigint => (s0 < 0n ? -F.sqrt(x < 0n ? 0n : x) : F.sqrt(x < 0n ? 0n : x));
  return { t, u: a.map((ai, i) => root(ai, u0[i]!)), v: b.map((bi, i) => root(bi, v0[i]!)), w, residual, steps, rejected };
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
