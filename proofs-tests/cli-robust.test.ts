/**
 * A run of `scalecheck verify` is robust: every claim under its budget and a heap limit whatever
 * the job count, reports written whole (or said lost in one line), a partial report on a signal,
 * replays that exit as they should, surviving mutants that fail the run. Toy claims
 * (fixtures/toy-claims.mjs) run in the real worker host (fixtures/toy-worker.mjs, built).
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Claim } from '../src/core/claim.js';
import { main, type App, type Io } from '../src/cli/main.js';
import { batchesOf } from '../src/cli/batches.js';
import { HELP, parseVerify, UsageError } from '../src/cli/args.js';
import { claims as catalogue } from '../derivations/index.js';
import { toyClaims } from './fixtures/toy-claims.mjs';

const workerUrl = new URL('./fixtures/toy-worker.mjs', import.meta.url);
const app: App = { claims: toyClaims, workerUrl, workerHeapMb: 128 };
const tmp = (): string => mkdtempSync(join(tmpdir(), 'scalecheck-robust-'));

async function run(argv: string[], a: App = app, onErr?: (s: string) => void): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (s) => out.push(s), err: (s) => (err.push(s), onErr?.(s)) };
  const code = await main(argv, a, io);
  return { code, out, err };
}

interface JsonReport {
  partial: boolean;
  summary: { ok: boolean };
  claims: { id: string; verdict: string; notes?: string[]; counterexample?: { replay: string }; variants: { counterexample?: { replay: string } }[] }[];
}
const json = (f: string): JsonReport => JSON.parse(readFileSync(f, 'utf8'));
const verdicts = (f: string): Record<string, string> => Object.fromEntries(json(f).claims.map((c) => [c.id, c.verdict]));

/** The exit code and stderr of a real process running the toy CLI, signalled once `when` shows on stderr. */
function signalled(args: string[], when: RegExp, sig: NodeJS.Signals): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [new URL('./fixtures/toy-cli.mjs', import.meta.url).pathname, ...args]);
    let err = '';
    let sent = false;
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (!sent && when.test(err)) {
        sent = true;
        child.kill(sig);
      }
    });
    child.on('exit', (code) => resolve({ code, err }));
  });
}

describe('every claim runs under its budget and a heap limit, whatever the job count', () => {
  it.each([['--jobs', '1'], ['--jobs', '2']])('a runaway claim with %s %s is a timeout; the others are decided', async (...jobs) => {
    const f = join(tmp(), 'r.json');
    const r = await run(['verify', '--filter', 'toy.double', '--filter', 'toy.hang', '--filter', 'toy.square', ...jobs, '--timeout', '4', '--quiet', '--json', f]);
    expect(r.code).toBe(1);
    expect(verdicts(f)).toEqual({ 'toy.double': 'verified', 'toy.hang': 'timeout', 'toy.square': 'refuted' });
    expect(json(f).claims.find((c) => c.id === 'toy.hang')!.notes).toEqual(['over its time budget of 4 s (--timeout)']);
  }, 60_000);

  it('a single runaway claim is a timeout too (it used to run in the main thread, forever)', async () => {
    const r = await run(['verify', '--filter', 'toy.hang', '--timeout', '3', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.out.join('\n')).toMatch(/toy\.hang\s+timeout/);
  }, 60_000);

  it("a claim that exhausts its heap is that claim's engine error, not a dead process", async () => {
    const f = join(tmp(), 'r.json');
    const r = await run(['verify', '--filter', 'toy.oom', '--filter', 'toy.double', '--jobs', '1', '--quiet', '--json', f]);
    expect(r.code).toBe(1);
    expect(verdicts(f)).toEqual({ 'toy.double': 'verified', 'toy.oom': 'inconclusive' });
    expect(json(f).claims.find((c) => c.id === 'toy.oom')!.notes).toEqual(['engine error: out of memory (worker heap limit 128 MB)']);
  }, 60_000);

  it('claims with one affinity make one batch (one worker), in catalogue order', () => {
    const c = (id: string, affinity?: string): Claim<unknown> => ({ ...toyClaims[0]!, id, ...(affinity ? { affinity } : {}) });
    expect(batchesOf([c('a'), c('b', 'x'), c('c'), c('d', 'x')])).toEqual([['b', 'd'], ['a'], ['c']]);
  });
});

describe('file descriptors', () => {
  it('a run needs few descriptors: the built binary under ulimit -n 256 (a module graph load alone used ~700)', () => {
    const r = spawnSync('bash', ['-c', `ulimit -n 256 && exec "${process.execPath}" dist/bin/scalecheck.js verify --filter flow.m-psd --filter kato.projector --runs 2 --digits 20 --jobs 2 --quiet`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/2\/2 claims hold/);
    expect(r.status).toBe(0);
  }, 120_000);
});

describe('--digits', () => {
  it('is refused past 150, with the reason, in one line', () => {
    expect(() => parseVerify(['--digits', '151'], 2)).toThrow(UsageError);
    expect(() => parseVerify(['--digits', '151'], 2)).toThrow(/between 10 and 150 \(cases run at D and 2D digits; encodings are evaluated at 300 digits at most\)/);
    expect(parseVerify(['--digits', '150'], 2).digits).toBe(150);
  });

  it('150 works on a real claim (at 151 the high level, 302 digits, is past what an encoding is evaluated at)', async () => {
    const r = await run(['verify', '--filter', 'flow.m-psd', '--runs', '1', '--digits', '150', '--quiet'], { claims: catalogue });
    expect(r.out.join('\n')).toMatch(/flow\.m-psd\s+(proved|verified)/);
    expect(r.code).toBe(0);
  }, 120_000);
});

describe('reports', () => {
  it.each([
    ['--json', '--html'],
    ['--json', '--junit'],
    ['--junit', '--html'],
  ])('%s and %s on one path: exit 2, one line, before any claim runs', async (a, b) => {
    const f = join(tmp(), 'r.out');
    const r = await run(['verify', '--filter', 'toy.double', a, f, b, f]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`scalecheck: ${a} and ${b} both write '${f}'`]);
    expect(r.out).toEqual([]);
    expect(existsSync(f)).toBe(false);
  });

  it('two spellings of one file (through a symlink, with ./) are one path', async () => {
    const d = tmp();
    symlinkSync(d, join(d, 'link'));
    const r = await run(['verify', '--filter', 'toy.double', '--json', join(d, 'r'), '--junit', `${d}/link/./r`]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
  });

  it('are written whole: no temporary file is left, an old report is replaced, a symlink keeps pointing at its file', async () => {
    const d = tmp();
    writeFileSync(join(d, 'real.json'), 'old');
    symlinkSync(join(d, 'real.json'), join(d, 'link.json'));
    const r = await run(['verify', '--filter', 'toy.double', '--quiet', '--json', join(d, 'link.json'), '--junit', join(d, 'r.xml')]);
    expect(r.code).toBe(0);
    expect(json(join(d, 'real.json')).summary.ok).toBe(true);
    expect(lstatSync(join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readdirSync(d).sort()).toEqual(['link.json', 'r.xml', 'real.json']);
  }, 60_000);

  it('an output that fails only when written costs only itself: the table, the other outputs, one line, exit 2', async () => {
    const d = tmp();
    // the path is fine when checked; it becomes a directory while the claim runs
    const r = await run(['verify', '--filter', 'toy.double', '--json', join(d, 'r.json'), '--junit', join(d, 'r.xml')], app, (s) => {
      if (s.startsWith('[1/1]')) mkdirSync(join(d, 'r.json'));
    });
    expect(r.code).toBe(2);
    expect(r.out.join('\n')).toMatch(/1\/1 claims hold/);
    expect(readFileSync(join(d, 'r.xml'), 'utf8')).toContain('<testsuite');
    expect(r.err.at(-1)).toBe(`scalecheck: cannot write '${join(d, 'r.json')}': EISDIR`);
    expect(readdirSync(d).sort()).toEqual(['r.json', 'r.xml']);
  }, 60_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: the claims finished so far are written as a partial report, exit %i', async (sig, code) => {
    const d = tmp();
    // toy.stall runs away after its validation, and would be lost only after 60 s: the signal comes while it runs
    const r = await signalled(['verify', '--filter', 'toy.double', '--filter', 'toy.stall', '--digits', '20', '--jobs', '2', '--timeout', '60', '--json', join(d, 'r.json'), '--junit', join(d, 'r.xml')], /\[1\/2\] toy\.double/, sig);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(new RegExp(`scalecheck: interrupted by ${sig}: partial report of 1/2 claims\\n$`));
    const report = json(join(d, 'r.json'));
    expect(report.partial).toBe(true);
    expect(report.summary.ok).toBe(false);
    expect(report.claims.map((c) => c.id)).toEqual(['toy.double']);
    expect(existsSync(join(d, 'r.xml'))).toBe(true);
  }, 60_000);

  it('a complete report says partial: false', async () => {
    const f = join(tmp(), 'r.json');
    await run(['verify', '--filter', 'toy.double', '--quiet', '--json', f]);
    expect(json(f).partial).toBe(false);
  }, 60_000);
});

describe('--replay', () => {
  it('the printed commands run as printed: a refuting case exits 1, for a claim and for a wrong variant', async () => {
    const f = join(tmp(), 'r.json');
    expect((await run(['verify', '--filter', 'toy.square', '--filter', 'toy.double', '--runs', '3', '--digits', '30', '--quiet', '--json', f])).code).toBe(1);
    const report = json(f);
    const commands = [report.claims.find((c) => c.id === 'toy.square')!.counterexample!.replay, report.claims.find((c) => c.id === 'toy.double')!.variants[0]!.counterexample!.replay];
    expect(commands[0]).toMatch(/^npx scalecheck verify --seed 42 --digits 30 --runs 3 --replay toy\.square:\d+(:\d+)*$/);
    for (const cmd of commands) {
      const r = await run(cmd.split(' ').slice(2));
      expect(r.code).toBe(1);
      expect(r.out[0]).toMatch(/: refuted$/);
    }
  }, 60_000);

  it('a case that holds exits 0', async () => {
    const r = await run(['verify', '--replay', 'toy.double:1']);
    expect(r.out).toEqual(['toy.double: verified']);
    expect(r.code).toBe(0);
  }, 60_000);

  it.each([
    ['::::', /--replay takes ID\[#VARIANT\]:PATH/],
    ['toy.double:::', /--replay takes/],
    ['toy.double:1::2', /--replay takes/],
    ['toy.double:', /--replay takes/],
    ['flow.m-psd:999999999999', /the case index must be below 100000/],
    ['toy.double:99999', /no case 99999 for toy.double: a run draws 4/],
    ['toy.double:0:99999', /a shrink step must be at most 10000/],
    ['toy.double:0:9999', /no case at path 0:9999/],
    ['toy.double#3:0', /has no variant #3/],
    ['toy.nope:0', /unknown claim id/],
  ])('%s: exit 2 at once, one line', async (path, message) => {
    const r = await run(['verify', '--replay', path]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(message)]);
  }, 60_000);
});

describe('--mutants', () => {
  it('a surviving mutant fails the run (exit 1), in the table, the JSON and the JUnit report', async () => {
    const d = tmp();
    const r = await run(['verify', '--filter', 'toy.abs', '--mutants', '--quiet', '--json', join(d, 'r.json'), '--junit', join(d, 'r.xml')]);
    expect(r.code).toBe(1);
    expect(r.out.join('\n')).toMatch(/1 automatic mutant\(s\) survived: FAILED/);
    expect(json(join(d, 'r.json')).summary.ok).toBe(false);
    expect(readFileSync(join(d, 'r.xml'), 'utf8')).toMatch(/<testcase classname="mutants" name="toy.abs def y: whole side negated".*automatic mutant survived/);
    // without --mutants the claim is in order
    expect((await run(['verify', '--filter', 'toy.abs', '--quiet'])).code).toBe(0);
  }, 60_000);

  it('every mutant refuted: exit 0', async () => {
    expect((await run(['verify', '--filter', 'toy.double', '--mutants', '--quiet'])).code).toBe(0);
  }, 60_000);
});

describe('exit codes', () => {
  it('are in the help text', () => {
    for (const line of [/^ {2}0 {2}every claim holds/m, /^ {2}1 {2}some claim does not hold/m, /^ {2}2 {2}bad input/m, /^ {2}3 {2}internal error/m, /^ {2}130, 143 {2}interrupted/m]) expect(HELP).toMatch(line);
  });

  it('a claim whose definition throws as the catalogue loads: one line, exit 3', () => {
    const r = spawnSync(process.execPath, [new URL('./fixtures/toy-cli.mjs', import.meta.url).pathname, 'list'], { encoding: 'utf8', env: { ...process.env, TOY_BROKEN: '1' } });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^scalecheck: internal error: loading the claims: claim toy\.broken: a definition threw at load time \(at .*pool-worker-broken\.mjs:\d+:\d+\)\n$/);
  }, 60_000);

  it('a worker that cannot start: what finished is reported, one line, exit 3', async () => {
    const f = join(tmp(), 'r.json');
    const r = await run(['verify', '--filter', 'toy.double', '--quiet', '--json', f], { ...app, workerUrl: new URL('./fixtures/pool-worker-broken.mjs', import.meta.url) });
    expect(r.code).toBe(3);
    expect(r.err).toEqual(['scalecheck: internal error: a worker failed to start: claim toy.broken: a definition threw at load time (partial report of 0/1 claims)']);
    expect(json(f).partial).toBe(true);
  }, 60_000);
});
