/** Log-log fits for scaling measurements (float64: a fitted exponent needs no more). */

/**
 * Least-squares slope of ln y against ln x: the exponent of a power law y ∝ x^slope.
 *
 * @example
 * ```ts
 * import { logSlope } from 'scalecheck/numeric';
 *
 * logSlope([1, 10, 100], [1, 0.1, 0.01]); // -1 (to rounding)
 * ```
 */
export function logSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n < 2 || y.length !== n) throw new RangeError('logSlope needs at least two points of each');
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    if (!(x[i]! > 0) || !(y[i]! > 0)) throw new RangeError(`logSlope: non-positive value at point ${i}`);
    sx += Math.log(x[i]!);
    sy += Math.log(y[i]!);
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = Math.log(x[i]!) - mx;
    sxy += dx * (Math.log(y[i]!) - my);
    sxx += dx * dx;
  }
  return sxy / sxx;
}

/**
 * perDecade points per decade from 10^lo to 10^hi inclusive, evenly spaced in log.
 *
 * @example
 * ```ts
 * import { logGrid } from 'scalecheck/numeric';
 *
 * logGrid(0, 2, 2); // [1, 3.16…, 10, 31.6…, 100]
 * ```
 */
export function logGrid(lo: number, hi: number, perDecade: number): number[] {
  const m = Math.round((hi - lo) * perDecade);
  return Array.from({ length: m + 1 }, (_, i) => 10 ** (lo + (i * (hi - lo)) / m));
}

/**
 * The slope of ln y against ln x over the points with x in [a, b] (ends included up to 1e-12
 * relative).
 *
 * @example
 * ```ts
 * import { logGrid, windowSlope } from 'scalecheck/numeric';
 *
 * const x = logGrid(0, 4, 8);
 * windowSlope(x, x.map((v) => v ** -0.5), 10, 1000); // -0.5 over the middle two decades
 * ```
 */
export function windowSlope(x: ArrayLike<number>, y: ArrayLike<number>, a: number, b: number): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (x[i]! >= a * (1 - 1e-12) && x[i]! <= b * (1 + 1e-12)) {
      xs.push(x[i]!);
      ys.push(y[i]!);
    }
  }
  return logSlope(xs, ys);
}

/**
 * The abscissa of the maximum of sampled values, refined by the parabola through the largest
 * sample and its neighbours (at an end, the end itself).
 */
export function peak(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let j = 0;
  for (let i = 1; i < y.length; i++) if (y[i]! > y[j]!) j = i;
  if (j === 0 || j === y.length - 1) return x[j]!;
  const [x0, x1, x2] = [x[j - 1]!, x[j]!, x[j + 1]!];
  const [y0, y1, y2] = [y[j - 1]!, y[j]!, y[j + 1]!];
  const d = (x1 - x0) * (y1 - y2) - (x1 - x2) * (y1 - y0);
  if (d === 0) return x1;
  return x1 - 0.5 * ((x1 - x0) ** 2 * (y1 - y2) - (x1 - x2) ** 2 * (y1 - y0)) / d;
}

/**
 * Golden-section minimum of a unimodal function on [a, b], to `tol` relative.
 *
 * @example
 * ```ts
 * import { goldenMin } from 'scalecheck/numeric';
 *
 * goldenMin((x) => (x - 2) ** 2, 0, 5); // 2 (to about 1e-10)
 * ```
 */
export function goldenMin(f: (x: number) => number, a: number, b: number, tol = 1e-10): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (Math.abs(b - a) > tol * (1 + Math.abs(a) + Math.abs(b))) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}
