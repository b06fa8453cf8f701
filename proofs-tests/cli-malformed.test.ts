/**
 * verify validates every chosen claim (validateClaim, src/core/validate.ts) before any claim
 * runs: in the workers, where its instances run under the budget, or in this thread without
 * them. A MalformedClaim is bad input: its message in one line, exit 2, no run, no report.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type App } from '../src/cli/main.js';
import { toyClaims } from './fixtures/toy-claims.mjs';

const inThread: App = { claims: toyClaims };
const withWorkers: App = { claims: toyClaims, workerUrl: new URL('./fixtures/toy-worker.mjs', import.meta.url) };
const W = /^scalecheck: claim toy\.malformed: equation e: rhs reads 'W'/;

async function run(argv: string[], app: App): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, app, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

describe('malformed claims', () => {
  it.each([
    ['in this thread', inThread],
    ['with workers', withWorkers],
  ])('a malformed claim among the chosen ones: exit 2, its message in one line, nothing run or written (%s)', async (_, app) => {
    const f = join(mkdtempSync(join(tmpdir(), 'scalecheck-malformed-')), 'r.json');
    const r = await run(['verify', '--filter', 'toy.double', '--filter', 'toy.malformed', '--json', f], app);
    expect(r.code).toBe(2);
    // no progress line: nothing ran
    expect(r.err).toEqual([expect.stringMatching(W)]);
    expect(r.out).toEqual([]);
    expect(existsSync(f)).toBe(false);
  }, 60_000);

  it.each([
    ['in this thread', inThread],
    ['with workers', withWorkers],
  ])('a replay of a malformed claim: exit 2, one line (%s)', async (_, app) => {
    const r = await run(['verify', '--replay', 'toy.malformed:0'], app);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(W)]);
  }, 60_000);
});
