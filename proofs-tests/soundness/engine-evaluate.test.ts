/**
 * The symbolic side of src/core/evaluate.ts, rule by rule: what an equation the CAS cannot
 * settle, a definition the symbolic evaluator refuses (Unsupported) and one that is malformed
 * (any other error) each do to a decision; the memo of decisions and of compiled expressions;
 * and the two questions the mutation analysis asks of a definition mutant (sameValue,
 * homogeneousIn). Everything is computed inside `it` (StrykerJS runs tests one by one).
 */
import { describe, expect, it, vi } from 'vitest';
import { Decimal } from 'decimal.js';
import type { Encoding } from '../../src/core/claim.js';
import { homogeneousIn, residuals, sameValue, symbolicDecision } from '../../src/core/evaluate.js';
import { compile } from '../../src/symbolic/numeric.js';
import { decideZero, sym } from '../../src/symbolic/symbolic.js';

// count the work behind each answer: the real functions, observed
vi.mock('../../src/symbolic/symbolic.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/symbolic/symbolic.js')>();
  return { ...orig, decideZero: vi.fn(orig.decideZero) };
});
vi.mock('../../src/symbolic/numeric.js', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/symbolic/numeric.js')>();
  return { ...orig, compile: vi.fn(orig.compile) };
});

const d = (x: number | string) => new Decimal(x);
const decisionsMade = () => vi.mocked(decideZero).mock.calls.length;
const compilations = (expr: string) => vi.mocked(compile).mock.calls.filter(([, e]) => e === expr).length;
/** A token no earlier run has used: the memos live as long as the module, whatever runs the tests. */
const fresh = () => `${process.pid}${process.hrtime.bigint() % 1_000_000_000n}`;

describe('symbolicDecision: what each equation and definition does to the decision', () => {
  it('an equation the CAS cannot settle leaves the decision undecided, never zero; nonzero still wins', () => {
    // |a| = a is no identity (false for a < 0) but true at every positive probe: undecided, not guessed
    const enc: Encoding = {
      defs: [],
      equations: [
        { name: 'comm', lhs: 'a + b', rhs: 'b + a' },
        { name: 'abs', lhs: 'abs(a)', rhs: 'a' },
        { name: 'wrong', lhs: 'a', rhs: '2 * a' },
      ],
    };
    const scopes = [{ a: 'a', b: 'b' }];
    expect(symbolicDecision(enc, scopes, ['comm'])).toBe('zero');
    expect(symbolicDecision(enc, scopes, ['abs'])).toBe('undecided');
    expect(symbolicDecision(enc, scopes, ['comm', 'abs'])).toBe('undecided');
    expect(symbolicDecision(enc, scopes, ['abs', 'comm'])).toBe('undecided');
    // a nonzero equation after an undecided one still refutes
    expect(symbolicDecision(enc, scopes)).toBe('nonzero');
    // over scopes: one undecided scope beside zero ones is undecided
    const one: Encoding = { defs: [], equations: [{ name: 'abs', lhs: 'abs(a)', rhs: 'a' }] };
    expect(symbolicDecision(one, [{ a: 'x^2' }])).toBe('zero');
    expect(symbolicDecision(one, [{ a: 'x^2' }, { a: 'y' }])).toBe('undecided');
    expect(symbolicDecision(one, [{ a: 'y' }, { a: 'x^2' }])).toBe('undecided');
  });

  it('no symbolic scope at all decides nothing', () => {
    const enc: Encoding = { defs: [], equations: [{ name: 'q', lhs: 'a', rhs: 'a' }] };
    expect(symbolicDecision(enc, [])).toBe('undecided');
    expect(symbolicDecision(enc, [], ['q'])).toBe('undecided');
  });

  it('a definition the symbolic evaluator refuses stays unbound: only equations that read it are undecided', () => {
    // A ^ 2 is a matrix power and x / M a division by a matrix: both Unsupported
    const enc: Encoding = {
      defs: [['P', 'A ^ 2'], ['Q', 'x / M'], ['s', 'a + a']],
      equations: [
        { name: 'dbl', lhs: 's', rhs: '2 * a' },
        { name: 'pow', lhs: 'P', rhs: 'A * A' },
        { name: 'div', lhs: 'Q', rhs: 'Q' },
      ],
    };
    const scopes = [{ a: 'a', x: 'x', A: sym.matrix('p', 2, 2), M: sym.matrix('m', 2, 2) }];
    expect(symbolicDecision(enc, scopes, ['dbl'])).toBe('zero');
    expect(symbolicDecision(enc, scopes, ['pow'])).toBe('undecided');
    expect(symbolicDecision(enc, scopes, ['div'])).toBe('undecided');
    expect(symbolicDecision(enc, scopes)).toBe('undecided');
    // the refused definition named in the scope stands for it and is decided
    expect(symbolicDecision(enc, [{ ...scopes[0]!, P: sym.matrix('q', 2, 2), Q: sym.matrix('r', 2, 2) }], ['dbl', 'div'])).toBe('zero');
  });

  it('a malformed definition (an error other than Unsupported) is no symbolic statement at all, even for equations that do not read it', () => {
    const enc: Encoding = { defs: [['bad', '1 +'], ['s', 'a + a']], equations: [{ name: 'dbl', lhs: 's', rhs: '2 * a' }] };
    expect(symbolicDecision(enc, [{ a: 'a' }])).toBe('undecided');
    // the same encoding without it decides
    expect(symbolicDecision({ ...enc, defs: [['s', 'a + a']] }, [{ a: 'a' }])).toBe('zero');
  });

  it('is memoised on what it reads: a repeat, or a change outside the equations decided, decides nothing anew', () => {
    const enc: Encoding = {
      defs: [['s', 'u + v']],
      equations: [
        { name: 'sym', lhs: 's', rhs: 'v + u' },
        { name: 'free', lhs: 'u', rhs: 'u' },
      ],
    };
    const id = fresh();
    const scopes = [{ u: `u${id}`, v: 'v' }];
    const before = decisionsMade();
    expect(symbolicDecision(enc, scopes, ['sym'])).toBe('zero');
    const first = decisionsMade();
    expect(first).toBeGreaterThan(before);
    expect(symbolicDecision(enc, scopes, ['sym'])).toBe('zero');
    expect(decisionsMade()).toBe(first);
    // an equal encoding built anew, with the equation outside the proof changed (even broken): the same decision, reused
    const variant: Encoding = { defs: [['s', 'u + v']], equations: [enc.equations[0]!, { name: 'free', lhs: 'u', rhs: '3 * u' }] };
    expect(symbolicDecision(variant, [{ u: `u${id}`, v: 'v' }], ['sym'])).toBe('zero');
    expect(decisionsMade()).toBe(first);
    // what the decision reads changed: decided anew, and not the memo's answer
    expect(symbolicDecision(variant, scopes)).toBe('nonzero');
    const second = decisionsMade();
    expect(second).toBeGreaterThan(first);
    expect(symbolicDecision({ defs: [['s', 'u - v']], equations: enc.equations }, scopes, ['sym'])).toBe('nonzero');
    expect(symbolicDecision(enc, [{ u: `u${id}`, v: 'abs(v)' }, { u: `u${id}`, v: '2' }], ['sym'])).toBe('zero');
    expect(decisionsMade()).toBeGreaterThan(second);
  });
});

describe('residuals: compiled expressions are reused', () => {
  it('compiles each expression once per precision', () => {
    const n = fresh();
    const [w, sq] = [`k * k + ${n}`, `k ^ 2 + ${n}`];
    const enc: Encoding = { defs: [['w', w]], equations: [{ name: 'q', lhs: 'w', rhs: sq }] };
    const run = (digits: number, k: number, rhs = sq) => residuals({ ...enc, equations: [{ name: 'q', lhs: 'w', rhs, scale: '1' }] }, { k: d(k) }, digits)[0]!.residual;
    expect(compilations(w)).toBe(0);
    expect(residuals(enc, { k: d(3) }, 20)).toMatchObject([{ equation: 'q', residual: d(0) }]);
    expect(compilations(w)).toBe(1);
    expect(compilations(sq)).toBe(1);
    // other cases at the same precision: the compiled expressions are reused, the values are new
    expect(run(20, 5).eq(0)).toBe(true);
    expect(run(20, 5, `k ^ 2 + ${n} - 1`).eq(1)).toBe(true);
    expect(run(20, 7, `k ^ 2 + ${n} - 1`).eq(1)).toBe(true);
    expect(compilations(w)).toBe(1);
    expect(compilations(sq)).toBe(1);
    expect(compilations(`k ^ 2 + ${n} - 1`)).toBe(1);
    // another precision compiles its own
    expect(run(40, 3).eq(0)).toBe(true);
    expect(compilations(w)).toBe(2);
  });
});

describe('sameValue: a mutated definition that keeps its value on symbolic inputs', () => {
  it('evaluates the definitions before it, then compares', () => {
    const enc: Encoding = { defs: [['s', 'a + b'], ['t', 's - b']], equations: [{ name: 'q', lhs: 't', rhs: 'a' }] };
    const scopes = [{ a: 'a', b: 'b' }];
    expect(sameValue(enc, 't', 'a', scopes)).toBe('zero');
    expect(sameValue(enc, 't', '(s - b) * 1', scopes)).toBe('zero');
    expect(sameValue(enc, 't', 's + b', scopes)).toBe('nonzero');
    expect(sameValue(enc, 's', 'b + a', scopes)).toBe('zero');
  });

  it('an input bound in the scope stands for its definition: it is not evaluated again', () => {
    // B stands for any symmetric matrix (what S V is, in the claim): transpose(B) = B on it, not on a general S V
    const enc: Encoding = { defs: [['B', 'S * V'], ['A', 'transpose(B)']], equations: [{ name: 'q', lhs: 'A', rhs: 'B' }] };
    const S = sym.matrix('s', 2, 2);
    const V = sym.matrix('v', 2, 2);
    expect(sameValue(enc, 'A', 'B', [{ S, V, B: sym.symmetric('b', 2) }])).toBe('zero');
    expect(sameValue(enc, 'A', 'B', [{ S, V }])).toBe('nonzero');
    // a scope binding the mutated definition itself evaluates nothing: only the other scopes count
    expect(sameValue(enc, 'A', 'B', [{ S, V, A: sym.matrix('a', 2, 2) }, { S, V, B: sym.symmetric('b', 2) }])).toBe('zero');
    expect(sameValue(enc, 'A', 'B', [{ S, V, A: sym.matrix('a', 2, 2) }])).toBe('undecided');
  });

  it('an earlier definition the evaluator refuses is skipped; a malformed one voids the comparison', () => {
    const scopes = [{ a: 'a', A: sym.matrix('p', 2, 2), M: sym.matrix('m', 2, 2) }];
    const refused: Encoding = { defs: [['P', 'A ^ 2'], ['Q', 'a / M'], ['t', 'a + a']], equations: [{ name: 'q', lhs: 't', rhs: '2 * a' }] };
    expect(sameValue(refused, 't', '2 * a', scopes)).toBe('zero');
    expect(sameValue(refused, 't', '3 * a', scopes)).toBe('nonzero');
    const malformed: Encoding = { defs: [['bad', '1 +'], ['t', 'a + a']], equations: [{ name: 'q', lhs: 't', rhs: '2 * a' }] };
    expect(sameValue(malformed, 't', '2 * a', scopes)).toBe('undecided');
    expect(sameValue(malformed, 't', '3 * a', scopes)).toBe('undecided');
  });

  it('a mutant the evaluator refuses, one that reads a refused definition, or a name no definition has: undecided, never zero', () => {
    const enc: Encoding = { defs: [['P', 'A ^ 2'], ['t', 'a + a']], equations: [{ name: 'q', lhs: 't', rhs: '2 * a' }] };
    const scopes = [{ a: 'a', A: sym.matrix('p', 2, 2), M: sym.matrix('m', 2, 2) }];
    expect(sameValue(enc, 't', 'A ^ 2', scopes)).toBe('undecided');
    expect(sameValue(enc, 't', 'a / M', scopes)).toBe('undecided');
    expect(sameValue(enc, 't', 'P', scopes)).toBe('undecided');
    expect(sameValue(enc, 'P', 'A * A', scopes)).toBe('undecided');
    // one scope where it cannot be compared beside one where it keeps its value: undecided
    expect(sameValue(enc, 't', '2 * a', [{ a: 'a' }, { a: 'a', t: 'q' }, { A: sym.matrix('p', 2, 2) }])).toBe('undecided');
    expect(sameValue(enc, 'nosuch', 'a', scopes)).toBe('undecided');
    // no scope that evaluates it
    expect(sameValue(enc, 't', '2 * a', [])).toBe('undecided');
  });
});

describe('homogeneousIn: an input rescaled, the equations reading it still reduce to zero', () => {
  // c^2 = a holds on (a, c) = (x^2, x): with c negated it still does, doubled it does not
  const square = (): Encoding => ({
    defs: [['d', 'c * c']],
    equations: [
      { name: 'sq', lhs: 'd', rhs: 'a' },
      { name: 'off', lhs: 'a', rhs: '2 * a' },
    ],
  });
  const scopes = () => [{ a: 'x^2', c: 'x' }];

  it('decides the equations that read the input, through the definitions, with the input rescaled', () => {
    expect(homogeneousIn(square(), 'c', '-', scopes())).toBe('zero');
    expect(homogeneousIn(square(), 'c', '2*', scopes())).toBe('nonzero');
    // the equation 'off' reads no c: it is false, and not decided here (it is, as a whole)
    expect(symbolicDecision(square(), scopes())).toBe('nonzero');
    // nonzero in any scope wins
    expect(homogeneousIn(square(), 'c', '-', [{ a: 'x^2', c: 'x' }, { a: 'y', c: 'x' }])).toBe('nonzero');
    // vectors and matrices are rescaled entry by entry
    const quad: Encoding = { defs: [], equations: [{ name: 'q', lhs: 'dot(v, K * v)', rhs: '0' }, { name: 'lin', lhs: 'K * v', rhs: 'w' }] };
    const vs = [{ v: sym.vector('v', 2), K: sym.antisymmetric('k', 2), w: ['(k1x2)*(v2)', '-(k1x2)*(v1)'] }];
    expect(homogeneousIn(quad, 'v', '2*', vs, ['q', 'lin'])).toBe('nonzero');
    expect(homogeneousIn(quad, 'K', '2*', vs, ['q', 'lin'])).toBe('nonzero');
    expect(homogeneousIn({ ...quad, equations: [quad.equations[0]!] }, 'v', '2*', vs)).toBe('zero');
    expect(homogeneousIn({ ...quad, equations: [quad.equations[0]!] }, 'K', '-', vs)).toBe('zero');
  });

  it('an input no equation reads cannot change a verdict: zero, without evaluating anything', () => {
    const enc: Encoding = { defs: [['bad', '1 +'], ['u', 'b + 1']], equations: [{ name: 'q', lhs: 'a', rhs: 'a' }] };
    expect(homogeneousIn(enc, 'u', '2*', [{ a: 'a', u: 'u' }])).toBe('zero');
    expect(homogeneousIn(enc, 'b', '-', [{ a: 'a', b: 'b' }, { a: 'y', b: 'z' }])).toBe('zero');
  });

  it('every scope must bind the input', () => {
    const enc: Encoding = { defs: [['u', 'b + 1']], equations: [{ name: 'q', lhs: 'a', rhs: 'a' }] };
    expect(homogeneousIn(enc, 'u', '2*', [{ a: 'a', u: 'u' }, { a: 'a' }])).toBe('undecided');
    expect(homogeneousIn(enc, 'u', '2*', [{ a: 'a' }, { a: 'a', u: 'u' }])).toBe('undecided');
    expect(homogeneousIn(enc, 'u', '2*', [{ a: 'a' }])).toBe('undecided');
    expect(homogeneousIn(square(), 'c', '-', [{ a: 'x^2', c: 'x' }, { a: 'x^2' }])).toBe('undecided');
    expect(homogeneousIn(square(), 'c', '-', [])).toBe('undecided');
  });

  it('every equation that reads the input must be among those the scopes decide', () => {
    const enc: Encoding = {
      defs: [],
      equations: [
        { name: 'comm', lhs: 'c * a', rhs: 'a * c' },
        { name: 'dbl', lhs: 'c + c', rhs: '2 * c' },
        { name: 'other', lhs: 'a', rhs: 'a' },
      ],
    };
    const sc = [{ a: 'a', c: 'c' }];
    expect(homogeneousIn(enc, 'c', '2*', sc)).toBe('zero');
    expect(homogeneousIn(enc, 'c', '2*', sc, ['comm', 'dbl'])).toBe('zero');
    expect(homogeneousIn(enc, 'c', '2*', sc, ['dbl', 'comm', 'other'])).toBe('zero');
    expect(homogeneousIn(enc, 'c', '2*', sc, ['comm'])).toBe('undecided');
    expect(homogeneousIn(enc, 'c', '2*', sc, ['dbl', 'other'])).toBe('undecided');
    expect(homogeneousIn(enc, 'c', '2*', sc, [])).toBe('undecided');
    // covering an equation that does not read the input is not enough; covering the one that does is
    expect(homogeneousIn(square(), 'c', '-', scopes(), ['off'])).toBe('undecided');
    expect(homogeneousIn(square(), 'c', '-', scopes(), ['sq'])).toBe('zero');
    expect(homogeneousIn(square(), 'c', '2*', scopes(), ['sq'])).toBe('nonzero');
  });
});
