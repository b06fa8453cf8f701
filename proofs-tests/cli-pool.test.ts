import { describe, expect, it } from 'vitest';
import { parseVerify } from '../src/cli/args.js';
import { runBatches } from '../src/cli/pool.js';

const worker = new URL('./fixtures/pool-worker.mjs', import.meta.url);

/** Runs the batches and records, in order, what came back for each id. */
async function run(batches: string[][], jobs: number, timeoutMs: number): Promise<{ results: Map<string, string>; lost: Map<string, string> }> {
  const results = new Map<string, string>();
  const lost = new Map<string, string>();
  await runBatches<string>(
    worker,
    batches,
    (ids) => ({ ids }),
    jobs,
    timeoutMs,
    (id, r) => results.set(id, r),
    (id, ms, why) => {
      expect(ms).toBeGreaterThanOrEqual(0);
      lost.set(id, why === 'timeout' ? 'timeout' : why.message);
    },
  );
  return { results, lost };
}

// budgets of seconds, not less: a fresh worker's start counts towards its first claim, and a loaded machine starts it slowly
describe('the time budget per claim (worker pool)', () => {
  it('a claim past its budget is a timeout, and the rest of its batch and the other batches go on', async () => {
    const { results, lost } = await run([['a', 'hang-1', 'b', 'c'], ['d', 'e']], 2, 4000);
    expect([...lost]).toEqual([['hang-1', 'timeout']]);
    expect([...results.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(results.get('b')).toBe('ran b');
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

  it('the budget is 300 s a claim, 1800 s with --mutants (a claim and all its mutants), unless --timeout sets it', () => {
    expect(parseVerify([], 2).timeoutMs).toBe(300_000);
    expect(parseVerify(['--mutants'], 2).timeoutMs).toBe(1_800_000);
    expect(parseVerify(['--mutants', '--timeout', '60'], 2).timeoutMs).toBe(60_000);
    expect(parseVerify(['--timeout=1'], 2).timeoutMs).toBe(1000);
  });
});
