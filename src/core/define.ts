import { fileURLToPath } from 'node:url';
import type { Claim, Flags, PrecisionClaim, RangeClaim } from './claim.js';

/** The file of the first stack frame outside this module: where defineClaim was called. */
function callerFile(): string | undefined {
  const here = import.meta.url;
  for (const line of (new Error().stack ?? '').split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?$/.exec(line.trim());
    if (!m) continue;
    const url = m[1]!.startsWith('file://') ? m[1]! : `file://${m[1]!}`;
    if (url === here) continue;
    return url.startsWith('file://') ? fileURLToPath(url) : url;
  }
  return undefined;
}

/**
 * Declares a claim. Returns it unchanged apart from `file`, the module it was defined in
 * (replay commands name it). A claim checked at working precisions has `instance`; one
 * measured over growing ranges (every scaling claim) has `ranges` and `measure`.
 *
 * @example
 * ```ts
 * import { Decimal, defineClaim, fc } from 'scalecheck';
 *
 * export const doubling = defineClaim<number>({
 *   id: 'toy.doubling', group: 'toy', kind: 'identity', source: 'none',
 *   statement: 'x + x = 2x',
 *   domain: fc.integer({ min: 1, max: 1000 }),
 *   encoding: { defs: [], equations: [{ name: 'double', lhs: 'x + x', rhs: '2 * x' }] },
 *   instance: (x) => ({ scope: { x: new Decimal(x) } }),
 *   variants: [{ name: 'tripled', equations: { double: { rhs: '3 * x' } } }],
 * });
 * ```
 */
export function defineClaim<P, F extends Flags = Flags>(claim: PrecisionClaim<P, F>): PrecisionClaim<P, F>;
export function defineClaim<P, F extends Flags = Flags>(claim: RangeClaim<P, F>): RangeClaim<P, F>;
export function defineClaim<P, F extends Flags>(claim: Claim<P, F>): Claim<P, F> {
  if (claim.file !== undefined) return claim;
  const file = callerFile();
  return file === undefined ? claim : { ...claim, file };
}
