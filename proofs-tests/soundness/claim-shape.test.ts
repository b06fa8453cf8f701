/**
 * Claims written in JavaScript (or built at run time) get no type checker: validateClaim says
 * what TypeScript would have, one line each, before any case runs (found by an adversarial review).
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/core/claim.js';
import { MalformedClaim, validateClaim } from '../../src/core/validate.js';

const good = {
  id: 'toy.shape',
  group: 'toy',
  kind: 'scaling',
  source: 'none',
  statement: 's',
  domain: fc.integer({ min: 1, max: 9 }),
  encoding: { defs: [], equations: [{ name: 'q', lhs: 'err', rhs: '0', scale: '1' }] },
  ranges: { levels: [0, 1, 2], target: 0.01 },
  measure: () => ({ scope: { err: new Decimal(1) } }),
  variants: [{ name: 'v', equations: { q: { rhs: '1' } } }],
};
const why = (changes: Record<string, unknown>): string => {
  try {
    validateClaim({ ...good, ...changes } as unknown as Claim<unknown>, { seed: 1, digits: 20 });
    return 'valid';
  } catch (e) {
    expect(e).toBeInstanceOf(MalformedClaim);
    return (e as Error).message;
  }
};

describe('a claim of the wrong shape is malformed, never run', () => {
  it('accepts the well-formed claim', () => expect(why({})).toBe('valid'));
  it('reads a floor record as plain data only, and a field whose getter throws is malformed, not an engine error', () => {
    const hidden = Object.defineProperty({ q: 0.001 }, 'p', { value: 0.004, enumerable: false });
    expect(why({ ranges: { levels: [0, 1, 2], target: 0.01, floor: { value: hidden, why: 'bias' } } })).toMatch(/ranges.floor.value must be plain data: enumerable entries, no getters/);
    const computed = Object.defineProperty({}, 'q', { get: () => 0.001, enumerable: true });
    expect(why({ ranges: { levels: [0, 1, 2], target: 0.01, floor: { value: computed, why: 'bias' } } })).toMatch(/must be plain data/);
    const throwing = Object.defineProperty({ value: 0.001 }, 'why', { get: () => { throw new Error('boom'); }, enumerable: true });
    expect(why({ ranges: { levels: [0, 1, 2], target: 0.01, floor: throwing } })).toMatch(/^claim toy.shape: reading its fields threw: boom$/);
  });
  it('accepts a floor on one equation', () => expect(why({ ranges: { levels: [0, 1, 2], target: 0.01, floor: { value: { q: 0.001 }, why: 'bias' } } })).toBe('valid'));
  it.each([
    [{ ranges: { levels: [], target: 0.01 } }, /ranges.levels must be at least three finite numbers, increasing/],
    [{ ranges: { levels: [0, 1], target: 0.01 } }, /at least three/],
    [{ ranges: { levels: [0, 2, 1], target: 0.01 } }, /increasing/],
    [{ ranges: { levels: [0, 1, 2], target: 0.01, floor: { value: -1, why: 'x' } } }, /ranges.floor must be \{ value, why \}/],
    [{ ranges: { levels: [0, 1, 2], target: 0.01, floor: { value: 0.1, why: '' } } }, /the reason/],
    [{ ranges: { levels: [0, 1, 2], target: 0.01, deep: { levels: [5] } } }, /ranges.deep.levels/],
    [{ ranges: { levels: [0, 1, 2] } }, /ranges.target \(the resolution the claim asserts\) must be a positive number, or one per equation name/],
    [{ ranges: { levels: [0, 1, 2], target: 0 } }, /ranges.target/],
    [{ ranges: { levels: [0, 1, 2], target: { r: 0.01 } } }, /no positive target for q/],
    [{ ranges: { levels: [0, 1, 2], target: { q: 0.01, r: 0.01 } } }, /no equation named r/],
    [{ ranges: { levels: [0, 1, 2], target: 0.01, floor: { value: 0.01, why: 'noise' } } }, /ranges.floor 0.01 makes every resolution at least 0.02, coarser than the target 0.01: no case could hold/],
    [{ ranges: { levels: [0, 1, 2], target: { q: 0.01 }, deep: { levels: [0, 1, 2], floor: { value: 0.1, why: 'noise' } } } }, /ranges.deep.floor 0.1/],
    [{ ranges: { levels: [0, 1, 2], target: 0.01, floor: { value: { r: 0.001 }, why: 'bias' } } }, /ranges.floor.value: no equation named r/],
    [{ ranges: { levels: [0, 1, 2], target: 0.01, floor: { value: {}, why: 'bias' } } }, /ranges.floor must be \{ value, why \}: a finite value >= 0 \(or one per equation name\)/],
    [{ ranges: { levels: [0, 1, 2], target: 0.01, floor: { value: { q: -1 }, why: 'bias' } } }, /ranges.floor must be/],
    [{ ranges: { levels: [0, 1, 2], target: 0.01, floor: { value: [0.001], why: 'bias' } } }, /ranges.floor must be/],
    [{ ranges: { levels: [0, 1, 2], target: { q: 0.01 }, floor: { value: { q: 0.1 }, why: 'bias' } } }, /ranges.floor of q 0.1 makes its resolution at least 0.2, coarser than the target 0.01: no case could hold/],
    [{ runs: 2.5 }, /runs must be an integer from 1 to 100000, got 2.5/],
    [{ runs: 0 }, /runs must be an integer/],
    [{ variants: [null] }, /variants must be an array of objects, each with a name/],
    [{ variants: [{}] }, /each with a name/],
    [{ encoding: { defs: [], equations: [] } }, /no equation: it states nothing/],
    [{ encoding: { defs: [], equations: [null] } }, /each equation has a string name \(not empty\), lhs and rhs/],
    [{ encoding: { defs: [], equations: [{ name: '', lhs: 'err', rhs: '0' }] } }, /each equation has a string name \(not empty\)/],
    [{ ranges: { levels: [0, 1, 2], target: { r: 0.01 } } }, /no positive target for q; no equation named r/],
    [{ ranges: { levels: [0, 1, 2], target: Object.create({ q: 0.01 }) } }, /a plain object, not an instance of a class/],
    [{ ranges: { levels: [0, 1, 2], target: [0.01] } }, /a plain object, not an array/],
    [{ variants: [{ name: 'renamed', equations: { q: { name: 'p', rhs: '1' } } }] }, /variant renamed: equation q cannot be renamed/],
    [{ encoding: { defs: [['a']], equations: good.encoding.equations } }, /each definition is a \[name, expression\] pair/],
    [{ kind: 'banana' }, /kind must be one of identity, limit, scaling, assumption, got "banana"/],
    [{ id: 'r.a#1:2' }, /its id must start with a lower-case letter/],
    [{ id: '' }, /its id must/],
    [{ domain: {} }, /domain must be a fast-check arbitrary/],
    [{ ranges: undefined }, /a claim without ranges has 'instance'/],
    [{ instance: () => ({ scope: {} }) }, /a claim with ranges has 'measure' \(and no 'instance'\)/],
  ])('%j', (changes, message) => expect(why(changes)).toMatch(message));
});
