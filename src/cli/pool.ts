import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';

/** What a worker posts: once when its catalogue is loaded, then once per claim of each batch. */
export type WorkerMessage<R> = { ready: true } | { id: string; result: R } | { id: string; error: string };

/** Why a claim has no result. */
export type Loss = { reason: 'timeout' } | { reason: 'out of memory'; heapMb: number } | { reason: 'error'; message: string };

export interface PoolOptions {
  /** lanes, each with one worker at a time */
  jobs: number;
  /** each claim's budget */
  timeoutMs: number;
  /** old-generation heap of each worker (MB); default: half the memory shared among the lanes */
  heapMb?: number;
  /** stops the pool: workers are terminated, and unfinished claims are neither results nor losses */
  signal?: AbortSignal;
  /** given to each worker (its claim set: see load.ts) */
  workerData?: unknown;
}

/** A worker that could not load its catalogue: nothing can run, so the pool stops. */
export class WorkerStartError extends Error {}

/** Half the machine's memory shared among the lanes, at least 512 MB each. */
export function defaultHeapMb(lanes: number): number {
  return Math.max(512, Math.floor(totalmem() / 2 ** 20 / 2 / Math.max(1, lanes)));
}

/** A worker gets this long to load its catalogue (seconds on a loaded machine; far more means it is stuck). */
const START_MS = 120_000;

/**
 * Worker threads that run batches of claims, `jobs` at a time. A worker stays from batch to
 * batch and from one `run` to the next (loading the catalogue costs seconds); a batch shares
 * its worker so that its claims share instance caches. Each claim has `timeoutMs`, counted from
 * when its worker is ready: past it, or when the worker dies (an exception, its heap limit), the
 * worker is terminated, that claim is lost, and the rest of its batch goes on in a fresh worker.
 *
 * Workers start one at a time: Node 20 loads an ES module graph with every file of it open at
 * once (about 700 descriptors for our catalogue), so starts side by side run out of descriptors.
 */
export class Pool {
  readonly heapMb: number;
  private readonly idle: Worker[] = [];
  private readonly live = new Set<Worker>();
  private failure: WorkerStartError | undefined;
  private gate: Promise<unknown> = Promise.resolve();
  private readonly stopAll = (): void => {
    for (const w of this.live) void w.terminate();
  };

  constructor(
    private readonly workerUrl: URL,
    private readonly o: PoolOptions,
  ) {
    this.heapMb = o.heapMb ?? defaultHeapMb(o.jobs);
    o.signal?.addEventListener('abort', this.stopAll, { once: true });
  }

  /** Whether the pool stopped: aborted, or a worker could not start. */
  halted(): boolean {
    return this.o.signal?.aborted === true || this.failure !== undefined;
  }

  /** Runs the batches; rejects with a WorkerStartError when a worker cannot start (what finished was reported). */
  async run<R>(batches: string[][], payload: (ids: string[]) => unknown, onResult: (id: string, r: R) => void, onLost: (id: string, ms: number, loss: Loss) => void): Promise<void> {
    const queue = batches.filter((b) => b.length > 0).map((b) => [...b]);
    const lane = async (): Promise<void> => {
      let w = this.idle.pop();
      for (let b = queue.shift(); b && !this.halted(); b = queue.shift()) {
        w ??= await this.start();
        if (!w) break;
        const { rest, alive } = await this.runOne<R>(w, b, payload, onResult, onLost);
        if (!alive) {
          await this.retire(w);
          w = undefined;
        }
        if (rest.length) queue.unshift(rest);
      }
      if (w) {
        if (this.halted()) await this.retire(w);
        else this.idle.push(w);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.jobs, queue.length) }, lane));
    if (this.failure) throw this.failure;
  }

  /** Terminates every worker. */
  async close(): Promise<void> {
    this.o.signal?.removeEventListener('abort', this.stopAll);
    this.idle.length = 0;
    await Promise.all([...this.live].map((w) => this.retire(w)));
  }

  private async retire(w: Worker): Promise<void> {
    this.live.delete(w);
    await w.terminate();
  }

  /** A ready worker, or undefined when the pool stopped meanwhile; one start at a time. */
  private start(): Promise<Worker | undefined> {
    const next = this.gate.then(() => this.spawn());
    this.gate = next;
    return next;
  }

  private spawn(): Promise<Worker | undefined> {
    return new Promise((resolve) => {
      if (this.halted()) return resolve(undefined);
      let w: Worker;
      try {
        w = new Worker(this.workerUrl, { workerData: this.o.workerData, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
      } catch (e) {
        this.failure = new WorkerStartError(`a worker failed to start: ${e instanceof Error ? e.message : String(e)}`);
        return resolve(undefined);
      }
      this.live.add(w);
      // an 'error' event without a listener would throw in this thread: the phases below listen in turn
      w.on('error', () => undefined);
      const timer = setTimeout(() => fail(new Error(`not ready after ${START_MS / 1000} s`)), START_MS);
      const detach = (): void => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', fail);
        w.off('exit', onExit);
      };
      const onMessage = (m: WorkerMessage<unknown>): void => {
        if (!('ready' in m)) return;
        detach();
        resolve(w);
      };
      const fail = (e: Error): void => {
        detach();
        if (!this.halted()) this.failure = new WorkerStartError(`a worker failed to start: ${e.message}`);
        this.stopAll();
        // its descriptors are released before anything else starts
        void this.retire(w).then(() => resolve(undefined));
      };
      const onExit = (code: number): void => fail(new Error(`it exited with code ${code}`));
      w.on('message', onMessage);
      w.on('error', fail);
      w.on('exit', onExit);
    });
  }

  /** Runs one batch on a ready worker; resolves with the claims left undone and whether the worker is still usable. */
  private runOne<R>(w: Worker, ids: string[], payload: (ids: string[]) => unknown, onResult: (id: string, r: R) => void, onLost: (id: string, ms: number, loss: Loss) => void): Promise<{ rest: string[]; alive: boolean }> {
    return new Promise((resolve) => {
      const pending = [...ids];
      let started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const finish = (alive: boolean): void => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        resolve({ rest: pending, alive });
      };
      // the worker runs its batch in order: the first pending claim is the one running
      const lose = (loss: Loss): void => {
        onLost(pending.shift()!, Date.now() - started, loss);
        finish(false);
      };
      const arm = (): void => {
        clearTimeout(timer);
        started = Date.now();
        timer = setTimeout(() => lose({ reason: 'timeout' }), this.o.timeoutMs);
      };
      const onMessage = (m: WorkerMessage<R>): void => {
        if ('ready' in m) return;
        pending.splice(pending.indexOf(m.id), 1);
        if ('error' in m) onLost(m.id, Date.now() - started, { reason: 'error', message: m.error });
        else onResult(m.id, m.result);
        if (pending.length === 0) finish(true);
        else arm();
      };
      // a dying worker's last results may come after its error, but never after its exit: the loss is decided there
      let died: Loss | undefined;
      const onError = (e: Error & { code?: string }): void => {
        died = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { reason: 'out of memory', heapMb: this.heapMb } : { reason: 'error', message: e.message };
      };
      // terminated because the pool stopped (the claim did not finish: no loss), or dead
      const onExit = (code: number): void => (this.halted() ? finish(false) : lose(died ?? { reason: 'error', message: `the worker exited with code ${code}` }));
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      arm();
      w.postMessage(payload(ids));
    });
  }
}

/** One run on a pool of its own. */
export async function runBatches<R>(
  workerUrl: URL,
  batches: string[][],
  payload: (ids: string[]) => unknown,
  o: PoolOptions,
  onResult: (id: string, r: R) => void,
  onLost: (id: string, ms: number, loss: Loss) => void,
): Promise<void> {
  const pool = new Pool(workerUrl, { ...o, jobs: Math.max(1, Math.min(o.jobs, batches.length)) });
  try {
    await pool.run(batches, payload, onResult, onLost);
  } finally {
    await pool.close();
  }
}
