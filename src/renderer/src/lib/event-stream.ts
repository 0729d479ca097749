import { parseEvents } from '@shared/sse';

/**
 * Browser mode's event stream (`GET /api/events`, server-sent events) read with
 * fetch rather than EventSource: EventSource cannot send the session key
 * header, and the key must never travel in an address. Like EventSource, it
 * reconnects after a dropped connection; unlike it, it stops for good when the
 * server refuses the session (a restarted server has another), since trying
 * again cannot help.
 */
export interface EventStreamOptions {
  url: string;
  headers: Record<string, string>;
  /** The `data` of each event, in order. */
  onMessage: (data: string) => void;
  /** The stream is back after a drop: whatever happened in between was not announced. */
  onReconnect: () => void;
  /** The server refused the stream (401, 403): it has stopped for good. */
  onRefused?: (status: number) => void;
  fetch?: typeof fetch;
  /** Waits before trying again (tests pass one that does not). */
  wait?: (ms: number) => Promise<void>;
}

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

export { parseEvents } from '@shared/sse';

/** Opens the stream and keeps it open; returns what closes it. */
export function openEventStream(options: EventStreamOptions): () => void {
  const fetchOf = options.fetch ?? ((input, init) => fetch(input, init));
  const wait = options.wait ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let stopped = false;
  let controller: AbortController | null = null;

  const readUntilEnd = async (body: ReadableStream<Uint8Array>) => {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      const parsed = parseEvents(buffer + decoder.decode(value, { stream: true }));
      buffer = parsed.rest;
      parsed.data.forEach(options.onMessage);
    }
  };

  const run = async () => {
    let opened = false;
    let delay = FIRST_RETRY_MS;
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetchOf(options.url, { headers: options.headers, cache: 'no-store', credentials: 'same-origin', signal: controller.signal });
        if (response.status === 401 || response.status === 403) {
          options.onRefused?.(response.status);
          return;
        }
        if (response.ok && response.body) {
          if (opened) options.onReconnect();
          opened = true;
          delay = FIRST_RETRY_MS;
          await readUntilEnd(response.body);
        }
      } catch {
        // Dropped or not reachable: try again below.
      }
      if (stopped) return;
      await wait(delay);
      delay = Math.min(delay * 2, LAST_RETRY_MS);
    }
  };
  void run();

  return () => {
    stopped = true;
    controller?.abort();
  };
}
