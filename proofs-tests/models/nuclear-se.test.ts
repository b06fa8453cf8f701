import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bulkMoments, nuclearDenoiser, nuclearSE, PowerSpikes, spikeBulkTerms } from '../../src/models/nuclear-se.js';
import { symmetricEigen } from '../../src/numeric/sym-eigen64.js';
import { Rng } from '../../src/numeric/rng.js';

const gauss = (r: Rng): number => Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());

/** the soft threshold on the semicircle by a midpoint rule in theta (u = 2 cos theta), the kinks' error ~1/N^2 */
function directSpike(v: number, a: number, N = 200000): [number, number, number] {
  let d2 = 0;
  let dy = 0;
  let w = 0;
  for (let i = 0; i < N; i++) {
    const th = (Math.PI * (i + 0.5)) / N;
    const c = Math.cos(th);
    const u = 2 * c;
    const eta = Math.sign(u) * Math.max(0, Math.abs(u) - a);
    const q = 1 - 2 * v * c + v * v;
    d2 += (eta * eta * v * (c - v)) / q;
    dy += (eta * u * v * (c - v)) / q;
    w += (eta * (1 - c * c)) / q;
  }
  const h = Math.PI / N;
  return [(d2 * h) / Math.PI, (dy * h) / Math.PI, (2 * v * w * h) / Math.PI];
}

/**
 * E |eta_t(S* + sigma_s W) - S*|_F^2 and E div eta_t, S* = diag(k^-gamma), W GOE (semicircle on
 * [-2, 2]), at finite d by sampling: eigendecomposition, the overlaps <v_j, S* v_j>, and the exact
 * divergence of a spectral function on the symmetric matrices, sum eta'(y_i) + sum_(i<j) (eta_i -
 * eta_j)/(y_i - y_j).
 */
function monteCarlo(gamma: number, d: number, sigmaS: number, t: number, reps: number, seed: number): { mse: number; df: number } {
  const rng = new Rng(seed);
  let E = 0;
  let DF = 0;
  for (let r = 0; r < reps; r++) {
    const A = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j <= i; j++) {
        const g = gauss(rng) * sigmaS * (i === j ? Math.sqrt(2 / d) : Math.sqrt(1 / d));
        A[i * d + j] = g;
        A[j * d + i] = g;
      }
    for (let i = 0; i < d; i++) A[i * d + i] = A[i * d + i]! + (i + 1) ** -gamma;
    const { values, vectors } = symmetricEigen(A, d);
    const eta = Array.from(values, (y) => Math.sign(y) * Math.max(0, Math.abs(y) - t));
    let e = 0;
    for (let i = 1; i <= d; i++) e += i ** (-2 * gamma);
    for (let j = 0; j < d; j++) {
      if (eta[j] === 0) continue;
      let x = 0;
      for (let i = 0; i < d; i++) x += (i + 1) ** -gamma * vectors[j * d + i]! ** 2;
      e += eta[j]! ** 2 - 2 * eta[j]! * x;
    }
    let df = 0;
    for (let i = 0; i < d; i++) {
      if (Math.abs(values[i]!) > t) df += 1;
      for (let j = i + 1; j < d; j++) df += (eta[i]! - eta[j]!) / (values[i]! - values[j]!);
    }
    E += e;
    DF += df;
  }
  return { mse: E / reps, df: DF / reps };
}

describe('the semicircle under the soft threshold', () => {
  it('bulkMoments: the identity keeps the whole second moment, a threshold at the edge nothing', () => {
    expect(bulkMoments(0).Phi).toBeCloseTo(1, 14);
    expect(bulkMoments(0).M).toBeCloseTo(1, 14);
    expect(bulkMoments(2)).toEqual({ Phi: 0, M: 0 });
    expect(bulkMoments(3)).toEqual({ Phi: 0, M: 0 });
  });

  it('bulkMoments against a quadrature of the semicircle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 39 }), (k) => {
        const a = k / 20;
        const N = 100000;
        let Phi = 0;
        let M = 0;
        for (let i = 0; i < N; i++) {
          const th = (Math.PI * (i + 0.5)) / N;
          const u = 2 * Math.cos(th);
          const eta = Math.sign(u) * Math.max(0, Math.abs(u) - a);
          const rho = (2 / Math.PI) * Math.sin(th) ** 2;
          Phi += eta * eta * rho;
          M += eta * u * rho;
        }
        const r = bulkMoments(a);
        expect(Math.abs(r.Phi - (Phi * Math.PI) / N)).toBeLessThan(1e-8);
        expect(Math.abs(r.M - (M * Math.PI) / N)).toBeLessThan(1e-8);
      }),
      { seed: 11, numRuns: 12 },
    );
  });
});

describe("one spike's first-order corrections", () => {
  it('series (v < 1/2, v > 2) and closed forms (between) match a direct quadrature in theta', () => {
    for (const a of [0, 0.7, 1.5, 1.99])
      for (const v of [0.1, 0.4999, 0.5, 0.9, 1.1, 1.9999, 2, 2.0001, 5]) {
        const x = spikeBulkTerms(v, a);
        const y = directSpike(v, a);
        for (let j = 0; j < 3; j++) expect(Math.abs(x[j]! - y[j]!), `a = ${a}, v = ${v}, term ${j}`).toBeLessThan(1e-10);
      }
  });

  it('under the identity (a = 0) the spike adds its energy v^2 to the spectrum: outlier plus bulk correction', () => {
    for (const v of [0.3, 0.8, 1.2, 3]) {
      const [d2] = spikeBulkTerms(v, 0);
      const outlier = v > 1 ? (v + 1 / v) ** 2 : 0;
      expect(outlier + d2).toBeCloseTo(v * v, 12);
    }
  });

  it('above the bulk edge the corrections vanish', () => {
    for (const [v, a] of [[0.7, 2.5], [3, 2], [1.5, 2.1]] as const) for (const x of spikeBulkTerms(v, a)) expect(Math.abs(x)).toBe(0);
  });
});

describe('nuclearDenoiser', () => {
  it('the identity (threshold 0): E = d sigma_s^2 and df = d^2/2 (the leading order of d(d+1)/2)', () => {
    const T = new PowerSpikes(1.3, 500);
    const r = nuclearDenoiser(T, 0.05, 0);
    expect(r.mse).toBeCloseTo(500 * 0.05 ** 2, 10);
    expect(r.df / (500 * 500 / 2)).toBeCloseTo(1, 10);
  });

  it('a threshold above every outlier: E = |S*|^2, df = 0', () => {
    const T = new PowerSpikes(1.5, 1000);
    const r = nuclearDenoiser(T, 0.01, 10);
    expect(r.mse).toBeCloseTo(T.energy, 14);
    expect(r.df).toBe(0);
    expect(r.active).toBe(0);
  });

  it('its summation shortcuts (power sums, Euler-Maclaurin over long stretches) against the per-spike sum', () => {
    // d = 10^6, sigma_s = 3e-3: ~330 outliers, a stretch of ~1000 spikes in the closed-form band
    const gamma = 1;
    const d = 1e6;
    const s = 3e-3;
    for (const a of [0.3, 1.4]) {
      const T = new PowerSpikes(gamma, d);
      const r = nuclearDenoiser(T, s, a * s);
      const { Phi, M } = bulkMoments(a);
      let lost = 0;
      let s2 = d * Phi;
      let sy = d * M;
      let sx = 0;
      for (let k = d; k >= 1; k--) {
        const sk = k ** -gamma;
        const v = sk / s;
        const [d2, dy, w] = spikeBulkTerms(v, a);
        s2 += d2;
        sy += dy;
        sx += w;
        if (v > 1) {
          // the outlier at u = v + 1/v, overlap 1 - 1/v^2 (a < 2: active)
          const u = v + 1 / v;
          s2 += (u - a) ** 2;
          sy += (u - a) * u;
          sx += (u - a) * (v - 1 / v);
          lost += sk * sk;
        } else lost += sk * sk;
      }
      const mse = lost + s * s * (s2 - 2 * sx);
      const df = (d / 2) * (sy - sx);
      expect(Math.abs(r.mse / mse - 1), `mse at a = ${a}`).toBeLessThan(1e-9);
      expect(Math.abs(r.df / df - 1), `df at a = ${a}`).toBeLessThan(1e-9);
    }
  });

  it('agrees with a Monte Carlo of the soft-thresholded GOE-perturbed matrix at d = 240 (to its 1/d corrections)', () => {
    // few outliers against d: bulk killed, bulk partly kept, bulk mostly kept
    const cases: [gamma: number, sigmaS: number, a: number][] = [
      [2, 0.1, 3],
      [1, 0.1, 2.5],
      [1.5, 0.05, 0.5],
      [1, 0.1, 1.2],
    ];
    for (const [gamma, sigmaS, a] of cases) {
      const d = 240;
      const m = nuclearDenoiser(new PowerSpikes(gamma, d), sigmaS, a * sigmaS);
      const s = monteCarlo(gamma, d, sigmaS, a * sigmaS, 3, 7);
      expect(Math.abs(s.mse / m.mse - 1), `mse, gamma = ${gamma}, a = ${a}`).toBeLessThan(0.05);
      expect(Math.abs(s.df / m.df - 1), `df, gamma = ${gamma}, a = ${a}`).toBeLessThan(0.1);
    }
  }, 60000);
});

describe('nuclearDenoiser past float64\'s exact integers (more than 2^52 spikes above the noise or the threshold)', () => {
  // where a count of spikes reaches 2^52 the one-by-one corrections and heads give way to the power
  // sums alone: E and df must not jump there (one spike is ~1e-16 of the sums), and the call must end
  const across = (T: PowerSpikes, sigmaS: number, a: number): void => {
    const lo = nuclearDenoiser(T, sigmaS * (1 - 1e-9), a * sigmaS * (1 - 1e-9));
    const hi = nuclearDenoiser(T, sigmaS * (1 + 1e-9), a * sigmaS * (1 + 1e-9));
    // E and df move like sigma_s^O(1): a relative step of 2e-9 moves them by ~1e-8 at most
    expect(Math.abs(Math.log(hi.mse / lo.mse))).toBeLessThan(1e-7);
    expect(Math.abs(Math.log(hi.df / lo.df))).toBeLessThan(1e-7);
  };

  it('the bias regime (bulk killed): the outliers counted, and the lost spikes summed, from k = 2^52 on', () => {
    for (const gamma of [1, 1.5, 2]) {
      const T = new PowerSpikes(gamma, 1e40);
      const a = 3;
      const vA = (a + Math.sqrt(a * a - 4)) / 2;
      // spikes above the noise, k <= s^-1 (s = sigma_s), then active ones, k <= (s vA)^(-1/gamma), reach 2^52
      across(T, 2 ** (-52 * gamma), a);
      across(T, 2 ** (-52 * gamma) / vA, a);
      const far = 2 ** (-60 * gamma) / vA;
      const r = nuclearDenoiser(T, far, a * far);
      expect(r.active).toBeGreaterThan(2 ** 59);
      expect(r.mse > 0 && Number.isFinite(r.df)).toBe(true);
    }
  });

  it('the plateau (bulk kept): the band around v = 1 and the small spikes, from k = 2^52 on', () => {
    for (const gamma of [1, 2]) {
      const T = new PowerSpikes(gamma, 1e40);
      // the band around v = 1 at k ~ sigma_s^(-1/gamma), the series v < 1/2 from k ~ (sigma_s / 2)^(-1/gamma)
      across(T, 2 ** (-52 * gamma), 0.5);
      across(T, 2 ** (-52 * gamma) * 2, 0.5);
    }
  });

  it('the noiseless state evolution near its crossover, carried out to n = 10^120 (10^50 spikes kept)', () => {
    const gamma = 2;
    let P: ReturnType<typeof nuclearSE> | undefined;
    for (let L = 12; L <= 120; L += 4) {
      const n = 10 ** L;
      P = nuclearSE(new PowerSpikes(gamma, Math.sqrt(n)), n, 0, n ** 0.075, 1e-12, P);
    }
    expect(P!.active).toBeGreaterThan(1e49);
    // the bias regime's law E ~ k_t t^2 + sum_(k > k_t) k^-2gamma ~ t^(2 - 1/gamma) holds to O(1)
    expect(P!.risk / P!.t ** (2 - 1 / gamma)).toBeGreaterThan(0.1);
    expect(P!.risk / P!.t ** (2 - 1 / gamma)).toBeLessThan(10);
  });
});

describe('nuclearSE', () => {
  it('its point solves both state-evolution equations, from scratch and from a neighbour', () => {
    const T = new PowerSpikes(1.25, 1e4);
    const n = 1e8;
    for (const [sigma, lambda] of [[1, 1e6], [1, 3e4], [0, 1e6]] as const) {
      const P = nuclearSE(T, n, sigma, lambda);
      const r = nuclearDenoiser(T, P.sigmaS, P.t);
      expect(Math.abs((2 * (n / T.d) * P.sigmaS ** 2) / (sigma * sigma + r.mse) - 1)).toBeLessThan(1e-10);
      expect(Math.abs((P.t * (n - r.df)) / lambda - 1)).toBeLessThan(1e-10);
      const Q = nuclearSE(T, n, sigma, lambda * 1.1, 1e-12, P);
      const Q0 = nuclearSE(T, n, sigma, lambda * 1.1);
      expect(Math.abs(Q.risk / Q0.risk - 1)).toBeLessThan(1e-9);
    }
  });

  it('the bias regime: a threshold t ~ lambda/n far above the noise keeps the k_t spikes above it', () => {
    const T = new PowerSpikes(1.5, 1e6);
    const n = 1e12;
    const P = nuclearSE(T, n, 1, n ** 0.85);
    expect(P.a).toBeGreaterThan(2);
    expect(Math.abs(P.t / (n ** 0.85 / n) - 1)).toBeLessThan(0.05);
    expect(Math.abs(P.active - Math.floor(P.t ** (-1 / 1.5)))).toBeLessThanOrEqual(1);
  });

  it('the plateau: with alpha = n/d^2 > 1/2 and lambda -> 0 the risk tends to least squares, sigma^2 / (2 alpha - 1)', () => {
    const alpha = 2;
    const n = 1e12;
    const T = new PowerSpikes(1.5, Math.sqrt(n / alpha));
    const P = nuclearSE(T, n, 1, 1);
    expect(P.risk).toBeCloseTo(1 / (2 * alpha - 1), 2);
  });
});

/* ------------- the state evolution against the convex estimator on sampled designs ------------- */

/** the coordinates of a symmetric matrix in the orthonormal basis E_ii, (E_ij + E_ji)/sqrt 2, i <= j, row by row */
const symCoords = (d: number): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = 0; i < d; i++) for (let j = i; j < d; j++) out.push([i, j]);
  return out;
};

interface Sensing {
  d: number;
  m: number;
  /** Z^T Z and Z^T y: the loss 1/2 |y - Z s|^2 needs only these */
  H: Float64Array;
  b: Float64Array;
  sStar: Float64Array;
  /** extreme eigenvalues of H, for the step */
  mu: number;
  L: number;
}

/**
 * nuclearSE's own convention, built directly (quadnet-sampled's design is another one: He_2 features
 * x x^T - I with E <b, D>^2 = 2 |D|^2 and loss 1/(4n) sum (...)^2, i.e. G = b/sqrt 2, labels y/sqrt 2,
 * lambda_SE = 2 n kappa, and non-Gaussian measurements): n measurements <G_mu, S*> + sigma xi_mu,
 * G_mu's orthonormal coordinates iid N(0, 1) (E <G, S>^2 = |S|_F^2), S* = diag(k^-gamma).
 */
function sensing(gamma: number, d: number, n: number, sigma: number, seed: number): Sensing {
  const P = symCoords(d);
  const m = P.length;
  const sStar = new Float64Array(m);
  P.forEach(([i, j], p) => {
    if (i === j) sStar[p] = (i + 1) ** -gamma;
  });
  const rng = new Rng(seed);
  const H = new Float64Array(m * m);
  const b = new Float64Array(m);
  const z = new Float64Array(m);
  for (let mu = 0; mu < n; mu++) {
    let y = 0;
    for (let p = 0; p < m; p++) {
      z[p] = gauss(rng);
      y += z[p]! * sStar[p]!;
    }
    y += sigma * gauss(rng);
    for (let p = 0; p < m; p++) {
      const zp = z[p]!;
      b[p] = b[p]! + zp * y;
      for (let q = 0; q <= p; q++) H[p * m + q] = H[p * m + q]! + zp * z[q]!;
    }
  }
  for (let p = 0; p < m; p++) for (let q = 0; q < p; q++) H[q * m + p] = H[p * m + q]!;
  const ev = symmetricEigen(H, m).values;
  return { d, m, H, b, sStar, mu: ev[m - 1]!, L: ev[0]! };
}

/**
 * argmin 1/2 |y - Z s|^2 + lambda |S|_* by proximal gradient (step c = 2/(L + mu), spectral soft
 * threshold): E = |S_hat - S*|_F^2, and the fit's degrees of freedom df = div_y (Z s_hat) exactly:
 * s_hat = prox_(c lambda)(Y), Y = s_hat + c (b - H s_hat), so ds = D (ds + c Z^T dy - c H ds), D the
 * prox's Jacobian at Y (in the eigenbasis of Y: 1 or 0 on u_k u_k^T as |y_k| > c lambda or not, and
 * (eta_k - eta_l)/(y_k - y_l) on the symmetrised u_k u_l^T), and df = c tr((I - D + c D H)^-1 D H)
 * (independent of c: checked at c/3 while writing this).
 */
function convexSolve(S: Sensing, lambda: number): { E: number; df: number } {
  const { d, m, H, b } = S;
  const P = symCoords(d);
  const step = 2 / (S.L + S.mu);
  let s = new Float64Array(m);
  let next = new Float64Array(m);
  const A = new Float64Array(d * d);
  let eig = symmetricEigen(A, d);
  for (let it = 0; it < 20000; it++) {
    // the gradient step Y, written as the d x d matrix
    P.forEach(([i, j], p) => {
      let g = -b[p]!;
      for (let q = 0; q < m; q++) g += H[p * m + q]! * s[q]!;
      const w = s[p]! - step * g;
      A[i * d + j] = A[j * d + i] = i === j ? w : w * Math.SQRT1_2;
    });
    eig = symmetricEigen(A, d);
    const { values, vectors } = eig;
    const eta = Array.from(values, (v) => Math.sign(v) * Math.max(0, Math.abs(v) - step * lambda));
    let moved = 0;
    P.forEach(([i, j], p) => {
      let acc = 0;
      for (let k = 0; k < d; k++) if (eta[k] !== 0) acc += eta[k]! * vectors[k * d + i]! * vectors[k * d + j]!;
      next[p] = i === j ? acc : acc * Math.SQRT2;
      moved = Math.max(moved, Math.abs(next[p]! - s[p]!));
    });
    [s, next] = [next, s];
    if (moved < 1e-12) break;
  }
  let E = 0;
  for (let p = 0; p < m; p++) E += (s[p]! - S.sStar[p]!) ** 2;
  // D = Q diag(pv) Q^T at the last Y (converged): Q's column r the coordinates of the basis element B_kl
  const { values: y, vectors: U } = eig;
  const kap = step * lambda;
  const et = Array.from(y, (v) => Math.sign(v) * Math.max(0, Math.abs(v) - kap));
  const Q = new Float64Array(m * m);
  const pv = new Float64Array(m);
  P.forEach(([k, l], r) => {
    pv[r] = k === l ? (Math.abs(y[k]!) > kap ? 1 : 0) : y[k] === y[l] ? 0 : (et[k]! - et[l]!) / (y[k]! - y[l]!);
    P.forEach(([i, j], p) => {
      const B = k === l ? U[k * d + i]! * U[k * d + j]! : (U[k * d + i]! * U[l * d + j]! + U[l * d + i]! * U[k * d + j]!) * Math.SQRT1_2;
      Q[p * m + r] = i === j ? B : B * Math.SQRT2;
    });
  });
  const D = new Float64Array(m * m);
  for (let p = 0; p < m; p++)
    for (let q = 0; q <= p; q++) {
      let acc = 0;
      for (let r = 0; r < m; r++) acc += Q[p * m + r]! * pv[r]! * Q[q * m + r]!;
      D[p * m + q] = D[q * m + p] = acc;
    }
  const X = new Float64Array(m * m);
  for (let p = 0; p < m; p++)
    for (let r = 0; r < m; r++) {
      const dpr = D[p * m + r]!;
      if (dpr !== 0) for (let q = 0; q < m; q++) X[p * m + q] = X[p * m + q]! + dpr * H[r * m + q]!;
    }
  const K = new Float64Array(m * m);
  for (let i = 0; i < m * m; i++) K[i] = -D[i]! + step * X[i]!;
  for (let p = 0; p < m; p++) K[p * m + p] = K[p * m + p]! + 1;
  // K X' = D H by Gaussian elimination with partial pivoting; df = c tr X'
  for (let col = 0; col < m; col++) {
    let piv = col;
    for (let p = col + 1; p < m; p++) if (Math.abs(K[p * m + col]!) > Math.abs(K[piv * m + col]!)) piv = p;
    if (piv !== col)
      for (let q = 0; q < m; q++) {
        [K[col * m + q], K[piv * m + q]] = [K[piv * m + q]!, K[col * m + q]!];
        [X[col * m + q], X[piv * m + q]] = [X[piv * m + q]!, X[col * m + q]!];
      }
    for (let p = col + 1; p < m; p++) {
      const f = K[p * m + col]! / K[col * m + col]!;
      if (f === 0) continue;
      for (let q = col; q < m; q++) K[p * m + q] = K[p * m + q]! - f * K[col * m + q]!;
      for (let q = 0; q < m; q++) X[p * m + q] = X[p * m + q]! - f * X[col * m + q]!;
    }
  }
  let tr = 0;
  for (let col = m - 1; col >= 0; col--)
    for (let q = 0; q < m; q++) {
      let acc = X[col * m + q]!;
      for (let t = col + 1; t < m; t++) acc -= K[col * m + t]! * X[t * m + q]!;
      X[col * m + q] = acc / K[col * m + col]!;
      if (q === col) tr += X[col * m + q]!;
    }
  return { E, df: step * tr };
}

describe('nuclearSE against the convex estimator on sampled Gaussian designs (d = 20)', () => {
  /**
   * gamma = 1, sigma = 1/2, n = alpha d^2, lambda = c n: c = 1/4 puts the threshold above the bulk
   * edge (a = t/sigma_s ~ 2..3, the bias regime: ~4 spikes kept, df ~ 40), c = 1/40 deep in
   * the bulk (a ~ 0.4..0.5, the noise plateau: df ~ 0.8..0.9 of d(d+1)/2). Four designs each: the
   * sampling error of the mean E is ~2..5%.
   *
   * Expected, and measured (d = 12..40, gamma = 1, sigma = 1/2):
   *  - bias regime: the spiked expansion is accurate, solver/SE = 0.93..1.11 at d = 12..32 and
   *    1.03 / 0.99 here (alpha = 1 / 2, these four designs); asserted within 12%.
   *  - plateau: the SE is the d -> infinity limit, which drops O(1/d) terms the bulk carries at
   *    finite d (its d^2/2 coordinates against d(d+1)/2, n - d^2/2 against n - d(d+1)/2 in the
   *    least-squares denominator: alone 1 + 2/d at alpha = 1), and the solver's risk lies ABOVE
   *    it by a margin shrinking with d (alpha = 1, lambda = n/40): solver/SE = 1.24 at d = 16,
   *    1.15 at d = 24, 1.12 at d = 32, 1.08 at d = 40; here 1.14 / 1.19. Asserted as
   *    1.0 < solver/SE < 1.4. FINDING (finite d, not a normalisation error): at d = 20 the SE
   *    underestimates the plateau's risk by 15-25%, roughly 3-4/d.
   *  - df (the fit's exact divergence, against the SE's denoiser df): in the plateau df = Theta(n)
   *    and solver/SE = 1.07 / 1.10 here (1.04..1.11 at d = 12..28, falling with d); asserted in
   *    [0.97, 1.15]. In the bias regime df ~ K d << n (K ~ 4 active spikes) and solver/SE = 1.20 /
   *    1.29 here, 1.22..1.25 at alpha = 2 for d = 12..28: FINDING (finite d, sub-leading): the
   *    spiked expansion drops O(1)-per-spike terms of the denoiser's df (its diagonal eta' = 1, the
   *    pairs among the active outliers, the finite-d bulk), which a Monte Carlo of the denoiser at
   *    the SE's (sigma_s, t) confirms: df/D above the SE's by 15% at D = 60, 11% at 120, 5.5% at
   *    240. The solver's df matches that Monte Carlo at d = 20 (43.8 vs 47.7, 42.6 vs 43.8), so the
   *    SE map (lambda = t (n - df)) holds; its df is off by O(K)/(K d). Since df/n ~ K/(alpha d) is
   *    small there, t = lambda/(n - df) and so E barely feel it. Asserted in [1.1, 1.6], and the
   *    Monte Carlo agreement within 10%.
   * Wrong normalisations leave these bands (measured in a scratch copy; E ratio for the cases in
   * order): noise variance doubled 1.03, 0.99, 0.60, 0.69; halved 1.03, 0.99, 1.85, 1.77; lambda/2
   * for lambda 1.84, 1.96, 0.98, 1.21 (bias df 0.53, 0.47); 2 lambda 0.56, 0.51, 1.13, 0.92 (bias
   * df 3.7, 3.9); d^2 for d in 2 (n/d) sigma_s^2 = sigma^2 + E: SE E ~ 1e11, ratio ~ 0, and a < 1 in
   * the bias cases.
   */
  const gamma = 1;
  const sigma = 0.5;
  const d = 20;
  // [alpha, c, E band, df band] (solver mean / SE)
  const cases: [alpha: number, c: number, E: [number, number], df: [number, number]][] = [
    [1, 1 / 4, [0.88, 1.12], [1.1, 1.6]],
    [2, 1 / 4, [0.88, 1.12], [1.1, 1.6]],
    [1, 1 / 40, [1.0, 1.4], [0.97, 1.15]],
    [2, 1 / 40, [1.0, 1.4], [0.97, 1.15]],
  ];
  const designs = new Map<number, Sensing[]>();
  const designsAt = (alpha: number): Sensing[] => {
    let D = designs.get(alpha);
    if (!D) {
      D = [0, 1, 2, 3].map((k) => sensing(gamma, d, alpha * d * d, sigma, 9001 + 17 * k + alpha));
      designs.set(alpha, D);
    }
    return D;
  };
  for (const [alpha, c, [lo, hi], [dlo, dhi]] of cases)
    it(`alpha = ${alpha}, lambda = n/${1 / c}: solver mean E / SE in [${lo}, ${hi}], df / SE in [${dlo}, ${dhi}]`, () => {
      const n = alpha * d * d;
      const lambda = c * n;
      const R = designsAt(alpha).map((S) => convexSolve(S, lambda));
      const mean = R.reduce((x, r) => x + r.E, 0) / R.length;
      const df = R.reduce((x, r) => x + r.df, 0) / R.length;
      const P = nuclearSE(new PowerSpikes(gamma, d), n, sigma, lambda);
      // the regime is the one intended
      if (c === 1 / 4) expect(P.a).toBeGreaterThan(2);
      else expect(P.a).toBeLessThan(1);
      const what = `E solver ${R.map((r) => r.E.toFixed(4)).join(', ')}, SE ${P.risk.toFixed(4)}; df solver ${R.map((r) => r.df.toFixed(1)).join(', ')}, SE ${P.df.toFixed(1)} (a = ${P.a.toFixed(2)})`;
      expect(mean / P.risk, what).toBeGreaterThan(lo);
      expect(mean / P.risk, what).toBeLessThan(hi);
      expect(df / P.df, what).toBeGreaterThan(dlo);
      expect(df / P.df, what).toBeLessThan(dhi);
      if (c === 1 / 4) {
        // the df excess in the bias regime is the denoiser's own at this d, not the estimator's: the
        // solver's df matches a Monte Carlo of the soft-thresholded S* + sigma_s W at d = 20
        const mc = monteCarlo(gamma, d, P.sigmaS, P.t, 200, 31);
        expect(Math.abs(df / mc.df - 1), `${what}; denoiser Monte Carlo df ${mc.df.toFixed(1)}`).toBeLessThan(0.1);
      }
    }, 20000);
});
