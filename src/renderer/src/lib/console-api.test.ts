import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ConsoleSession } from '@shared/schemas/console-auth';
import { consoleSessionState, type ConsoleSessionState } from '../stores/console-session-store';
import { createConsoleApi } from './console-api';
import type { EventStreamOptions } from './event-stream';

const SESSION: ConsoleSession = {
  email: 'ana@acme.com',
  name: 'Ana Ruiz',
  role: 'admin',
  method: 'password',
  csrfToken: 'csrf-1',
  signedInAt: '2026-12-07T10:00:00.000Z',
  expiresAt: '2026-12-14T10:00:00.000Z',
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });

interface Sent {
  url: string;
  init: RequestInit | undefined;
}

/** A console over a fake server: `answer` decides each response; every request is kept. */
function consoleOver(answer: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const store = createStore<ConsoleSessionState>()(consoleSessionState);
  const sent: Sent[] = [];
  const streams: EventStreamOptions[] = [];
  let closed = 0;
  const { api } = createConsoleApi({
    session: store,
    fetch: async (url, init) => {
      sent.push({ url, init });
      return answer(url, init);
    },
    openStream: (options) => {
      streams.push(options);
      return () => (closed += 1);
    },
  });
  return { api, store, sent, streams, closed: () => closed };
}

/** Waits for the work a refused call starts (asking /auth/session why) to settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the console transport', () => {
  it('posts each call with the session cookie, JSON and the CSRF header, and answers the Result', async () => {
    const { api, store, sent } = consoleOver(() => json({ ok: true, value: { id: 1, name: 'Research' } }));
    store.getState().signedIn(SESSION);
    const result = await api.invoke('orgs:create', { name: 'Research' });
    expect(result).toEqual({ ok: true, value: { id: 1, name: 'Research' } });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/api/invoke/orgs:create');
    expect(sent[0]!.init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      body: '{"name":"Research"}',
      headers: { 'Content-Type': 'application/json', 'x-roster-csrf': 'csrf-1' },
    });
    // A channel without input sends no body.
    await api.invoke('orgs:list');
    expect(sent[1]!.init).toMatchObject({ method: 'POST', headers: { 'x-roster-csrf': 'csrf-1' } });
    expect(sent[1]!.init?.body).toBeUndefined();
  });

  it('calls nothing before anyone signs in', async () => {
    const { api, sent } = consoleOver(() => json({ ok: true, value: [] }));
    const result = await api.invoke('orgs:list');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(sent).toHaveLength(0);
  });

  it('reads the session again on a 403, so a role lowered since sign-in shows at once', async () => {
    const { api, store } = consoleOver((url) =>
      url === '/auth/session'
        ? json({ ok: true, value: { ...SESSION, role: 'auditor' } })
        : json({ ok: false, error: { code: 'FORBIDDEN', message: 'An auditor may only read.' } }, 403),
    );
    store.getState().signedIn(SESSION);
    expect(await api.invoke('orgs:create', { name: 'Research' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await settle();
    expect(store.getState().session).toMatchObject({ email: 'ana@acme.com', role: 'auditor', csrfToken: 'csrf-1' });
  });

  it('ends the session on a 401 and keeps the reason GET /auth/session gives', async () => {
    const { api, store, sent } = consoleOver((url) =>
      url === '/auth/session'
        ? json({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Your session ended: idle for 12 hours. Sign in again.' } }, 401)
        : json({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in to the console.' } }, 401),
    );
    store.getState().signedIn(SESSION);
    const result = await api.invoke('teams:list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await settle();
    expect(sent.map((request) => request.url)).toEqual(['/api/invoke/teams:list', '/auth/session']);
    expect(store.getState()).toMatchObject({ status: 'signed-out', session: null, reason: 'Your session ended: idle for 12 hours. Sign in again.' });
  });

  it('does not end a session signed in again while a refused call was on its way', async () => {
    let release: (response: Response) => void = () => undefined;
    const late = new Promise<Response>((resolve) => (release = resolve));
    const { api, store, sent } = consoleOver((url) => (url === '/api/invoke/orgs:list' ? late : json({ ok: true, value: SESSION })));
    store.getState().signedIn(SESSION);
    const call = api.invoke('orgs:list');
    store.getState().signedIn({ ...SESSION, csrfToken: 'csrf-2' });
    release(json({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in to the console.' } }, 401));
    await call;
    await settle();
    expect(sent.map((request) => request.url)).toEqual(['/api/invoke/orgs:list']);
    expect(store.getState()).toMatchObject({ status: 'signed-in', session: { csrfToken: 'csrf-2' } });
  });

  it('reads events with the CSRF header, refreshes everything after a reconnect, and follows the session', async () => {
    const { api, store, streams, closed } = consoleOver(() =>
      json({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Your session ended: an owner ended it. Sign in again.' } }, 401),
    );
    const changed: unknown[] = [];
    api.on('changed', (payload) => changed.push(payload));
    // No session, no stream.
    expect(streams).toHaveLength(0);
    store.getState().signedIn(SESSION);
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatchObject({ url: '/api/events', headers: { 'x-roster-csrf': 'csrf-1' } });
    streams[0]!.onMessage('{"event":"changed","payload":{"areas":["orgs"]}}');
    streams[0]!.onReconnect();
    expect(changed).toEqual([{ areas: ['orgs'] }, { areas: ['*'] }]);

    // Signed in again (another session): the old stream closes, a new one carries the new token.
    store.getState().signedIn({ ...SESSION, csrfToken: 'csrf-2' });
    expect(closed()).toBe(1);
    expect(streams[1]).toMatchObject({ headers: { 'x-roster-csrf': 'csrf-2' } });

    // The server refuses the stream: the session ended, and the sign-in screen says why.
    streams[1]!.onRefused!(401);
    await settle();
    expect(store.getState()).toMatchObject({ status: 'signed-out', reason: 'Your session ended: an owner ended it. Sign in again.' });
  });

  it('says the server is not answering when it cannot be reached or answers no Result', async () => {
    const { api, store } = consoleOver((url) => {
      if (url.includes('orgs:list')) throw new TypeError('Failed to fetch');
      return new Response('<html>Bad gateway</html>', { status: 502, headers: { 'Content-Type': 'text/html' } });
    });
    store.getState().signedIn(SESSION);
    expect(await api.invoke('orgs:list')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    const proxied = await api.invoke('teams:list', {});
    expect(proxied).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(proxied.ok ? '' : proxied.error.message).toContain('HTTP 502');
    expect(store.getState().status).toBe('signed-in');
  });
});
