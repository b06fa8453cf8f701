import { describe, expect, it } from 'vitest';
import { cascadeReadings, HermiteTarget, levelOutlier, spikeOf, thresholdOfOutlier, type CascadeReading } from '../../src/models/multiindex.js';

const theta = [1, 0.3, 0.3];
const target = new HermiteTarget({ d: 24, theta, noise: 0, seed: 0, axes: true });
const energy = theta.reduce((s, t) => s + t * t, 0);

describe('cascade readings', () => {
  it('read the same T for one noise variance alone (one accumulator) and among others (T_s + sqrt(Delta) T_xi)', () => {
    const ns = [240, 960];
    const [alone] = cascadeReadings(target, [2], [ns], 11, { top: 4, test: 300, parts: [[1, 2]] });
    const shared = cascadeReadings(target, [0.5, 2], [[960], ns], 11, { top: 4, test: 300, parts: [[1, 2]] })[1]!;
    alone!.forEach((r, i) => {
      const s = shared[i]!;
      expect(s.n).toBe(r.n);
      expect(s.K).toBe(r.K);
      expect(s.s2).toBeCloseTo(r.s2, 9);
      s.values.forEach((v, j) => expect(v).toBeCloseTo(r.values[j]!, 9));
      s.q.forEach((q, k) => expect(q).toBeCloseTo(r.q[k]!, 9));
      expect(s.risk).toBeCloseTo(r.risk, 9);
      expect(s.partRisk[0]!).toBeCloseTo(r.partRisk[0]!, 9);
    });
  });

  it('leave the whole energy 2 sum theta^2 below every threshold, measured on the test inputs', () => {
    // E[y^2] = 1 + 2 * 1.18: alpha_1 = 0.84, read at alpha = 0.25 (and the edge margin 1 + 3 / alpha)
    const [[r]] = cascadeReadings(target, [1], [[6]], 3, { top: 4, test: 20_000, parts: [[0], [1, 2]] }) as [[CascadeReading]];
    expect(r.K).toBe(0);
    expect(r.exactRisk).toBeCloseTo(2 * energy, 12);
    // means of squared He_2 sums over 20000 inputs: relative spreads about 3.7 / sqrt(20000) for one He_2 (E[He_2^4] = 60), 2.8 for the pair
    expect(Math.abs(r.risk / (2 * energy) - 1)).toBeLessThan(0.07);
    expect(Math.abs(r.partRisk[0]! / 2 - 1)).toBeLessThan(0.07);
    expect(Math.abs(r.partRisk[1]! / (2 * 0.18) - 1)).toBeLessThan(0.08);
  });

  it('recover a direction far above its threshold and leave the weaker ones whole', () => {
    // E[y^2] = 0.5 + 2 * 1.08 = 2.66: alpha_1 = 0.67, alpha_(2,3) = 16.6; read at alpha = 8 and 80
    const weak = new HermiteTarget({ d: 24, theta: [1, 0.2, 0.2], noise: 0, seed: 0, axes: true });
    const rs = cascadeReadings(weak, [0.5], [[192, 1920]], 5, { top: 5, test: 4000, parts: [[0], [1, 2]] })[0]!;
    const sigma2 = 2.66;
    for (const r of rs) {
      const alpha = r.n / 24;
      // T's noise level off the directions: E[y^2] / alpha, from ~210 squared entries
      expect(Math.abs(r.s2 / (sigma2 / alpha) - 1)).toBeLessThan(0.3);
      expect(r.K).toBeGreaterThanOrEqual(1);
      // the missed part is about (alpha_1 + 2) / alpha (the labels correlate with z_1^2)
      expect(r.q[0]!).toBeGreaterThan(0.5);
      // the test-input mean against the closed form (E[He_2^2] = 2): within the inputs' spread
      expect(Math.abs(r.risk / r.exactRisk - 1)).toBeLessThan(0.1);
    }
    // at alpha = 8 the weaker directions are below their threshold: their share is whole
    expect(Math.abs(rs[0]!.partRisk[1]! / (2 * 0.08) - 1)).toBeLessThan(0.1);
    // the whole error is the parts' sum when the parts are apart in the subspace (up to the inputs' spread)
    expect(Math.abs((rs[0]!.partRisk[0]! + rs[0]!.partRisk[1]!) / rs[0]!.risk - 1)).toBeLessThan(0.1);
    // and at alpha = 80 they are seen too
    expect(rs[1]!.q[1]! + rs[1]!.q[2]!).toBeGreaterThan(1);
    expect(rs[1]!.risk).toBeLessThan(rs[0]!.risk);
    // each direction's outlier is the eigenvalue of the eigenvector nearest it, near c + s^2 / c (c = 2 theta)
    const r = rs[1]!;
    expect(r.outlier[0]).toBe(r.values[0]);
    expect(Math.abs(r.outlier[0]! - (2 + r.s2 / 2))).toBeLessThan(0.15);
  });

  it('need a target on axes with noise 0, and one list of sizes per variance', () => {
    const rows = new HermiteTarget({ d: 24, theta, noise: 0, seed: 1 });
    expect(() => cascadeReadings(rows, [1], [[100]], 1, { top: 3, test: 0 })).toThrow(RangeError);
    const noisy = new HermiteTarget({ d: 24, theta, noise: 1, seed: 1, axes: true });
    expect(() => cascadeReadings(noisy, [1], [[100]], 1, { top: 3, test: 0 })).toThrow(RangeError);
    expect(() => cascadeReadings(target, [1, 2], [[100]], 1, { top: 3, test: 0 })).toThrow(RangeError);
    // no test inputs: no prediction error
    const [[r]] = cascadeReadings(target, [1], [[100]], 1, { top: 3, test: 0 }) as [[CascadeReading]];
    expect(r.risk).toBeNaN();
  });
});

describe('the outliers of a level', () => {
  it('average the eigenvalues of the eigenvectors with the most mass on the level', () => {
    const reading: CascadeReading = {
      n: 100,
      values: [5, 3, 2.5, 1],
      mass: [
        [0.9, 0.05, 0.05],
        [0.05, 0.5, 0.3],
        [0.02, 0.4, 0.5],
        [0.01, 0.02, 0.01],
      ],
      K: 3,
      outlier: [5, 3, 2.5],
      q: [0.97, 0.95, 0.85],
      s2: 0.1,
      risk: 0,
      partRisk: [],
      exactRisk: 0,
    };
    expect(levelOutlier(reading, [1, 2])).toBeCloseTo((3 + 2.5) / 2, 12);
    expect(levelOutlier(reading, [0])).toBe(5);
  });
});

describe('the spike and the threshold read off an outlier', () => {
  it('invert lambda = c + s^2 / c on the larger root', () => {
    for (const [c, s2] of [[0.7, 0.1], [2, 0.5], [0.5, 0.2]] as const) {
      expect(spikeOf(c + s2 / c, s2)).toBeCloseTo(c, 12);
      // alpha s^2 / c^2: at alpha = 40 with s^2 = E[y^2] / alpha, the threshold E[y^2] / c^2
      expect(thresholdOfOutlier(40, c + s2 / c, s2)).toBeCloseTo((40 * s2) / c ** 2, 12);
    }
    // at or inside the edge 2 s: half the outlier
    expect(spikeOf(0.5, 0.1)).toBeCloseTo(0.25, 12);
  });
});
