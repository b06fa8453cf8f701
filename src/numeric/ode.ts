import type { Fixed } from './fixed.js';
import { maxAbs, roundShift, type Vec } from './linalg.js';
import { polyShift, type MatPoly } from './poly.js';

/**
 * log2 of a nonnegative fixed-point value (a maxAbs or a radius), as a double, for step-size
 * control only: from the leading 53 bits, so a radius below the doubles' range keeps its size.
 */
function log2abs(F: Fixed, a: bigint): number {
  const drop = Math.max(0, a.toString(2).length - 53);
  return Math.log2(Number(a >> BigInt(drop))) + drop - F.bits;
}

/**
 * Taylor coefficients of the solution of de/ds = -P(s) e, e(0) = e0, for a matrix
 * polynomial P, computed until deg P + 1 consecutive terms |c_k| radius^k fall below
 * 2^-(bits+4) max(|e0|, 2^-bits/2) (|.| the largest entry).
 * The recurrence (k+1) e_{k+1} = -sum_i P_i e_{k-i} is exact arithmetic on the coefficients.
 * Throws when the terms have not fallen by `maxOrder`.
 *
 * @example
 * ```ts
 * import { Fixed, linearTaylor, seriesEval } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * // de/ds = -e (P = [[1]]): the coefficients (-1)^k / k! of e^-s
 * const c = linearTaylor(F, [[[F.one]]], [F.one], F.ratio(1, 2));
 * F.toDecimal(seriesEval(F, c, F.ratio(1, 2))[0]).toFixed(25); // e^(-1/2) = '0.6065306597126334236037995'
 * ```
 */
export function linearTaylor(F: Fixed, P: MatPoly, e0: Vec, radius: bigint, maxOrder = 4000): Vec[] {
  const n = e0.length;
  const coefs: Vec[] = [e0.slice()];
  const lr = log2abs(F, radius);
  const target = -F.bits - 4;
  const scale = Math.max(log2abs(F, maxAbs(e0)), -F.bits / 2);
  let small = 0;
  const sh = BigInt(F.bits);
  for (let k = 0; k < maxOrder; k++) {
    const next = new Array<bigint>(n).fill(0n);
    for (let i = 0; i < P.length && i <= k; i++) {
      const Pi = P[i]!;
      const ek = coefs[k - i]!;
      for (let a = 0; a < n; a++) {
        let s = 0n;
        const row = Pi[a]!;
        for (let b = 0; b < n; b++) s += row[b]! * ek[b]!;
        next[a]! -= roundShift(s, sh);
      }
    }
    const div = BigInt(k + 1);
    for (let a = 0; a < n; a++) next[a] = next[a]! / div;
    coefs.push(next);
    const term = log2abs(F, maxAbs(next)) + (k + 1) * lr;
    // stop after the tail has been negligible for deg+1 consecutive orders
    if (term < target + scale) {
      if (++small > P.length) return coefs;
    } else small = 0;
  }
  throw new Error('Taylor series did not converge within the maximal order');
}

/**
 * Evaluate sum_k c_k s^k by Horner (vector coefficients, as {@link linearTaylor} returns them).
 *
 * @example
 * ```ts
 * import { Fixed, seriesEval } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * // 1 + 2s + 3s^2 at s = 2
 * seriesEval(F, [[F.one], [F.int(2)], [F.int(3)]], F.int(2)); // [F.int(17)]
 * ```
 */
export function seriesEval(F: Fixed, coefs: Vec[], s: bigint): Vec {
  let acc = coefs[coefs.length - 1]!.slice();
  for (let k = coefs.length - 2; k >= 0; k--) {
    const c = coefs[k]!;
    acc = acc.map((v, i) => F.mul(v, s) + c[i]!);
  }
  return acc;
}

/**
 * Integrate de/dt = -M(t) e for a polynomial M(t) = sum_i C_i t^i from t0 to each of
 * `times` (monotone, all on one side of t0), by Taylor steps whose truncation stays below
 * the working precision.
 *
 * @example
 * ```ts
 * import { Fixed, integrateLinearPoly } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * // M(t) = t (one coefficient of t^1): e(t) = e^(-t^2/2)
 * const [e1] = integrateLinearPoly(F, [[[0n]], [[F.one]]], 0n, [F.one], [F.one]);
 * F.toDecimal(e1[0]).toFixed(25); // e^(-1/2) = '0.6065306597126334236037995'
 * ```
 */
export function integrateLinearPoly(F: Fixed, C: MatPoly, t0: bigint, e0: Vec, times: bigint[]): Vec[] {
  const out: Vec[] = [];
  let t = t0;
  let e = e0;
  const step0 = F.pow2(-2);
  for (const target of times) {
    while (t !== target) {
      const dir = target > t ? 1n : -1n;
      const remaining = dir * (target - t);
      let h = remaining < step0 ? remaining : step0;
      for (;;) {
        try {
          const coefs = linearTaylor(F, polyShift(F, C, t), e, h, Math.ceil(F.bits * 0.9) + 40);
          e = seriesEval(F, coefs, dir * h);
          t += dir * h;
          break;
        } catch {
          h >>= 1n;
          if (h === 0n) throw new Error('linear Taylor integration: step underflow');
        }
      }
    }
    out.push(e.slice());
  }
  return out;
}

/**
 * y' = f(t, y): returns a new vector and leaves y alone.
 *
 * @example
 * ```ts
 * import { Fixed, type Field } from 'scalecheck/numeric';
 *
 * const F = new Fixed(30);
 * const rotation: Field = (_t, [x, y]) => [-y, x]; // (x, y)' = (-y, x)
 * ```
 */
export type Field = (t: bigint, y: Vec) => Vec;

/**
 * Gragg–Bulirsch–Stoer extrapolation for a general system y' = f(t, y): modified midpoint
 * with n_j = 2j substeps, polynomial extrapolation in h^2, order raised until the
 * extrapolation table agrees to the working precision. Outputs at each of `times`.
 * `opts.kmax` (default max(16, ceil(0.4 digits))) bounds the table's columns per step.
 *
 * @example
 * ```ts
 * import { Fixed, integrateGBS } from 'scalecheck/numeric';
 *
 * const F = new Fixed(40);
 * // y' = y from y(0) = 1, read at t = 1/2 and 1
 * const [half, one] = integrateGBS(F, (_t, y) => y, 0n, [F.one], [F.ratio(1, 2), F.one]);
 * F.toDecimal(one[0]).toFixed(35); // e = '2.71828182845904523536028747135266250'
 * ```
 */
export function integrateGBS(F: Fixed, f: Field, t0: bigint, y0: Vec, times: bigint[], opts: { kmax?: number } = {}): Vec[] {
  // too few columns make every step at high precision a rejection: about 0.4 digits per column
  const kmax = opts.kmax ?? Math.max(16, Math.ceil(0.4 * F.digits));
  const tolLog2 = -(F.bits - 24);
  const out: Vec[] = [];
  let t = t0;
  let y = y0;
  let H = F.pow2(-3);
  // an interval this short (2^16 ulps) is one Euler step: its error, ~|y''| 2^(32 - 2 bits), is far below one ulp
  const sliver = 1n << 16n;
  for (const target of times) {
    while (t !== target) {
      const dir = target > t ? 1n : -1n;
      const remaining = dir * (target - t);
      if (remaining <= sliver) {
        const fy = f(t, y);
        y = y.map((v, i) => v + F.mul(dir * remaining, fy[i]!));
        t = target;
        break;
      }
      // a step that would leave a sliver takes it along (at most 1 + 2^-8 times H): a leftover of a
      // few ulps has substeps below one ulp, which no step size cures
      const step = remaining - H > H >> 8n ? H : remaining;
      const res = gbsStep(F, f, t, y, dir * step, kmax, tolLog2);
      if (res === null) {
        H = step >> 1n;
        if (H === 0n) throw new Error('GBS: step size underflow');
        continue;
      }
      y = res.y;
      t += dir * step;
      // grow when the table converged early, shrink when it needed nearly every column
      if (res.k <= kmax / 2) H = step * 2n;
      else if (res.k >= kmax - 1) H = step - (step >> 2n);
      else H = step;
    }
    out.push(y.slice());
  }
  return out;
}

function gbsStep(F: Fixed, f: Field, t: bigint, y: Vec, H: bigint, kmax: number, tolLog2: number): { y: Vec; k: number } | null {
  const table: Vec[] = [];
  const ns: number[] = [];
  // in whole bits rounded up, like err below: both bound log2 from above
  const yScale = Math.max(0, Math.ceil(log2abs(F, maxAbs(y))));
  for (let j = 0; j < kmax; j++) {
    const nj = 2 * (j + 1);
    ns.push(nj);
    const h = H / BigInt(nj);
    // a substep below one ulp leaves y unchanged and the table "agrees": reject, so the step shrinks to underflow
    if (h === 0n) return null;
    let z0 = y;
    const fz0 = f(t, z0);
    let z1 = z0.map((v, i) => v + F.mul(h, fz0[i]!));
    for (let m = 1; m < nj; m++) {
      const fz = f(t + BigInt(m) * h, z1);
      const z2 = z0.map((v, i) => v + 2n * F.mul(h, fz[i]!));
      z0 = z1;
      z1 = z2;
    }
    const fend = f(t + H, z1);
    const mid = z1.map((v, i) => (v + z0[i]! + F.mul(h, fend[i]!)) / 2n);
    // Neville update of the row
    const row: Vec[] = [mid];
    for (let k = 1; k <= j; k++) {
      const p = BigInt(nj) ** 2n;
      const q = BigInt(ns[j - k]!) ** 2n;
      const prevRow = row[k - 1]!;
      const above = table[k - 1]!;
      row.push(prevRow.map((v, i) => v + ((v - above[i]!) * q) / (p - q)));
    }
    if (j > 0) {
      const best = row[j]!;
      const prev = row[j - 1]!;
      const err = Math.ceil(log2abs(F, maxAbs(best.map((v, i) => v - prev[i]!))));
      if (err < tolLog2 + yScale) return { y: best, k: j };
    }
    table.length = 0;
    table.push(...row);
  }
  return null;
}
