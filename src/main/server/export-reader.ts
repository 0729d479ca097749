import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { nextTurn } from '../jobs/jobs';
import { openExport, type CsvPiece, type ExportRequest } from './export-source';
import type { ToServer, ToWorker } from './export-worker';

/** An export's pieces, asked for one at a time; `thread` says where the reading runs. */
export interface ExportReader {
  thread: 'worker' | 'main';
  /** Settles once the export's read transaction has begun (its moment fixed); rejects when it could not begin. */
  begun: Promise<void>;
  next(): Promise<CsvPiece | null>;
  /** Ends the reading (the client went away, or it is done): the worker and its connection go. */
  close(): void;
}

/**
 * One export worker started ahead of need, its modules loaded (about 100 to
 * 200 ms of a start on a busy machine, which was the export's time to its
 * first byte): an export takes it and a new spare starts behind it. Unreferenced
 * while it waits, so it never keeps the server from exiting.
 */
let spare: { script: string; worker: Worker } | null = null;

function startSpare(script: string): void {
  const worker = new Worker(script);
  worker.unref();
  const entry = { script, worker };
  worker.once('exit', () => {
    if (spare === entry) spare = null;
  });
  worker.once('error', () => {
    if (spare === entry) spare = null;
  });
  spare = entry;
}

/** Starts the spare export worker, if there is none yet: the server does when it starts, so even its first export begins at once. */
export function warmExportWorker(script: string | null): void {
  if (script && spare?.script !== script) startSpare(script);
}

function takeWorker(script: string): Worker {
  const taken = spare?.script === script ? spare.worker : new Worker(script);
  if (spare?.worker === taken) spare = null;
  taken.ref();
  startSpare(script);
  return taken;
}

/** The worker's next answer to `message`, as a promise (one message in flight at a time). */
function ask(worker: Worker, message: ToWorker): Promise<ToServer> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (answer: ToServer) => {
      settle();
      resolve(answer);
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    const onExit = () => {
      settle();
      reject(new Error('The export worker ended before the export did.'));
    };
    worker.on('message', onMessage).once('error', onError).once('exit', onExit);
    worker.postMessage(message);
  });
}

/**
 * Reads an export in a worker thread (its own read connection, off the
 * server's event loop, so a large export never holds up SCIM or other
 * admins; read whole into a spool file in the system's temporary folder at
 * once, so its read transaction does not pin the WAL for as long as the
 * client takes: export-worker.ts), or, where no worker is built (the tests'
 * sources), on this thread a piece at a time with a turn of the event loop
 * between pieces.
 */
export function openExportReader(file: string, request: ExportRequest, workerScript: string | null): ExportReader {
  if (!workerScript) {
    let source: ReturnType<typeof openExport> | null = null;
    const begun = nextTurn().then(() => {
      source = openExport(file, request);
    });
    return {
      thread: 'main',
      begun,
      async next() {
        await begun;
        await nextTurn();
        const next = source!.pieces.next();
        return next.done ? null : next.value;
      },
      close: () => {
        void begun.then(
          () => source!.close(),
          () => undefined,
        );
      },
    };
  }
  const worker = takeWorker(workerScript);
  let ended = false;
  // Named here, removed here: a worker ended part way (the client went away) cannot remove its own.
  const spool = path.join(os.tmpdir(), `roster-export-${randomUUID()}.csv`);
  const removeSpool = () => fs.rm(spool, { force: true }, () => undefined);
  const begun = ask(worker, { start: { file, request, spool } }).then((answer) => {
    if ('begun' in answer) return;
    ended = true;
    throw new Error('error' in answer ? answer.error : 'The export worker did not begin the export.');
  });
  return {
    thread: 'worker',
    begun,
    async next() {
      await begun;
      const answer = await ask(worker, 'next');
      if ('piece' in answer) return answer.piece;
      ended = true;
      if ('done' in answer) return null;
      throw new Error('error' in answer ? answer.error : 'The export worker answered out of turn.');
    },
    close() {
      if (!ended) void worker.terminate().then(removeSpool, removeSpool);
      else removeSpool();
      ended = true;
    },
  };
}
