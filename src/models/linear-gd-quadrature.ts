/**
 * The d -> infinity curves of gradient descent with a linear readout (src/models/linear-gd.ts),
 * evaluated by quadrature over the Marchenko–Pastur law instead of through its moments. The
 * moment form expands (1 - eta l)^{2k} into a polynomial whose alternating terms grow like
 * C(2k, j) (eta b)^j: once eta b k is a few units (large steps, late times) their cancellation
 * eats all sixteen digits. Evaluating (1 - eta l)^{2k} at quadrature nodes has no cancellation.
 *
 * mu, the spectral law of W = X^T X per coordinate (X n x d, N(0, 1/d) entries, n = delta d):
 * an atom max(0, 1 - delta) at 0 and the density sqrt((b - l)(l - a)) / (2 pi l) on [a, b],
 * a, b = (1 -+ sqrt(delta))^2 (mass min(1, delta)). With l = c + r x, c = (a + b) / 2,
 * r = (b - a) / 2, the density is r^2 sqrt(1 - x^2) / (2 pi l) dx: Gauss–Chebyshev of the second
 * kind (nodes x_j = cos(j pi / (N + 1)), weights pi / (N + 1) sin^2) times the smooth 1 / (2 pi l),
 * exact to rounding for the polynomials here once N exceeds their degree plus the terms 1 / l needs
 * (l >= a > 0 away from delta = 1).
 */
import type { LinearGdOptions } from './linear-gd.js';

export interface SpectralRule {
  /** the atom at 0 */
  atom: number;
  /** nodes in (a, b) and their weights (summing to min(1, delta)) */
  nodes: number[];
  weights: number[];
}

/** The quadrature rule of mu with `points` nodes on the continuous part. */
export function mpRule(delta: number, points = 400): SpectralRule {
  if (!(delta > 0) || Math.abs(delta - 1) < 1e-9) throw new RangeError(`mpRule: delta must be positive and away from 1 (the density's 1/l edge), got ${delta}`);
  const a = (1 - Math.sqrt(delta)) ** 2;
  const b = (1 + Math.sqrt(delta)) ** 2;
  const c = (a + b) / 2;
  const r = (b - a) / 2;
  const nodes: number[] = [];
  const weights: number[] = [];
  for (let j = 1; j <= points; j++) {
    const th = (j * Math.PI) / (points + 1);
    const l = c + r * Math.cos(th);
    nodes.push(l);
    weights.push(((Math.PI / (points + 1)) * Math.sin(th) ** 2 * r * r) / (2 * Math.PI * l));
  }
  return { atom: Math.max(0, 1 - delta), nodes, weights };
}

/** The limiting train and test curves, k = 0..steps (the same as linearGdLimit, without its cancellation). */
export function linearGdLimitQuadrature(o: LinearGdOptions, points = 400): { train: number[]; test: number[] } {
  const rule = mpRule(o.delta, points);
  const eta = o.slope * o.dt;
  const s2 = o.sigma * o.sigma;
  // the atom at 0: (1 - eta 0)^{2k} = 1, l S_k(l)^2 = 0
  const train: number[] = [];
  const test: number[] = [];
  for (let k = 0; k <= o.steps; k++) {
    let muA2 = rule.atom;
    let muLA2 = 0;
    let muLS2 = 0;
    rule.nodes.forEach((l, j) => {
      const w = rule.weights[j]!;
      const q = 1 - eta * l;
      const a2 = q ** (2 * k);
      // S_k(l) = sum_{i<k} q^i = (1 - q^k) / (eta l)
      const S = (1 - q ** k) / (eta * l);
      muA2 += w * a2;
      muLA2 += w * l * a2;
      muLS2 += w * l * S * S;
    });
    // nu[f] = mu[f] / delta + (1 - 1/delta) f(0), with f(0) = 1 for f = (1 - eta l)^{2k}
    const nuA2 = muA2 / o.delta + (1 - 1 / o.delta);
    test.push((o.m0 * muA2 + eta * eta * s2 * muLS2) / 2);
    train.push((o.m0 * muLA2) / o.delta / 2 + (s2 * nuA2) / 2);
  }
  return { train, test };
}
