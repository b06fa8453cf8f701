import { Worker } from 'node:worker_threads';

/** What a worker posts for each claim of its batch. */
export interface BatchMessage<R> {
  id: string;
  result: R;
}

/**
 * Run batches of claims on worker threads, `jobs` at a time. A batch shares one worker so that
 * its claims share instance caches. Each claim has `timeoutMs`: past it the worker is
 * terminated, that claim reports a timeout, and the rest of its batch goes on in a fresh worker.
 */
export async function runBatches<R>(
  workerUrl: URL,
  batches: string[][],
  payload: (ids: string[]) => unknown,
  jobs: number,
  timeoutMs: number,
  onResult: (id: string, r: R) => void,
  onTimeout: (id: string, ms: number) => void,
): Promise<void> {
  const queue = batches.filter((b) => b.length > 0).map((b) => [...b]);
  const runOne = (ids: string[]): Promise<string[]> =>
    new Promise((resolve, reject) => {
      const pending = [...ids];
      const w = new Worker(workerUrl, { workerData: payload(ids) });
      let started = Date.now();
      let timer: NodeJS.Timeout;
      const arm = (): void => {
        clearTimeout(timer);
        started = Date.now();
        timer = setTimeout(() => {
          void w.terminate();
          const late = pending.shift()!;
          onTimeout(late, Date.now() - started);
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
      w.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
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
