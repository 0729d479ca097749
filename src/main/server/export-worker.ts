import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { runInBackground } from '../jobs/thread-priority';
import { openExport, type CsvPiece, type ExportRequest } from './export-source';

/**
 * An export read off the server's thread. The worker is started before it is
 * needed (export-reader.ts keeps one spare, its modules loaded), then told
 * which export to read and where to spool it: it opens its own read
 * connection, begins the read transaction and says so (`begun`: the moment is
 * fixed, the server may send its headers), then reads every piece into the
 * spool file at once and closes the connection. Only then does it drop to the
 * lowest priority (thread-priority.ts) and hand over one piece each time the
 * server asks for the next (so no more than one piece waits in memory,
 * however slow the client), then `done`.
 *
 * Why spool: a read transaction pins SQLite's WAL. While it lasts, no
 * checkpoint can copy the frames written after its moment back into the
 * file, and every other reader looks each page up through all of them. An
 * export read at a client's pace, or at the lowest priority beside an
 * identity provider's sync, held its moment for 80 s and more at a million
 * members; the WAL grew to 2 GB and the console's read workers spent most of
 * their time looking pages up in it. Read at full speed into a file, the
 * moment lasts as long as the reading itself (seconds at a million members).
 *
 * A failure is posted as its message; the server ends the worker when the
 * client goes away, and removes the spool file itself (it named it).
 */
export type ToWorker = { start: { file: string; request: ExportRequest; spool: string } } | 'next';
export type ToServer = { begun: true } | { piece: CsvPiece } | { done: true } | { error: string };

const { nativeBinding } = (workerData ?? {}) as { nativeBinding?: string };
const port = parentPort!;
let spool: { fd: number; pieces: { bytes: number; rows: number }[]; next: number; at: number } | null = null;

const failed = (error: unknown) => {
  port.postMessage({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies ToServer);
  port.close();
};

/** Reads every piece of the export into `file`, then ends the read transaction. */
function spoolExport(source: ReturnType<typeof openExport>, file: string) {
  const fd = fs.openSync(file, 'wx+', 0o600);
  const pieces: { bytes: number; rows: number }[] = [];
  try {
    for (let next = source.pieces.next(); !next.done; next = source.pieces.next()) {
      const bytes = Buffer.from(next.value.text, 'utf8');
      fs.writeSync(fd, bytes);
      pieces.push({ bytes: bytes.length, rows: next.value.rows });
    }
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  } finally {
    source.close();
  }
  return { fd, pieces, next: 0, at: 0 };
}

port.on('message', (message: ToWorker) => {
  try {
    if (message !== 'next') {
      const source = openExport(message.start.file, message.start.request, nativeBinding);
      port.postMessage({ begun: true } satisfies ToServer);
      spool = spoolExport(source, message.start.spool);
      runInBackground();
      return;
    }
    const piece = spool!.pieces[spool!.next];
    if (!piece) {
      fs.closeSync(spool!.fd);
      port.postMessage({ done: true } satisfies ToServer);
      port.close();
      return;
    }
    const bytes = Buffer.alloc(piece.bytes);
    fs.readSync(spool!.fd, bytes, 0, piece.bytes, spool!.at);
    spool!.at += piece.bytes;
    spool!.next += 1;
    port.postMessage({ piece: { text: bytes.toString('utf8'), rows: piece.rows } } satisfies ToServer);
  } catch (error) {
    failed(error);
  }
});
