import type { ZeroDecision } from '../symbolic/symbolic.js';

export type Verdict = 'proved' | 'verified' | 'refuted' | 'inconclusive' | 'conflict' | 'timeout';
export type Symbolic = ZeroDecision | 'n/a';
/** What the drawn cases say, before the symbolic side is consulted. */
export type NumericOutcome = 'holds' | 'fails' | 'wanders' | 'degenerate';

/**
 * Combine the numeric outcome with the symbolic decision over the equations the proof covers.
 * Disagreement is a conflict: a bug in one of the two routes, surfaced, never resolved by
 * preferring one. Proved needs every equation reduced to zero (`complete`): a proof of some of
 * them leaves the claim verified.
 */
export function combine(numeric: NumericOutcome, symbolic: Symbolic, complete: boolean): Verdict {
  if (numeric === 'fails') return symbolic === 'zero' ? 'conflict' : 'refuted';
  if (numeric === 'holds') {
    if (symbolic === 'nonzero') return 'conflict';
    return symbolic === 'zero' && complete ? 'proved' : 'verified';
  }
  return 'inconclusive';
}

export const holdsVerdicts: ReadonlySet<Verdict> = new Set(['proved', 'verified']);
