import { parentPort } from 'node:worker_threads';
import type { Claim } from '../core/claim.js';
import { check, runClaim, type CheckResult, type ClaimResult, type RunOptions } from '../core/runner.js';
import { MalformedClaim, validateClaim } from '../core/validate.js';
import { oneLine } from './args.js';
import type { WorkerMessage } from './pool.js';

/**
 * What the CLI asks a worker: to validate a batch of claims (validateClaim builds instances: it
 * runs here, under the budget and the heap limit), to run them, or (with opts.path) to replay
 * one case of one claim or of its wrong variant.
 */
export interface WorkRequest {
  ids: string[];
  opts: RunOptions;
  validate?: boolean;
  variant?: number;
}

/** The answer to a validation: the MalformedClaim's message, if any, and how long it took (it builds instances, which a claim's caches may keep for its run). */
export interface Validated {
  malformed?: string;
  ms: number;
}

export type WorkResult = ClaimResult | CheckResult | Validated;

function work(claim: Claim<unknown>, { opts, validate, variant }: WorkRequest): WorkResult {
  if (validate) {
    const t0 = performance.now();
    try {
      validateClaim(claim, { seed: opts.seed, digits: opts.digits });
      return { ms: performance.now() - t0 };
    } catch (e) {
      if (e instanceof MalformedClaim) return { malformed: oneLine(e), ms: performance.now() - t0 };
      throw e;
    }
  }
  return opts.path === undefined ? runClaim(claim, opts) : check(claim, variant === undefined ? undefined : claim.variants[variant], opts);
}

/**
 * The worker side of the pool: says it is ready once the catalogue is loaded, then works each
 * batch in order in this thread (its claims share instance caches), one message per claim. A
 * claim that throws is that claim's error; the worker stays for the rest.
 */
export function serveClaims(claims: Claim<unknown>[]): void {
  const port = parentPort;
  if (!port) throw new Error('serveClaims runs in a worker thread');
  port.on('message', (req: WorkRequest) => {
    for (const id of req.ids) {
      let m: WorkerMessage<WorkResult>;
      try {
        const claim = claims.find((c) => c.id === id);
        if (!claim) throw new Error(`worker: unknown claim ${id}`);
        m = { id, result: work(claim, req) };
      } catch (e) {
        m = { id, error: oneLine(e) };
      }
      port.postMessage(m);
    }
  });
  port.postMessage({ ready: true } satisfies WorkerMessage<never>);
}
