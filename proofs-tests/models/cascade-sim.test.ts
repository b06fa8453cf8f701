import { describe, expect, it } from 'vitest';
import { cascadeSim, levelOutlierOf, targetEnergy, targetRowMoment, targetSpikeMean } from '../../src/models/cascade-sim.js';
import { cascadeReadings, HermiteTarget, levelOutlier, type CascadeReading } from '../../src/models/multiindex.js';

const theta = [1, 0.3, 0.3];
const d = 24;

describe('the cascade simulation', () => {
  it('reads the same T for one noise variance alone and among others (the two accumulators, folded once one variance is left)', () => {
    const ns = [240, 960, 1500];
    const [alone] = cascadeSim(d, theta, [2], [ns], 11, { top: 4, test: 300, parts: [[1, 2]] });
    // among others: both accumulators up to 960, then S + sqrt(2) N alone; and with the other variance read last (never folded)
    for (const [noises, lists, at] of [
      [[0.5, 2], [[960], ns], 1],
      [[2, 0.5], [ns, [2000]], 0],
    ] as const) {
      const shared = cascadeSim(d, theta, noises, lists, 11, { top: 4, test: 300, parts: [[1, 2]] })[at]!;
      alone!.forEach((r, i) => {
        const s = shared[i]!;
        expect(s.n).toBe(r.n);
        expect(s.K).toBe(r.K);
        expect(s.s2).toBeCloseTo(r.s2, 9);
        s.values.forEach((v, j) => expect(v).toBeCloseTo(r.values[j]!, 9));
        s.diag.forEach((v, k) => expect(v).toBeCloseTo(r.diag[k]!, 9));
        s.rows.forEach((v, k) => expect(v).toBeCloseTo(r.rows[k]!, 9));
        s.risk.forEach((v, p) => expect(v).toBeCloseTo(r.risk[p]!, 9));
      });
    }
  });

  it('leaves the whole energy below every threshold: the error is the test inputs\' energy, exactly', () => {
    // E[y^2] = 1 + 2 * 1.18: alpha_1 = 0.84, read at alpha = 0.25 (and the edge margin 1 + 3 / alpha)
    const [[r]] = cascadeSim(d, theta, [1], [[6]], 3, { top: 4, test: 20_000, parts: [[0], [1, 2]] }) as [[ReturnType<typeof cascadeSim>[0][0]]];
    expect(r!.K).toBe(0);
    r!.risk.forEach((v, p) => expect(v).toBe(r!.energy[p]!));
    // and that energy is 2 sum theta^2 (E[He_2^2] = 2) within the inputs' spread (about 3.7 / sqrt(20000) relative for one He_2)
    expect(Math.abs(r!.energy[0]! / (2 * 1.18) - 1)).toBeLessThan(0.07);
    expect(Math.abs(r!.energy[1]! / 2 - 1)).toBeLessThan(0.07);
    expect(Math.abs(r!.energy[2]! / (2 * 0.18) - 1)).toBeLessThan(0.08);
  });

  it('recovers a direction far above its threshold and leaves the weaker ones whole, as cascadeReadings does', () => {
    // E[y^2] = 0.5 + 2 * 1.08 = 2.66: alpha_1 = 0.67, alpha_(2,3) = 16.6; read at alpha = 8 and 80, over 40 seeds
    const weak = [1, 0.2, 0.2];
    const target = new HermiteTarget({ d, theta: weak, noise: 0, seed: 0, axes: true });
    const seeds = Array.from({ length: 40 }, (_, s) => 100 + s);
    const mine = seeds.map((s) => cascadeSim(d, weak, [0.5], [[192, 1920]], s, { top: 5, test: 1000, parts: [[0], [1, 2]] })[0]!);
    const theirs = seeds.map((s) => cascadeReadings(target, [0.5], [[192, 1920]], s, { top: 5, test: 1000, parts: [[0], [1, 2]] })[0]!);
    const avg = (f: (i: number) => number): number => seeds.reduce((a, _, i) => a + f(i), 0) / seeds.length;
    for (const j of [0, 1]) {
      const alpha = mine[0]![j]!.n / d;
      // T's noise level off the directions: E[y^2] / alpha (the labels' heavy tails: about 27% a seed at alpha = 8)
      expect(Math.abs(avg((i) => mine[i]![j]!.s2) / (2.66 / alpha) - 1)).toBeLessThan(0.15);
      // about 15% a seed at alpha = 8, 3% at alpha = 80: the bound four standard errors of the two means' difference
      const spread = j === 0 ? 0.13 : 0.04;
      // T_kk's mean is 2 theta_k
      expect(Math.abs(avg((i) => mine[i]![j]!.diag[0]!) / 2 - 1)).toBeLessThan(0.1);
      // the first direction recovered: the same outlier and the same error as the other implementation (another stream of draws)
      expect(Math.abs(avg((i) => mine[i]![j]!.values[0]!) / avg((i) => theirs[i]![j]!.values[0]!) - 1)).toBeLessThan(spread);
      expect(Math.abs(avg((i) => mine[i]![j]!.risk[0]!) / avg((i) => theirs[i]![j]!.risk) - 1)).toBeLessThan(2 * spread + 0.05);
      expect(Math.abs(avg((i) => mine[i]![j]!.risk[1]!) / avg((i) => theirs[i]![j]!.partRisk[0]!) - 1)).toBeLessThan(2 * spread + 0.1);
      expect(avg((i) => mine[i]![j]!.mass[0]![0]!)).toBeGreaterThan(0.5);
    }
    // at alpha = 8 the weaker directions are below their threshold: their share is whole (the control-variate difference small)
    expect(Math.abs(avg((i) => mine[i]![0]!.risk[2]! - mine[i]![0]!.energy[2]!)) / (2 * 0.08)).toBeLessThan(0.05);
    // at alpha = 80 they are seen too
    expect(avg((i) => mine[i]![1]!.risk[2]! / mine[i]![1]!.energy[2]!)).toBeLessThan(0.7);
  });

  it('reads each direction\'s row noise level off the unused coordinates, of mean d E[y^2 x_k^2] / n', () => {
    // E[y^2 x_k^2] = Delta + E[g^2] + 8 theta_k^2 (E[He_2^3] = 8, the other directions independent)
    const S = 60;
    const n = 600;
    const read = Array.from({ length: S }, (_, s) => cascadeSim(d, theta, [0.5], [[n]], 200 + s, { top: 3, test: 0 })[0]![0]!);
    for (const k of [0, 1]) {
      const want = (d * (0.5 + 2 * 1.18 + 8 * theta[k]! ** 2)) / n;
      // each seed's a mean of d - 3 squared entries of about normal law: 30% a seed, 4% over 60 seeds; the bound four of those
      expect(Math.abs(read.reduce((a, r) => a + r.rows[k]!, 0) / S / want - 1)).toBeLessThan(0.16);
    }
    expect(read[0]!.rows.length).toBe(theta.length);
  });

  it('reads smaller dimensions on the leading coordinates of one sample (dims): the same T_kk, eigenvalues interlaced with the whole', () => {
    const ns = [300, 1200];
    const full = cascadeSim(d, theta, [0.5], [ns], 7, { top: d, test: 200, parts: [[1, 2]] })[0]!;
    // the default is the sample's own dimension, and equal variances share one accumulator (folded or not)
    const same = cascadeSim(d, theta, [0.5, 0.5], [ns, ns], 7, { top: d, test: 200, parts: [[1, 2]], dims: [d, d] });
    for (const list of same)
      list.forEach((r, i) => {
        r.values.forEach((v, j) => expect(v).toBeCloseTo(full[i]!.values[j]!, 9));
        r.risk.forEach((v, p) => expect(v).toBeCloseTo(full[i]!.risk[p]!, 9));
      });
    const dl = 12;
    const block = cascadeSim(d, theta, [0.5, 0.5], [ns, ns], 7, { top: d, test: 200, parts: [[1, 2]], dims: [dl, d] })[0]!;
    block.forEach((r, i) => {
      const w = full[i]!;
      expect(r.n).toBe(w.n);
      // T_kk = (1/n) sum y (x_k^2 - 1) does not depend on the other coordinates
      r.diag.forEach((v, k) => expect(v).toBeCloseTo(w.diag[k]!, 12));
      // Cauchy interlacing: the leading block's eigenvalues lie between the whole matrix's, lambda_j >= mu_j >= lambda_(j + d - dl)
      expect(r.values.length).toBe(dl);
      r.values.forEach((mu, j) => {
        expect(mu).toBeLessThanOrEqual(w.values[j]! + 1e-12);
        expect(mu).toBeGreaterThanOrEqual(w.values[j + d - dl]! - 1e-12);
      });
      // the test inputs' energy is the same (the target uses the first axes only)
      r.energy.forEach((v, p) => expect(v).toBe(w.energy[p]!));
      // the error is a mean over the same test inputs: finite, the readout's own
      r.risk.forEach((v) => expect(Number.isFinite(v)).toBe(true));
    });
    // the noise level is read on the block: E[y^2] / alpha at alpha = n / dl (E[y^2] = 0.5 + 2 * 1.18; the bulk's 36 pairs at 1200 samples: about 25% a seed, the bound twice that)
    expect(Math.abs(block[1]!.s2 / ((0.5 + 2.36) / (1200 / dl)) - 1)).toBeLessThan(0.5);
    expect(() => cascadeSim(d, theta, [0.5], [ns], 7, { top: 3, test: 0, dims: [d + 1] })).toThrow(RangeError);
    expect(() => cascadeSim(d, theta, [0.5], [ns], 7, { top: 3, test: 0, dims: [4] })).toThrow(RangeError);
    expect(() => cascadeSim(d, theta, [0.5], [ns], 7, { top: 3, test: 0, dims: [d, d] })).toThrow(RangeError);
  });

  it('needs room for the noise level and one list of sizes per variance; no test inputs, no error', () => {
    expect(() => cascadeSim(4, [1, 1, 1], [1], [[100]], 1, { top: 3, test: 0 })).toThrow(RangeError);
    expect(() => cascadeSim(d, theta, [1, 2], [[100]], 1, { top: 3, test: 0 })).toThrow(RangeError);
    const [[r]] = cascadeSim(d, theta, [1], [[100]], 1, { top: 3, test: 0 }) as [[ReturnType<typeof cascadeSim>[0][0]]];
    expect(r!.risk[0]).toBeNaN();
    expect(r!.values.length).toBe(3);
  });
});

describe('the target\'s moments by quadrature', () => {
  it('are 2 sum theta^2 and 2 theta_k (E[He_2^2] = 2, the He_2 orthogonal)', () => {
    expect(targetEnergy([0.8, 0.2, 0.2, 0.2])).toBeCloseTo(2 * 0.76, 12);
    expect(targetEnergy([0, 0.2, 0, 0.2])).toBeCloseTo(2 * 0.08, 12);
    expect(targetEnergy([])).toBe(0);
    expect(targetSpikeMean([0.8, 0.2, 0.2], 1)).toBeCloseTo(0.4, 12);
    expect(targetSpikeMean([0.8, 0, 0.2], 1)).toBeCloseTo(0, 12);
  });

  it('E[g^2 x_k^2] is E[g^2] + 8 theta_k^2 (E[He_2^2 x^2] = 10, E[He_2 x^2] = 2, E[x^2] = 1)', () => {
    expect(targetRowMoment([0.7], 0)).toBeCloseTo(10 * 0.49, 12);
    expect(targetRowMoment([0.8, 0.2, 0.2, 0.2], 1)).toBeCloseTo(2 * 0.76 + 8 * 0.04, 12);
    // a coordinate the target does not use: E[g^2] E[x^2]
    expect(targetRowMoment([0.8, 0, 0.2], 1)).toBeCloseTo(2 * 0.68, 12);
  });
});

describe('the outliers of a level', () => {
  it('are levelOutlier\'s reading', () => {
    const reading = {
      values: [5, 3, 2.5, 1],
      mass: [
        [0.9, 0.05, 0.05],
        [0.05, 0.5, 0.3],
        [0.02, 0.4, 0.5],
        [0.01, 0.02, 0.01],
      ],
    };
    const full: CascadeReading = { ...reading, n: 100, K: 3, outlier: [5, 3, 2.5], q: [1, 1, 1], s2: 0.1, risk: 0, partRisk: [], exactRisk: 0 };
    expect(levelOutlierOf(reading, [1, 2])).toBeCloseTo((3 + 2.5) / 2, 12);
    expect(levelOutlierOf(reading, [1, 2])).toBe(levelOutlier(full, [1, 2]));
    expect(levelOutlierOf(reading, [0])).toBe(5);
  });
});
