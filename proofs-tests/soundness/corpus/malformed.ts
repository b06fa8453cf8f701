/**
 * Classes 2 and 9: writing mistakes in a claim. validateClaim(claim, { seed, digits }) must
 * throw MalformedClaim (`claim <id>: ...`) for each, before any verdict is given.
 * Class 2: a symbolic list that decides nothing (a misspelt equation name, an empty list) used
 * to count as a proof; besides being malformed, it must never make runClaim say 'proved'
 * (neverProved).
 */
import fc from 'fast-check';
import type { Claim } from '../../../src/core/claim.js';
import { pow10, ratio, selfScope, toyClaim, type DefectClass, type Spec } from './helpers.js';

export interface MalformedEntry {
  /** the claim as written */
  claim: Claim<unknown>;
  cls: DefectClass;
  /** what is wrong with it */
  probe: string;
  /** an invented case beyond the list */
  invented?: true;
  /** the symbolic list does not decide every equation: runClaim must not call it proved (if it runs at all) */
  neverProved?: true;
}

const x = fc.record({ p: fc.integer({ min: 1, max: 99 }), q: fc.integer({ min: 2, max: 13 }) });
const base: Omit<Spec<{ p: number; q: number }>, 'id' | 'equations'> = {
  statement: 'malformed',
  domain: x,
  scope: ({ p, q }, D) => ({ x: ratio(D, p, q) }),
};
/** sin^2 + cos^2 = 1: true, and beyond the symbolic route (sin, cos unsupported): only a bogus list can "prove" it */
const trig = { name: 'trig', lhs: 'sin(x)^2 + cos(x)^2', rhs: '1' };
const double = { name: 'double', lhs: 'x + x', rhs: '2 * x' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function malformed(cls: DefectClass, probe: string, spec: Spec<any>, tags: Omit<MalformedEntry, 'claim' | 'cls' | 'probe'> = {}): MalformedEntry {
  return { claim: toyClaim(spec) as Claim<unknown>, cls, probe, ...tags };
}

export const malformedClaims: MalformedEntry[] = [
  malformed(2, 'symbolic.equations names an equation that does not exist (misspelt)', {
    ...base,
    id: 'corpus.bad.symbolic-misspelt',
    equations: [trig],
    symbolic: { scopes: selfScope('x'), equations: ['trigg'] },
  }, { neverProved: true }),
  malformed(2, 'symbolic.equations is an empty list', {
    ...base,
    id: 'corpus.bad.symbolic-empty',
    equations: [trig],
    symbolic: { scopes: selfScope('x'), equations: [] },
  }, { neverProved: true }),
  malformed(2, 'symbolic.equations names one real equation and one misspelt one', {
    ...base,
    id: 'corpus.bad.symbolic-half-misspelt',
    equations: [double, trig],
    symbolic: { scopes: selfScope('x'), equations: ['double', 'tirg'] },
  }, { neverProved: true }),
  malformed(9, 'an undefined symbol W (mathjs reads it as the unit watt)', {
    ...base,
    id: 'corpus.bad.undefined-watt',
    equations: [{ name: 'q', lhs: 'W * x', rhs: 'x * W' }],
  }),
  malformed(9, 'an undefined symbol h (mathjs reads it as the unit hour) in a definition', {
    ...base,
    id: 'corpus.bad.undefined-hour',
    defs: [['y', 'x + h']],
    equations: [{ name: 'q', lhs: 'y', rhs: 'h + x' }],
  }),
  malformed(9, 'an undefined symbol that is no unit (qq)', {
    ...base,
    id: 'corpus.bad.undefined-plain',
    equations: [{ name: 'q', lhs: 'x + qq', rhs: 'qq + x' }],
  }, { invented: true }),
  malformed(9, 'unbalanced parentheses in an equation side', {
    ...base,
    id: 'corpus.bad.parens-equation',
    equations: [{ name: 'q', lhs: '(x + 1', rhs: 'x + 1' }],
  }),
  malformed(9, 'unbalanced parentheses in a definition', {
    ...base,
    id: 'corpus.bad.parens-def',
    defs: [['y', 'sqrt((x + 1)']],
    equations: [{ name: 'q', lhs: 'y^2', rhs: 'x + 1' }],
  }),
  malformed(9, 'a variant replaces a definition that does not exist', {
    ...base,
    id: 'corpus.bad.variant-def',
    defs: [['y', 'x + x']],
    equations: [{ name: 'q', lhs: 'y', rhs: '2 * x' }],
    variants: [{ name: 'factor 3', defs: { z: 'x + x + x' } }],
  }),
  malformed(9, 'a variant replaces an equation that does not exist', {
    ...base,
    id: 'corpus.bad.variant-equation',
    equations: [{ name: 'q', lhs: 'x + x', rhs: '2 * x' }],
    variants: [{ name: 'factor 3', equations: { qq: { rhs: '3 * x' } } }],
  }),
  malformed(9, 'a variant whose replacement text has unbalanced parentheses', {
    ...base,
    id: 'corpus.bad.variant-parens',
    equations: [{ name: 'q', lhs: 'x + x', rhs: '2 * x' }],
    variants: [{ name: 'factor 3', equations: { q: { rhs: '3 * (x' } } }],
  }, { invented: true }),
  malformed(9, 'sides of different shapes: [c] against [c, c, c] (mathjs broadcasts the difference to 0)', {
    ...base,
    id: 'corpus.bad.shape-broadcast',
    defs: [['c', 'x']],
    equations: [{ name: 'q', lhs: '[c]', rhs: '[c, c, c]' }],
  }),
  malformed(9, 'sides of different shapes: v * transpose(v) (a dot product in mathjs) against the 3x3 outer product', {
    id: 'corpus.bad.shape-outer',
    statement: 'malformed',
    domain: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 3, maxLength: 3 }),
    equations: [{ name: 'q', lhs: 'v * transpose(v)', rhs: 'M' }],
    scope: (v: number[], D) => ({ v: v.map((t) => new D(t)), M: v.map((a) => v.map((b) => new D(a * b))) }),
  }),
  malformed(9, 'a scale naming an undefined symbol', {
    ...base,
    id: 'corpus.bad.scale-undefined',
    equations: [{ name: 'q', lhs: 'x + x', rhs: '2 * x', scale: 'nrm' }],
  }),
  malformed(9, 'a definition reading one defined after it', {
    ...base,
    id: 'corpus.bad.def-order',
    defs: [['a', 'b + 1'], ['b', 'x']],
    equations: [{ name: 'q', lhs: 'a', rhs: 'x + 1' }],
  }, { invented: true }),
  malformed(9, 'two equations with the same name (a variant or symbolic list naming it is ambiguous)', {
    ...base,
    id: 'corpus.bad.duplicate-equation',
    equations: [{ name: 'q', lhs: 'x + x', rhs: '2 * x' }, { name: 'q', lhs: 'x * x', rhs: 'x^2' }],
  }, { invented: true }),
  malformed(9, 'a literal unit in an encoding (5 cm)', {
    ...base,
    id: 'corpus.bad.literal-unit',
    equations: [{ name: 'q', lhs: 'x * 5 cm', rhs: '5 * x cm' }],
    scope: ({ p, q }, D) => ({ x: ratio(D, p, q).times(pow10(D, 0)) }),
  }, { invented: true }),
];
