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
