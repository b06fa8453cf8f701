import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Claim } from '../core/claim.js';
import { runClaim } from '../core/runner.js';
import { MalformedClaim, validateClaim } from '../core/validate.js';
import { UsageError, checkLimit } from '../cli/args.js';
import { entry, summarise, type ClaimEntry, type Report, type RunContext } from '../cli/report.js';

const CATALOGUE = fileURLToPath(new URL('../../derivations/', import.meta.url));

/**
 * The claim set a replay command must load for these claims: the modules they were defined in
 * (relative to the working directory; a placeholder for a claim not made by defineClaim), and
 * the catalogue beside them when some come from it.
 */
export function claimSetOf(claims: readonly Claim<unknown>[]): Pick<RunContext, 'files' | 'catalogue'> {
  const files = new Set<string>();
  let catalogue = false;
  for (const c of claims) {
    if (c.file === undefined) files.add(`<the module that exports ${c.id}>`);
    else if (c.file.startsWith(CATALOGUE)) catalogue = true;
    else files.add(relative(process.cwd(), c.file) || c.file);
  }
  return { files: [...files], catalogue: catalogue && files.size > 0 };
}

/** How `verify` runs: the same settings as `scalecheck verify`. */
export interface VerifyOptions {
  /**
   * fast-check seed: the same seed draws the same cases
   * @defaultValue 42
   */
  seed?: number;
  /**
   * drawn cases per claim (a claim's own `runs` otherwise, else 50)
   * @defaultValue the claim's `runs`, else 50
   */
  runs?: number;
  /**
   * the low working precision in decimal digits; the high one is twice it
   * @defaultValue 40
   */
  digits?: number;
  /**
   * also check every automatic mutant of each encoding
   * @defaultValue false
   */
  mutants?: boolean;
  /**
   * range claims: measure over their longer `ranges.deep` levels where they have them
   * @defaultValue false
   */
  deep?: boolean;
  /** called with each claim's entry as it finishes (progress) */
  onClaim?: (entry: ClaimEntry) => void;
}

const OPTION_TYPES: Record<keyof VerifyOptions, string> = { seed: 'number', runs: 'number', digits: 'number', mutants: 'boolean', deep: 'boolean', onClaim: 'function' };

/** JavaScript callers get no type checker: what TypeScript would have refused, as a UsageError. */
function checkOptions(claims: unknown, options: unknown): void {
  if (!Array.isArray(claims) || claims.length === 0) throw new UsageError(`verify takes a non-empty array of claims, got ${Array.isArray(claims) ? 'an empty array' : claims === null ? 'null' : typeof claims}`);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new UsageError(`verify's options are an object, got ${options === null ? 'null' : typeof options}`);
  for (const [k, v] of Object.entries(options)) {
    if (!Object.hasOwn(OPTION_TYPES, k)) throw new UsageError(`verify has no option '${k}' (options: ${Object.keys(OPTION_TYPES).join(', ')})`);
    const want = OPTION_TYPES[k as keyof VerifyOptions];
    if (v !== undefined && typeof v !== want) throw new UsageError(`verify's option ${k} is a ${want}, got ${typeof v}`);
  }
}

/**
 * Checks claims in this thread and returns the report `scalecheck verify --json` writes: each
 * claim's verdict, its wrong variants' verdicts with replayable counterexamples, residuals per
 * level, and the summary (`summary.ok`: everything holds and every variant is refuted).
 * Every claim is validated first: a writing mistake throws `MalformedClaim` before any runs, and
 * an option outside the CLI's limits (a seed that is no integer, say) throws `UsageError`.
 * Unlike the CLI it runs no worker threads, so no time budget or heap limit applies.
 *
 * @example
 * ```ts
 * import { verify } from 'scalecheck';
 * import { doubling } from './claims.js';
 *
 * const report = verify([doubling], { seed: 7, runs: 20 });
 * console.log(report.claims[0].verdict); // 'proved'
 * if (!report.summary.ok) process.exitCode = 1;
 * ```
 */
export function verify(claims: readonly Claim<unknown>[], options: VerifyOptions = {}): Report {
  checkOptions(claims, options);
  const seed = checkLimit('seed', options.seed ?? 42);
  const digits = checkLimit('digits', options.digits ?? 40);
  if (options.runs !== undefined) checkLimit('runs', options.runs);
  for (const c of claims) validateClaim(c, { seed, digits });
  const ids = new Set<string>();
  for (const c of claims) {
    if (ids.has(c.id)) throw new MalformedClaim(`two claims are named '${c.id}'`);
    ids.add(c.id);
  }
  const run: RunContext = { seed, digits, runs: options.runs, deep: options.deep ?? false, ...claimSetOf(claims) };
  const entries = claims.map((c) => {
    const r = runClaim(c, { seed, digits, runs: options.runs, mutants: options.mutants, deep: options.deep });
    const e = entry(c, r, run);
    options.onClaim?.(e);
    return e;
  });
  return summarise(seed, digits, entries);
}
