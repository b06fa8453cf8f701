import { describe, expect, it } from 'vitest';
import { cholesky, gaussianStream, jacobiEig, mirroredDesign, nestedDesigns, nuclearEstimator, sampledDesign, symmetricPairs, type SampledDesign } from '../../src/models/quadnet-sampled.js';
import { Rng } from '../../src/numeric/rng.js';
import { designDelta, thresholdStatistics } from '../../src/models/quadnet-threshold.js';

const gauss = (rng: Rng): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
const randSym = (rng: Rng, d: number): number[][] => {
  const M = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) M[i]![j] = M[j]![i] = rng.next() - 0.5;
  return M;
};
const maxAbs = (M: number[][]): number => Math.max(...M.flat().map(Math.abs));
const sub = (A: number[][], B: number[][]): number[][] => A.map((r, i) => r.map((v, j) => v - B[i]![j]!));
const recompose = (values: number[], V: number[][]): number[][] => V.map((_, i) => V.map((__, j) => values.reduce((s, v, k) => s + v * V[i]![k]! * V[j]![k]!, 0)));
const half = (D: SampledDesign, M: number[][]): number => 0.5 * D.A.reduce((s, row, k) => s + (row.reduce((t, a, j) => t + a * M[Math.floor(j / D.d)]![j % D.d]!, 0) - D.y[k]!) ** 2, 0);

describe('float64 linear algebra of the sampled quadratic network', () => {
  it('cholesky: R^T R = G, R upper triangular; a non-definite G throws', () => {
    const rng = new Rng(1);
    const B = Array.from({ length: 9 }, () => Array.from({ length: 6 }, () => gauss(rng)));
    const G = Array.from({ length: 6 }, (_, p) => Array.from({ length: 6 }, (_, q) => B.reduce((s, b) => s + b[p]! * b[q]!, 0)));
    const R = cholesky(G);
    const RtR = G.map((_, p) => G.map((__, q) => R.reduce((s, r) => s + r[p]! * r[q]!, 0)));
    expect(maxAbs(sub(RtR, G))).toBeLessThan(1e-12 * maxAbs(G));
    R.forEach((row, i) => row.forEach((v, j) => j < i && expect(v).toBe(0)));
    expect(() => cholesky([[1, 2], [2, 1]])).toThrow();
  });

  it('jacobiEig: orthonormal V, V diag(values) V^T = M, values descending', () => {
    const M = randSym(new Rng(2), 7);
    const { values, V } = jacobiEig(M);
    expect(maxAbs(sub(recompose(values, V), M))).toBeLessThan(1e-13);
    const VtV = V.map((_, p) => V.map((__, q) => V.reduce((s, r) => s + r[p]! * r[q]!, 0)));
    expect(maxAbs(sub(VtV, VtV.map((r, i) => r.map((_, j) => (i === j ? 1 : 0)))))).toBeLessThan(1e-13);
    for (let k = 1; k < values.length; k++) expect(values[k]!).toBeLessThanOrEqual(values[k - 1]!);
  });
});

describe('sampledDesign: the compressed design is the sampled loss', () => {
  it('gaussianStream: mean 0, variance 1, uncorrelated successive draws (the cos and sin of one pair)', () => {
    const draw = gaussianStream(new Rng(31));
    const N = 100000;
    let m = 0;
    let v = 0;
    let c = 0;
    for (let k = 0; k < N; k++) {
      const a = draw();
      const b = draw();
      m += a + b;
      v += a * a + b * b;
      c += a * b;
    }
    expect(Math.abs(m / (2 * N))).toBeLessThan(0.01);
    expect(Math.abs(v / (2 * N) - 1)).toBeLessThan(0.015);
    expect(Math.abs(c / N)).toBeLessThan(0.015);
  });

  it('differences of 1/(4n) sum (<x x^T - I, M> - y)^2 between two M are those of 1/2 |A vec M - y|^2 (with and without label noise)', () => {
    const d = 4;
    const n = 60;
    const S = randSym(new Rng(3), d);
    for (const noise of [0, 0.3]) {
      const D = sampledDesign(S, n, new Rng(9), noise);
      expect(D.A.length).toBe(symmetricPairs(d).length);
      // the same samples and noise, drawn again in the same order
      const draw = gaussianStream(new Rng(9));
      const data: { x: number[]; y: number }[] = [];
      for (let mu = 0; mu < n; mu++) {
        const x = Array.from({ length: d }, () => draw());
        const q = (M: number[][]): number => x.reduce((s, xi, i) => s + x.reduce((t, xj, j) => t + xi * M[i]![j]! * xj, 0), 0) - M.reduce((s, r, i) => s + r[i]!, 0);
        data.push({ x, y: q(S) + (noise > 0 ? noise * draw() : 0) });
      }
      const direct = (M: number[][]): number =>
        data.reduce((s, { x, y }) => s + (x.reduce((t, xi, i) => t + x.reduce((u, xj, j) => u + xi * M[i]![j]! * xj, 0), 0) - M.reduce((u, r, i) => u + r[i]!, 0) - y) ** 2, 0) / (4 * n);
      const M1 = randSym(new Rng(4), d);
      const M2 = randSym(new Rng(5), d);
      expect(Math.abs(direct(M1) - direct(M2) - (half(D, M1) - half(D, M2)))).toBeLessThan(1e-11);
      // noiseless: the compressed labels are A vec S*, the loss vanishes at S*
      if (noise === 0) expect(half(D, S)).toBeLessThan(1e-20);
    }
  });

  it('nestedDesigns: the designs of the first n_1 < n_2 inputs of one stream are those sampledDesign draws for each size', () => {
    const S = randSym(new Rng(12), 3);
    for (const noise of [0, 0.2]) {
      const [a, b] = nestedDesigns(S, [37, 90], new Rng(21), noise) as [SampledDesign, SampledDesign];
      for (const [D, n] of [[a, 37], [b, 90]] as const) {
        const E = sampledDesign(S, n, new Rng(21), noise);
        expect(D.n).toBe(n);
        D.A.forEach((row, k) => row.forEach((v, j) => expect(Math.abs(v - E.A[k]![j]!)).toBeLessThan(1e-12)));
        D.y.forEach((v, k) => expect(Math.abs(v - E.y[k]!)).toBeLessThan(1e-12));
      }
      // a different prefix: the smaller design is not the larger one
      expect(Math.abs(a.A[0]![0]! - b.A[0]![0]!)).toBeGreaterThan(1e-6);
    }
    expect(() => nestedDesigns(S, [50, 50], new Rng(1))).toThrow();
  });

  it('mirroredDesign: Delta -> -Delta (the linear statistic flips, the quadratic one stays), noiseless labels of S, and it throws when 2I - H is not definite', () => {
    const d = 4;
    const s = [1, 0.5, 0.2, 0.1];
    const S = s.map((v, i) => s.map((_, j) => (i === j ? v : 0)));
    const D = sampledDesign(S, 400, new Rng(3));
    const M = mirroredDesign(D, S);
    for (const X of [randSym(new Rng(4), d), S]) {
      const a = designDelta(D, X);
      const b = designDelta(M, X);
      a.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v + b[i]![j]!)).toBeLessThan(1e-11)));
      // not the zero perturbation: the check has something to flip
      expect(maxAbs(a)).toBeGreaterThan(1e-3);
    }
    const [p, q] = [thresholdStatistics(D, s, 0.3, 2), thresholdStatistics(M, s, 0.3, 2)];
    expect(Math.abs(p.linear + q.linear)).toBeLessThan(1e-11);
    expect(Math.abs(p.quadratic - q.quadratic)).toBeLessThan(1e-11);
    // noiseless: the loss of the mirrored design vanishes at S and only there
    expect(half(M, S)).toBeLessThan(1e-20);
    expect(half(M, sub(S, randSym(new Rng(5), d)))).toBeGreaterThan(1e-4);
    // too few samples: |Delta| >= 1 somewhere, 2I - H indefinite
    expect(() => mirroredDesign(sampledDesign(S, 12, new Rng(3)), S)).toThrow();
  });

  it('the Hessian spectrum concentrates at 1 as n/d^2 grows (the population loss is 1/2 |M - S*|_F^2)', () => {
    const S = randSym(new Rng(6), 4);
    const small = sampledDesign(S, 40, new Rng(1)).spectrum;
    const large = sampledDesign(S, 40000, new Rng(1)).spectrum;
    expect(large[0]).toBeGreaterThan(0.9);
    expect(large[1]).toBeLessThan(1.1);
    expect(large[1] - large[0]).toBeLessThan(small[1] - small[0]);
  });
});

describe('nuclearEstimator', () => {
  it('with an orthonormal design (loss 1/2 |M - S|_F^2) it is the spectral soft threshold of S at kappa', () => {
    const d = 5;
    const S = randSym(new Rng(7), d);
    const pairs = symmetricPairs(d);
    const A = pairs.map(([i, j]) => {
      const v = new Array<number>(d * d).fill(0);
      if (i === j) v[i * d + i] = 1;
      else v[i * d + j] = v[j * d + i] = Math.SQRT1_2;
      return v;
    });
    const y = A.map((row) => row.reduce((t, a, j) => t + a * S[Math.floor(j / d)]![j % d]!, 0));
    const kappa = 0.2;
    const sol = nuclearEstimator({ d, n: 0, A, y, spectrum: [1, 1] }, kappa);
    const e = jacobiEig(S);
    const want = recompose(e.values.map((v) => Math.sign(v) * Math.max(0, Math.abs(v) - kappa)), e.V);
    expect(sol.converged).toBe(true);
    expect(maxAbs(sub(sol.S, want))).toBeLessThan(1e-13);
  });

  it('on a sampled design its end point satisfies the optimality conditions of the nuclear-norm problem', () => {
    const d = 5;
    const s = Array.from({ length: d }, (_, k) => (k + 1) ** -2);
    const S = s.map((v, i) => s.map((_, j) => (i === j ? v : 0)));
    const D = sampledDesign(S, 200, new Rng(8));
    const kappa = 0.05;
    const sol = nuclearEstimator(D, kappa);
    expect(sol.converged).toBe(true);
    // Gamma = -grad of the loss (symmetrised) must be a subgradient of kappa |.|_* at S:
    // Gamma = kappa U sign U^T + W, W on the null space, |W|_op <= kappa
    const g = new Array<number>(d * d).fill(0);
    D.A.forEach((row, k) => {
      const r = row.reduce((t, a, j) => t + a * sol.S[Math.floor(j / d)]![j % d]!, 0) - D.y[k]!;
      row.forEach((a, j) => (g[j] = g[j]! + a * r));
    });
    const Gamma = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => -(g[i * d + j]! + g[j * d + i]!) / 2));
    const e = jacobiEig(sol.S);
    const proj = (M: number[][], u: number[], v: number[]): number => u.reduce((acc, ui, i) => acc + ui * v.reduce((t, vj, j) => t + M[i]![j]! * vj, 0), 0);
    const col = (k: number): number[] => e.V.map((r) => r[k]!);
    const kept = e.values.map((v, k) => (Math.abs(v) > 1e-10 ? k : -1)).filter((k) => k >= 0);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(d);
    for (const k of kept) expect(Math.abs(proj(Gamma, col(k), col(k)) - kappa * Math.sign(e.values[k]!))).toBeLessThan(1e-10);
    for (const k of kept) for (let l = 0; l < d; l++) if (l !== k) expect(Math.abs(proj(Gamma, col(k), col(l)))).toBeLessThan(1e-10);
    const nullIdx = e.values.map((_, k) => k).filter((k) => !kept.includes(k));
    const W = nullIdx.map((k) => nullIdx.map((l) => proj(Gamma, col(k), col(l))));
    expect(Math.max(...jacobiEig(W).values.map(Math.abs))).toBeLessThanOrEqual(kappa * (1 + 1e-9));
  });
});
