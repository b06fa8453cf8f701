import { describe, expect, it } from 'vitest';
import { eigSym } from '../../src/numeric/eigen.js';
import { Fixed } from '../../src/numeric/fixed.js';
import { matmul, matvec, transpose, type Mat } from '../../src/numeric/linalg.js';
import { powerThresholds, proximalGradient, proxPower, proxSpectral, symmetricSpectrum } from '../../src/numeric/prox-spectral.js';
import { Rng } from '../../src/numeric/rng.js';

const F = new Fixed(40);
const D = F.D;
const TOL = D.pow(10, -36);
const close = (x: bigint, y: bigint | Decimal, scale = 1): boolean => F.toDecimal(x).minus(typeof y === 'bigint' ? F.toDecimal(y) : y).abs().lt(TOL.times(scale));
type Decimal = InstanceType<typeof D>;
const num = (x: number): bigint => F.fromNumber(x);
/** the double's exact value (new D(x) would read its shortest decimal) */
const exact = (x: number): Decimal => F.toDecimal(num(x));

/** I - 2 v v^T / v^T v: rational and orthogonal, so Q diag(y) Q^T has the spectrum y. */
function householder(v: number[]): Mat {
  const vv = v.reduce((s, x) => s + x * x, 0);
  return v.map((vi, i) => v.map((vj, j) => F.ratio((i === j ? vv : 0) - 2 * vi * vj, vv)));
}
const conj = (Q: Mat, y: bigint[]): Mat => matmul(F, matmul(F, Q, y.map((v, i) => y.map((_, j) => (i === j ? v : 0n)))), transpose(Q));

/** Xu et al. (2012) half thresholding: argmin (x - y)^2 + l |x|^(1/2), here with l = 2 kappa. */
function halfThreshold(y: number, kappa: number): Decimal {
  const l = exact(2 * kappa);
  const ay = exact(Math.abs(y));
  if (ay.lte(new D(54).cbrt().div(4).times(l.pow(new D(2).div(3))))) return new D(0);
  const phi = l.div(8).times(ay.div(3).pow(-1.5)).acos();
  const twoPi3 = D.acos(-1).times(2).div(3);
  return exact(y).times(2).div(3).times(twoPi3.minus(phi.times(2).div(3)).cos().plus(1));
}

describe('proxPower', () => {
  it('p = 1 is soft thresholding, p = 2 is shrinkage', () => {
    expect(proxPower(F, num(1.5), num(0.25), { num: 1, den: 1 })).toBe(num(1.25));
    expect(proxPower(F, num(-1.5), num(0.25), { num: 1, den: 1 })).toBe(num(-1.25));
    expect(proxPower(F, num(0.2), num(0.25), { num: 1, den: 1 })).toBe(0n);
    expect(close(proxPower(F, num(-1.5), num(0.25), { num: 2, den: 1 }), num(-1))).toBe(true);
  });

  it('p = 1/2 matches the closed-form half thresholding, on both sides of its jump', () => {
    const rng = new Rng(11);
    for (let k = 0; k < 40; k++) {
      const kappa = 0.1 + rng.next();
      const y = (rng.next() * 2 - 1) * 3 * kappa ** (2 / 3);
      expect(close(proxPower(F, num(y), num(kappa), { num: 1, den: 2 }), halfThreshold(y, kappa)), `y ${y}, kappa ${kappa}`).toBe(true);
    }
  });

  it('p = 2/3: a stationary point x - y + (2/3) kappa x^(-1/3) = 0 that beats 0 and a fine grid', () => {
    const rng = new Rng(5);
    for (let k = 0; k < 30; k++) {
      const kappa = 0.1 + rng.next();
      const y = (rng.next() * 2 - 1) * 3 * kappa ** (3 / 4);
      const x = proxPower(F, num(y), num(kappa), { num: 2, den: 3 });
      const g = (t: number): number => 0.5 * (t - y) ** 2 + kappa * Math.abs(t) ** (2 / 3);
      const xv = F.toNumber(x);
      for (let i = -400; i <= 400; i++) expect(g(xv)).toBeLessThanOrEqual(g((i / 100) * Math.abs(y)) + 1e-12);
      if (x !== 0n) {
        const ax = F.toDecimal(x).abs();
        const phi = ax.minus(exact(Math.abs(y))).plus(ax.pow(new D(-1).div(3)).times(exact(kappa)).times(2).div(3));
        expect(phi.abs().lt(TOL), `y ${y}, kappa ${kappa}`).toBe(true);
      }
    }
  });

  it('powerThresholds: the minimiser leaves 0 at the global threshold; a nonzero stationary point exists above the local one', () => {
    for (const [kappa, p, e] of [[0.7, 0.5, { num: 1, den: 2 }], [1.3, 2 / 3, { num: 2, den: 3 }]] as const) {
      const t = powerThresholds(kappa, p);
      expect(t.local).toBeLessThan(t.global);
      expect(proxPower(F, num(t.global * (1 - 1e-6)), num(kappa), e)).toBe(0n);
      expect(proxPower(F, num(t.global * (1 + 1e-6)), num(kappa), e)).not.toBe(0n);
      // phi(x) = x - y + kappa p x^(p-1) at its minimiser x_m: zero at y = local
      const xm = (kappa * p * (1 - p)) ** (1 / (2 - p));
      expect(Math.abs(xm - t.local + kappa * p * xm ** (p - 1))).toBeLessThan(1e-12);
    }
    // closed forms: 3/2 kappa^(2/3) (p = 1/2), 2 (2 kappa / 3)^(3/4) (p = 2/3)
    expect(Math.abs(powerThresholds(0.7, 0.5).global - 1.5 * 0.7 ** (2 / 3))).toBeLessThan(1e-12);
    expect(Math.abs(powerThresholds(1.3, 2 / 3).global - 2 * ((2 * 1.3) / 3) ** 0.75)).toBeLessThan(1e-12);
  });

  it('refuses exponents outside (0, 1] and 2', () => {
    expect(() => proxPower(F, F.one, F.one, { num: 3, den: 2 })).toThrow(RangeError);
  });
});

describe('proxSpectral', () => {
  it('acts on the eigenvalues: Q diag(y) Q^T -> Q diag(prox(y)) Q^T', () => {
    const Q = matmul(F, householder([1, -2, 3, 1]), householder([2, 1, 0, -1]));
    const y = [2.5, 0.75, -0.25, -1.5].map(num);
    const kappa = num(0.5);
    for (const p of [{ num: 1, den: 1 }, { num: 2, den: 3 }]) {
      const r = proxSpectral(F, conj(Q, y), kappa, p);
      const want = conj(Q, y.map((v) => proxPower(F, v, kappa, p)));
      r.S.forEach((row, i) => row.forEach((v, j) => expect(close(v, want[i]![j]!, 10)).toBe(true)));
    }
  });
});

describe('symmetricSpectrum', () => {
  it('the identity has [1, 1]; rows e_i e_j^T + e_j e_i^T read an off-diagonal entry twice, [1, 2]', () => {
    const d = 3;
    const I = Array.from({ length: 9 }, (_, i) => Array.from({ length: 9 }, (__, j) => (i === j ? F.one : 0n)));
    const [mu, L] = symmetricSpectrum(F, I, d);
    expect(close(mu, F.one) && close(L, F.one)).toBe(true);
    const rows: Mat = [];
    for (let i = 0; i < d; i++) for (let j = i; j < d; j++) rows.push(Array.from({ length: 9 }, (_, k) => (k === i * d + j || k === j * d + i ? F.one : 0n)));
    const [mu2, L2] = symmetricSpectrum(F, rows, d);
    expect(close(mu2, F.one) && close(L2, 2n * F.one)).toBe(true);
  });
});

describe('proximalGradient', () => {
  const d = 3;
  /** symmetric measurement rows near the basis, plus two random ones */
  function sensing(seed: number): { A: Mat; y: bigint[] } {
    const rng = new Rng(seed);
    const rows: number[][] = [];
    const sym = (s: number): number[][] => {
      const R = Array.from({ length: d }, () => new Array<number>(d).fill(0));
      for (let i = 0; i < d; i++) for (let j = i; j < d; j++) R[i]![j] = R[j]![i] = Math.round((rng.next() * 2 - 1) * 16) / 16 * s;
      return R;
    };
    for (let i = 0; i < d; i++)
      for (let j = i; j < d; j++) {
        const R = sym(1 / 8);
        R[i]![j] = R[i]![j]! + 1;
        if (i !== j) R[j]![i] = R[j]![i]! + 1;
        rows.push(R.flat());
      }
    rows.push(sym(1 / 4).flat(), sym(1 / 4).flat());
    return { A: rows.map((r) => r.map(num)), y: rows.map(() => num(Math.round((rng.next() * 4 - 2) * 64) / 64)) };
  }
  /** G = -grad f(S) = sym(reshape(A^T (y - A vec S))) */
  const negGrad = (A: Mat, y: bigint[], S: Mat): Mat => {
    const r = matvec(F, A, S.flat()).map((v, k) => y[k]! - v);
    const g = matvec(F, transpose(A), r);
    return S.map((row, i) => row.map((_, j) => (g[i * d + j]! + g[j * d + i]!) / 2n));
  };

  it('nuclear norm: its solution carries the optimality certificate -grad f in kappa d|S|_*', () => {
    let sawNull = false;
    for (const seed of [1, 2, 3]) {
      const { A, y } = sensing(seed);
      const kappa = num(0.4 * seed);
      const r = proximalGradient(F, A, y, d, kappa, { num: 1, den: 1 });
      expect(r.converged).toBe(true);
      // in an eigenbasis of S (checked as such): on its support -grad f = kappa sign(x_j), with no
      // coupling out of it; on its null space the block has spectral norm at most kappa
      const U = eigSym(F, r.S).vectors;
      const x = eigSym(F, r.S).values;
      const K = matmul(F, matmul(F, transpose(U), negGrad(A, y, r.S)), U);
      const tiny = F.pow2(-60);
      const support = x.map((v) => F.abs(v) > tiny);
      for (let j = 0; j < d; j++)
        for (let k = 0; k < d; k++) {
          if (!support[j]) continue;
          const want = j === k ? (x[j]! > 0n ? kappa : -kappa) : 0n;
          expect(close(K[j]![k]!, want, 1e6), `seed ${seed} (${j}, ${k})`).toBe(true);
        }
      const nul = support.flatMap((s, j) => (s ? [] : [j]));
      if (nul.length) {
        sawNull = true;
        const block = nul.map((j) => nul.map((k) => K[j]![k]!));
        for (const v of eigSym(F, block).values) expect(F.abs(v) <= kappa).toBe(true);
      }
    }
    // the largest kappa thresholds a direction: the null-space condition is exercised
    expect(sawNull).toBe(true);
  });

  it('squared Frobenius norm (p = 2): the linear optimality condition grad f + 2 kappa S = 0', () => {
    const { A, y } = sensing(7);
    const kappa = num(0.3);
    const r = proximalGradient(F, A, y, d, kappa, { num: 2, den: 1 });
    const G = negGrad(A, y, r.S);
    G.forEach((row, i) => row.forEach((v, j) => expect(close(v, 2n * F.mul(kappa, r.S[i]![j]!), 1e6)).toBe(true)));
  });

  it('the identity map: one exact prox (two iterations), for p < 1 too', () => {
    const Q = householder([1, 2, -2]);
    const y = [1.75, -0.5, -2].map(num);
    const Y = conj(Q, y);
    const I = Array.from({ length: 9 }, (_, i) => Array.from({ length: 9 }, (__, j) => (i === j ? F.one : 0n)));
    const kappa = num(0.6);
    const r = proximalGradient(F, I, Y.flat(), d, kappa, { num: 2, den: 3 });
    expect(r.iterations).toBe(2);
    const want = conj(Q, y.map((v) => proxPower(F, v, kappa, { num: 2, den: 3 })));
    r.S.forEach((row, i) => row.forEach((v, j) => expect(close(v, want[i]![j]!, 10)).toBe(true)));
  });
});
