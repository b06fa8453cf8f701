import { Worker } from 'node:worker_threads';

/** What a worker posts for each claim of its batch. */
export interface BatchMessage<R> {
  id: string;
  result: R;
}

/**
 * Run batches of claims on worker threads, `jobs` at a time. Each lane keeps its worker from
 * batch to batch (loading the catalogue costs seconds); a batch shares the worker so that its
 * claims share instance caches. Each claim has `timeoutMs`: past it (or when the worker dies)
 * the worker is terminated, that claim is reported lost, and the rest of its batch goes on in a
 * fresh worker.
 */
export async function runBatches<R>(
  workerUrl: URL,
  batches: string[][],
  payload: (ids: string[]) => unknown,
  jobs: number,
  timeoutMs: number,
  onResult: (id: string, r: R) => void,
  onLost: (id: string, ms: number, why: 'timeout' | Error) => void,
): Promise<void> {
  const queue = batches.filter((b) => b.length > 0).map((b) => [...b]);
  /** Runs one batch on the lane's worker; resolves with the claims left undone and whether the worker survived. */
  const runOne = (w: Worker, ids: string[]): Promise<{ rest: string[]; alive: boolean }> =>
    new Promise((resolve) => {
      const pending = [...ids];
      let started = Date.now();
      let timer: NodeJS.Timeout;
      const finish = (alive: boolean): void => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('error', onError);
        if (!alive) void w.terminate();
        resolve({ rest: pending, alive });
      };
      const arm = (): void => {
        clearTimeout(timer);
        started = Date.now();
        timer = setTimeout(() => {
          onLost(pending.shift()!, Date.now() - started, 'timeout');
          finish(false);
        }, timeoutMs);
      };
      const onMessage = (m: BatchMessage<R>): void => {
        pending.splice(pending.indexOf(m.id), 1);
        onResult(m.id, m.result);
        if (pending.length === 0) finish(true);
        else arm();
      };
      // a worker that dies takes only its current claim with it
      const onError = (e: Error): void => {
        onLost(pending.shift()!, Date.now() - started, e);
        finish(false);
      };
      w.on('message', onMessage);
      w.once('error', onError);
      arm();
      w.postMessage(payload(ids));
    });
  const lane = async (): Promise<void> => {
    let w: Worker | undefined;
    for (let b = queue.shift(); b; b = queue.shift()) {
      w ??= new Worker(workerUrl);
      const { rest, alive } = await runOne(w, b);
      if (!alive) w = undefined;
      if (rest.length) queue.unshift(rest);
    }
    if (w) await w.terminate();
  };
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, lane));
}
