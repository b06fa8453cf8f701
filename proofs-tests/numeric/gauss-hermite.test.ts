import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { Fixed } from '../../src/numeric/fixed.js';
import { gaussHermite, nodesForExponential } from '../../src/numeric/gauss-hermite.js';

const F = new Fixed(50);
const Decimal = F.D;
const tol = new Decimal(10).pow(-45);

/** E[Z^k] for Z ~ N(0, 1): (k - 1)!! for even k, 0 for odd k */
function gaussianMoment(k: number): bigint {
  if (k % 2 === 1) return 0n;
  let m = 1n;
  for (let j = k - 1; j > 1; j -= 2) m *= BigInt(j);
  return F.int(m);
}

const quad = (m: number, f: (x: bigint) => bigint): bigint => {
  const { nodes, weights } = gaussHermite(F, m);
  return nodes.reduce((s, x, i) => s + F.mul(weights[i]!, f(x)), 0n);
};
const pow = (x: bigint, k: number): bigint => Array.from({ length: k }, () => x).reduce((p, y) => F.mul(p, y), F.one);

describe('Gauss–Hermite rules at a working precision', () => {
  it('the 2-point rule is ±1 with weights 1/2', () => {
    const { nodes, weights } = gaussHermite(F, 2);
    expect(F.toDecimal(nodes[0]!).plus(1).abs().lt(tol)).toBe(true);
    expect(F.toDecimal(nodes[1]!).minus(1).abs().lt(tol)).toBe(true);
    for (const w of weights) expect(F.toDecimal(w).minus(0.5).abs().lt(tol)).toBe(true);
  });
  ptest.prop([fc.integer({ min: 1, max: 24 }).chain((m) => fc.tuple(fc.constant(m), fc.integer({ min: 0, max: 2 * m - 1 })))], { seed: 7, numRuns: 40 })(
    'm nodes integrate Z^k exactly for k <= 2m - 1',
    ([m, k]) => {
    const got = quad(m, (x) => pow(x, k));
    // moments grow like k!!: compare relative to them
    const ref = F.toDecimal(gaussianMoment(k));
    expect(F.toDecimal(got).minus(ref).abs().lte(tol.mul(ref.abs().plus(1)))).toBe(true);
    },
  );
  it('is not exact one degree beyond: E[Z^(2m)] is missed by m nodes', () => {
    const got = F.toDecimal(quad(3, (x) => pow(x, 6)));
    expect(got.minus(15).abs().gt(1)).toBe(true);
  });
  it('reaches E[e^(vZ)] = e^(v^2/2) with the node count nodesForExponential asks for', () => {
    for (const v of [0.25, 0.5, 1]) {
      const m = nodesForExponential(v, 0, 45);
      const vf = F.fromNumber(v);
      const got = F.toDecimal(quad(m, (x) => F.exp(F.mul(vf, x))));
      const ref = new Decimal(v).pow(2).div(2).exp();
      expect(got.minus(ref).abs().lt(new Decimal(10).pow(-44))).toBe(true);
    }
    expect(nodesForExponential(0, 6, 80)).toBe(4);
  });
  it('rejects a rule without nodes', () => {
    expect(() => gaussHermite(F, 0)).toThrow(RangeError);
  });
});
