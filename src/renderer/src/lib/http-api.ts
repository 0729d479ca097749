import { isChannel, type EventMessage, type RosterApi } from '@shared/ipc/contract';
import type { ImportSummary } from '@shared/schemas/activity';
import { fail, type Result } from '@shared/result';
import { createEventListeners } from './event-listeners';
import { openEventStream } from './event-stream';
import { sessionKeyHeaders, takeSessionKey } from './session-key';

const LOST =
  'Roster is not answering. If you closed the terminal that runs browser mode, start it again and open the address it prints.';

let key: string | null | undefined;

/**
 * The session key header for every request (session-key.ts). Taken from the
 * address when the page starts (createHttpApi runs as the app loads, before
 * any screen reads the address's #route), once.
 */
function sessionHeaders(): Record<string, string> {
  if (key === undefined) key = takeSessionKey({ location: window.location, history: window.history, storage: () => window.localStorage });
  return sessionKeyHeaders(key);
}

/**
 * The contract over HTTP, for browser mode: POST /api/invoke/<channel> answers
 * with the same Result as IPC, and /api/events streams the same events. Both
 * need the session cookie (set when the one-time link was opened) and the
 * session key (which only this tab holds).
 */
export function createHttpApi(): RosterApi {
  let connected = false;
  sessionHeaders();
  const listeners = createEventListeners(() => connect());
  const { emit } = listeners;

  const connect = () => {
    if (connected) return;
    connected = true;
    openEventStream({
      url: '/api/events',
      headers: sessionHeaders(),
      onMessage: (data) => emit(JSON.parse(data) as EventMessage),
      // Whatever changed while the stream was down was not announced: every screen reloads.
      onReconnect: () => emit({ event: 'changed', payload: { areas: ['*'] } }),
    });
  };

  return {
    async invoke(channel, ...args) {
      if (!isChannel(channel)) return fail('INVALID_INPUT', `Unknown request "${String(channel)}".`);
      const input = args[0];
      try {
        const response = await fetch(`/api/invoke/${channel}`, {
          method: 'POST',
          headers: { ...sessionHeaders(), ...(input === undefined ? {} : { 'Content-Type': 'application/json' }) },
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
    on: listeners.on,
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
      headers: { ...sessionHeaders(), 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
      body: file,
      credentials: 'same-origin',
    });
    if (!response.headers.get('content-type')?.startsWith('application/json')) return fail('UNAVAILABLE', `${LOST} (HTTP ${response.status})`);
    return (await response.json()) as Result<ImportSummary>;
  } catch {
    return fail('UNAVAILABLE', LOST);
  }
}

/**
 * A one-use address to download a listed backup from (backup-download.ts): a
 * plain link cannot send the session key, so the page asks for it with the key.
 */
export async function backupDownloadAddress(id: string): Promise<Result<{ url: string }>> {
  try {
    const response = await fetch(`/api/backups/${encodeURIComponent(id)}`, { method: 'POST', headers: sessionHeaders(), credentials: 'same-origin' });
    if (!response.headers.get('content-type')?.startsWith('application/json')) return fail('UNAVAILABLE', `${LOST} (HTTP ${response.status})`);
    return (await response.json()) as Result<{ url: string }>;
  } catch {
    return fail('UNAVAILABLE', LOST);
  }
}
