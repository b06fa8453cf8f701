/**
 * A float64 field y' = f(t, y) written into `out` (no allocation per call).
 *
 * @example
 * ```ts
 * import type { Field64 } from 'scalecheck/numeric';
 *
 * const decay: Field64 = (_t, y, out) => {
 *   out[0] = -y[0];
 * };
 * ```
 */
export type Field64 = (t: number, y: Float64Array, out: Float64Array) => void;

/**
 * Classical fixed-step Runge–Kutta in float64 for the simulations of scaling claims (where the
 * quantity of interest is a fitted slope, not a digit count). `observe` sees every step and may
 * stop the integration by returning true; the step may be a function of the state (stiffness bound).
 *
 * @example
 * ```ts
 * import { rk4 } from 'scalecheck/numeric';
 *
 * // y' = -y from y(0) = 1 with h = 0.01, stopping once t reaches 1
 * const { t, y } = rk4((_t, y, out) => { out[0] = -y[0]; }, [1], 0.01, 1000, (t) => t >= 1 - 1e-12);
 * Math.abs(y[0] - Math.exp(-t)) < 1e-9; // true
 * ```
 */
export function rk4(f: Field64, y0: ArrayLike<number>, step: number | ((t: number, y: Float64Array) => number), maxSteps: number, observe: (t: number, y: Float64Array, prev: Float64Array) => boolean): { t: number; y: Float64Array; steps: number } {
  const n = y0.length;
  let y = Float64Array.from(y0);
  let prev = Float64Array.from(y0);
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  const k4 = new Float64Array(n);
  const tmp = new Float64Array(n);
  let t = 0;
  for (let s = 1; s <= maxSteps; s++) {
    const h = typeof step === 'number' ? step : step(t, y);
    f(t, y, k1);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + (h / 2) * k1[i]!;
    f(t + h / 2, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + (h / 2) * k2[i]!;
    f(t + h / 2, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i]! + h * k3[i]!;
    f(t + h, tmp, k4);
    [prev, y] = [y, prev];
    for (let i = 0; i < n; i++) y[i] = prev[i]! + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
    t += h;
    if (observe(t, y, prev)) return { t, y, steps: s };
  }
  return { t, y, steps: maxSteps };
}
