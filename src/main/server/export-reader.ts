import { Worker } from 'node:worker_threads';
import { nextTurn } from '../jobs/jobs';
import { openExport, type CsvPiece, type ExportRequest } from './export-source';
import type { ToServer } from './export-worker';

/** An export's pieces, asked for one at a time; `thread` says where the reading runs. */
export interface ExportReader {
  thread: 'worker' | 'main';
  next(): Promise<CsvPiece | null>;
  /** Ends the reading (the client went away, or it is done): the worker and its connection go. */
  close(): void;
}

/**
 * Reads an export in a worker thread (its own read connection, off the
 * server's event loop, so a large export never holds up SCIM or other
 * admins), or, where no worker is built (the tests' sources), on this thread
 * a piece at a time with a turn of the event loop between pieces.
 */
export function openExportReader(file: string, request: ExportRequest, workerScript: string | null): ExportReader {
  if (!workerScript) {
    const source = openExport(file, request);
    return {
      thread: 'main',
      async next() {
        await nextTurn();
        const next = source.pieces.next();
        return next.done ? null : next.value;
      },
      close: () => source.close(),
    };
  }
  const worker = new Worker(workerScript, { workerData: { file, request } });
  let ended = false;
  return {
    thread: 'worker',
    next() {
      return new Promise((resolve, reject) => {
        const settle = () => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
        };
        const onMessage = (message: ToServer) => {
          settle();
          if ('piece' in message) return resolve(message.piece);
          ended = true;
          if ('done' in message) return resolve(null);
          reject(new Error(message.error));
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
        worker.postMessage('next');
      });
    },
    close() {
      if (!ended) void worker.terminate();
      ended = true;
    },
  };
}
