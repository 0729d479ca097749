import { parentPort, workerData } from 'node:worker_threads';
import { runInBackground } from '../jobs/thread-priority';
import { openExport, type CsvPiece, type ExportRequest } from './export-source';

/**
 * An export read off the server's thread. The worker is started before it is
 * needed (export-reader.ts keeps one spare, its modules loaded), then told
 * which export to read: it opens its own read connection, begins the read
 * transaction and says so (`begun`: the moment is fixed, the server may send
 * its headers), then drops to the lowest priority (thread-priority.ts: the
 * reading takes only the CPU that SCIM and the console's reads leave over, so
 * a million-member export never slows them) and hands over one piece each time the server asks for the
 * next (so no more than one piece waits in memory, however slow the client),
 * then `done`. A failure is posted as its message; the server ends the worker
 * when the client goes away.
 */
export type ToWorker = { start: { file: string; request: ExportRequest } } | 'next';
export type ToServer = { begun: true } | { piece: CsvPiece } | { done: true } | { error: string };

const { nativeBinding } = (workerData ?? {}) as { nativeBinding?: string };
const port = parentPort!;
let source: ReturnType<typeof openExport> | null = null;

const failed = (error: unknown) => {
  source?.close();
  port.postMessage({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies ToServer);
  port.close();
};

port.on('message', (message: ToWorker) => {
  try {
    if (message !== 'next') {
      source = openExport(message.start.file, message.start.request, nativeBinding);
      runInBackground();
      port.postMessage({ begun: true } satisfies ToServer);
      return;
    }
    const next = source!.pieces.next();
    if (next.done) {
      source!.close();
      port.postMessage({ done: true } satisfies ToServer);
      port.close();
    } else {
      port.postMessage({ piece: next.value } satisfies ToServer);
    }
  } catch (error) {
    failed(error);
  }
});
