import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lassoCD, lassoHomotopy } from '../../src/models/lasso.js';
import { lassoSE, PowerLawSum, powerLawTarget, riskAndDf, seResidual, softThresholdRisk } from '../../src/models/lasso-se.js';
import { modeFlow, matrixFlow } from '../../src/models/quadnet.js';
import { Fixed } from '../../src/numeric/fixed.js';
import { solve } from '../../src/numeric/linsolve.js';
import { normalQ } from '../../src/numeric/normal.js';
import { Rng } from '../../src/numeric/rng.js';

const gauss = (rng: Rng): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

function problem(seed: number, n: number, p: number): { X: number[][]; y: number[] } {
  const rng = new Rng(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: p }, () => gauss(rng)));
  const y = Array.from({ length: n }, () => gauss(rng));
  return { X, y };
}

const gram = (X: number[][]): number[][] => X[0]!.map((_, j) => X[0]!.map((__, k) => X.reduce((s, r) => s + r[j]! * r[k]!, 0)));
const xty = (X: number[][], y: number[]): number[] => X[0]!.map((_, j) => X.reduce((s, r, i) => s + r[j]! * y[i]!, 0));

describe('normal tail', () => {
  it('matches reference values across the series / continued-fraction switch', () => {
    // Q(x) reference values (mpmath, 20 digits)
    const ref: [number, number][] = [
      [0, 0.5],
      [1, 0.15865525393145705141],
      [2.5, 0.006209665325776135167],
      [2.9, 0.001865813300384038479],
      [3, 0.0013498980316300945267],
      [5, 2.8665157187919391167e-7],
      [10, 7.619853024160526066e-24],
      [-2, 0.9772498680518207928],
    ];
    for (const [x, q] of ref) expect(Math.abs(normalQ(x) - q) / q).toBeLessThan(5e-14);
  });
  it('is continuous at the switch x = 3', () => {
    expect(Math.abs(normalQ(3 - 1e-12) - normalQ(3 + 1e-12)) / normalQ(3)).toBeLessThan(1e-10);
  });
});

describe('linear solve', () => {
  it('solves a random system to the working precision', () => {
    const F = new Fixed(40);
    const rng = new Rng(7);
    const A = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => F.fromNumber(gauss(rng))));
    const x = Array.from({ length: 5 }, () => F.fromNumber(gauss(rng)));
    const b = A.map((r) => r.reduce((s, v, j) => s + F.mul(v, x[j]!), 0n));
    const got = solve(F, A, b)!;
    for (let j = 0; j < 5; j++) expect(F.toNumber(F.abs(got[j]! - x[j]!))).toBeLessThan(1e-30);
  });
});

describe('LASSO solvers', () => {
  it('homotopy satisfies the KKT conditions and agrees with coordinate descent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 2, max: 9 }), fc.integer({ min: 1, max: 7 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (seed, n, p, frac) => {
        const { X, y } = problem(seed, n, p);
        const G = gram(X);
        const b = xty(X, y);
        const lambda = frac * Math.max(...b.map(Math.abs));
        const F = new Fixed(30);
        const th = lassoHomotopy(F, G.map((r) => r.map((v) => F.fromNumber(v))), b.map((v) => F.fromNumber(v)), F.fromNumber(lambda)).theta.map((v) => F.toNumber(v));
        // KKT: c_j = lambda sign(theta_j) on the support, |c_j| <= lambda off it
        const c = b.map((bj, j) => bj - G[j]!.reduce((s, g, k) => s + g * th[k]!, 0));
        th.forEach((t, j) => {
          if (t !== 0) expect(Math.abs(c[j]! - lambda * Math.sign(t))).toBeLessThan(1e-9 * (1 + lambda));
          else expect(Math.abs(c[j]!)).toBeLessThanOrEqual(lambda * (1 + 1e-9));
        });
        const cd = lassoCD(X, y, lambda, { tol: 1e-13, maxSweeps: 200000 });
        th.forEach((t, j) => expect(Math.abs(t - cd.theta[j]!)).toBeLessThan(1e-6));
      }),
      { seed: 11, numRuns: 40 },
    );
  });
  it('returns zero at and above lambda_max', () => {
    const { X, y } = problem(3, 6, 4);
    const F = new Fixed(30);
    const b = xty(X, y).map((v) => F.fromNumber(v));
    const lmax = b.reduce((m, v) => (F.abs(v) > m ? F.abs(v) : m), 0n);
    const th = lassoHomotopy(F, gram(X).map((r) => r.map((v) => F.fromNumber(v))), b, lmax).theta;
    expect(th.every((v) => v === 0n)).toBe(true);
  });
});

describe('LASSO state evolution', () => {
  it('soft-threshold risk matches a direct quadrature', () => {
    for (const [theta, tau, t] of [[0, 1, 1.5], [2, 0.5, 0.7], [0.3, 1, 0.1], [5, 0.01, 0.03]] as const) {
      // midpoint rule over z in [-12, 12]
      let mse = 0;
      let act = 0;
      const N = 200000;
      const h = 24 / N;
      for (let i = 0; i < N; i++) {
        const z = -12 + (i + 0.5) * h;
        const w = (Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI)) * h;
        const x = theta + tau * z;
        const eta = x > t ? x - t : x < -t ? x + t : 0;
        mse += w * (eta - theta) ** 2;
        act += Math.abs(x) > t ? w : 0;
      }
      const [r, d] = softThresholdRisk(theta, tau, t);
      expect(Math.abs(r - mse) / mse).toBeLessThan(1e-6);
      expect(Math.abs(d - act)).toBeLessThan(1e-4);
    }
  });

  it('predicts finite-size LASSO simulations (SE is exact only as n -> infinity: the gap is reported)', () => {
    // n = 300, p = 600, theta*_k = k^-1, sigma = 1, lambda = n^0.75: the bias regime
    const n = 300;
    const p = 600;
    const gamma = 1;
    const lambda = n ** 0.75;
    const se = lassoSE(powerLawTarget(gamma, p), n, 1, lambda);
    const risks: number[] = [];
    for (let seed = 0; seed < 4; seed++) {
      const rng = new Rng(1000 + seed);
      const X = Array.from({ length: n }, () => Array.from({ length: p }, () => gauss(rng)));
      const theta = Array.from({ length: p }, (_, k) => (k + 1) ** -gamma);
      const y = X.map((r) => r.reduce((s, v, k) => s + v * theta[k]!, 0) + gauss(rng));
      const fit = lassoCD(X, y, lambda, { tol: 1e-9 });
      risks.push(fit.theta.reduce((s, v, k) => s + (v - theta[k]!) ** 2, 0));
    }
    const mean = risks.reduce((a, b) => a + b, 0) / risks.length;
    const gap = Math.abs(mean - se.risk) / se.risk;
    console.log(`SE risk ${se.risk.toFixed(4)}, simulated ${mean.toFixed(4)} (${risks.map((r) => r.toFixed(4)).join(', ')}), relative gap ${gap.toFixed(3)}`);
    expect(gap).toBeLessThan(0.15);
  }, 60000);
});

describe('quadratic network flow', () => {
  it('the isotropic-start matrix flow equals the modewise flow in the eigenbasis of S*', () => {
    // S* = U diag(s) U^T with a random rotation (Gram-Schmidt of a Gaussian matrix)
    const d = 4;
    const rng = new Rng(5);
    const A = Array.from({ length: d }, () => Array.from({ length: d }, () => gauss(rng)));
    const U: number[][] = [];
    for (const a of A) {
      const v = a.slice();
      for (const u of U) {
        const dd = v.reduce((s, x, i) => s + x * u[i]!, 0);
        u.forEach((x, i) => (v[i] = v[i]! - dd * x));
      }
      const nv = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      U.push(v.map((x) => x / nv));
    }
    const s = [1, 0.4, 0.12, 0.03];
    const lambda = 0.1;
    const S = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => U.reduce((acc, u, k) => acc + s[k]! * u[i]! * u[j]!, 0)));
    const eps = 1e-3;
    // W(0) = sqrt(eps) Q with Q orthogonal (here U itself, rows as the rotation)
    const W0 = U.map((r) => r.map((v) => Math.sqrt(eps) * v));
    const T = 60;
    const W = matrixFlow(S, lambda, W0, T, 0.01);
    const G = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => W.reduce((acc, r) => acc + r[i]! * r[j]!, 0)));
    const modes = modeFlow(s, lambda, eps, T).g;
    // u_k^T G u_k against the modewise flow
    U.forEach((u, k) => {
      const q = u.reduce((acc, ui, i) => acc + ui * G[i]!.reduce((a2, g, j) => a2 + g * u[j]!, 0), 0);
      expect(Math.abs(q - modes[k]!)).toBeLessThan(1e-6);
    });
    // and the limit is the soft-thresholded spectrum (s_k - lambda/2)_+
    modeFlow(s, lambda, eps, 2000).g.forEach((g, k) => expect(Math.abs(g - Math.max(s[k]! - lambda / 2, 0))).toBeLessThan(1e-9));
  });
});

describe('the power-law target summed without binning', () => {
  it('agrees with the coordinate-by-coordinate sum to 1e-9 relative, whatever the kink', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.6, max: 2.2, noNaN: true }),
        fc.integer({ min: 2, max: 5 }),
        fc.double({ min: -7, max: -1, noNaN: true }),
        fc.double({ min: -2, max: 3, noNaN: true }),
        (gamma, lp, ltau, lratio) => {
          const p = Math.round(10 ** lp);
          const tau = 10 ** ltau;
          const t = tau * 10 ** lratio;
          const [E, df] = riskAndDf(powerLawTarget(gamma, p, p + 1), tau, t);
          const [E2, df2] = new PowerLawSum(gamma, p).riskAndDf(tau, t);
          expect(Math.abs(E2 - E) / E).toBeLessThan(1e-9);
          expect(Math.abs(df2 - df) / Math.max(1, df)).toBeLessThan(1e-9);
        },
      ),
      { seed: 17, numRuns: 60 },
    );
  });
  it('has the energy sum_k k^-2gamma', () => {
    const exact = Array.from({ length: 50000 }, (_, k) => (k + 1) ** -3).reduce((a, b) => a + b, 0);
    expect(new PowerLawSum(1.5, 50000).energy / exact - 1).toBeLessThan(1e-12);
  });
});

describe('the state-evolution solve from a neighbouring solution', () => {
  it("Newton's method from a neighbour lands on the nested solve's fixed point", () => {
    for (const [sigma, kappa, beta] of [[1, 2, 0.7], [1, 0.5, -0.3], [0, 4, -0.6], [0, 2, 0.3]] as const) {
      const gamma = 1.25;
      const n = 1e8;
      const target = new PowerLawSum(gamma, Math.round(kappa * n));
      const lambda = n ** beta;
      const near = lassoSE(target, n, sigma, lambda * 1.5, 1, 1e-12);
      const nested = lassoSE(target, n, sigma, lambda, near.alpha, 1e-12);
      const newton = lassoSE(target, n, sigma, lambda, near.alpha, 1e-12, near);
      expect(Math.abs(newton.tau / nested.tau - 1)).toBeLessThan(1e-9);
      expect(Math.abs(newton.alpha / nested.alpha - 1)).toBeLessThan(1e-9);
      expect(Math.abs(newton.risk / nested.risk - 1)).toBeLessThan(1e-8);
    }
  });
});

describe('the state-evolution solve where tau hardly moves E / tau^2 (noiseless, p < n, lambda -> 0)', () => {
  it('lands on the calibrated fixed point E = kappa lambda^2 / ((1 - kappa)^3 n), from scratch and from a start decades off', () => {
    // kappa = 1/2: the root alpha* = sqrt((1 - kappa)/kappa) = 1 is the nested solve's own first guess
    for (const kappa of [0.5, 0.9]) {
      const gamma = 1.5;
      for (const n of [1e12, 1e20]) {
        const target = new PowerLawSum(gamma, Math.round(kappa * n));
        const lambda = 1 / n;
        const expected = (kappa * lambda ** 2) / ((1 - kappa) ** 3 * n);
        const cold = lassoSE(target, n, 0, lambda, 1, 1e-10);
        const far = lassoSE(target, n, 0, lambda, 1, 1e-10, { tau: 1e6 * cold.tau, alpha: 0.5 });
        for (const P of [cold, far]) {
          expect(seResidual(target, n, 0, lambda, P)).toBeLessThan(1e-6);
          expect(Math.abs(P.risk / expected - 1), `kappa ${kappa} n ${n}`).toBeLessThan(1e-6);
          expect(Math.abs(P.alpha - Math.sqrt((1 - kappa) / kappa))).toBeLessThan(1e-6);
        }
      }
    }
  });
  it('seResidual reads a miscalibrated point as such', () => {
    const n = 1e12;
    const target = new PowerLawSum(1.5, n / 2);
    const P = lassoSE(target, n, 0, 1 / n, 1, 1e-10);
    expect(seResidual(target, n, 0, 1 / n, { tau: 10 * P.tau, t: 10 * P.t })).toBeGreaterThan(1);
  });
});

describe('the power-law target past 2^52 coordinates', () => {
  it('sums a sharp kink at k ~ 1e20 in closed form (no integer stepping where k++ would not move)', () => {
    const gamma = 1.5;
    const target = new PowerLawSum(gamma, 1e30);
    const kt = 1e20;
    const t = kt ** -gamma;
    const tau = 1e-10 * t;
    const [E, df] = target.riskAndDf(tau, t);
    // k <= k_t active (tau^2 + t^2 each), the rest killed: sum_(k > k_t) k^-3 ~ k_t^-2 / 2
    const expected = kt * (tau * tau + t * t) + kt ** -2 / 2;
    expect(Math.abs(df / kt - 1)).toBeLessThan(1e-6);
    expect(Math.abs(E / expected - 1)).toBeLessThan(1e-6);
  });
});

describe('the modewise flow settles', () => {
  it('within tol lambda of (s - lambda/2)_+ whatever its step, and says when it has not', () => {
    const s = [1, 0.3, 0.06, 0.051, 0.04];
    const lambda = 0.1;
    const a = modeFlow(s, lambda, 1e-6, 1e5, 1e-12, 0.5);
    const b = modeFlow(s, lambda, 1e-6, 1e5, 1e-12, 2);
    s.forEach((sk, k) => {
      const fixed = Math.max(sk - lambda / 2, 0);
      expect(a.settled[k]).toBe(true);
      expect(Math.abs(a.g[k]! - fixed)).toBeLessThan(1e-11 * lambda + 1e-15);
      expect(Math.abs(b.g[k]! - fixed)).toBeLessThan(1e-11 * lambda + 1e-15);
    });
    // a start far above s_k + lambda (the stiff case) reaches the same fixed point
    expect(Math.abs(modeFlow([0.3], lambda, 10, 1e5).g[0]! - 0.25)).toBeLessThan(1e-12);
    // the mode just above the threshold has not settled by a short time
    const short = modeFlow([0.051], lambda, 1e-6, 10);
    expect(short.settled[0]).toBe(false);
    expect(short.unsettled).toBe(1);
    expect(() => modeFlow(s, lambda, 1e-6, 1, 1e-12, 3)).toThrow(RangeError);
  });
});
