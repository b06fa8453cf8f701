import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discreteShift, grsdClaims, hypothesesMet, inFamily, RHO, RIGIDITY_FAMILIES, rigidity, rigidityField, timeCovariance, toeplitzDistance, type RigidityParams, type ShiftParams } from '../../derivations/grsd.js';
import { applyVariant } from '../../src/core/claim.js';
import { fixedAt } from '../../derivations/instances.js';
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

describe('grsd.rigidity: fields that are not power laws', () => {
  /** the encoding's gates and defects, row by row (one row per family), read out as residuals */
  const probe = (P: RigidityParams, digits: number): Record<string, number[]> => {
    const enc = {
      defs: rigidity.encoding.defs,
      equations: ['covdef', 'shiftdef', 'formdef'].flatMap((d) => [
        { name: d, lhs: `${d} / tol`, rhs: '0', scale: '1' },
        { name: `met ${d}`, lhs: `map(${d}, met)`, rhs: '0', scale: '1' },
      ]),
    };
    const r = residuals(enc, rigidity.instance(P, { digits, flags: {} }).scope, digits);
    return Object.fromEntries(r.map((q) => [q.equation, q.difference.map((d) => d.toNumber())]));
  };
  /** the residual of one equation, row by row (entries of a field's row summed in absolute value) */
  const rowsOf = (P: RigidityParams, variant: string | undefined, equation: string, digits = 30): number[] => {
    const enc = applyVariant(rigidity.encoding, variant === undefined ? undefined : rigidity.variants.find((v) => v.name === variant)!);
    const q = residuals(enc, rigidity.instance(P, { digits, flags: {} }).scope, digits).find((x) => x.equation === equation)!;
    const cols = q.difference.length / P.fields.length;
    return P.fields.map((_, k) => q.difference.slice(k * cols, (k + 1) * cols).reduce((a, d) => a + d.abs().div(q.scale).toNumber(), 0));
  };

  it('every case holds one field of each family, and the gates find what each family meets from its values alone', () => {
    for (const [digits, runs] of [[30, 24], [60, 6]] as const) {
      for (const P of fc.sample(rigidity.domain, { seed: 5, numRuns: runs })) {
        expect(P.fields.map((f) => f.family)).toEqual([...RIGIDITY_FAMILIES]);
        const g = probe(P, digits);
        P.fields.forEach((f, k) => {
          const m = hypothesesMet(f);
          // each family meets exactly the hypotheses its name says
          expect([m.covariance, m.shift], f.family).toEqual({ power: [true, true], covariant: [true, false], equivariant: [false, true], neither: [false, false] }[f.family]);
          const why = `${digits} digits, ${JSON.stringify(f)}`;
          expect(g['met covdef']![k], why).toBe(m.covariance ? 1 : 0);
          expect(g['met shiftdef']![k], why).toBe(m.shift ? 1 : 0);
          expect(g['met formdef']![k], why).toBe(m.covariance && m.shift ? 1 : 0);
          // far from the threshold on either side: the precision's floor, or order one (tol = 10^(-0.4 D))
          for (const [d, met] of [['covdef', m.covariance], ['shiftdef', m.shift], ['formdef', m.covariance && m.shift]] as const) {
            if (met) expect(g[d]![k], why).toBeLessThan(1e-10);
            else expect(g[d]![k]! * 10 ** -Math.floor(0.4 * digits), why).toBeGreaterThan(1e-3);
          }
        });
      }
    }
  });

  /** a case with the given covariant field (sigma = 1/2) */
  const withCovariant = (field: Partial<RigidityParams['fields'][number]>): RigidityParams => {
    const P = fc.sample(rigidity.domain, { seed: 3, numRuns: 1 })[0]!;
    return { ...P, sig4: 2, fields: P.fields.map((f) => (f.family === 'covariant' ? { ...f, ...field } : f)) };
  };

  it('C t^-2 is time covariant and log-shift invariant, not the power law: the invariant reading is refuted on it by the rigidity equation', () => {
    // sigma = 1/2: s = -1 - sigma = -3/2 gives exponents 0 of lambda and -2 of t
    const P = withCovariant({ da4: -6, db4: -6, bracket: { kind: 'one' } });
    const invariant = rigidity.variants.find((v) => v.name.startsWith('invariant, not equivariant, as the hypothesis'))!.name;
    // rows: power, covariant (C t^-2), equivariant, neither; only the power law is gated in, at the rounding floor
    for (const r of rowsOf(P, undefined, 'rigidity')) expect(r).toBeLessThan(1e-25);
    const rows = rowsOf(P, invariant, 'rigidity');
    expect(rows[1]).toBeGreaterThan(1e-2);
    for (const r of rows.filter((_, k) => k !== 1)) expect(r).toBeLessThan(1e-25);
  });

  it('the power law claimed from one hypothesis is refuted on exactly the fields that meet that one only', () => {
    for (const P of fc.sample(rigidity.domain, { seed: 8, numRuns: 4 })) {
      const alone = (which: string): number[] => rowsOf(P, `the power law from ${which} alone`, 'rigidity');
      // rows: power, covariant, equivariant, neither (the power law's row at the rounding floor)
      const [p, c, e, n] = alone('time covariance');
      for (const r of [p!, e!, n!]) expect(r).toBeLessThan(1e-25);
      expect(c).toBeGreaterThan(1e-6);
      const [p2, c2, e2, n2] = alone('log-shift equivariance');
      for (const r of [p2!, c2!, n2!]) expect(r).toBeLessThan(1e-25);
      expect(e2).toBeGreaterThan(1e-6);
    }
  });

  it('a log-periodic covariant field meets the finite log-shift law at its period h and still fails the generator', () => {
    const P = withCovariant({ da4: 0, db4: 0, bracket: { kind: 'periodic', p: 1, q: -1 } });
    const F = fixedAt(40);
    const { v } = rigidityField(P, P.fields[1]!, 40);
    const [x, y] = [F.ratio(3, 10), F.ratio(-1, 5)];
    const h = F.ratio(P.h8, 8);
    // v(e^h lambda, t) = e^(h (1 + sigma)) v(lambda, t): equivariant under the discrete shift
    const lhs = v(x + h, y);
    const rhs = F.mul(F.exp(F.mul(h, F.ratio(P.sig4 + 4, 4))), v(x, y));
    expect(F.toNumber(F.abs(lhs - rhs)) / F.toNumber(F.abs(rhs))).toBeLessThan(1e-35);
    expect(probe(P, 40)['met shiftdef']![1]).toBe(0);
  });

  it('the wrong exponents are refuted on the power-law field, the only one gated in', () => {
    const P = fc.sample(rigidity.domain, { seed: 11, numRuns: 1 })[0]!;
    for (const v of rigidity.variants.filter((x) => x.defs?.['pw'] !== undefined)) {
      const [p, ...rest] = rowsOf(P, v.name, 'rigidity');
      expect(p, v.name).toBeGreaterThan(1e-6);
      expect(rest, v.name).toEqual([0, 0, 0]);
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
