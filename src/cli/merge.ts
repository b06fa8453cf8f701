/** `scalecheck merge`: the JSON reports of the parts of a sharded run, joined into the report of the unsharded run. */
import { readFileSync } from 'node:fs';
import { oneLine, UsageError } from './args.js';
import { summarise, type ClaimEntry, type Report, type ShardInfo } from './report.js';

interface Part {
  path: string;
  report: Report & { shard: ShardInfo };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** A record of numbers (a resolution unknown is NaN, which JSON writes as null). */
const numbers = (x: unknown): boolean => isObject(x) && !Array.isArray(x) && Object.values(x).every((v) => v === null || isNumber(v));
const scaling = (c: Record<string, unknown>): boolean =>
  (c.resolution === undefined || numbers(c.resolution)) && (c.target === undefined || isNumber(c.target) || numbers(c.target)) && (c.resolutionSource === undefined || (isObject(c.resolutionSource) && Object.values(c.resolutionSource).every((v) => typeof v === 'string')));

/** Enough of a report's shape that merging it cannot throw. */
function isReport(x: unknown): x is Report {
  if (!isObject(x) || !isNumber(x.seed) || !Array.isArray(x.digits) || !x.digits.every(isNumber) || !isObject(x.summary)) return false;
  if (!Array.isArray(x.claims) || !x.claims.every((c) => isObject(c) && typeof c.id === 'string' && typeof c.group === 'string' && typeof c.verdict === 'string' && Array.isArray(c.variants) && scaling(c))) return false;
  const s = x.shard;
  return s === undefined || (isObject(s) && isNumber(s.index) && isNumber(s.count) && Array.isArray(s.selection) && s.selection.every((id) => typeof id === 'string'));
}

function readPart(path: string): Part {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read '${path}': ${(e as NodeJS.ErrnoException).code ?? oneLine(e)}`);
  }
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`'${path}' is not JSON: ${oneLine(e)}`);
  }
  if (!isReport(report)) throw new UsageError(`'${path}' is not a scalecheck report`);
  if (!report.shard) throw new UsageError(`'${path}' is not a part of a sharded run (verify --shard I/N --json FILE writes one)`);
  if (report.partial) throw new UsageError(`'${path}' is a partial report (its run was interrupted): run shard ${report.shard.index}/${report.shard.count} again`);
  return { path, report: report as Report & { shard: ShardInfo } };
}

/** What must be the same in every part of one run, each with its name for the message. */
const SAME: [string, (r: Report & { shard: ShardInfo }) => unknown][] = [
  ['seed', (r) => r.seed],
  ['digits', (r) => r.digits],
  ['options (--runs, --deep, --mutants, claim files, catalogue)', (r) => r.run],
  ['shard count', (r) => r.shard.count],
  ['selection of claims', (r) => r.shard.selection],
];

/**
 * The report the unsharded run gives: every part of one run (same seed, digits, options and
 * selection), each shard once, their claims in the order of the selection, summarised anew.
 */
export function mergeParts(paths: string[]): Report {
  const parts = paths.map(readPart);
  const first = parts[0]!;
  for (const p of parts.slice(1)) {
    for (const [what, of] of SAME) {
      const [a, b] = [JSON.stringify(of(p.report)), JSON.stringify(of(first.report))];
      if (a !== b) throw new UsageError(`'${p.path}' and '${first.path}' are parts of different runs: their ${what} differ${a.length + b.length < 80 ? ` (${a} and ${b})` : ''}`);
    }
  }
  const { count, selection } = first.report.shard;
  const byIndex = new Map<number, string>();
  for (const p of parts) {
    const { index } = p.report.shard;
    const other = byIndex.get(index);
    if (other !== undefined) throw new UsageError(`shard ${index}/${count} is given twice: '${other}' and '${p.path}'`);
    byIndex.set(index, p.path);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new UsageError(`${missing.length === 1 ? 'shard' : 'shards'} ${missing.map((i) => `${i}/${count}`).join(', ')} of the run ${missing.length === 1 ? 'is' : 'are'} missing`);
  const chosen = new Set(selection);
  const entries = new Map<string, { entry: ClaimEntry; path: string }>();
  for (const p of parts) {
    for (const entry of p.report.claims) {
      if (!chosen.has(entry.id)) throw new UsageError(`'${p.path}' has claim '${entry.id}', which its run did not choose`);
      const other = entries.get(entry.id);
      if (other) throw new UsageError(`claim '${entry.id}' is in two parts: '${other.path}' and '${p.path}'`);
      entries.set(entry.id, { entry, path: p.path });
    }
  }
  const lost = selection.find((id) => !entries.has(id));
  if (lost !== undefined) throw new UsageError(`no part has claim '${lost}' of the selection`);
  const r = first.report;
  return summarise(r.seed, r.digits[0]!, selection.map((id) => entries.get(id)!.entry), false, r.run);
}
