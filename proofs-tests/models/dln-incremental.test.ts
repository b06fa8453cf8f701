import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CholeskyDecomposition, Matrix, solve } from 'ml-matrix';
import { correctionExponent, mirrorFlowTimes, saddleToSaddle, type SaddleSequence } from '../../src/models/dln-incremental.js';
import { Rng } from '../../src/numeric/rng.js';
import { gaussianSource } from '../../src/models/dmft.js';

/** A = X^T X for n = 2d rows of an AR(1) chain with correlation rho, b = A w* */
function draw(seed: number, d: number, rhoMax = 0.8): { A: number[][]; b: number[]; ws: number[] } {
  const rng = new Rng(seed);
  const gauss = gaussianSource(() => rng.next());
  const n = 2 * d;
  const rho = rhoMax * (2 * rng.next() - 1);
  const X = Array.from({ length: n }, () => {
    const row = [gauss()];
    for (let i = 1; i < d; i++) row.push(rho * row[i - 1]! + Math.sqrt(1 - rho * rho) * gauss());
    return row.map((v) => v / Math.sqrt(n));
  });
  const ws = Array.from({ length: d }, () => (rng.int(0, 1) === 0 ? -1 : 1) * (rng.int(2, 16) / 8));
  const A = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => X.reduce((s, r) => s + r[i]! * r[j]!, 0)));
  return { A, b: A.map((row) => row.reduce((s, a, j) => s + a * ws[j]!, 0)), ws };
}

const grad = (A: number[][], b: number[], w: number[]): number[] => b.map((bi, i) => bi - A[i]!.reduce((s, a, j) => s + a * w[j]!, 0));
const order = (seq: SaddleSequence): number[] => seq.firstTau.map((t, i) => [t, i] as const).sort((x, y) => x[0] - y[0]).map(([, i]) => i);

describe('saddle-to-saddle limit of the diagonal network (alpha -> 0)', () => {
  it('orthogonal design: tau_i = 1 / |theta_i|, learned by decreasing |theta|, each saddle the targets learned so far', () => {
    const theta = [0.5, -2, 1.25, -0.75];
    const I = theta.map((_, i) => theta.map((_, j) => (i === j ? 1 : 0)));
    const seq = saddleToSaddle(I, theta);
    expect(seq.removal).toBe(false);
    seq.firstTau.forEach((t, i) => expect(t).toBeCloseTo(1 / Math.abs(theta[i]!), 12));
    expect(order(seq)).toEqual([1, 2, 3, 0]);
    seq.steps.forEach((st, k) => st.w.forEach((v, i) => expect(v).toBeCloseTo(order(seq).slice(0, k + 1).includes(i) ? theta[i]! : 0, 12)));
  });

  it('every saddle is the sign-constrained minimiser and |s| <= 1 throughout (KKT), removals included; the last is A^-1 b', () => {
    let removals = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 0x7fffffff }), (d, seed) => {
        const { A, b } = draw(seed, d);
        const seq = saddleToSaddle(A, b);
        if (seq.removal) removals++;
        for (const st of seq.steps) {
          const g = grad(A, b, st.w);
          st.s.forEach((s, i) => {
            expect(Math.abs(s)).toBeLessThanOrEqual(1 + 1e-12);
            if (st.w[i] !== 0) {
              expect(Math.abs(g[i]!)).toBeLessThan(1e-9);
              expect(Math.sign(st.w[i]!)).toBe(s);
            } else if (Math.abs(s) === 1) expect(s * g[i]!).toBeLessThanOrEqual(1e-9);
          });
        }
        const wLs = solve(new Matrix(A), Matrix.columnVector(b)).to1DArray();
        seq.steps[seq.steps.length - 1]!.w.forEach((v, i) => expect(v).toBeCloseTo(wLs[i]!, 9));
      }),
      { seed: 7, numRuns: 200 },
    );
    // the draws do visit sequences where a coordinate leaves the support
    expect(removals).toBeGreaterThan(0);
  });

  it('without removals, in the learned order tau = H^-1 sign(diag H), H = R^T diag(R w*), A = R^T R (greedy Gram–Schmidt)', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 0x7fffffff }), (d, seed) => {
        const { A, b, ws } = draw(seed, d);
        const seq = saddleToSaddle(A, b);
        fc.pre(!seq.removal);
        checked++;
        const p = order(seq);
        const Ap = new Matrix(p.map((i) => p.map((j) => A[i]![j]!)));
        const R = new CholeskyDecomposition(Ap).lowerTriangularMatrix.transpose();
        const Rw = R.mmul(Matrix.columnVector(p.map((i) => ws[i]!))).to1DArray();
        const H = R.transpose().mmul(Matrix.diag(Rw));
        const tau = solve(H, Matrix.columnVector(Rw.map((v, k) => Math.sign(v * R.get(k, k))))).to1DArray();
        p.forEach((i, k) => expect(tau[k]! / seq.firstTau[i]! - 1).toBeCloseTo(0, 9));
      }),
      { seed: 8, numRuns: 120 },
    );
    expect(checked).toBeGreaterThan(60);
  });

  it('without removals the accumulated W = int w solves the Lasso at lambda = 1 / tau: the saddle times are the inverse Lasso knots', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 0x7fffffff }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (d, seed, frac) => {
        const { A, b } = draw(seed, d);
        const seq = saddleToSaddle(A, b);
        fc.pre(!seq.removal);
        // a tau inside the sequence, between two knots; W(tau) = sum over the plateaus of dtau w^k
        const last = seq.steps[seq.steps.length - 1]!.tau;
        const tau = seq.steps[0]!.tau + frac * (last - seq.steps[0]!.tau);
        const W = new Array<number>(d).fill(0);
        seq.steps.forEach((st, k) => {
          const end = Math.min(tau, seq.steps[k + 1]?.tau ?? tau);
          if (end > st.tau) st.w.forEach((v, i) => (W[i]! += (end - st.tau) * v));
        });
        // beta = W / tau minimises beta^T A beta / 2 - b^T beta + lambda |beta|_1, lambda = 1 / tau:
        // b - A beta = lambda sign(beta) on the support, |b - A beta| <= lambda off it
        const lambda = 1 / tau;
        const beta = W.map((v) => v / tau);
        grad(A, b, beta).forEach((g, i) => {
          if (beta[i] !== 0) expect(g / lambda - Math.sign(beta[i]!)).toBeCloseTo(0, 9);
          else expect(Math.abs(g)).toBeLessThanOrEqual(lambda * (1 + 1e-9));
        });
      }),
      { seed: 9, numRuns: 120 },
    );
  });
});

describe('the mirror flow of the diagonal network in float64', () => {
  // decoupled (A = I): w' = 2 (theta - w) sqrt(w^2 + alpha^4), so the time to reach c is
  // (G(c) - G(0)) / 2, G(w) = ln|(theta w + a^4 + S sqrt(w^2 + a^4)) / (w - theta)| / S, S = sqrt(theta^2 + a^4)
  const timeTo = (theta: number, alpha: number, c: number): number => {
    const a4 = alpha ** 4;
    const S = Math.sqrt(theta * theta + a4);
    const G = (w: number): number => Math.log(Math.abs((theta * w + a4 + S * Math.sqrt(w * w + a4)) / (w - theta))) / S;
    return (G(c) - G(0)) / 2;
  };

  it('A = I: each crossing time is the closed form, to 5e-6 relative at 8 steps per stiffness unit and as h^4 below (alpha from 0.3 to 1e-10)', () => {
    const theta = [1.5, -0.5, 0.8];
    const I = theta.map((_, i) => theta.map((_, j) => (i === j ? 1 : 0)));
    const levels = theta.map((t) => Math.abs(t) / 2);
    for (const alpha of [0.3, 1e-3, 1e-10]) {
      const err = [8, 16, 32].map((div) => {
        const out = mirrorFlowTimes(I, theta, alpha, { levels, signs: theta.map(Math.sign), div, horizon: 100 });
        return Math.max(...out.times.map((t, i) => Math.abs(t / timeTo(Math.abs(theta[i]!), alpha, levels[i]!) - 1)));
      });
      expect(err[0]).toBeLessThan(5e-6);
      expect(err[2]).toBeLessThan(5e-8);
      // RK4 with the crossing's Hermite interpolation: fourth order
      expect(err[0]! / err[1]!).toBeGreaterThan(8);
    }
  });

  it('correlated designs: the learning times per e-fold of 1/alpha tend to the saddle sequence\'s tau, the error shrinking as alpha^p or faster', () => {
    let checked = 0;
    for (let seed = 1; checked < 3; seed++) {
      const { A, b } = draw(seed, 3);
      const seq = saddleToSaddle(A, b);
      const p = seq.removal ? 0 : correctionExponent(A, seq);
      if (!(p >= 0.4)) continue;
      checked++;
      const o = { levels: seq.firstValue.map((v) => Math.abs(v) / 2), signs: seq.firstValue.map(Math.sign), div: 8 };
      const t = [2, 4, 6, 8, 10].map((e) => mirrorFlowTimes(A, b, 10 ** -e, { ...o, horizon: 3 * Math.max(...seq.firstTau) * e * Math.log(10) + 50 }).times);
      const err = [0, 1, 2, 3].map((l) => Math.max(...t[l + 1]!.map((v, i) => Math.abs((v - t[l]![i]!) / (2 * Math.log(10)) - seq.firstTau[i]!))));
      expect(err[3]).toBeLessThan(1e-4);
      // two decades of alpha per step: the error falls by 10^(-2p) or faster (a factor 3 of slack),
      // while both are above RK4's own (~1e-8)
      for (let l = 0; l < 3; l++) if (err[l + 1]! > 1e-7) expect(err[l + 1]! / err[l]!).toBeLessThan(3 * 10 ** (-2 * p));
    }
  });
});
