import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { dyadic, powerLawSpectrum, psdMatrix, spectralPath, symmetricMatrix, tanhNetwork, type DrawnSpectralPath } from '../../src/api/arbitraries.js';
import { centralDerivative, eigSym, fixedContext, levelsFor, toFixedPoint } from '../../src/api/numeric.js';

/** references well above every working precision used here: exact on the dyadic draws */
const Ref = Decimal.clone({ precision: 120 });
const precisionOf = (x: Decimal): number => (x.constructor as Decimal.Constructor).precision;
const isMultipleOf2ToMinus = (x: Decimal, bits: number): boolean => new Ref(x).mul(new Ref(2).pow(bits)).isInteger();

/** eigenvalues (descending) of a decimal symmetric matrix by the fixed-point Jacobi solver, as references */
function eigenvalues(M: Decimal[][], digits: number): Decimal[] {
  const F = fixedContext(digits);
  return eigSym(F, toFixedPoint(F, M)).values.map((l) => new Ref(F.toDecimal(l)));
}
/** A B^T in the reference precision */
const mulT = (A: Decimal[][], B: Decimal[][]): Decimal[][] => A.map((a) => B.map((b) => a.reduce((s, x, k) => s.plus(new Ref(x).mul(b[k]!)), new Ref(0))));
const maxDiff = (A: Decimal[][], B: Decimal[][]): Decimal => A.flat().reduce((m, x, i) => Decimal.max(m, new Ref(x).minus(B.flat()[i]!).abs()), new Ref(0));

/** the counterexample fast-check shrinks to for a property that fails */
function shrunk<T>(arb: fc.Arbitrary<T>, holds: (x: T) => boolean, seed: number): T {
  const r = fc.check(fc.property(arb, holds), { seed, numRuns: 200 });
  expect(r.failed).toBe(true);
  return r.counterexample![0];
}

describe('dyadic', () => {
  ptest.prop([fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 5 })], { seed: 41, numRuns: 20 })('k / 2^bits within the range, exactly', (bits, range) => {
    for (const x of fc.sample(dyadic({ bits, range, digits: 12 }), { seed: bits * 7 + range, numRuns: 20 })) {
      expect(isMultipleOf2ToMinus(x, bits)).toBe(true);
      expect(x.abs().lte(range)).toBe(true);
      expect(precisionOf(x)).toBe(12);
    }
  });
  it('shrinks to 0', () => {
    expect(shrunk(dyadic(), (x) => x.lt('0.5'), 1).toString()).toBe('0.5');
    expect(shrunk(dyadic(), (x) => x.isZero() && false, 1).toString()).toBe('0');
  });
});

describe('symmetricMatrix', () => {
  ptest.prop([symmetricMatrix({ minSize: 2, maxSize: 5, range: 2, bits: 4, digits: 20 })], { seed: 43, numRuns: 60 })('square, symmetric and dyadic within the range, exactly', (M) => {
    const n = M.length;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(n).toBeLessThanOrEqual(5);
    for (let i = 0; i < n; i++) {
      expect(M[i]).toHaveLength(n);
      for (let j = 0; j < n; j++) {
        expect(M[i]![j]!.eq(M[j]![i]!)).toBe(true);
        expect(isMultipleOf2ToMinus(M[i]![j]!, 4)).toBe(true);
        expect(M[i]![j]!.abs().lte(2)).toBe(true);
        expect(precisionOf(M[i]![j]!)).toBe(20);
      }
    }
  });
  it('draws every size in range, and shrinks to the zero matrix of the smallest failing size', () => {
    const sizes = new Set(fc.sample(symmetricMatrix({ maxSize: 4 }), { seed: 5, numRuns: 200 }).map((M) => M.length));
    expect([...sizes].sort()).toEqual([1, 2, 3, 4]);
    const M = shrunk(symmetricMatrix(), (A) => A.length < 3, 2);
    expect(M.map((r) => r.map(String))).toEqual([['0', '0', '0'], ['0', '0', '0'], ['0', '0', '0']]);
  });
  it('refuses impossible options', () => {
    expect(() => symmetricMatrix({ minSize: 4, maxSize: 3 })).toThrow(RangeError);
    expect(() => symmetricMatrix({ digits: 4 })).toThrow(RangeError);
    expect(() => symmetricMatrix({ range: 0 })).toThrow(RangeError);
  });
});

describe('psdMatrix', () => {
  const DIGITS = 40;
  ptest.prop([psdMatrix({ maxSize: 6, range: 2, digits: DIGITS })], { seed: 47, numRuns: 60 })(
    'M = B B^T exactly; by the eigensolver, exactly `rank` eigenvalues are positive, all above the floor, the rest vanish',
    ({ matrix, factor, n, rank, eigenvalueFloor }) => {
      expect(matrix).toHaveLength(n);
      expect(factor).toHaveLength(n);
      factor.forEach((row) => expect(row).toHaveLength(rank));
      expect(maxDiff(matrix, mulT(factor, factor)).isZero()).toBe(true);
      const values = eigenvalues(matrix, DIGITS);
      const tol = new Ref(10).pow(-DIGITS + 3);
      for (let k = 0; k < n; k++) {
        if (k < rank) expect(values[k]!.gte(new Ref(eigenvalueFloor!).minus(tol)), `eigenvalue ${k} of rank ${rank}`).toBe(true);
        else expect(values[k]!.abs().lte(tol), `eigenvalue ${k} beyond rank ${rank}`).toBe(true);
      }
      if (rank === 0) expect(eigenvalueFloor).toBeNull();
      else expect(eigenvalueFloor!.gt(0)).toBe(true);
    },
  );
  ptest.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 5 })], { seed: 53, numRuns: 10 })('a requested rank range is respected, clamped to the size', (size, rank) => {
    fc.pre(rank <= size);
    for (const d of fc.sample(psdMatrix({ minSize: size, maxSize: size, minRank: rank, maxRank: rank }), { seed: size + 10 * rank, numRuns: 5 })) {
      expect(d.n).toBe(size);
      expect(d.rank).toBe(rank);
    }
  });
  it('the floor is attained for a pivot-only factor (B = diagonal): the bound is the smallest eigenvalue there', () => {
    // a 1 x 1 draw: M = p^2, floor = p^2 exactly
    for (const d of fc.sample(psdMatrix({ maxSize: 1, minRank: 1, range: 3 }), { seed: 9, numRuns: 20 })) expect(d.eigenvalueFloor!.eq(d.matrix[0]![0]!)).toBe(true);
  });
  it('shrinks to the identity of the smallest failing rank', () => {
    const d = shrunk(psdMatrix(), (x) => x.rank < 2, 3);
    expect(d.n).toBe(2);
    expect(d.rank).toBe(2);
    expect(d.matrix.map((r) => r.map(String))).toEqual([['1', '0'], ['0', '1']]);
  });
  it('refuses a rank range beyond the size', () => {
    expect(() => psdMatrix({ maxSize: 3, minRank: 4 })).toThrow(RangeError);
    expect(() => psdMatrix({ minRank: 3, maxRank: 2 })).toThrow(RangeError);
  });
});

describe('spectralPath', () => {
  const DIGITS = 30;
  const tol = new Ref(10).pow(-DIGITS + 4);
  ptest.prop([spectralPath({ maxSize: 4, digits: DIGITS }), fc.integer({ min: -8, max: 8 })], { seed: 59, numRuns: 25 })(
    'for |t| <= horizon, M(t) = J(t) J(t)^T is symmetric and its eigenvalues stay gapBound apart',
    (P, k) => {
      expect(P.gapBound.gt(0)).toBe(true);
      expect(P.p).toBeGreaterThanOrEqual(P.n);
      for (const t of [P.horizon.mul(k).div(8), P.horizon, P.horizon.neg()]) {
        const M = P.M(t);
        const J = P.J(t);
        expect(M).toHaveLength(P.n);
        expect(J[0]).toHaveLength(P.p);
        expect(maxDiff(M, mulT(J, J)).lt(tol)).toBe(true);
        for (let i = 0; i < P.n; i++) for (let j = 0; j < i; j++) expect(M[i]![j]!.eq(M[j]![i]!)).toBe(true);
        const values = eigenvalues(M, DIGITS);
        for (let i = 0; i + 1 < P.n; i++) expect(values[i]!.minus(values[i + 1]!).gte(new Ref(P.gapBound).minus(tol)), `gap ${i} at t = ${t}`).toBe(true);
      }
    },
  );
  ptest.prop([spectralPath({ maxSize: 4, digits: DIGITS })], { seed: 61, numRuns: 20 })('M(0) has the designed eigenvalues e^(x_i), descending', (P) => {
    const values = eigenvalues(P.M(0), DIGITS);
    P.design.logEig.forEach(([base, offset], i) => {
      const want = new Ref(base).plus(offset).exp();
      expect(values[i]!.minus(want).abs().lt(tol), `eigenvalue ${i}`).toBe(true);
      expect(new Ref(P.eigenvalues0[i]!).minus(want).abs().lt(tol)).toBe(true);
    });
  });
  ptest.prop([spectralPath({ maxSize: 4, rotate: false, digits: DIGITS }), fc.integer({ min: -8, max: 8 })], { seed: 67, numRuns: 15 })(
    'rotate: false keeps the eigenvectors: M(t) commutes with M(0)',
    (P, k) => {
      expect(P.design.eps).toBe(0);
      const A = P.M(0);
      const B = P.M(P.horizon.mul(k).div(8));
      // M symmetric: (A B)_ij = row_i(A) . row_j(B), (B A)_ij = row_i(B) . row_j(A)
      expect(maxDiff(mulT(A, B), mulT(B, A)).lt(tol)).toBe(true);
    },
  );
  it('turning paths occur, and their eigenvectors do turn', () => {
    const turning = fc.sample(spectralPath({ maxSize: 3 }), { seed: 71, numRuns: 30 }).filter((P) => P.design.eps > 0);
    expect(turning.length).toBeGreaterThan(10);
    const P = turning[0]!;
    const A = P.M(0);
    const B = P.M(P.horizon);
    expect(maxDiff(mulT(A, B), mulT(B, A)).gt(1e-10)).toBe(true);
  });
  it('evaluates at another precision on request, the same path to the lower one', () => {
    const [P] = fc.sample(spectralPath({ maxSize: 3, digits: 20 }), { seed: 73, numRuns: 1 }) as [DrawnSpectralPath];
    const low = P.M('0.125');
    const high = P.M('0.125', 60);
    expect(precisionOf(low[0]![0]!)).toBe(20);
    expect(precisionOf(high[0]![0]!)).toBe(60);
    expect(maxDiff(low, high).lt(1e-18)).toBe(true);
    expect(P.model(60).F.digits).toBe(60);
    expect(P.model(60)).toBe(P.model(60));
  });
  it('shrinks to a still, square path of the smallest failing size, prints its design', () => {
    const P = shrunk(spectralPath(), (x) => x.n < 3, 4);
    expect([P.n, P.p, P.design.eps, P.design.seed]).toEqual([3, 3, 0, 0]);
    expect(P.design.v.every((v) => v === 0) && P.design.w.every((w) => w === 0)).toBe(true);
    // the smallest log-gaps: 0.5 apart from a top of 0
    expect(P.design.logEig.map(([b]) => b)).toEqual([0, -0.5, -1]);
    expect(fc.stringify(P)).toMatch(/^spectralPath\(\{"n":3,"p":3,/);
  });
  it('refuses options without a gap', () => {
    expect(() => spectralPath({ minSize: 1 })).toThrow(RangeError);
    expect(() => spectralPath({ minLogGap: 0 })).toThrow(RangeError);
    expect(() => spectralPath({ horizon: 0 })).toThrow(RangeError);
  });
});

describe('powerLawSpectrum', () => {
  const DIGITS = 40;
  ptest.prop([powerLawSpectrum({ maxModes: 40, digits: DIGITS })], { seed: 79, numRuns: 40 })(
    'lambda_k = k^-alpha and E_k = k^-beta exactly as power laws: multiplicative, log-linear, lambda_1 = E_1 = 1',
    ({ alpha, beta, modes, eigenvalues: lam, energies: E, amplitudes: c }) => {
      const rel = new Ref(10).pow(-DIGITS + 2);
      const close = (x: Decimal, y: Decimal): boolean => new Ref(x).minus(y).abs().lte(rel.mul(new Ref(y).abs()));
      expect(lam).toHaveLength(modes);
      expect(isMultipleOf2ToMinus(alpha, 3) && isMultipleOf2ToMinus(beta, 3)).toBe(true);
      expect(alpha.gte(0.5) && alpha.lte(3) && beta.gte(1.125) && beta.lte(3)).toBe(true);
      expect(lam[0]!.eq(1) && E[0]!.eq(1)).toBe(true);
      for (let j = 1; j <= modes; j++) {
        if (j > 1) {
          expect(lam[j - 1]!.lt(lam[j - 2]!)).toBe(true);
          // ln lambda_j / ln j = -alpha
          expect(close(new Ref(lam[j - 1]!).ln().div(new Ref(j).ln()), alpha.neg())).toBe(true);
          expect(close(new Ref(E[j - 1]!).ln().div(new Ref(j).ln()), beta.neg())).toBe(true);
        }
        expect(close(new Ref(c[j - 1]!).pow(2), E[j - 1]!)).toBe(true);
        for (let k = 2; j * k <= modes; k++) {
          expect(close(new Ref(lam[j - 1]!).mul(lam[k - 1]!), lam[j * k - 1]!), `lambda_${j} lambda_${k}`).toBe(true);
          expect(close(new Ref(E[j - 1]!).mul(E[k - 1]!), E[j * k - 1]!)).toBe(true);
        }
      }
    },
  );
  it('shrinks to the fewest modes and the smallest exponents that fail', () => {
    const s = shrunk(powerLawSpectrum(), (x) => x.alpha.lt(1), 6);
    expect([s.alpha.toString(), s.beta.toString(), s.modes]).toEqual(['1', '1.125', 1]);
  });
  it('refuses an empty exponent range', () => {
    expect(() => powerLawSpectrum({ minAlpha: 1.01, maxAlpha: 1.1 })).toThrow(/no multiple of 2\^-3/);
  });
});

describe('tanhNetwork', () => {
  const DIGITS = 30;
  const tol = new Ref(10).pow(-DIGITS + 4);
  ptest.prop([tanhNetwork({ digits: DIGITS }), fc.infiniteStream(fc.integer({ min: -8, max: 8 }))], { seed: 83, numRuns: 20 })(
    'the Jacobian is the derivative of the residual along any direction; the residual is f(X) - y; the kernel is J J^T',
    (N, draws) => {
      const { n, m, d } = N.spec;
      expect(N.p).toBe(m * (d + 2));
      expect(N.jacobian).toHaveLength(n);
      N.jacobian.forEach((row) => expect(row).toHaveLength(N.p));
      // f(x) = sum_i a_i tanh(w_i . x + b_i) in decimals, from the drawn parameters alone
      const th = N.theta.map((x) => new Ref(x));
      N.inputs.forEach((x, mu) => {
        let f = new Ref(0);
        for (let i = 0; i < m; i++) {
          let z = th[m + m * d + i]!;
          for (let j = 0; j < d; j++) z = z.plus(th[m + i * d + j]!.mul(x[j]!));
          f = f.plus(th[i]!.mul(z.tanh()));
        }
        expect(f.minus(N.targets[mu]!).minus(N.residual[mu]!).abs().lt(tol), `residual ${mu}`).toBe(true);
      });
      // d/ds e(theta0 + s u) at 0 by extrapolated differences, against J u
      const u = Array.from({ length: N.p }, () => new Ref(draws.next().value as number).div(8));
      const net = N.model();
      const F = net.F;
      const uf = toFixedPoint(F, u);
      const de = centralDerivative(F, (s) => net.residual(net.theta0.map((x, k) => x + F.mul(s, uf[k]!))), 0n, F.pow2(-3), levelsFor(F, -3, 1));
      N.jacobian.forEach((row, mu) => {
        const Ju = row.reduce((s, x, k) => s.plus(new Ref(x).mul(u[k]!)), new Ref(0));
        expect(Ju.minus(F.toDecimal(de[mu]!)).abs().lt(new Ref(10).pow(-DIGITS + 6)), `row ${mu}`).toBe(true);
      });
      expect(maxDiff(N.kernel, mulT(N.jacobian, N.jacobian)).lt(tol)).toBe(true);
      // a Gram matrix: positive semi-definite, of rank at most min(n, p)
      const values = eigenvalues(N.kernel, DIGITS);
      values.forEach((l) => expect(l.gte(tol.neg())).toBe(true));
      values.slice(Math.min(n, N.p)).forEach((l) => expect(l.abs().lt(tol)).toBe(true));
    },
  );
  it('shrinks to one point, one input and seed 0, and prints its spec', () => {
    const N = shrunk(tanhNetwork(), (x) => x.spec.m < 2, 7);
    expect(N.spec).toEqual({ n: 1, m: 2, d: 1, seed: 0 });
    expect(fc.stringify(N)).toBe('tanhNetwork({"n":1,"m":2,"d":1,"seed":0})');
  });
});
