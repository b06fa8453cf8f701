import { Worker } from 'node:worker_threads';

/** What a worker posts for each claim of its batch. */
export interface BatchMessage<R> {
  id: string;
  result: R;
}

/**
 * Run batches of claims on worker threads, `jobs` at a time. A batch shares one worker so that
 * its claims share instance caches. Each claim has `timeoutMs`: past it (or when the worker
 * dies) the worker is terminated, that claim is reported lost, and the rest of its batch goes
 * on in a fresh worker.
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
  const runOne = (ids: string[]): Promise<string[]> =>
    new Promise((resolve) => {
      const pending = [...ids];
      const w = new Worker(workerUrl, { workerData: payload(ids) });
      let started = Date.now();
      let timer: NodeJS.Timeout;
      const arm = (): void => {
        clearTimeout(timer);
        started = Date.now();
        timer = setTimeout(() => {
          void w.terminate();
          onLost(pending.shift()!, Date.now() - started, 'timeout');
          resolve(pending);
        }, timeoutMs);
      };
      arm();
      w.on('message', (m: BatchMessage<R>) => {
        pending.splice(pending.indexOf(m.id), 1);
        onResult(m.id, m.result);
        if (pending.length === 0) {
          clearTimeout(timer);
          void w.terminate();
          resolve([]);
        } else arm();
      });
      // a worker that dies takes only its current claim with it
      w.once('error', (e) => {
        clearTimeout(timer);
        void w.terminate();
        onLost(pending.shift()!, Date.now() - started, e);
        resolve(pending);
      });
    });
  const lane = async (): Promise<void> => {
    for (let b = queue.shift(); b; b = queue.shift()) {
      const rest = await runOne(b);
      if (rest.length) queue.unshift(rest);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, lane));
}
