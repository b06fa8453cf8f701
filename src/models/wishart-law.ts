/**
 * The Wishart law W_p(m, I) (G = Z^T Z for Z an m x p standard Gaussian matrix, m >= p) sampled
 * in O(p) through the Dumitriu–Edelman bidiagonal model: G has the law of B B^T with B p x p lower
 * bidiagonal, B_ii = chi_(m-i) and B_(i+1,i) = chi_(p-1-i) (i from 0), all independent. What the
 * risk of min-norm least squares needs of its Gram matrix (X^T X for d < n, X X^T for d > n, both
 * Wishart with p = min(n, d), m = max(n, d)) is a function of this law alone: tr G^-1 and the
 * smallest eigenvalue.
 */
import type { Rng } from '../numeric/rng.js';

/**
 * Chi-squared draws for the bidiagonal model, the hot loop of the simulation: Marsaglia–Tsang's
 * Gamma(k/2) with the normals from the polar method (no trigonometric calls) and the squeeze that
 * accepts most draws without a logarithm; k = 1 as a squared normal, k = 2 as an exponential.
 */
export class Chi2 {
  private spare = Number.NaN;
  constructor(private readonly rng: Rng) {}
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.rng.next() - 1;
      v = 2 * this.rng.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }
  /** chi-squared with k >= 1 degrees of freedom */
  draw(k: number): number {
    if (k === 1) return this.normal() ** 2;
    // 1 - next() is in (0, 1]: the logarithm is finite
    if (k === 2) return -2 * Math.log(1 - this.rng.next());
    const d = k / 2 - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.rng.next();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return 2 * d * v;
    }
  }
}

/** One draw of B: squared diagonal a2 (p) and squared subdiagonal b2 (p - 1). */
export interface Bidiagonal {
  a2: Float64Array;
  b2: Float64Array;
}

export function bidiagonalWishart(p: number, m: number, g: Chi2, into?: Bidiagonal): Bidiagonal {
  if (!(Number.isInteger(p) && Number.isInteger(m) && p >= 1 && m >= p)) throw new RangeError(`W_p(m) needs integers m >= p >= 1, got p = ${p}, m = ${m}`);
  const B = into && into.a2.length === p ? into : { a2: new Float64Array(p), b2: new Float64Array(Math.max(0, p - 1)) };
  for (let i = 0; i < p; i++) B.a2[i] = g.draw(m - i);
  for (let i = 0; i < p - 1; i++) B.b2[i] = g.draw(p - 1 - i);
  return B;
}

/**
 * tr (B B^T)^-1 = ||B^-1||_F^2 by a backward recurrence: column j of B^-1 by forward substitution
 * has squared norm T_j / a_j^2 with T_j = 1 + (b_j^2 / a_(j+1)^2) T_(j+1), T_(p-1) = 1.
 */
export function traceInverse(B: Bidiagonal): number {
  const p = B.a2.length;
  let T = 1;
  let tr = 1 / B.a2[p - 1]!;
  for (let j = p - 2; j >= 0; j--) {
    T = 1 + (B.b2[j]! / B.a2[j + 1]!) * T;
    tr += T / B.a2[j]!;
  }
  return tr;
}

/**
 * The smallest eigenvalue of B B^T, the symmetric tridiagonal with diagonal a_i^2 + b_(i-1)^2 and
 * off-diagonal a_i b_i, by Sturm-count bisection (the count of negative pivots of T - x I) to a
 * relative 1e-10 (a mean over designs needs no more), from the bracket [0, the smallest diagonal entry].
 */
export function smallestEigenvalue(B: Bidiagonal): number {
  const p = B.a2.length;
  const diag = (i: number): number => B.a2[i]! + (i > 0 ? B.b2[i - 1]! : 0);
  // squared off-diagonals (a_i b_i)^2
  const off2 = (i: number): number => B.a2[i]! * B.b2[i]!;
  const below = (x: number): number => {
    let c = 0;
    let q = 1;
    for (let i = 0; i < p; i++) {
      q = diag(i) - x - (i > 0 ? off2(i - 1) / q : 0);
      if (q === 0) q = -1e-300;
      if (q < 0) c++;
    }
    return c;
  };
  // the smallest eigenvalue is at most every diagonal entry (a Rayleigh quotient), and at least 0
  let hi = Infinity;
  for (let i = 0; i < p; i++) hi = Math.min(hi, diag(i));
  let lo = 0;
  for (let it = 0; it < 200 && hi - lo > 1e-10 * hi; it++) {
    const mid = (lo + hi) / 2;
    if (below(mid) >= 1) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}
