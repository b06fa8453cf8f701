import { parentPort, workerData } from 'node:worker_threads';
import { runClaim, type RunOptions } from '../src/core/runner.js';
import { claims } from '../derivations/index.js';

const { id, opts } = workerData as { id: string; opts: RunOptions };
const claim = claims.find((c) => c.id === id);
if (!claim) throw new Error(`worker: unknown claim ${id}`);
parentPort!.postMessage(runClaim(claim, opts));
