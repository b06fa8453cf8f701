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

describe('Gauss–Hermite rules: memo, precision and node budget', () => {
  const G = new Fixed(30);
  const GD = G.D;
  const gaussianMomentG = (k: number): bigint => (k % 2 === 1 ? 0n : G.int(Array.from({ length: k / 2 }, (_, i) => BigInt(2 * i + 1)).reduce((p, x) => p * x, 1n)));
  const quadG = (m: number, f: (x: bigint) => bigint): bigint => {
    const { nodes, weights } = gaussHermite(G, m);
    return nodes.reduce((s, x, i) => s + G.mul(weights[i]!, f(x)), 0n);
  };
  it('the 1-point rule is the mean (node 0, weight 1); non-integer counts are refused', () => {
    const { nodes, weights } = gaussHermite(G, 1);
    expect(nodes).toEqual([0n]);
    expect(G.toDecimal(weights[0]!).minus(1).abs().lt('1e-35')).toBe(true);
    expect(() => gaussHermite(G, 1.5)).toThrow(/positive number of nodes, got 1.5/);
  });
  it('rules are memoised per precision: the same object again, the right scale at another precision', () => {
    const a = gaussHermite(G, 3);
    expect(gaussHermite(G, 3)).toBe(a);
    const b = gaussHermite(F, 3);
    // 3 nodes are 0, ±sqrt 3 at either precision
    expect(G.toDecimal(a.nodes[2]!).minus(new GD(3).sqrt()).abs().lt('1e-35')).toBe(true);
    expect(F.toDecimal(b.nodes[2]!).minus(new Decimal(3).sqrt()).abs().lt(tol)).toBe(true);
    expect(G.toDecimal(a.nodes[1]!).abs().lt('1e-35')).toBe(true);
  });
  it('nodes ascend and are the roots of He_m to the working precision (He_5 = x^5 - 10 x^3 + 15 x)', () => {
    const { nodes } = gaussHermite(G, 5);
    for (let i = 0; i + 1 < nodes.length; i++) expect(nodes[i]! < nodes[i + 1]!).toBe(true);
    for (const x of nodes) {
      const d = G.toDecimal(x);
      expect(d.pow(5).minus(d.pow(3).times(10)).plus(d.times(15)).abs().lt('1e-34')).toBe(true);
    }
  });
  it('nodesForExponential asks for enough nodes, and not more than three beyond what is needed', () => {
    // E[e^(vZ) Z^deg] = e^(v^2/2) E[(Z + v)^deg] (the shift of the Gaussian), expanded by the binomial theorem
    const exact = (v: number, deg: number): InstanceType<typeof GD> => {
      let s = new GD(0);
      let binom = new GD(1);
      for (let j = 0; j <= deg; j++) {
        s = s.plus(binom.times(new GD(v).pow(deg - j)).times(G.toDecimal(gaussianMomentG(j))));
        binom = binom.times(deg - j).div(j + 1);
      }
      return s.times(new GD(v).pow(2).div(2).exp());
    };
    for (const [v, deg, digits] of [[0.25, 0, 20], [1, 2, 30], [2, 1, 20], [0.5, 3, 30], [1, 5, 20], [0.1, 3, 3]] as const) {
      const m = nodesForExponential(v, deg, digits);
      const vf = G.fromNumber(v);
      const err = (k: number): InstanceType<typeof GD> =>
        G.toDecimal(quadG(k, (x) => Array.from({ length: deg }, () => x).reduce((p, y) => G.mul(p, y), G.exp(G.mul(vf, x))))).minus(exact(v, deg)).abs();
      expect(err(m).lt(new GD(10).pow(-digits)), `${v} ${deg} ${digits}: m = ${m}`).toBe(true);
      expect(err(m - 3).gt(new GD(10).pow(-digits)), `${v} ${deg} ${digits}: m = ${m} is wasteful`).toBe(true);
    }
  });
  it('for polynomials (v = 0) the smallest m with 2m - 1 >= deg; beyond 400 nodes it refuses', () => {
    expect([0, 1, 2, 5, 6, 7].map((deg) => nodesForExponential(0, deg, 50))).toEqual([1, 1, 2, 3, 4, 4]);
    expect(() => nodesForExponential(20, 0, 30)).toThrow(/fewer than 400 nodes/);
  });
});
