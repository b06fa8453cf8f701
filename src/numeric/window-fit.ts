/**
 * A log-log slope over a window with its standard error from the fit's own residuals: what a
 * measurement whose samples scatter (a peak locked to a grid, a Monte Carlo mean) knows about
 * its slope, which the range rule takes as the measurement's stated uncertainty.
 */

/**
 * A fitted log-log slope with its standard error.
 *
 * @example
 * ```ts
 * import { windowFit, type SlopeFit } from 'scalecheck/numeric';
 *
 * const fit: SlopeFit = windowFit([1, 10, 100], [2, 0.2, 0.02], 1, 100); // slope -1, se 0, n 3
 * ```
 */
export interface SlopeFit {
  /** the least-squares slope of ln y against ln x */
  slope: number;
  /** sqrt(sum r_i^2 / (n - 2) / sum (ln x_i - mean)^2): the least-squares standard error (0 for two points) */
  se: number;
  /** points in the window */
  n: number;
}

/**
 * Least-squares slope of ln y against ln x over the points with x in [a, b], and its standard error.
 *
 * @example
 * ```ts
 * import { windowFit } from 'scalecheck/numeric';
 *
 * const x = [1, 2, 4, 8, 16];
 * const { slope, se, n } = windowFit(x, x.map((v, i) => v ** -1 * (1 + 0.01 * (-1) ** i)), 1, 16);
 * // slope ≈ -1, se small but positive (the scatter), n = 5
 * ```
 */
export function windowFit(x: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): SlopeFit {
  const lx: number[] = [];
  const ly: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (x[i]! >= a * (1 - 1e-12) && x[i]! <= b * (1 + 1e-12)) {
      if (!(x[i]! > 0) || !(y[i]! > 0)) throw new RangeError(`windowFit: non-positive value at point ${i}`);
      lx.push(Math.log(x[i]!));
      ly.push(Math.log(y[i]!));
    }
  }
  const n = lx.length;
  if (n < 2) throw new RangeError('windowFit needs at least two points in the window');
  const mx = lx.reduce((s, v) => s + v, 0) / n;
  const my = ly.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (lx[i]! - mx) ** 2;
    sxy += (lx[i]! - mx) * (ly[i]! - my);
  }
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (ly[i]! - my - slope * (lx[i]! - mx)) ** 2;
  return { slope, se: n > 2 ? Math.sqrt(rss / (n - 2) / sxx) : 0, n };
}
