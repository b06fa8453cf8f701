import { randomBytes } from 'node:crypto';
import { accessSync, constants, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './args.js';

const code = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);

/** The file a path names: through symlinks, whether it exists or not yet. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/**
 * Refuse, before a run of minutes, outputs that cannot be written or that name one file twice
 * (the second would silently replace the first).
 */
export function checkOutputs(outputs: { flag: string; path: string }[]): void {
  const seen = new Map<string, string>();
  for (const { flag, path } of outputs) {
    assertWritable(path);
    const file = canonical(path);
    const other = seen.get(file);
    if (other) throw new UsageError(`${other} and ${flag} both write '${path}'`);
    seen.set(file, flag);
  }
}

function assertWritable(path: string): void {
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

/**
 * Write a file so that readers see the old content or the new, never half of it: a temporary
 * file beside it, then a rename. A path that exists and is no regular file (/dev/stdout, a pipe)
 * is written in place: renaming over it would replace the device, not feed it.
 */
export function writeAtomically(path: string, text: string): void {
  const target = canonical(path);
  let special = false;
  try {
    special = !statSync(target).isFile();
  } catch {
    // absent: a new regular file
  }
  if (special) return writeFileSync(target, text);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** A write failure in one line: "cannot write 'PATH': CODE". */
export function writeFailure(path: string, e: unknown): string {
  return `cannot write '${path}': ${code(e)}`;
}
