/**
 * Claim sets: the claims of claim files (and the exponent models of model files) recognised
 * among a module's exports, joined with the catalogue's, with every id once. The main thread
 * and each worker load the same set through here (the worker from its workerData).
 */
import { workerData } from 'node:worker_threads';
import type { Claim } from '../core/claim.js';
import type { LawModel } from '../core/laws.js';
import { UsageError } from './args.js';
import { importModule, loadError, moduleFiles, orderedExports, type ModuleFile } from './modules.js';

/** What a worker loads: the claim files (absolute paths, directories already read) and whether the catalogue is in the set. */
export interface ClaimSource {
  files: string[];
  catalogue: boolean;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** A claim, recognised by its shape: an id, a kind, an encoding, a domain, and an instance builder or a measurement. */
export function isClaim(x: unknown): x is Claim<unknown> {
  return isObject(x) && typeof x.id === 'string' && typeof x.kind === 'string' && isObject(x.encoding) && isObject(x.domain) && (typeof x.instance === 'function' || typeof x.measure === 'function');
}

/** An exponent model, recognised by its shape: a name, parameters, keys and regimes. */
export function isModel(x: unknown): x is LawModel {
  return isObject(x) && typeof x.name === 'string' && Array.isArray(x.params) && Array.isArray(x.keys) && Array.isArray(x.regimes);
}

/** What the engine reads of a claim without checking: a JavaScript claim file has no type checker to say it. */
function claimShape(c: Claim<unknown>): string | undefined {
  const x = c as unknown as Record<string, unknown>;
  for (const f of ['group', 'source', 'statement'] as const) if (typeof x[f] !== 'string') return `'${f}' must be a string`;
  if (!Array.isArray(x.variants)) return `'variants' must be an array (of wrong variants)`;
  const enc = c.encoding as unknown as Record<string, unknown>;
  if (!Array.isArray(enc.defs) || !Array.isArray(enc.equations)) return `'encoding' needs 'defs' and 'equations' arrays`;
  if (typeof x.measure === 'function' && (!isObject(x.ranges) || !Array.isArray(x.ranges.levels))) return `a claim with 'measure' needs 'ranges' with 'levels'`;
  if (typeof x.instance === 'function' && x.ranges !== undefined) return `a claim with 'ranges' is measured: it has 'measure', not 'instance'`;
  return undefined;
}

function modelShape(m: LawModel): string | undefined {
  const x = m as unknown as Record<string, unknown>;
  for (const f of ['description', 'source'] as const) if (typeof x[f] !== 'string') return `'${f}' must be a string`;
  if (!Array.isArray(x.domain)) return `'domain' must be an array (of conditions)`;
  return undefined;
}

interface Kind<T> {
  /** plural, for messages: 'claims', 'models' */
  what: string;
  is: (x: unknown) => x is T;
  shape: (x: T) => string | undefined;
  name: (x: T) => string;
}

const CLAIMS: Kind<Claim<unknown>> = { what: 'claims', is: isClaim, shape: claimShape, name: (c) => c.id };
const MODELS: Kind<LawModel> = { what: 'models', is: isModel, shape: modelShape, name: (m) => m.name };

/** One module's claims (or models): its exports that are one or an array of them, in export order, each object once. */
async function exportsOf<T>(file: ModuleFile, kind: Kind<T>): Promise<T[]> {
  let namespace: Record<string, unknown>;
  try {
    namespace = await importModule(file);
  } catch (e) {
    throw new UsageError(`loading '${file.shown}': ${loadError(e)}`);
  }
  const found: T[] = [];
  for (const name of orderedExports(namespace, file.path)) {
    const v = namespace[name];
    const items: unknown[] = Array.isArray(v) ? v : [v];
    const hits = items.filter(kind.is);
    if (hits.length > 0 && hits.length < items.length) throw new UsageError(`'${file.shown}': export '${name}' mixes ${kind.what} with other values`);
    for (const x of hits) {
      if (found.includes(x)) continue;
      const wrong = kind.shape(x);
      if (wrong) throw new UsageError(`'${file.shown}': ${kind.what.slice(0, -1)} '${kind.name(x)}': ${wrong}`);
      found.push(x);
    }
  }
  if (found.length === 0) throw new UsageError(`'${file.shown}' exports no ${kind.what} (a default or named export that is one, or an array of them)`);
  return found;
}

/** Every name once: the first place each came from, else one line naming both places. */
function joined<T>(kind: Kind<T>, builtIn: T[], loaded: { item: T; file: string }[]): T[] {
  const from = new Map<string, string>(builtIn.map((x) => [kind.name(x), 'the catalogue']));
  for (const { item, file } of loaded) {
    const n = kind.name(item);
    const other = from.get(n);
    if (other !== undefined) throw new UsageError(`two ${kind.what} named '${n}': ${other === `'${file}'` ? `both in ${other}` : `in ${other} and in '${file}'`}`);
    from.set(n, `'${file}'`);
  }
  return [...builtIn, ...loaded.map((l) => l.item)];
}

async function loadAll<T>(files: ModuleFile[], kind: Kind<T>): Promise<{ item: T; file: string }[]> {
  const out: { item: T; file: string }[] = [];
  // one module at a time: a module graph load holds many descriptors (see bin/sync-load.ts)
  for (const f of files) for (const item of await exportsOf(f, kind)) out.push({ item, file: f.shown });
  return out;
}

/** The claim set of a run: the catalogue's claims (when in the set), then each file's, every id once. */
export async function loadClaims(sources: string[], catalogue: Claim<unknown>[]): Promise<{ claims: Claim<unknown>[]; files: ModuleFile[] }> {
  const files = moduleFiles(sources, 'claim');
  return { claims: joined(CLAIMS, catalogue, await loadAll(files, CLAIMS)), files };
}

/** The exponent models: the built-in ones (when in the set), then each file's, every name once. */
export async function loadModels(sources: string[], builtIn: LawModel[]): Promise<LawModel[]> {
  return joined(MODELS, builtIn, await loadAll(moduleFiles(sources, 'model'), MODELS));
}

/**
 * A worker's claim set: the one its workerData describes (the main thread's, read from the same
 * files), or the catalogue alone when it has none.
 */
export async function workerClaims(catalogue: () => Promise<Claim<unknown>[]>): Promise<Claim<unknown>[]> {
  const source = (workerData ?? { files: [], catalogue: true }) as ClaimSource;
  return (await loadClaims(source.files, source.catalogue ? await catalogue() : [])).claims;
}
