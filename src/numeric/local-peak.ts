/**
 * The abscissa of the maximum of a smooth function known by samples, to the float64 limit:
 * the interpolating polynomial through the 2h + 1 samples around the largest one, and the root
 * of its derivative by Newton's iteration. A parabola through three samples (fit.ts `peak`) is
 * off by O(spacing^2) and that error oscillates as the peak moves through the grid; a quartic
 * (h = 2) is off by O(spacing^4). The root of the derivative is found to rounding, where a
 * search on the values would stop at the square root of it (the top is flat).
 */

/** Lagrange interpolant's first and second derivatives at u (nodes xs, values ys). */
function derivatives(xs: number[], ys: number[], u: number): [number, number] {
  // the interpolant's Newton form from divided differences, differentiated by the Horner recurrences
  const m = xs.length;
  const c = ys.slice();
  for (let j = 1; j < m; j++) for (let i = m - 1; i >= j; i--) c[i] = (c[i]! - c[i - 1]!) / (xs[i]! - xs[i - j]!);
  let p = c[m - 1]!;
  let dp = 0;
  let d2p = 0;
  for (let i = m - 2; i >= 0; i--) {
    const w = u - xs[i]!;
    d2p = d2p * w + 2 * dp;
    dp = dp * w + p;
    p = p * w + c[i]!;
  }
  return [dp, d2p];
}

/**
 * The maximiser of the sampled function (x increasing): the largest sample's neighbourhood of
 * 2h + 1 samples interpolated, the derivative's root by Newton from the largest sample, kept
 * between its neighbours. At an end of the samples, or when fewer than 2h + 1 are at hand, the
 * largest sample itself (the caller decides whether that is a peak).
 *
 * @example
 * ```ts
 * import { localPeak } from 'scalecheck/numeric';
 *
 * const x = Array.from({ length: 21 }, (_, i) => i / 10);
 * localPeak(x, x.map((v) => Math.exp(-((v - 1.234) ** 2)))); // 1.234 to about 1e-6
 * ```
 */
export function localPeak(x: ArrayLike<number>, y: ArrayLike<number>, h = 2): number {
  let j = 0;
  for (let i = 1; i < y.length; i++) if (y[i]! > y[j]!) j = i;
  if (j < h || j > y.length - 1 - h) return x[j]!;
  // local coordinates about the largest sample keep the divided differences well scaled
  const x0 = x[j]!;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = j - h; i <= j + h; i++) {
    xs.push(x[i]! - x0);
    ys.push(y[i]! - y[j]!);
  }
  const [lo, hi] = [xs[h - 1]!, xs[h + 1]!];
  let u = 0;
  for (let it = 0; it < 50; it++) {
    const [d1, d2] = derivatives(xs, ys, u);
    if (!(d2 < 0)) break;
    const next = Math.min(hi, Math.max(lo, u - d1 / d2));
    if (next === u) break;
    u = next;
  }
  return x0 + u;
}

/**
 * The maximiser of localPeak and the interpolant's value there (at an end, the largest sample and its value).
 *
 * @example
 * ```ts
 * import { localPeakValue } from 'scalecheck/numeric';
 *
 * const x = Array.from({ length: 21 }, (_, i) => i / 10);
 * localPeakValue(x, x.map((v) => 3 - (v - 1.234) ** 2)); // { x: 1.234, y: 3 } to rounding (a parabola is interpolated exactly)
 * ```
 */
export function localPeakValue(x: ArrayLike<number>, y: ArrayLike<number>, h = 2): { x: number; y: number } {
  let j = 0;
  for (let i = 1; i < y.length; i++) if (y[i]! > y[j]!) j = i;
  const at = localPeak(x, y, h);
  if (j < h || j > y.length - 1 - h) return { x: x[j]!, y: y[j]! };
  // the interpolant through the same 2h + 1 samples, by Neville's scheme
  const xs: number[] = [];
  const ps: number[] = [];
  for (let i = j - h; i <= j + h; i++) {
    xs.push(x[i]!);
    ps.push(y[i]!);
  }
  for (let k = 1; k < xs.length; k++) for (let i = xs.length - 1; i >= k; i--) ps[i] = ((at - xs[i - k]!) * ps[i]! - (at - xs[i]!) * ps[i - 1]!) / (xs[i]! - xs[i - k]!);
  return { x: at, y: ps[xs.length - 1]! };
}
