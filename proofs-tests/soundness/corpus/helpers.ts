/**
 * The adversarial corpus of issue 14 ("no false proved, no false verified"): toy claims in the
 * catalogue's own format, each tagged with its truth as mathematics and the defect class it
 * probes. Inputs are decimal.js values computed at the working precision asked for (digits + 10
 * significant digits), never float64 at high precision.
 *
 * Defect classes:
 *  1 comparisons inside encodings use mathjs's fixed tolerance at every precision
 *  2 a symbolic check that decides nothing counts as zero (malformed lists: malformed.ts)
 *  3 'proved' when only some equations were decided symbolically
 *  4 exact 0 = 0 (a residual scale of exactly zero) counts as a held case
 *  5 non-real intermediates fall back to float64 Complex
 *  6 the symbolic route (nerdamer) trusted where it is wrong or blind to branches
 *  7 correct identities refuted by precision artefacts (cancellation, underflow)
 *  8 inventions: NaN and Infinity sides, overflowing scales, matrix semantics, det/inv, gamma, ...
 *  9 malformed claims (malformed.ts): validateClaim must throw MalformedClaim
 */
import { Decimal } from 'decimal.js';
import type fc from 'fast-check';
import type { Claim, Equation, Instance, PrecisionContext, Variant } from '../../../src/core/claim.js';
import type { Verdict } from '../../../src/core/verdict.js';
import type { Scope } from '../../../src/symbolic/numeric.js';
import type { SymScope } from '../../../src/symbolic/symbolic.js';

export type DefectClass = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface CorpusEntry {
  claim: Claim<any>;
  /** the statement as mathematics (see `probe` where the encoding's literal reading differs) */
  truth: boolean;
  cls: DefectClass;
  /** what the entry probes, in a line */
  probe: string;
  /**
   * a false claim wrong by less than ~10^-(0.9 * 2D) relative (D = 40): the documented precision
   * floor. It may come out verified, never proved.
   */
  belowFloor?: true;
  /**
   * a false claim whose counterexamples the domain draws rarely (none among the 8 cases of seed
   * 42): sampling cannot see them, so it may come out verified; the symbolic route must still
   * not prove it.
   */
  rareCounterexample?: true;
  /** when set, the verdict must be one of these (beyond the truth rule) */
  expect?: Verdict[];
  /**
   * the encoding's text misreads the statement (a mathjs semantic surprise): validateClaim may
   * reject it as malformed instead of running it (every other entry is well-formed: validateClaim
   * must accept it)
   */
  mayBeMalformed?: true;
}

const clones = new Map<number, typeof Decimal>();

/** decimal.js at `digits` working digits (plus 10 guard digits). */
export function decimalAt(digits: number): typeof Decimal {
  let D = clones.get(digits);
  if (!D) clones.set(digits, (D = Decimal.clone({ precision: digits + 10 })));
  return D;
}

export interface Spec<P> {
  id: string;
  statement: string;
  domain: fc.Arbitrary<P>;
  defs?: [string, string][];
  equations: Equation[];
  /** the inputs at `digits` working digits; return an Instance to add a note or figure */
  scope: (p: P, D: typeof Decimal, digits: number) => Scope;
  symbolic?: { scopes: () => SymScope[]; equations?: string[] };
  tolerance?: number;
  variants?: Variant[];
}

export function toyClaim<P>(s: Spec<P>): Claim<P> {
  return {
    id: s.id,
    group: 'corpus',
    kind: 'identity',
    source: 'issue 14',
    statement: s.statement,
    domain: s.domain,
    encoding: { defs: s.defs ?? [], equations: s.equations },
    instance(params: P, { digits }: PrecisionContext): Instance {
      return { scope: s.scope(params, decimalAt(digits), digits) };
    },
    ...(s.symbolic ? { symbolic: s.symbolic } : {}),
    ...(s.tolerance !== undefined ? { tolerance: s.tolerance } : {}),
    variants: s.variants ?? [],
  };
}

type EntryTags = Omit<CorpusEntry, 'claim' | 'truth' | 'cls' | 'probe'>;

export function entry<P>(truth: boolean, cls: DefectClass, probe: string, spec: Spec<P>, tags: EntryTags = {}): CorpusEntry {
  return { claim: toyClaim(spec), truth, cls, probe, ...tags };
}

/** p / q at the working precision */
export const ratio = (D: typeof Decimal, p: number, q: number): Decimal => new D(p).div(q);
/** 10^k, exact */
export const pow10 = (D: typeof Decimal, k: number): Decimal => new D(10).pow(k);
/** one symbolic scope binding each name to itself */
export const selfScope = (...names: string[]) => (): SymScope[] => [Object.fromEntries(names.map((n) => [n, n]))];
