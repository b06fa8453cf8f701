import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { Chi2 } from '../../src/models/wishart-law.js';
import { mpEdges, mpShellShares, shellCuts, shellOf, shellVariance } from '../../src/models/wishart-shells.js';
import { Gaussian } from '../../src/numeric/float64.js';
import { Rng } from '../../src/numeric/rng.js';

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** the law's shares by the midpoint rule on x (a route apart from the quadrature in t): error ~N^-3/2 at the square-root edges */
function midpointShares(gamma: number, K: number, weight: 1 | 2, N = 400_000): number[] {
  const [a, b] = mpEdges(gamma);
  const cuts = shellCuts(gamma, K);
  const mass = new Array<number>(K).fill(0);
  for (let i = 0; i < N; i++) {
    const x = a + ((b - a) * (i + 0.5)) / N;
    mass[shellOf(x, cuts)]! += Math.sqrt((b - x) * (x - a)) / x ** weight;
  }
  const total = mass.reduce((s, x) => s + x, 0);
  return mass.map((x) => x / total);
}

describe('the variance term over log shells of the Wishart spectrum', () => {
  it('the shells: K geometric cuts strictly between the Marchenko–Pastur edges, the ends open', () => {
    for (const g of [0.3, 0.8, 1.25, 4]) {
      const [lo, hi] = mpEdges(g);
      const c = shellCuts(g, 4);
      expect(c).toHaveLength(3);
      const ratio = (hi / lo) ** 0.25;
      [lo, ...c].slice(1).forEach((x, k) => expect(x / [lo, ...c][k]!).toBeCloseTo(ratio, 12));
      expect(shellOf(lo / 2, c)).toBe(0);
      expect(shellOf(c[0]!, c)).toBe(1);
      expect(shellOf(hi * 2, c)).toBe(3);
    }
    expect(mpEdges(2)[0]).toBeCloseTo((Math.SQRT2 - 1) ** 2, 14);
    expect(() => mpEdges(1)).toThrow(RangeError);
    expect(() => mpEdges(0)).toThrow(RangeError);
    expect(() => shellCuts(0.5, 0)).toThrow(RangeError);
  });

  it('the law\'s shares by quadrature: converged, summing to 1, the midpoint rule\'s, and the same at gamma and 1/gamma', () => {
    for (const g of [0.3, 0.5, 0.8, 0.95, 2]) {
      for (const weight of ['variance', 'count'] as const) {
        const s = mpShellShares(g, 4, weight);
        expect(Math.abs(s.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-14);
        mpShellShares(g, 4, weight, undefined, 96).forEach((x, k) => expect(Math.abs(x - s[k]!), `gamma ${g} ${weight} nodes`).toBeLessThan(1e-12));
        midpointShares(g, 4, weight === 'variance' ? 2 : 1).forEach((x, k) => expect(Math.abs(x - s[k]!), `gamma ${g} ${weight} midpoint`).toBeLessThan(3e-5));
        mpShellShares(1 / g, 4, weight).forEach((x, k) => expect(Math.abs(x - s[k]!), `gamma ${g} ${weight} mirror`).toBeLessThan(1e-12));
      }
    }
    // the 1/lambda weight moves the variance to the low shells: the count puts less there
    expect(mpShellShares(0.5, 4, 'count')[0]!).toBeLessThan(mpShellShares(0.5, 4)[0]! / 2);
    // the density's own edges may differ from the shells' (a wrong law): all of it in the shells still
    const off = mpShellShares(0.5, 4, 'variance', [0.95 * mpEdges(0.5)[0], mpEdges(0.5)[1]]);
    expect(Math.abs(off.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-14);
    expect(off[0]!).toBeGreaterThan(mpShellShares(0.5, 4)[0]!);
  });

  it('the simulation: shares summing to 1, the total at the inverse-Wishart mean p/(m - p - 1), either side of the threshold', () => {
    for (const [n, d] of [[60, 30], [30, 60], [100, 80]] as const) {
      const v = shellVariance(n, d, 4, 2000, new Chi2(new Rng(n + d)));
      expect(Math.abs(v.share.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      const [p, m] = [Math.min(n, d), Math.max(n, d)];
      expect(Math.abs(v.total - p / (m - p - 1)), `${n}x${d}`).toBeLessThan(4 * v.totalSe);
    }
    expect(() => shellVariance(20, 10, 4, 1, new Chi2(new Rng(1)))).toThrow(RangeError);
  });

  it('the simulation in law has the shares of direct Gaussian designs (ml-matrix eigenvalues of X^T X / n, binned)', () => {
    const S = 800;
    for (const [n, d] of [[40, 20], [20, 40]] as const) {
      const model = shellVariance(n, d, 4, S, new Chi2(new Rng(3 * n + d)));
      const gd = new Gaussian(new Rng(5 * n + d));
      const cuts = shellCuts(d / n, 4);
      const sums = Array.from({ length: 4 }, () => [] as number[]);
      const totals: number[] = [];
      for (let s = 0; s < S; s++) {
        const X = new Matrix(Array.from({ length: n }, () => Array.from({ length: d }, () => gd.next())));
        const ev = new EigenvalueDecomposition(X.transpose().mmul(X).div(n), { assumeSymmetric: true }).realEigenvalues;
        // the nonzero ones: the p largest (d - n exact zeros for d > n)
        const nz = ev.sort((a, b) => b - a).slice(0, Math.min(n, d));
        const row = [0, 0, 0, 0];
        for (const x of nz) row[shellOf(x, cuts)]! += 1 / (n * x);
        row.forEach((x, k) => sums[k]!.push(x));
        totals.push(row.reduce((a, b) => a + b, 0));
      }
      const T = mean(totals);
      sums.forEach((xs, k) => {
        const r = mean(xs) / T;
        const se = Math.sqrt(mean(xs.map((x, i) => (x - r * totals[i]!) ** 2)) / (S - 1)) / T;
        expect(Math.abs(r - model.share[k]!), `${n}x${d} shell ${k}`).toBeLessThan(4 * Math.hypot(se, model.shareSe[k]!));
      });
    }
  }, 60_000);

  it('the simulation approaches the Marchenko–Pastur shares with an offset of order 1/n', () => {
    const mp = mpShellShares(0.8, 4);
    const [big, small] = [shellVariance(400, 320, 4, 200, new Chi2(new Rng(41))), shellVariance(100, 80, 4, 3200, new Chi2(new Rng(42)))];
    const [ob, os] = [big.share[0]! - mp[0]!, small.share[0]! - mp[0]!];
    // the lowest shell sits above the law by about 2.4/p
    expect(os).toBeGreaterThan(10 * small.shareSe[0]!);
    expect(ob).toBeGreaterThan(2 * big.shareSe[0]!);
    expect(os / ob).toBeGreaterThan(2.5);
    expect(os / ob).toBeLessThan(7);
  }, 60_000);
});
