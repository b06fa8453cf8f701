import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { familywiseZ, millsRatio, normalQ, phi } from '../../src/numeric/normal.js';

/** mpmath at 30 digits, written down once: x, Q(x) = erfc(x / sqrt 2) / 2, and Q(x) / phi(x). */
const TABLE: [number, number, number][] = [
  [-8, 0.9999999999999993779, 197930788642469.18002],
  [-3.5, 0.99976737092096447496, 1145.6252961089604123],
  [-3, 0.99865010196836990547, 225.33489622034912058],
  [-2.999, 0.99864566346627289335, 224.65901835362284148],
  [-1, 0.84134474606854294859, 3.4770518117036944669],
  [-0.25, 0.59870632568292372424, 1.5483726215476581808],
  [0, 0.5, 1.2533141373155002512],
  [1e-3, 0.49960105778608893742, 1.2523147636393921733],
  [0.5, 0.30853753872598689636, 0.87636445645369234673],
  [1, 0.15865525393145705141, 0.65567954241879847154],
  [2, 0.0227501319481792072, 0.42136922928805447322],
  [2.999, 0.0013543365337271066511, 0.30467655077125947198],
  [3, 0.0013498980316300945267, 0.30459029871010329573],
  [3.001, 0.001345472825084965989, 0.30450409255193700896],
  [4, 0.000031671241833119921254, 0.23665238291356067062],
  [6, 9.865876450376981407e-10, 0.16237766089686746182],
  [10, 7.619853024160526066e-24, 0.099028596471731921395],
  [20, 2.7536241186062336951e-89, 0.049875925981836783658],
  [38, 2.8854283600687843084e-316, 0.026297602974252964378],
];
const rel = (a: number, b: number): number => Math.abs(a / b - 1);
// the series loses ~2.5 digits to the cancellation 1/2 - phi sum as x nears 3; the continued fraction does not
const tolQ = (x: number): number => (Math.abs(x) < 3 && Math.abs(x) > 1.5 ? 3e-14 : 1e-15);

describe('standard normal tail and Mills ratio in float64', () => {
  it('Q and the Mills ratio match mpmath across the series / continued-fraction boundary', () => {
    for (const [x, q, r] of TABLE) {
      expect(rel(normalQ(x), q), `Q(${x})`).toBeLessThan(tolQ(x));
      if (x >= 0) expect(rel(millsRatio(x), r), `R(${x})`).toBeLessThan(tolQ(x));
    }
  });
  it('phi is the normal density: 1/sqrt(2 pi) at 0, e^-2 / sqrt(2 pi) at 2, symmetric', () => {
    const c = new Decimal(2).times(Decimal.acos(-1)).sqrt().pow(-1).toNumber();
    expect(rel(phi(0), c)).toBeLessThan(1e-16);
    expect(rel(phi(2), c * Math.exp(-2))).toBeLessThan(1e-15);
    expect(phi(-2)).toBe(phi(2));
  });
  it('the Mills ratio is sqrt(pi/2) at 0 and 1/(x + 1/x) to first order far out', () => {
    expect(rel(millsRatio(0), Math.sqrt(Math.PI / 2))).toBeLessThan(1e-15);
    expect(rel(millsRatio(1e4), 1 / (1e4 + 1 / 1e4))).toBeLessThan(1e-15);
  });
  ptest.prop([fc.double({ min: -12, max: 12, noNaN: true })], { seed: 11, numRuns: 200 })('Q(x) + Q(-x) = 1 and Q decreases', (x) => {
    expect(Math.abs(normalQ(x) + normalQ(-x) - 1)).toBeLessThan(4e-16);
    // strictly decreasing where the step is resolved in float64
    if (x > -6) expect(normalQ(x + 0.01)).toBeLessThan(normalQ(x));
  });
  ptest.prop([fc.double({ min: 3.5, max: 1e3, noNaN: true })], { seed: 12, numRuns: 200 })(
    'the Mills ratio obeys x/(x^2+1) < R(x) < 1/x and R\' = x R - 1 (Gordon; the ODE of R)',
    (x) => {
      const r = millsRatio(x);
      expect(r).toBeGreaterThan(x / (x * x + 1));
      expect(r).toBeLessThan(1 / x);
      // R' = x R - 1, by a five-point difference: truncation h^4 R^(5) / 30 and rounding 1e-16 / h, both < 1e-13
      const h = 1e-3;
      const d = (8 * (millsRatio(x + h) - millsRatio(x - h)) - (millsRatio(x + 2 * h) - millsRatio(x - 2 * h))) / (12 * h);
      expect(Math.abs(d - (x * r - 1))).toBeLessThan(1e-12);
    },
  );
});

describe('familywise z (Sidak)', () => {
  it('is the single test at M = 1, and M independent tests at it pass by chance as often as one at z1', () => {
    expect(familywiseZ(1)).toBeCloseTo(3, 10);
    for (const M of [2, 10, 30, 1000]) {
      const z = familywiseZ(M);
      expect(1 - (1 - 2 * normalQ(z)) ** M).toBeCloseTo(2 * normalQ(3), 12);
      expect(z).toBeGreaterThan(familywiseZ(M - 1));
    }
    // mpmath (erfinv) gives 3.915784 for 30 tests at a familywise 0.27 %, 2.830608 for 10 at 4.55 %
    expect(familywiseZ(30)).toBeCloseTo(3.91578, 4);
    expect(familywiseZ(10, 2)).toBeCloseTo(2.83061, 4);
    expect(() => familywiseZ(0)).toThrow('positive integer');
  });
});
