/**
 * The Gamma function at arbitrary precision (decimal.js has none, and mathjs's BigNumber gamma
 * takes integers only): reflection below 1/2, an upward shift to z >= digits, then Stirling's
 * series with Bernoulli numbers, whose terms then fall faster than 10^-digits.
 */
import { Decimal } from 'decimal.js';

const bernoulliCache = new Map<number, Decimal[]>();

/** B_0 .. B_2m from sum_(k<=n) C(n+1, k) B_k = 0, at `precision` digits (with guard digits). */
function bernoulli(m: number, precision: number): Decimal[] {
  const key = m * 100_000 + precision;
  const hit = bernoulliCache.get(key);
  if (hit) return hit;
  const D = Decimal.clone({ precision: precision + 2 * m + 20 });
  const B: Decimal[] = [new D(1)];
  for (let n = 1; n <= 2 * m; n++) {
    let s = new D(0);
    let binom = new D(1); // C(n+1, 0)
    for (let k = 0; k < n; k++) {
      s = s.plus(binom.times(B[k]!));
      binom = binom.times(n + 1 - k).div(k + 1);
    }
    B.push(s.neg().div(n + 1));
  }
  bernoulliCache.set(key, B);
  return B;
}

export function gamma(x: Decimal, digits: number): Decimal {
  const D = Decimal.clone({ precision: digits + 20 });
  const z0 = new D(x);
  if (z0.isInteger() && z0.lte(0)) return new D(NaN);
  if (z0.lt(0.5)) {
    // Gamma(x) Gamma(1 - x) = pi / sin(pi x)
    const pi = D.acos(-1);
    return pi.div(D.sin(pi.times(z0)).times(gamma(new D(1).minus(z0), digits)));
  }
  const target = digits + 10;
  let z = z0;
  let shift = new D(1);
  while (z.lt(target)) {
    shift = shift.times(z);
    z = z.plus(1);
  }
  const m = Math.ceil(digits / 2) + 4;
  const B = bernoulli(m, digits);
  let series = new D(0);
  let zpow = z; // z^(2k-1)
  const z2 = z.times(z);
  for (let k = 1; k <= m; k++) {
    series = series.plus(new D(B[2 * k]!).div(new D(2 * k * (2 * k - 1)).times(zpow)));
    zpow = zpow.times(z2);
  }
  const lnGamma = z.minus(0.5).times(z.ln()).minus(z).plus(D.acos(-1).times(2).ln().div(2)).plus(series);
  return lnGamma.exp().div(shift);
}
