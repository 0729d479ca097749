import { isChannel, type EventMessage, type EventName, type RosterApi } from '@shared/ipc/contract';
import type { ImportSummary } from '@shared/schemas/activity';
import { fail, type Result } from '@shared/result';

const LOST =
  'Roster is not answering. If you closed the terminal that runs browser mode, start it again and open the address it prints.';

/**
 * The contract over HTTP, for browser mode: POST /api/invoke/<channel> answers
 * with the same Result as IPC, and /api/events streams the same events. The
 * session cookie (set when the one-time link was opened) authorises both.
 */
export function createHttpApi(): RosterApi {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let source: EventSource | null = null;

  const emit = ({ event, payload }: EventMessage) => listeners.get(event)?.forEach((listener) => listener(payload as never));

  const connect = () => {
    if (source) return;
    source = new EventSource('/api/events');
    let opened = false;
    source.onmessage = (message: MessageEvent<string>) => emit(JSON.parse(message.data) as EventMessage);
    // EventSource reconnects by itself after a dropped connection; whatever
    // changed in between was not announced, so ask every screen to reload.
    source.onopen = () => {
      if (opened) emit({ event: 'changed', payload: { areas: ['*'] } });
      opened = true;
    };
  };

  return {
    async invoke(channel, ...args) {
      if (!isChannel(channel)) return fail('INVALID_INPUT', `Unknown request "${String(channel)}".`);
      const input = args[0];
      try {
        const response = await fetch(`/api/invoke/${channel}`, {
          method: 'POST',
          headers: input === undefined ? {} : { 'Content-Type': 'application/json' },
          body: input === undefined ? undefined : JSON.stringify(input),
          credentials: 'same-origin',
        });
        if (!response.headers.get('content-type')?.startsWith('application/json')) {
          return fail('UNAVAILABLE', `${LOST} (HTTP ${response.status})`);
        }
        return (await response.json()) as Result<never>;
      } catch {
        return fail('UNAVAILABLE', LOST);
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      connect();
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  };
}

/**
 * Browser mode's import: the file goes up as the request body, read from disk
 * by the browser as it is sent (never whole in memory), and main imports it
 * as it arrives. Progress comes as `importProgress` events, like in the app.
 */
export async function uploadEvents(file: File): Promise<Result<ImportSummary>> {
  try {
    const response = await fetch('/api/import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
      body: file,
      credentials: 'same-origin',
    });
    if (!response.headers.get('content-type')?.startsWith('application/json')) return fail('UNAVAILABLE', `${LOST} (HTTP ${response.status})`);
    return (await response.json()) as Result<ImportSummary>;
  } catch {
    return fail('UNAVAILABLE', LOST);
  }
}
