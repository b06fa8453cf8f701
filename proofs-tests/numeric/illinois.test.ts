import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { illinois } from '../../src/numeric/illinois.js';

describe('illinois', () => {
  test.prop([fc.oneof(fc.double({ min: 0.5, max: 50, noNaN: true }), fc.double({ min: -50, max: -0.5, noNaN: true })), fc.integer({ min: 1, max: 3 })], { seed: 17 })(
    'finds the root of an increasing odd power to the relative width asked',
    (root, k) => {
      const f = (x: number): number => (x - root) ** (2 * k - 1);
      const [lo, hi] = [root - 3, root + 7];
      const x = illinois(f, lo, hi, f(lo), f(hi), 1e-13);
      // powers 1, 3, 5, roots away from 0 (the width asked is relative: at a root of 0 it asks for ever finer steps)
      expect(Math.abs(x - root)).toBeLessThanOrEqual(1e-10 * (Math.abs(root) + 10));
    },
  );
  it('stays in the bracket on a steep function and stops at the step limit', () => {
    const f = (x: number): number => Math.exp(40 * x) - 1;
    const x = illinois(f, -1, 1, f(-1), f(1), 1e-15);
    expect(Math.abs(x)).toBeLessThan(1e-14);
    let calls = 0;
    const counted = (y: number): number => (calls++, y - 0.3);
    illinois(counted, 0, 1, -0.3, 0.7, 0, 5);
    expect(calls).toBeLessThanOrEqual(5);
  });
});
