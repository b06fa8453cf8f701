/**
 * verify --shard I/N runs a deterministic share of the chosen claims (affinity groups whole,
 * shares balanced by claim count), and `scalecheck merge` joins the parts' JSON reports into
 * exactly the report of the unsharded run (only the timings differ), or refuses, in one line,
 * parts that do not make one run. Claims: fixtures/shard-claims.mjs, a claim file.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Claim } from '../src/core/claim.js';
import { main, type App } from '../src/cli/main.js';
import { batchesOf, shardOf } from '../src/cli/batches.js';
import { parseVerify } from '../src/cli/args.js';
import { toyClaims } from './fixtures/toy-claims.mjs';

const FILE = fileURLToPath(new URL('./fixtures/shard-claims.mjs', import.meta.url));
const IDS = ['shard.c', 'shard.a1', 'shard.b1', 'shard.d', 'shard.a2', 'shard.e', 'shard.b2', 'shard.a3'];
// in this thread: the claims are the same in a worker, and far quicker here
const app: App = { claims: [] };
const tmp = (): string => mkdtempSync(join(tmpdir(), 'scalecheck-shard-'));

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, app, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

const RUN = [FILE, '--runs', '3', '--digits', '20', '--seed', '7', '--mutants', '--quiet'];
/** A report without its timings: durations in the JSON, the time column and attribute elsewhere. */
const untimed = (text: string): string => text.replace(/"durationMs": \d+/g, '"durationMs": 0').replace(/ time="[\d.]+"/g, '').replace(/\s+\d+\.\ds$/gm, '');
const ids = (f: string): string[] => (JSON.parse(readFileSync(f, 'utf8')) as { claims: { id: string }[] }).claims.map((c) => c.id);

describe('verify --shard I/N', () => {
  it('splits the chosen claims deterministically: affinity groups whole, balanced by claim count, independent of --jobs', () => {
    const claim = (id: string, affinity?: string): Claim<unknown> => ({ ...toyClaims[0]!, id, ...(affinity ? { affinity } : {}) });
    const chosen = fc.array(fc.option(fc.constantFrom('p', 'q', 'r', 's'), { nil: undefined }), { minLength: 0, maxLength: 30 });
    fc.assert(
      fc.property(chosen, fc.integer({ min: 1, max: 6 }), (affinities, n) => {
        const claims = affinities.map((a, i) => claim(`c${i}`, a));
        const parts = Array.from({ length: n }, (_, i) => shardOf(claims, i + 1, n).map((c) => c.id));
        // every claim in exactly one part, each part in the order chosen
        expect(parts.flat().sort()).toEqual(claims.map((c) => c.id).sort());
        for (const p of parts) expect(p).toEqual(claims.map((c) => c.id).filter((id) => p.includes(id)));
        // an affinity group is never split
        for (const b of batchesOf(claims)) expect(parts.filter((p) => p.includes(b[0]!)).every((p) => b.every((id) => p.includes(id)))).toBe(true);
        // balanced: no part exceeds the smallest by more than the largest batch
        const sizes = parts.map((p) => p.length);
        const largest = Math.max(0, ...batchesOf(claims).map((b) => b.length));
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(largest);
        // the same split again (nothing else, such as --jobs, enters it)
        expect(Array.from({ length: n }, (_, i) => shardOf(claims, i + 1, n).map((c) => c.id))).toEqual(parts);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it.each([['0/3'], ['4/3'], ['1/0'], ['a/b'], ['2'], ['1/100000'], ['']])('--shard %s: exit 2, one line', async (s) => {
    const r = await run(['verify', FILE, '--shard', s]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/^scalecheck: --shard /)]);
  });

  it('does not go with --replay', () => {
    expect(() => parseVerify(['--shard', '1/2', '--replay', 'shard.d:0'], 1)).toThrow(/--shard does not go with --replay/);
  });

  it('a part reports its share, the shard and the whole selection; a share may be empty', async () => {
    const d = tmp();
    // its own claims decide its exit code: shard.d is refuted
    expect((await run(['verify', ...RUN, '--shard', '1/2', '--json', join(d, '1.json')])).code).toBe(1);
    // batches largest first to the lighter shard: a (3) to 1, b (2) to 2, c to 2, d to 1, e to 2
    expect(ids(join(d, '1.json'))).toEqual(['shard.a1', 'shard.d', 'shard.a2', 'shard.a3']);
    const part = JSON.parse(readFileSync(join(d, '1.json'), 'utf8'));
    expect(part.shard).toEqual({ index: 1, count: 2, selection: IDS });
    // more shards than batches: the last ones run nothing, and say so
    const r = await run(['verify', ...RUN, '--shard', '9/9', '--json', join(d, '9.json')]);
    expect(r.code).toBe(0);
    expect(ids(join(d, '9.json'))).toEqual([]);
    expect(r.out.join('\n')).toContain('shard 9/9: 0 of the 8 chosen claims');
  });
});

describe('scalecheck merge', () => {
  it.each([[2], [3]])('the %i parts merged are the unsharded run: JSON (but for durations), table, JUnit, exit code', async (n) => {
    const d = tmp();
    const whole = await run(['verify', ...RUN, '--json', join(d, 'whole.json'), '--junit', join(d, 'whole.xml')]);
    // shard.d is refuted and shard.e's mutant survives: exit 1
    expect(whole.code).toBe(1);
    const parts: string[] = [];
    for (let i = 1; i <= n; i++) {
      parts.push(join(d, `part${i}.json`));
      await run(['verify', ...RUN, '--shard', `${i}/${n}`, '--jobs', String(i), '--json', parts.at(-1)!]);
    }
    // in any order
    const merged = await run(['merge', ...parts.reverse(), '--json', join(d, 'merged.json'), '--junit', join(d, 'merged.xml'), '--html', join(d, 'merged.html')]);
    expect(merged.code).toBe(whole.code);
    expect(merged.err).toEqual([]);
    const [a, b] = [readFileSync(join(d, 'whole.json'), 'utf8'), readFileSync(join(d, 'merged.json'), 'utf8')];
    expect(untimed(b)).toBe(untimed(a));
    // something was compared: every claim, the mutant summary, a replay command
    expect(ids(join(d, 'merged.json'))).toEqual(IDS);
    expect(JSON.parse(b).mutants.survived).toEqual([expect.objectContaining({ claim: 'shard.e', site: 'def y', mutation: 'whole side negated' })]);
    expect(b).toContain(`"replay": "npx scalecheck verify ${FILE} --seed 7 --digits 20 --runs 3 --replay shard.d:`);
    expect(untimed(merged.out.join('\n'))).toBe(untimed(whole.out.join('\n')));
    expect(untimed(readFileSync(join(d, 'merged.xml'), 'utf8'))).toBe(untimed(readFileSync(join(d, 'whole.xml'), 'utf8')));
    expect(readFileSync(join(d, 'merged.html'), 'utf8')).toContain('shard.a3');
  });

  it('exits 0 when the merged run is in order', async () => {
    const d = tmp();
    const good = ['--filter', 'shard.a', '--filter', 'shard.b'];
    for (const i of [1, 2]) await run(['verify', ...RUN, ...good, '--shard', `${i}/2`, '--json', join(d, `${i}.json`)]);
    const r = await run(['merge', join(d, '1.json'), join(d, '2.json')]);
    expect(r.out.join('\n')).toMatch(/5\/5 claims hold, 5\/5 wrong variants refuted, 0 automatic mutant\(s\) survived: OK$/);
    expect(r.code).toBe(0);
  });

  it('refuses parts that do not make one run: one line, exit 2', async () => {
    const d = tmp();
    const part = async (name: string, ...more: string[]): Promise<string> => {
      const f = join(d, `${name}.json`);
      await run(['verify', FILE, '--runs', '2', '--digits', '12', '--filter', 'shard.a', '--filter', 'shard.c', '--quiet', '--json', f, ...more]);
      return f;
    };
    const [p1, p2] = [await part('p1', '--shard', '1/2'), await part('p2', '--shard', '2/2')];
    const cases: [string[], RegExp][] = [
      [[p1, await part('seed', '--shard', '2/2', '--seed', '1')], /parts of different runs: their seed differ \(1 and 42\)/],
      [[p1, await part('digits', '--shard', '2/2', '--digits', '13')], /their digits differ/],
      [[p1, await part('runs', '--shard', '2/2', '--runs', '3')], /their options \(--runs, --deep, --mutants, claim files, catalogue\) differ/],
      [[p1, await part('selection', '--shard', '2/2', '--filter', 'shard.b1')], /their selection of claims differ/],
      [[p1, await part('count', '--shard', '2/3')], /their shard count differ/],
      [[p1, p1], /shard 1\/2 is given twice/],
      [[p2], /shard 1\/2 of the run is missing/],
      [[p1, p2, await part('whole')], /is not a part of a sharded run/],
      [[p1, join(d, 'nope.json')], /cannot read '.*nope\.json': ENOENT/],
    ];
    writeFileSync(join(d, 'bad.json'), '{"seed": 1');
    cases.push([[p1, join(d, 'bad.json')], /bad\.json' is not JSON/]);
    writeFileSync(join(d, 'other.json'), '{"seed": 1, "claims": 3}');
    cases.push([[p1, join(d, 'other.json')], /other\.json' is not a scalecheck report/]);
    const partial = JSON.parse(readFileSync(p2, 'utf8'));
    writeFileSync(join(d, 'partial.json'), JSON.stringify({ ...partial, partial: true }));
    cases.push([[p1, join(d, 'partial.json')], /is a partial report/]);
    // a resolution or a target that is no number would reach the page as text or crash it
    const claimOf = (c: object): string => JSON.stringify({ ...partial, claims: [{ ...partial.claims[0], ...c }] });
    writeFileSync(join(d, 'target.json'), claimOf({ target: '<b>x</b>' }));
    cases.push([[p1, join(d, 'target.json')], /target\.json' is not a scalecheck report/]);
    writeFileSync(join(d, 'resolution.json'), claimOf({ resolution: { q: 'wide' } }));
    cases.push([[p1, join(d, 'resolution.json')], /resolution\.json' is not a scalecheck report/]);
    for (const [parts, message] of cases) {
      const r = await run(['merge', ...parts, '--json', join(d, 'merged.json')]);
      expect(r.code, parts.join(' ')).toBe(2);
      expect(r.err).toEqual([expect.stringMatching(message)]);
      expect(r.out).toEqual([]);
    }
    expect((await run(['merge'])).err).toEqual([expect.stringMatching(/merge needs the parts' JSON reports/)]);
    // the two real parts do merge
    expect((await run(['merge', p1, p2])).code).toBe(0);
  });

  it('the built binary: parts run with workers merge to the run in this thread', async () => {
    const d = tmp();
    await run(['verify', ...RUN, '--json', join(d, 'whole.json')]);
    for (const i of [1, 2]) {
      const r = spawnSync(process.execPath, ['dist/bin/scalecheck.js', 'verify', ...RUN, '--shard', `${i}/2`, '--jobs', '2', '--json', join(d, `${i}.json`)], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
    }
    const m = spawnSync(process.execPath, ['dist/bin/scalecheck.js', 'merge', join(d, '1.json'), join(d, '2.json'), '--json', join(d, 'merged.json')], { encoding: 'utf8' });
    expect(m.status).toBe(1);
    expect(m.stdout).toMatch(/7\/8 claims hold/);
    expect(untimed(readFileSync(join(d, 'merged.json'), 'utf8'))).toBe(untimed(readFileSync(join(d, 'whole.json'), 'utf8')));
  }, 240_000);
});
