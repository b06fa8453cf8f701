/**
 * The engine's decision rules on toy claims whose every case is known in advance: each branch
 * of the precision and range rules at its boundaries, how cases add up to a verdict (degenerate,
 * wandering, erroring, refuted, conflicting), variants, automatic mutants and their statuses,
 * and the exponent models. These pin down the blind spots a mutation run of src/core found.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { applyVariant, type Claim, type Encoding } from '../../src/core/claim.js';
import { toyClaim, type Build } from './toy.js';
import { residuals, symbolicDecision } from '../../src/core/evaluate.js';
import { evaluateLaws, formulaOf, LawError, nest, type LawModel } from '../../src/core/laws.js';
import { liveDefs, mutantsOf, mutateExpression } from '../../src/core/mutants.js';
import { classify, classifyRange, log10, RANGE_K } from '../../src/core/precision.js';
import { check, evaluateCase, levelsOf, mutationAnalysis, runClaim } from '../../src/core/runner.js';
import { combine, holdsVerdicts } from '../../src/core/verdict.js';
import { sym } from '../../src/symbolic/symbolic.js';

const d = (x: string | number): Decimal => new Decimal(x);
/** 10^x for fractional exponents */
const p10 = (x: number): Decimal => new Decimal(10).pow(x);

describe('precision rule: classify', () => {
  it('log10 of zero is -infinity, of a power of ten its exponent', () => {
    expect(log10(d(0))).toBe(Number.NEGATIVE_INFINITY);
    expect(log10(d('1e-37'))).toBeCloseTo(-37, 12);
  });
  it('log10 |x| agrees with a 60-digit logarithm, exponents far beyond a double included', () => {
    const D = Decimal.clone({ precision: 60 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: -8.9e15, max: 8.9e15 }), fc.boolean(), (m, e, neg) => {
        const x = `${neg ? '-' : ''}${m}e${e}`;
        const want = new D(x).abs().log(10).toNumber();
        return Math.abs(log10(d(x)) - want) <= 1e-15 * Math.max(1, Math.abs(want));
      }),
      { seed: 31, numRuns: 300 },
    );
  });
  it('holds only when the residual fell by a quarter of tau times the added digits, to 10^(-tau hi)', () => {
    // lo 40, hi 80, tau 0.4: it must fall 4 decades and end at or below 1e-32
    expect(classify(d('1e-29'), d('1e-33'), 40, 80, 0.4)).toBe('holds');
    expect(classify(p10(-29.5), d('1e-33'), 40, 80, 0.4)).toBe('wanders');
    expect(classify(d('1e-28'), d('1e-32'), 40, 80, 0.4)).toBe('holds');
    expect(classify(d('1e-28'), p10(-31.9), 40, 80, 0.4)).toBe('wanders');
  });
  it('a residual at the floor of the high precision holds even if it did not fall', () => {
    expect(classify(d('1e-80'), d('1e-72'), 40, 80, 0.9)).toBe('holds');
    expect(classify(d('1e-80'), p10(-71.9), 40, 80, 0.9)).toBe('wanders');
    expect(classify(d(0), d(0), 40, 80, 0.9)).toBe('holds');
    expect(classify(d(0), d('1e-10'), 40, 80, 0.9)).toBe('wanders');
  });
  it('fails when it stays within two decades above 10^(-tau lo); otherwise wanders', () => {
    expect(classify(d('1e-10'), d('1e-12'), 40, 80, 0.9)).toBe('fails');
    expect(classify(d('1e-10'), p10(-12.1), 40, 80, 0.9)).toBe('wanders');
    expect(classify(d('1e-12'), d('1e-10'), 40, 80, 0.9)).toBe('fails');
    expect(classify(p10(-12.1), d('1e-10'), 40, 80, 0.9)).toBe('wanders');
    // exactly at 10^(-tau lo) is not above it
    expect(classify(d('1e-36'), d('1e-36'), 40, 80, 0.9)).toBe('wanders');
    expect(classify(p10(-35.9), p10(-35.9), 40, 80, 0.9)).toBe('fails');
  });
  it('a non-finite residual is never decided', () => {
    expect(classify(d(Infinity), d(Infinity), 40, 80, 0.9)).toBe('wanders');
    expect(classify(d('1e-80'), d(NaN), 40, 80, 0.9)).toBe('wanders');
  });
});

describe('range rule: classifyRange', () => {
  const out = (errors: number[], floor?: number, measured?: number, holdK?: number) => classifyRange(errors, floor, measured, holdK).outcome;
  it('needs three ranges and finite errors', () => {
    expect(out([0.001, 0.0001])).toBe('wanders');
    expect(out([0.1, 0.01, Infinity])).toBe('wanders');
    expect(out([NaN, 0.1, 0.01])).toBe('wanders');
    expect(out([0.1, 0.01, 0.001], 0, NaN)).toBe('wanders');
  });
  it('extrapolates a geometric convergence; the resolution is 2 K times its uncertainty plus how far the errors still reach', () => {
    // e_l = 10^-l: steps shrink tenfold, the limit is 0; the tail added at the last range is 1e-4 / 9 ... and
    // with three ranges the extrapolation one range earlier is the raw e_2, 0.01 away
    const three = classifyRange([0.1, 0.01, 0.001]);
    expect(three.outcome).toBe('holds');
    expect(three.limit).toBeCloseTo(0, 12);
    expect(three.uncertainty).toBeCloseTo(0.01, 12);
    // a formula off by 0.001 or less may still match the last error: the resolution reaches past it
    expect(three.resolution).toBeCloseTo(2 * RANGE_K * 0.01 + 0.01, 12);
    // a fourth range: both extrapolations reach 0, and the uncertainty is the tail added, 1e-4
    const four = classifyRange([0.1, 0.01, 0.001, 0.0001]);
    expect(four.uncertainty).toBeCloseTo(1e-4, 12);
    expect(four.resolution).toBeCloseTo(2 * RANGE_K * 1e-4 + 0.001, 12);
    // the same convergence to 0.05: a formula off by 0.05 is refuted, the gap persisting at the last ranges
    expect(classifyRange([0.95, 0.14, 0.059, 0.0509]).limit).toBeCloseTo(0.05, 10);
    expect(out([0.95, 0.14, 0.059, 0.0509])).toBe('fails');
    // with three ranges 0.05 is below the resolution (0.06): undecided, never refuted
    expect(out([0.15, 0.06, 0.051])).toBe('wanders');
  });
  it('does not extrapolate oscillating errors: the last value, known to within the last step', () => {
    const osc = classifyRange([0.1, -0.05, 0.02]);
    expect(osc.limit).toBe(0.02);
    expect(osc.uncertainty).toBeCloseTo(0.07, 12);
    expect(osc.outcome).toBe('holds');
    // a slow 1/l convergence is extrapolated with its own large uncertainty: it holds to 0 only coarsely,
    // and 1/l + 0.3 is neither held nor refuted at that resolution
    const slow = classifyRange([1 / 2, 1 / 3, 1 / 4, 1 / 5]);
    expect(slow.outcome).toBe('holds');
    expect(slow.resolution).toBeGreaterThan(0.4);
    expect(out([0.3 + 1 / 2, 0.3 + 1 / 3, 0.3 + 1 / 4, 0.3 + 1 / 5])).toBe('wanders');
  });
  it('a stalled error is a refutation unless a floor or the measurement\'s own uncertainty covers it', () => {
    expect(out([0.02, 1e-7, 4.2e-8, 4.25e-8])).toBe('fails');
    expect(out([0.02, 1e-7, 4.2e-8, 4.25e-8], 1e-6)).toBe('holds');
    expect(out([0.02, 1e-7, 4.2e-8, 4.25e-8], 0, 1e-7)).toBe('holds');
    expect(classifyRange([0.02, 1e-7, 4.2e-8, 4.25e-8], 1e-6)).toMatchObject({ resolution: 2e-6 + 4.25e-8, source: 'floor' });
    expect(classifyRange([0.02, 1e-7, 4.2e-8, 4.25e-8], 0, 1e-7).source).toBe('stated');
    expect(classifyRange([0.02, 1e-7, 4.2e-8, 4.25e-8]).source).toBe('convergence');
  });
  it('refutes every formula off by more than the resolution, whichever way: the resolution is what it says', () => {
    // errors converging (or not) toward a limit, at any floor and stated uncertainty; the formula
    // shifted by delta beyond the resolution either way must fail, and at half of 2U may not
    const errorsArb = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 6 });
    fc.assert(
      fc.property(errorsArb, fc.double({ min: 0, max: 0.1, noNaN: true }), fc.double({ min: 0, max: 0.1, noNaN: true }), fc.double({ min: 1.0001, max: 10, noNaN: true }), fc.boolean(), fc.double({ min: 0, max: 20, noNaN: true }), (e, floor, stated, over, up, holdK) => {
        const { resolution } = classifyRange(e, floor, stated, holdK);
        const delta = (up ? 1 : -1) * over * resolution;
        return classifyRange(e.map((x) => x - delta), floor, stated, holdK).outcome === 'fails';
      }),
      { seed: 15, numRuns: 2000 },
    );
    // the reach matters: converging errors 0.1, 0.01, 0.001 (2U = 0.06) against a formula off by
    // 0.065 > 2U: the errors pass through it, so it is not refuted, and the resolution says so
    const e = [0.1, 0.01, 0.001];
    expect(out(e.map((x) => x - 0.065))).not.toBe('fails');
    expect(classifyRange(e).resolution).toBeGreaterThan(0.065);
  });
  it('an uncertainty that grew with the range is no convergence yet: undecided', () => {
    // steps 0.4 then 0.3: the geometric tail adds 0.9, more than the step before
    expect(out([0.9, 0.5, 0.2])).toBe('wanders');
    expect(out([0.3, 0.1, 0.01])).toBe('holds');
  });
  it('a convergence that stopped within the floor has shrunk, whatever the tail one range earlier said', () => {
    // faster than geometric, into float64 noise: one range earlier the tail added 1.7e-7, and the
    // limit now moves back by it (its uncertainty did not shrink); the last step, 5e-15, is within
    // the claim's floor of 1e-9: the errors stopped moving
    const fast = [-2.468, -2.405, -1.798, -0.002888, -0.00002175, 2.3e-15, -2.6e-15];
    expect(out(fast)).toBe('wanders');
    expect(classifyRange(fast, 1e-9)).toMatchObject({ outcome: 'holds' });
    expect(classifyRange(fast, 1e-9).uncertainty).toBeCloseTo(1.66e-7, 9);
  });
  it('never takes a drift for noise or for convergence', () => {
    // a staircase (steps alternating q^k and q^k / 2, q = 0.99): the tail switches on and off at
    // every range and the extrapolation moves by about a step each time; its true limit is 127 off
    const steps = Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? 0.99 ** (i / 2) : 0.99 ** ((i - 1) / 2) / 2));
    for (const m of [4, 5, 6, 7]) {
      const e = [0];
      for (let i = 0; i < m - 1; i++) e.push(e[i]! + steps[i]!);
      expect(out(e.map((x) => x - e[m - 1]!)), `m = ${m}`).not.toBe('holds');
    }
    // a straight drift of 2.9 stated uncertainties a level over eight levels is no noise
    const drift = Array.from({ length: 8 }, (_, i) => 2.9 * (i - 7));
    expect(out(drift, 0, 1, 3.92)).not.toBe('holds');
    // one of 0.9 is within the uncertainty stated: held, as before
    expect(out(drift.map((x) => (x * 0.9) / 2.9), 0, 1)).toBe('holds');
  });
  it('reads steps within the stated noise as noise: no geometric tail from them, and no shrinking asked of them', () => {
    // steps 0.02 then 0.01, ratio 0.5: a tail of 0.01 on a deterministic route; within a stated 0.015, none
    expect(classifyRange([0.1, 0.05, 0.03, 0.02]).limit).toBeCloseTo(0.01, 12);
    expect(classifyRange([0.1, 0.05, 0.03, 0.02], 0, 0.015).limit).toBe(0.02);
    // an error that swings by 0.002 at every range: on a deterministic route no convergence (its
    // uncertainty does not shrink); with a stated noise of 0.001 it is the noise, within three of it
    const swing = [0.001, -0.001, 0.001, -0.001];
    expect(out(swing)).toBe('wanders');
    expect(classifyRange(swing, 0, 0.001)).toMatchObject({ outcome: 'holds', source: 'convergence', uncertainty: 0.002 });
    // two rises of 1.5 stated uncertainties after a fall: noise, held; the same rises after a rise: a drift
    expect(out([0.002, -0.001, 0.0005, 0.002], 0, 0.001)).toBe('holds');
    expect(out([-0.004, -0.001, 0.0005, 0.002], 0, 0.001)).toBe('wanders');
    // a jump beyond three stated uncertainties is still no convergence
    expect(out([0.01, 0.005, 0.004, 0.02], 0, 0.004)).toBe('wanders');
  });
  it('holds a stated uncertainty to the band of its simultaneous tests, never past 2U, and refutes as before', () => {
    // one simulation read at every level, 3.04 standard errors off: undecided as a lone test,
    // held as one of 30 (a 3-sigma band for all of them is 3.92 each)
    const flat = [-1.035e-4, -1.035e-4, -1.035e-4];
    expect(classifyRange(flat, 0, 3.4e-5).outcome).toBe('wanders');
    expect(classifyRange(flat, 0, 3.4e-5, 3.92).outcome).toBe('holds');
    // the band, and the resolution, are unmoved by it: 2U + reach
    expect(classifyRange(flat, 0, 3.4e-5, 3.92).resolution).toBe(classifyRange(flat, 0, 3.4e-5).resolution);
    // a band asked past 2K is held at 2K: 6.5 standard errors off is refuted whatever it is told
    expect(classifyRange([6.5, 6.5, 6.5], 0, 1, 100).outcome).toBe('fails');
    expect(classifyRange([5.9, 5.9, 5.9], 0, 1, 100).outcome).toBe('holds');
  });
});

describe('verdicts', () => {
  it('combine every numeric outcome with every symbolic decision', () => {
    const table: [Parameters<typeof combine>[0], Parameters<typeof combine>[1], string][] = [
      ['holds', 'zero', 'proved'],
      ['holds', 'undecided', 'verified'],
      ['holds', 'n/a', 'verified'],
      ['holds', 'nonzero', 'conflict'],
      ['fails', 'zero', 'conflict'],
      ['fails', 'nonzero', 'refuted'],
      ['fails', 'undecided', 'refuted'],
      ['fails', 'n/a', 'refuted'],
      ['wanders', 'zero', 'inconclusive'],
      ['wanders', 'nonzero', 'inconclusive'],
      ['degenerate', 'zero', 'inconclusive'],
      ['degenerate', 'n/a', 'inconclusive'],
    ];
    for (const [n, s, v] of table) expect(combine(n, s, true), `${n} + ${s}`).toBe(v);
    // a proof of some equations only: never proved, and a nonzero one still conflicts
    for (const [n, s, v] of table) expect(combine(n, s, false), `${n} + ${s}, partial`).toBe(v === 'proved' ? 'verified' : v);
    expect([...holdsVerdicts].sort()).toEqual(['proved', 'verified']);
  });
});

describe('variants', () => {
  const enc: Encoding = { defs: [['y', 'x + x'], ['z', 'y * 2']], equations: [{ name: 'e', lhs: 'y', rhs: '2 * x' }, { name: 'f', lhs: 'z', rhs: '4 * x', scale: '1' }] };
  it('replace definitions and merge equations by name, leaving the rest', () => {
    expect(applyVariant(enc, undefined)).toBe(enc);
    const v = applyVariant(enc, { name: 'v', defs: { y: 'x' }, equations: { e: { rhs: '3 * x' } } });
    expect(v.defs).toEqual([['y', 'x'], ['z', 'y * 2']]);
    expect(v.equations).toEqual([{ name: 'e', lhs: 'y', rhs: '3 * x' }, { name: 'f', lhs: 'z', rhs: '4 * x', scale: '1' }]);
    expect(enc.defs[0]).toEqual(['y', 'x + x']);
  });
  it('refuse names the encoding does not have', () => {
    expect(() => applyVariant(enc, { name: 'v', defs: { w: 'x' } })).toThrow('variant v: no definition w');
    expect(() => applyVariant(enc, { name: 'v', equations: { g: { rhs: 'x' } } })).toThrow('variant v: no equation g');
  });
});

describe('residuals', () => {
  it('divide by the given scale, else by the larger side; a zero scale leaves the difference', () => {
    const scope = { x: d(3), v: [d(3), d(4)] };
    const rs = residuals(
      {
        defs: [['w', 'v * 2']],
        equations: [
          { name: 'scaled', lhs: 'x', rhs: '1', scale: '4' },
          { name: 'relative', lhs: 'x', rhs: '1' },
          { name: 'zero', lhs: 'x - 3', rhs: '0' },
          { name: 'vector', lhs: 'w', rhs: '[0, 0]' },
          { name: 'tiny', lhs: '0', rhs: '1e-50', scale: '0' },
        ],
      },
      scope,
      30,
    );
    expect(rs.map((r) => r.equation)).toEqual(['scaled', 'relative', 'zero', 'vector', 'tiny']);
    expect(rs[0]!.residual.toNumber()).toBe(0.5);
    expect(rs[1]!.residual.toNumber()).toBeCloseTo(2 / 3, 12);
    expect(rs[2]!.residual.isZero()).toBe(true);
    // |w - 0| / max(|w|, 0) = 1, w = (6, 8)
    expect(rs[3]!.residual.toNumber()).toBe(1);
    expect(rs[4]!.residual.eq(d('1e-50'))).toBe(true);
  });
});

describe('symbolic decisions', () => {
  const enc: Encoding = { defs: [['s', 'a + b'], ['t', 's - b']], equations: [{ name: 'same', lhs: 't', rhs: 'a' }, { name: 'other', lhs: 's', rhs: '2 * a' }] };
  const scope = () => [{ a: 'a', b: 'b' }];
  it('decide every equation, or only those named', () => {
    expect(symbolicDecision(enc, scope())).toBe('nonzero');
    expect(symbolicDecision(enc, scope(), ['same'])).toBe('zero');
    expect(symbolicDecision(enc, scope(), ['other'])).toBe('nonzero');
  });
  it('nonzero in any scope wins; undecided when an input is unbound', () => {
    const e2: Encoding = { defs: [], equations: [{ name: 'q', lhs: 'a * b', rhs: 'b * a' }] };
    expect(symbolicDecision(e2, [{ a: 'a', b: 'b' }, { a: 'x', b: 'y' }])).toBe('zero');
    const e3: Encoding = { defs: [], equations: [{ name: 'q', lhs: 'a', rhs: 'c' }] };
    expect(symbolicDecision(e3, [{ a: 'a' }])).toBe('undecided');
    expect(symbolicDecision(e3, [{ a: 'a' }, { a: 'a', c: 'a + 1' }])).toBe('nonzero');
    expect(symbolicDecision(e3, [{ a: 'a', c: 'a' }, { a: 'a' }])).toBe('undecided');
  });
  it('an input named like a definition stands for it', () => {
    const e4: Encoding = { defs: [['s', 'unknownfn(a)']], equations: [{ name: 'q', lhs: 's', rhs: 's' }] };
    expect(symbolicDecision(e4, [{ a: 'a', s: 'z' }])).toBe('zero');
    // an unsupported definition stays unbound: equations that need it are undecided
    expect(symbolicDecision(e4, [{ a: 'a' }])).toBe('undecided');
    // an ill-formed (shape-mismatched) mutant is undecided, not an error
    const e5: Encoding = { defs: [], equations: [{ name: 'q', lhs: 'm + v', rhs: 'v' }] };
    expect(symbolicDecision(e5, [{ m: sym.matrix('m', 2, 2), v: sym.vector('v', 2) }])).toBe('undecided');
  });
});

/** A claim whose cases are integers x in [lo, 1000]: its instance is given the digits. */
function toy(id: string, enc: Encoding, build: Build, extra: Parameters<typeof toyClaim>[3] = {}): Claim<number> {
  return toyClaim(id, enc, build, extra, 1000);
}
const exact = (x: number) => ({ scope: { x: d(x) } });
const double: Encoding = { defs: [['y', 'x + x']], equations: [{ name: 'double', lhs: 'y', rhs: '2 * x' }] };
const opts = { seed: 7, digits: 20 };

describe('cases and verdicts of the runner', () => {
  it('a true identity holds at both precisions and counts every case', () => {
    const c = toy('toy.double', double, exact);
    expect(levelsOf(c, 20)).toEqual([20, 40]);
    const r = check(c, undefined, opts);
    expect(r).toMatchObject({ verdict: 'verified', numeric: 'holds', symbolic: 'n/a', runs: 6, degenerate: 0, wandering: 0, errors: [], axis: 'digits', levels: [20, 40] });
    expect(r.maxResidual).toEqual({ 20: '0e+0', 40: '0e+0' });
    expect(r.counterexample).toBeUndefined();
  });
  it('a false one is refuted with a replayable, shrunk counterexample', () => {
    const c = toy('toy.square', { defs: [], equations: [{ name: 'ok', lhs: 'x', rhs: 'x' }, { name: 'square', lhs: 'x * x', rhs: '2 * x' }] }, exact);
    const r = check(c, undefined, opts);
    expect(r.verdict).toBe('refuted');
    expect(r.numeric).toBe('fails');
    expect(r.counterexample?.equation).toBe('square');
    expect(r.counterexample?.seed).toBe(7);
    expect(r.counterexample?.path).toMatch(/^\d+(:\d+)*$/);
    const x = r.counterexample!.params as number;
    expect(Object.keys(r.counterexample!.residuals)).toEqual(['20', '40']);
    expect(new Decimal(r.counterexample!.residuals[40]!).toNumber()).toBeCloseTo((x - 2) / x, 3);
    // the replay of that path finds the same case, and counts only it
    const again = check(c, undefined, { ...opts, path: r.counterexample!.path });
    expect(again.counterexample?.params).toBe(x);
    expect(again.verdict).toBe('refuted');
  });
  it('a refutation of an equation the symbolic proof covers is a conflict; of one it does not, a refutation', () => {
    const enc: Encoding = { defs: [], equations: [{ name: 'sym', lhs: 'x + x', rhs: '2 * x' }, { name: 'num', lhs: 'x * x', rhs: '2 * x' }] };
    const covered = toy('toy.c1', enc, exact, { symbolic: { scopes: () => [{ x: 'x' }], equations: ['sym'] } });
    expect(check(covered, undefined, opts)).toMatchObject({ numeric: 'fails', symbolic: 'zero', verdict: 'refuted' });
    const all = toy('toy.c2', { defs: [], equations: [{ name: 'sym', lhs: 'x * x', rhs: 'x ^ 2' }] }, exact, { symbolic: { scopes: () => [{ x: 'x' }] } });
    expect(check(all, undefined, opts)).toMatchObject({ numeric: 'holds', symbolic: 'zero', verdict: 'proved' });
    const wrong = toy('toy.c3', { defs: [], equations: [{ name: 'sym', lhs: 'x * x', rhs: '2 * x' }] }, exact, { symbolic: { scopes: () => [{ x: 'x' }] } });
    expect(check(wrong, undefined, opts)).toMatchObject({ numeric: 'fails', symbolic: 'nonzero', verdict: 'refuted' });
    // numbers that refute what the symbols prove (y stands for 2x symbolically, is 2x + 1 numerically): a conflict, surfaced
    const split = toy('toy.c4', { defs: [['y', 'x + x + 1']], equations: [{ name: 'sym', lhs: 'y', rhs: '2 * x' }] }, exact, { symbolic: { scopes: () => [{ x: 'x', y: '2 * x' }] } });
    expect(check(split, undefined, opts)).toMatchObject({ numeric: 'fails', symbolic: 'zero', verdict: 'conflict' });
  });
  it('degenerate cases are reported, never decided; a majority of them leaves the claim undecided', () => {
    const third = toy('toy.d1', double, (x) => (x % 3 === 0 ? { scope: {}, degenerate: 'multiple of 3' } : exact(x)));
    const rThird = check(third, undefined, { ...opts, runs: 30 });
    expect(rThird.degenerate).toBeGreaterThan(0);
    expect(rThird.degenerate * 2).toBeLessThan(rThird.runs);
    expect(rThird.numeric).toBe('holds');
    const most = toy('toy.d2', double, (x) => (x % 3 !== 0 ? { scope: {}, degenerate: 'not a multiple of 3' } : exact(x)));
    const rMost = check(most, undefined, { ...opts, runs: 30 });
    expect(rMost.degenerate * 2).toBeGreaterThan(rMost.runs);
    expect(rMost).toMatchObject({ numeric: 'degenerate', verdict: 'inconclusive' });
    const all = toy('toy.d3', double, () => ({ scope: {}, degenerate: 'always' }));
    expect(check(all, undefined, opts)).toMatchObject({ numeric: 'degenerate', verdict: 'inconclusive', degenerate: 6, runs: 6 });
    expect(evaluateCase(all, double, {}, 5, 20)).toMatchObject({ outcome: 'degenerate', note: 'always', residuals: {} });
  });
  it('a residual that falls too slowly wanders: inconclusive, with the first such case kept', () => {
    // residual 10^(-digits/4): falls 5 decades from 20 to 40 digits but ends far above 10^-36
    const slow = toy('toy.slow', { defs: [], equations: [{ name: 'slow', lhs: 'x + eps', rhs: 'x' }] }, (x, digits) => ({ scope: { x: d(x), eps: d(10).pow(-digits / 4).mul(x) } }));
    const r = check(slow, undefined, opts);
    expect(r).toMatchObject({ numeric: 'wanders', verdict: 'inconclusive', wandering: 6 });
    expect(r.wanderingCase?.outcome).toBe('wanders');
    expect(evaluateCase(slow, slow.encoding, {}, 3, 20).residuals).toEqual({ 20: '1e-5', 40: '1e-10' });
  });
  it('an instance that throws is an error case: inconclusive, at most three messages kept', () => {
    const broken = toy('toy.err', double, (x) => {
      if (x > 0) throw new Error(`no instance for ${x}`);
      return exact(x);
    });
    const r = check(broken, undefined, opts);
    expect(r).toMatchObject({ numeric: 'wanders', verdict: 'inconclusive' });
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]).toMatch(/^no instance for \d+$/);
    expect(evaluateCase(broken, double, {}, 5, 20)).toMatchObject({ outcome: 'error', note: 'no instance for 5' });
  });
  it('keeps the worst equation, the widest figure and the first case figure', () => {
    const fig = { kind: 'lines' as const, title: 't', xLabel: 'x', yLabel: 'y', series: [] };
    const two = toy('toy.two', { defs: [], equations: [{ name: 'a', lhs: 'x', rhs: 'x' }, { name: 'b', lhs: 'x + eps', rhs: 'x' }, { name: 'c', lhs: 'x', rhs: 'x' }] }, (x, digits) => ({
      scope: { x: d(x), eps: d(10).pow(-digits / 2) },
      figure: { ...fig, title: `at ${digits}` },
    }));
    const r = evaluateCase(two, two.encoding, {}, 4, 20);
    expect(r.worstEquation).toBe('b');
    expect(r.figure?.title).toBe('at 40');
    expect(check(two, undefined, opts).figure?.title).toBe('at 40');
  });
  it('a side that is not a real number is an evaluation error, never decided', () => {
    const nan = toy('toy.nan', { defs: [], equations: [{ name: 'fine', lhs: 'x', rhs: 'x + 1' }, { name: 'nan', lhs: '0 / 0', rhs: '0' }] }, exact);
    expect(evaluateCase(nan, nan.encoding, {}, 5, 20)).toMatchObject({ outcome: 'error', note: expect.stringMatching(/^equation nan: lhs is not a real number/) });
    const inf = toy('toy.inf', { defs: [], equations: [{ name: 'q', lhs: 'x', rhs: 'x + 1', scale: '1 / 0' }] }, exact);
    expect(evaluateCase(inf, inf.encoding, {}, 5, 20)).toMatchObject({ outcome: 'error', note: expect.stringMatching(/scale is infinite/) });
  });
  it('reports the largest residual over the drawn cases at each level', () => {
    const xs: number[] = [];
    // residual 1/x at both range levels: undecided (within the tolerance, not shrinking), so every case is counted
    const spread = toy('toy.spread', { defs: [], equations: [{ name: 'q', lhs: 'x + 1', rhs: 'x', scale: 'x' }] }, (x) => {
      xs.push(x);
      return { scope: { x: d(x) } };
    }, { ranges: { levels: [0, 1], target: 1 } });
    const r = check(spread, undefined, { ...opts, runs: 8 });
    expect(r.runs).toBe(8);
    const worst = d(1).div(Math.min(...xs)).toSignificantDigits(4).toExponential();
    expect(r.maxResidual).toEqual({ 0: worst, 1: worst });
  });
  it('variant flags reach the instance', () => {
    // z = x unless the variant's flag shifts it: only the flag can refute the variant
    const flagged = toy('toy.flag', { defs: [], equations: [{ name: 'q', lhs: 'x + x', rhs: '2 * z' }] }, (x, _d, flags) => ({ scope: { x: d(x), z: d(flags.off ? x + 1 : x) } }), {
      variants: [{ name: 'flag', flags: { off: true } }],
    });
    const r = runClaim(flagged, opts);
    expect(r.verdict).toBe('verified');
    expect(r.variants[0]).toMatchObject({ name: 'flag', verdict: 'refuted' });
  });
  it('runs variants on at most 40 cases, stopping at the first refutation', () => {
    let calls = 0;
    const counted = toy('toy.count', double, (x) => {
      calls++;
      return exact(x);
    }, { runs: 100, variants: [{ name: 'same', equations: { double: { rhs: 'x + x' } } }] });
    const r = runClaim(counted, opts);
    expect(r.runs).toBe(100);
    expect(r.variants[0]!.runs).toBe(40);
    // two precisions per case
    expect(calls).toBe(2 * 140);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(r.mutants).toBeUndefined();
  });
});

describe('scaling claims over growing ranges', () => {
  const law = (errors: number[]): Claim<number> =>
    toy('toy.law', { defs: [], equations: [{ name: 'exponent', lhs: 'measured', rhs: '2', scale: '1' }] }, (_x, level) => ({ scope: { measured: d(2 + errors[level]!) } }), {
      ranges: { levels: [0, 1, 2], target: 2 },
    });
  it('evaluate at every range level, not at two precisions', () => {
    expect(levelsOf(law([0.3, 0.1, 0.01]), 20)).toEqual([0, 1, 2]);
    const r = check(law([0.3, 0.1, 0.01]), undefined, opts);
    expect(r).toMatchObject({ verdict: 'verified', axis: 'range', levels: [0, 1, 2] });
    expect(r.maxResidual).toEqual({ 0: '3e-1', 1: '1e-1', 2: '1e-2' });
  });
  it('refute a measurement that converges elsewhere; leave one still converging undecided', () => {
    expect(check(law([0.3, 0.2, 0.2]), undefined, opts).verdict).toBe('refuted');
    expect(check(law([0.9, 0.5, 0.2]), undefined, opts).verdict).toBe('inconclusive');
    // each equation's resolution, the coarsest over the cases
    expect(check(law([0.1, 0.01, 0.001]), undefined, opts).resolution!.exponent).toBeCloseTo(2 * RANGE_K * 0.01 + 0.01, 10);
  });
  it('hold only at the resolution the claim asserts: a coarser measurement is undecided, a refutation stands', () => {
    const asserting = (errors: number[], target: number | Record<string, number>): Claim<number> => ({ ...law(errors), ranges: { levels: [0, 1, 2], target } }) as Claim<number>;
    // resolution 0.07: within a target of 0.1, too coarse for one of 0.05, whichever way the target is written
    expect(check(asserting([0.1, 0.01, 0.001], 0.1), undefined, opts).verdict).toBe('verified');
    for (const target of [0.05, { exponent: 0.05 }]) {
      const coarse = check(asserting([0.1, 0.01, 0.001], target), undefined, opts);
      expect(coarse.verdict).toBe('inconclusive');
      expect(coarse.wanderingCase).toMatchObject({ worstEquation: 'exponent', note: 'exponent: resolution 0.070 is coarser than the claim\'s target 0.05' });
    }
    expect(check(asserting([0.3, 0.2, 0.2], 1e-6), undefined, opts).verdict).toBe('refuted');
  });
  // a measurement biased by 0.03 that states a standard error of 0.05 (found by an adversarial review)
  const stating = (uncertainty: unknown, name = 'exponent'): Claim<number> =>
    toy('toy.stated', { defs: [], equations: [{ name, lhs: 'measured', rhs: '2', scale: '1' }] }, () => ({ scope: { measured: d(2.03) }, uncertainty }) as never, {
      ranges: { levels: [0, 1, 2], target: 1 },
    });
  it('judge a measurement by the uncertainty it states, and refuse one stated wrongly rather than drop it', () => {
    const stated = check(stating({ exponent: 0.05 }), undefined, opts);
    expect(stated).toMatchObject({ verdict: 'verified', resolutionSource: { exponent: 'stated' } });
    expect(stated.resolution!.exponent).toBeCloseTo(2 * RANGE_K * 0.05 + 0.03, 12);
    expect(check(law([0.1, 0.01, 0.001]), undefined, opts).resolutionSource).toEqual({ exponent: 'convergence' });
    expect(check(stating({ constructor: 0.05 }, 'constructor'), undefined, opts).verdict).toBe('verified');
    for (const [u, why] of [
      [{ limt: 0.05 }, /states an uncertainty for 'limt', which is no equation \(exponent\)/],
      [0.05, /must be a record of equation names to numbers, got number/],
      [null, /got null/],
      [{ exponent: -0.05 }, /must be a finite number >= 0, got -0.05/],
      [{ exponent: d(0.05) }, /must be a finite number >= 0, got 0.05/],
    ] as const) {
      const r = check(stating(u), undefined, opts);
      expect(r.verdict).toBe('inconclusive');
      expect(r.errors[0]).toMatch(why);
    }
  });
  it('refuse an error whose unit moves with the range: a growing scale shrinks any error', () => {
    const drifting = toy('toy.drift', { defs: [], equations: [{ name: 'exponent', lhs: 'measured', rhs: '1.3', scale: 'S' }] }, (_x, level) => ({ scope: { measured: d(1), S: d(4).pow(level) } }), {
      ranges: { levels: [0, 1, 2], target: 0.01 },
    });
    const r = check(drifting, undefined, opts);
    expect(r.verdict).toBe('inconclusive');
    expect(r.errors[0]).toBe('equation exponent: its scale moves from 1.00 to 16.0 over the last range levels, neither fixed nor relative to its sides; an error extrapolated over the range needs one unit at the levels it reads');
    // a scale still settling at the first of six levels, steady over the last four, is read
    const settling = toy('toy.settle', { defs: [], equations: [{ name: 'exponent', lhs: 'measured', rhs: '2', scale: 'S' }] }, (_x, level) => ({ scope: { measured: d(2 + 10 ** -(level + 1)), S: d(level < 2 ? 1e-6 : 1) } }), {
      ranges: { levels: [0, 1, 2, 3, 4, 5], target: 0.01 },
    });
    expect(check(settling, undefined, opts).verdict).toBe('verified');
    // a relative error of a quantity falling by decades is one unit
    const falling = toy('toy.fall', { defs: [], equations: [{ name: 'loss', lhs: 'measured', rhs: 'L' }] }, (_x, level) => ({ scope: { measured: d(10).pow(-3 * level).times(1 + 10 ** -(level + 1)), L: d(10).pow(-3 * level) } }), {
      ranges: { levels: [0, 1, 2], target: 0.1 },
    });
    expect(check(falling, undefined, opts).verdict).toBe('verified');
  });
});

describe('automatic mutants', () => {
  it('mutate each kind of node, once each', () => {
    const ms = mutateExpression('a - b + -c * d ^ 2 + e .^ 3 + transpose(M) + 0 * 4');
    const kinds = ms.map((m) => m.mutation);
    expect(kinds[0]).toBe('factor 2 on the whole side');
    expect(kinds[1]).toBe('whole side negated');
    expect(ms[0]!.expr).toBe('2 * (a - b + -c * d ^ 2 + e .^ 3 + transpose(M) + 0 * 4)');
    expect(ms[1]!.expr).toBe('-(a - b + -c * d ^ 2 + e .^ 3 + transpose(M) + 0 * 4)');
    const exprs = ms.map((m) => m.expr);
    expect(exprs).toContain('(a) + (b) + -c * d ^ 2 + e .^ 3 + transpose(M) + 0 * 4');
    expect(exprs).toContain('a + -c * d ^ 2 + e .^ 3 + transpose(M) + 0 * 4');
    expect(exprs).toContain('(a - b) - (-c * d ^ 2) + e .^ 3 + transpose(M) + 0 * 4');
    expect(exprs).toContain('-c * d ^ 2 + e .^ 3 + transpose(M) + 0 * 4');
    expect(exprs).toContain('a - b + c * d ^ 2 + e .^ 3 + transpose(M) + 0 * 4');
    expect(exprs).toContain('a - b + -c * (d) ^ ((2) + (1)) + e .^ 3 + transpose(M) + 0 * 4');
    expect(exprs).toContain('a - b + -c * (d) ^ ((2) + (-1)) + e .^ 3 + transpose(M) + 0 * 4');
    expect(exprs).toContain('a - b + -c * d ^ 2 + (e) .^ ((3) + (1)) + transpose(M) + 0 * 4');
    expect(exprs).toContain('a - b + -c * d ^ 2 + e .^ 3 + M + 0 * 4');
    expect(exprs).toContain('a - b + -c * d ^ 4 + e .^ 3 + transpose(M) + 0 * 4');
    expect(exprs).toContain('a - b + -c * d ^ 1 + e .^ 3 + transpose(M) + 0 * 4');
    expect(exprs).toContain('a - b + -c * d ^ 2 + e .^ 3 + transpose(M) + 0 * 8');
    expect(exprs).toContain('a - b + -c * d ^ 2 + e .^ 3 + transpose(M) + 0 * 2');
    // the constant 0 is left alone
    // each constant and power named with the expression around it (the same 2 may occur twice)
    expect(kinds.filter((k) => k.startsWith('constant')).map((k) => k.split(':')[1]!.trim()).sort()).toEqual([
      '2 -> 1 in d ^ 2', '2 -> 4 in d ^ 2', '3 -> 1.5 in e .^ 3', '3 -> 6 in e .^ 3', '4 -> 2 in 0 * 4', '4 -> 8 in 0 * 4',
    ]);
    expect(kinds).toContain('term dropped: a - b -> a');
    expect(kinds).toContain('sign flipped: a - b -> a + (b)');
    expect(kinds).toContain('sign flipped: -c -> c');
    expect(kinds).toContain('exponent +1: d ^ 2 in -c * d ^ 2');
    expect(kinds).toContain('exponent -1: e .^ 3 in a - b + -c * d ^ 2 + e .^ 3');
    expect(kinds).toContain('transpose removed (indices swapped): transpose(M)');
    // a subtraction has one term to drop, a sum two
    expect(kinds.filter((k) => k.startsWith('term dropped: a - b ->'))).toHaveLength(1);
    expect(ms).toHaveLength(28);
    expect(new Set(exprs).size).toBe(exprs.length);
    // inside a law's regimes, every mutation names the condition or the value it changes
    const regimes = mutateExpression('(x > 1) ? (x + 1) : ((x < -1) ? (x + 1) : 2 * x)').map((m) => m.mutation);
    expect(regimes).toContain('constant doubled: 1 -> 2 in the condition x > 1');
    expect(regimes).toContain('term dropped: x + 1 -> x in the value x + 1');
    expect(regimes).toContain('constant halved: 2 -> 1 in 2 * x');
    expect(regimes).toContain('sign flipped: -1 -> 1 in the condition x < -1');
  });
  it('reach definitions through the equations, transitively; skip the literal 0 and its trivial rescalings', () => {
    // 'unit' is read only by the residual's scale: the tolerance's unit, not the statement
    const enc: Encoding = { defs: [['u', 'x + 1'], ['v', 'u * 2'], ['dead', 'x - 1'], ['unit', 'abs(x) + 1']], equations: [{ name: 'q', lhs: 'v + 1', rhs: '0', scale: 'unit' }] };
    expect([...liveDefs(enc)].sort()).toEqual(['u', 'v', 'x']);
    const ms = mutantsOf(enc);
    expect(new Set(ms.map((m) => m.site))).toEqual(new Set(['def u', 'def v', 'eq q.lhs']));
    const lhs = ms.filter((m) => m.site === 'eq q.lhs').map((m) => m.mutation);
    expect(lhs).not.toContain('factor 2 on the whole side');
    expect(lhs).not.toContain('whole side negated');
    expect(lhs).toContain('constant doubled: 1 -> 2');
    expect(lhs).toContain('term dropped: v + 1 -> v');
    const m0 = ms.find((m) => m.site === 'def u')!;
    expect(m0.variant).toEqual({ name: `mutant: def u: ${m0.mutation}`, defs: { u: '2 * (x + 1)' } });
    const eq = mutantsOf({ defs: [], equations: [{ name: 'q', lhs: 'x', rhs: 'y' }] });
    expect(eq.map((m) => `${m.site} ${m.mutation}`)).toEqual(['eq q.lhs factor 2 on the whole side', 'eq q.lhs whole side negated', 'eq q.rhs factor 2 on the whole side', 'eq q.rhs whole side negated']);
    expect(eq[2]!.variant).toEqual({ name: 'mutant: q.rhs: factor 2 on the whole side', equations: { q: { rhs: '2 * (y)' } } });
  });
  it('are refuted, equivalent, ill-formed or survivors, each for its reason', () => {
    // y = x + x against 2 x: 'def y' mutants are refuted; a mutant of the symbolic-only equation 'z' survives numerically
    const c = toy('toy.mut', { defs: [['y', 'x + x']], equations: [{ name: 'double', lhs: 'y', rhs: '2 * x' }, { name: 'cube', lhs: 'x ^ 3', rhs: 'x * x * x', scale: '1' }] }, exact, {
      symbolic: { scopes: () => [{ x: 'x' }] },
    });
    const res = mutationAnalysis(c, { ...opts, runs: 4 });
    expect(res).toHaveLength(mutantsOf(c.encoding).length);
    const bySite = (site: string) => res.filter((m) => m.site === site);
    expect(bySite('def y').every((m) => m.status === 'refuted')).toBe(true);
    expect(bySite('eq cube.lhs').every((m) => m.status === 'refuted')).toBe(true);
    const runs = runClaim(c, { ...opts, runs: 4, mutants: true });
    expect(runs.mutants).toEqual(res);

    // a mutant that cannot be evaluated (m m with m 2 x 3) is ill-formed, with the error
    const gram = toy('toy.gram', { defs: [], equations: [{ name: 'q', lhs: 'transpose(m) * m', rhs: 'g' }] }, (x) => {
      const m = [[x, 1, 2], [3, 4, x]];
      const g = [0, 1, 2].map((i) => [0, 1, 2].map((j) => d(m[0]![i]! * m[0]![j]! + m[1]![i]! * m[1]![j]!)));
      return { scope: { m: m.map((r) => r.map((v) => d(v))), g } };
    });
    const gres = mutationAnalysis(gram, { ...opts, runs: 3 });
    const removed = gres.find((m) => m.mutation.startsWith('transpose removed'))!;
    expect(removed.status).toBe('invalid');
    expect(removed.note).toMatch(/dimension/i);

    // mutants that change nothing on the domain (z = 0 y): equivalent when the symbols show it, survivors (and said to be) when not
    const eqv = toy('toy.eqv', { defs: [['z', '0 * y']], equations: [{ name: 'q', lhs: 'x - z', rhs: 'x' }] }, (x) => ({ scope: { x: d(x), y: d(x + 1) } }), {
      symbolic: { scopes: () => [{ x: 'x', y: 'y', z: '0' }] },
    });
    const eres = mutationAnalysis(eqv, { ...opts, runs: 3 });
    const at = (site: string, mutation: string) => eres.find((m) => m.site === site && m.mutation.startsWith(mutation))!;
    expect(at('eq q.lhs', 'sign flipped')).toEqual({ site: 'eq q.lhs', mutation: 'sign flipped: x - z -> x + (z)', status: 'equivalent', how: 'symbolic', note: 'reduces to zero symbolically, like the original' });
    expect(at('eq q.lhs', 'whole side negated').status).toBe('refuted');
    // z is bound in every symbolic scope: rescaled there, the equation still reduces to zero
    expect(at('def z', 'factor 2 on the whole side')).toMatchObject({ status: 'equivalent', how: 'symbolic', note: 'the equations reading z reduce to zero with z rescaled' });
    // a survivor that did not hold says what it did
    const never = toy('toy.never', double, () => ({ scope: {}, degenerate: 'always' }));
    expect(mutationAnalysis(never, { ...opts, runs: 2 })[0]).toMatchObject({ status: 'survived', note: 'inconclusive (degenerate)' });
  });
  it('are shown equivalent by the structure of the inputs, by homogeneity, or by the claim\'s own reason; no number is ill-formed', () => {
    // A = transpose(B) with B = S + S^T symmetric: removing the transpose keeps A's value, on the stand-ins
    const sq = (x: number) => {
      const S = [[x, 1], [2, x + 3]];
      return { scope: { S: S.map((r) => r.map(d)), V: [[1, 2], [3, 4]].map((r) => r.map((v) => d(v * x))) } };
    };
    const symm = toy('toy.sym', { defs: [['B', 'S + transpose(S)'], ['A', 'transpose(B)']], equations: [{ name: 'q', lhs: 'V * A', rhs: 'V * (S + transpose(S))' }] }, sq, {
      structure: () => [{ B: sym.symmetric('b', 2), V: sym.matrix('v', 2, 2) }],
      equivalentMutants: [{ site: 'def B', kinds: ['transpose removed'], why: 'toy: explained on purpose' }, { site: 'eq q.rhs', kinds: ['whole side negated'], why: 'a wrong explanation' }],
    });
    const res = mutationAnalysis(symm, { ...opts, runs: 3 });
    const at = (site: string, mutation: string) => res.find((m) => m.site === site && m.mutation.startsWith(mutation))!;
    expect(at('def A', 'transpose removed')).toMatchObject({ status: 'equivalent', how: 'symbolic', note: 'A keeps its value on symbolic inputs' });
    // S + S is not S + S^T: an explanation does not save a mutant that is refuted
    expect(at('def B', 'transpose removed').status).toBe('refuted');
    expect(at('eq q.rhs', 'whole side negated').status).toBe('refuted');
    // the same mutant, holding only because the drawn S is symmetric, takes the claim's reason
    const symDomain = toy('toy.symdom', symm.encoding, (x) => ({ scope: { S: [[d(x), d(1)], [d(1), d(x)]], V: [[d(1), d(0)], [d(0), d(1)]] } }), { equivalentMutants: symm.equivalentMutants });
    expect(mutationAnalysis(symDomain, { ...opts, runs: 3 }).find((m) => m.site === 'def B' && m.mutation.startsWith('transpose removed'))).toMatchObject({ status: 'equivalent', how: 'explained', note: 'toy: explained on purpose' });

    // c^T A c = 0 for antisymmetric A, for every c: c's rescaled mutants are equivalent by homogeneity
    const quad = toy('toy.quad', { defs: [['c', 'transpose(U) * e'], ['A', 'K - transpose(K)']], equations: [{ name: 'q', lhs: 'dot(c, A * c)', rhs: '0', scale: '1 + dot(c, c)' }] }, (x) => ({
      scope: { U: [[d(1), d(x)], [d(0), d(1)]], e: [d(x), d(2)], K: [[d(x), d(3)], [d(5), d(1)]] },
    }), { symbolic: { scopes: () => [{ c: sym.vector('c', 3), A: sym.antisymmetric('a', 3) }] } });
    const qres = mutationAnalysis(quad, { ...opts, runs: 3 });
    expect(qres.find((m) => m.site === 'def c' && m.mutation === 'whole side negated')).toMatchObject({ status: 'equivalent', how: 'symbolic', note: 'the equations reading c reduce to zero with c rescaled' });
    // c = U e holds too (any c does), but the symbols do not see it: a survivor, and said to be one
    expect(qres.find((m) => m.site === 'def c' && m.mutation.startsWith('transpose removed'))).toMatchObject({ status: 'survived', note: 'holds on every drawn case: equivalent on this domain, or a blind spot' });

    // y feeds only z, which the symbolic scope binds: the symbolic proof never evaluates y's mutants
    const cut = toy('toy.cut', { defs: [['y', 'x + 1'], ['z', '0 * y']], equations: [{ name: 'q', lhs: 'x + z', rhs: 'x' }] }, exact, { symbolic: { scopes: () => [{ x: 'x', z: '0' }] } });
    expect(liveDefs(cut.encoding, cut.encoding.equations, new Set(['x', 'z'])).has('y')).toBe(false);
    expect(mutationAnalysis(cut, { ...opts, runs: 3 }).find((m) => m.site === 'def y' && m.mutation === 'factor 2 on the whole side')).toMatchObject({ status: 'survived' });

    // a side that is no number on the domain states nothing there: ill-formed
    const nan = toy('toy.nanmut', { defs: [], equations: [{ name: 'q', lhs: 'x - 2000 < 0 ? x : 0 / 0', rhs: 'x' }] }, exact);
    expect(mutationAnalysis(nan, { ...opts, runs: 3 }).find((m) => m.mutation.startsWith('sign flipped'))).toMatchObject({ status: 'invalid', note: expect.stringMatching(/is not a real number/) });
  });
});

describe('exponent models', () => {
  const model: LawModel = {
    name: 'toy',
    description: 'toy',
    source: 'none',
    params: [
      { name: 'a', meaning: 'a' },
      { name: 'b', meaning: 'b' },
    ],
    domain: [{ when: 'a > 0', message: 'a must be positive' }],
    keys: [
      { key: 'nu', meaning: 'nu' },
      { key: 'loss.time', meaning: 'loss' },
      { key: 'loss.size', meaning: 'size' },
    ],
    derived: { nu: 'b / a', 'loss.size': 'nu + 1' },
    regimes: [
      { name: 'low', description: 'b < 1', when: 'b < 1', formulas: { 'loss.time': '2 * nu' } },
      { name: 'high', description: 'b >= 1', when: 'b >= 1 and b < 10', formulas: { 'loss.time': 'nu ^ 2', 'loss.size': 'sqrt(nu - 1)' } },
    ],
    excluded: [{ when: 'b == 5', why: 'b = 5 is a resonance' }],
  };
  it('substitute other keys into a formula, regime by regime', () => {
    expect(formulaOf(model, 'low', 'loss.time')).toBe('2 * b / a');
    expect(formulaOf(model, 'high', 'loss.size')).toBe('sqrt(b / a - 1)');
    expect(formulaOf(model, 'low', 'loss.size')).toBe('b / a + 1');
    expect(() => formulaOf(model, 'mid', 'nu')).toThrow('model toy: no regime mid');
    expect(() => formulaOf(model, 'low', 'nope')).toThrow('no formula for nope');
    const cyclic: LawModel = { ...model, derived: { nu: 'mu', mu: 'nu' } };
    expect(() => formulaOf(cyclic, 'low', 'nu')).toThrow('formulas refer to each other in a cycle: nu -> mu -> nu');
  });
  it('evaluate in the regime that applies, nesting dotted keys', () => {
    const r = evaluateLaws(model, { a: 2, b: 0.5 });
    expect(r).toMatchObject({ model: 'toy', regime: 'low', regimeDescription: 'b < 1', params: { a: 2, b: 0.5 } });
    expect(r.exponents).toEqual({ nu: 0.25, 'loss.time': 0.5, 'loss.size': 1.25 });
    expect(Object.keys(r.formulas)).toEqual(['nu', 'loss.time', 'loss.size']);
    expect(r.latex.nu).toMatch(/frac/);
    expect(evaluateLaws(model, { a: 1, b: 2 }).exponents).toEqual({ nu: 2, 'loss.time': 4, 'loss.size': 1 });
    expect(nest(r.exponents)).toEqual({ nu: 0.25, loss: { time: 0.5, size: 1.25 } });
    expect(nest({ 'a.b.c': 1, 'a.d': 2 })).toEqual({ a: { b: { c: 1 }, d: 2 } });
  });
  it('refuse, each with its own message, what no regime covers', () => {
    const refusal = (p: Record<string, number>): string => {
      try {
        evaluateLaws(model, p);
      } catch (e) {
        expect(e).toBeInstanceOf(LawError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refusal({ a: 1 })).toBe('model toy: missing parameter --b (b)');
    expect(refusal({ a: 1, b: 2, c: 3 })).toBe('model toy: unknown parameter --c (parameters: a, b)');
    expect(refusal({ a: 1, b: Infinity })).toBe('model toy: --b must be a finite number');
    expect(refusal({ a: -1, b: 2 })).toBe('model toy: a must be positive');
    expect(refusal({ a: 1, b: 5 })).toBe('model toy: no regime applies: b = 5 is a resonance');
    expect(refusal({ a: 1, b: 10 })).toBe("model toy: no regime's derivation covers these parameters");
    // sqrt(nu - 1) of a negative number: not a finite real
    expect(refusal({ a: 4, b: 2 })).toBe('model toy: loss.size is not finite at these parameters');
  });
});
