import type { EventEmitter } from 'node:events';

/**
 * `roster members list | head`: once the reader has read enough it closes the
 * pipe, and the next write to stdout fails with EPIPE. That is the reader's
 * choice, not a failure: stop at once and quietly, as Unix tools do, rather
 * than print a stack trace. Any other error on the stream is still one.
 */
export function exitQuietlyOnBrokenPipe(stream: EventEmitter, exit: (status: number) => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit(0);
  });
}
