import type { IncomingMessage } from 'node:http';
import { parseEvents } from '@shared/sse';
import { send, type RemoteTarget } from './http-client';

export interface ServerEventsOptions {
  target: RemoteTarget;
  /** The `data` of each event, in order. */
  onMessage: (data: string) => void;
  /** The stream is open (again). */
  onOpen: () => void;
  /** The stream could not be opened, or dropped: `status` is the server's refusal (401...) when it answered one. */
  onDown: (status: number | null) => void;
  /** Waits before trying again (tests pass their own). */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Asked before each reconnection (not the first opening): false counts as a failed attempt (a server upgraded meanwhile). */
  beforeReconnect?: () => Promise<boolean>;
}

/** The first retry comes at once (a stream cut by a proxy is back at once); then 0.5 s, doubling to 8 s. */
export const RETRY_DELAYS_MS = [0, 500, 1_000, 2_000, 4_000, 8_000] as const;

/** The server writes a comment every 15 seconds: a stream silent for 45 is dead (a network gone without closing it). */
export const STREAM_IDLE_MS = 45_000;

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms === 0 || signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * A Roster server's `GET /api/events`, kept open: read as it arrives, and
 * opened again after a drop, at once the first time and then with growing
 * pauses, for as long as the core is open. A refusal (a revoked token) is
 * retried too, more slowly: an owner may restore the token, and the window
 * says meanwhile that the server refuses it. Returns what closes it.
 */
export function openServerEvents(options: ServerEventsOptions): () => void {
  const wait = options.wait ?? pause;
  const controller = new AbortController();

  const readUntilEnd = async (body: IncomingMessage) => {
    let buffer = '';
    body.setEncoding('utf8');
    for await (const chunk of body) {
      const parsed = parseEvents(buffer + (chunk as string));
      buffer = parsed.rest;
      parsed.data.forEach(options.onMessage);
    }
  };

  const run = async () => {
    let failures = 0;
    let first = true;
    while (!controller.signal.aborted) {
      let status: number | null = null;
      try {
        if (!first && options.beforeReconnect && !(await options.beforeReconnect())) throw new Error('not this server');
        first = false;
        const sent = await send(options.target, '/api/events', undefined, { accept: 'text/event-stream' }, { method: 'GET', signal: controller.signal, idleTimeoutMs: STREAM_IDLE_MS });
        if (sent.status === 200 && sent.contentType.startsWith('text/event-stream')) {
          failures = 0;
          options.onOpen();
          await readUntilEnd(sent.body as IncomingMessage);
        } else {
          status = sent.status;
          sent.body.resume();
        }
      } catch {
        // Not reachable, or cut off: said below, and tried again.
      }
      if (controller.signal.aborted) return;
      options.onDown(status);
      await wait(RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]!, controller.signal);
      failures += 1;
    }
  };
  void run();
  return () => controller.abort();
}
