import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { test as ptest, fc } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import {
  DEFAULT_DIGITS,
  dec,
  decimalAt,
  derivative,
  eigenSymmetric,
  fixedContext,
  integrate,
  integrateLinear,
  toFixedPoint,
  type Mat,
  type Vec,
} from '../../src/api/numeric.js';
import { symmetricMatrix } from '../../src/api/arbitraries.js';

/** references well above every working precision used here */
const Ref = Decimal.clone({ precision: 120 });
const relErr = (got: Decimal, want: Decimal): Decimal => new Ref(got).minus(want).abs().div(new Ref(want).abs());
/** a dyadic k / 2^bits as a decimal string (exact) */
const dyadicStr = (k: number, bits: number): string => new Ref(k).div(2 ** bits).toString();

describe('the catalogue is written against the public API alone', () => {
  const root = join(import.meta.dirname, '..', '..');
  const files = readdirSync(join(root, 'derivations')).filter((f) => f.endsWith('.ts'));
  it('imports the engine only through scalecheck, scalecheck/numeric and scalecheck/models', () => {
    const deep: string[] = [];
    let publicImports = 0;
    for (const file of files) {
      const text = readFileSync(join(root, 'derivations', file), 'utf8');
      for (const m of text.matchAll(/from\s+'(\.\.\/src\/[^']+)'/g)) {
        if (/^\.\.\/src\/api\/(index|numeric|models)\.js$/.test(m[1]!)) publicImports++;
        else deep.push(`${file}: ${m[1]}`);
      }
    }
    expect(deep).toEqual([]);
    expect(publicImports).toBeGreaterThan(files.length);
  });
});


describe('contexts and conversions', () => {
  it('one fixed-point context and one decimal constructor per precision', () => {
    expect(fixedContext(37)).toBe(fixedContext(37));
    expect(fixedContext(37).digits).toBe(37);
    expect(decimalAt(12)).toBe(decimalAt(12));
    expect(decimalAt(12).precision).toBe(12);
    expect(new (decimalAt(12))(2).sqrt().toString()).toBe('1.41421356237');
    expect(DEFAULT_DIGITS).toBe(30);
    expect(() => decimalAt(0)).toThrow(RangeError);
  });
  const F = fixedContext(40);
  ptest.prop([fc.bigInt({ min: -(1n << BigInt(F.bits + 10)), max: 1n << BigInt(F.bits + 10) })], { seed: 17, numRuns: 200 })(
    'fixed -> decimal -> fixed is the identity (|x| < 2^10)',
    (x) => {
      expect(toFixedPoint(F, dec(F, x))).toBe(x);
    },
  );
  ptest.prop([fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: -30, max: 0 })], { seed: 18, numRuns: 200 })(
    'decimal -> fixed -> decimal moves a value (|x| < 2^10) by at most half a unit of 2^-bits, plus the decimal rounding',
    (p, q, e) => {
      const x = new Ref(p).div(q).mul(new Ref(10).pow(e));
      fc.pre(x.abs().lt(1024));
      const back = new Ref(dec(F, toFixedPoint(F, x)));
      // F.D keeps about 58 digits: below 2^10 its rounding is under 10^-3 of a unit of 2^-bits
      const bound = new Ref(2).pow(-F.bits).mul('0.501');
      expect(back.minus(x).abs().lte(bound)).toBe(true);
    },
  );
  it('converts vectors and matrices entrywise, from numbers, strings and decimals', () => {
    const v: Vec = toFixedPoint(F, [1, '0.5', new Decimal(-2)]);
    expect(v).toEqual([F.one, F.one / 2n, -2n * F.one]);
    const A: Mat = toFixedPoint(F, [[1, 0], ['0.25', -1]]);
    expect(A).toEqual([[F.one, 0n], [F.one / 4n, -F.one]]);
    expect(dec(F, A).map((r) => r.map(String))).toEqual([['1', '0'], ['0.25', '-1']]);
    expect(toFixedPoint(F, [])).toEqual([]);
  });
});

describe('derivative: extrapolated central differences at the working precision', () => {
  ptest.prop([fc.integer({ min: -64, max: 64 })], { seed: 21, numRuns: 12 })('d/dt e^t = e^t to 50 digits (t = k/32)', (k) => {
    const t = dyadicStr(k, 5);
    const d = derivative((s) => s.exp(), t, { digits: 50 });
    expect(relErr(d, new Ref(t).exp()).lt(new Ref(10).pow(-49))).toBe(true);
  });
  it('a vector-valued path: d/dt (cos t, sin t, t^5) = (-sin t, cos t, 5 t^4) to 30 digits', () => {
    const t = new Ref('0.3');
    const d = derivative((s) => [s.cos(), s.sin(), s.pow(5)], t);
    expect(d).toHaveLength(3);
    expect(relErr(d[0]!, t.sin().neg()).lt(1e-29)).toBe(true);
    expect(relErr(d[1]!, t.cos()).lt(1e-29)).toBe(true);
    expect(relErr(d[2]!, t.pow(4).mul(5)).lt(1e-29)).toBe(true);
  });
  it('f sees t at the working precision (and beyond), so its decimal arithmetic runs there', () => {
    let precision = 0;
    derivative((s) => {
      precision = (s.constructor as Decimal.Constructor).precision;
      return s;
    }, 0, { digits: 45 });
    expect(precision).toBeGreaterThanOrEqual(45);
    expect(precision).toBe(fixedContext(45).D.precision);
  });
  it('a smaller step and more levels reach a function with a nearby singularity: d/dt 1/(1 - t) at 0.9 = 100', () => {
    const f = (s: Decimal): Decimal => new Ref(1).div(new Ref(1).minus(s));
    const near = derivative(f, '0.9', { stepLog2: -5, fraction: 1.5, digits: 30 });
    expect(relErr(near, new Ref(100)).lt(1e-29)).toBe(true);
    // the unit-scale level count alone stops short on this scale
    expect(relErr(derivative(f, '0.9', { stepLog2: -5, digits: 30 }), new Ref(100)).gt(1e-26)).toBe(true);
  });
  it('a smaller fraction uses fewer levels, and costs digits', () => {
    let calls = 0;
    const f = (s: Decimal): Decimal => {
      calls++;
      return s.exp();
    };
    const full = derivative(f, 0, { digits: 40 });
    const fullCalls = calls;
    calls = 0;
    const rough = derivative(f, 0, { digits: 40, fraction: 0.3 });
    expect(calls).toBeLessThan(fullCalls);
    expect(relErr(full, new Ref(1)).lt(1e-39)).toBe(true);
    expect(relErr(rough, new Ref(1)).gt(1e-30)).toBe(true);
    expect(relErr(rough, new Ref(1)).lt(1e-10)).toBe(true);
  });
  it('refuses changing shapes and bad settings', () => {
    let i = 0;
    expect(() => derivative(() => (i++ % 2 ? [new Decimal(1)] : [new Decimal(1), new Decimal(2)]), 0)).toThrow(/different shapes/);
    expect(() => derivative((s) => s, 0, { stepLog2: 0.5 })).toThrow(RangeError);
    expect(() => derivative((s) => s, 0, { fraction: 0 })).toThrow(RangeError);
  });
});

describe('integrate: Gragg–Bulirsch–Stoer at the working precision', () => {
  it("y' = y from y(0) = 1 is e^t to 50 digits, forwards and backwards", () => {
    const times = ['0.5', '1', '2'];
    const out = integrate((_t, y) => y, 0, [1], times, { digits: 50 });
    times.forEach((t, i) => expect(relErr(out[i]![0]!, new Ref(t).exp()).lt(new Ref(10).pow(-49)), t).toBe(true));
    const [[back]] = integrate((_t, y) => y, 0, [1], [-1], { digits: 50 }) as [[Decimal]];
    expect(relErr(back, new Ref(-1).exp()).lt(new Ref(10).pow(-49))).toBe(true);
  });
  ptest.prop([fc.integer({ min: -16, max: 16 }), fc.integer({ min: 1, max: 24 })], { seed: 23, numRuns: 8 })(
    "non-autonomous y' = t y from y(t0) = 1 is e^((t^2 - t0^2)/2) to 30 digits",
    (k0, span) => {
      const t0 = new Ref(k0).div(8);
      const t1 = t0.plus(new Ref(span).div(16));
      const [[y]] = integrate((t, [v]) => [t.mul(v!)], t0, [1], [t1]) as [[Decimal]];
      expect(relErr(y, t1.pow(2).minus(t0.pow(2)).div(2).exp()).lt(1e-29)).toBe(true);
    },
  );
  it('a rotation (x, y)\' = (-y, x) keeps (cos t, sin t) to 30 digits', () => {
    const [[c, s]] = integrate((_t, [x, y]) => [y!.neg(), x!], 0, [1, 0], [3]) as [[Decimal, Decimal]];
    expect(new Ref(c).minus(new Ref(3).cos()).abs().lt(1e-29)).toBe(true);
    expect(new Ref(s).minus(new Ref(3).sin()).abs().lt(1e-29)).toBe(true);
  });
  it('refuses a field of the wrong length', () => {
    expect(() => integrate(() => [1, 2], 0, [1], [1])).toThrow(/2 components for a state of 1/);
  });
});

describe('integrateLinear: de/dt = -M(t) e for a polynomial M', () => {
  it('M(t) = diag(1, t): e = (e^-t, e^(-t^2/2)) at 40 digits', () => {
    const [e] = integrateLinear([[[1, 0], [0, 0]], [[0, 0], [0, 1]]], 0, [1, 1], [2], { digits: 40 }) as [Decimal[]];
    expect(relErr(e[0]!, new Ref(-2).exp()).lt(1e-39)).toBe(true);
    expect(relErr(e[1]!, new Ref(-2).exp()).lt(1e-39)).toBe(true);
  });
  ptest.prop([fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 3, maxLength: 3 }).filter((v) => v.some((x) => x !== 0)), fc.integer({ min: 1, max: 8 })], { seed: 29, numRuns: 8 })(
    'constant M = Q diag(1, 2, 3) Q^T (Q a rational Householder reflection): e(t) = Q e^(-t diag) Q^T e0',
    (u, k) => {
      const uu = u.reduce((s, x) => s + x * x, 0);
      const Q = u.map((ui, i) => u.map((uj, j) => new Ref((i === j ? uu : 0) - 2 * ui * uj).div(uu)));
      const lam = [1, 2, 3];
      const M = Q.map((row) => Q.map((rowJ) => row.reduce((s, q, m) => s.plus(q.mul(lam[m]!).mul(rowJ[m]!)), new Ref(0))));
      const e0 = [1, -1, 2];
      const t = new Ref(k).div(4);
      const [e] = integrateLinear([M], 0, e0, [t], { digits: 30 }) as [Decimal[]];
      // Q is symmetric and orthogonal: e = Q diag(e^(-lambda t)) Q e0
      const Qe0 = Q.map((row) => row.reduce((s, q, j) => s.plus(q.mul(e0[j]!)), new Ref(0)));
      const want = Q.map((row) => row.reduce((s, q, m) => s.plus(q.mul(new Ref(-lam[m]!).mul(t).exp()).mul(Qe0[m]!)), new Ref(0)));
      want.forEach((w, i) => expect(new Ref(e[i]!).minus(w).abs().lt(1e-28), `component ${i}`).toBe(true));
    },
  );
  it('refuses coefficients that do not match e0', () => {
    expect(() => integrateLinear([[[1]]], 0, [1, 1], [1])).toThrow(/2 x 2/);
    expect(() => integrateLinear([], 0, [1], [1])).toThrow(RangeError);
  });
});

describe('eigenSymmetric: Jacobi at the working precision', () => {
  it('[[2, 1], [1, 2]] has eigenvalues 3 and 1 with eigenvectors (1, ±1)/√2', () => {
    const { values, vectors } = eigenSymmetric([[2, 1], [1, 2]], { digits: 40 });
    expect(values[0]!.minus(3).abs().lt(1e-39)).toBe(true);
    expect(values[1]!.minus(1).abs().lt(1e-39)).toBe(true);
    const r = new Ref(2).sqrt().pow(-1);
    expect(new Ref(vectors[0]![0]!).abs().minus(r).abs().lt(1e-39)).toBe(true);
    expect(new Ref(vectors[0]![0]!).minus(vectors[1]![0]!).abs().lt(1e-39)).toBe(true);
    expect(new Ref(vectors[0]![1]!).plus(vectors[1]![1]!).abs().lt(1e-39)).toBe(true);
  });
  ptest.prop([symmetricMatrix({ maxSize: 5, range: 4, bits: 4 })], { seed: 31, numRuns: 25 })(
    'V diag(lambda) V^T reconstructs M, V^T V = I, values descend (30 digits)',
    (M) => {
      const n = M.length;
      const { values, vectors: V } = eigenSymmetric(M);
      for (let i = 0; i + 1 < n; i++) expect(values[i]!.gte(values[i + 1]!)).toBe(true);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let rec = new Ref(0);
          let gram = new Ref(0);
          for (let k = 0; k < n; k++) {
            rec = rec.plus(new Ref(V[i]![k]!).mul(values[k]!).mul(V[j]![k]!));
            gram = gram.plus(new Ref(V[k]![i]!).mul(V[k]![j]!));
          }
          expect(rec.minus(M[i]![j]!).abs().lt(1e-27), `reconstruction ${i},${j}`).toBe(true);
          expect(gram.minus(i === j ? 1 : 0).abs().lt(1e-28), `orthonormality ${i},${j}`).toBe(true);
        }
    },
  );
  it('symmetrises a rounding-level asymmetry and refuses a real one', () => {
    const tiny = new Ref(10).pow(-35);
    const { values } = eigenSymmetric([[1, tiny], [0, 1]]);
    expect(values[0]!.minus(1).abs().lt(1e-29)).toBe(true);
    expect(() => eigenSymmetric([[1, '0.001'], [0, 1]])).toThrow(/not symmetric/);
    expect(() => eigenSymmetric([[1, 2]])).toThrow(/square/);
  });
});
