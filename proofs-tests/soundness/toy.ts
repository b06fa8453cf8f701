import fc from 'fast-check';
import type { Claim, Encoding, Flags, Instance, PrecisionClaim, Ranges } from '../../src/core/claim.js';

/** A toy case builder: the level is the working digits, or the range level when the toy has ranges. */
export type Build = (x: number, level: number, flags: Flags) => Instance;

type Extra = Partial<Omit<PrecisionClaim<number>, 'kind' | 'instance' | 'measure' | 'ranges'>> & { ranges?: Ranges };

/** A claim whose cases are integers x in [3, max], checked at precisions or (with ranges) over them. */
export function toyClaim(id: string, enc: Encoding, build: Build, extra: Extra, max: number): Claim<number> {
  const { ranges, tolerance, ...rest } = extra;
  const base = { id, group: 'toy', source: 'none', statement: id, domain: fc.integer({ min: 3, max }), encoding: enc, variants: [], runs: 6, ...rest };
  return ranges
    ? { ...base, kind: 'scaling', ranges, measure: (x, { level, flags }) => build(x, level, flags) }
    : { ...base, kind: 'identity', ...(tolerance !== undefined ? { tolerance } : {}), instance: (x, { digits, flags }) => build(x, digits, flags) };
}
