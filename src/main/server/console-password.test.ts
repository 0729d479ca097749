import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE_HTTP, SESSION_COOKIE_HTTPS, SESSION_MAX_MS } from '@shared/schemas/console-auth';
import { consoleServer, OWN_ORIGIN, PASSWORD } from './test-support/console-sign-in';
import { WRONG_PASSWORD } from './auth/routes';

const audited = (fixture: Awaited<ReturnType<typeof consoleServer>>, prefix: string) =>
  fixture.core.db
    .prepare('SELECT action, actor_type AS type, actor_name AS name, actor_admin AS admin, actor_token AS token, target_label AS label, subject, after FROM audit_events WHERE action LIKE ? ORDER BY id')
    .all(`${prefix}%`) as { action: string; type: string; name: string; admin: string | null; token: string | null; label: string; subject: string | null; after: string }[];

describe('password sign-in', () => {
  it('signs an admin in with a session cookie and the session, and records it', async () => {
    const fixture = await consoleServer();
    const response = await fixture.signIn('Admin@Acme.example', PASSWORD, { 'user-agent': 'Chromium test' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      ok: true,
      value: {
        email: 'admin@acme.example',
        name: null,
        role: 'admin',
        method: 'password',
        csrfToken: expect.stringMatching(/^[\w-]{43}$/),
        signedInAt: '2026-12-07T14:17:00.000Z',
        expiresAt: '2026-12-14T14:17:00.000Z',
      },
    });
    expect(response.headers['set-cookie']).toMatch(new RegExp(`^${SESSION_COOKIE_HTTP}=[\\w-]{43}; Path=/; Max-Age=${SESSION_MAX_MS / 1000}; HttpOnly; SameSite=Lax$`));
    // Only the cookie's hash is kept.
    const stored = fixture.core.db.prepare('SELECT hash, method, address, user_agent FROM admin_sessions').all() as { hash: Buffer; method: string; address: string; user_agent: string }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ method: 'password', address: '127.0.0.1', user_agent: 'Chromium test' });
    expect(stored[0]!.hash.toString('base64url')).not.toBe(fixture.cookieOf(response));
    expect(audited(fixture, 'admin.signin')).toEqual([
      {
        action: 'admin.signin',
        type: 'app',
        name: 'admin@acme.example',
        admin: 'admin@acme.example',
        token: 'console session #1',
        label: 'admin@acme.example',
        subject: 'admin@acme.example',
        after: JSON.stringify({ method: 'password', address: '127.0.0.1', userAgent: 'Chromium test' }),
      },
    ]);
  });

  it('refuses a wrong password, an unknown address and an admin without a password alike, and records each reason', async () => {
    const fixture = await consoleServer();
    fixture.core.db.prepare("UPDATE admins SET password_hash = NULL WHERE email = 'auditor@acme.example'").run();
    for (const [email, password] of [
      ['owner@acme.example', 'not the password'],
      ['nobody@acme.example', PASSWORD],
      ['auditor@acme.example', PASSWORD],
    ]) {
      const response = await fixture.signIn(email!, password);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: WRONG_PASSWORD } });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expect(fixture.core.db.prepare('SELECT count(*) FROM admin_sessions').pluck().get()).toBe(0);
    const failures = audited(fixture, 'admin.signin.fail');
    expect(failures.map((event) => [event.type, event.name, event.label, event.subject, JSON.parse(event.after).reason])).toEqual([
      ['system', 'roster server', 'owner@acme.example', 'owner@acme.example', 'the password does not match'],
      ['system', 'roster server', 'nobody@acme.example', null, 'there is no admin with this address'],
      ['system', 'roster server', 'auditor@acme.example', 'auditor@acme.example', 'this admin has no password'],
    ]);
    expect(JSON.stringify(failures)).not.toContain('not the password');
    expect(JSON.stringify(failures)).not.toContain(PASSWORD);
  });

  it('refuses bad input by naming the problem, with nothing recorded', async () => {
    const fixture = await consoleServer();
    const send = (payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fixture.app.inject({ method: 'POST', url: '/auth/password', headers: { origin: OWN_ORIGIN, ...headers }, payload: payload as string });
    expect((await send(JSON.stringify({ email: 'owner@acme.example' }))).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'The password must be text.' } });
    expect((await send(JSON.stringify({ email: ' ', password: 'x' }))).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'Give your address.' } });
    expect((await send(JSON.stringify({ email: 'a@b.example', password: 'x', role: 'owner' }))).statusCode).toBe(400);
    const notJson = await send('{"email":', { 'content-type': 'application/json' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const form = await send('email=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.statusCode).toBe(415);
    expect(fixture.core.db.prepare("SELECT count(*) FROM audit_events WHERE action LIKE 'admin.signin%'").pluck().get()).toBe(0);
  });

  it('takes a sign-in only from the server’s own origin', async () => {
    const fixture = await consoleServer();
    const missing = await fixture.signIn('owner@acme.example', PASSWORD, { origin: '' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('no Origin header') } });
    const other = await fixture.signIn('owner@acme.example', PASSWORD, { origin: 'https://evil.example' });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('https://evil.example') } });
    expect(fixture.core.db.prepare('SELECT count(*) FROM admin_sessions').pluck().get()).toBe(0);
  });

  it('says which sign-in methods there are', async () => {
    const plain = await consoleServer();
    expect((await plain.app.inject({ method: 'GET', url: '/auth/methods' })).json()).toEqual({ ok: true, value: { oidc: null, password: true } });
    const withProvider = await consoleServer({ options: { oidc: { issuer: new URL('https://login.acme.example/'), clientId: 'roster', clientSecret: null } } });
    expect((await withProvider.app.inject({ method: 'GET', url: '/auth/methods' })).json()).toEqual({ ok: true, value: { oidc: { issuer: 'https://login.acme.example/' }, password: true } });
  });

  it('sets a __Host- cookie, Secure, when the server is reached over https (its public URL)', async () => {
    const fixture = await consoleServer({ options: { publicUrl: new URL('https://roster.acme.example') } });
    const response = await fixture.signIn('owner@acme.example', PASSWORD, { origin: 'https://roster.acme.example' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toMatch(new RegExp(`^${SESSION_COOKIE_HTTPS}=[\\w-]{43}; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax; Secure$`));
    expect(response.headers['set-cookie']).not.toMatch(/Domain/i);
    // Behind the proxy the request's own origin (http://localhost) is not the server's.
    expect((await fixture.signIn('owner@acme.example', PASSWORD)).statusCode).toBe(403);
    const cookie = `${SESSION_COOKIE_HTTPS}=${fixture.cookieOf(response, SESSION_COOKIE_HTTPS)}`;
    expect((await fixture.app.inject({ method: 'GET', url: '/auth/session', headers: { cookie } })).statusCode).toBe(200);
    // The plain name is not read on an https server.
    expect((await fixture.app.inject({ method: 'GET', url: '/auth/session', headers: { cookie: cookie.replace(SESSION_COOKIE_HTTPS, SESSION_COOKIE_HTTP) } })).statusCode).toBe(401);
    const csrf = (response.json() as { value: { csrfToken: string } }).value.csrfToken;
    const listed = await fixture.app.inject({ method: 'POST', url: '/api/invoke/orgs:list', headers: { cookie, origin: 'https://roster.acme.example', [CSRF_HEADER]: csrf } });
    expect(listed.json()).toMatchObject({ ok: true });
  });
});
