/**
 * The variance term of min-norm least squares split over logarithmic shells of the spectrum.
 * X is n x d standard Gaussian, gamma = d / n; the p = min(n, d) nonzero eigenvalues lambda_i
 * of X^T X / n are those of G / n, G the Gram matrix (Wishart W_p(m), m = max(n, d)), and the
 * variance term is sigma^2 tr G^-1 = sigma^2 sum_i 1 / (n lambda_i). The shells are K equal
 * logarithmic shells between the Marchenko–Pastur edges (1 -+ sqrt(gamma))^2, the lowest and
 * the highest open below and above (finite n puts a few eigenvalues past the edges).
 *
 * Two routes: the simulation (the bidiagonal model's tridiagonal, all its eigenvalues, summed
 * shell by shell), and the Marchenko–Pastur law's prediction by quadrature (for the tests of a
 * closed form: the simulation is the truth, this is the formula's cross-check).
 */
import { gaussLegendre } from '../numeric/gauss-legendre.js';
import { tridiagonalEigenvalues } from '../numeric/tridiagonal.js';
import { bidiagonalWishart, type Bidiagonal, type Chi2 } from './wishart-law.js';

/** The Marchenko–Pastur edges of the nonzero spectrum of X^T X / n, either side of gamma = 1. */
export function mpEdges(gamma: number): [lo: number, hi: number] {
  if (!(gamma > 0) || gamma === 1) throw new RangeError(`the edges are apart for gamma > 0, gamma != 1; got ${gamma}`);
  const r = Math.sqrt(gamma);
  return [(1 - r) ** 2, (1 + r) ** 2];
}

/** The K - 1 cuts between the K log shells: lo^(1 - k/K) hi^(k/K), k = 1..K-1. */
export function shellCuts(gamma: number, K: number): number[] {
  if (!(Number.isInteger(K) && K >= 1)) throw new RangeError(`K must be a positive integer, got ${K}`);
  const [lo, hi] = mpEdges(gamma);
  return Array.from({ length: K - 1 }, (_, j) => lo ** (1 - (j + 1) / K) * hi ** ((j + 1) / K));
}

/** The shell of lambda: 0 at and below the first cut, K - 1 above the last. */
export function shellOf(lambda: number, cuts: readonly number[]): number {
  let k = 0;
  while (k < cuts.length && lambda >= cuts[k]!) k++;
  return k;
}

export interface ShellVariance {
  n: number;
  d: number;
  /** designs */
  designs: number;
  /** E tr G^-1 (the variance term / sigma^2) over the designs, and its standard error */
  total: number;
  totalSe: number;
  /** E sum_{shell k} 1/(n lambda_i) / E tr G^-1: the share of the variance term per shell, and its standard error (delta method) */
  share: number[];
  shareSe: number[];
}

/** The Gram matrix B B^T of one bidiagonal draw as a tridiagonal: diagonal a_i^2 + b_(i-1)^2, off-diagonal a_i b_i. */
function gramTridiagonal(B: Bidiagonal, diag: Float64Array, off: Float64Array): void {
  const p = B.a2.length;
  for (let i = 0; i < p; i++) diag[i] = B.a2[i]! + (i > 0 ? B.b2[i - 1]! : 0);
  for (let i = 0; i < p - 1; i++) off[i] = Math.sqrt(B.a2[i]! * B.b2[i]!);
}

/**
 * The variance term of `designs` designs n x d in law, split over the K shells at gamma = d / n:
 * the share of shell k is the ratio of the means of its sum and of the total (the share of the
 * mean risk), its standard error from the per-design residuals sum_k - share * total.
 */
export function shellVariance(n: number, d: number, K: number, designs: number, g: Chi2): ShellVariance {
  if (!(designs >= 2)) throw new RangeError('a standard error needs two designs at least');
  const [p, m] = [Math.min(n, d), Math.max(n, d)];
  const cuts = shellCuts(d / n, K);
  const B: Bidiagonal = { a2: new Float64Array(p), b2: new Float64Array(Math.max(0, p - 1)) };
  const diag = new Float64Array(p);
  const off = new Float64Array(Math.max(0, p - 1));
  const sums = Array.from({ length: designs }, () => new Float64Array(K));
  const totals = new Float64Array(designs);
  for (let s = 0; s < designs; s++) {
    gramTridiagonal(bidiagonalWishart(p, m, g, B), diag, off);
    const sum = sums[s]!;
    for (const x of tridiagonalEigenvalues(diag, off)) {
      // x = n lambda: the eigenvalue of G, whose inverse is the term of tr G^-1
      sum[shellOf(x / n, cuts)]! += 1 / x;
      totals[s]! += 1 / x;
    }
  }
  const mean = (f: (s: number) => number): number => {
    let a = 0;
    for (let s = 0; s < designs; s++) a += f(s);
    return a / designs;
  };
  const total = mean((s) => totals[s]!);
  const totalSe = Math.sqrt(mean((s) => (totals[s]! - total) ** 2) * (designs / (designs - 1)) / designs);
  const share: number[] = [];
  const shareSe: number[] = [];
  for (let k = 0; k < K; k++) {
    const r = mean((s) => sums[s]![k]!) / total;
    share.push(r);
    shareSe.push(Math.sqrt(mean((s) => (sums[s]![k]! - r * totals[s]!) ** 2) * (designs / (designs - 1)) / designs) / total);
  }
  return { n, d, designs, total, totalSe, share, shareSe };
}

/**
 * The Marchenko–Pastur law's share per shell, by quadrature: the density of the nonzero
 * eigenvalues is proportional to sqrt((hi - x)(x - lo)) / x on [lo, hi] (either side of
 * gamma = 1), weighted by 1/x for the variance term ('variance') or not ('count': the fraction
 * of the eigenvalues). With x = (lo + hi)/2 - (hi - lo)/2 cos t the square root is
 * (hi - lo)/2 sin t and the integrand is smooth in t on every shell: Gauss–Legendre in t
 * converges exponentially. `edges` overrides the density's edges (the shells stay gamma's).
 */
export function mpShellShares(gamma: number, K: number, weight: 'variance' | 'count' = 'variance', edges?: [number, number], nodes = 48): number[] {
  const [lo, hi] = edges ?? mpEdges(gamma);
  const half = (hi - lo) / 2;
  const mid = (lo + hi) / 2;
  const tOf = (x: number): number => Math.acos(Math.min(1, Math.max(-1, (mid - x) / half)));
  const ends = [0, ...shellCuts(gamma, K).map(tOf), Math.PI];
  const w = weight === 'variance' ? 2 : 1;
  const mass = ends.slice(0, -1).map((t0, k) => {
    const rule = gaussLegendre(nodes, t0, ends[k + 1]!);
    let s = 0;
    rule.nodes.forEach((t, i) => {
      const x = mid - half * Math.cos(t);
      s += (rule.weights[i]! * (half * Math.sin(t)) ** 2) / x ** w;
    });
    return s;
  });
  const total = mass.reduce((a, b) => a + b, 0);
  return mass.map((x) => x / total);
}
