/**
 * Spectral penalties kappa sum_j |lambda_j(S)|^p on symmetric matrices (p = 1: the nuclear norm;
 * p in (0, 1): a Schatten quasi-norm; p = 2: the squared Frobenius norm) and the proximal-gradient
 * method for 1/2 |A vec(S) - y|^2 + kappa sum_j |lambda_j(S)|^p, in fixed point. The proximal map
 * of a unitarily invariant penalty acts on the eigenvalues (von Neumann's trace inequality), so
 * it reduces to the scalar problem min_x 1/2 (x - y)^2 + kappa |x|^p, solved here globally.
 */
import { eigSym } from './eigen.js';
import type { Fixed } from './fixed.js';
import { matmul, matvec, transpose, type Mat, type Vec } from './linalg.js';

/** A rational exponent p = num / den, 0 < p <= 1 or p = 2. */
export interface Exponent {
  num: number;
  den: number;
}

function checkExponent(p: Exponent): number {
  const v = p.num / p.den;
  if (!(Number.isInteger(p.num) && Number.isInteger(p.den) && p.den > 0 && ((v > 0 && v <= 1) || v === 2))) throw new RangeError(`exponent must be in (0, 1] or 2, got ${p.num}/${p.den}`);
  return v;
}

/** |x|^q for x > 0 and a rational q, correctly rounded through decimal.js. */
function powPos(F: Fixed, x: bigint, num: number, den: number): bigint {
  return F.apply((v) => v.pow(new F.D(num).div(den)), x);
}

/**
 * argmin_x 1/2 (x - y)^2 + kappa |x|^p (kappa >= 0), the global minimiser. p = 1: soft
 * thresholding; p = 2: shrinkage y / (1 + 2 kappa); p in (0, 1): for y > 0 the stationary points
 * on x > 0 are the roots of phi(x) = x - y + kappa p x^(p-1), convex, positive at 0+ and at y; its
 * larger root (the local minimum) is reached by Newton's method from y, monotonically, when it
 * exists (a step to phi' <= 0 or to x <= 0 shows it does not); it is then compared with x = 0.
 */
export function proxPower(F: Fixed, y: bigint, kappa: bigint, p: Exponent): bigint {
  const pv = checkExponent(p);
  if (kappa < 0n) throw new RangeError('proxPower: kappa must be >= 0');
  const neg = y < 0n;
  const ay = neg ? -y : y;
  const signed = (x: bigint): bigint => (neg ? -x : x);
  if (pv === 2) return signed(F.div(ay, F.one + 2n * kappa));
  if (pv === 1) return signed(ay > kappa ? ay - kappa : 0n);
  if (ay === 0n || kappa === 0n) return y;
  const kp = F.ratio(BigInt(p.num), BigInt(p.den));
  const kp1 = F.mul(kappa, kp);
  const kp2 = F.mul(kp1, F.ratio(BigInt(p.den - p.num), BigInt(p.den)));
  let x = ay;
  const ulps = 1n << 8n;
  let root: bigint | undefined;
  for (let it = 0; it < 400; it++) {
    // x^(p-1) and x^(p-2) from one power
    const xp1 = powPos(F, x, p.num - p.den, p.den);
    const xp2 = F.div(xp1, x);
    const phi = x - ay + F.mul(kp1, xp1);
    const dphi = F.one - F.mul(kp2, xp2);
    if (dphi <= 0n) break;
    const step = F.div(phi, dphi);
    const xn = x - step;
    if (xn <= 0n) break;
    x = xn;
    if (F.abs(step) <= ulps) {
      root = x;
      break;
    }
  }
  if (root === undefined) return 0n;
  const d = root - ay;
  const atRoot = F.mul(d, d) / 2n + F.mul(kappa, powPos(F, root, p.num, p.den));
  const atZero = F.mul(ay, ay) / 2n;
  return atRoot < atZero ? signed(root) : 0n;
}

/**
 * Where the scalar problem's minimiser leaves 0, in float64, for p in (0, 1): `local`, the |y|
 * above which a nonzero local minimum exists (phi's minimum at x_m = (kappa p (1-p))^(1/(2-p))
 * reaches 0), and `global`, above which it is the global one: beta + kappa p beta^(p-1) with
 * beta = (2 kappa (1-p))^(1/(2-p)) (where the two minima have equal values). Between them the
 * problem has two local minima.
 */
export function powerThresholds(kappa: number, p: number): { local: number; global: number } {
  if (!(p > 0 && p < 1)) throw new RangeError(`powerThresholds: p must be in (0, 1), got ${p}`);
  const xm = (kappa * p * (1 - p)) ** (1 / (2 - p));
  const beta = (2 * kappa * (1 - p)) ** (1 / (2 - p));
  return { local: xm + kappa * p * xm ** (p - 1), global: beta + kappa * p * beta ** (p - 1) };
}

export interface SpectralProx {
  S: Mat;
  /** eigenvalues of S, x_j = prox(y_j), in the order of the eigenvalues y_j of the input (descending) */
  values: Vec;
  /** the eigenvalues y_j of the input */
  inputs: Vec;
  /** eigenvectors of the input (columns) */
  vectors: Mat;
}

/** The proximal map of kappa sum_j |lambda_j|^p at the symmetric Y: U diag(prox(y_j)) U^T. */
export function proxSpectral(F: Fixed, Y: Mat, kappa: bigint, p: Exponent, start?: Mat): SpectralProx {
  const e = eigSym(F, Y, start);
  const values = e.values.map((y) => proxPower(F, y, kappa, p));
  const U = e.vectors;
  const UD = U.map((row) => row.map((u, j) => F.mul(u, values[j]!)));
  const S = matmul(F, UD, transpose(U));
  return { S: symmetrise(S), values, inputs: e.values, vectors: U };
}

function symmetrise(S: Mat): Mat {
  return S.map((row, i) => row.map((v, j) => (i === j ? v : (v + S[j]![i]!) / 2n)));
}

export interface ProxGradientResult extends SpectralProx {
  iterations: number;
  converged: boolean;
  /** the step t: the last prox was that of t kappa |.|^p */
  step: bigint;
}

/**
 * The extreme eigenvalues [mu, L] of S -> A^T A vec(S) on symmetric d x d matrices: the Gram matrix of
 * A applied to the orthonormal basis e_i e_i^T, (e_i e_j^T + e_j e_i^T) / sqrt 2.
 */
export function symmetricSpectrum(F: Fixed, A: Mat, d: number): [bigint, bigint] {
  const r2 = F.div(F.one, F.sqrt(2n * F.one));
  const cols: Vec[] = [];
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) cols.push(A.map((row) => (i === j ? row[i * d + i]! : F.mul(r2, row[i * d + j]! + row[j * d + i]!))));
  const G = cols.map((u) => cols.map((v) => u.reduce((s, x, k) => s + F.mul(x, v[k]!), 0n)));
  const values = eigSym(F, G).values;
  return [values[values.length - 1]!, values[0]!];
}

/**
 * Proximal gradient for min over symmetric d x d S of 1/2 |A vec(S) - y|^2 + kappa sum_j |lambda_j(S)|^p,
 * with A an n x d^2 matrix acting on the row-major vec(S): S <- prox_{t kappa}(S - t grad). [mu, L]
 * is the spectrum of A^T A on symmetric matrices. For p >= 1 the problem is convex, the step is
 * t = 2 / (L + mu) and the iteration contracts by (L - mu) / (L + mu) when mu > 0 (the gradient
 * step does, the prox is nonexpansive); for p < 1, t = 1/L and the iteration reaches a stationary
 * point (the minimiser when A is the identity: one exact prox). Stops when an update moves no
 * entry by more than 2^16 ulps, or after maxIter.
 */
export function proximalGradient(F: Fixed, A: Mat, y: Vec, d: number, kappa: bigint, p: Exponent, opts: { maxIter?: number; start?: Mat } = {}): ProxGradientResult {
  const pv = checkExponent(p);
  if (A[0]?.length !== d * d || A.length !== y.length) throw new RangeError('proximalGradient: A must be n x d^2 and y of length n');
  const maxIter = opts.maxIter ?? 40 * F.bits;
  const At = transpose(A);
  const H = matmul(F, At, A);
  const b = matvec(F, At, y);
  const [mu, L] = symmetricSpectrum(F, A, d);
  if (L <= 0n) throw new RangeError('proximalGradient: A is zero on symmetric matrices');
  const t = pv >= 1 && mu > 0n ? F.div(2n * F.one, L + mu) : F.div(F.one, L);
  const tk = F.mul(t, kappa);
  let S: Mat = opts.start ?? Array.from({ length: d }, () => new Array<bigint>(d).fill(0n));
  let basis: Mat | undefined;
  let last: SpectralProx | undefined;
  const tol = 1n << 16n;
  for (let it = 0; it < maxIter; it++) {
    const g = matvec(F, H, S.flat()).map((v, k) => v - b[k]!);
    const G = symmetrise(Array.from({ length: d }, (_, i) => g.slice(i * d, (i + 1) * d)));
    const Z = S.map((row, i) => row.map((v, j) => v - F.mul(t, G[i]![j]!)));
    last = proxSpectral(F, Z, tk, p, basis);
    basis = last.vectors;
    let moved = 0n;
    last.S.forEach((row, i) => row.forEach((v, j) => {
      const m = F.abs(v - S[i]![j]!);
      if (m > moved) moved = m;
    }));
    S = last.S;
    if (moved <= tol && it > 0) return { ...last, iterations: it + 1, converged: true, step: t };
  }
  if (!last) throw new RangeError('proximalGradient: maxIter must be positive');
  return { ...last, iterations: maxIter, converged: false, step: t };
}
