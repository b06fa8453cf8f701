/**
 * The finite-dimensional system whose d -> infinity limit src/models/dmft.ts describes: a
 * separable first-order dynamics x^{k+1} = x^k + dt drift(x^k, X^T e^k, theta) with the residual
 * e = X Delta - eps of Gaussian data X (n x d, entries N(0, 1/d)), in float64.
 */
import { gaussianSource, uniformSource, type SeparableDynamics } from './dmft.js';

export interface SimOptions {
  d: number;
  delta: number;
  sigma: number;
  dt: number;
  steps: number;
  seed: number;
}

export interface SimCurves {
  /** |e^k|^2 / (2 n) */
  train: number[];
  /** |Delta^k|^2 / (2 d) */
  test: number[];
  /**
   * Control variates: functionals of the data with exactly zero mean over X and eps at this very
   * d (Delta^0 is fixed by the prior's proportions), strongly correlated with the curves' draw-to-
   * draw fluctuations. With e^0 = X Delta^0 - eps, m0 = |Delta^0|^2 / d and Wishart moments of
   * W = X^T X (real Gaussian, E tr W^2 = n (n + d + 1) / d, E tr W^3 = n (n^2 + d^2 + 3 n d + 3 n + 3 d + 4) / d^2):
   *   z0 = |e^0|^2 / n - (m0 + sigma^2),
   *   z1 = |X^T e^0|^2 / n - (m0 (n + d + 1) / d + sigma^2),
   *   z2 = |X X^T e^0|^2 / n - (m0 E tr W^3 + sigma^2 E tr W^2) / n.
   */
  controls: number[];
}

/** The exact means subtracted in SimCurves.controls (see there). */
function controlMeans(n: number, d: number, m0: number, sigma: number): [number, number, number] {
  const trW2 = (n * (n + d + 1)) / d;
  const trW3 = (n * (n * n + d * d + 3 * n * d + 3 * n + 3 * d + 4)) / (d * d);
  const s2 = sigma * sigma;
  return [m0 + s2, (m0 * (n + d + 1)) / d + s2, (m0 * trW3 + s2 * trW2) / n];
}

export function simulateSeparable(dyn: SeparableDynamics, o: SimOptions): SimCurves {
  const d = o.d;
  const n = Math.max(1, Math.round(o.delta * d));
  const uni = uniformSource(o.seed);
  const gauss = gaussianSource(uni);
  const sd = 1 / Math.sqrt(d);
  const X = new Float64Array(n * d);
  for (let i = 0; i < X.length; i++) X[i] = sd * gauss();
  // the prior's atoms in fixed proportions (largest remainders): the composition does not
  // fluctuate, only the data do
  const theta = new Float64Array(d);
  const x = new Float64Array(d);
  const total = dyn.prior.reduce((s, a) => s + a.weight, 0);
  const exact = dyn.prior.map((a) => (a.weight / total) * d);
  const counts = exact.map(Math.floor);
  const order = exact.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0]);
  for (let r = d - counts.reduce((s, c) => s + c, 0), j = 0; r > 0; r--, j++) counts[order[j]![1]]!++;
  let i = 0;
  dyn.prior.forEach((a, k) => {
    for (let c = 0; c < counts[k]!; c++, i++) {
      theta[i] = a.theta;
      x[i] = a.x0;
    }
  });
  const eps = new Float64Array(n);
  for (let mu = 0; mu < n; mu++) eps[mu] = o.sigma * gauss();
  const D = new Float64Array(d);
  const e = new Float64Array(n);
  const g = new Float64Array(d);
  const buf = new Float64Array(3);
  const train: number[] = [];
  const test: number[] = [];
  const controls: number[] = [];
  for (let k = 0; ; k++) {
    let t2 = 0;
    for (let i = 0; i < d; i++) {
      dyn.readout(x[i]!, theta[i]!, buf);
      D[i] = buf[0]!;
      t2 += buf[0]! * buf[0]!;
    }
    let e2 = 0;
    for (let mu = 0; mu < n; mu++) {
      let s = -eps[mu]!;
      const row = mu * d;
      for (let i = 0; i < d; i++) s += X[row + i]! * D[i]!;
      e[mu] = s;
      e2 += s * s;
    }
    train.push(e2 / (2 * n));
    test.push(t2 / (2 * d));
    if (k === o.steps) break;
    g.fill(0);
    for (let mu = 0; mu < n; mu++) {
      const em = e[mu]!;
      const row = mu * d;
      for (let i = 0; i < d; i++) g[i]! += X[row + i]! * em;
    }
    if (k === 0) {
      let g2 = 0;
      for (let i = 0; i < d; i++) g2 += g[i]! * g[i]!;
      let h2 = 0;
      for (let mu = 0; mu < n; mu++) {
        let s = 0;
        const row = mu * d;
        for (let i = 0; i < d; i++) s += X[row + i]! * g[i]!;
        h2 += s * s;
      }
      const mean = controlMeans(n, d, 2 * test[0]!, o.sigma);
      controls.push(2 * train[0]! - mean[0], g2 / n - mean[1], h2 / n - mean[2]);
    }
    for (let i = 0; i < d; i++) {
      dyn.drift(x[i]!, g[i]!, theta[i]!, buf);
      x[i] = x[i]! + o.dt * buf[0]!;
    }
  }
  return { train, test, controls };
}
