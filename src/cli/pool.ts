import { Worker } from 'node:worker_threads';

export interface Task<R> {
  id: string;
  /** data posted to the worker */
  payload: unknown;
  /** set by the pool when the task exceeds its time budget */
  onTimeout: (ms: number) => R;
}

/**
 * Run tasks on worker threads, `jobs` at a time. A task past `timeoutMs` has its worker
 * terminated and reports a timeout; the rest of the queue goes on with a fresh worker.
 */
export async function runPool<R>(workerUrl: URL, tasks: Task<R>[], jobs: number, timeoutMs: number, onDone: (id: string, r: R) => void): Promise<Map<string, R>> {
  const results = new Map<string, R>();
  const queue = [...tasks];
  const lane = async (): Promise<void> => {
    for (let task = queue.shift(); task; task = queue.shift()) {
      const t = task;
      const r = await new Promise<R>((resolve, reject) => {
        const w = new Worker(workerUrl, { workerData: t.payload });
        const started = Date.now();
        const timer = setTimeout(() => {
          void w.terminate();
          resolve(t.onTimeout(Date.now() - started));
        }, timeoutMs);
        w.once('message', (m: R) => {
          clearTimeout(timer);
          void w.terminate();
          resolve(m);
        });
        w.once('error', (e) => {
          clearTimeout(timer);
          reject(e);
        });
      });
      results.set(t.id, r);
      onDone(t.id, r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, lane));
  return results;
}
