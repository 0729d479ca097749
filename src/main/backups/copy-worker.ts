import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { JobCancelled } from '../jobs/jobs';
import { makeCopy } from './copy';
import type { CopyWork, FromCopyWorker } from './copy-in-worker';
import { DamagedSource } from './damaged-source';

/**
 * A backup made off the server's thread: the worker opens the database read-only
 * through a connection of its own, copies it into `temporary` with the online
 * backup a step at a time, and checks the copy (makeCopy). It tells the server
 * its progress after each step and stops when told `cancel`. It keeps the
 * server's priority: a copy holds one read transaction from start to end,
 * which pins SQLite's WAL (export-worker.ts says what that costs every other
 * reader), so it should end as soon as it can, not whenever SCIM leaves it a CPU.
 */
const work = workerData as CopyWork;
const port = parentPort!;
const cancel = new AbortController();
port.on('message', (message) => {
  if (message === 'cancel') cancel.abort();
});

const finish = (reply: FromCopyWorker) => {
  port.postMessage(reply);
  port.close();
};

void (async () => {
  let source: Database.Database | null = null;
  try {
    source = new Database(work.source, { readonly: true, fileMustExist: true, nativeBinding: work.nativeBinding });
    await makeCopy(source, work.temporary, {
      check: work.check,
      pagesPerStep: work.pagesPerStep,
      busyMs: work.busyMs,
      nativeBinding: work.nativeBinding,
      snapshot: work.snapshot,
      signal: cancel.signal,
      onProgress: (done, total) => port.postMessage({ progress: [done, total] } satisfies FromCopyWorker),
    });
    finish({ done: true });
  } catch (error) {
    const failed = error instanceof JobCancelled ? 'cancelled' : error instanceof DamagedSource ? 'damaged' : 'error';
    finish({ failed, message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code });
  } finally {
    source?.close();
  }
})();
