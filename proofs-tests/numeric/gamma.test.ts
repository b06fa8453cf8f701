import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { gamma } from '../../src/numeric/gamma.js';

/** Debian's python3-mpmath as the independent reference: installed on demand, else the test says why it skips. */
function mpmathAvailable(): string | undefined {
  const probe = (): boolean => spawnSync('/usr/bin/python3', ['-c', 'import mpmath'], { stdio: 'ignore' }).status === 0;
  if (probe()) return undefined;
  spawnSync('apt-get', ['install', '-y', '-q', 'python3-mpmath'], { stdio: 'ignore', timeout: 240_000 });
  return probe() ? undefined : 'python3-mpmath is not installed and apt-get could not install it';
}
const missing = mpmathAvailable();
if (missing) console.warn(`gamma.test.ts: mpmath comparison SKIPPED: ${missing}`);

describe('Gamma at the working precision', () => {
  it.skipIf(missing !== undefined)('agrees with mpmath to 60 digits on drawn arguments (both sides of 1/2, near the poles)', () => {
    const xs = fc.sample(
      fc.oneof(
        fc.integer({ min: 1, max: 40_000 }).map((k) => new Decimal(k).div(1000)),
        fc.integer({ min: -5_000, max: 499 }).filter((k) => k % 1000 !== 0).map((k) => new Decimal(k).div(1000)),
      ),
      { seed: 7, numRuns: 40 },
    );
    const script = 'import sys, mpmath\nmpmath.mp.dps = 80\nfor a in sys.argv[1:]: print(mpmath.nstr(mpmath.gamma(mpmath.mpf(a)), 75))';
    const ref = execFileSync('/usr/bin/python3', ['-c', script, ...xs.map(String)], { encoding: 'utf8' }).trim().split('\n');
    const D = Decimal.clone({ precision: 90 });
    xs.forEach((x, i) => {
      const g = gamma(x, 60);
      const r = new D(ref[i]!);
      expect(new D(g).minus(r).abs().div(r.abs()).lt('1e-60'), `Gamma(${x}) = ${g} vs mpmath ${r}`).toBe(true);
    });
  });
  it('has poles at the non-positive integers and Gamma(n) = (n-1)!', () => {
    expect(gamma(new Decimal(-3), 30).isNaN()).toBe(true);
    expect(gamma(new Decimal(0), 30).isNaN()).toBe(true);
    expect(gamma(new Decimal(11), 40).minus(3628800).abs().lt('1e-30')).toBe(true);
  });
});

/** mpmath at 100 digits, written down once: Gamma at decimal arguments on every branch (reflection, shift, none). */
const KNOWN: [string, string][] = [
  ['0.1', '9.513507698668731836292487177265402192550578626088377343050000770434265383322821011537'],
  ['-0.7', '-4.273669982410843754732166451292739701589722892745307303920170929937698239823314597129'],
  ['-4.25', '-0.1261766418626789249484360646197687178980059316302327104977015377384392798138804945008'],
  ['2.75', '1.608359421985545659231941523163793816492251513141842677239531106505392541060172843874'],
  ['1e-5', '99999.42279422556767349322922021799752791327667347227214708959833526176945648187884396'],
  ['37.3', '1095875001475891738920775605567345942964866.007516972801225281692949472595363335900722'],
  ['123.456', '8.85314932931908413836511710657997186768072744416491381896642883292495956638364402699e+203'],
];
const R = Decimal.clone({ precision: 120 });
const relErr = (g: Decimal, ref: Decimal.Value): Decimal => new R(g).div(new R(ref)).minus(1).abs();
const SQRT_PI = R.acos(-1).sqrt();
const factorial = (n: number): Decimal => Array.from({ length: n }, (_, k) => new R(k + 1)).reduce((p, x) => p.times(x), new R(1));

describe('Gamma keeps its guard digits at every working precision', () => {
  // the result carries 20 guard digits: 14 beyond the asked precision must be right, also at few digits
  // (a Stirling series one term short is off by ~1e-18 at 5 digits)
  const DIGITS = [5, 8, 12, 20, 35, 60];
  it('matches mpmath values on the reflected, shifted and unshifted branches', () => {
    for (const d of [12, 60]) for (const [x, ref] of KNOWN) expect(relErr(gamma(new Decimal(x), d), ref).lt(new R(10).pow(-(d + 14))), `Gamma(${x}) at ${d}`).toBe(true);
  });
  it('Gamma(n + 1/2) = (2n)! sqrt(pi) / (4^n n!) and Gamma(1/2 - n) = (-4)^n n! sqrt(pi) / (2n)!', () => {
    for (const d of DIGITS)
      for (let n = 0; n <= 6; n++) {
        const up = factorial(2 * n).times(SQRT_PI).div(new R(4).pow(n).times(factorial(n)));
        const down = new R(-4).pow(n).times(factorial(n)).times(SQRT_PI).div(factorial(2 * n));
        expect(relErr(gamma(new Decimal(n).plus(0.5), d), up).lt(new R(10).pow(-(d + 14))), `Gamma(${n}+1/2) at ${d}`).toBe(true);
        expect(relErr(gamma(new Decimal(0.5).minus(n), d), down).lt(new R(10).pow(-(d + 14))), `Gamma(1/2-${n}) at ${d}`).toBe(true);
      }
  });
  it('Gamma(n) = (n-1)! exactly to the guard digits, with NaN at 0, -1, -2 only', () => {
    for (const d of DIGITS) for (const n of [1, 2, 3, 7, 30]) expect(relErr(gamma(new Decimal(n), d), factorial(n - 1)).lt(new R(10).pow(-(d + 14)))).toBe(true);
    for (const x of [0, -1, -2]) expect(gamma(new Decimal(x), 20).isNaN()).toBe(true);
    // non-integers next to the poles are finite, with the sign of (-1)^ceil(-x)
    expect(gamma(new Decimal('-1.5'), 20).gt(0)).toBe(true);
    expect(gamma(new Decimal('-0.001'), 20).lt(0)).toBe(true);
  });
  it('the same precision asked twice gives the same value (the Bernoulli cache is keyed by both)', () => {
    const a = gamma(new Decimal('2.75'), 30);
    gamma(new Decimal('2.75'), 60);
    expect(gamma(new Decimal('2.75'), 30).eq(a)).toBe(true);
    expect(relErr(gamma(new Decimal('2.75'), 60), KNOWN[3]![1]).lt('1e-72')).toBe(true);
  });
});
