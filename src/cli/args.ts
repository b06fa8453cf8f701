/** Command-line parsing: every bad input becomes a UsageError with a one-line message (exit 2). */
import { MAX_WORKING_DIGITS } from '../symbolic/numeric.js';

export class UsageError extends Error {}

/** An error's message, first line only: what the CLI prints (never a stack trace). */
export function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

export interface VerifyOptions {
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

export function parseVerify(argv: string[], cores: number): VerifyOptions {
  const o: VerifyOptions = { filter: [], digits: 40, seed: 42, jobs: Math.max(1, cores), timeoutMs: 0, quiet: false, mutants: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
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
      default:
        throw new UsageError(`unknown option '${a}' (see 'scalecheck help')`);
    }
  }
  // a claim's budget covers its mutants too: a few hundred of them take minutes on a loaded machine
  if (o.timeoutMs === 0) o.timeoutMs = o.mutants ? 1_800_000 : 300_000;
  return o;
}

const USAGE = {
  verify: `  scalecheck verify [--filter PREFIX]... [--runs N] [--digits D] [--seed S]
                    [--json FILE] [--junit FILE] [--html FILE] [--jobs J] [--timeout SECONDS]
                    [--replay ID[#VARIANT]:PATH] [--mutants] [--quiet]`,
  exponents: `  scalecheck exponents MODEL --PARAM VALUE ... [--latex | --json] [--plot FILE.svg]
  scalecheck exponents --list`,
  diagnose: '  scalecheck diagnose [--input FILE.json] [--json]',
  list: '  scalecheck list',
  help: '  scalecheck help [COMMAND]\n  scalecheck --version',
} as const;

/** The commands, each with --help. */
export type Command = keyof typeof USAGE;
export const COMMANDS = Object.keys(USAGE) as Command[];

const ABOUT: Record<Command, string> = {
  verify: `verify runs every claim (or those whose id starts with a PREFIX) as a seeded property:
each drawn case is evaluated at D and 2D digits (default 40 and 80; D at most ${MAX_DIGITS}).
Each claim runs in a worker thread under its budget (--timeout, default 300 s, 1800 s with
--mutants) and a heap limit; one that overruns either is lost, not the run.
--mutants also checks every automatic mutant of each encoding and reports survivors.
--replay runs one case of the claim (or of its wrong variant #N) again, as printed in the
report; it exits 1 when the case does not hold there.
Reports are written whole or not at all; on SIGINT/SIGTERM the claims finished so far are
written as a partial report ("partial": true) and the exit code is 130/143.
--html writes the report as one self-contained page (opens offline): summary table, each
statement typeset, verdicts, wrong variants, and plots of the residuals and of the figures.`,
  exponents: `exponents prints a model's scaling laws (formula and value) for the given parameters, in
the regime that applies; outside the model's domain, or where no regime's derivation
holds, it says so and exits 2. --list shows the models and their parameters. --plot writes
the predicted laws, with the model's simulation beside them where it has one, to an SVG file.`,
  diagnose: `diagnose trains small networks (built-in ones, or yours from FILE.json: see README) and prints
the measured assumptions (kind 'assumption') with a plain reading; they are not verdicts.`,
  list: 'list prints every claim (id, kind, source, number of wrong variants, statement in LaTeX), tab-separated, and every measured assumption.',
  help: 'help prints this text, or one command\'s; --version prints the version.',
};

const EXIT_CODES = `exit codes:
  0  every claim holds, every wrong variant is refuted, no automatic mutant survived
  1  some claim does not hold, some wrong variant is not refuted, or a mutant survived
     (--replay: the case does not hold)
  2  bad input: options, a malformed claim, an output that cannot be written (one line)
  3  internal error (one line)
  130, 143  interrupted by SIGINT, SIGTERM (verify writes a partial report first)`;

export const HELP = `scalecheck: checks the mathematics of the spectral-shell theory of neural scaling laws

usage:
${COMMANDS.map((c) => USAGE[c]).join('\n')}

${(['verify', 'exponents', 'diagnose'] as const).map((c) => ABOUT[c]).join('\n\n')}

${EXIT_CODES}`;

/** One command's help: its usage, what it does, and the exit codes. */
export function commandHelp(cmd: Command): string {
  return `usage:\n${USAGE[cmd]}\n\n${ABOUT[cmd]}\n\n${EXIT_CODES}`;
}
