import type fc from 'fast-check';
import type { Scope } from '../symbolic/numeric.js';
import type { SymScope } from '../symbolic/symbolic.js';

export type ClaimKind = 'identity' | 'limit' | 'scaling' | 'assumption';

/** lhs = rhs, measured as |lhs - rhs| / scale (scale defaults to max(|lhs|, |rhs|)). */
export interface Equation {
  name: string;
  lhs: string;
  rhs: string;
  scale?: string;
}

/**
 * The symbolic encoding of a claim: named definitions evaluated in order, then equations.
 * All are mathjs expression text; the numeric evaluator and the symbolic evaluator read the
 * same text.
 */
export interface Encoding {
  defs: [name: string, expr: string][];
  equations: Equation[];
}

/** Switches a variant may pass to the instance builder (for variants that change a rule, not a formula). */
export type Flags = Readonly<Record<string, boolean | number | string | undefined>>;

export interface Series {
  name: string;
  x: number[];
  y: number[];
}

/**
 * A picture of one drawn case, for the report: a scaling claim's measured quantity on log-log
 * axes beside its formula and the fitted local slopes, or a heatmap (e.g. shell energy over
 * shell and time) with curves drawn on it.
 */
export interface Figure {
  kind: 'loglog' | 'lines' | 'heatmap';
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** kind 'heatmap': z[i][j] at (x[j], y[i]); series are drawn over it */
  heatmap?: { x: number[]; y: number[]; z: number[][]; zLabel: string };
}

export interface Instance {
  /** the independent route to the truth and the inputs of the encoding, as decimals */
  scope: Scope;
  /** set when the drawn case is near-degenerate or ill-conditioned: reported, never decided */
  degenerate?: string;
  /** optional picture of the case (kept for the first drawn case, at the widest level) */
  figure?: Figure;
  /**
   * scaling claims: the measurement's own uncertainty at this range, per equation, in the
   * equation's scale (a simulation's standard error over seeds, say); the range rule never
   * claims to know the error better than this
   */
  uncertainty?: Record<string, number>;
}

/**
 * Scaling claims are measured over growing ranges (decades of time, of N, of d) instead of at
 * growing working precisions: measure(params, { level, flags }) receives the range level. Each equation's error (measured - formula, in its scale, usually '1' for
 * exponents) is extrapolated to infinite range from its own convergence, which also gives its
 * uncertainty: the case holds when the extrapolated error is within K uncertainties, is refuted
 * when it exceeds twice that at the last ranges too, and is inconclusive otherwise (precision.ts).
 */
export interface Ranges {
  /** range levels, growing (at least three) */
  levels: number[];
  /**
   * the resolution the claim asserts (one for every equation, or one per equation name): a case
   * holds only when the resolution its measurement earned is at or under it, so that a
   * measurement too coarse to tell the formula from its rivals is inconclusive, not a pass
   */
  target: number | Readonly<Record<string, number>>;
  /**
   * a floor under the uncertainty the measurement earns, with the reason it cannot do better
   * (a simulation's standard error, a fit's float64 noise, a finite-size bias); printed with
   * the verdict. Omitted: the convergence alone decides.
   */
  floor?: Floor;
  /** digits at which the formulas are evaluated (default 30) */
  digits?: number;
  /** what a level counts, for reports (e.g. 'decades of t') */
  label?: string;
  /**
   * longer ranges for `verify --deep` (minutes, not seconds): its levels, growing, and the
   * floor that measurement earns (none: the convergence alone decides)
   */
  deep?: { levels: number[]; floor?: Floor };
}

/**
 * A floor under the uncertainty: one for every equation, or one per equation name (an equation
 * not named has none: the bias that needs it may be one reading's alone).
 */
export interface Floor {
  value: number | Readonly<Record<string, number>>;
  why: string;
}

/** The floor an equation's uncertainty is held to (0: none). */
export const floorFor = (floor: Floor | undefined, equation: string): number =>
  floor === undefined ? 0 : typeof floor.value === 'number' ? floor.value : Object.hasOwn(floor.value, equation) ? floor.value[equation]! : 0;

export interface Variant<F extends Flags = Flags> {
  name: string;
  /** definitions replaced by name */
  defs?: Record<string, string>;
  /** equations replaced (fields merged) by name; an equation keeps its name */
  equations?: Record<string, Partial<Omit<Equation, 'name'>>>;
  /** switches for the instance builder: a claim with typed flags (its F) accepts only those */
  flags?: Partial<F>;
}

/** The kinds of automatic mutation (see mutants.ts). */
export type MutationKind =
  | 'sign flipped'
  | 'term dropped'
  | 'exponent +1'
  | 'exponent -1'
  | 'constant doubled'
  | 'constant halved'
  | 'transpose removed'
  | 'factor 2 on the whole side'
  | 'whole side negated';

/**
 * An automatic mutant known to say the same thing as the encoding, and why (a symmetry, a
 * cancellation, a boundary no drawn case comes near). It names the site ("def c", "eq
 * balance.rhs"), the kinds of mutation, and optionally the rewritten text (`at`: a substring,
 * or a RegExp, of what the mutation rewrites, e.g. "sum(T, 2) - diag(T)"). A matching mutant
 * counts as equivalent only if it holds on every drawn case; one refuted anyway is reported
 * as refuted.
 */
export interface EquivalentMutant {
  /** "def NAME" or "eq EQUATION.lhs" / "eq EQUATION.rhs"; a RegExp matches several sites */
  site: string | RegExp;
  kinds: readonly MutationKind[];
  at?: string | RegExp;
  why: string;
}

/** What the instance builder of a claim checked at working precisions receives. */
export interface PrecisionContext<F extends Flags = Flags> {
  /** working precision in decimal digits */
  digits: number;
  /** the variant's switches (empty for the claim itself) */
  flags: Partial<F>;
}

/** What the measurement of a claim checked over growing ranges receives. */
export interface RangeContext<F extends Flags = Flags> {
  /** one of `ranges.levels` (or of `ranges.deep.levels` when `deep`) */
  level: number;
  /** the run asked for the deep measurement (`verify --deep`) and the claim has one; absent: false */
  deep?: boolean;
  /** the variant's switches (empty for the claim itself) */
  flags: Partial<F>;
}

interface ClaimBase<P, F extends Flags> {
  /** unique, dotted: "group.name" */
  id: string;
  group: string;
  /** arXiv id(s), or any citation */
  source: string;
  /** the statement in LaTeX */
  statement: string;
  /** the drawn cases (a seeded fast-check arbitrary) */
  domain: fc.Arbitrary<P>;
  encoding: Encoding;
  /**
   * Symbolic inputs under which the encoding's equations (all, or those named) must reduce
   * to zero; inputs named like a definition stand in for it.
   */
  symbolic?: {
    scopes: () => SymScope[];
    /** the equations the proof covers (default: all); the claim is proved only when it covers all */
    equations?: string[];
    /** symbolic variables positive on the domain: their sqrt, log and real powers have no other branch */
    positive?: readonly string[];
  };
  /** drawn cases by default (overridden by --runs); default 40 */
  runs?: number;
  /** the wrong variants the check must refute (at least one) */
  variants: Variant<F>[];
  /** automatic mutants that say the same thing as the encoding (see EquivalentMutant) */
  equivalentMutants?: EquivalentMutant[];
  /**
   * Symbolic stand-ins for the instance's inputs with their structure (a symmetric B, any
   * spectrum): a definition mutant that keeps its value on them is equivalent, shown so.
   */
  structure?: () => SymScope[];
  /**
   * Claims with the same affinity draw the same instances (same domain shape and seed): the
   * CLI runs them in one worker so that instance caches are shared.
   */
  affinity?: string;
  /** the module the claim was defined in (set by defineClaim; printed in replay commands) */
  file?: string;
}

/**
 * An identity or a limit, checked at two working precisions: the residual must fall as the
 * precision rises.
 */
export interface PrecisionClaim<P = unknown, F extends Flags = Flags> extends ClaimBase<P, F> {
  kind: 'identity' | 'limit' | 'assumption';
  /** builds one drawn case at the working precision `digits` */
  instance(params: P, context: PrecisionContext<F>): Instance;
  /**
   * Fraction of the working digits the residual must reach: about 0.9 for evaluations,
   * lower where the independent route (extrapolated differences, integration) has its own
   * truncation that shrinks with precision. Default 0.9.
   */
  tolerance?: number;
  ranges?: never;
  measure?: never;
}

/**
 * A claim measured over growing ranges (decades of t, of N, of d; or refinements): every
 * scaling claim, and identities whose independent route converges with a range, not digits.
 */
export interface RangeClaim<P = unknown, F extends Flags = Flags> extends ClaimBase<P, F> {
  kind: ClaimKind;
  ranges: Ranges;
  /** builds one drawn case at the range `level` (one of `ranges.levels`) */
  measure(params: P, context: RangeContext<F>): Instance;
  instance?: never;
  tolerance?: never;
}

/** A claim: checked at working precisions, or (every scaling claim) over growing ranges. */
export type Claim<P = unknown, F extends Flags = Flags> = PrecisionClaim<P, F> | RangeClaim<P, F>;

/** Whether a claim is measured over growing ranges. */
export function isRanged<P>(claim: Claim<P>): claim is RangeClaim<P> {
  return claim.ranges !== undefined;
}

/** One drawn case at a level: a working precision, or a range level. */
export function instanceAt<P>(claim: Claim<P>, params: P, level: number, flags: Flags, deep = false): Instance {
  return isRanged(claim) ? claim.measure(params, { level, flags, deep: deep && claim.ranges.deep !== undefined }) : claim.instance(params, { digits: level, flags });
}

/** The encoding a variant is checked against. */
export function applyVariant(enc: Encoding, v: Variant | undefined): Encoding {
  if (!v) return enc;
  // own keys only: a definition or equation named 'constructor' is not Object's
  const own = <T>(r: Record<string, T> | undefined, k: string): T | undefined => (r && Object.hasOwn(r, k) ? r[k] : undefined);
  const defs = enc.defs.map(([n, e]): [string, string] => [n, own(v.defs, n) ?? e]);
  for (const n of Object.keys(v.defs ?? {})) if (!enc.defs.some(([m]) => m === n)) throw new Error(`variant ${v.name}: no definition ${n}`);
  for (const [n, q] of Object.entries(v.equations ?? {}))
    if (typeof q === 'object' && q !== null && 'name' in q && q.name !== n) throw new Error(`variant ${v.name}: equation ${n} cannot be renamed (its target, uncertainty and series are found by name)`);
  const equations = enc.equations.map((q) => ({ ...q, ...(own(v.equations, q.name) ?? {}), name: q.name }));
  for (const n of Object.keys(v.equations ?? {})) if (!enc.equations.some((q) => q.name === n)) throw new Error(`variant ${v.name}: no equation ${n}`);
  return { defs, equations };
}
