import { describe, expect, it } from 'vitest';
import { ZigguratNormal } from '../../src/numeric/ziggurat.js';

describe('ziggurat normal draws', () => {
  it('have the standard normal moments and tails (400000 draws, within 4 standard errors)', () => {
    const N = 400_000;
    const x = new ZigguratNormal(12345).fill(new Float64Array(N));
    const m = (f: (v: number) => number): number => x.reduce((a, v) => a + f(v), 0) / N;
    // each moment against its standard error sqrt(Var / N)
    expect(Math.abs(m((v) => v)) / Math.sqrt(1 / N)).toBeLessThan(4);
    expect(Math.abs(m((v) => v * v) - 1) / Math.sqrt(2 / N)).toBeLessThan(4);
    expect(Math.abs(m((v) => v ** 3)) / Math.sqrt(15 / N)).toBeLessThan(4);
    expect(Math.abs(m((v) => v ** 4) - 3) / Math.sqrt(96 / N)).toBeLessThan(4);
    // P(|Z| > t) at a layer inside, near the base layer's end R = 3.4426 and beyond it (the tail method)
    for (const [t, p] of [
      [1, 0.31731050786],
      [2.5, 0.01241933065],
      [3.4426, 0.00057604],
      [4, 0.0000633425],
    ] as const) {
      const freq = m((v) => (Math.abs(v) > t ? 1 : 0));
      expect(Math.abs(freq - p) / Math.sqrt((p * (1 - p)) / N), `P(|Z| > ${t})`).toBeLessThan(4);
    }
    // the wedges: the density's shape between layers (a histogram on [0, 3) in bins of 0.25)
    for (let b = 0; b < 12; b++) {
      const lo = b * 0.25;
      const p = 2 * (Phi(lo + 0.25) - Phi(lo));
      const freq = m((v) => (Math.abs(v) >= lo && Math.abs(v) < lo + 0.25 ? 1 : 0));
      expect(Math.abs(freq - p) / Math.sqrt((p * (1 - p)) / N), `bin ${lo}`).toBeLessThan(4);
    }
  });

  it('replay from a seed, and fill draws the stream next() draws', () => {
    const a = new ZigguratNormal(7).fill(new Float64Array(5000));
    const b = new ZigguratNormal(7).fill(new Float64Array(5000));
    expect(Array.from(a)).toEqual(Array.from(b));
    const g = new ZigguratNormal(7);
    const c = Array.from({ length: 5000 }, () => g.next());
    expect(c).toEqual(Array.from(a));
    // the stream continues across calls
    const h = new ZigguratNormal(7);
    const first = h.fill(new Float64Array(2500));
    const second = h.fill(new Float64Array(2500));
    expect([...first, ...second]).toEqual(Array.from(a));
    expect(Array.from(new ZigguratNormal(8).fill(new Float64Array(10)))).not.toEqual(Array.from(a.subarray(0, 10)));
  });

  it('draws pairs without correlation (lag one) or layer-position coupling', () => {
    const N = 200_000;
    const x = new ZigguratNormal(99).fill(new Float64Array(N));
    let lag = 0;
    let sq = 0;
    for (let i = 1; i < N; i++) {
      lag += x[i]! * x[i - 1]!;
      sq += (x[i]! ** 2 - 1) * (x[i - 1]! ** 2 - 1);
    }
    expect(Math.abs(lag / (N - 1)) / Math.sqrt(1 / N)).toBeLessThan(4);
    expect(Math.abs(sq / (N - 1)) / Math.sqrt(4 / N)).toBeLessThan(4);
  });
});

/** the standard normal distribution function (Abramowitz–Stegun 7.1.26 through erf: |error| < 1.5e-7) */
function Phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}
