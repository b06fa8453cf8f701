import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { dot, eigenvaluesSym, Gaussian, orthonormalRows, slope, symMatVec, topEigen } from '../../src/numeric/float64.js';
import { Rng } from '../../src/numeric/rng.js';

/** Q diag(values) Q^T with a random orthogonal Q: a symmetric matrix of known spectrum. */
function known(values: number[], seed: number): { A: Float64Array; Q: Float64Array } {
  const n = values.length;
  const Q = orthonormalRows(new Gaussian(new Rng(seed)), n, n);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) A[i * n + j]! += Q[k * n + i]! * values[k]! * Q[k * n + j]!;
  return { A, Q };
}

describe('float64 kit', () => {
  it('draws standard normals (mean 0, variance 1 within sampling error)', () => {
    const x = new Gaussian(new Rng(5)).fill(new Float64Array(200_000));
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const v = x.reduce((a, b) => a + b * b, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(v - 1)).toBeLessThan(0.01);
  });
  it('orthonormal rows are orthonormal', () => {
    const d = 30;
    const W = orthonormalRows(new Gaussian(new Rng(1)), 5, d);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(dot(W, W, i * d, j * d, d)).toBeCloseTo(i === j ? 1 : 0, 12);
    expect(() => orthonormalRows(new Gaussian(new Rng(1)), 4, 3)).toThrow(RangeError);
  });
  it('Lanczos finds the top eigenpairs of a spiked spectrum (against ml-matrix and the construction)', () => {
    const n = 120;
    const values = Array.from({ length: n }, (_, i) => (i < 3 ? 10 - 2 * i : Math.sin(i)));
    const { A, Q } = known(values, 3);
    const top = topEigen(A, n, 3, new Gaussian(new Rng(9)).fill(new Float64Array(n)));
    expect(top.values).toEqual([expect.closeTo(10, 10), expect.closeTo(8, 10), expect.closeTo(6, 10)]);
    top.vectors.forEach((v, k) => expect(Math.abs(dot(v, Q, 0, k * n, n))).toBeCloseTo(1, 10));
    for (const r of top.residuals) expect(r).toBeLessThan(1e-9);
    expect(eigenvaluesSym(A, n).slice(0, 3)).toEqual([expect.closeTo(10, 10), expect.closeTo(8, 10), expect.closeTo(6, 10)]);
  });
  it('fits slopes', () => {
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2, 12);
  });
});

/** A generator that replays a script of uniforms: the samplers' algorithms on chosen inputs. */
class Scripted extends Rng {
  calls = 0;
  constructor(private readonly script: number[]) {
    super(0);
  }
  override next(): number {
    const u = this.script[this.calls++];
    if (u === undefined) throw new Error('script exhausted');
    return u;
  }
}

/** Counts the uniforms drawn from a real stream. */
class Counting extends Rng {
  calls = 0;
  override next(): number {
    this.calls++;
    return super.next();
  }
}

const mean = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s / x.length;
};
const centralMoment = (x: ArrayLike<number>, k: number): number => {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** k;
  return s / x.length;
};
const fractionBelow = (x: ArrayLike<number>, q: number): number => {
  let c = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! <= q) c++;
  return c / x.length;
};
/** |estimate - truth| within z standard errors */
const within = (est: number, truth: number, se: number, z = 5): void => {
  expect(Math.abs(est - truth)).toBeLessThan(z * se);
};
// standard normal CDF at -1, 0.5, 2 (tables)
const PHI: [number, number][] = [
  [-1, 0.15865525393145707],
  [0.5, 0.6914624612740131],
  [2, 0.9772498680518208],
];

describe('Gaussian: Box–Muller draws (next)', () => {
  it('turns chosen uniforms into the textbook pair r cos t, r sin t and keeps the second for the next call', () => {
    // r = sqrt(-2 ln(1 - u1)) = 1 at u1 = 1 - e^(-1/2); t = 2 pi u2
    const u1 = 1 - Math.exp(-0.5);
    const rng = new Scripted([u1, 0.125, u1, 0.5]);
    const g = new Gaussian(rng);
    expect(g.next()).toBeCloseTo(Math.SQRT1_2, 14);
    expect(rng.calls).toBe(2);
    expect(g.next()).toBeCloseTo(Math.SQRT1_2, 14); // the spare: no new uniforms
    expect(rng.calls).toBe(2);
    expect(g.next()).toBeCloseTo(-1, 14);
    expect(g.next()).toBeCloseTo(0, 14);
    expect(rng.calls).toBe(4);
    // u = 0 maps to r = 0, never to log(0)
    expect(new Gaussian(new Scripted([0, 0.3])).next()).toBe(0);
  });
  it('uses one uniform per draw on average: two per pair', () => {
    const rng = new Counting(4);
    const g = new Gaussian(rng);
    for (let i = 0; i < 101; i++) g.next();
    expect(rng.calls).toBe(102);
  });
  it('standard normal moments, CDF and independent pair members (100k draws, 5 standard errors)', () => {
    const g = new Gaussian(new Rng(21));
    const n = 100_000;
    const z = Float64Array.from({ length: n }, () => g.next());
    within(mean(z), 0, 1 / Math.sqrt(n));
    within(centralMoment(z, 2), 1, Math.sqrt(2 / n));
    within(centralMoment(z, 4), 3, Math.sqrt(96 / n));
    for (const [q, p] of PHI) within(fractionBelow(z, q), p, Math.sqrt((p * (1 - p)) / n));
    // the two members of a pair: uncorrelated, and their squares too (E z1^2 z2^2 = 1 only if independent)
    let c = 0;
    let c2 = 0;
    for (let i = 0; i < n; i += 2) {
      c += z[i]! * z[i + 1]!;
      c2 += z[i]! ** 2 * z[i + 1]! ** 2;
    }
    within(c / (n / 2), 0, 1 / Math.sqrt(n / 2));
    within(c2 / (n / 2), 1, Math.sqrt(8 / (n / 2)));
  });
  it('uniform() is on (0, 1]: 1 - u, never 0', () => {
    expect(new Gaussian(new Scripted([0])).uniform()).toBe(1);
    expect(new Gaussian(new Scripted([0.75])).uniform()).toBe(0.25);
    const g = new Gaussian(new Rng(8));
    const u = Float64Array.from({ length: 20_000 }, () => g.uniform());
    expect(Math.min(...u)).toBeGreaterThan(0);
    expect(Math.max(...u)).toBeLessThanOrEqual(1);
    within(mean(u), 0.5, Math.sqrt(1 / 12 / u.length));
  });
});

describe('Gaussian: polar draws (fill)', () => {
  it('rejects s = u^2 + v^2 outside (0, 1) and maps the accepted pair to u f, v f with f = sqrt(-2 ln s / s)', () => {
    // (u, v) = (0, -1): s = 1, rejected; (0, 0): s = 0, rejected; (0.5, 0): s = 1/4
    const rng = new Scripted([0.5, 0, 0.5, 0.5, 0.75, 0.5]);
    const g = new Gaussian(rng);
    const out = g.fill(new Float64Array(1));
    expect(out[0]).toBeCloseTo(0.5 * Math.sqrt(8 * Math.log(4)), 14);
    expect(rng.calls).toBe(6);
    expect(g.next()).toBe(0); // v f = 0 was kept
    expect(rng.calls).toBe(6);
  });
  ptest.prop([fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 1000 })], { seed: 22, numRuns: 40 })(
    'is a stream: filling in pieces gives the same numbers as filling at once (the spare carries over)',
    (pieces, seed) => {
      const whole = new Gaussian(new Rng(seed)).fill(new Float64Array(pieces.reduce((a, b) => a + b, 0) + 1));
      const g = new Gaussian(new Rng(seed));
      const parts: number[] = [];
      for (const k of pieces) parts.push(...g.fill(new Float64Array(k)));
      parts.push(g.next()); // after an odd total, the kept spare
      expect(parts.slice(0, -1)).toEqual([...whole.slice(0, -1)]);
      if (parts.length % 2 === 0) expect(parts.at(-1)).toBe(whole.at(-1));
    },
  );
  it('a fill after next() starts with the spare of next()', () => {
    const twin = new Gaussian(new Rng(31));
    twin.next();
    const spare = twin.next();
    const g = new Gaussian(new Rng(31));
    g.next();
    expect(g.fill(new Float64Array(0)).length).toBe(0); // an empty fill takes nothing
    expect(g.fill(new Float64Array(3))[0]).toBe(spare);
  });
  it('standard normal moments and CDF (200k draws, 5 standard errors)', () => {
    const z = new Gaussian(new Rng(23)).fill(new Float64Array(200_001));
    const n = z.length;
    within(mean(z), 0, 1 / Math.sqrt(n));
    within(centralMoment(z, 2), 1, Math.sqrt(2 / n));
    within(centralMoment(z, 4), 3, Math.sqrt(96 / n));
    for (const [q, p] of PHI) within(fractionBelow(z, q), p, Math.sqrt((p * (1 - p)) / n));
    let c2 = 0;
    for (let i = 0; i + 1 < n; i += 2) c2 += z[i]! ** 2 * z[i + 1]! ** 2;
    within(c2 / ((n - 1) / 2), 1, Math.sqrt(8 / ((n - 1) / 2)));
  });
});

describe('Gaussian: gamma and chi-squared draws', () => {
  // P(Gamma(a) <= 1/2): a = 1/2 is Z^2/2, so 2 Phi(1) - 1; a = 1: 1 - e^(-1/2); a = 3/2: that minus 2 sqrt(1/(2 pi)) e^(-1/2); a = 3: 1 - e^(-1/2)(1 + 1/2 + 1/8)
  const cdfHalf: Record<number, number> = {
    0.5: 2 * 0.8413447460685429 - 1,
    1: 1 - Math.exp(-0.5),
    1.5: 2 * 0.8413447460685429 - 1 - 2 * Math.sqrt(1 / (2 * Math.PI)) * Math.exp(-0.5),
    3: 1 - Math.exp(-0.5) * (1 + 0.5 + 0.125),
  };
  for (const a of [0.2, 0.5, 1, 1.5, 3, 9]) {
    it(`Gamma(${a}): mean a, variance a, third central moment 2a${cdfHalf[a] === undefined ? '' : ', CDF at 1/2'} (60k draws)`, () => {
      const g = new Gaussian(new Rng(40 + 10 * a));
      const n = 60_000;
      const x = Float64Array.from({ length: n }, () => g.gamma(a));
      expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
      within(mean(x), a, Math.sqrt(a / n));
      // var of the sample variance: (mu4 - sigma^4) / n, mu4 = 3a^2 + 6a
      within(centralMoment(x, 2), a, Math.sqrt((2 * a * a + 6 * a) / n));
      // mu6 of Gamma(a) = 15a^3 + 130a^2 + 120a: the third moment's error is about sqrt(mu6 - mu3^2)/sqrt(n)
      within(centralMoment(x, 3), 2 * a, Math.sqrt((15 * a ** 3 + 130 * a * a + 120 * a - 4 * a * a) / n), 6);
      const p = cdfHalf[a];
      if (p !== undefined) within(fractionBelow(x, 0.5), p, Math.sqrt((p * (1 - p)) / n));
    });
  }
  it('chi2(k) = 2 Gamma(k/2): mean k, variance 2k', () => {
    for (const k of [1, 3, 10]) {
      const g = new Gaussian(new Rng(60 + k));
      const n = 40_000;
      const x = Float64Array.from({ length: n }, () => g.chi2(k));
      within(mean(x), k, Math.sqrt((2 * k) / n));
      within(centralMoment(x, 2), 2 * k, Math.sqrt((8 * k * k + 48 * k) / n));
    }
  });
});

describe('dense helpers', () => {
  it('dot with offsets and lengths; the default length runs to the end of a', () => {
    const a = Float64Array.from([1, 2, 3, 4]);
    const b = Float64Array.from([5, 6, 7, 8, 9, 10]);
    expect(dot(a, b)).toBe(5 + 12 + 21 + 32);
    expect(dot(a, b, 2)).toBe(3 * 5 + 4 * 6);
    expect(dot(a, b, 1, 3)).toBe(2 * 8 + 3 * 9 + 4 * 10);
    expect(dot(a, b, 0, 2, 2)).toBe(7 + 16);
  });
  it('symMatVec is A x', () => {
    const A = Float64Array.from([1, 2, 0, 2, -1, 3, 0, 3, 5]);
    const y = new Float64Array(3);
    symMatVec(A, 3, Float64Array.from([1, 10, 100]), y);
    expect([...y]).toEqual([21, 292, 530]);
  });
  it('eigenvaluesSym: the whole spectrum, descending', () => {
    const values = [3, -7, 0.5, 12, 1, -2];
    const { A } = known(values, 17);
    const got = eigenvaluesSym(A, 6);
    [...values].sort((x, y) => y - x).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 11));
  });
  it('slope: least squares, off-centre data', () => {
    // y = 4 - 3x plus a zero-mean wiggle orthogonal to x - mean: the slope stays -3
    expect(slope([2, 3, 4, 5, 6], [-2 + 1, -5 - 2, -8 + 2, -11 - 2, -14 + 1])).toBeCloseTo(-3, 12);
    expect(slope([10, 11, 13], [1, 2, 4])).toBeCloseTo(1, 12);
  });
  it('orthonormalRows: a square case is an orthogonal matrix; too many rows is an error naming both sizes', () => {
    const W = orthonormalRows(new Gaussian(new Rng(2)), 4, 4);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(dot(W, W, i * 4, j * 4, 4)).toBeCloseTo(i === j ? 1 : 0, 12);
    expect(() => orthonormalRows(new Gaussian(new Rng(1)), 4, 3)).toThrow('cannot have 4 orthonormal rows in dimension 3');
  });
});

describe('orthonormalRows from a Gaussian matrix', () => {
  it('draws exactly d r normals, and its rows span the columns of that matrix', () => {
    const [r, d] = [3, 7];
    const twin = new Gaussian(new Rng(77));
    const G = Array.from({ length: d }, () => Array.from({ length: r }, () => twin.next()));
    const g = new Gaussian(new Rng(77));
    const W = orthonormalRows(g, r, d);
    // the stream goes on where the matrix ended
    expect(g.next()).toBe(twin.next());
    // each column of G equals its projection on the rows
    for (let j = 0; j < r; j++) {
      const col = Float64Array.from(G, (row) => row[j]!);
      const proj = new Float64Array(d);
      for (let k = 0; k < r; k++) {
        const c = dot(W, col, k * d, 0, d);
        for (let i = 0; i < d; i++) proj[i]! += c * W[k * d + i]!;
      }
      col.forEach((v, i) => expect(proj[i]).toBeCloseTo(v, 12));
    }
  });
});

describe('topEigen beyond the spiked case', () => {
  it('one step is the Rayleigh quotient of the start vector, with its true residual', () => {
    const { A } = known([4, 1, -2, 0.5, 3], 5);
    const n = 5;
    const start = Float64Array.from([1, -2, 0.5, 3, 1]);
    const q = start.map((v) => v / Math.hypot(...start));
    const Aq = new Float64Array(n);
    symMatVec(A, n, q, Aq);
    const rho = dot(q, Aq);
    const top = topEigen(A, n, 2, start, 1);
    expect(top.values).toHaveLength(1);
    expect(top.values[0]).toBeCloseTo(rho, 12);
    expect(Math.abs(dot(top.vectors[0]!, q))).toBeCloseTo(1, 12);
    expect(top.residuals[0]).toBeCloseTo(Math.hypot(...Aq.map((v, i) => v - rho * q[i]!)), 12);
  });
  it('asking for more pairs than the dimension gives the whole spectrum', () => {
    const values = [2, 9, -1, 4];
    const { A } = known(values, 6);
    const top = topEigen(A, 4, 7, Float64Array.from([1, 1, 1, 1]));
    expect(top.values).toEqual([expect.closeTo(9, 10), expect.closeTo(4, 10), expect.closeTo(2, 10), expect.closeTo(-1, 10)]);
    for (const r of top.residuals) expect(r).toBeLessThan(1e-9);
  });
  for (const scale of [1e6, -1e6, 1]) {
    it(`a start inside an invariant plane stops after two steps (scale ${scale}${scale === 1 ? ', Rayleigh quotient 0' : ''})`, () => {
      // diagonal: the plane of e0, e1 is invariant; the other eigenvalues must not appear
      const n = 6;
      const d = scale === 1 ? [1, -1, 5, 4, 3, 2] : [5, 3, 1, 0.5, 0.25, 0.125].map((v) => v * scale);
      const A = new Float64Array(n * n);
      d.forEach((v, i) => (A[i * n + i] = v));
      const top = topEigen(A, n, 3, Float64Array.from([1, 1, 0, 0, 0, 0]));
      const want = [d[0]!, d[1]!].sort((x, y) => y - x);
      expect(top.values).toHaveLength(2);
      top.values.forEach((v, i) => expect(v / Math.abs(scale)).toBeCloseTo(want[i]! / Math.abs(scale), 10));
    });
  }
  it('the default step count for many pairs (3k > k + 60): a tight cluster on top is resolved', () => {
    // 35 eigenvalues packed in [1, 1.01] above 65 spread over [-100, 0]: fewer than n steps leave the cluster unresolved
    const n = 100;
    const values = Array.from({ length: n }, (_, i) => (i < 35 ? 1 + i / 3500 : -100 + (i - 35) * (100 / 65)));
    const { A } = known(values, 12);
    const top = topEigen(A, n, 35, new Gaussian(new Rng(13)).fill(new Float64Array(n)));
    expect(top.values).toHaveLength(35);
    top.values.forEach((v, i) => expect(v).toBeCloseTo(1 + (34 - i) / 3500, 9));
  });
});
