import { parentPort, workerData } from 'node:worker_threads';
import { openExport, type CsvPiece, type ExportRequest } from './export-source';

/**
 * An export read off the server's thread: the worker opens its own read
 * connection and hands over one piece each time the server asks for the next
 * (so no more than one piece waits in memory, however slow the client), then
 * `done`. A failure is posted as its message; the server ends the worker when
 * the client goes away.
 */
export type ToServer = { piece: CsvPiece } | { done: true } | { error: string };

const { file, request, nativeBinding } = workerData as { file: string; request: ExportRequest; nativeBinding?: string };
const port = parentPort!;
let source: ReturnType<typeof openExport> | null = null;

port.on('message', () => {
  try {
    source ??= openExport(file, request, nativeBinding);
    const next = source.pieces.next();
    if (next.done) {
      source.close();
      port.postMessage({ done: true } satisfies ToServer);
      port.close();
    } else {
      port.postMessage({ piece: next.value } satisfies ToServer);
    }
  } catch (error) {
    source?.close();
    port.postMessage({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies ToServer);
    port.close();
  }
});
