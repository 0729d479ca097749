import { describe, expect, it } from 'vitest';
import { openEventStream, parseEvents } from './event-stream';

/** A response whose body arrives in the given pieces, then ends. */
function streamed(pieces: string[], status = 200): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
  return new Response(body, { status, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('parseEvents', () => {
  it('splits whole events from the unfinished rest, skipping comments', () => {
    expect(parseEvents(': connected\n\ndata: {"a":1}\n\ndata: {"b"')).toEqual({ data: ['{"a":1}'], rest: 'data: {"b"' });
    expect(parseEvents('data: one\r\ndata: two\r\n\r\n')).toEqual({ data: ['one\ntwo'], rest: '' });
  });
});

describe('openEventStream', () => {
  it('sends the key header, delivers events split anywhere, reconnects after a drop, and stops when the session is refused', async () => {
    const seen: { url: string; headers: unknown }[] = [];
    const answers = [
      streamed([': connected\n\nda', 'ta: {"n":1}\n', '\ndata: {"n":2}\n\n']),
      streamed([': connected\n\ndata: {"n":3}\n\n']),
      new Response('{"ok":false}', { status: 401 }),
    ];
    const messages: string[] = [];
    let reconnects = 0;
    const done = new Promise<void>((resolve) => {
      openEventStream({
        url: '/api/events',
        headers: { 'X-Roster-Session': 'key' },
        onMessage: (data) => messages.push(data),
        onReconnect: () => (reconnects += 1),
        fetch: (async (url: string, init: RequestInit) => {
          seen.push({ url, headers: init.headers });
          const answer = answers.shift()!;
          if (answers.length === 0) queueMicrotask(resolve);
          return answer;
        }) as typeof fetch,
        wait: () => Promise.resolve(),
      });
    });
    await done;
    expect(messages).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(reconnects).toBe(1);
    expect(seen).toHaveLength(3);
    expect(seen.every((call) => call.url === '/api/events' && JSON.stringify(call.headers) === '{"X-Roster-Session":"key"}')).toBe(true);
  });
});
