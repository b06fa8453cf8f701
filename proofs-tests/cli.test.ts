import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as ptest, fc } from '@fast-check/vitest';
import { main } from '../src/cli/main.js';
import { claims } from '../derivations/index.js';

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { claims }, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

describe('command line', () => {
  it.each([
    [['verify', '--filter', 'nope.claim']],
    [['verify', '--digits', 'abc']],
    [['verify', '--digits', '3']],
    [['verify', '--runs', '-1']],
    [['verify', '--runs', 'NaN']],
    [['verify', '--seed', 'Infinity']],
    [['verify', '--bogus']],
    [['verify', '--replay', 'kato.projector:x']],
    [['verify', '--replay', 'kato.projector::::']],
    [['verify', '--replay', 'flow.m-psd:999999999999']],
    [['verify', '--digits', '151']],
    [['verify', '--json', 'same.json', '--junit', 'same.json']],
    [['frobnicate']],
    [[]],
  ])('bad input %j: one line, exit 2', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^scalecheck: /);
    expect(r.err[0]).not.toMatch(/\n|at .*\.ts/);
  });

  it.each([['--json', '/nonexistent-dir/r.json'], ['--html', '/'], ['--junit', '/proc/version/x.xml']])('an output %s %s that cannot be written: exit 2 before any claim runs', async (flag, path) => {
    const r = await run(['verify', '--filter', 'dln.dmft', flag, path]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(new RegExp(`^scalecheck: cannot write '${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}'`))]);
    expect(r.out).toEqual([]);
  });

  it.each(['verify', 'merge', 'exponents', 'diagnose', 'list', 'help'])('%s --help prints its usage and the exit codes, exit 0', async (cmd) => {
    for (const argv of [[cmd, '--help'], [cmd, '-h'], ['help', cmd]]) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out.join('\n')).toMatch(new RegExp(`^usage:\\n  scalecheck ${cmd}`));
      expect(r.out.join('\n')).toContain('exit codes:');
    }
    const all = await run(['help']);
    expect(all.out.join('\n')).toContain(`scalecheck ${cmd}`);
    expect((await run(['help', 'nope'])).code).toBe(2);
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await run([flag])).toEqual({ code: 0, out: [`scalecheck ${pkg.version}`], err: [] });
  });

  it('lists every claim of the catalogue', async () => {
    const r = await run(['list']);
    expect(r.code).toBe(0);
    expect(r.out.map((l) => l.split('\t')[0])).toEqual(claims.map((c) => c.id));
    // each with its statement, on one line
    expect(r.out.map((l) => l.split('\t')[4])).toEqual(claims.map((c) => c.statement.replace(/\s+/g, ' ')));
  });

  it('verifies a claim, writes JSON and JUnit, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalecheck-'));
    const r = await run(['verify', '--filter', 'flow.m-psd', '--runs', '5', '--digits', '20', '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml'), '--quiet']);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    // proved needs every equation reduced symbolically: flow.m-psd's proof covers one of three, so it is verified, and says so
    expect(report.claims[0]).toMatchObject({ id: 'flow.m-psd', verdict: 'verified', symbolic: 'zero 1/3', symbolicEquations: { proved: ['symmetric'], total: 3 }, runs: 5 });
    expect(report.claims[0].variants.every((v: { verdict: string }) => v.verdict === 'refuted')).toBe(true);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('<testsuite name="scalecheck"');
  });

  it('the same seed gives the same report apart from timings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalecheck-'));
    const strip = (f: string): string => readFileSync(f, 'utf8').replace(/"durationMs": \d+/g, '');
    for (const k of [1, 2]) await run(['verify', '--filter', 'kato.coupling', '--runs', '4', '--digits', '20', '--seed', '9', '--json', join(dir, `${k}.json`), '--quiet']);
    expect(strip(join(dir, '1.json'))).toBe(strip(join(dir, '2.json')));
  });

  it('replays a refuted variant from its seed and path, as printed (the case does not hold there: exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalecheck-'));
    await run(['verify', '--filter', 'flow.time-rescaling', '--runs', '4', '--digits', '20', '--json', join(dir, 'r.json'), '--quiet']);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    const replay: string = report.claims[0].variants[1].counterexample.replay;
    expect(replay).toMatch(/^npx scalecheck verify --seed 42 --digits 20 --runs 4 --replay flow\.time-rescaling#1:/);
    const r = await run(replay.split(' ').slice(2));
    expect(r.code).toBe(1);
    expect(r.out[0]).toMatch(/wrong variant.*: refuted/);
  });

  ptest.prop([fc.array(fc.oneof(fc.constantFrom('verify', '--runs', '--digits', '--seed', '--filter', '--json', '--replay', '--jobs', 'NaN', 'Infinity', '-3', '1e9', '', '=', 'kato'), fc.string()), { maxLength: 6 })], {
    seed: 11,
    numRuns: 300,
  })('never crashes on arbitrary arguments', async (argv) => {
    // only argument vectors that cannot start a real run are fuzzed here
    fc.pre(!(argv[0] === 'verify' && argv.every((a) => !a.startsWith('--') || a === '--quiet')));
    const argvSafe = argv[0] === 'verify' ? [...argv, '--bogus-terminator'] : argv;
    const r = await run(argvSafe);
    expect([0, 2]).toContain(r.code);
  });

  it('the built binary prints one line and exits 2 on bad input', () => {
    const r = spawnSync(process.execPath, ['dist/bin/scalecheck.js', 'verify', '--digits', 'x'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
