import type { Fixed } from '../numeric/fixed.js';
import type { Mat, Vec } from '../numeric/linalg.js';
import { Rng } from '../numeric/rng.js';

/**
 * A two-layer tanh network f(x; theta) = sum_i a_i tanh(w_i . x + b_i) on n data points,
 * theta = (a [m], W [m x d] row-major, b [m]), residual e = f(X) - y, with its exact
 * (hand-derived) Jacobian J = de/dtheta.
 */
export interface NetSpec {
  n: number;
  m: number;
  d: number;
  seed: number;
}

export class TanhNet {
  readonly X: Mat;
  readonly y: Vec;
  readonly theta0: Vec;
  readonly p: number;

  constructor(
    readonly F: Fixed,
    readonly spec: NetSpec,
  ) {
    const rng = new Rng(spec.seed);
    const draw = (bits = 3): bigint => {
      const [k, den] = rng.dyadic(1, bits);
      return F.ratio(k, den);
    };
    this.X = Array.from({ length: spec.n }, () => Array.from({ length: spec.d }, () => draw()));
    this.y = Array.from({ length: spec.n }, () => draw());
    this.p = spec.m * (spec.d + 2);
    this.theta0 = Array.from({ length: this.p }, () => draw());
  }

  /** pre-activation tanh values s[mu][i] */
  private hidden(theta: Vec): Mat {
    const { m, d } = this.spec;
    const F = this.F;
    return this.X.map((x) =>
      Array.from({ length: m }, (_, i) => {
        let z = theta[m + m * d + i]!;
        for (let j = 0; j < d; j++) z += F.mul(theta[m + i * d + j]!, x[j]!);
        return F.tanh(z);
      }),
    );
  }

  residual(theta: Vec, s = this.hidden(theta)): Vec {
    const { m } = this.spec;
    return s.map((row, mu) => {
      let f = 0n;
      for (let i = 0; i < m; i++) f += this.F.mul(theta[i]!, row[i]!);
      return f - this.y[mu]!;
    });
  }

  jacobian(theta: Vec, s = this.hidden(theta)): Mat {
    const { m, d } = this.spec;
    const F = this.F;
    return s.map((row, mu) => {
      const Jr = new Array<bigint>(this.p).fill(0n);
      for (let i = 0; i < m; i++) {
        const si = row[i]!;
        const g = F.mul(theta[i]!, F.one - F.mul(si, si)); // a_i (1 - s^2)
        Jr[i] = si;
        for (let j = 0; j < d; j++) Jr[m + i * d + j] = F.mul(g, this.X[mu]![j]!);
        Jr[m + m * d + i] = g;
      }
      return Jr;
    });
  }

  /** the parameter gradient flow field -J^T e */
  field(theta: Vec): Vec {
    const s = this.hidden(theta);
    const e = this.residual(theta, s);
    const J = this.jacobian(theta, s);
    const out = new Array<bigint>(this.p).fill(0n);
    for (let mu = 0; mu < e.length; mu++) for (let k = 0; k < this.p; k++) out[k]! -= this.F.mul(J[mu]![k]!, e[mu]!);
    return out;
  }
}

/**
 * Taylor coefficients theta_k of the gradient flow theta' = -J(theta)^T e(theta) through
 * theta(0) = theta0, by Taylor-mode recurrences for tanh (s' = (1 - s^2) z'), continued until
 * the terms fall below 2^-bits at |t| = radius (null if not within maxOrder). An integrator for the flow: it knows nothing of
 * M = J J^T, and the flow claims compare its trajectory against that formula.
 */
export function flowSeries(net: TanhNet, radius: bigint, maxOrder = 2000): Vec[] | null {
  const F = net.F;
  const { n, m, d } = net.spec;
  const sh = BigInt(F.bits);
  const half = 1n << (sh - 1n);
  const rs = (x: bigint): bigint => (x >= 0n ? (x + half) >> sh : -((-x + half) >> sh));
  /** k-th coefficient of the product of two series, one rounding */
  const conv = (u: bigint[], v: bigint[], k: number): bigint => {
    let s = 0n;
    for (let j = 0; j <= k; j++) s += u[j]! * v[k - j]!;
    return rs(s);
  };
  const theta: Vec[] = [net.theta0.slice()];
  const col = (idx: number): bigint[] => theta.map((c) => c[idx]!);
  const z: bigint[][] = Array.from({ length: n * m }, () => []);
  const s: bigint[][] = Array.from({ length: n * m }, () => []);
  const q: bigint[][] = Array.from({ length: n * m }, () => []);
  const g: bigint[][] = Array.from({ length: n * m }, () => []);
  const e: bigint[][] = Array.from({ length: n }, () => []);
  const lr = Math.log2(F.toNumber(radius));
  let small = 0;
  for (let k = 0; k < maxOrder; k++) {
    const th = theta[k]!;
    const a = Array.from({ length: m }, (_, i) => col(i));
    for (let mu = 0; mu < n; mu++) {
      let ek = k === 0 ? -net.y[mu]! : 0n;
      for (let i = 0; i < m; i++) {
        const idx = mu * m + i;
        let zk = th[m + m * d + i]!;
        for (let j = 0; j < d; j++) zk += F.mul(th[m + i * d + j]!, net.X[mu]![j]!);
        z[idx]!.push(zk);
        if (k === 0) {
          s[idx]!.push(F.tanh(zk));
        } else {
          let acc = 0n;
          for (let j = 1; j <= k; j++) acc += BigInt(j) * z[idx]![j]! * q[idx]![k - j]!;
          s[idx]!.push(rs(acc) / BigInt(k));
        }
        q[idx]!.push((k === 0 ? F.one : 0n) - conv(s[idx]!, s[idx]!, k));
        g[idx]!.push(conv(a[i]!, q[idx]!, k));
        ek += conv(a[i]!, s[idx]!, k);
      }
      e[mu]!.push(ek);
    }
    // the field's k-th coefficient, then theta_{k+1} = field_k / (k + 1)
    const next = new Array<bigint>(net.p).fill(0n);
    for (let mu = 0; mu < n; mu++)
      for (let i = 0; i < m; i++) {
        const idx = mu * m + i;
        next[i]! -= conv(e[mu]!, s[idx]!, k);
        const eg = conv(e[mu]!, g[idx]!, k);
        next[m + m * d + i]! -= eg;
        for (let j = 0; j < d; j++) next[m + i * d + j]! -= F.mul(eg, net.X[mu]![j]!);
      }
    const kk = BigInt(k + 1);
    for (let r = 0; r < net.p; r++) next[r] = next[r]! / kk;
    theta.push(next);
    let mx = 0n;
    for (const v of next) mx = v > mx ? v : -v > mx ? -v : mx;
    const term = mx === 0n ? -Infinity : mx.toString(2).length - F.bits + (k + 1) * lr;
    if (term < -F.bits - 4) {
      if (++small > 2) return theta;
    } else small = 0;
  }
  return null;
}
