import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { applyVariant, floorFor, instanceAt, type Claim, type Encoding, type Figure, type Flags, type Floor, type Variant } from './claim.js';
import { explains, liveDefs, mutantsOf } from './mutants.js';
import { homogeneousIn, residuals, roundingDecides, sameValue, symbolicDecision, type Residual } from './evaluate.js';
import type { Scope } from '../symbolic/numeric.js';
import { classify, classifyRange, RANGE_K, type CaseOutcome, type ResolutionSource } from './precision.js';
import { familywiseZ } from '../numeric/normal.js';
import { combine, type NumericOutcome, type Symbolic, type Verdict } from './verdict.js';

/** Drawn cases per claim unless the claim or --runs says otherwise. */
export const DEFAULT_RUNS = 50;

export interface RunOptions {
  seed: number;
  runs?: number;
  /** the low working precision; the high one is twice it */
  digits: number;
  /** replay a single case: fast-check's counterexample path */
  path?: string;
  /** also run the automatic mutants of the encoding */
  mutants?: boolean;
  /** shrink steps allowed for a refutation */
  maxShrinks?: number;
  /** range claims: measure over their `ranges.deep` levels where they have them (--deep) */
  deep?: boolean;
}

export interface CaseReport {
  params: unknown;
  outcome: CaseOutcome | 'degenerate' | 'error';
  residuals: Record<number, string>;
  worstEquation?: string;
  note?: string;
  figure?: Figure;
  /** scaling claims: per equation, the error beyond which this case refutes every error in its formula */
  resolution?: Record<string, number>;
  /** and what set it */
  resolutionSource?: Record<string, ResolutionSource>;
}

export interface Counterexample {
  seed: number;
  path: string;
  params: unknown;
  residuals: Record<number, string>;
  equation?: string;
}

export interface CheckResult {
  verdict: Verdict;
  numeric: NumericOutcome;
  /** the symbolic decision over the equations the proof covers */
  symbolic: Symbolic;
  /** when the symbolic route reduced its equations to zero: which, out of how many */
  symbolicEquations?: { proved: string[]; total: number };
  runs: number;
  degenerate: number;
  wandering: number;
  /** the first wandering case, for the report */
  wanderingCase?: CaseReport;
  errors: string[];
  /** what the residuals were measured against: working digits, or range levels (scaling claims) */
  axis: 'digits' | 'range';
  levels: number[];
  maxResidual: Record<number, string>;
  counterexample?: Counterexample;
  /** the first drawn case's picture, if the claim draws one */
  figure?: Figure;
  /** scaling claims: per equation, the error beyond which every error in its formula is refuted (the coarsest over the cases) */
  resolution?: Record<string, number>;
  /** and what set that coarsest resolution: convergence, the stated uncertainty, or the floor */
  resolutionSource?: Record<string, ResolutionSource>;
}

export interface MutantResult {
  site: string;
  mutation: string;
  /** refuted; equivalent (symbolically, or for a reason the claim states); invalid (ill-formed: the evaluation failed or gave no number); survived */
  status: 'refuted' | 'equivalent' | 'invalid' | 'survived';
  /** for an equivalent mutant: shown by the symbolic route, or explained by the claim */
  how?: 'symbolic' | 'explained';
  note?: string;
}

export interface ClaimResult extends CheckResult {
  variants: ({ name: string } & CheckResult)[];
  mutants?: MutantResult[];
  durationMs: number;
}

/** The levels a claim is evaluated at: two working precisions, or its growing ranges. */
export function levelsOf<P>(claim: Claim<P>, digits: number, deep = false): number[] {
  if (!claim.ranges) return [digits, 2 * digits];
  return deep && claim.ranges.deep ? claim.ranges.deep.levels : claim.ranges.levels;
}

/** The floor under a range claim's uncertainty at these levels (the deep measurement's own, where it has one). */
export function floorOf<P>(claim: Claim<P>, deep = false): Floor | undefined {
  if (!claim.ranges) return undefined;
  return deep && claim.ranges.deep ? claim.ranges.deep.floor : claim.ranges.floor;
}

/** The resolution a range claim asserts for one equation (undefined: not a range claim, or none for it). */
export function targetOf<P>(claim: Claim<P>, equation: string): number | undefined {
  const t = claim.ranges?.target;
  return typeof t === 'number' ? t : t && Object.hasOwn(t, equation) ? t[equation] : undefined;
}

/**
 * An error is extrapolated over the range in one unit: its scale must stay within this factor
 * over the levels the range rule reads (the last SCALE_LEVELS: two extrapolations of three
 * errors each), either as a fixed unit or relative to the sides it compares (a relative error
 * of a loss that falls by decades is one unit; a scale growing under fixed sides shrinks any
 * error and is not).
 */
const SCALE_DRIFT = 2;
const SCALE_LEVELS = 4;

function drifts(xs: number[]): boolean {
  const read = xs.slice(-SCALE_LEVELS);
  return !(Math.max(...read) <= SCALE_DRIFT * Math.min(...read));
}

/**
 * What is wrong with a measurement's stated uncertainty, if anything: it must be a plain record
 * of the claim's equation names to finite numbers >= 0 (a typo'd key or a Decimal would
 * otherwise be dropped without a word, and the case judged as if nothing were stated).
 */
function badUncertainty(u: unknown, equations: Set<string>): string | undefined {
  if (u === undefined) return undefined;
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return `the measurement's uncertainty must be a record of equation names to numbers, got ${u === null ? 'null' : Array.isArray(u) ? 'an array' : typeof u}`;
  for (const [k, v] of Object.entries(u)) {
    if (!equations.has(k)) return `the measurement states an uncertainty for '${k}', which is no equation (${[...equations].join(', ')})`;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `the measurement's uncertainty for '${k}' must be a finite number >= 0, got ${String(v)}`;
  }
  return undefined;
}

/** An equation's signed error in its scale (scalar equations), or its residual (vectors, matrices). */
function signedError(r: Residual): number {
  return (r.difference.length === 1 ? r.difference[0]!.div(r.scale) : r.residual).toNumber();
}

/** Evaluate one drawn case at every level (both precisions, or every range) and classify it. */
export function evaluateCase<P>(claim: Claim<P>, enc: Encoding, flags: Flags, params: P, digits: number, deep = false, cases = 1): CaseReport {
  const levels = levelsOf(claim, digits, deep);
  const worst: Decimal[] = [];
  const res: Record<number, string> = {};
  const series = new Map<string, number[]>();
  const scales = new Map<string, { scale: number; relative: number }[]>();
  // the measurement's own uncertainty at the widest range
  let stated = new Map<string, number>();
  let worstEquation: string | undefined;
  let figure: Figure | undefined;
  let last: { scope: Scope; digits: number } | undefined;
  try {
    for (const level of levels) {
      const inst = instanceAt(claim, params, level, flags, deep);
      if (inst.degenerate) return { params, outcome: 'degenerate', residuals: res, note: inst.degenerate };
      const at = claim.ranges ? (claim.ranges.digits ?? 30) : level;
      const rs = residuals(enc, inst.scope, at);
      const vacuous = rs.find((r) => r.degenerate);
      if (vacuous) return { params, outcome: 'degenerate', residuals: res, note: vacuous.degenerate };
      let w = rs[0]!;
      for (const r of rs) {
        if (r.residual.gt(w.residual)) w = r;
        series.set(r.equation, [...(series.get(r.equation) ?? []), signedError(r)]);
        scales.set(r.equation, [...(scales.get(r.equation) ?? []), { scale: r.scale.toNumber(), relative: r.scale.div(r.size).toNumber() }]);
      }
      if (claim.ranges) {
        const wrong = badUncertainty(inst.uncertainty, new Set(enc.equations.map((q) => q.name)));
        if (wrong) return { params, outcome: 'error', residuals: res, note: wrong };
        stated = new Map(Object.entries(inst.uncertainty ?? {}));
      }
      worst.push(w.residual);
      res[level] = w.residual.toSignificantDigits(4).toExponential();
      worstEquation = w.equation;
      figure = inst.figure ?? figure;
      last = { scope: inst.scope, digits: at };
    }
  } catch (e) {
    return { params, outcome: 'error', residuals: res, note: e instanceof Error ? e.message : String(e) };
  }
  const withFigure = figure ? { figure } : {};
  if (claim.ranges) {
    // every equation extrapolated on its own: a case holds when each does, fails when one does
    const floor = floorOf(claim, deep);
    // an error is extrapolated in the unit of its scale: one that moves with the range (a
    // growing scale shrinks any error) would carry the convergence, not the measurement
    for (const [name, s] of scales) {
      if (!drifts(s.map((x) => x.scale)) || !drifts(s.map((x) => x.relative))) continue;
      const read = s.slice(-SCALE_LEVELS).map((x) => x.scale);
      return { params, outcome: 'error', residuals: res, note: `equation ${name}: its scale moves from ${Math.min(...read).toPrecision(3)} to ${Math.max(...read).toPrecision(3)} over the last range levels, neither fixed nor relative to its sides; an error extrapolated over the range needs one unit at the levels it reads` };
    }
    // each stated uncertainty is a noisy test, run once per equation and case: held to the band
    // of one 3-sigma test for them all (a true formula's error leaves it by chance as rarely)
    const tests = [...stated.values()].filter((u) => u > 0).length * cases;
    const holdK = tests > 1 ? familywiseZ(tests, RANGE_K) : RANGE_K;
    const estimates = [...series].map(([name, e]) => ({ name, target: targetOf(claim, name) ?? Number.NaN, ...classifyRange(e, floorFor(floor, name), stated.get(name) ?? 0, holdK) }));
    const failing = estimates.find((x) => x.outcome === 'fails');
    // a case holds only at the resolution the claim asserts: a measurement too coarse to tell
    // the formula from its rivals decides nothing, however well the formula fits
    const coarse = estimates.find((x) => x.outcome === 'holds' && !(x.resolution <= x.target));
    const outcome: CaseOutcome = failing ? 'fails' : !coarse && estimates.every((x) => x.outcome === 'holds') ? 'holds' : 'wanders';
    const resolution = Object.fromEntries(estimates.map((x) => [x.name, x.resolution]));
    const resolutionSource = Object.fromEntries(estimates.map((x) => [x.name, x.source]));
    const note = !failing && coarse ? { note: `${coarse.name}: resolution ${coarse.resolution.toPrecision(2)} is coarser than the claim's target ${coarse.target}` } : {};
    return { params, outcome, residuals: res, worstEquation: failing?.name ?? coarse?.name ?? worstEquation, resolution, resolutionSource, ...note, ...withFigure };
  }
  const outcome = classify(worst[0]!, worst[1]!, levels[0]!, levels[1]!, claim.tolerance ?? 0.9);
  // a residual that stays put refutes only if the mathematics, not the rounding, put it there
  const illConditioned = outcome === 'fails' && last ? roundingDecides(enc, last.scope, last.digits, new Decimal(10).pow(-(claim.tolerance ?? 0.9) * levels[0]!)) : undefined;
  if (illConditioned) return { params, outcome: 'degenerate', residuals: res, worstEquation, note: illConditioned };
  return { params, outcome, residuals: res, worstEquation, ...withFigure };
}

/**
 * Run the claim (or one of its variants) as a fast-check property: drawn, seeded, replayable,
 * shrunk to a minimal case when a residual stays put.
 */
/** Shrink steps allowed per refutation: each step re-runs a case at both precisions. */
const MAX_SHRINKS = 12;

export function check<P>(claim: Claim<P>, variant: Variant | undefined, opts: RunOptions): CheckResult {
  const enc = applyVariant(claim.encoding, variant);
  const flags = variant?.flags ?? {};
  const runs = opts.runs ?? claim.runs ?? DEFAULT_RUNS;
  const precisions = levelsOf(claim, opts.digits, opts.deep);
  const worst: Record<number, Decimal> = {};
  let figure: Figure | undefined;
  let degenerate = 0;
  let wandering = 0;
  let wanderingCase: CaseReport | undefined;
  let counted = 0;
  let failing = false;
  // the coarsest resolution per equation; a case without one (NaN) makes it unknown for good
  const resolution = new Map<string, { value: number; source: ResolutionSource }>();
  const errors: string[] = [];
  const prop = fc.property(fc.limitShrink(claim.domain, opts.maxShrinks ?? MAX_SHRINKS), (p) => {
    const r = evaluateCase(claim, enc, flags, p, opts.digits, opts.deep, runs);
    if (!failing) {
      counted++;
      figure ??= r.figure;
      if (r.outcome === 'degenerate') degenerate++;
      else if (r.outcome === 'wanders') {
        wandering++;
        wanderingCase ??= r;
      }
      else if (r.outcome === 'error' && errors.length < 3) errors.push(r.note ?? 'error');
      for (const [eq, x] of Object.entries(r.resolution ?? {})) {
        const was = resolution.get(eq)?.value;
        if (was === undefined || Number.isNaN(x) || x > was) resolution.set(eq, { value: x, source: r.resolutionSource?.[eq] ?? 'convergence' });
      }
      for (const d of precisions) {
        const v = r.residuals[d];
        if (v !== undefined && (worst[d] === undefined || new Decimal(v).gt(worst[d]!))) worst[d] = new Decimal(v);
      }
    }
    if (r.outcome === 'fails') {
      failing = true;
      return false;
    }
    return true;
  });
  const details = fc.check(prop, { seed: opts.seed, numRuns: opts.path ? 1 : runs, path: opts.path, endOnFailure: false });
  let counterexample: Counterexample | undefined;
  let numeric: NumericOutcome;
  if (details.failed && details.counterexample) {
    // re-run the shrunk case to report its residuals
    const shrunk = evaluateCase(claim, enc, flags, details.counterexample[0] as P, opts.digits, opts.deep, runs);
    counterexample = {
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      params: details.counterexample[0],
      residuals: shrunk.residuals,
      equation: shrunk.worstEquation,
    };
    numeric = 'fails';
  } else if (errors.length > 0 || wandering > 0) numeric = 'wanders';
  else if (degenerate * 2 > counted || counted - degenerate === 0) numeric = 'degenerate';
  else numeric = 'holds';
  const covered = claim.symbolic?.equations;
  const symbolic: Symbolic = claim.symbolic ? symbolicDecision(enc, claim.symbolic.scopes(), covered, { positive: claim.symbolic.positive }) : 'n/a';
  const complete = !covered || enc.equations.every((q) => covered.includes(q.name));
  // a refutation of an equation the symbolic proof does not cover contradicts nothing
  const symbolicForFailure = counterexample?.equation && covered && !covered.includes(counterexample.equation) ? 'n/a' : symbolic;
  return {
    verdict: combine(numeric, numeric === 'fails' ? symbolicForFailure : symbolic, complete),
    numeric,
    symbolic,
    ...(symbolic === 'zero' ? { symbolicEquations: { proved: covered ?? enc.equations.map((q) => q.name), total: enc.equations.length } } : {}),
    runs: counted,
    degenerate,
    wandering,
    wanderingCase,
    errors,
    axis: claim.ranges ? 'range' : 'digits',
    levels: precisions,
    maxResidual: Object.fromEntries(precisions.map((d) => [d, worst[d]?.toSignificantDigits(4).toExponential() ?? 'n/a'])),
    counterexample,
    ...(figure ? { figure } : {}),
    ...(claim.ranges
      ? {
          resolution: Object.fromEntries([...resolution].map(([eq, x]) => [eq, x.value])),
          resolutionSource: Object.fromEntries([...resolution].map(([eq, x]) => [eq, x.source])),
        }
      : {}),
  };
}

/** The claim and all its wrong variants. */
export function runClaim<P>(claim: Claim<P>, opts: RunOptions): ClaimResult {
  const t0 = performance.now();
  const main = check(claim, undefined, opts);
  // variants stop at their first refuting case: fewer runs suffice to find it
  const vopts = { ...opts, runs: Math.min(opts.runs ?? claim.runs ?? DEFAULT_RUNS, 40) };
  const variants = claim.variants.map((v) => ({ name: v.name, ...check(claim, v, vopts) }));
  const mutants = opts.mutants ? mutationAnalysis(claim, opts) : undefined;
  return { ...main, variants, ...(mutants ? { mutants } : {}), durationMs: Math.round(performance.now() - t0) };
}

/** Whether the symbolic route evaluates a site at all (a definition bound in every scope is not). */
function evaluatedSymbolically<P>(claim: Claim<P>, site: string): boolean {
  const sym = claim.symbolic;
  if (!sym) return false;
  const [kind, name] = site.split(' ') as [string, string];
  // a definition counts where it is evaluated and some decided equation reads it through definitions the scope does not bind
  const decided = claim.encoding.equations.filter((q) => !sym.equations || sym.equations.includes(q.name));
  if (kind === 'def') return sym.scopes().some((s) => !(name in s) && liveDefs(claim.encoding, decided, new Set(Object.keys(s))).has(name));
  const eq = name.split('.')[0]!;
  return !sym.equations || sym.equations.includes(eq);
}

/**
 * Check every automatic mutant as a wrong variant (few cases, no shrinking: a refutation is
 * all that is asked). A survivor is equivalent only when the symbolic route shows it; one
 * that holds numerically on every case is a survivor to look at, and says so.
 */
export function mutationAnalysis<P>(claim: Claim<P>, opts: RunOptions): MutantResult[] {
  // at most the claim's own cases: a claim whose every case is a whole measurement (runs: 1, the
  // run's seed) is judged on that one, and its mutants likewise, not on twelve fresh seeds
  const mopts: RunOptions = { ...opts, runs: Math.min(opts.runs ?? claim.runs ?? DEFAULT_RUNS, 12), maxShrinks: 0 };
  return mutantsOf(claim.encoding).map((m): MutantResult => {
    const r = check(claim, m.variant, mopts);
    const base = { site: m.site, mutation: m.mutation };
    if (r.verdict === 'refuted' || r.verdict === 'conflict') return { ...base, status: 'refuted' };
    // not refuted, and some case could not be evaluated: ill-formed
    if (r.errors.length > 0) return { ...base, status: 'invalid', note: r.errors[0] };
    // a side that is no number where the claim's is one states nothing there
    if (r.wanderingCase && Object.values(r.wanderingCase.residuals).includes('NaN'))
      return { ...base, status: 'invalid', note: `not a number at ${JSON.stringify(r.wanderingCase.params)}` };
    if (r.symbolic === 'zero' && evaluatedSymbolically(claim, m.site)) return { ...base, status: 'equivalent', how: 'symbolic', note: 'reduces to zero symbolically, like the original' };
    const [kind, name] = m.site.split(' ') as [string, string];
    if (kind === 'def' && r.numeric === 'holds') {
      const own = claim.symbolic?.scopes() ?? [];
      const domain = { positive: claim.symbolic?.positive };
      if (sameValue(claim.encoding, name, m.variant.defs![name]!, [...own, ...(claim.structure?.() ?? [])], domain) === 'zero')
        return { ...base, status: 'equivalent', how: 'symbolic', note: `${name} keeps its value on symbolic inputs` };
      const factor = m.mutation === 'factor 2 on the whole side' ? '2*' : m.mutation === 'whole side negated' ? '-' : undefined;
      // the structure scopes decide no equation: only the claim's own symbolic scopes show a rescaled input harmless
      if (factor && homogeneousIn(claim.encoding, name, factor, own, claim.symbolic?.equations, domain) === 'zero')
        return { ...base, status: 'equivalent', how: 'symbolic', note: `the equations reading ${name} reduce to zero with ${name} rescaled` };
    }
    const explained = claim.equivalentMutants?.find((e) => explains(e, m));
    if (explained && r.numeric === 'holds') return { ...base, status: 'equivalent', how: 'explained', note: explained.why };
    const note = r.numeric === 'holds' ? 'holds on every drawn case: equivalent on this domain, or a blind spot' : `${r.verdict} (${r.numeric})`;
    return { ...base, status: 'survived', note };
  });
}
