// Server-sent events as a Roster server and browser mode write them, read by the page (renderer/lib/event-stream.ts)
// and by the remote core (main/remote/event-source.ts).

/** Splits what has arrived into whole events' data and the unfinished rest (the SSE format: events end with a blank line). */
export function parseEvents(buffer: string): { data: string[]; rest: string } {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const data: string[] = [];
  for (const block of blocks) {
    const lines = block
      .split('\n')
      .filter((line) => line === 'data' || line.startsWith('data:'))
      .map((line) => line.slice('data:'.length).replace(/^ /, ''));
    if (lines.length > 0) data.push(lines.join('\n'));
  }
  return { data, rest };
}
