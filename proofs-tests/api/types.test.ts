/**
 * What the Claim type refuses to represent: checked by the compiler (npm test runs tsc on the
 * tests), each refusal marked @ts-expect-error, so a type that lets one through fails the build.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineClaim, isRanged, type Claim, type PrecisionContext, type RangeContext } from '../../src/api/index.js';

const base = {
  id: 'toy.types',
  group: 'toy',
  source: 'none',
  statement: 'x = x',
  domain: fc.integer({ min: 1, max: 9 }),
  encoding: { defs: [], equations: [{ name: 'q', lhs: 'x', rhs: 'x' }] },
  variants: [],
};
const scope = (x: number) => ({ scope: { x: new Decimal(x) } });

describe('the claim type', () => {
  it('gives an identity the working digits and a scaling claim its range level', () => {
    const identity = defineClaim({ ...base, kind: 'identity', instance: (x, ctx) => (expectTypeOf(ctx).toEqualTypeOf<PrecisionContext>(), scope(x)) });
    const law = defineClaim({ ...base, kind: 'scaling', ranges: { levels: [0, 1, 2], target: 0.01 }, measure: (x, ctx) => (expectTypeOf(ctx).toEqualTypeOf<RangeContext>(), scope(x)) });
    expect([isRanged(identity), isRanged(law)]).toEqual([false, true]);
    expect(identity.file).toMatch(/types\.test\.ts$/);
  });

  it('refuses a scaling claim without ranges, one with both builders, and an identity with a measurement', () => {
    // @ts-expect-error a scaling claim must have its ranges
    const noRanges: Claim<number> = { ...base, kind: 'scaling', measure: (x: number) => scope(x) };
    // @ts-expect-error an instance and a measurement at once
    const both: Claim<number> = { ...base, kind: 'identity', instance: (x: number) => scope(x), measure: (x: number) => scope(x), ranges: { levels: [0, 1, 2], target: 0.01 } };
    // @ts-expect-error a tolerance belongs to precision claims
    const tolerant: Claim<number> = { ...base, kind: 'scaling', ranges: { levels: [0, 1, 2], target: 0.01 }, measure: (x: number) => scope(x), tolerance: 0.5 };
    expect([noRanges, both, tolerant].length).toBe(3);
  });

  it('types a claim\'s flags: a variant naming another flag does not compile', () => {
    const flagged = defineClaim<number, { shifted?: boolean }>({
      ...base,
      kind: 'identity',
      instance: (x, { flags }) => scope(flags.shifted === true ? x + 1 : x),
      variants: [{ name: 'shifted', flags: { shifted: true } }],
    });
    // @ts-expect-error 'shift' is not a flag of this claim
    const typo: (typeof flagged.variants)[number] = { name: 'typo', flags: { shift: true } };
    expect([flagged.variants.length, typo.name]).toEqual([1, 'typo']);
  });
});
