/** Command-line parsing: every bad input becomes a UsageError with a one-line message (exit 2). */
export class UsageError extends Error {}

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

const LIMITS = {
  runs: [1, 100_000],
  digits: [10, 1000],
  seed: [0, 0x7fffffff],
  jobs: [1, 64],
  timeout: [1, 86_400],
} as const;

function intOption(name: keyof typeof LIMITS, raw: string | undefined): number {
  if (raw === undefined || raw.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  if (!/^[+]?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be an integer, got '${raw}'`);
  const v = Number(raw);
  const [lo, hi] = LIMITS[name];
  if (!Number.isSafeInteger(v) || v < lo || v > hi) throw new UsageError(`--${name} must be between ${lo} and ${hi}, got '${raw}'`);
  return v;
}

function stringOption(name: string, raw: string | undefined): string {
  if (raw === undefined || raw === '' || raw.startsWith('--')) throw new UsageError(`--${name} needs a value`);
  return raw;
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
        const m = /^([a-z][\w.-]*)(?:#(\d+))?:([\d:]+)$/.exec(r);
        if (!m) throw new UsageError(`--replay takes ID[#VARIANT]:PATH (e.g. kato.projector#1:4:0), got '${r}'`);
        o.replay = { id: m[1]!, variant: m[2] === undefined ? undefined : Number(m[2]), path: m[3]! };
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

export const HELP = `scalecheck: checks the mathematics of the spectral-shell theory of neural scaling laws

usage:
  scalecheck verify [--filter PREFIX]... [--runs N] [--digits D] [--seed S]
                    [--json FILE] [--junit FILE] [--html FILE] [--jobs J] [--timeout SECONDS]
                    [--replay ID[#VARIANT]:PATH] [--mutants] [--quiet]
  scalecheck exponents MODEL --PARAM VALUE ... [--latex | --json] [--plot FILE.svg]
  scalecheck exponents --list
  scalecheck diagnose [--input FILE.json] [--json]
  scalecheck list
  scalecheck help

verify runs every claim (or those whose id starts with a PREFIX) as a seeded property:
each drawn case is evaluated at D and 2D digits (default 40 and 80). Exit 0 iff every
claim holds and every wrong variant is refuted, 1 otherwise, 2 on bad input.
--mutants also checks every automatic mutant of each encoding and reports survivors.
--html writes the report as one self-contained page (opens offline): summary table, each
statement typeset, verdicts, wrong variants, and plots of the residuals and of the figures.

exponents prints a model's scaling laws (formula and value) for the given parameters, in
the regime that applies; outside the model's domain, or where no regime's derivation
holds, it says so and exits 2. --list shows the models and their parameters. --plot writes
the predicted laws, with the model's simulation beside them where it has one, to an SVG file.

diagnose trains small networks (built-in ones, or yours from FILE.json: see README) and prints
the measured assumptions (kind 'assumption') with a plain reading; they are not verdicts.`;
