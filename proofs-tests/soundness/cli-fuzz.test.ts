/**
 * Bad-input fuzz of the command line, in process: thousands of argument vectors drawn from
 * mixes of valid and invalid commands, flags, values (NaN, Infinity, huge and negative numbers,
 * empty strings, unicode, '=' forms, prototype names) run through main() with a tiny app (a
 * true claim, a false one, one exponent model). Whatever the input: main never throws, the
 * exit code is 0, 1 or 2, an exit 2 comes with exactly one 'scalecheck:' line on stderr, and no
 * output carries a stack trace.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Claim } from '../../src/core/claim.js';
import type { LawModel } from '../../src/core/laws.js';
import { main, type App } from '../../src/cli/main.js';

const INVOCATIONS = Number(process.env.FUZZ_INVOCATIONS ?? 2000);

/** x + x = 2x on x in [1, 1000]: holds, its wrong variant is refuted (exit 0) */
const doubled: Claim<number> = {
  id: 'toy.double',
  group: 'toy',
  kind: 'identity',
  source: 'none',
  statement: 'x + x = 2x',
  domain: fc.integer({ min: 1, max: 1000 }),
  encoding: { defs: [['y', 'x + x']], equations: [{ name: 'double', lhs: 'y', rhs: '2 * x' }] },
  instance: (x) => ({ scope: { x: new Decimal(x) } }),
  runs: 2,
  variants: [{ name: 'tripled', equations: { double: { rhs: '3 * x' } } }],
};

/** x * x = 2x: refuted (exit 1) */
const squared: Claim<number> = {
  ...doubled,
  id: 'toy.square',
  statement: 'x^2 = 2x',
  encoding: { defs: [['y', 'x * x']], equations: [{ name: 'square', lhs: 'y', rhs: '2 * x' }] },
  variants: [],
};

const model: LawModel = {
  name: 'toy',
  description: 'a toy law',
  source: 'none',
  params: [
    { name: 'alpha', meaning: 'spectral decay' },
    { name: 'beta', meaning: 'source decay' },
  ],
  domain: [{ when: 'alpha > 1', message: 'alpha must exceed 1' }],
  keys: [
    { key: 'nu', meaning: 'nu' },
    { key: 'loss.time', meaning: 'L ~ t^-x' },
  ],
  derived: { nu: '(beta - 1) / alpha' },
  regimes: [
    { name: 'slow', description: 'beta below 2', when: 'beta < 2', formulas: { 'loss.time': 'nu' } },
    { name: 'fast', description: 'beta from 2 to 50', when: 'beta >= 2 and beta < 50', formulas: { 'loss.time': '2 * nu / sqrt(beta - 2)' } },
  ],
  excluded: [{ when: 'beta == 1', why: 'beta = 1 is the boundary' }],
};

/** |x^2| = x^2: holds, and the mutant y -> -y survives (exit 1 under --mutants) */
const absolute: Claim<number> = {
  ...doubled,
  id: 'toy.abs',
  statement: '|x^2| = x^2',
  encoding: { defs: [['y', 'x * x']], equations: [{ name: 'abs', lhs: 'abs(y)', rhs: 'x * x' }] },
  variants: [],
};

const app: App = { claims: [doubled, squared, absolute] as Claim<unknown>[], models: [model] };

// files the CLI may write go to a temporary directory or to a path that cannot be written
const dir = mkdtempSync(join(tmpdir(), 'scalecheck-fuzz-'));
const outFile = fc.constantFrom(join(dir, 'r.json'), join(dir, 'r.xml'), join(dir, 'r.html'), join(dir, 'r.svg'), join(dir, 'missing', 'r.json'), '/proc/scalecheck/denied', dir, '');
const WRITERS = new Set(['--json', '--junit', '--html', '--plot']);

const nasty = fc.constantFrom('NaN', 'Infinity', '-Infinity', '-1', '0', '1', '3', '10', '40', '1e9', '1e400', '9'.repeat(400), '0x10', ' 7', '1.5', '-0', '', ' ', '=', '==', '٣', 'π', '𝟙', 'toy', 'toy.', 'toy.double', 'toy.square#0:0', 'toy.double:0', 'toy.double#0:1:2:3', 'toy.double:99999999999999999999', 'toy.double#7:0', 'kato.projector:x', '--', '-h', 'null', 'undefined', '__proto__', 'constructor');
const value = fc.oneof({ arbitrary: nasty, weight: 4 }, { arbitrary: fc.string({ maxLength: 8 }), weight: 1 }, { arbitrary: fc.integer().map(String), weight: 1 }, { arbitrary: fc.double().map(String), weight: 1 });
const verifyFlag = fc.constantFrom('--filter', '--runs', '--digits', '--seed', '--jobs', '--timeout', '--replay', '--quiet', '--mutants', '--json', '--junit', '--html', '--bogus', '-q', '--');
const exponentsFlag = fc.constantFrom('--alpha', '--beta', '--gamma', '--latex', '--json', '--list', '--plot', '--constructor', '--__proto__', '--toString', '--', '--1x');

/** one option: '--flag value', '--flag=value', or the flag alone; writers only get safe paths */
const option = (flags: fc.Arbitrary<string>): fc.Arbitrary<string[]> =>
  fc.tuple(flags, value, outFile, fc.constantFrom('split', 'inline', 'alone')).map(([f, v, file, form]) => {
    const val = WRITERS.has(f) ? file : v;
    return form === 'split' ? [f, val] : form === 'inline' ? [`${f}=${val}`] : [f];
  });

/** a stray token: any string that cannot name a writer option */
const stray = fc.string({ maxLength: 10 }).filter((s) => ![...WRITERS].some((w) => s.startsWith(w)));

/** mostly well-formed invocations, so that real runs (exit 0 and 1) are fuzzed too */
const plausible: fc.Arbitrary<string[]> = fc.oneof(
  fc
    .tuple(
      fc.subarray(['--filter=toy.double', '--filter=toy.square', '--filter=toy', '--quiet', '--mutants', '--seed=0', '--seed=2147483647', '--jobs=2', '--timeout=1'], { maxLength: 4 }),
      fc.constantFrom([], ['--digits', '10'], ['--digits', '25'], ['--replay', 'toy.double:0'], ['--replay', 'toy.square:0:0'], ['--replay', 'toy.double#0:0'], ['--replay', 'toy.double:5:4:3:2:1']),
      fc.option(fc.tuple(fc.constantFrom('--json', '--junit', '--html'), outFile), { nil: undefined }),
    )
    .map(([flags, extra, write]) => ['verify', ...flags, ...extra, ...(write ? write : []), '--runs', '1']),
  fc
    .tuple(
      fc.constantFrom('toy', 'Toy', 'toy2'),
      fc.oneof(fc.constantFrom('1', '1.0000001', '2', '1e308', '1e-300', '-2', '3.', '.5', '+4', '1e400'), fc.double({ noNaN: true }).map(String)),
      fc.oneof(fc.constantFrom('1', '2', '1.999999', '49.99', '50', '-1e308', '0'), fc.double({ noNaN: true }).map(String)),
      fc.constantFrom([], ['--latex'], ['--json'], ['--json=1'], ['--plot', join(dir, 'p.svg')]),
      fc.boolean(),
    )
    .map(([m, a, b, fmt, inline]) => ['exponents', m, ...(inline ? [`--alpha=${a}`, `--beta=${b}`] : ['--alpha', a, '--beta', b]), ...fmt]),
);

const command = fc.constantFrom('verify', 'list', 'exponents', 'help', '--help', '-h', 'diagnose', 'Verify', '', '💥', 'verify ');
const noisy: fc.Arbitrary<string[]> = fc
  .tuple(
    command,
    fc.constantFrom('toy', 'nope', '--list', undefined),
    fc.array(fc.oneof({ arbitrary: option(verifyFlag), weight: 3 }, { arbitrary: option(exponentsFlag), weight: 3 }, { arbitrary: stray.map((s) => [s]), weight: 1 }), { maxLength: 5 }),
    fc.boolean(),
  )
  .map(([cmd, model, opts, empty]) => {
    if (empty) return [];
    const argv = [cmd, ...(cmd === 'exponents' && model !== undefined ? [model] : []), ...opts.flat()];
    // a verify that may really run: a single case at modest precision keeps it quick
    return cmd === 'verify' ? [...argv, '--runs', '1', '--digits', '12'] : argv;
  });

const argvArb = fc.oneof(noisy, plausible);

interface Invocation {
  argv: string[];
  code?: number;
  out: string[];
  err: string[];
  thrown?: string;
}

async function invoke(argv: string[]): Promise<Invocation> {
  const r: Invocation = { argv, out: [], err: [] };
  try {
    r.code = await main(argv, app, { out: (s) => r.out.push(s), err: (s) => r.err.push(s) });
  } catch (e) {
    r.thrown = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
  }
  return r;
}

/** What is wrong with one invocation (nothing: undefined). */
function violation(r: Invocation): string | undefined {
  if (r.thrown !== undefined) return `threw ${r.thrown}`;
  if (r.code === undefined || ![0, 1, 2].includes(r.code)) return `exit code ${r.code}`;
  const all = [...r.out, ...r.err].join('\n');
  if (all.includes('    at ')) return 'stack trace in the output';
  if (r.code === 2) {
    const lines = r.err.flatMap((s) => s.split('\n'));
    const usage = lines.filter((l) => l.startsWith('scalecheck:'));
    if (usage.length !== 1) return `exit 2 with ${usage.length} 'scalecheck:' lines on stderr`;
    // progress lines may precede it (an output file that cannot be written is found after the run)
    if (!lines[lines.length - 1]!.startsWith('scalecheck:')) return `exit 2 whose usage line is not the last: ${JSON.stringify(lines)}`;
  }
  return undefined;
}

/** An exit 2 that came after claims had run: the run's results were lost to a bad output path. */
const lateUsageError = (r: Invocation): boolean => r.code === 2 && r.err.length > 1;

describe('command-line fuzz (in process, tiny app)', () => {
  it(`${INVOCATIONS} drawn invocations: no crash, exit 0/1/2, one usage line on exit 2`, async () => {
    const vectors = fc.sample(argvArb, { seed: 17, numRuns: INVOCATIONS });
    const codes: Record<string, number> = {};
    const bad: { argv: string[]; why: string }[] = [];
    let late = 0;
    for (const argv of vectors) {
      const r = await invoke(argv);
      codes[r.thrown !== undefined ? 'thrown' : String(r.code)] = (codes[r.thrown !== undefined ? 'thrown' : String(r.code)] ?? 0) + 1;
      const why = violation(r);
      if (why) bad.push({ argv, why });
      if (lateUsageError(r)) late++;
    }
    const kinds = bad.reduce<Record<string, number>>((a, b) => ({ ...a, [b.why.replace(/\(.*$/, '')]: (a[b.why.replace(/\(.*$/, '')] ?? 0) + 1 }), {});
    console.log(JSON.stringify({ invocations: vectors.length, exitCodes: codes, lateUsageErrors: late, violations: bad.length, kinds, first: bad.slice(0, 5) }, null, 1));
    // every command and every exit code was exercised
    expect(Object.keys(codes).filter((c) => c !== 'thrown').sort()).toEqual(['0', '1', '2']);
    expect(bad).toEqual([]);
  });

  it.each([
    [['verify', '--filter', 'toy.double', '--runs', '1', '--quiet'], 0],
    [['verify', '--filter', 'toy.square', '--runs', '1', '--quiet'], 1],
    [['exponents', 'toy', '--alpha', '2', '--beta', '1.5'], 0],
    [['exponents', 'toy', '--alpha=2', '--beta=3', '--json'], 0],
    [['exponents', 'toy', '--alpha', '2', '--beta', '1'], 2],
    [['exponents', 'toy', '--alpha', '2', '--beta', '60'], 2],
    [['exponents', 'toy', '--alpha', '0.5', '--beta', '3'], 2],
    [['exponents', 'toy', '--alpha', 'NaN', '--beta', '3'], 2],
    [['exponents', 'toy', '--alpha', '2', '--beta', '2'], 2],
    [['exponents', 'toy', '--alpha', '2', '--beta', '3', '--toString', '1'], 2],
    // a replay path that names no case of the seeded run is bad input, not an engine failure
    [['verify', '--replay', 'toy.double:5:4:3:2:1'], 2],
    [['verify', '--replay', 'toy.double:1:9999'], 2],
    [['verify', '--replay', 'toy.double:99999999999999999999'], 2],
    [['verify', '--replay', '::::'], 2],
    // a refuting case replays as a failure
    [['verify', '--replay', 'toy.square:0'], 1],
    [['verify', '--replay', 'toy.double#0:0'], 1],
    [['verify', '--replay', 'toy.double:0'], 0],
    // two outputs on one file
    [['verify', '--json', join(dir, 'same'), '--html', join(dir, 'same')], 2],
    // a surviving mutant: |y| hides the sign of y
    [['verify', '--filter', 'toy.abs', '--mutants', '--quiet'], 1],
    [['list'], 0],
    [['list', 'extra'], 2],
  ] as [string[], number][])('%j exits %i', async (argv, code) => {
    const r = await invoke(argv);
    expect(violation(r)).toBeUndefined();
    expect(r.code).toBe(code);
  });
});
