/** How the chosen claims are grouped: batches (one worker each) and shards (one run each). */
import type { Claim } from '../core/claim.js';

/** Claims with one affinity draw the same instances: one batch, one worker, shared caches; the largest batches first, so that the lanes finish together. */
export function batchesOf(chosen: Claim<unknown>[]): string[][] {
  const batches = new Map<string, string[]>();
  for (const c of chosen) {
    const key = c.affinity ?? c.id;
    batches.set(key, [...(batches.get(key) ?? []), c.id]);
  }
  return [...batches.values()].sort((a, b) => b.length - a.length);
}

/**
 * The claims of shard `index` (1-based) of `count`, in the order chosen: whole batches (an
 * affinity is never split), each, largest first, to the shard with the fewest claims so far
 * (the lowest index on a tie). It depends on the chosen claims alone, not on --jobs, so every
 * part of a sharded run computes the same split.
 */
export function shardOf(chosen: Claim<unknown>[], index: number, count: number): Claim<unknown>[] {
  const load = new Array<number>(count).fill(0);
  const mine = new Set<string>();
  for (const batch of batchesOf(chosen)) {
    const to = load.indexOf(Math.min(...load));
    load[to]! += batch.length;
    if (to === index - 1) for (const id of batch) mine.add(id);
  }
  return chosen.filter((c) => mine.has(c.id));
}
