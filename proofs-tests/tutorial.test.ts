/**
 * The README's walk-through, run as written: the package packed into a tarball, installed in an
 * empty folder, the README's claim file and test file written there, and its commands run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The fenced block right after `<!-- tutorial: NAME -->` in the README. */
function block(name: string): string {
  const m = new RegExp(`<!-- tutorial: ${name.replace('.', '\\.')} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(README);
  if (!m) throw new Error(`README has no tutorial block '${name}'`);
  return m[1]!;
}

/** A README command line as words (the tutorial's commands need no shell beyond single quotes). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

let dir = '';
let tarball = '';

function run(line: string): { status: number | null; stdout: string; stderr: string } {
  const [cmd, ...args] = words(line);
  const r = spawnSync(cmd!, args, { cwd: dir, encoding: 'utf8', timeout: 600_000, env: { ...process.env, SCALECHECK_SEED: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the README walk-through, on the packed tarball in an empty project', () => {
  beforeAll(() => {
    // `npm test` builds first; the tarball is what `npm pack` ships (files, exports, bin)
    if (!existsSync(join(ROOT, 'dist/src/api/index.js'))) execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT });
    dir = mkdtempSync(join(tmpdir(), 'scalecheck-tutorial-'));
    const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[];
    tarball = join(dir, packed[0]!.filename);
    for (const line of block('setup').split('\n')) {
      // the README's path to the tarball is the clone's; here it is the one just packed, and the
      // install prefers the npm cache the repository's own install filled
      for (const step of line.split('&&').map((x) => x.trim())) {
        const cmd = step.replace(/\S*scalecheck-[\d.]+\.tgz/, tarball);
        const r = run(cmd.startsWith('npm install') ? `${cmd} --prefer-offline --no-audit --no-fund` : cmd);
        expect(r.status, `${cmd}\n${r.stderr}`).toBe(0);
      }
    }
    writeFileSync(join(dir, 'claims.ts'), block('claims.ts') + '\n');
    writeFileSync(join(dir, 'claims.test.ts'), block('claims.test.ts') + '\n');
  }, 600_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the tarball ships what runs, and no tests', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toContain('package/dist/bin/scalecheck.js');
    expect(files).toContain('package/dist/src/api/index.d.ts');
    expect(files).toContain('package/dist/src/api/vitest.js');
    expect(files.filter((f) => /proofs-tests|\.test\.|bench\/|stryker/.test(f))).toEqual([]);
  });

  it('verify runs the claim file: both claims hold, both wrong variants are refuted', () => {
    const r = run(block('verify'));
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
      claims: { id: string; verdict: string; resolution?: Record<string, number>; variants: { verdict: string; counterexample?: { replay: string } }[] }[];
      summary: { ok: boolean };
    };
    expect(report.summary.ok).toBe(true);
    expect(report.claims.map((c) => [c.id, c.verdict])).toEqual([
      ['mine.sherman-morrison', 'verified'],
      ['mine.mode-sum-law', 'verified'],
    ]);
    expect(report.claims[1]!.resolution!.exponent).toBeLessThan(1e-5);
    for (const c of report.claims) for (const v of c.variants) expect(v.verdict).toBe('refuted');
    // the README's replay command is the one the report printed, and runs as printed
    const replay = report.claims[0]!.variants[0]!.counterexample!.replay;
    expect(block('replay')).toBe(replay);
    expect(run(replay).status).toBe(1);
  });

  it('vitest runs the same claims through the matchers', () => {
    const r = run(block('vitest'));
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 passed/);
  });
});
