import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { Fixed } from '../../src/numeric/fixed.js';
import { polyDerivative, polyEval, polyOuter, polyShift, type MatPoly } from '../../src/numeric/poly.js';
import { centralDerivative, extrapolatedDerivative, levelsFor, steps } from '../../src/numeric/diff.js';
import { Rng } from '../../src/numeric/rng.js';
import type { Vec } from '../../src/numeric/linalg.js';

const F = new Fixed(30);
const B = BigInt(F.bits);

/** a dyadic a / 2^e as a fixed-point value (exact: e is small) */
const dy = (a: number | bigint, e: number): bigint => BigInt(a) << (B - BigInt(e));

/**
 * sum_i c_i t^i exactly, for integer c_i and fixed-point t = a 2^(bits - e): every term is an
 * integer multiple of 2^(bits - i e), so the sum is exact in fixed point while deg * e <= bits.
 */
function evalExact(c: bigint[], t: bigint): bigint {
  let s = 0n;
  let p = F.one; // t^i in fixed point, exact
  for (const ci of c) {
    s += ci * p;
    const q = p * t;
    expect(q % F.one).toBe(0n);
    p = q / F.one;
  }
  return s;
}

/** r x k integer matrices, as fixed-point values */
const coeffArb = (deg: number, r: number, k: number): fc.Arbitrary<number[][][]> =>
  fc.array(fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: k, maxLength: k }), { minLength: r, maxLength: r }), { minLength: deg + 1, maxLength: deg + 1 });
const toPoly = (c: number[][][]): MatPoly => c.map((M) => M.map((row) => row.map((v) => F.int(v))));
/** the scalar polynomial in entry (a, b), integer coefficients */
const entryPoly = (c: number[][][], a: number, b: number): bigint[] => c.map((M) => BigInt(M[a]![b]!));
const shape = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }));
const tArb = fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 0, max: 5 })).map(([a, e]) => dy(a, e));

describe('matrix polynomials, exact on dyadic data', () => {
  ptest.prop([shape.chain(([d, r, k]) => coeffArb(d, r, k)), tArb], { seed: 31, numRuns: 60 })('polyEval is P(t), entrywise, and leaves P alone', (c, t) => {
    const P = toPoly(c);
    const copy = P.map((M) => M.map((row) => row.slice()));
    const V = polyEval(F, P, t);
    V.forEach((row, a) => row.forEach((v, b) => expect(v).toBe(evalExact(entryPoly(c, a, b), t))));
    expect(V.length).toBe(c[0]!.length);
    expect(P).toEqual(copy);
    // a second evaluation sees the same coefficients
    expect(polyEval(F, P, t)).toEqual(V);
  });
  it('polyEval of 0 x 0 matrices', () => {
    expect(polyEval(F, [[], []], F.one)).toEqual([]);
  });
  ptest.prop([shape.chain(([d, r, k]) => coeffArb(d, r, k)), tArb], { seed: 32, numRuns: 40 })('polyDerivative: d/dt of the polynomial, the zero matrix for a constant', (c, t) => {
    const D = polyDerivative(F, toPoly(c));
    expect(D.length).toBe(Math.max(1, c.length - 1));
    const r = c[0]!.length;
    const k = c[0]![0]!.length;
    for (let a = 0; a < r; a++)
      for (let b = 0; b < k; b++) {
        const p = entryPoly(c, a, b);
        const dp = p.slice(1).map((v, i) => v * BigInt(i + 1));
        expect(D.map((M) => M[a]![b]!)).toEqual((dp.length ? dp : [0n]).map((v) => F.int(v)));
        expect(polyEval(F, D, t)[a]![b]).toBe(evalExact(dp, t));
      }
  });
  ptest.prop([shape.chain(([d, r, k]) => coeffArb(d, r, k)), tArb, fc.array(tArb, { minLength: 5, maxLength: 5 })], { seed: 33, numRuns: 40 })(
    'polyShift: S(s) = P(t0 + s) at as many points as coefficients',
    (c, t0, ss) => {
      const S = polyShift(F, toPoly(c), t0);
      expect(S.length).toBe(c.length);
      const r = c[0]!.length;
      const k = c[0]![0]!.length;
      for (const s of ss)
        for (let a = 0; a < r; a++)
          for (let b = 0; b < k; b++) {
            const shifted = S.map((M) => M[a]![b]!);
            // both sides times one^(deg + 1), in integers: sum_i S_i s^i one^(deg - i) = P(t0 + s) one^deg
            const lhs = shifted.reduce((acc, v, i) => acc + v * s ** BigInt(i) * F.one ** BigInt(c.length - 1 - i), 0n);
            const rhs = evalExact(entryPoly(c, a, b), t0 + s) * F.one ** BigInt(c.length - 1);
            expect(lhs).toBe(rhs);
          }
    },
  );
  it('polyShift of a cubic by 1: binomial coefficients', () => {
    // t^3 at 1 + s: 1 + 3 s + 3 s^2 + s^3
    const P: MatPoly = [[[0n]], [[0n]], [[0n]], [[F.one]]];
    expect(polyShift(F, P, F.one).map((M) => M[0]![0]!)).toEqual([1n, 3n, 3n, 1n].map((v) => v * F.one));
    // t^4 at 2 + s: 16 + 32 s + 24 s^2 + 8 s^3 + s^4
    const Q: MatPoly = [[[0n]], [[0n]], [[0n]], [[0n]], [[F.one]]];
    expect(polyShift(F, Q, F.int(2)).map((M) => M[0]![0]!)).toEqual([16n, 32n, 24n, 8n, 1n].map((v) => v * F.one));
  });
  ptest.prop(
    [
      fc
        .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
        .chain(([dp, dq, r, k]) => fc.tuple(coeffArb(dp, r, k), coeffArb(dq, r, k))),
    ],
    { seed: 34, numRuns: 40 },
  )('polyOuter: the coefficients of P(t) Q(t)^T', ([cp, cq]) => {
    const O = polyOuter(F, toPoly(cp), toPoly(cq));
    expect(O.length).toBe(cp.length + cq.length - 1);
    const r = cp[0]!.length;
    O.forEach((M, m) => {
      expect(M.length).toBe(r);
      M.forEach((row, a) =>
        row.forEach((v, b) => {
          let s = 0n;
          for (let i = 0; i <= m; i++) {
            const A = cp[i];
            const Bm = cq[m - i];
            if (A && Bm) s += A[a]!.reduce((acc, x, l) => acc + BigInt(x * Bm[b]![l]!), 0n);
          }
          expect(v).toBe(F.int(s));
        }),
      );
    });
  });
  it('polyOuter rounds a product at the half away from zero', () => {
    const h = F.one / 2n;
    expect(polyOuter(F, [[[1n, 0n]]], [[[h, 7n]]])).toEqual([[[1n]]]);
    expect(polyOuter(F, [[[-1n]]], [[[h]]])).toEqual([[[-1n]]]);
    expect(polyOuter(F, [[[1n]]], [[[h - 1n]]])).toEqual([[[0n]]]);
    expect(polyOuter(F, [[[-1n]]], [[[h - 1n]]])).toEqual([[[0n]]]);
  });
});

describe('Richardson-extrapolated central differences', () => {
  it('steps halve h0', () => {
    expect(steps(F.one, 3)).toEqual([F.one, F.one / 2n, F.one / 4n, F.one / 8n]);
    expect(steps(F.one, 0)).toEqual([F.one]);
  });
  // degree 2L + 1: the central difference's error is even in h up to h^(2L), all removed by L levels
  const polyCase = fc.integer({ min: 1, max: 4 }).chain((L) =>
    fc.tuple(fc.constant(L), fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 2 * L + 2, maxLength: 2 * L + 2 }), fc.integer({ min: -8, max: 8 })),
  );
  ptest.prop([polyCase], { seed: 35, numRuns: 40 })('L levels differentiate a polynomial of degree 2L + 1 to a few ulps', ([L, c, a]) => {
    const coeffs = c.map(BigInt);
    coeffs[coeffs.length - 1] = coeffs[coeffs.length - 1] || 1n;
    const t0 = dy(a, 3);
    const h0 = dy(1, 2);
    const dp = coeffs.slice(1).map((v, i) => v * BigInt(i + 1));
    const exact = evalExact(dp, t0);
    const sample = (t: bigint): Vec => [evalExact(coeffs, t), -evalExact(coeffs, t)];
    const d = centralDerivative(F, sample, t0, h0, L);
    expect(F.abs(d[0]! - exact) <= 256n).toBe(true);
    expect(F.abs(d[1]! + exact) <= 256n).toBe(true);
    const hs = steps(h0, L);
    const e = extrapolatedDerivative(F, hs, hs.map((h) => sample(t0 + h)), hs.map((h) => sample(t0 - h)));
    expect(e).toEqual(d);
    // one level fewer leaves the h^(2L) term: c_(2L+1) h_(L-1)^(2L), far above an ulp
    const short = centralDerivative(F, sample, t0, h0, L - 1);
    expect(F.abs(short[0]! - exact) > F.one >> 80n).toBe(true);
  });
  it('a single level is the plain central difference', () => {
    // t^2 at 3 with h = 1: (16 - 4) / 2 = 6, exact
    const sq = (t: bigint): Vec => [F.mul(t, t)];
    expect(centralDerivative(F, sq, F.int(3), F.one, 0)).toEqual([F.int(6)]);
    // t^3 at 0 with h = 1: (1 - (-1)) / 2 = 1, not the derivative 0; with h = 1/2: 1/4
    const cube = (t: bigint): Vec => [F.mul(F.mul(t, t), t)];
    expect(centralDerivative(F, cube, 0n, F.one, 0)).toEqual([F.one]);
    // Richardson on the two: 1/4 + (1/4 - 1) / 3 = 0
    expect(centralDerivative(F, cube, 0n, F.one, 1)).toEqual([0n]);
    // t^5 at 0: D(h) = h^4; one level leaves (4 D(h/2) - D(h)) / 3 = -h^4 / 4, two remove it
    const fifth = (t: bigint): Vec => [F.mul(F.mul(F.mul(t, t), F.mul(t, t)), t)];
    expect(centralDerivative(F, fifth, 0n, F.one, 1)).toEqual([-F.one / 4n]);
    expect(centralDerivative(F, fifth, 0n, F.one, 2)).toEqual([0n]);
  });
  it('levelsFor: the fewest levels K >= 1 whose truncation h0^(2K+2) 2^-K(K+1) reaches the target bits', () => {
    for (const G of [F, new Fixed(80)]) {
      for (const h0Log2 of [-5, -3, -1, 0, 1, 3]) {
        for (const fraction of [0, 0.25, 0.5, 0.6, 1]) {
          const target = fraction * G.digits * Math.log2(10);
          const bits = (K: number): number => K * (K + 1) - (2 * K + 2) * h0Log2;
          let K = 1;
          while (bits(K) < target) K++;
          expect(levelsFor(G, h0Log2, fraction), `${G.digits} ${h0Log2} ${fraction}`).toBe(K);
        }
      }
    }
    // at the boundary: h0 = 2 and no target, K = 2 gives exactly 0 bits, which is enough
    expect(levelsFor(F, 1, 0)).toBe(2);
    expect(levelsFor(F, -3, 0.5)).toBe(4);
  });
});

/** mulberry32 from its definition, in exact arithmetic mod 2^32 */
function* mulberryRef(seed: bigint): Generator<number> {
  const M = 1n << 32n;
  const m = (x: bigint): bigint => ((x % M) + M) % M;
  let s = m(seed);
  for (;;) {
    s = m(s + 0x6d2b79f5n);
    let t = m((s ^ (s >> 15n)) * (s | 1n));
    t = m(t ^ m(t + m((t ^ (t >> 7n)) * (t | 61n))));
    yield Number(t ^ (t >> 14n)) / 2 ** 32;
  }
}

describe('Rng: seeded mulberry32', () => {
  ptest.prop([fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 })], { seed: 36, numRuns: 30 })('next() follows mulberry32 and stays in [0, 1)', (seed) => {
    const r = new Rng(seed);
    const ref = mulberryRef(BigInt(seed));
    for (let i = 0; i < 20; i++) {
      const u = r.next();
      expect(u).toBe(ref.next().value);
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
  it('negative seeds wrap to 32 bits', () => {
    const a = new Rng(-1);
    const b = new Rng(2 ** 32 - 1);
    for (let i = 0; i < 5; i++) expect(a.next()).toBe(b.next());
  });
  ptest.prop([fc.nat(), fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 4 })], { seed: 37, numRuns: 30 })('int(lo, hi) is lo + floor(u (hi - lo + 1)), all of [lo, hi]', (seed, lo, w) => {
    const hi = lo + w;
    const r = new Rng(seed);
    const ref = mulberryRef(BigInt(seed));
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const k = r.int(lo, hi);
      expect(k).toBe(lo + Math.floor(ref.next().value * (w + 1)));
      seen.add(k);
    }
    expect(seen.size).toBe(w + 1);
  });
  ptest.prop([fc.nat(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 })], { seed: 38, numRuns: 30 })('dyadic: nonzero k / 2^bits with |k| <= range 2^bits, both signs', (seed, range, bits) => {
    const r = new Rng(seed);
    const ref = mulberryRef(BigInt(seed));
    const den = 2 ** bits;
    let neg = 0;
    for (let i = 0; i < 100; i++) {
      const [k, d] = r.dyadic(range, bits);
      expect(d).toBe(den);
      expect(k !== 0 && Math.abs(k) <= range * den).toBe(true);
      let want = 0;
      while (want === 0) want = -range * den + Math.floor(ref.next().value * (2 * range * den + 1));
      expect(k).toBe(want);
      if (k < 0) neg++;
    }
    expect(neg > 0 && neg < 100).toBe(true);
  });
  it('dyadic skips zeros', () => {
    // [-1/2, 1/2] at 1 bit: k in {-1, 1}
    const r = new Rng(5);
    for (let i = 0; i < 20; i++) expect([-1, 1]).toContain(r.dyadic(0.5, 1)[0]);
  });
});
