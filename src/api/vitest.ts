/**
 * Vitest matchers for claims (the entry `scalecheck/vitest`): `expect(claim).toHold()`,
 * `expect(claim).toRefute(variantName)` and `expect(claim).toBeInOrder()` run a claim through
 * the runner the CLI uses, under the CLI's rules: the claim is validated first (a MalformedClaim
 * is thrown, never turned into a verdict), proved and verified hold, a wrong variant is in order
 * only when refuted with a replayable counterexample.
 *
 * Importing this module registers the matchers (`expect.extend`), so either works:
 * `import 'scalecheck/vitest'` in a test file, or `setupFiles: ['scalecheck/vitest']` in the
 * vitest config. Both also bring the type augmentation of vitest's `Matchers`.
 *
 * Seeds: vitest's own `sequence.seed` orders shuffled tests, defaults to the clock and is not
 * exposed to tests; @fast-check/vitest falls back to a random seed. A claim's check must be
 * reproducible in CI and replayable from its failure, so the seed is, in order: the `seed`
 * option, the environment variable `SCALECHECK_SEED`, fast-check's global seed
 * (`fc.configureGlobal({ seed })`, the @fast-check/vitest convention), else 42, the CLI's default.
 * Every failure message prints the seed, where it came from, and the CLI line that replays the case.
 *
 * @example
 * ```ts
 * import { expect, it } from 'vitest';
 * import 'scalecheck/vitest';
 * import { doubling } from './claims.js';
 *
 * it('doubling holds and its wrong variants are refuted', () => {
 *   expect(doubling).toBeInOrder({ runs: 12 });
 * });
 * ```
 * @packageDocumentation
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { applyVariant, type Claim, type Encoding, type Variant } from '../core/claim.js';
import { check, DEFAULT_RUNS, runClaim, type CheckResult, type RunOptions } from '../core/runner.js';
import { validateClaim } from '../core/validate.js';
import { holdsVerdicts } from '../core/verdict.js';
import { MAX_DIGITS } from '../cli/args.js';
import { replayCommand, type RunContext } from '../cli/report.js';
import { claimSetOf } from './verify.js';

/**
 * How a matcher runs a claim. Every field defaults to what `scalecheck verify` does without
 * the corresponding option, so a test and a plain CLI run draw the same cases.
 *
 * @example
 * ```ts
 * expect(claim).toHold({ seed: 7, runs: 12, digits: 30 });
 * ```
 */
export interface ClaimCheckOptions {
  /**
   * fast-check's seed for the drawn cases (an integer from 0 to 2^31 - 1).
   * @defaultValue `SCALECHECK_SEED` from the environment, else fast-check's global seed
   * (`fc.configureGlobal({ seed })`), else 42 (the CLI's `--seed` default)
   */
  seed?: number;
  /**
   * drawn cases for the claim; wrong variants run at most 40 of them, as in the CLI
   * @defaultValue the claim's own `runs`, else 50 (`DEFAULT_RUNS`)
   */
  runs?: number;
  /**
   * the low working precision in decimal digits (the high one is twice it); range claims
   * evaluate their formulas at their own `ranges.digits`
   * @defaultValue 40 (the CLI's `--digits` default)
   */
  digits?: number;
  /**
   * range claims: measure over their `ranges.deep` levels where they have them (minutes, not seconds)
   * @defaultValue false
   */
  deep?: boolean;
}

/**
 * The matchers' signatures, merged into vitest's `Matchers` (hence available on `expect(x)`
 * and, as asymmetric matchers, on `expect`).
 *
 * @example
 * ```ts
 * expect(claim).toHold();
 * expect(claim).toRefute('sign flipped', { runs: 12 });
 * expect({ claim }).toEqual({ claim: expect.toBeInOrder() });
 * ```
 */
export interface ClaimMatchers<R = void> {
  /**
   * Validates the claim and checks it (without its variants): passes when the verdict is
   * proved or verified. `.not.toHold()` passes on any other verdict, inconclusive included.
   */
  toHold(options?: ClaimCheckOptions): R;
  /**
   * Validates the claim and checks the wrong variant of that name: passes when it is refuted
   * with a replayable counterexample. An unknown name throws.
   */
  toRefute(variantName: string, options?: ClaimCheckOptions): R;
  /** Validates the claim and runs it as the CLI does: it holds and every wrong variant is refuted. */
  toBeInOrder(options?: ClaimCheckOptions): R;
}

declare module 'vitest' {
  // the type parameter must repeat vitest's own declaration, default included, for the merge
  interface Matchers<T = any> extends ClaimMatchers<void> {}
}

/** The CLI's defaults (parseVerify in src/cli/args.ts): a test and `scalecheck verify` agree. */
const DEFAULT_SEED = 42;
const DEFAULT_DIGITS = 40;
/** runClaim runs wrong variants with at most this many cases: they stop at their first refutation. */
const VARIANT_RUNS = 40;
/** The environment variable that sets the seed of every check that names none. */
const SEED_ENV = 'SCALECHECK_SEED';
const MAX_SEED = 0x7fffffff;
const MAX_RUNS = 100_000;

/** The built-in catalogue (derivations/, beside src/ in the source tree and in dist/): its claims need no FILE to replay. */
interface Run {
  opts: RunOptions;
  /** where the seed came from, for the message */
  seedFrom: string;
}

function intIn(what: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < lo || v > hi) throw new RangeError(`scalecheck/vitest: ${what} must be an integer from ${lo} to ${hi} (the CLI's limits, so that the replay line runs), got ${String(v)}`);
  return v;
}

/** The options with their defaults, checked against the CLI's limits (the replay line must run). */
function resolve(options: ClaimCheckOptions | undefined): Run {
  const o = options ?? {};
  const env = process.env[SEED_ENV];
  const global = fc.readConfigureGlobal().seed;
  let seed: number;
  let seedFrom: string;
  if (o.seed !== undefined) [seed, seedFrom] = [intIn('the seed option', o.seed, 0, MAX_SEED), 'the seed option'];
  else if (env !== undefined && env !== '') [seed, seedFrom] = [intIn(SEED_ENV, /^\s*\d+\s*$/.test(env) ? Number(env) : env, 0, MAX_SEED), SEED_ENV];
  else if (global !== undefined) [seed, seedFrom] = [intIn('fc.configureGlobal seed', global, 0, MAX_SEED), 'fc.configureGlobal'];
  else [seed, seedFrom] = [DEFAULT_SEED, `the default; set ${SEED_ENV} or the seed option to change it`];
  const digits = intIn('digits', o.digits ?? DEFAULT_DIGITS, 10, MAX_DIGITS);
  const runs = o.runs === undefined ? undefined : intIn('runs', o.runs, 1, MAX_RUNS);
  return { opts: { seed, digits, ...(runs !== undefined ? { runs } : {}), ...(o.deep ? { deep: true } : {}) }, seedFrom };
}

/** A claim, as far as a value from a test can be told to be one. */
function asClaim(received: unknown, matcher: string): Claim<unknown> {
  const c = received as Partial<Claim<unknown>> | null;
  const ok =
    typeof c === 'object' && c !== null && typeof c.id === 'string' && Array.isArray(c.variants) && Array.isArray(c.encoding?.equations) && (typeof c.instance === 'function' || typeof c.measure === 'function');
  if (!ok) throw new TypeError(`scalecheck/vitest: ${matcher} expects a claim (see defineClaim), got ${typeof received === 'object' ? JSON.stringify(received)?.slice(0, 80) : String(received)}`);
  return received as Claim<unknown>;
}

/** JSON, with bigints (fast-check draws them) kept readable. */
function show(x: unknown): string {
  try {
    return JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(x);
  } catch {
    return String(x);
  }
}

/**
 * The CLI command that runs this case again, in the CLI's own format (replayCommand):
 * `npx scalecheck verify FILE --seed S --digits D [--runs N] [--deep] --replay ID[#VARIANT]:PATH`,
 * FILE (the claim's module, relative to the working directory) omitted for the built-in catalogue.
 */
function replayLine(claim: Claim<unknown>, run: Run, path: string, variant?: number): string {
  const o = run.opts;
  const context: RunContext = { seed: o.seed, digits: o.digits, runs: o.runs, deep: o.deep ?? false, ...claimSetOf([claim]) };
  return replayCommand(context, variant === undefined ? claim.id : `${claim.id}#${variant}`, path);
}

/** Residuals by level, in the levels' order: "40 digits: 5e-1, 80 digits: 5e-1" or "range 1: 3e-1, ...". */
function byLevel(claim: Claim<unknown>, levels: number[], res: Record<number, string>): string {
  const at = (l: number): string => (claim.ranges ? `${claim.ranges.label ?? 'range'} ${l}` : `${l} digits`);
  return levels.map((l) => `${at(l)}: ${res[l] ?? 'n/a'}`).join(', ');
}

function equationText(enc: Encoding, name: string | undefined): string | undefined {
  const q = enc.equations.find((e) => e.name === name);
  if (!q) return name;
  return `${q.name}: ${q.lhs} = ${q.rhs}${q.scale !== undefined ? ` (scale ${q.scale})` : ''}`;
}

/** What a check found, one fact a line: the verdict, then its evidence. */
function evidence(claim: Claim<unknown>, variant: Variant | undefined, r: CheckResult, run: Run, index?: number): string[] {
  const enc = applyVariant(claim.encoding, variant);
  const lines = [
    `verdict: ${r.verdict} (drawn cases: ${r.numeric}; symbolic: ${r.symbolic}${r.symbolicEquations ? ` on ${r.symbolicEquations.proved.length}/${r.symbolicEquations.total} equations` : ''})`,
    `cases: ${r.runs} drawn, ${r.degenerate} degenerate, ${r.wandering} wandering`,
  ];
  const ce = r.counterexample;
  if (ce) {
    lines.push(`counterexample (shrunk): ${show(ce.params)}`);
    const eq = equationText(enc, ce.equation);
    if (eq) lines.push(`equation ${eq}`);
    lines.push(`residuals: ${byLevel(claim, r.levels, ce.residuals)}`);
    lines.push(`replay: ${replayLine(claim, run, ce.path, index)}`);
  } else {
    lines.push(`worst residuals: ${byLevel(claim, r.levels, r.maxResidual)}`);
  }
  if (r.wanderingCase) lines.push(`first wandering case: ${show(r.wanderingCase.params)}, residuals ${byLevel(claim, r.levels, r.wanderingCase.residuals)}${r.wanderingCase.worstEquation ? ` (equation ${r.wanderingCase.worstEquation})` : ''}${r.wanderingCase.note ? `: ${r.wanderingCase.note}` : ''}`);
  for (const e of r.errors) lines.push(`error: ${e}`);
  if (r.verdict === 'conflict') lines.push(ce ? 'conflict: a drawn case fails where the symbolic route reduces the equations to zero' : 'conflict: every drawn case holds where the symbolic route finds a nonzero difference');
  if (r.resolution) lines.push(`resolution (each equation off by more is refuted): ${show(r.resolution)}; target ${show(claim.ranges?.target)}`);
  return lines;
}

function runLine(run: Run): string {
  const o = run.opts;
  return `seed ${o.seed} (${run.seedFrom}), digits ${o.digits}${o.runs !== undefined ? `, runs ${o.runs}` : ''}${o.deep ? ', deep' : ''}`;
}

const indent = (lines: string[], by = '  '): string => lines.map((l) => `${by}${l}`).join('\n');

/** Refuted, with a counterexample whose path the CLI can replay. */
function refutedReplayably(r: CheckResult): boolean {
  return r.verdict === 'refuted' && /^\d+(:\d+)*$/.test(r.counterexample?.path ?? '');
}

interface Outcome {
  pass: boolean;
  message: () => string;
}

function toHold(received: unknown, options?: ClaimCheckOptions): Outcome {
  const claim = asClaim(received, 'toHold');
  const run = resolve(options);
  validateClaim(claim, { seed: run.opts.seed, digits: run.opts.digits });
  // the claim's own check, exactly as runClaim starts it
  const r = check(claim, undefined, run.opts);
  const pass = holdsVerdicts.has(r.verdict);
  const message = (): string =>
    pass
      ? `expected claim ${claim.id} not to hold, but it is ${r.verdict}\n  ${runLine(run)}\n${indent(evidence(claim, undefined, r, run))}`
      : `expected claim ${claim.id} to hold (proved or verified), but it is ${r.verdict}\n  ${runLine(run)}\n${indent(evidence(claim, undefined, r, run))}`;
  return { pass, message };
}

function toRefute(received: unknown, variantName: string, options?: ClaimCheckOptions): Outcome {
  const claim = asClaim(received, 'toRefute');
  const index = claim.variants.findIndex((v) => v.name === variantName);
  // a usage mistake, thrown even under .not: it must never pass silently
  if (index < 0) throw new Error(`scalecheck/vitest: claim ${claim.id} has no wrong variant named '${String(variantName)}' (its variants: ${claim.variants.map((v) => `'${v.name}'`).join(', ') || 'none'})`);
  const variant = claim.variants[index]!;
  const run = resolve(options);
  validateClaim(claim, { seed: run.opts.seed, digits: run.opts.digits });
  // runClaim's rule for variants: they stop at their first refuting case, so fewer runs suffice
  const vrun: Run = { ...run, opts: { ...run.opts, runs: Math.min(run.opts.runs ?? claim.runs ?? DEFAULT_RUNS, VARIANT_RUNS) } };
  const r = check(claim, variant, vrun.opts);
  const pass = refutedReplayably(r);
  const what = `wrong variant '${variant.name}' (#${index}) of claim ${claim.id}`;
  const message = (): string =>
    pass
      ? `expected ${what} not to be refuted, but it is\n  ${runLine(run)}\n${indent(evidence(claim, variant, r, run, index))}`
      : `expected ${what} to be refuted with a replayable counterexample, but it is ${r.verdict}\n  ${runLine(run)}\n${indent(evidence(claim, variant, r, run, index))}`;
  return { pass, message };
}

function toBeInOrder(received: unknown, options?: ClaimCheckOptions): Outcome {
  const claim = asClaim(received, 'toBeInOrder');
  const run = resolve(options);
  validateClaim(claim, { seed: run.opts.seed, digits: run.opts.digits });
  const r = runClaim(claim, run.opts);
  const holds = holdsVerdicts.has(r.verdict);
  const standing = r.variants.flatMap((v, i) => (refutedReplayably(v) ? [] : [{ v, i }]));
  const pass = holds && standing.length === 0;
  const message = (): string => {
    if (pass) return `expected claim ${claim.id} not to be in order, but it is ${r.verdict} and all ${r.variants.length} wrong variants are refuted\n  ${runLine(run)}`;
    const parts = [`expected claim ${claim.id} to be in order (it holds and every wrong variant is refuted), but:`, `  ${runLine(run)}`];
    if (!holds) parts.push(`  the claim is ${r.verdict}`, indent(evidence(claim, undefined, r, run), '    '));
    for (const { v, i } of standing) parts.push(`  wrong variant '${v.name}' (#${i}) is ${v.verdict}, not refuted`, indent(evidence(claim, claim.variants[i], v, run, i), '    '));
    return parts.join('\n');
  };
  return { pass, message };
}

/**
 * The matchers, for `expect.extend` by hand (importing this module already registers them).
 *
 * @example
 * ```ts
 * import { expect } from 'vitest';
 * import { claimMatchers } from 'scalecheck/vitest';
 * expect.extend(claimMatchers);
 * ```
 */
export const claimMatchers = { toHold, toRefute, toBeInOrder };

/**
 * Registers the matchers on vitest's `expect`. Importing this module does it already; calling
 * it again is harmless (a setup file may call it explicitly).
 *
 * @example
 * ```ts
 * // vitest.setup.ts, listed in the config's test.setupFiles
 * import { setup } from 'scalecheck/vitest';
 * setup();
 * ```
 */
export function setup(): void {
  expect.extend(claimMatchers);
}

setup();
