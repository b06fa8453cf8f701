/**
 * Node 20 loads an ES module graph with the reads of all its files in flight at once: our
 * catalogue (about 1400 modules, 1262 of them mathjs's) peaks near 700 open descriptors per
 * load. Under a low descriptor limit this module is registered as a loader hook that reads each
 * ES module synchronously, one descriptor at a time.
 */
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

interface LoadContext {
  format?: string | null;
}
interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | Uint8Array;
  shortCircuit?: boolean;
}

/** The loader hook (runs on Node's hooks thread). */
export async function load(url: string, context: LoadContext, nextLoad: (url: string, context: LoadContext) => Promise<LoadResult>): Promise<LoadResult> {
  if (context.format === 'module' && url.startsWith('file:') && /\.m?js$/.test(url)) return { format: 'module', source: readFileSync(fileURLToPath(url)), shortCircuit: true };
  return nextLoad(url, context);
}

/** The soft limit on open files, where /proc says it (Linux). */
function openFilesLimit(): number | undefined {
  try {
    const m = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Below this many descriptors a load or two at once (the main thread's, a worker's) could exhaust them. */
const LOW_LIMIT = 4096;

/** Call before importing the catalogue, in the main thread and in each worker (Node 20's workers do not inherit hooks). */
export function readModulesOneAtATime(): void {
  const limit = openFilesLimit();
  if (limit !== undefined && limit < LOW_LIMIT) register('./sync-load.js', import.meta.url);
}
