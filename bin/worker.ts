import { parentPort } from 'node:worker_threads';
import { runClaim, type RunOptions } from '../src/core/runner.js';
import { claims } from '../derivations/index.js';

// batches of claims that share instances, run in order in this thread so they share caches;
// the thread stays for the next batch of its lane
parentPort!.on('message', ({ ids, opts }: { ids: string[]; opts: RunOptions }) => {
  for (const id of ids) {
    const claim = claims.find((c) => c.id === id);
    if (!claim) throw new Error(`worker: unknown claim ${id}`);
    parentPort!.postMessage({ id, result: runClaim(claim, opts) });
  }
});
