import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Claim } from '../core/claim.js';
import { check, DEFAULT_RUNS, runClaim, type CheckResult, type ClaimResult, type RunOptions } from '../core/runner.js';
import type { LawModel } from '../core/laws.js';
import { holdsVerdicts } from '../core/verdict.js';
import { MalformedClaim, validateClaim } from '../core/validate.js';
import { catalogueOn, commandHelp, COMMANDS, HELP, oneLine, parseList, parseMerge, parseVerify, UsageError, type ClaimSources, type Command, type MergeOptions, type VerifyOptions } from './args.js';
import { batchesOf, shardOf } from './batches.js';
import { builtInModelsOn, lawsFor, modelList, parseExponents, renderLaws, type ExponentsOptions } from './exponents.js';
import { loadClaims, loadModels, type ClaimSource } from './load.js';
import { mergeParts } from './merge.js';
import { checkOutputs, writeAtomically, writeFailure } from './outputs.js';
import { Pool, WorkerStartError, type Loss } from './pool.js';
import type { Validated, WorkRequest } from './serve.js';
import { renderHtml } from '../report/html.js';
import { lawsSvg } from '../report/laws-plot.js';
import { entry, junit, summarise, table, type ClaimEntry, type LostClaim, type Report, type RunContext, type RunSettings } from './report.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { diagnose, parseDiagnose } from './diagnose.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export interface App {
  /** the catalogue's claims: the set when no claim files are given (see load.ts) */
  claims: Claim<unknown>[];
  /** the built-in exponent models `scalecheck exponents` knows */
  models?: LawModel[];
  /** the measured assumptions `scalecheck diagnose` runs */
  diagnostics?: Diagnostic[];
  /**
   * the worker entry that loads the same claim set, described by its workerData (a ClaimSource:
   * see load.ts, serve.ts); absent (tests only): claims run in this thread, with no time budget
   * and no heap limit
   */
  workerUrl?: URL;
  /** each worker's heap limit in MB (tests: a small one); default: from the memory and the lanes */
  workerHeapMb?: number;
}

/**
 * Run the CLI; returns the exit code and never throws: 0 all in order, 1 something does not
 * hold, 2 bad input (one line), 3 internal error (one line), 130/143 interrupted.
 */
/** The version in the package.json above this module (src/cli or dist/src/cli alike). */
function version(): string {
  for (let dir = new URL('.', import.meta.url); dir.pathname !== '/'; dir = new URL('..', dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'scalecheck' && pkg.version) return pkg.version;
    } catch {
      /* not here: one folder up */
    }
  }
  return 'unknown';
}

export async function main(argv: string[], app: App, io: Io): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    if (COMMANDS.includes(cmd as Command) && (rest.includes('--help') || rest.includes('-h'))) {
      io.out(commandHelp(cmd as Command));
      return 0;
    }
    switch (cmd) {
      case 'verify':
        return await verify(parseVerify(rest, availableParallelism()), app, io);
      case 'merge':
        return await merge(parseMerge(rest), io);
      case 'list': {
        const o = parseList(rest);
        const { claims } = await claimSet(o, app);
        // the statement on one line, as written (LaTeX)
        for (const c of claims) io.out(`${c.id}\t${c.kind}\t${c.source}\t${c.variants.length} wrong variants\t${c.statement.replace(/\s+/g, ' ')}`);
        if (catalogueOn(o)) for (const d of app.diagnostics ?? []) io.out(`${d.id}\t${d.kind}\t${d.source}\tmeasured by 'scalecheck diagnose'`);
        return 0;
      }
      case 'exponents': {
        const o = parseExponents(rest);
        const models = await modelSet(o, app);
        if (o.list) {
          io.out(modelList(models));
          return 0;
        }
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
      case '-h': {
        const about = rest[0];
        if (about !== undefined && !COMMANDS.includes(about as Command)) throw new UsageError(`no command '${about}' to explain (${COMMANDS.join(', ')})`);
        io.out(about === undefined ? HELP : commandHelp(about as Command));
        return 0;
      }
      case '--version':
      case '-V':
      case 'version':
        io.out(`scalecheck ${version()}`);
        return 0;
      case undefined:
        throw new UsageError(`missing command (${COMMANDS.join(', ')})`);
      default:
        throw new UsageError(`unknown command '${cmd}' (${COMMANDS.join(', ')})`);
    }
  } catch (e) {
    // a malformed claim is a writing mistake in the input, like a bad option
    if (e instanceof UsageError || e instanceof MalformedClaim) {
      io.err(`scalecheck: ${oneLine(e)}`);
      return 2;
    }
    io.err(`scalecheck: internal error: ${oneLine(e)}`);
    return 3;
  }
}

/** Where an error was thrown: its first frame in a file of ours (not node_modules, not Node's). */
function thrownAt(e: unknown): string {
  const frame = (e instanceof Error ? (e.stack ?? '') : '').split('\n').find((l) => /^\s+at .*file:\/\//.test(l) && !l.includes('/node_modules/'));
  const file = frame && /file:\/\/([^)\s]+)/.exec(frame)?.[1];
  return file ? ` (at ${file})` : '';
}

/**
 * Whether a command reads the catalogue (its claims, models, assumptions): loading it takes
 * seconds, which help, merge, and claim files alone need not wait for. Bad input needs no
 * catalogue either: main says it.
 */
export function needsCatalogue(argv: string[]): boolean {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'verify':
        return catalogueOn(parseVerify(rest, 1));
      case 'list':
        return catalogueOn(parseList(rest));
      case 'exponents':
        return builtInModelsOn(parseExponents(rest));
      case 'diagnose':
        return true;
      default:
        return false;
    }
  } catch {
    return false;
  }
}

/**
 * The process around main: loads the catalogue when the command needs it (a claim whose
 * definition throws is one line: exit 2 for a MalformedClaim, 3 for anything else), runs main,
 * sets the exit code. Without the catalogue, `load` gives the rest of the App (the worker entry).
 */
export async function runCli(load: (need: { catalogue: boolean }) => Promise<App>): Promise<void> {
  const io: Io = { out: (s) => console.log(s), err: (s) => console.error(s) };
  const argv = process.argv.slice(2);
  let app: App;
  try {
    app = await load({ catalogue: needsCatalogue(argv) });
  } catch (e) {
    const malformed = e instanceof MalformedClaim;
    io.err(`scalecheck: ${malformed ? '' : 'internal error: '}loading the claims: ${oneLine(e)}${thrownAt(e)}`);
    process.exitCode = malformed ? 2 : 3;
    return;
  }
  process.exitCode = await main(argv, app, io);
}

/**
 * The claims a command reads: the catalogue's (when in the set) and the claim files', every id
 * once; and what a worker needs to load the very same set.
 */
async function claimSet(o: ClaimSources, app: App): Promise<{ claims: Claim<unknown>[]; source: ClaimSource }> {
  const catalogue = catalogueOn(o);
  if (!catalogue && o.files.length === 0) throw new UsageError('--no-catalogue and no claim files: no claims to read (give FILE_OR_DIR)');
  const { claims, files } = await loadClaims(o.files, catalogue ? app.claims : []);
  return { claims, source: { files: files.map((f) => f.path), catalogue } };
}

/** The exponent models: the built-in ones (when in the set) and those of the model files, every name once. */
async function modelSet(o: ExponentsOptions, app: App): Promise<LawModel[]> {
  const builtIn = builtInModelsOn(o);
  if (!builtIn && o.models.length === 0) throw new UsageError('--no-catalogue and no --models: no models to read');
  return loadModels(o.models, builtIn ? (app.models ?? []) : []);
}

export function select(claims: Claim<unknown>[], filter: string[]): Claim<unknown>[] {
  if (filter.length === 0) return claims;
  const chosen = claims.filter((c) => filter.some((f) => c.id === f || c.id.startsWith(f.endsWith('.') ? f : `${f}`)));
  const unknown = filter.filter((f) => !claims.some((c) => c.id === f || c.id.startsWith(f)));
  if (unknown.length) throw new UsageError(`unknown claim id or prefix '${unknown[0]}' (see 'scalecheck list')`);
  return chosen;
}

const EXIT_ON_SIGNAL: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

function lostClaim(loss: Loss, durationMs: number, timeoutMs: number): LostClaim {
  if (loss.reason === 'timeout') return { verdict: 'timeout', durationMs, note: `over its time budget of ${timeoutMs / 1000} s (--timeout)` };
  const why = loss.reason === 'out of memory' ? `out of memory (worker heap limit ${loss.heapMb} MB)` : loss.message;
  return { verdict: 'inconclusive', durationMs, note: `engine error: ${why}` };
}

/**
 * Every chosen claim is validated before any runs (a MalformedClaim: exit 2, one line). With
 * workers this happens in them, as validateClaim builds instances: under the budget and the heap
 * limit, in parallel. A claim lost while validated is reported lost and not run again. Returns
 * each claim's validation time, which counts in its duration (the instances it builds may be
 * all a claim with cached measurements computes).
 */
async function validated(chosen: Claim<unknown>[], o: VerifyOptions, pool: Pool | undefined, onLost: (id: string, ms: number, loss: Loss) => void): Promise<Map<string, number>> {
  const ms = new Map<string, number>();
  if (!pool) {
    for (const c of chosen) {
      const t0 = performance.now();
      validateClaim(c, { seed: o.seed, digits: o.digits });
      ms.set(c.id, performance.now() - t0);
    }
    return ms;
  }
  const malformed = new Map<string, string>();
  const request = (ids: string[]): WorkRequest => ({ ids, opts: { seed: o.seed, digits: o.digits }, validate: true });
  await pool.run<Validated>(batchesOf(chosen), request, (id, r) => {
    ms.set(id, r.ms);
    if (r.malformed !== undefined) malformed.set(id, r.malformed);
  }, onLost);
  // the first in catalogue order, whichever worker found it first
  const first = chosen.find((c) => malformed.has(c.id));
  if (first) throw new MalformedClaim(malformed.get(first.id)!);
  return ms;
}

async function verify(o: VerifyOptions, app: App, io: Io): Promise<number> {
  const { claims, source } = await claimSet(o, app);
  if (o.replay) return replay(o, claims, source, app, io);
  const selection = select(claims, o.filter);
  const chosen = o.shard ? shardOf(selection, o.shard.index, o.shard.count) : selection;
  // bad input is said before a run of minutes, not after
  checkOutputs(outputsOf(o));
  const opts: RunOptions = { seed: o.seed, runs: o.runs, digits: o.digits, mutants: o.mutants, deep: o.deep };
  const run: RunContext = { seed: o.seed, digits: o.digits, runs: o.runs, deep: o.deep, files: o.files, catalogue: source.catalogue };
  const settings: RunSettings = { runs: o.runs, deep: o.deep, mutants: o.mutants, files: o.files, catalogue: source.catalogue };
  const shard = o.shard && { ...o.shard, selection: selection.map((c) => c.id) };
  const t0 = Date.now();
  const entries = new Map<string, ClaimEntry>();
  const byId = new Map(chosen.map((c) => [c.id, c]));
  let validation = new Map<string, number>();
  const record = (id: string, r: ClaimResult | LostClaim): void => {
    entries.set(id, entry(byId.get(id)!, { ...r, durationMs: Math.round(r.durationMs + (validation.get(id) ?? 0)) }, run));
    if (!o.quiet) io.err(`[${entries.size}/${chosen.length}] ${id}: ${r.verdict} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  };
  const lost = (id: string, ms: number, loss: Loss): void => record(id, lostClaim(loss, ms, o.timeoutMs));
  // every claim in a worker, whatever the job count: only there can a budget or a heap limit stop it
  const stop = new AbortController();
  let signal: string | undefined;
  const onSignal = (sig: string): void => {
    signal = sig;
    stop.abort();
  };
  const pool = app.workerUrl && chosen.length ? new Pool(app.workerUrl, { jobs: Math.min(o.jobs, batchesOf(chosen).length), timeoutMs: o.timeoutMs, heapMb: app.workerHeapMb, signal: stop.signal, workerData: source }) : undefined;
  let fatal: WorkerStartError | undefined;
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    validation = await validated(chosen, o, pool, lost);
    const rest = chosen.filter((c) => !entries.has(c.id));
    if (!pool) for (const c of rest) record(c.id, runClaim(c, opts));
    else if (!pool.halted()) await pool.run<ClaimResult>(batchesOf(rest), (ids): WorkRequest => ({ ids, opts }), record, lost);
  } catch (e) {
    // a worker that cannot start: what finished is still reported
    if (!(e instanceof WorkerStartError)) throw e;
    fatal = e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pool?.close();
  }
  const partial = signal !== undefined || fatal !== undefined;
  // report in catalogue order, whatever order the workers finished in
  const report = summarise(o.seed, o.digits, chosen.flatMap((c) => entries.get(c.id) ?? []), partial, settings, shard);
  io.out(table(report));
  const failed = await writeReports(report, o);
  const also = failed.length ? `; ${failed.join('; ')}` : '';
  if (fatal) {
    io.err(`scalecheck: internal error: ${fatal.message} (partial report of ${entries.size}/${chosen.length} claims${also})`);
    return 3;
  }
  if (signal !== undefined) {
    io.err(`scalecheck: interrupted by ${signal}: partial report of ${entries.size}/${chosen.length} claims${also}`);
    return EXIT_ON_SIGNAL[signal]!;
  }
  // the table is printed and the other outputs written: one line says what was lost
  if (failed.length) {
    io.err(`scalecheck: ${failed.join('; ')}`);
    return 2;
  }
  return report.summary.ok ? 0 : 1;
}

/** The parts of a sharded run as one report: its table, its outputs, and verify's exit code. */
async function merge(o: MergeOptions, io: Io): Promise<number> {
  checkOutputs(outputsOf(o));
  const report = mergeParts(o.parts);
  io.out(table(report));
  const failed = await writeReports(report, o);
  if (failed.length) {
    io.err(`scalecheck: ${failed.join('; ')}`);
    return 2;
  }
  return report.summary.ok ? 0 : 1;
}

/** The report files asked for (verify, merge). */
interface ReportFiles {
  json?: string;
  junit?: string;
  html?: string;
}

function outputsOf(o: ReportFiles): { flag: string; path: string }[] {
  return [
    { flag: '--json', path: o.json },
    { flag: '--junit', path: o.junit },
    { flag: '--html', path: o.html },
  ].filter((x): x is { flag: string; path: string } => x.path !== undefined);
}

/** Writes every requested output, each whole or not at all; returns what could not be written. */
async function writeReports(report: Report, o: ReportFiles): Promise<string[]> {
  const failed: string[] = [];
  const outputs: [string | undefined, () => string | Promise<string>][] = [
    [o.json, () => JSON.stringify(report, null, 2) + '\n'],
    [o.junit, () => junit(report)],
    [o.html, () => renderHtml(report)],
  ];
  for (const [path, render] of outputs) {
    if (path === undefined) continue;
    const text = await render();
    try {
      writeAtomically(path, text);
    } catch (e) {
      failed.push(writeFailure(path, e));
    }
  }
  return failed;
}

function writeOut(path: string, text: string): void {
  try {
    writeAtomically(path, text);
  } catch (e) {
    throw new UsageError(writeFailure(path, e));
  }
}

/** One case again, from the seed and the path a report printed; exit 0 when it holds there, 1 when it does not. */
async function replay(o: VerifyOptions, claims: Claim<unknown>[], source: ClaimSource, app: App, io: Io): Promise<number> {
  const r = o.replay!;
  const claim = claims.find((c) => c.id === r.id);
  if (!claim) throw new UsageError(`unknown claim id '${r.id}' (see 'scalecheck list')`);
  if (r.variant !== undefined && !claim.variants[r.variant]) throw new UsageError(`claim ${r.id} has no variant #${r.variant}`);
  // fast-check draws every case up to the path's first index before it starts: bound it by the run's cases
  const runs = o.runs ?? claim.runs ?? DEFAULT_RUNS;
  const first = Number(r.path.split(':')[0]);
  if (first >= runs) throw new UsageError(`--replay: no case ${first} for ${r.id}: a run draws ${runs} (use the --runs of the run that printed the path)`);
  const variant = r.variant === undefined ? undefined : claim.variants[r.variant];
  const opts: RunOptions = { seed: o.seed, digits: o.digits, path: r.path, deep: o.deep };
  const noCase = (): UsageError => new UsageError(`--replay: no case at path ${r.path} for ${r.id} with seed ${o.seed}`);
  const unreplayable = (message: string): boolean => /Unable to replay/.test(message);
  let res: CheckResult | LostClaim | undefined;
  if (app.workerUrl) {
    const pool = new Pool(app.workerUrl, { jobs: 1, timeoutMs: o.timeoutMs, heapMb: app.workerHeapMb, workerData: source });
    let noPath = false;
    const lost = (_: string, ms: number, loss: Loss): void => {
      noPath = loss.reason === 'error' && unreplayable(loss.message);
      res = lostClaim(loss, ms, o.timeoutMs);
    };
    try {
      await validated([claim], o, pool, lost);
      if (!res) await pool.run<CheckResult>([[claim.id]], (ids): WorkRequest => ({ ids, opts, variant: r.variant }), (_, x) => (res = x), lost);
    } finally {
      await pool.close();
    }
    if (noPath) throw noCase();
  } else {
    validateClaim(claim, { seed: o.seed, digits: o.digits });
    try {
      res = check(claim, variant, opts);
    } catch (e) {
      // fast-check refuses a path that its shrink tree for this seed does not have
      if (e instanceof Error && unreplayable(e.message)) throw noCase();
      throw e;
    }
  }
  // a path past the end of a shrink list walks to no case at all
  if (!res || ('runs' in res && res.runs === 0)) throw noCase();
  const what = variant ? `${claim.id} [wrong variant: ${variant.name}]` : claim.id;
  io.out(`${what}: ${res.verdict}`);
  if ('counterexample' in res && res.counterexample) io.out(`case ${JSON.stringify(res.counterexample.params)}: residuals ${JSON.stringify(res.counterexample.residuals)} (equation ${res.counterexample.equation})`);
  if ('note' in res && res.note) io.out(res.note);
  return holdsVerdicts.has(res.verdict) ? 0 : 1;
}
