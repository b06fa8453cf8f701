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
export type Flags = Readonly<Record<string, boolean | number | string>>;

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
 * growing working precisions: instance(params, level, flags) receives the range level in place
 * of the digits. Each equation's error (measured - formula, in its scale, usually '1' for
 * exponents) is extrapolated to infinite range from its own convergence, which also gives its
 * uncertainty: the case holds when the extrapolated error is within K uncertainties, is refuted
 * when it exceeds twice that at the last ranges too, and is inconclusive otherwise (precision.ts).
 */
export interface Ranges {
  /** range levels, growing (at least three) */
  levels: number[];
  /**
   * a floor under the uncertainty the measurement earns, with the reason it cannot do better
   * (a simulation's standard error, a fit's float64 noise, a finite-size bias); printed with
   * the verdict. Omitted: the convergence alone decides.
   */
  floor?: { value: number; why: string };
  /** digits at which the formulas are evaluated (default 30) */
  digits?: number;
  /** what a level counts, for reports (e.g. 'decades of t') */
  label?: string;
}

export interface Variant {
  name: string;
  /** definitions replaced by name */
  defs?: Record<string, string>;
  /** equations replaced (fields merged) by name */
  equations?: Record<string, Partial<Equation>>;
  flags?: Flags;
}

export interface Claim<P = unknown> {
  id: string;
  group: string;
  kind: ClaimKind;
  /** arXiv id(s) */
  source: string;
  /** the statement in LaTeX */
  statement: string;
  domain: fc.Arbitrary<P>;
  encoding: Encoding;
  /**
   * builds one drawn case at a working precision of `digits` decimal digits (for claims with
   * `ranges`: at that range level)
   */
  instance(params: P, digits: number, flags: Flags): Instance;
  /** scaling claims: checked over growing ranges instead of precisions */
  ranges?: Ranges;
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
  /**
   * Fraction of the working digits the residual must reach: about 0.9 for evaluations,
   * lower where the independent route (extrapolated differences, integration) has its own
   * truncation that shrinks with precision.
   */
  tolerance?: number;
  /** drawn cases by default (overridden by --runs) */
  runs?: number;
  variants: Variant[];
  /**
   * Automatic mutants known to say the same thing as the encoding, each with the reason (a
   * symmetry, a cancellation, a boundary no drawn case comes near). `match` is tested against
   * "site: mutation"; a matching mutant still counts as equivalent only if it holds on every
   * drawn case, and one that is refuted anyway is reported as refuted.
   */
  equivalentMutants?: { match: RegExp; why: string }[];
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
}

/** The encoding a variant is checked against. */
export function applyVariant(enc: Encoding, v: Variant | undefined): Encoding {
  if (!v) return enc;
  const defs = enc.defs.map(([n, e]): [string, string] => [n, v.defs?.[n] ?? e]);
  for (const n of Object.keys(v.defs ?? {})) if (!enc.defs.some(([m]) => m === n)) throw new Error(`variant ${v.name}: no definition ${n}`);
  const equations = enc.equations.map((q) => ({ ...q, ...(v.equations?.[q.name] ?? {}) }));
  for (const n of Object.keys(v.equations ?? {})) if (!enc.equations.some((q) => q.name === n)) throw new Error(`variant ${v.name}: no equation ${n}`);
  return { defs, equations };
}
