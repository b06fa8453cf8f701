/**
 * Claim files: `scalecheck verify|list [FILE_OR_DIR...]` read claims from modules (.mjs, .js,
 * .mts, .ts, TypeScript with no build step), recognised by their shape among the exports, in
 * export order; the catalogue is in the set only without files unless --catalogue; workers load
 * the very same set; the printed replay commands name the files and run as printed. Also
 * `exponents --models FILE` and `verify --deep`.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LawModel } from '../src/core/laws.js';
import { main, needsCatalogue, type App } from '../src/cli/main.js';
import { commandHelp, HELP, parseVerify } from '../src/cli/args.js';
import { replayCommand } from '../src/cli/report.js';
import { exportOrder } from '../src/cli/modules.js';
import { toyClaims } from './fixtures/toy-claims.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const fixture = (p: string): string => relative(ROOT, fileURLToPath(new URL(`./fixtures/${p}`, import.meta.url)));
const DIR = fixture('claim-files');
const FILE_IDS = ['files.double', 'files.square', 'files.half', 'files.cube'];
const TOY_IDS = toyClaims.map((c) => c.id);
// the toy claims stand in for the catalogue; claims run in this thread
const app: App = { claims: toyClaims };
const tmp = (): string => mkdtempSync(join(tmpdir(), 'scalecheck-files-'));

async function run(argv: string[], a: App = app): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, a, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}
const listed = async (argv: string[]): Promise<string[]> => {
  const r = await run(['list', ...argv]);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  return r.out.map((l) => l.split('\t')[0]!);
};

/** The built CLI, in the repository (relative paths as a user gives them), under bash (ulimit, quoting). */
function cli(args: string, cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  return spawnSync('bash', ['-c', `exec "${process.execPath}" "${join(ROOT, 'dist/bin/scalecheck.js')}" ${args}`], { encoding: 'utf8', cwd });
}
/** A printed replay command run as printed, the npx prefix aside (no package manager here). */
function runPrinted(command: string, cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  expect(command).toMatch(/^npx scalecheck verify /);
  return cli(command.slice('npx scalecheck '.length), cwd);
}

describe('reading claim files', () => {
  it('a directory: its claim files in name order (not its subdirectories, *.test.*, *.d.ts), each module in export order, each claim once', async () => {
    // a-identities.mjs exports zeta (files.double) before alpha (files.square), and both again as its default
    expect(await listed([DIR])).toEqual(FILE_IDS);
  });

  it('files one by one, with --claims too, in the order given; a file given twice is read once', async () => {
    expect(await listed([`${DIR}/c-cube.mts`, '--claims', `${DIR}/b-typed.ts`, `${DIR}/a-identities.mjs`])).toEqual(['files.cube', 'files.half', 'files.double', 'files.square']);
    expect(await listed([`${DIR}/b-typed.ts`, DIR])).toEqual(['files.half', 'files.double', 'files.square', 'files.cube']);
  });

  it('the catalogue: alone without files; with files only when --catalogue says so (first), and never twice an id', async () => {
    expect(await listed([])).toEqual(TOY_IDS);
    expect(await listed([DIR, '--no-catalogue'])).toEqual(FILE_IDS);
    expect(await listed([DIR, '--catalogue'])).toEqual([...TOY_IDS, ...FILE_IDS]);
    expect(await listed(['--catalogue'])).toEqual(TOY_IDS);
    const r = await run(['list', `${DIR}/sub/toy-double.mjs`, '--catalogue']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`scalecheck: two claims named 'toy.double': in the catalogue and in '${DIR}/sub/toy-double.mjs'`]);
  });

  it('verify runs the claims of the files, and the filter chooses among them', async () => {
    const f = join(tmp(), 'r.json');
    const r = await run(['verify', DIR, '--filter', 'files.double', '--filter', 'files.square', '--runs', '3', '--quiet', '--json', f]);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(f, 'utf8'));
    expect(report.claims.map((c: { id: string; verdict: string }) => [c.id, c.verdict])).toEqual([
      ['files.double', 'verified'],
      ['files.square', 'refuted'],
    ]);
    expect(report.run).toEqual({ runs: 3, deep: false, mutants: false, files: [DIR], catalogue: false });
  });

  it("a claim's duration counts its validation (the instances a claim caches may be all it computes)", async () => {
    const base = toyClaims[0]!;
    let built = false;
    const instance = (x: number): unknown => {
      // the first instance, built while the claim is validated, is the costly one
      for (const t = Date.now(); !built && Date.now() - t < 300; );
      built = true;
      return (base.instance as (x: number) => unknown)(x);
    };
    const f = join(tmp(), 's.json');
    expect((await run(['verify', '--runs', '2', '--quiet', '--json', f], { claims: [{ ...base, id: 'toy.slow', variants: [], instance }] as never })).code).toBe(0);
    expect(JSON.parse(readFileSync(f, 'utf8')).claims[0].durationMs).toBeGreaterThanOrEqual(300);
  });

  it('export order is the source order: declarations, lists, renames, default; comments aside', () => {
    const src = `// export const commented = 1
      export const b = 1, c = 2; /* export const hidden = 3 */
      export default [b];
      export async function f() {}
      export { x as a, type T, y };
      export class K {}
      export * as ns from './m.js';`;
    expect(exportOrder(src)).toEqual(['b', 'default', 'f', 'a', 'y', 'K', 'ns']);
  });
});

describe('bad claim files: one line naming the file, exit 2, nothing run', () => {
  const d = tmp();
  const claimLike = `{ id: 'bad.x', kind: 'identity', encoding: { defs: [], equations: [] }, domain: {}, instance() {}, group: 'g', source: 's', statement: 't', variants: [] }`;
  const files: Record<string, string> = {
    'none.mjs': 'export const answer = 42;\nexport default { id: "not.a.claim" };\n',
    'throws.mjs': "throw new RangeError('no such range\\nsecond line');\n",
    'syntax.ts': 'export const x: number = ;\n',
    'mixed.mjs': `export const claims = [${claimLike}, 42];\n`,
    'shape.mjs': `export const c = { ...${claimLike}, statement: undefined };\n`,
    'twice.mjs': `export const a = ${claimLike};\nexport const b = { ...a };\n`,
    'notes.txt': 'not a module\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  mkdirSync(join(d, 'empty'));
  writeFileSync(join(d, 'empty', 'x.test.mjs'), '');
  const cases: [string[], string | RegExp][] = [
    [[join(d, 'none.mjs')], `'${join(d, 'none.mjs')}' exports no claims (a default or named export that is one, or an array of them)`],
    [[join(d, 'throws.mjs')], `loading '${join(d, 'throws.mjs')}': RangeError: no such range`],
    [[join(d, 'syntax.ts')], new RegExp(`^loading '${join(d, 'syntax.ts')}': .*`)],
    [[join(d, 'mixed.mjs')], `'${join(d, 'mixed.mjs')}': export 'claims' mixes claims with other values`],
    [[join(d, 'shape.mjs')], `'${join(d, 'shape.mjs')}': claim 'bad.x': 'statement' must be a string`],
    [[join(d, 'twice.mjs')], `two claims named 'bad.x': both in '${join(d, 'twice.mjs')}'`],
    [[join(d, 'notes.txt')], `'${join(d, 'notes.txt')}' is not a claim file: claim files are .mjs, .js, .mts or .ts modules`],
    [[join(d, 'nope.mjs')], `cannot read claim file '${join(d, 'nope.mjs')}': ENOENT`],
    [[join(d, 'empty')], `no claim files (.mjs, .js, .mts, .ts) in '${join(d, 'empty')}'`],
    [[DIR, `${DIR}/sub/dup.mjs`], `two claims named 'files.double': in '${DIR}/a-identities.mjs' and in '${DIR}/sub/dup.mjs'`],
    [['--no-catalogue'], '--no-catalogue and no claim files: no claims to read (give FILE_OR_DIR)'],
    [[''], 'an empty claim file path'],
    [['--claims'], '--claims needs a value'],
  ];
  it.each(cases)('%j', async (argv, message) => {
    for (const cmd of ['list', 'verify']) {
      const r = await run([cmd, ...argv]);
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]!).toMatch(typeof message === 'string' ? new RegExp(`^scalecheck: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : new RegExp(`^scalecheck: ${message.source.slice(1)}`));
    }
  });

  it('the built binary says a TypeScript syntax error in one line, with where', () => {
    const r = cli(`verify "${join(d, 'syntax.ts')}"`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^scalecheck: loading '${join(d, 'syntax.ts')}': (TransformError: )?Transform failed with 1 error: .*syntax\\.ts:1:\\d+: ERROR: Unexpected ";"\\n$`));
    expect(r.stdout).toBe('');
  }, 60_000);
});

describe('replay commands name the claim files and run as printed', () => {
  it('in this thread: a refuted claim and a refuted wrong variant, split into words and run again', async () => {
    const f = join(tmp(), 'r.json');
    await run(['verify', DIR, '--runs', '3', '--digits', '30', '--quiet', '--json', f]);
    const report = JSON.parse(readFileSync(f, 'utf8'));
    const square: string = report.claims.find((c: { id: string }) => c.id === 'files.square').counterexample.replay;
    const tripled: string = report.claims.find((c: { id: string }) => c.id === 'files.double').variants[0].counterexample.replay;
    expect(square).toMatch(new RegExp(`^npx scalecheck verify ${DIR} --seed 42 --digits 30 --runs 3 --replay files\\.square:\\d+(:\\d+)*$`));
    for (const cmd of [square, tripled]) {
      const r = await run(cmd.split(' ').slice(2));
      expect(r.code).toBe(1);
      expect(r.out[0]).toMatch(/^files\.(square|double \[wrong variant: tripled\]): refuted$/);
    }
  });

  it('any path survives the shell: quoted where needed, --claims before a leading dash', () => {
    const paths = ['plain/claims.ts', 'with space.ts', "it's.mjs", '$HOME/*.ts', 'back\\slash`x`.js', '-dash.ts', 'dir/', 'π/ünï.mts', 'line\nbreak.ts'];
    const cmd = replayCommand({ seed: 3, digits: 20, runs: 5, deep: true, files: paths, catalogue: true }, 'a.b#1', '0:2');
    // the words a shell makes of it, as the CLI receives them
    const words = spawnSync('bash', ['-c', `printf '%s\\0' ${cmd}`], { encoding: 'utf8' }).stdout.split('\0').slice(0, -1);
    expect(words.slice(0, 3)).toEqual(['npx', 'scalecheck', 'verify']);
    const o = parseVerify(words.slice(3), 1);
    expect(o).toMatchObject({ files: paths, catalogue: true, seed: 3, digits: 20, runs: 5, deep: true, replay: { id: 'a.b', variant: 1, path: '0:2' } });
  });

  it('--catalogue is named when the catalogue was in the set beside the files', async () => {
    const f = join(tmp(), 'r.json');
    await run(['verify', `${DIR}/a-identities.mjs`, '--catalogue', '--filter', 'files.square', '--filter', 'toy.square', '--runs', '2', '--quiet', '--json', f]);
    const replays: string[] = JSON.parse(readFileSync(f, 'utf8')).claims.map((c: { counterexample: { replay: string } }) => c.counterexample.replay);
    expect(replays.map((x) => x.replace(/ --seed.*/, ''))).toEqual([`npx scalecheck verify ${DIR}/a-identities.mjs --catalogue`, `npx scalecheck verify ${DIR}/a-identities.mjs --catalogue`]);
    for (const cmd of replays) expect((await run(cmd.split(' ').slice(2))).code).toBe(1);
  });

  it('the built binary: workers load the same files (TypeScript too); the printed line, quoted, runs in a shell and gives the verdict again', () => {
    // a directory whose name needs quoting, beside the repository's node_modules
    const d = tmp();
    mkdirSync(join(d, "my 'claims'"));
    symlinkSync(join(ROOT, 'node_modules'), join(d, 'node_modules'));
    for (const f of ['a-identities.mjs', 'b-typed.ts']) copyFileSync(join(ROOT, DIR, f), join(d, "my 'claims'", f));
    // b-typed.ts imports a type from ../../../src: type imports vanish, so no such file is needed
    const r = cli(`verify "my 'claims'" --jobs 2 --runs 3 --quiet --json r.json`, d);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(readFileSync(join(d, 'r.json'), 'utf8'));
    expect(report.claims.map((c: { id: string; verdict: string }) => [c.id, c.verdict])).toEqual([
      ['files.double', 'verified'],
      ['files.square', 'refuted'],
      ['files.half', 'verified'],
    ]);
    const printed = /replay: (.*)$/m.exec(r.stdout)![1]!;
    expect(printed).toMatch(/^npx scalecheck verify 'my '\\''claims'\\''' --seed 42 --digits 40 --runs 3 --replay files\.square:/);
    const again = runPrinted(printed, d);
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/^files\.square: refuted\n/);
    expect(again.status).toBe(1);
  }, 240_000);

  it('the built binary under ulimit -n 256: TypeScript claim files beside the catalogue, in workers', () => {
    const limited = spawnSync('bash', ['-c', `ulimit -n 256 && exec "${process.execPath}" dist/bin/scalecheck.js verify ${DIR}/b-typed.ts ${DIR}/c-cube.mts --catalogue --filter files. --filter flow.m-psd --runs 2 --digits 20 --jobs 2 --quiet`], { encoding: 'utf8', cwd: ROOT });
    expect(limited.stderr).toBe('');
    expect(limited.stdout).toMatch(/flow\.m-psd\s+verified[\s\S]*files\.half\s+verified[\s\S]*files\.cube\s+verified[\s\S]*3\/3 claims hold/);
    expect(limited.status).toBe(0);
  }, 240_000);
});

describe('verify --deep', () => {
  it('range claims run over their deep ranges: the levels, the floor and the replay command say so', async () => {
    const d = tmp();
    const file = fixture('range-claims.mjs');
    const entryOf = (f: string): { levels: number[]; floor: { value: number }; maxResidualByLevel: Record<string, string>; variants: { verdict: string; counterexample?: { replay: string } }[] } => JSON.parse(readFileSync(f, 'utf8')).claims[0];
    await run(['verify', file, '--quiet', '--json', join(d, 'usual.json')]);
    await run(['verify', file, '--deep', '--quiet', '--json', join(d, 'deep.json')]);
    const [usual, deep] = [entryOf(join(d, 'usual.json')), entryOf(join(d, 'deep.json'))];
    expect([usual.levels, usual.floor.value]).toEqual([[2, 4, 6], 1e-3]);
    expect([deep.levels, deep.floor.value]).toEqual([[2, 4, 6, 8, 10], 1e-5]);
    expect(Object.keys(deep.maxResidualByLevel)).toEqual(['2', '4', '6', '8', '10']);
    // the longer ranges resolve what the usual ones cannot: the wrong variant is refuted only there
    expect([usual.variants[0]!.verdict, deep.variants[0]!.verdict]).toEqual(['inconclusive', 'refuted']);
    const replay = deep.variants[0]!.counterexample!.replay;
    expect(replay).toMatch(new RegExp(`^npx scalecheck verify ${file} --seed 42 --digits 40 --deep --replay range\\.converging#0:`));
    const r = await run(replay.split(' ').slice(2));
    expect(r.out[0]).toBe('range.converging [wrong variant: two]: refuted');
    expect(r.code).toBe(1);
  });
});

describe('exponents --models', () => {
  const builtIn: LawModel = { name: 'builtin', description: 'a built-in model', source: 'none', params: [{ name: 'p', meaning: 'p' }], domain: [], keys: [{ key: 'k', meaning: 'k' }], regimes: [{ name: 'all', description: 'all', when: 'true', formulas: { k: '2 * p' } }] };
  const withModels: App = { claims: [], models: [builtIn] };
  const LAW = fixture('toy-law.ts');
  const names = async (argv: string[]): Promise<string[]> => {
    const r = await run(['exponents', '--list', ...argv], withModels);
    expect(r.code).toBe(0);
    return r.out.join('\n').match(/^\S+/gm)!;
  };

  it('loads your models in place of the built-in ones, or beside them with --catalogue', async () => {
    expect(await names([])).toEqual(['builtin']);
    expect(await names(['--models', LAW])).toEqual(['toylaw']);
    expect(await names(['--models', LAW, '--catalogue'])).toEqual(['builtin', 'toylaw']);
    const r = await run(['exponents', 'toylaw', '--models', LAW, '--alpha', '2', '--beta', '1.5'], withModels);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toMatch(/lossTime = \(beta - 1\) \/ alpha = 0\.25/);
  });

  it.each([
    [['--models', fixture('claim-files/a-identities.mjs')], /exports no models/],
    [['--models', LAW, '--models', LAW, '--catalogue', '--models', fixture('toy-law.ts')], null],
    [['--no-catalogue'], /no models to read/],
    [['--models'], /--models needs a value/],
    [['--catalogue=1'], /--catalogue takes no value/],
  ] as [string[], RegExp | null][])('%j', async (argv, message) => {
    const r = await run(['exponents', '--list', ...argv], withModels);
    if (message === null) return expect(r.code).toBe(0);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(message)]);
  });

  it('a model name given twice is bad input', async () => {
    const d = tmp();
    writeFileSync(join(d, 'clash.mjs'), `export const m = ${JSON.stringify({ ...builtIn, description: 'mine' })};\n`);
    const r = await run(['exponents', '--list', '--models', join(d, 'clash.mjs'), '--catalogue'], withModels);
    expect(r.err).toEqual([`scalecheck: two models named 'builtin': in the catalogue and in '${join(d, 'clash.mjs')}'`]);
  });
});

describe('what loads the catalogue, and the help', () => {
  it.each([
    [['verify'], true],
    [['verify', 'x.ts'], false],
    [['verify', 'x.ts', '--catalogue'], true],
    [['verify', '--no-catalogue', '--claims', 'x.ts'], false],
    [['list'], true],
    [['list', 'x.ts'], false],
    [['exponents', 'lazy', '--alpha', '2'], true],
    [['exponents', '--list', '--models', 'm.ts'], false],
    [['diagnose'], true],
    [['merge', 'a.json'], false],
    [['help'], false],
    [['verify', '--digits', 'x'], false],
  ] as [string[], boolean][])('%j: %s', (argv, needed) => {
    expect(needsCatalogue(argv)).toBe(needed);
  });

  it('the help says how claim files, the catalogue, --deep, --shard and merge work', () => {
    const verify = commandHelp('verify');
    for (const s of ['[FILE_OR_DIR]...', '--claims FILE_OR_DIR', '--catalogue | --no-catalogue', '(--no-catalogue is the default then)', '--deep measures range claims', 'minutes', '--shard I/N', "'scalecheck merge'"]) expect(verify).toContain(s);
    expect(commandHelp('list')).toContain('--no-catalogue is the default then');
    expect(commandHelp('exponents')).toMatch(/--models FILE_OR_DIR loads your exponent models[\s\S]*left out unless --catalogue/);
    expect(commandHelp('merge')).toMatch(/^usage:\n {2}scalecheck merge PART\.json\.\.\. \[--json FILE\] \[--junit FILE\] \[--html FILE\]/);
    expect(HELP).toContain('scalecheck merge PART.json');
  });
});
