import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE_HTTP } from '@shared/schemas/console-auth';
import { consoleServer, OWN_ORIGIN, PASSWORD } from './test-support/console-sign-in';

const HOUR = 60 * 60 * 1000;

type Fixture = Awaited<ReturnType<typeof consoleServer>>;
const whoAmI = (fixture: Fixture, cookie: string) => fixture.app.inject({ method: 'GET', url: '/auth/session', headers: { cookie } });
const orgNames = (fixture: Fixture) => fixture.core.db.prepare('SELECT name FROM organizations ORDER BY name').pluck().all();

describe('a console session', () => {
  it('says who is signed in, and asks anyone else to sign in', async () => {
    const fixture = await consoleServer();
    const { cookie, session } = await fixture.session('owner');
    expect((await whoAmI(fixture, cookie)).json()).toEqual({ ok: true, value: session });
    for (const sent of [undefined, `${SESSION_COOKIE_HTTP}=made-up`, `other=${cookie.split('=')[1]}`]) {
      const response = await fixture.app.inject({ method: 'GET', url: '/auth/session', headers: sent ? { cookie: sent } : {} });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in to the console.' } });
    }
  });

  it('ends after 12 hours without a call, and notes a call at most once a minute', async () => {
    const fixture = await consoleServer();
    const { cookie } = await fixture.session('admin');
    const lastSeen = () => fixture.core.db.prepare('SELECT last_seen_at FROM admin_sessions').pluck().get();
    fixture.clock.advance(30_000);
    expect((await whoAmI(fixture, cookie)).statusCode).toBe(200);
    expect(lastSeen()).toBe('2026-12-07T14:17:00.000Z');
    fixture.clock.advance(30_000);
    expect((await whoAmI(fixture, cookie)).statusCode).toBe(200);
    expect(lastSeen()).toBe('2026-12-07T14:18:00.000Z');
    fixture.clock.advance(12 * HOUR - 1);
    expect((await whoAmI(fixture, cookie)).statusCode).toBe(200);
    fixture.clock.advance(12 * HOUR);
    const idle = await whoAmI(fixture, cookie);
    expect(idle.statusCode).toBe(401);
    expect(idle.json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Your session ended: idle for 12 hours. Sign in again.' } });
    expect((await fixture.app.inject({ method: 'POST', url: '/api/invoke/orgs:list', headers: { cookie, origin: OWN_ORIGIN } })).statusCode).toBe(401);
  });

  it('ends 7 days after sign-in, however busy', async () => {
    const fixture = await consoleServer();
    const { cookie, invoke } = await fixture.session('admin');
    for (let hours = 11; hours < 7 * 24; hours += 11) {
      fixture.clock.advance(11 * HOUR);
      expect((await whoAmI(fixture, cookie)).statusCode).toBe(200);
    }
    fixture.clock.advance(7 * 24 * HOUR - Math.floor((7 * 24) / 11) * 11 * HOUR);
    expect((await whoAmI(fixture, cookie)).json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Your session ended: open 7 days. Sign in again.' } });
    expect((await invoke('orgs:create', { name: 'Late' })).statusCode).toBe(401);
    expect(orgNames(fixture)).toEqual([]);
  });

  it('signs out with the CSRF token: the session ends, the cookie is cleared, and it is audited', async () => {
    const fixture = await consoleServer();
    const { cookie, session } = await fixture.session('auditor');
    const signOut = (headers: Record<string, string>) => fixture.app.inject({ method: 'POST', url: '/auth/signout', headers: { cookie, ...headers } });
    expect((await signOut({ origin: OWN_ORIGIN })).statusCode).toBe(403);
    expect((await signOut({ origin: 'https://evil.example', [CSRF_HEADER]: session.csrfToken })).statusCode).toBe(403);
    expect((await whoAmI(fixture, cookie)).statusCode).toBe(200);
    const out = await signOut({ origin: OWN_ORIGIN, [CSRF_HEADER]: session.csrfToken });
    expect(out.json()).toEqual({ ok: true, value: null });
    expect(out.headers['set-cookie']).toBe(`${SESSION_COOKIE_HTTP}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
    expect((await whoAmI(fixture, cookie)).json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Your session ended: you signed out. Sign in again.' } });
    // Signing out again, or with no session, only clears the cookie.
    expect((await signOut({})).json()).toEqual({ ok: true, value: null });
    const events = fixture.core.db.prepare("SELECT actor_admin AS admin, actor_token AS token, target_id AS id FROM audit_events WHERE action = 'admin.signout'").all();
    expect(events).toEqual([{ admin: 'auditor@acme.example', token: 'console session #1', id: '1' }]);
  });

  it('is new at every sign-in, and a sign-in in the same browser ends the session it had', async () => {
    const fixture = await consoleServer();
    const first = await fixture.session('owner');
    const again = await fixture.signIn('owner@acme.example', PASSWORD, { cookie: first.cookie });
    const second = `${SESSION_COOKIE_HTTP}=${fixture.cookieOf(again)}`;
    expect(second).not.toBe(first.cookie);
    expect((again.json() as { value: { csrfToken: string } }).value.csrfToken).not.toBe(first.session.csrfToken);
    expect((await whoAmI(fixture, first.cookie)).statusCode).toBe(401);
    expect((await whoAmI(fixture, second)).statusCode).toBe(200);
    expect(fixture.core.db.prepare('SELECT id, ended_by FROM admin_sessions ORDER BY id').all()).toEqual([
      { id: 1, ended_by: 'sign-out' },
      { id: 2, ended_by: null },
    ]);
  });

  it('acts with the admin’s role now, not the one they signed in with', async () => {
    const fixture = await consoleServer();
    const admin = await fixture.session('admin');
    expect((await admin.invoke('orgs:create', { name: 'Research' })).json()).toMatchObject({ ok: true });
    const owner = await fixture.session('owner');
    expect((await owner.invoke('admins:setRole', { email: 'admin@acme.example', role: 'auditor' })).json()).toMatchObject({ ok: true });
    expect((await whoAmI(fixture, admin.cookie)).json()).toMatchObject({ ok: true, value: { role: 'auditor' } });
    const refused = await admin.invoke('orgs:create', { name: 'Sales' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^You are signed in as an auditor, who may only read/) } });
    expect(orgNames(fixture)).toEqual(['Research']);
    const exported = await fixture.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: { cookie: admin.cookie, origin: OWN_ORIGIN, [CSRF_HEADER]: admin.session.csrfToken, 'content-type': 'application/octet-stream', 'x-file-name': 'a.jsonl' },
      payload: '',
    });
    expect(exported.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'You are signed in as an auditor, who may not import activity.' } });
  });

  it('ends with its admin when they are removed, in the same change', async () => {
    const fixture = await consoleServer();
    const admin = await fixture.session('admin');
    const owner = await fixture.session('owner');
    expect((await owner.invoke('admins:remove', { email: 'admin@acme.example' })).json()).toMatchObject({ ok: true });
    expect((await whoAmI(fixture, admin.cookie)).json()).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Your session ended: you are no longer an admin of this Roster server.' },
    });
    expect((await admin.invoke('orgs:list')).statusCode).toBe(401);
    expect(fixture.core.db.prepare("SELECT ended_by FROM admin_sessions WHERE id = 1").pluck().get()).toBe('admin-removed');
    const removal = fixture.core.db.prepare("SELECT after FROM audit_events WHERE action = 'admin.remove'").pluck().get() as string;
    expect(JSON.parse(removal)).toEqual({ revokedTokens: ['tests'], endedSessions: 1 });
  });
});

describe('the admin API with a session cookie', () => {
  it('audits changes under the admin and their console session', async () => {
    const fixture = await consoleServer();
    const { invoke } = await fixture.session('admin');
    expect((await invoke('orgs:create', { name: 'Research' })).json()).toMatchObject({ ok: true, value: { name: 'Research' } });
    const actor = fixture.core.db.prepare("SELECT actor_type AS type, actor_name AS name, actor_admin AS admin, actor_token AS token FROM audit_events WHERE action = 'org.create'").get();
    expect(actor).toEqual({ type: 'app', name: 'admin@acme.example', admin: 'admin@acme.example', token: 'console session #1' });
  });

  it('refuses a change without the server’s own Origin or the session’s CSRF header, each by name, with nothing changed', async () => {
    const fixture = await consoleServer();
    const { invoke, session } = await fixture.session('owner');
    const cases: [Record<string, string | undefined>, string][] = [
      [{ origin: undefined }, 'no Origin header'],
      [{ origin: 'https://evil.example' }, 'comes from a page at https://evil.example'],
      [{ origin: 'http://localhost:8080' }, 'not from this server'],
      [{ [CSRF_HEADER]: undefined }, `no ${CSRF_HEADER} header`],
      [{ [CSRF_HEADER]: `${session.csrfToken}x` }, 'is not this session'],
    ];
    for (const [headers, problem] of cases) {
      const response = await invoke('orgs:create', { name: 'Research' }, headers);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining(problem) } });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    // Refused before the channel is looked up: an unknown one is refused the same way.
    expect((await invoke('no:such', undefined, { origin: undefined })).statusCode).toBe(403);
    const exported = await fixture.app.inject({ method: 'POST', url: '/api/export/audit', headers: { cookie: (await fixture.session('auditor')).cookie, origin: OWN_ORIGIN } });
    expect(exported.statusCode).toBe(403);
    expect(orgNames(fixture)).toEqual([]);
    expect((await invoke('orgs:create', { name: 'Research' })).json()).toMatchObject({ ok: true });
  });

  it('streams events to a signed-in console (a GET: no CSRF header), and to no one else', async () => {
    const fixture = await consoleServer();
    const { cookie } = await fixture.session('auditor');
    const address = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
    const refused = await fetch(`${address}/api/events`, { headers: { cookie: `${SESSION_COOKIE_HTTP}=made-up` } });
    expect(refused.status).toBe(401);
    const stopped = new AbortController();
    const stream = await fetch(`${address}/api/events`, { headers: { cookie }, signal: stopped.signal });
    expect(stream.status).toBe(200);
    const first = await stream.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toContain(': connected');
    stopped.abort();
  });

  it('ends a console’s event stream when an owner ends its session', async () => {
    const fixture = await consoleServer();
    const admin = await fixture.session('admin');
    const owner = await fixture.session('owner');
    const address = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
    const stream = await fetch(`${address}/api/events`, { headers: { cookie: admin.cookie } });
    const reader = stream.body!.getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    // A change by someone else still reaches it.
    expect((await owner.invoke('orgs:create', { name: 'Research' })).json()).toMatchObject({ ok: true });
    while (!text.includes('"orgs"')) text += new TextDecoder().decode((await reader.read()).value);
    expect((await owner.invoke('sessions:end', { id: 1 })).json()).toMatchObject({ ok: true });
    let chunk = await reader.read();
    while (!chunk.done) chunk = await reader.read();
    expect(chunk.done).toBe(true);
  });

  it('ends an API token’s event stream when the token is revoked or its admin removed', async () => {
    const fixture = await consoleServer();
    const owner = await fixture.session('owner');
    const address = await fixture.app.listen({ host: '127.0.0.1', port: 0 });
    const streamOf = async (token: string) => {
      const stream = await fetch(`${address}/api/events`, { headers: { authorization: `Bearer ${token}` } });
      expect(stream.status).toBe(200);
      const reader = stream.body!.getReader();
      let text = '';
      /** Reads until `seen` has come, or the stream ended; true when it ended. */
      const until = async (seen: string | null) => {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          text += new TextDecoder().decode(chunk.value);
          if (seen !== null && text.includes(seen)) return false;
        }
        return true;
      };
      return { until };
    };
    const admin = await streamOf(fixture.tokens.admin);
    const auditor = await streamOf(fixture.tokens.auditor);
    expect((await owner.invoke('orgs:create', { name: 'Research' })).json()).toMatchObject({ ok: true });
    expect(await admin.until('"orgs"')).toBe(false);
    expect(await auditor.until('"orgs"')).toBe(false);
    // Revoking the token (as its admin may) and removing an admin are changes to admins: their streams end.
    expect((await owner.invoke('admins:revokeToken', { email: 'admin@acme.example', name: 'tests' })).json()).toMatchObject({ ok: true });
    expect(await admin.until(null)).toBe(true);
    expect((await owner.invoke('admins:remove', { email: 'auditor@acme.example' })).json()).toMatchObject({ ok: true });
    expect(await auditor.until(null)).toBe(true);
  });

  it('takes an API token over a cookie sent beside it', async () => {
    const fixture = await consoleServer();
    const { cookie } = await fixture.session('auditor');
    const response = await fixture.app.inject({
      method: 'POST',
      url: '/api/invoke/orgs:create',
      headers: { cookie, authorization: `Bearer ${fixture.tokens.admin}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'Research' }),
    });
    expect(response.json()).toMatchObject({ ok: true });
    expect(fixture.core.db.prepare("SELECT actor_token FROM audit_events WHERE action = 'org.create'").pluck().get()).toBe('tests');
  });

  it('never writes a password, cookie or CSRF token to the log', async () => {
    const fixture = await consoleServer();
    const { cookie, session, invoke } = await fixture.session('owner');
    await fixture.signIn('owner@acme.example', 'a wrong password here');
    await invoke('orgs:list');
    await whoAmI(fixture, cookie);
    const log = fixture.logLines.join('\n');
    expect(log).toContain('An admin signed in to the console');
    for (const secret of [PASSWORD, 'a wrong password here', cookie.split('=')[1]!, session.csrfToken]) expect(log).not.toContain(secret);
  });
});
