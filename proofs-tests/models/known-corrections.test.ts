import { describe, expect, it } from 'vitest';
import { correctionSums, eliminateCorrections } from '../../src/models/known-corrections.js';

describe('Richardson extrapolation in known correction exponents', () => {
  it('removes the named corrections exactly, whatever their sizes and signs', () => {
    const s = Array.from({ length: 6 }, (_, j) => 1.5 - 4 * 0.7 ** j + 9 * 0.2 ** j + 0.3 * 0.05 ** j);
    for (const v of eliminateCorrections(s, [0.7, 0.2, 0.05])) expect(v).toBeCloseTo(1.5, 12);
    expect(eliminateCorrections(s, [0.7, 0.2, 0.05])).toHaveLength(3);
    // the order of the passes does not matter
    for (const v of eliminateCorrections(s, [0.05, 0.7, 0.2])) expect(v).toBeCloseTo(1.5, 12);
  });

  it('leaves a correction it was not told of, scaled by (r\' - r) / (1 - r) per pass, still geometric', () => {
    const s = Array.from({ length: 5 }, (_, j) => 1 + 0.6 ** j + 0.3 ** j);
    const out = eliminateCorrections(s, [0.6]);
    out.forEach((v, j) => expect(v - 1).toBeCloseTo(((0.3 - 0.6) / (1 - 0.6)) * 0.3 ** j, 12));
  });

  it('refuses too few values and ratios outside (0, 1)', () => {
    expect(() => eliminateCorrections([1, 2], [0.5, 0.1])).toThrow(/cannot remove/);
    expect(() => eliminateCorrections([1, 2, 3], [1])).toThrow(/\(0, 1\)/);
    expect(() => eliminateCorrections([1, 2, 3], [0])).toThrow(/\(0, 1\)/);
  });

  it('generates the exponents to second order, merged and ascending', () => {
    expect(correctionSums([0.5, 2])).toEqual([0.5, 1, 2, 2.5, 4]);
    expect(correctionSums([1, 1.0005, 3])).toEqual([1, 2, 3, 4, 6]);
    expect(() => correctionSums([0.5, 0])).toThrow(/positive/);
  });
});
