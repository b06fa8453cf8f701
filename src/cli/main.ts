import { availableParallelism } from 'node:os';
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Claim } from '../core/claim.js';
import { check, runClaim, type ClaimResult, type RunOptions } from '../core/runner.js';
import type { LawModel } from '../core/laws.js';
import { HELP, parseVerify, UsageError, type VerifyOptions } from './args.js';
import { lawsFor, modelList, parseExponents, renderLaws } from './exponents.js';
import { runBatches } from './pool.js';
import { renderHtml } from '../report/html.js';
import { lawsSvg } from '../report/laws-plot.js';
import { claimOk, entry, junit, summarise, table, type ClaimEntry } from './report.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { diagnose, parseDiagnose } from './diagnose.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface App {
  claims: Claim<unknown>[];
  /** the exponent models `scalecheck exponents` knows */
  models?: LawModel[];
  /** the measured assumptions `scalecheck diagnose` runs */
  diagnostics?: Diagnostic[];
  /** the worker entry that loads the same catalogue; absent: claims run in this thread */
  workerUrl?: URL;
}

/** Run the CLI; returns the exit code. Never throws for bad input: UsageError -> 2. */
export async function main(argv: string[], app: App, io: Io): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    switch (cmd) {
      case 'verify':
        return await verify(parseVerify(rest, availableParallelism()), app, io);
      case 'list':
        if (rest.length) throw new UsageError(`'list' takes no arguments`);
        for (const c of app.claims) io.out(`${c.id}\t${c.kind}\t${c.source}\t${c.variants.length} wrong variants`);
        for (const d of app.diagnostics ?? []) io.out(`${d.id}\t${d.kind}\t${d.source}\tmeasured by 'scalecheck diagnose'`);
        return 0;
      case 'exponents': {
        const models = app.models ?? [];
        if (rest.length === 1 && rest[0] === '--list') {
          io.out(modelList(models));
          return 0;
        }
        const o = parseExponents(rest);
        const { model, result } = lawsFor(models, o);
        io.out(renderLaws(model, result, o.format));
        if (o.plot) writeOut(o.plot, await lawsSvg(model, result));
        return 0;
      }
      case 'diagnose':
        io.out(diagnose(parseDiagnose(rest), app.diagnostics ?? []));
        return 0;
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return 0;
      case undefined:
        throw new UsageError(`missing command (verify, exponents, diagnose, list, help)`);
      default:
        throw new UsageError(`unknown command '${cmd}' (verify, exponents, diagnose, list, help)`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`scalecheck: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

export function select(claims: Claim<unknown>[], filter: string[]): Claim<unknown>[] {
  if (filter.length === 0) return claims;
  const chosen = claims.filter((c) => filter.some((f) => c.id === f || c.id.startsWith(f.endsWith('.') ? f : `${f}`)));
  const unknown = filter.filter((f) => !claims.some((c) => c.id === f || c.id.startsWith(f)));
  if (unknown.length) throw new UsageError(`unknown claim id or prefix '${unknown[0]}' (see 'scalecheck list')`);
  return chosen;
}

async function verify(o: VerifyOptions, app: App, io: Io): Promise<number> {
  const opts: RunOptions = { seed: o.seed, runs: o.runs, digits: o.digits, mutants: o.mutants };
  if (o.replay) return replay(o, app, io);
  const chosen = select(app.claims, o.filter);
  // an output that cannot be written is bad input: say so before a run of minutes, not after
  for (const path of [o.json, o.junit, o.html]) if (path !== undefined) assertWritable(path);
  const t0 = Date.now();
  let done = 0;
  const progress = (id: string, verdict: string): void => {
    done++;
    if (!o.quiet) io.err(`[${done}/${chosen.length}] ${id}: ${verdict} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  };
  const entries = new Map<string, ClaimEntry>();
  const byId = new Map(chosen.map((c) => [c.id, c]));
  if (app.workerUrl && o.jobs > 1 && chosen.length > 1) {
    // claims with one affinity draw the same instances: one worker, shared caches
    const batches = new Map<string, string[]>();
    for (const c of chosen) {
      const key = c.affinity ?? c.id;
      batches.set(key, [...(batches.get(key) ?? []), c.id]);
    }
    // the largest batches first, so that the lanes finish together
    const ordered = [...batches.values()].sort((a, b) => b.length - a.length);
    await runBatches<ClaimResult>(
      app.workerUrl,
      ordered,
      (ids) => ({ ids, opts }),
      o.jobs,
      o.timeoutMs,
      (id, r) => {
        entries.set(id, entry(byId.get(id)!, r, o.seed, o.digits));
        progress(id, r.verdict);
      },
      (id, ms, why) => {
        const lost = why === 'timeout' ? { verdict: 'timeout' as const, durationMs: ms } : { verdict: 'inconclusive' as const, durationMs: ms, note: `engine error: ${why.message}` };
        entries.set(id, entry(byId.get(id)!, lost, o.seed, o.digits));
        progress(id, lost.verdict);
      },
    );
  } else {
    for (const c of chosen) {
      const r = runClaim(c, opts);
      entries.set(c.id, entry(c, r, o.seed, o.digits));
      progress(c.id, r.verdict);
    }
  }
  // report in catalogue order, whatever order the workers finished in
  const report = summarise(o.seed, o.digits, chosen.map((c) => entries.get(c.id)!));
  io.out(table(report));
  if (o.json) writeOut(o.json, JSON.stringify(report, null, 2) + '\n');
  if (o.junit) writeOut(o.junit, junit(report));
  if (o.html) writeOut(o.html, await renderHtml(report));
  return report.claims.every(claimOk) ? 0 : 1;
}

function assertWritable(path: string): void {
  const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
    accessSync(path, constants.W_OK);
  } catch (e) {
    // absent is fine if its directory takes new files
    if (code(e) !== 'ENOENT') throw new UsageError(`cannot write '${path}': ${code(e)}`);
    try {
      accessSync(dirname(path), constants.W_OK);
    } catch (e2) {
      throw new UsageError(`cannot write '${path}': ${code(e2)}`);
    }
  }
  if (isDir) throw new UsageError(`cannot write '${path}': it is a directory`);
}

function writeOut(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write '${path}': ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function replay(o: VerifyOptions, app: App, io: Io): number {
  const r = o.replay!;
  const claim = app.claims.find((c) => c.id === r.id);
  if (!claim) throw new UsageError(`unknown claim id '${r.id}' (see 'scalecheck list')`);
  if (r.variant !== undefined && !claim.variants[r.variant]) throw new UsageError(`claim ${r.id} has no variant #${r.variant}`);
  const variant = r.variant === undefined ? undefined : claim.variants[r.variant];
  let res: ReturnType<typeof check>;
  try {
    res = check(claim, variant, { seed: o.seed, digits: o.digits, path: r.path });
  } catch (e) {
    // fast-check refuses a path that its shrink tree for this seed does not have
    if (e instanceof Error && /Unable to replay/.test(e.message)) throw new UsageError(`--replay: no case at path ${r.path} for ${r.id} with seed ${o.seed}`);
    throw e;
  }
  const what = variant ? `${claim.id} [wrong variant: ${variant.name}]` : claim.id;
  io.out(`${what}: ${res.verdict}`);
  if (res.counterexample) io.out(`case ${JSON.stringify(res.counterexample.params)}: residuals ${JSON.stringify(res.counterexample.residuals)} (equation ${res.counterexample.equation})`);
  return 0;
}
