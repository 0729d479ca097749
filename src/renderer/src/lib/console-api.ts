import { isChannel, type EventMessage, type RosterApi } from '@shared/ipc/contract';
import type { ImportSummary } from '@shared/schemas/activity';
import { CSRF_HEADER } from '@shared/schemas/console-auth';
import { fail, type Result } from '@shared/result';
import { useConsoleSession, type ConsoleSessionState } from '../stores/console-session-store';
import { getSession, readResult, SERVER_LOST, type FetchLike } from './console-auth';
import { createEventListeners } from './event-listeners';
import { openEventStream } from './event-stream';

/** The session store, as the transport needs it (tests pass their own). */
export interface SessionSource {
  getState(): Pick<ConsoleSessionState, 'session' | 'signedIn' | 'signedOut'>;
  subscribe(listener: (state: ConsoleSessionState, previous: ConsoleSessionState) => void): () => void;
}

export interface ConsoleApiDeps {
  fetch?: FetchLike;
  openStream?: typeof openEventStream;
  session?: SessionSource;
}

const NOT_SIGNED_IN = 'Sign in to the console first.';

/**
 * The contract over HTTP for the server's web console: POST /api/invoke/<channel>
 * and GET /api/events with the session cookie and the session's CSRF token
 * (x-roster-csrf). A 401 from any of them means the session ended (signed out
 * in another tab, idle, ended by an owner, the admin removed): the console asks
 * GET /auth/session why, and the sign-in screen says it.
 */
export function createConsoleApi(deps: ConsoleApiDeps = {}): { api: RosterApi; uploadEvents: (file: File) => Promise<Result<ImportSummary>> } {
  const fetchOf: FetchLike = deps.fetch ?? ((input, init) => fetch(input, init));
  const openStream = deps.openStream ?? openEventStream;
  const store: SessionSource = deps.session ?? useConsoleSession;
  const listeners = createEventListeners(() => connect());
  let stopStream: (() => void) | null = null;

  const tokenNow = () => store.getState().session?.csrfToken ?? null;

  /**
   * A call was refused for want of a session. Only the session that made it
   * is ended: an answer that comes late, after the admin signed in again, is
   * not theirs.
   */
  const sessionEnded = async (token: string) => {
    if (tokenNow() !== token) return;
    const answer = await getSession(fetchOf);
    if (tokenNow() !== token) return;
    if (answer.ok) store.getState().signedIn(answer.value);
    else store.getState().signedOut(answer.error.code === 'UNAVAILABLE' ? SERVER_LOST : answer.error.message);
  };

  const { emit } = listeners;

  const connect = () => {
    const token = tokenNow();
    if (stopStream || !token || !listeners.any()) return;
    stopStream = openStream({
      url: '/api/events',
      headers: { [CSRF_HEADER]: token },
      fetch: fetchOf as typeof fetch,
      onMessage: (data) => emit(JSON.parse(data) as EventMessage),
      // Whatever changed while the stream was down was not announced: every screen reloads.
      onReconnect: () => emit({ event: 'changed', payload: { areas: ['*'] } }),
      onRefused: () => {
        stopStream = null;
        void sessionEnded(token);
      },
    });
  };

  // Another session (signed in again, or out): the stream goes with the old one.
  store.subscribe((state, previous) => {
    if (state.session?.csrfToken === previous.session?.csrfToken) return;
    stopStream?.();
    stopStream = null;
    connect();
  });

  /** A request of the signed-in session; its answer as a Result, a 401 ending the session. */
  const send = async <T>(url: string, init: RequestInit & { headers: Record<string, string> }): Promise<Result<T>> => {
    const token = tokenNow();
    if (!token) return fail('UNAUTHENTICATED', NOT_SIGNED_IN);
    try {
      const response = await fetchOf(url, { ...init, headers: { ...init.headers, [CSRF_HEADER]: token }, credentials: 'same-origin' });
      // 401: the session ended. 403: the role may have changed since sign-in (an owner demoted this admin): the
      // session is read again either way, so the reason is said, or the controls follow the role the server holds now.
      if (response.status === 401 || response.status === 403) void sessionEnded(token);
      return await readResult<T>(response);
    } catch {
      return fail('UNAVAILABLE', SERVER_LOST);
    }
  };

  const api: RosterApi = {
    async invoke(channel, ...args) {
      if (!isChannel(channel)) return fail('INVALID_INPUT', `Unknown request "${String(channel)}".`);
      const input = args[0];
      return send(`/api/invoke/${channel}`, {
        method: 'POST',
        headers: input === undefined ? {} : { 'Content-Type': 'application/json' },
        body: input === undefined ? undefined : JSON.stringify(input),
      });
    },
    on: listeners.on,
  };

  /** An event file, streamed to POST /api/import as the browser reads it from disk (as browser mode uploads it). */
  const uploadEvents = (file: File) =>
    send<ImportSummary>('/api/import', {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
      body: file,
    });

  return { api, uploadEvents };
}
