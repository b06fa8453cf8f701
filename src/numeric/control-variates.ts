/**
 * The control-variate estimate of a mean: ybar - beta^T zbar, with controls z of known mean 0 and
 * beta fitted by least squares over the same draws, and its standard error from the fit's residuals.
 * With controls that explain a share R^2 of the draws' variance, the standard error shrinks by
 * sqrt(1 - R^2); fitting beta on the same draws biases the estimate by O(1/S) only.
 *
 * The fit centres and scales the controls and solves through the singular values, dropping
 * directions below 1e-9 of the largest: controls that are nearly functions of one another (a
 * linear surrogate whose curves are nearly polynomials in the data's moments, say) then cost
 * nothing, where the normal equations would lose every digit.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/**
 * A control-variate estimate of a mean, with its standard error.
 *
 * @example
 * ```ts
 * import { controlVariateMean, type CvEstimate } from 'scalecheck/numeric';
 *
 * const est: CvEstimate = controlVariateMean([1, 2, 3, 4, 6], [[-2], [-1], [0], [1], [2]]);
 * ```
 */
export interface CvEstimate {
  /** the estimate ybar - beta^T zbar */
  mean: number;
  /** its standard error */
  se: number;
  /** the fitted coefficients of the controls */
  beta: number[];
}

/**
 * The control-variate mean of draws y with controls z (one row per draw, each control of mean 0);
 * see the module's comment for the method.
 *
 * @example
 * ```ts
 * import { controlVariateMean, Gaussian, Rng } from 'scalecheck/numeric';
 *
 * // E[Z + Z^2] = 1, with Z as a control (known mean 0): the Z part of the noise is removed
 * const g = new Gaussian(new Rng(1));
 * const zs = Array.from({ length: 200 }, () => g.next());
 * const { mean, se } = controlVariateMean(zs.map((z) => z + z * z), zs.map((z) => [z]));
 * ```
 */
export function controlVariateMean(y: readonly number[], z: readonly (readonly number[])[]): CvEstimate {
  const S = y.length;
  const p = z[0]?.length ?? 0;
  if (z.length !== S || z.some((r) => r.length !== p)) throw new Error('controlVariateMean: one row of controls per draw, all of one length');
  if (S < p + 3) throw new Error(`controlVariateMean: ${S} draws cannot fit ${p} controls`);
  const ybar = y.reduce((a, b) => a + b, 0) / S;
  const zbar = Array.from({ length: p }, (_, j) => z.reduce((a, r) => a + r[j]!, 0) / S);
  const scale = zbar.map((m, j) => Math.sqrt(z.reduce((a, r) => a + (r[j]! - m) ** 2, 0) / S) || 1);
  // centred, scaled controls Zc (S x p): y - ybar = Zc b + residual
  const Zc = p > 0 ? new Matrix(z.map((r) => r.map((v, j) => (v - zbar[j]!) / scale[j]!))) : new Matrix(S, 0);
  const yc = Matrix.columnVector(y.map((v) => v - ybar));
  const svd = p > 0 ? new SingularValueDecomposition(Zc, { autoTranspose: true }) : undefined;
  const sv = svd?.diagonal ?? [];
  const cut = 1e-9 * Math.max(...sv, 0);
  const U = svd?.leftSingularVectors ?? new Matrix(S, 0);
  const V = svd?.rightSingularVectors ?? new Matrix(0, 0);
  // b = V diag(1/s) U^T yc over the kept directions; (Zc^T Zc)^+ = V diag(1/s^2) V^T
  const b = new Array<number>(p).fill(0);
  const g = zbar.map((m, j) => m / scale[j]!);
  let quad = 0; // g^T (Zc^T Zc)^+ g
  sv.forEach((s, k) => {
    if (!(s > cut)) return;
    let uy = 0;
    for (let i = 0; i < S; i++) uy += U.get(i, k) * yc.get(i, 0);
    let vg = 0;
    for (let j = 0; j < p; j++) vg += V.get(j, k) * g[j]!;
    for (let j = 0; j < p; j++) b[j]! += (V.get(j, k) * uy) / s;
    quad += (vg / s) ** 2;
  });
  const rank = sv.filter((s) => s > cut).length;
  let ss = 0;
  for (let i = 0; i < S; i++) {
    let fit = 0;
    for (let j = 0; j < p; j++) fit += Zc.get(i, j) * b[j]!;
    ss += (yc.get(i, 0) - fit) ** 2;
  }
  const beta = b.map((v, j) => v / scale[j]!);
  const meanEst = ybar - beta.reduce((a, v, j) => a + v * zbar[j]!, 0);
  // Var = sigma^2 (1/S + zbar^T (Zc^T Zc)^+ zbar), in the scaled coordinates
  return { mean: meanEst, se: Math.sqrt((ss / (S - rank - 1)) * (1 / S + quad)), beta };
}
