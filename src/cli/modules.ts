/**
 * The modules a user names on the command line: found (files, and the files in directories),
 * imported (TypeScript through tsx, with no build step), and their export names in source order.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './args.js';

export interface ModuleFile {
  /** as the user spells it: the path given, or the directory given joined with the file's name */
  shown: string;
  /** absolute, through symlinks (two spellings of one file are one module) */
  path: string;
}

const LOADABLE = /\.(mjs|js|mts|ts)$/;
/** tests and declaration files sit beside claim files: a directory's are not claim files */
const SKIPPED = /\.test\.|\.d\.m?ts$/;
const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);

/** The module files of each FILE_OR_DIR, in order, each once; `what` names them in errors ('claim', 'model'). */
export function moduleFiles(sources: string[], what: string): ModuleFile[] {
  const seen = new Set<string>();
  const out: ModuleFile[] = [];
  const add = (shown: string): void => {
    const path = realpathSync(shown);
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ shown, path });
  };
  for (const source of sources) {
    let isDir: boolean;
    try {
      isDir = statSync(source).isDirectory();
    } catch (e) {
      throw new UsageError(`cannot read ${what} file '${source}': ${code(e)}`);
    }
    if (!isDir) {
      if (!LOADABLE.test(source) || /\.d\.m?ts$/.test(source)) throw new UsageError(`'${source}' is not a ${what} file: ${what} files are .mjs, .js, .mts or .ts modules`);
      add(source);
      continue;
    }
    const names = readdirSync(source)
      .filter((n) => LOADABLE.test(n) && !SKIPPED.test(n) && isFile(join(source, n)))
      .sort();
    if (names.length === 0) throw new UsageError(`no ${what} files (.mjs, .js, .mts, .ts) in '${source}'`);
    for (const n of names) add(join(source, n));
  }
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

let tsxRegistered = false;

/**
 * A module's exports by name. TypeScript is loaded through tsx's hooks, registered once for the
 * thread (after the catalogue, so that it loads as before), for ES modules and CommonJS alike
 * (a .ts file outside a "type": "module" package is CommonJS): one module graph, so that claim
 * files share their imports (one decimal.js, one fast-check) with each other and the engine,
 * where tsImport's per-call namespaces would load a copy of each for each file.
 */
export async function importModule(file: ModuleFile): Promise<Record<string, unknown>> {
  if (/\.m?ts$/.test(file.path) && !tsxRegistered) {
    const [esm, cjs] = [await import('tsx/esm/api'), await import('tsx/cjs/api')];
    cjs.register();
    esm.register();
    tsxRegistered = true;
  }
  const namespace = (await import(pathToFileURL(file.path).href)) as Record<string, unknown>;
  // CommonJS compiled from an ES module: its exports object stands for the module's exports
  const exports = namespace.default as Record<string, unknown> | undefined;
  const compiled = typeof exports === 'object' && exports !== null && exports.__esModule === true && Object.keys(namespace).every((k) => k === 'default' || k in exports);
  return compiled ? Object.fromEntries(Object.entries(exports).filter(([k]) => k !== '__esModule')) : namespace;
}

/** The first line of what a module threw as it loaded, with its kind ("SyntaxError: ..."). */
export function loadError(e: unknown): string {
  const lines = (e instanceof Error ? e.message : String(e)).split('\n').map((l) => l.trim()).filter(Boolean);
  // esbuild says "Transform failed with 1 error:" and the error on the next line
  let line = lines[0] ?? '';
  if (line.endsWith(':') && lines[1]) line = `${line} ${lines[1]}`;
  const kind = e instanceof Error && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${kind}${line}`;
}

const IDENT = '[A-Za-z_$][\\w$]*';

/**
 * A module's export names in the order its source declares them. A module namespace lists its
 * exports alphabetically, so the source is read for the order: a rough scan of `export`
 * statements (comments dropped) that decides only the order, never which exports there are.
 */
export function exportOrder(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
  const found: [number, string][] = [];
  const scan = (re: RegExp, names: (m: RegExpExecArray) => string[]): void => {
    for (const m of text.matchAll(re)) for (const n of names(m as RegExpExecArray)) found.push([m.index, n]);
  };
  scan(/\bexport\s+default\b/g, () => ['default']);
  scan(new RegExp(`\\bexport\\s+(?:declare\\s+)?(?:async\\s+)?(?:const|let|var|function\\s*\\*?|(?:abstract\\s+)?class)\\s+(${IDENT})`, 'g'), (m) => [m[1]!]);
  scan(new RegExp(`\\bexport\\s*\\*\\s*as\\s+(${IDENT})`, 'g'), (m) => [m[1]!]);
  scan(/\bexport\s+(?:type\s+)?\{([^}]*)\}/g, (m) =>
    m[1]!
      .split(',')
      .map((part) => part.trim())
      // type-only names are no exports at run time
      .filter((part) => part !== '' && !/^type\s/.test(part))
      .map((part) => part.split(/\s+as\s+/).pop()!.trim()),
  );
  const order: string[] = [];
  for (const [, n] of found.sort((a, b) => a[0] - b[0])) if (!order.includes(n)) order.push(n);
  return order;
}

/** A namespace's export names: in source order where the scan found them, the rest after (alphabetically). */
export function orderedExports(namespace: Record<string, unknown>, path: string): string[] {
  let order: string[];
  try {
    order = exportOrder(readFileSync(path, 'utf8'));
  } catch {
    order = [];
  }
  const names = Object.keys(namespace);
  return [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n))];
}
