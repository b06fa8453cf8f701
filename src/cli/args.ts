/** Command-line parsing: every bad input becomes a UsageError with a one-line message (exit 2). */
import { MAX_WORKING_DIGITS } from '../symbolic/numeric.js';

export class UsageError extends Error {}

/** An error's message, first line only: what the CLI prints (never a stack trace). */
export function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

/** Where the claims come from: claim files and directories, and the built-in catalogue. */
export interface ClaimSources {
  /** claim files and directories as given (positionals and --claims), in order */
  files: string[];
  /** --catalogue / --no-catalogue; unset: the catalogue only when no claim files are given */
  catalogue?: boolean;
}

/** Whether the catalogue's claims (or models) are in the set: as asked, else only without files. */
export function catalogueOn(s: ClaimSources): boolean {
  return s.catalogue ?? s.files.length === 0;
}

export interface VerifyOptions extends ClaimSources {
  filter: string[];
  runs?: number;
  digits: number;
  seed: number;
  json?: string;
  junit?: string;
  /** the report as one self-contained HTML page */
  html?: string;
  jobs: number;
  timeoutMs: number;
  replay?: { id: string; variant?: number; path: string };
  quiet: boolean;
  mutants: boolean;
  /** range claims over their longer deep ranges, where they have them */
  deep: boolean;
  /** run only this share of the selected claims (1-based index of count) */
  shard?: { index: number; count: number };
}

/**
 * Cases run at D and 2D digits, so 2D must be within both limits of the engine: encodings are
 * evaluated at MAX_WORKING_DIGITS (300) at most (mathjs's comparison tolerance 10^-digits must be
 * a positive double), and decimal.js holds ln 10 and pi to 1025 digits only, so ln, exp and
 * non-integer powers past that throw "Precision limit exceeded": the fixed-point kernel computes
 * ln 2 at 2D + 18 digits and decimal.js's ln adds 12 (src/numeric/fixed.ts), so 2D + 30 <= 1025.
 */
export const MAX_DIGITS = Math.min(Math.floor(MAX_WORKING_DIGITS / 2), 497);

const LIMITS = {
  runs: [1, 100_000],
  digits: [10, MAX_DIGITS],
  seed: [0, 0x7fffffff],
  jobs: [1, 64],
  timeout: [1, 86_400],
} as const;

/** At most this many shards: each is a run of its own, so more would be parts of a claim or two. */
export const MAX_SHARDS = 10_000;

function shardOption(raw: string | undefined): { index: number; count: number } {
  const v = stringOption('shard', raw);
  const m = /^(\d{1,5})\/(\d{1,5})$/.exec(v.trim());
  if (!m) throw new UsageError(`--shard takes I/N (e.g. 2/3), got '${v}'`);
  const [index, count] = [Number(m[1]), Number(m[2])];
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) throw new UsageError(`--shard I/N needs 1 <= I <= N <= ${MAX_SHARDS}, got '${v}'`);
  return { index, count };
}

/** A flag that takes no value: '--deep=yes' is a mistake, not a yes. */
function noValue(flag: string, inline: string | undefined): void {
  if (inline !== undefined) throw new UsageError(`${flag} takes no value`);
}

/**
 * The options that choose claim files and the catalogue (verify, list): consumes one argument
 * (with its value) and says so, or leaves it.
 */
function claimSourceArg(o: ClaimSources, a: string, flag: string, inline: string | undefined, value: () => string | undefined): boolean {
  switch (flag) {
    case '--claims':
      o.files.push(stringOption('claims', value()));
      return true;
    case '--catalogue':
    case '--no-catalogue':
      noValue(flag, inline);
      o.catalogue = flag === '--catalogue';
      return true;
  }
  if (a.startsWith('-')) return false;
  if (a.trim() === '') throw new UsageError(`an empty claim file path`);
  o.files.push(a);
  return true;
}

/** A numeric option given through the API (verify()): an integer within the CLI's limits, else UsageError. */
export function checkLimit(name: keyof typeof LIMITS, v: number): number {
  const [lo, hi] = LIMITS[name];
  if (!Number.isSafeInteger(v) || v < lo || v > hi) throw new UsageError(`${name} must be an integer from ${lo} to ${hi}, got ${String(v)}`);
  return v;
}

function intOption(name: keyof typeof LIMITS, raw: string | undefined): number {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  if (!/^[+]?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be an integer, got '${raw}'`);
  const v = Number(raw);
  const [lo, hi] = LIMITS[name];
  const why = name === 'digits' ? ` (cases run at D and 2D digits; encodings are evaluated at ${MAX_WORKING_DIGITS} digits at most)` : '';
  if (!Number.isSafeInteger(v) || v < lo || v > hi) throw new UsageError(`--${name} must be between ${lo} and ${hi}${why}, got '${raw}'`);
  return v;
}

function stringOption(name: string, raw: string | undefined): string {
  if (raw === undefined || raw === '' || raw.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return raw;
}

/**
 * A fast-check path: the drawn case's index, then one index per shrink step. fast-check walks it
 * by drawing every case before the first index and every shrink before each later one, so huge
 * indices hang rather than fail: bound them here (the first against the claim's runs in main).
 */
function replayPath(path: string): string {
  const segments = path.split(':').map(Number);
  if (segments.length > 1000) throw new UsageError(`--replay: a path has at most 1000 steps, got ${segments.length}`);
  if (segments[0]! >= LIMITS.runs[1]) throw new UsageError(`--replay: the case index must be below ${LIMITS.runs[1]}, got ${path.split(':')[0]}`);
  if (segments.slice(1).some((s) => s > 10_000)) throw new UsageError(`--replay: a shrink step must be at most 10000, got '${path}'`);
  return segments.join(':');
}

/** '--flag=value' as ['--flag', 'value']; anything else as [itself, undefined]. */
function splitFlag(a: string): [string, string | undefined] {
  return a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
}

export type ListOptions = ClaimSources;

export function parseList(argv: string[]): ListOptions {
  const o: ListOptions = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = splitFlag(a);
    if (!claimSourceArg(o, a, flag, inline, () => inline ?? argv[++i])) throw new UsageError(`unknown option '${a}' for list (FILE_OR_DIR..., --claims, --catalogue, --no-catalogue)`);
  }
  return o;
}

export interface MergeOptions {
  /** the parts' JSON reports */
  parts: string[];
  json?: string;
  junit?: string;
  html?: string;
}

export function parseMerge(argv: string[]): MergeOptions {
  const o: MergeOptions = { parts: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = splitFlag(a);
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--json' || flag === '--junit' || flag === '--html') o[flag.slice(2) as 'json' | 'junit' | 'html'] = stringOption(flag.slice(2), value());
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}' for merge (PART.json..., --json, --junit, --html)`);
    else if (a.trim() === '') throw new UsageError('an empty part path');
    else o.parts.push(a);
  }
  if (o.parts.length === 0) throw new UsageError(`merge needs the parts' JSON reports (verify --shard I/N --json PART.json)`);
  return o;
}

export function parseVerify(argv: string[], cores: number): VerifyOptions {
  const o: VerifyOptions = { files: [], filter: [], digits: 40, seed: 42, jobs: Math.max(1, cores), timeoutMs: 0, quiet: false, mutants: false, deep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = splitFlag(a);
    const value = (): string | undefined => inline ?? argv[++i];
    if (claimSourceArg(o, a, flag, inline, value)) continue;
    switch (flag) {
      case '--filter':
        o.filter.push(stringOption('filter', value()));
        break;
      case '--runs':
        o.runs = intOption('runs', value());
        break;
      case '--digits':
        o.digits = intOption('digits', value());
        break;
      case '--seed':
        o.seed = intOption('seed', value());
        break;
      case '--jobs':
        o.jobs = intOption('jobs', value());
        break;
      case '--timeout':
        o.timeoutMs = intOption('timeout', value()) * 1000;
        break;
      case '--json':
        o.json = stringOption('json', value());
        break;
      case '--junit':
        o.junit = stringOption('junit', value());
        break;
      case '--html':
        o.html = stringOption('html', value());
        break;
      case '--replay': {
        const r = stringOption('replay', value());
        const m = /^([a-z][\w.-]*)(?:#(\d{1,6}))?:(\d+(?::\d+)*)$/.exec(r);
        if (!m) throw new UsageError(`--replay takes ID[#VARIANT]:PATH (e.g. kato.projector#1:4:0), got '${r}'`);
        o.replay = { id: m[1]!, variant: m[2] === undefined ? undefined : Number(m[2]), path: replayPath(m[3]!) };
        break;
      }
      case '--quiet':
        o.quiet = true;
        break;
      case '--mutants':
        o.mutants = true;
        break;
      case '--deep':
        noValue(flag, inline);
        o.deep = true;
        break;
      case '--shard':
        o.shard = shardOption(value());
        break;
      default:
        throw new UsageError(`unknown option '${a}' (see 'scalecheck help')`);
    }
  }
  if (o.replay && o.shard) throw new UsageError(`--shard does not go with --replay (a replay runs one case of one claim)`);
  // a claim's budget covers its mutants too: a few hundred of them take minutes on a loaded machine
  if (o.timeoutMs === 0) o.timeoutMs = o.mutants ? 1_800_000 : 300_000;
  return o;
}

const USAGE = {
  verify: `  scalecheck verify [FILE_OR_DIR]... [--claims FILE_OR_DIR]... [--catalogue | --no-catalogue]
                    [--filter PREFIX]... [--runs N] [--digits D] [--seed S] [--deep]
                    [--json FILE] [--junit FILE] [--html FILE] [--jobs J] [--timeout SECONDS]
                    [--shard I/N] [--replay ID[#VARIANT]:PATH] [--mutants] [--quiet]`,
  merge: '  scalecheck merge PART.json... [--json FILE] [--junit FILE] [--html FILE]',
  exponents: `  scalecheck exponents MODEL --PARAM VALUE ... [--latex | --json] [--plot FILE.svg]
                       [--models FILE_OR_DIR]... [--catalogue | --no-catalogue]
  scalecheck exponents --list [--models FILE_OR_DIR]... [--catalogue | --no-catalogue]`,
  diagnose: '  scalecheck diagnose [--input FILE.json] [--json]',
  list: '  scalecheck list [FILE_OR_DIR]... [--claims FILE_OR_DIR]... [--catalogue | --no-catalogue]',
  help: '  scalecheck help [COMMAND]\n  scalecheck --version',
} as const;

/** The commands, each with --help. */
export type Command = keyof typeof USAGE;
export const COMMANDS = Object.keys(USAGE) as Command[];

const CLAIM_FILES = `Claim files: each FILE (.mjs, .js, .mts, .ts; TypeScript is loaded as it is, no build
step) or every such file in a DIR (not its subdirectories; *.test.* and *.d.ts skipped),
in name order. A module's claims are its default export and its named exports that are a
claim or an array of claims, in export order. A file with no claim, one that throws while
it loads, or two claims with one id (across files or with the catalogue) is bad input.
The built-in catalogue's claims are in the set without claim files; with claim files they
are not (--no-catalogue is the default then) unless --catalogue adds them.`;

const ABOUT: Record<Command, string> = {
  verify: `verify runs every claim (or those whose id starts with a PREFIX) as a seeded property:
each drawn case is evaluated at D and 2D digits (default 40 and 80; D at most ${MAX_DIGITS}).
${CLAIM_FILES}
Each claim runs in a worker thread under its budget (--timeout, default 300 s, 1800 s with
--mutants) and a heap limit; one that overruns either is lost, not the run.
--deep measures range claims (scaling laws) over their longer deep ranges, where they have
them, instead of their usual ones: minutes per claim, not seconds; the report's levels and
floors are the deep ones.
--mutants also checks every automatic mutant of each encoding and reports survivors.
--replay runs one case of the claim (or of its wrong variant #N) again, as printed in the
report (the printed command names the claim files); it exits 1 when the case does not hold
there.
--shard I/N runs the I-th of N shares of the chosen claims (claims of one affinity stay
together; the shares are balanced by claim count and do not depend on --jobs); its --json
report is a part for 'scalecheck merge'.
Reports are written whole or not at all; on SIGINT/SIGTERM the claims finished so far are
written as a partial report ("partial": true) and the exit code is 130/143.
--html writes the report as one self-contained page (opens offline): summary table, each
statement typeset, verdicts, wrong variants, and plots of the residuals and of the figures.`,
  merge: `merge combines the JSON reports of the N parts of a sharded run (verify --shard I/N --json
PART.json, one per I) into the report the unsharded run gives (the same claims in the same
order, the same summary; only the timings differ): it prints its table, writes --json,
--junit, --html, and exits as that verify would (0 or 1). Parts of different runs (seed,
digits, runs, other options, claim files, selection), a part given twice, a missing part, or
an interrupted (partial) part is bad input.`,
  exponents: `exponents prints a model's scaling laws (formula and value) for the given parameters, in
the regime that applies; outside the model's domain, or where no regime's derivation
holds, it says so and exits 2. --list shows the models and their parameters. --plot writes
the predicted laws, with the model's simulation beside them where it has one, to an SVG file.
--models FILE_OR_DIR loads your exponent models (exports that are a model or an array of
models, as claim files are read); the built-in models are then left out unless --catalogue
adds them (a model name given twice is bad input).`,
  diagnose: `diagnose trains small networks (built-in ones, or yours from FILE.json: see README) and prints
the measured assumptions (kind 'assumption') with a plain reading; they are not verdicts.`,
  list: `list prints every claim (id, kind, source, number of wrong variants, statement in LaTeX),
tab-separated, and, with the catalogue, every measured assumption. It reads claim files as
verify does: ${CLAIM_FILES.replace(/^Claim files: /, '')}`,
  help: 'help prints this text, or one command\'s; --version prints the version.',
};

const EXIT_CODES = `exit codes:
  0  every claim holds, every wrong variant is refuted, no automatic mutant survived
  1  some claim does not hold, some wrong variant is not refuted, or a mutant survived
     (--replay: the case does not hold)
  2  bad input: options, a malformed claim, a claim file that cannot be loaded, an output
     that cannot be written, parts that do not make one run (one line)
  3  internal error (one line)
  130, 143  interrupted by SIGINT, SIGTERM (verify writes a partial report first)`;

export const HELP = `scalecheck: checks the mathematics of the spectral-shell theory of neural scaling laws

usage:
${COMMANDS.map((c) => USAGE[c]).join('\n')}

${(['verify', 'merge', 'exponents', 'diagnose'] as const).map((c) => ABOUT[c]).join('\n\n')}

${EXIT_CODES}`;

/** One command's help: its usage, what it does, and the exit codes. */
export function commandHelp(cmd: Command): string {
  return `usage:\n${USAGE[cmd]}\n\n${ABOUT[cmd]}\n\n${EXIT_CODES}`;
}
