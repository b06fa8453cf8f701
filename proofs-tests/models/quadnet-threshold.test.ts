import { describe, expect, it } from 'vitest';
import { designFromGram, jacobiEig, nuclearEstimator, sampledDesign, symmetricPairs } from '../../src/models/quadnet-sampled.js';
import { deltaCovariance, designDelta, expectedQuadratic, quadFormMoment4, thresholdStatistics } from '../../src/models/quadnet-threshold.js';
import { Rng } from '../../src/numeric/rng.js';

const gauss = (rng: Rng): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
const randSym = (rng: Rng, d: number): number[][] => {
  const M = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) M[i]![j] = M[j]![i] = rng.next() - 0.5;
  return M;
};
const diag = (v: number[]): number[][] => v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));

describe('quadFormMoment4: fourth moments of centred Gaussian quadratic forms', () => {
  it('in one dimension it is E(x^2 - 1)^4 = 60, and E(x^2 - 1)^2 (y^2 - 1)^2 = 4 for independent coordinates', () => {
    expect(quadFormMoment4([[1]], [[1]], [[1]], [[1]])).toBeCloseTo(60, 12);
    const e1 = diag([1, 0]);
    const e2 = diag([0, 1]);
    expect(quadFormMoment4(e1, e1, e2, e2)).toBeCloseTo(4, 12);
    // E[(x^2-1)^3 (y^2-1)] = 0
    expect(quadFormMoment4(e1, e1, e1, e2)).toBeCloseTo(0, 12);
  });

  it('matches a Monte Carlo average for random symmetric forms (within 5 standard errors)', () => {
    const d = 3;
    const rng = new Rng(11);
    const [A, B, C, D] = [0, 1, 2, 3].map(() => randSym(rng, d)) as [number[][], number[][], number[][], number[][]];
    const form = (M: number[][], x: number[]): number => x.reduce((s, xi, i) => s + x.reduce((t, xj, j) => t + xi * M[i]![j]! * xj, 0), 0) - M.reduce((s, r, i) => s + r[i]!, 0);
    const N = 200000;
    let sum = 0;
    let sq = 0;
    for (let k = 0; k < N; k++) {
      const x = Array.from({ length: d }, () => gauss(rng));
      const v = form(A, x) * form(B, x) * form(C, x) * form(D, x);
      sum += v;
      sq += v * v;
    }
    const mean = sum / N;
    const se = Math.sqrt((sq / N - mean * mean) / N);
    expect(Math.abs(quadFormMoment4(A, B, C, D) - mean)).toBeLessThan(5 * se);
  });

  it('deltaCovariance: the hand table of the claim (diagonal X, Y): 13 X_a Y_a + <X,Y> on the diagonal, <X,Y>/2 + 2(X_a Y_a + X_b Y_b) + X_a Y_b + X_b Y_a off it', () => {
    const rng = new Rng(5);
    const x = Array.from({ length: 5 }, () => rng.next() - 0.3);
    const y = Array.from({ length: 5 }, () => rng.next() - 0.6);
    const dot = x.reduce((s, v, k) => s + v * y[k]!, 0);
    for (let a = 0; a < 5; a++)
      for (let b = 0; b < 5; b++) {
        const hand = a === b ? 13 * x[a]! * y[a]! + dot : dot / 2 + 2 * (x[a]! * y[a]! + x[b]! * y[b]!) + x[a]! * y[b]! + x[b]! * y[a]!;
        expect(deltaCovariance(diag(x), diag(y), a, b)).toBeCloseTo(hand, 12);
      }
  });
});

describe('the expansion of the threshold', () => {
  // H = I + eps E on the symmetric matrices (orthonormal basis), a deterministic perturbation: the
  // remainder r tau - r kappa + L - Q must be third order in eps
  const d = 5;
  const s = Array.from({ length: d }, (_, k) => (k + 1) ** -2);
  const pairs = symmetricPairs(d);
  const m = pairs.length;
  const w = pairs.map(([i, j]) => (i === j ? 1 : Math.SQRT1_2));
  const rng = new Rng(3);
  const E = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let p = 0; p < m; p++) for (let q = p; q < m; q++) E[p]![q] = E[q]![p] = rng.next() - 0.5;
  const sstar = pairs.map(([i, j]) => (i === j ? s[i]! : 0));
  const remainder = (kappa: number, eps: number): { rem: number; quad: number } => {
    const G = E.map((row, p) => row.map((e, q) => ((p === q ? 1 : 0) + eps * e) / (w[p]! * w[q]!)));
    const D = designFromGram(d, 1, G, G.map((row) => row.reduce((acc, g, q) => acc + g * sstar[q]!, 0)));
    const g = jacobiEig(nuclearEstimator(D, kappa, 1e-15).S).values;
    const k = g.filter((v) => v > 1e-9).length;
    const shift = g.slice(0, k).reduce((acc, v, i) => acc + s[i]! - v, 0);
    const st = thresholdStatistics(D, s, kappa, k);
    return { rem: shift - k * kappa + st.linear - st.quadratic, quad: st.quadratic };
  };

  it('designDelta is H X - X: zero for the identity design, linear in eps otherwise', () => {
    const X = randSym(new Rng(4), d);
    const I = E.map((row, p) => row.map((_, q) => (p === q ? 1 : 0) / (w[p]! * w[q]!)));
    const D0 = designFromGram(d, 1, I, new Array<number>(m).fill(0));
    for (const row of designDelta(D0, X)) for (const v of row) expect(Math.abs(v)).toBeLessThan(1e-13);
  });

  for (const kappa of [0.02, 0.1])
    it(`r tau = r kappa - L + Q + O(eps^3) (kappa = ${kappa}: ${s.filter((v) => v > kappa).length} of ${d} modes kept)`, () => {
      const a = remainder(kappa, 0.04);
      const b = remainder(kappa, 0.02);
      // the quadratic statistic is second order, the remainder at least third (or at the solver's floor)
      expect(a.quad / b.quad).toBeGreaterThan(3.5);
      expect(Math.abs(b.rem)).toBeLessThan(Math.max(Math.abs(a.rem) / 5, 1e-8));
      expect(Math.abs(a.rem)).toBeLessThan(0.1 * Math.abs(a.quad));
    });

  it('expectedQuadratic is the mean of the quadratic statistic over sampled designs (and exact in n)', () => {
    const kappa = 0.05;
    const r = s.filter((v) => v > kappa).length;
    const S = diag(s);
    const n = 400;
    const vals: number[] = [];
    for (let k = 0; k < 60; k++) vals.push(thresholdStatistics(sampledDesign(S, n, new Rng(100 + k)), s, kappa, r).quadratic);
    const mean = vals.reduce((x, y) => x + y, 0) / vals.length;
    const se = Math.sqrt(vals.reduce((x, y) => x + (y - mean) ** 2, 0) / (vals.length - 1) / vals.length);
    const e = expectedQuadratic(s, kappa, r, n);
    expect(Math.abs(mean - e)).toBeLessThan(4 * se);
    expect(expectedQuadratic(s, kappa, r, 2 * n)).toBeCloseTo(e / 2, 14);
  }, 60000);
});
