/**
 * The runner's bookkeeping and the automatic mutants' statuses, on toy claims whose every case
 * is known: what is counted while a refutation shrinks, the largest residual, the degenerate
 * majority rule at its boundary, how many cases variants and mutants get, and which route
 * (symbolic, numeric, explained) decides a mutant, equation by equation and scope by scope.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import type { Claim, Encoding } from '../../src/core/claim.js';
import { toyClaim, type Build } from './toy.js';
import { mutantsOf, mutateExpression } from '../../src/core/mutants.js';
import type { SymScope } from '../../src/symbolic/symbolic.js';
import { check, mutationAnalysis, runClaim } from '../../src/core/runner.js';

const d = (x: number): Decimal => new Decimal(x);
const exact = (x: number) => ({ scope: { x: d(x) } });
const opts = { seed: 7, digits: 20 };

function toy(id: string, enc: Encoding, build: Build, extra: Parameters<typeof toyClaim>[3] = {}): Claim<number> {
  return toyClaim(id, enc, build, extra, 1_000_000);
}

/** x + 1 = x from x = 100 on (residual 1/(x + 1)); the instance logs each case's x at the lower precision */
function fromHundred(log: number[]): Claim<number> {
  return toy('toy.hundred', { defs: [], equations: [{ name: 'q', lhs: 'x < 100 ? x : x + 1', rhs: 'x' }] }, (x, digits) => {
    if (digits === 20) log.push(x);
    return exact(x);
  });
}

describe('the runner while a refutation shrinks', () => {
  it('counts only the cases before the shrink, and the worst residual is theirs', () => {
    const log: number[] = [];
    const r = check(fromHundred(log), undefined, { ...opts, runs: 20 });
    expect(r.numeric).toBe('fails');
    const first = log.findIndex((x) => x >= 100);
    expect(first).toBeGreaterThanOrEqual(0);
    // the shrink evaluated more cases after the first failure, none of them counted
    expect(log.length).toBeGreaterThan(first + 1);
    expect(r.runs).toBe(first + 1);
    expect(r.maxResidual[40]).toBe(d(1).div(log[first]! + 1).toSignificantDigits(4).toExponential());
  });

  it('shrinks 12 steps by default, as many as asked otherwise, none with 0', () => {
    const log: number[] = [];
    const none = check(fromHundred(log), undefined, { ...opts, maxShrinks: 0 });
    const firstFailing = log.find((x) => x >= 100)!;
    expect(none.counterexample?.params).toBe(firstFailing);
    const byDefault = check(fromHundred([]), undefined, opts).counterexample!.params as number;
    const full = check(fromHundred([]), undefined, { ...opts, maxShrinks: 1000 }).counterexample!.params as number;
    // the smallest failing case needs more than 12 steps down from a draw near 10^5
    expect(firstFailing).toBeGreaterThan(10_000);
    expect(full).toBe(100);
    expect(byDefault).toBeGreaterThan(100);
    expect(byDefault).toBeLessThan(firstFailing);
  });
});

describe('the runner\'s bookkeeping', () => {
  it('keeps the largest residual of any case, not the last one', () => {
    const xs: number[] = [];
    // residual 1/x at both range levels: within the tolerance and not shrinking (undecided), so every case counts
    const spread = toy('toy.spread', { defs: [], equations: [{ name: 'q', lhs: 'x + 1', rhs: 'x', scale: 'x' }] }, (x, level) => {
      if (level === 0) xs.push(x);
      return exact(x);
    }, { ranges: { levels: [0, 1], target: 1 } });
    // seed 8 draws its smallest x third of eight
    const r = check(spread, undefined, { ...opts, seed: 8, runs: 8 });
    expect(xs).toHaveLength(8);
    // the smallest x (largest residual) is not the last draw: a rule keeping the last would differ
    expect(xs[7]).not.toBe(Math.min(...xs));
    const worst = d(1).div(Math.min(...xs)).toSignificantDigits(4).toExponential();
    expect(r.maxResidual).toEqual({ 0: worst, 1: worst });
  });

  it('a floor named for one equation holds that one alone to it', () => {
    // both errors stalled at 0.03: only a floor of 0.03 or more covers them
    const enc: Encoding = { defs: [], equations: [{ name: 'p', lhs: 'a', rhs: '0', scale: '1' }, { name: 'q', lhs: 'b', rhs: '0', scale: '1' }] };
    const build = () => ({ scope: { a: d(0.03), b: d(0.03) } });
    const ranged = (floor: number | Record<string, number>) => toy('toy.floor', enc, build, { ranges: { levels: [0, 1, 2], target: 1, floor: { value: floor, why: 'bias' } } });
    const onQ = check(ranged({ q: 0.05 }), undefined, { ...opts, runs: 2 });
    expect(onQ.numeric).toBe('fails');
    expect(onQ.resolutionSource).toMatchObject({ q: 'floor' });
    expect(onQ.resolution?.q).toBeCloseTo(0.13, 12);
    const onBoth = check(ranged({ p: 0.05, q: 0.05 }), undefined, { ...opts, runs: 2 });
    expect(onBoth.numeric).toBe('holds');
    expect(check(ranged(0.05), undefined, { ...opts, runs: 2 }).resolution).toEqual(onBoth.resolution);
  });

  it('half the cases degenerate still decides (a majority is needed to leave it undecided); no case at all decides nothing', () => {
    let k = 0;
    // every second case degenerate: exactly 3 of 6
    const half = toy('toy.half', { defs: [['y', 'x + x']], equations: [{ name: 'q', lhs: 'y', rhs: '2 * x' }] }, (x, digits) => {
      if (digits === 20) k++;
      return k % 2 === 0 ? { scope: {}, degenerate: 'even case' } : exact(x);
    });
    expect(check(half, undefined, opts)).toMatchObject({ runs: 6, degenerate: 3, numeric: 'holds', verdict: 'verified' });
    const none = check(half, undefined, { ...opts, runs: 0 });
    expect(none).toMatchObject({ runs: 0, numeric: 'degenerate', verdict: 'inconclusive' });
    expect(none.maxResidual).toEqual({ 20: 'n/a', 40: 'n/a' });
  });

  it('variants run the asked number of cases, else the claim\'s own, and the duration is measured, not summed', () => {
    const enc: Encoding = { defs: [['y', 'x + x']], equations: [{ name: 'q', lhs: 'y', rhs: '2 * x' }] };
    const same = [{ name: 'same', equations: { q: { rhs: 'x + x' } } }];
    const noRuns = { ...toy('toy.v1', enc, exact, { variants: same }), runs: undefined };
    const t0 = performance.now();
    const r = runClaim(noRuns, { ...opts, runs: 3 });
    const elapsed = performance.now() - t0;
    expect(r.runs).toBe(3);
    expect(r.variants[0]!.runs).toBe(3);
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(r.durationMs).toBeLessThanOrEqual(Math.ceil(elapsed) + 1);
    expect(runClaim(toy('toy.v2', enc, exact, { variants: same, runs: 5 }), opts).variants[0]!.runs).toBe(5);
  });

  it('mutants run the asked number of cases up to 12', () => {
    let calls = 0;
    // every mutant of y is refuted at its first case; z's mutants hold: all their cases run
    const c = toy('toy.mcount', { defs: [['z', 'x - x']], equations: [{ name: 'q', lhs: 'z * z', rhs: '0', scale: '1' }] }, (x) => {
      calls++;
      return exact(x);
    });
    const count = (runs: number | undefined): number => {
      calls = 0;
      mutationAnalysis({ ...c, runs: undefined }, { ...opts, runs });
      return calls;
    };
    const mutants = mutantsOf(c.encoding).length;
    // two precisions a case; the mutants of 'x - x' that stay 0 (or 0 squared) hold on every case
    const perCase = 2;
    const holding = mutationAnalysis(c, { ...opts, runs: 3 }).filter((m) => m.status !== 'refuted').length;
    expect(holding).toBeGreaterThan(0);
    expect(count(3)).toBeLessThanOrEqual(mutants * 3 * perCase);
    expect(count(3)).toBeGreaterThanOrEqual(holding * 3 * perCase);
    expect(count(100)).toBeGreaterThanOrEqual(holding * 12 * perCase);
    expect(count(100)).toBeLessThanOrEqual(mutants * 12 * perCase);
    expect(count(undefined)).toBe(count(100));
    // unasked, at most the claim's own number of cases (a claim whose case is a whole measurement)
    const own = (runs: number): number => {
      calls = 0;
      mutationAnalysis({ ...c, runs }, opts);
      return calls;
    };
    expect(own(1)).toBe(count(1));
    expect(own(1)).toBeLessThan(count(3));
    expect(own(40)).toBe(count(100));
  });
});

describe('automatic mutants: which route decides', () => {
  it('equations the symbolic proof does not decide: their mutants, and definitions only they read, are survivors', () => {
    // p is proved; r = (D - D)^2 holds for any D, but only numerically
    const c = toy('toy.route', { defs: [['D', 'x * x + 1']], equations: [{ name: 'p', lhs: 'x + x', rhs: '2 * x' }, { name: 'r', lhs: '(D - D) ^ 2', rhs: '0', scale: '1' }, { name: 'zz', lhs: '(x - x) ^ 2', rhs: '0', scale: '1' }] }, exact, {
      symbolic: { scopes: () => [{ x: 'x' }], equations: ['p', 'zz'] },
    });
    const res = mutationAnalysis(c, { ...opts, runs: 3 });
    const at = (site: string, mutation: string) => res.find((m) => m.site === site && m.mutation.startsWith(mutation))!;
    const survivor = { status: 'survived', note: 'holds on every drawn case: equivalent on this domain, or a blind spot' };
    expect(at('def D', 'constant doubled')).toEqual({ site: 'def D', mutation: 'constant doubled: 1 -> 2', ...survivor });
    expect(at('def D', 'factor 2 on the whole side')).toMatchObject(survivor);
    expect(at('eq r.lhs', 'exponent +1')).toEqual({ site: 'eq r.lhs', mutation: 'exponent +1: (D - D) ^ 2', ...survivor });
    expect(at('eq r.lhs', 'sign flipped').status).toBe('refuted');
    // the same mutant of an equation the proof decides (named zz: the whole name counts) is equivalent
    expect(at('eq zz.lhs', 'exponent +1')).toEqual({ site: 'eq zz.lhs', mutation: 'exponent +1: (x - x) ^ 2', status: 'equivalent', how: 'symbolic', note: 'reduces to zero symbolically, like the original' });
  });

  it('a definition counts as evaluated where one scope leaves it unbound, through the equations it feeds', () => {
    const enc: Encoding = { defs: [['D', 'x * x + 1']], equations: [{ name: 'q', lhs: '(D - D) ^ 2', rhs: '0', scale: '1' }] };
    const reduced = { status: 'equivalent', how: 'symbolic', note: 'reduces to zero symbolically, like the original' };
    const doubled = (c: Claim<number>) => mutationAnalysis(c, { ...opts, runs: 3 }).find((m) => m.site === 'def D' && m.mutation.startsWith('constant doubled'));
    // every equation decided (no list), D evaluated in the only scope
    expect(doubled(toy('toy.ev1', enc, exact, { symbolic: { scopes: () => [{ x: 'x' }] } }))).toMatchObject(reduced);
    // D bound in the first scope, evaluated in the second: evaluated
    expect(doubled(toy('toy.ev2', enc, exact, { symbolic: { scopes: (): SymScope[] => [{ x: 'x', D: 'd' }, { x: 'x' }] } }))).toMatchObject(reduced);
    // bound in every scope: never evaluated, and 2x^2 + 2 is not x^2 + 1: a survivor
    expect(doubled(toy('toy.ev3', enc, exact, { symbolic: { scopes: () => [{ x: 'x', D: 'd' }] } }))).toMatchObject({ status: 'survived' });
    // no symbolic route at all: no scope shows anything, rescalings included
    const bare = mutationAnalysis(toy('toy.ev4', enc, exact), { ...opts, runs: 3 });
    const ds = bare.filter((m) => m.site === 'def D');
    expect(ds.map((m) => m.mutation)).toContain('factor 2 on the whole side');
    expect(ds.map((m) => m.status)).toEqual(ds.map(() => 'survived'));
  });

  it('a mutant the numbers refute and the symbols prove (a conflict) is refuted', () => {
    // y stands for 2x in the symbolic scope: every mutant of y is proved there and refuted by the numbers
    const c = toy('toy.conflict', { defs: [['y', 'x + x']], equations: [{ name: 'q', lhs: 'y', rhs: '2 * x' }] }, exact, { symbolic: { scopes: () => [{ x: 'x', y: '2 * x' }] } });
    const ys = mutationAnalysis(c, { ...opts, runs: 3 }).filter((m) => m.site === 'def y');
    expect(ys.length).toBeGreaterThan(0);
    expect(ys.every((m) => m.status === 'refuted')).toBe(true);
  });

  it('a mutant whose residual wanders, with numbers throughout, is a survivor that says so', () => {
    // eps = 10^(-digits/4) x: x + eps - eps is exact, a mutant keeping one eps falls too slowly to hold
    const slow = toy('toy.slowmut', { defs: [], equations: [{ name: 'q', lhs: 'x + eps - eps', rhs: 'x' }] }, (x, digits) => ({ scope: { x: d(x), eps: d(10).pow(-digits / 4).mul(x) } }));
    const res = mutationAnalysis(slow, { ...opts, runs: 3 });
    expect(res.find((m) => m.mutation === 'term dropped: x + eps - eps -> x + eps')).toEqual({ site: 'eq q.lhs', mutation: 'term dropped: x + eps - eps -> x + eps', status: 'survived', note: 'inconclusive (wanders)' });
  });
});

describe('automatic mutants of an expression, exactly', () => {
  it('a sum: its sign and each of its two terms; a power: the exponent up and down', () => {
    expect(mutateExpression('a + b')).toEqual([
      { mutation: 'factor 2 on the whole side', expr: '2 * (a + b)' },
      { mutation: 'whole side negated', expr: '-(a + b)' },
      { mutation: 'sign flipped: a + b -> a - (b)', expr: '(a) - (b)' },
      { mutation: 'term dropped: a + b -> a', expr: 'a' },
      { mutation: 'term dropped: a + b -> b', expr: 'b' },
    ]);
    expect(mutateExpression('x ^ 3').slice(2)).toEqual([
      { mutation: 'exponent +1: x ^ 3', expr: '(x) ^ ((3) + (1))' },
      { mutation: 'exponent -1: x ^ 3', expr: '(x) ^ ((3) + (-1))' },
      { mutation: 'constant doubled: 3 -> 6', expr: 'x ^ 6' },
      { mutation: 'constant halved: 3 -> 1.5', expr: 'x ^ 1.5' },
    ]);
  });

  it('leave alone functions other than transpose, constants that are not numbers, and the constant 0', () => {
    const whole = (e: string) => [`2 * (${e})`, `-(${e})`];
    expect(mutateExpression('sqrt(x)').map((m) => m.expr)).toEqual(whole('sqrt(x)'));
    expect(mutateExpression('x == true').map((m) => m.expr)).toEqual(whole('x == true'));
    expect(mutateExpression('concat(x, "ab")').map((m) => m.expr)).toEqual(whole('concat(x, "ab")'));
    expect(mutateExpression('0 * x').map((m) => m.expr)).toEqual(whole('0 * x'));
  });

  it('name a regime\'s condition as written, its own parentheses only removed', () => {
    expect(mutateExpression('(a + 1) * (b - 2) ? a : b').map((m) => m.mutation)).toContain('constant doubled: 1 -> 2 in the condition (a + 1) * (b - 2)');
    expect(mutateExpression('(a * (b + 1) > 2) ? a : b').map((m) => m.mutation)).toContain('constant doubled: 1 -> 2 in the condition a * (b + 1) > 2');
    expect(mutateExpression('(a + 1) * b > 2 ? a : b').map((m) => m.mutation)).toContain('constant halved: 1 -> 0.5 in the condition (a + 1) * b > 2');
  });

  it('a side that is 0 (spaces aside) is not mutated, nor is the other side rescaled as a whole', () => {
    const sites = (lhs: string, rhs: string) => mutantsOf({ defs: [], equations: [{ name: 'q', lhs, rhs }] }).map((m) => `${m.site}: ${m.mutation}`);
    expect(sites(' 0 ', 'x + y')).toEqual(['eq q.rhs: sign flipped: x + y -> x - (y)', 'eq q.rhs: term dropped: x + y -> x', 'eq q.rhs: term dropped: x + y -> y']);
    expect(sites('x + y', '0 ')).toEqual(['eq q.lhs: sign flipped: x + y -> x - (y)', 'eq q.lhs: term dropped: x + y -> x', 'eq q.lhs: term dropped: x + y -> y']);
    expect(sites('x', 'y')).toEqual(['eq q.lhs: factor 2 on the whole side', 'eq q.lhs: whole side negated', 'eq q.rhs: factor 2 on the whole side', 'eq q.rhs: whole side negated']);
  });
});
