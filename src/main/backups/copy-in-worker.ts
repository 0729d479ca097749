import { Worker } from 'node:worker_threads';
import { JobCancelled } from '../jobs/jobs';
import type { CopyOptions } from './copy-options';
import { DamagedSource } from './damaged-source';
import type { SnapshotInfo } from '../snapshots/info';

/** What the copy worker is given. */
export interface CopyWork {
  source: string;
  temporary: string;
  check: boolean;
  pagesPerStep?: number;
  busyMs?: number;
  nativeBinding?: string;
  snapshot?: SnapshotInfo;
}

/** What the copy worker tells the thread that started it: progress after each step, then done or why not. */
export type FromCopyWorker =
  | { progress: [done: number, total: number] }
  | { done: true }
  | { failed: 'cancelled' | 'damaged' | 'error'; message: string; code?: string };

/**
 * Makes the copy of `source` (a database file) into `temporary` in the copy
 * worker (copy-worker.ts), so that neither the copy nor its check holds up
 * this thread: progress comes back after each step, a cancel (the signal) is
 * passed on, and a failure is thrown as the same error it was in the worker
 * (JobCancelled, DamagedSource, or an error with SQLite's or the disk's code).
 */
export function copyInWorker(script: string, source: string, temporary: string, options: CopyOptions): Promise<void> {
  const work: CopyWork = {
    source,
    temporary,
    check: options.check !== false,
    pagesPerStep: options.pagesPerStep,
    busyMs: options.busyMs,
    nativeBinding: options.nativeBinding,
    snapshot: options.snapshot,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: work });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = () => worker.postMessage('cancel');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    worker.on('message', (message: FromCopyWorker) => {
      if ('progress' in message) return options.onProgress?.(...message.progress);
      if ('done' in message) return settle(resolve);
      settle(() => reject(rebuild(message)));
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', () => settle(() => reject(new Error('The backup worker ended before the backup did.'))));
  });
}

function rebuild(failure: Extract<FromCopyWorker, { failed: string }>): Error {
  if (failure.failed === 'cancelled') return new JobCancelled(failure.message);
  if (failure.failed === 'damaged') return new DamagedSource(failure.message);
  return Object.assign(new Error(failure.message), { code: failure.code });
}
