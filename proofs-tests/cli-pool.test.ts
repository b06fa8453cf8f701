import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseVerify } from '../src/cli/args.js';
import { Pool, runBatches, WorkerStartError, type PoolOptions } from '../src/cli/pool.js';

const worker = new URL('./fixtures/pool-worker.mjs', import.meta.url);

/** Runs the batches and records, in order, what came back for each id. */
async function run(batches: string[][], jobs: number, timeoutMs: number, more: Partial<PoolOptions> = {}, url = worker): Promise<{ results: Map<string, string>; lost: Map<string, string> }> {
  const results = new Map<string, string>();
  const lost = new Map<string, string>();
  await runBatches<string>(
    url,
    batches,
    (ids) => ({ ids }),
    { jobs, timeoutMs, ...more },
    (id, r) => results.set(id, r),
    (id, ms, loss) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      lost.set(id, loss.reason === 'error' ? loss.message : loss.reason);
    },
  );
  return { results, lost };
}

// budgets of seconds, not less: the machine may be loaded (a worker's start does not count towards its claims)
describe('the worker pool', () => {
  it('a claim past its budget is a timeout, and the rest of its batch and the other batches go on', async () => {
    const { results, lost } = await run([['a', 'hang-1', 'b', 'c'], ['d', 'e']], 2, 4000);
    expect([...lost]).toEqual([['hang-1', 'timeout']]);
    expect([...results.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(results.get('b')).toBe('ran b');
  }, 30_000);

  it('the budget holds with one lane and one claim too', async () => {
    const { results, lost } = await run([['hang-1']], 1, 3000);
    expect([...lost]).toEqual([['hang-1', 'timeout']]);
    expect(results.size).toBe(0);
  }, 30_000);

  it('the budget is per claim, not per batch: claims that each take less never time out together', async () => {
    const { results, lost } = await run([Array.from({ length: 40 }, (_, i) => `q${i}`)], 1, 4000);
    expect(lost.size).toBe(0);
    expect(results.size).toBe(40);
  }, 30_000);

  it('a worker that dies takes only its current claim with it', async () => {
    const { results, lost } = await run([['a', 'die-1', 'b'], ['hang-2', 'c']], 1, 4000);
    expect(lost.get('die-1')).toMatch(/died on die-1/);
    expect(lost.get('hang-2')).toBe('timeout');
    expect([...results.keys()].sort()).toEqual(['a', 'b', 'c']);
  }, 30_000);

  it('a claim that reports an error is lost alone, and its worker stays', async () => {
    const { results, lost } = await run([['a', 'err-1', 'b']], 1, 4000);
    expect([...lost]).toEqual([['err-1', 'failed on err-1']]);
    expect([...results.keys()]).toEqual(['a', 'b']);
  }, 30_000);

  it('a claim past its heap limit is lost as out of memory, not the process', async () => {
    const { results, lost } = await run([['a', 'oom-1', 'b']], 1, 20_000, { heapMb: 32 });
    expect([...lost]).toEqual([['oom-1', 'out of memory']]);
    expect([...results.keys()]).toEqual(['a', 'b']);
  }, 60_000);

  it('workers start one at a time (each start opens its whole module graph at once)', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'scalecheck-pool-')), 'starts');
    process.env.POOL_START_LOG = log;
    try {
      // a hanging claim makes a lane start a second worker while the others run
      await run([['a'], ['hang-1', 'b'], ['c'], ['d']], 3, 3000);
    } finally {
      delete process.env.POOL_START_LOG;
    }
    const starts = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number) as [number, number]).sort((x, y) => x[0] - y[0]);
    expect(starts).toHaveLength(4);
    for (let i = 1; i < starts.length; i++) expect(starts[i]![0]).toBeGreaterThanOrEqual(starts[i - 1]![1]);
  }, 30_000);

  it('a batch runs in one worker, and workers stay from one run to the next', async () => {
    const pool = new Pool(worker, { jobs: 2, timeoutMs: 4000 });
    const thread = new Map<string, number>();
    const note = (id: string, r: string): void => void thread.set(id, Number(r.split(' ').at(-1)));
    try {
      await pool.run<string>([['a', 'b', 'c'], ['d']], (ids) => ({ ids, thread: true }), note, () => undefined);
      await pool.run<string>([['e'], ['f']], (ids) => ({ ids, thread: true }), note, () => undefined);
    } finally {
      await pool.close();
    }
    expect(new Set(['a', 'b', 'c'].map((id) => thread.get(id))).size).toBe(1);
    // two lanes, two workers in all
    expect(new Set(thread.values()).size).toBe(2);
  }, 30_000);

  it('a worker that cannot load its catalogue stops the run with one message', async () => {
    const broken = new URL('./fixtures/pool-worker-broken.mjs', import.meta.url);
    const p = run([['a'], ['b']], 2, 4000, {}, broken);
    await expect(p).rejects.toBeInstanceOf(WorkerStartError);
    await expect(p).rejects.toThrow(/a worker failed to start: claim toy.broken: a definition threw at load time/);
  }, 30_000);

  it('an abort terminates the workers: unfinished claims are neither results nor losses', async () => {
    const stop = new AbortController();
    const results = new Map<string, string>();
    const lost: string[] = [];
    await runBatches<string>(worker, [['a', 'hang-1', 'b'], ['c']], (ids) => ({ ids }), { jobs: 2, timeoutMs: 60_000, signal: stop.signal }, (id, r) => {
      results.set(id, r);
      if (results.has('a') && results.has('c')) stop.abort();
    }, (id) => lost.push(id));
    expect([...results.keys()].sort()).toEqual(['a', 'c']);
    expect(lost).toEqual([]);
  }, 30_000);

  it('the budget is 300 s a claim, 1800 s with --mutants (a claim and all its mutants), unless --timeout sets it', () => {
    expect(parseVerify([], 2).timeoutMs).toBe(300_000);
    expect(parseVerify(['--mutants'], 2).timeoutMs).toBe(1_800_000);
    expect(parseVerify(['--mutants', '--timeout', '60'], 2).timeoutMs).toBe(60_000);
    expect(parseVerify(['--timeout=1'], 2).timeoutMs).toBe(1000);
  });
});
