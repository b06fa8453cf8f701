import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discreteShift, grsdClaims, inFamily, RHO, timeCovariance, toeplitzDistance, type ShiftParams } from '../../derivations/grsd.js';
import type { Snapshot } from '../../src/core/diagnostic.js';
import { Rng } from '../../src/numeric/rng.js';
import type { Claim } from '../../src/core/claim.js';
import { check } from '../../src/core/runner.js';
import { residuals } from '../../src/core/evaluate.js';
import { expectClaimInOrder } from './helpers.js';

describe('grsd claims', () => {
  for (const c of grsdClaims as Claim<unknown>[]) it(`${c.id} holds and its wrong variants are refuted`, () => expectClaimInOrder(c));
});

describe('grsd.time-covariance: the shell density transported for M and for kappa M', () => {
  const cases = fc.sample(timeCovariance.domain, { seed: 5, numRuns: 8 });
  const density = (P: (typeof cases)[number], digits: number, field: string): number =>
    residuals(timeCovariance.encoding, timeCovariance.instance(P, { digits, flags: { field } }).scope, digits).find((q) => q.equation === 'density')!.residual.toNumber();

  it('under the drawn covariant field the two finite-volume solutions agree cell by cell to the working precision', () => {
    for (const P of cases) {
      expect(density(P, 30, 'covariant'), JSON.stringify(P)).toBeLessThan(1e-28);
      expect(density(P, 60, 'covariant'), JSON.stringify(P)).toBeLessThan(1e-58);
    }
  });

  it('under a field that is not covariant they differ at order one whenever kappa != 1 and the field moves the bump', () => {
    for (const P of cases.filter((c) => c.k4 !== 4)) {
      expect(density(P, 30, 'kappa'), JSON.stringify(P)).toBeGreaterThan(1e-3);
      // frozen at t = 1: covariant only if sigma = 1 and b = 0
      if (P.sig4 !== 4 || P.b4 !== 0) expect(density(P, 30, 'stationary'), JSON.stringify(P)).toBeGreaterThan(1e-3);
    }
  });

  it('the wrong fields are refuted by the density equation alone: every other equation reads the covariant field', () => {
    for (const name of ['a time covariance with kappa, not kappa^2: the field v = lambda Phi(lambda t) transported', 'a field frozen in time, v = lambda Phi(lambda), transported', 'density transform without the Jacobian 1/kappa: g_kM(kappa lambda, t/kappa) = g_M(lambda, t)']) {
      const v = timeCovariance.variants.find((x) => x.name === name)!;
      const r = check(timeCovariance, v, { seed: 42, runs: 12, digits: 30 });
      expect(r.verdict, name).toBe('refuted');
      expect(r.counterexample!.equation, name).toBe('density');
    }
  });
});

describe('grsd.discrete-shift: the search for log-periodic fields', () => {
  const discreteReading = discreteShift.variants[0]!;

  it('finds a counterexample to the discrete reading, shrunk to a log-periodic field of period h/m', () => {
    for (const seed of [42, 7, 2024]) {
      const r = check(discreteShift, discreteReading, { seed, runs: 40, digits: 30 });
      expect(r.verdict, `seed ${seed}`).toBe('refuted');
      const P = r.counterexample!.params as ShiftParams;
      // covariant, every active term of period h num / den with num | den, i.e. h / m, and not a pure power law
      expect(inFamily(P)).toBe(true);
      const active = P.terms.filter((T) => T.p !== 0 || T.q !== 0);
      expect(active.length).toBeGreaterThan(0);
      for (const T of active) {
        expect(RHO[T.rhoIx]).toBe(1);
        expect(T.den % T.num).toBe(0);
      }
    }
  });

  it('the search space holds fields outside the class too, and the encoding tells them apart', () => {
    const cases = fc.sample(discreteShift.domain, { seed: 5, numRuns: 100 });
    const members = cases.filter(inFamily).length;
    expect(members).toBeGreaterThan(10);
    expect(cases.length - members).toBeGreaterThan(30);
    // the gate of the encoding, read out as a residual
    const gate = { defs: discreteShift.encoding.defs, equations: [{ name: 'gate', lhs: 'inclass', rhs: '0', scale: '1' }] };
    const inclass = (P: ShiftParams): number => residuals(gate, discreteShift.instance(P, { digits: 30, flags: {} }).scope, 30)[0]!.residual.toNumber();
    const base: ShiftParams = { l8: 3, t8: 5, h8: 4, sig4: 1, dtau4: 0, c4: 2, a0: 1, terms: [{ num: 1, den: 2, rhoIx: 0, p: 1, q: -2 }], k4: 7 };
    expect(inFamily(base)).toBe(true);
    expect(inclass(base)).toBe(1);
    // an incommensurate period (h 3/2), a non-covariant phase (rho = 0) or time exponent: the gate reads 0
    for (const P of [
      { ...base, terms: [{ ...base.terms[0]!, num: 2, den: 3 }] },
      { ...base, terms: [{ ...base.terms[0]!, rhoIx: 1 }] },
      { ...base, dtau4: 1 },
    ]) {
      expect(inFamily(P)).toBe(false);
      expect(inclass(P)).toBe(0);
    }
  });
});

describe('grsd.discrete-shift: the draws', () => {
  /** which hypotheses a drawn field meets, from its parameters: C covariant, S log-shift periodic */
  const kind = (P: ShiftParams): string => {
    const active = P.terms.filter((T) => T.p !== 0 || T.q !== 0);
    const cov = P.dtau4 === 0 && active.every((T) => RHO[T.rhoIx] === 1);
    const shift = active.every((T) => T.den % T.num === 0);
    return `${cov ? 'C' : '-'}${shift ? 'S' : '-'}`;
  };

  it('the first 12 cases (those the automatic mutants see) meet every combination of the two hypotheses', () => {
    for (const seed of [42, 2024]) {
      const drawn: ShiftParams[] = [];
      fc.check(
        fc.property(fc.limitShrink(discreteShift.domain, 12), (P) => {
          drawn.push(P);
          return true;
        }),
        { seed, numRuns: 12 },
      );
      const kinds = new Set(drawn.map(kind));
      expect([...kinds].sort(), `seed ${seed}`).toEqual(['--', '-S', 'C-', 'CS']);
      for (const P of drawn) expect(inFamily(P)).toBe(kind(P) === 'CS');
    }
  });

  it('a check that ignores the log-shift hypothesis is caught: a covariant field of incommensurate period passes that gate and breaks the periodicity of P', () => {
    const P: ShiftParams = { l8: 3, t8: 5, h8: 4, sig4: 1, dtau4: 0, c4: 2, a0: 1, terms: [{ num: 2, den: 3, rhoIx: 0, p: 1, q: -2 }], k4: 7 };
    const enc = { defs: discreteShift.encoding.defs.map(([n, e]): [string, string] => [n, n === 'inclass' ? 'covdef / tol < 1 ? 1 : 0' : e]), equations: discreteShift.encoding.equations };
    const r = residuals(enc, discreteShift.instance(P, { digits: 30, flags: {} }).scope, 30);
    expect(r.find((q) => q.equation === 'form')!.residual.toNumber()).toBeLessThan(1e-25);
    expect(r.find((q) => q.equation === 'periodic')!.residual.toNumber()).toBeGreaterThan(1e-3);
  });
});

describe('grsd.toeplitz-couplings: the measure itself', () => {
  /** a snapshot with one mode per shell a = 0..S-1 (lambda_a = e^((a + 1/2) h)), amplitudes c, couplings A */
  function synthetic(S: number, h: number, coupling: (a: number, b: number) => number, c: number[]): Snapshot {
    const lambda = Array.from({ length: S }, (_, a) => Math.exp((a + 0.5) * h));
    const zero = lambda.map(() => lambda.map(() => 0));
    return {
      step: 1,
      t: 1,
      e: Float64Array.from(c),
      J: [],
      lambda,
      U: zero,
      c,
      M: zero,
      Mdot: zero,
      A: lambda.map((_, k) => lambda.map((__, j) => (k === j ? 0 : coupling(k, j) * Math.sqrt(lambda[k]! * lambda[j]!)))),
      shell: lambda.map((_, a) => a),
      loss: 0,
    };
  }
  const h = Math.log(4);
  const c = [1, -0.5, 2, 0.25, -1, 0.7];

  it('reads 0 on couplings that depend on a - b only, whatever the shell energies', () => {
    // K_ab = T_ab / (sqrt(E_a E_b) sqrt(lam_a lam_b)) = 2 A_ab sign(c_a c_b) / sqrt(lam_a lam_b) for one mode per shell
    const g = (r: number): number => Math.sign(r) * Math.exp(-Math.abs(r));
    const m = toeplitzDistance(synthetic(6, h, (a, b) => (g(a - b) / 2) * Math.sign(c[a]! * c[b]!), c), h)!;
    expect(m.distance).toBeLessThan(1e-12);
    expect(m.shells).toBe(6);
    expect(m.baseline).toBeGreaterThan(0.5);
  });

  it('reads about the unstructured value on independent couplings', () => {
    const rng = new Rng(3);
    const table = Array.from({ length: 12 }, () => Array.from({ length: 12 }, () => rng.next() - 0.5));
    const anti = (a: number, b: number): number => table[a]![b]! - table[b]![a]!;
    const cs = Array.from({ length: 12 }, () => 1);
    const m = toeplitzDistance(synthetic(12, h, anti, cs), h)!;
    expect(m.distance / m.baseline).toBeGreaterThan(0.7);
    expect(m.distance / m.baseline).toBeLessThan(1.3);
  });
});
