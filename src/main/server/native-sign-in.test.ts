import { describe, expect, it } from 'vitest';
import { consoleServer, OWN_ORIGIN } from './test-support/console-sign-in';
import { answerInBrowser, authorizeUrl, csrfField, LOOPBACK, pkcePair } from './test-support/native-flow';

type Fixture = Awaited<ReturnType<typeof consoleServer>>;

const exchange = (fixture: Fixture, fields: Record<string, string>, asJson = false) =>
  fixture.app.inject({
    method: 'POST',
    url: '/auth/native/token',
    headers: { 'content-type': asJson ? 'application/json' : 'application/x-www-form-urlencoded' },
    payload: asJson ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });

const tokenFields = (code: string, verifier: string, overrides: Record<string, string> = {}) => ({
  grant_type: 'authorization_code',
  code,
  code_verifier: verifier,
  redirect_uri: LOOPBACK,
  client_id: 'roster-cli',
  ...overrides,
});

const auditOf = (fixture: Fixture, action: string) =>
  (
    fixture.core.db.prepare('SELECT actor_type, actor_name, actor_admin, actor_token, after FROM audit_events WHERE action = ? ORDER BY id').all(action) as {
      actor_type: string;
      actor_name: string;
      actor_admin: string | null;
      actor_token: string | null;
      after: string | null;
    }[]
  ).map((row) => ({
    actor: { type: row.actor_type, name: row.actor_name, admin: row.actor_admin, token: row.actor_token },
    after: JSON.parse(row.after ?? '{}') as Record<string, unknown>,
  }));

/** Signs the admin in, allows a request, and answers the code and verifier. */
async function allowed(fixture: Fixture, overrides: Record<string, string | undefined> = {}) {
  const { cookie } = await fixture.session('admin');
  const { verifier, challenge } = pkcePair();
  const back = await answerInBrowser(fixture.app, authorizeUrl(challenge, overrides), cookie, OWN_ORIGIN);
  return { back, code: back.searchParams.get('code') ?? '', verifier, cookie };
}

describe('signing in from a native app (RFC 8252)', () => {
  it('issues an API token of the admin who allowed it, which works on the API, is listed, and is audited', async () => {
    const fixture = await consoleServer();
    const { back, code, verifier } = await allowed(fixture);
    expect(`${back.origin}${back.pathname}`).toBe(LOOPBACK);
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const answer = await exchange(fixture, tokenFields(code, verifier));
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const body = answer.json() as { access_token: string; token_type: string; expires_in: number; admin: unknown };
    expect(body).toEqual({ access_token: expect.stringMatching(/^roster_api_/), token_type: 'Bearer', expires_in: 30 * 24 * 3600, admin: { email: 'admin@acme.example', role: 'admin' } });

    const listed = await fixture.app.inject({ method: 'POST', url: '/api/invoke/orgs:list', headers: { authorization: `Bearer ${body.access_token}` } });
    expect(listed.json()).toEqual({ ok: true, value: [] });

    const tokens = fixture.admins.listTokens('admin@acme.example').find((token) => token.name.startsWith('roster login'));
    expect(tokens).toMatchObject({ name: 'roster login from 127.0.0.1 2026-12-07 14:17', role: 'admin', status: 'valid', expiresAt: '2027-01-06T14:17:00.000Z' });

    const [created] = auditOf(fixture, 'admin.token.create').filter((event) => String(event.after.name).startsWith('roster login'));
    expect(created!.actor).toMatchObject({ admin: 'admin@acme.example', token: expect.stringMatching(/^console session #\d+$/) });
    expect(created!.after).toMatchObject({ role: 'admin', issuedBy: { client: 'roster-cli', address: '127.0.0.1' } });
  });

  it('takes the token request as JSON too, and names a second sign-in in the same minute apart', async () => {
    const fixture = await consoleServer();
    for (const expected of ['roster login from 127.0.0.1 2026-12-07 14:17', 'roster login from 127.0.0.1 2026-12-07 14:17 (2)']) {
      const { code, verifier } = await allowed(fixture);
      expect((await exchange(fixture, tokenFields(code, verifier), true)).statusCode).toBe(200);
      expect(fixture.admins.listTokens('admin@acme.example').map((token) => token.name)).toContain(expected);
    }
  });

  it('sends a browser without a console session through the sign-in, and back to the same request', async () => {
    const fixture = await consoleServer();
    const { challenge } = pkcePair();
    const started = await fixture.app.inject({ method: 'GET', url: authorizeUrl(challenge) });
    expect(started.statusCode).toBe(303);
    const consent = String(started.headers.location);
    expect(consent).toMatch(/^\/native-sign-in\/[A-Za-z0-9_-]{32}$/);
    const page = await fixture.app.inject({ method: 'GET', url: consent });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`/?returnTo=${encodeURIComponent(consent)}`);

    const { cookie } = await fixture.session('auditor');
    const signedIn = await fixture.app.inject({ method: 'GET', url: consent, headers: { cookie } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['content-security-policy']).toContain("form-action 'self' http://127.0.0.1:43117");
    expect(signedIn.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(signedIn.body).toContain('Roster command line on your computer wants to act as <span class="who">auditor@acme.example</span> (auditor (reads only)) on localhost.');
  });

  it('goes back to the app with access_denied when the admin cancels', async () => {
    const fixture = await consoleServer();
    const { cookie } = await fixture.session('owner');
    const back = await answerInBrowser(fixture.app, authorizeUrl(pkcePair().challenge), cookie, OWN_ORIGIN, 'cancel');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('refuses a confirmation posted from another site, or without the session’s token', async () => {
    const fixture = await consoleServer();
    const { cookie } = await fixture.session('owner');
    const started = await fixture.app.inject({ method: 'GET', url: authorizeUrl(pkcePair().challenge), headers: { cookie } });
    const consent = String(started.headers.location);
    const csrf = csrfField((await fixture.app.inject({ method: 'GET', url: consent, headers: { cookie } })).body);
    const post = (origin: string, token: string) =>
      fixture.app.inject({ method: 'POST', url: consent, headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }, payload: `csrf=${token}&decision=allow` });
    const foreign = await post('https://evil.example', csrf);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).toContain('not from this server');
    expect((await post(OWN_ORIGIN, 'guessed')).statusCode).toBe(403);
    expect((await post(OWN_ORIGIN, csrf)).statusCode).toBe(303);
  });

  it('shows non-loopback redirect addresses and unknown apps the door, in the browser', async () => {
    const fixture = await consoleServer();
    const { challenge } = pkcePair();
    const cases: [Record<string, string | undefined>, string][] = [
      [{ redirect_uri: 'https://evil.example/callback' }, 'is not http://'],
      [{ redirect_uri: 'http://evil.example:8080/callback' }, 'is not a loopback address'],
      [{ redirect_uri: 'http://localhost:8080/callback' }, 'not &quot;localhost&quot;'],
      [{ redirect_uri: 'http://127.0.0.1:8080/callback#x' }, 'has a fragment'],
      [{ redirect_uri: undefined }, 'redirect_uri is missing'],
      [{ client_id: 'someone-else' }, 'must be one of Roster&#39;s own apps'],
    ];
    for (const [overrides, words] of cases) {
      const response = await fixture.app.inject({ method: 'GET', url: authorizeUrl(challenge, overrides) });
      expect(response.statusCode, words).toBe(400);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers.location).toBeUndefined();
      expect(response.body).toContain(words);
    }
    // [::1] is a loopback address too.
    expect((await fixture.app.inject({ method: 'GET', url: authorizeUrl(challenge, { redirect_uri: 'http://[::1]:5000/cb' }) })).statusCode).toBe(303);
  });

  it('sends other bad requests back to the app as RFC 6749 errors, with the state', async () => {
    const fixture = await consoleServer();
    const cases: [Record<string, string | undefined>, string, string][] = [
      [{ response_type: 'token' }, 'unsupported_response_type', 'response_type must be "code"'],
      [{ code_challenge: undefined }, 'invalid_request', 'PKCE is required'],
      [{ code_challenge_method: 'plain' }, 'invalid_request', 'must be S256, not "plain"'],
    ];
    for (const [overrides, error, words] of cases) {
      const response = await fixture.app.inject({ method: 'GET', url: authorizeUrl(pkcePair().challenge, overrides) });
      expect(response.statusCode).toBe(303);
      const back = new URL(String(response.headers.location));
      expect(`${back.origin}${back.pathname}`).toBe(LOOPBACK);
      expect(back.searchParams.get('error')).toBe(error);
      expect(back.searchParams.get('error_description')).toContain(words);
      expect(back.searchParams.get('state')).toBe('state-123');
    }
  });

  it('refuses a wrong verifier (and spends the code), another redirect address or app, a made-up code', async () => {
    const fixture = await consoleServer();
    const first = await allowed(fixture);
    const wrongVerifier = await exchange(fixture, tokenFields(first.code, pkcePair().verifier));
    expect(wrongVerifier.statusCode).toBe(400);
    expect(wrongVerifier.json()).toEqual({ error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge the sign-in was started with (PKCE).' });
    expect((await exchange(fixture, tokenFields(first.code, first.verifier))).json()).toMatchObject({ error: 'invalid_grant' });

    const second = await allowed(fixture);
    expect((await exchange(fixture, tokenFields(second.code, second.verifier, { redirect_uri: 'http://127.0.0.1:1/other' }))).json()).toEqual({
      error: 'invalid_grant',
      error_description: 'redirect_uri is not the one the sign-in was started with.',
    });
    const otherApp = await exchange(fixture, tokenFields(second.code, second.verifier, { client_id: 'roster-desktop' }));
    expect(otherApp.statusCode).toBe(401);
    expect(otherApp.json()).toMatchObject({ error: 'invalid_client' });
    expect((await exchange(fixture, tokenFields('made-up', second.verifier))).json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('not one this server gave') });
    expect((await exchange(fixture, { ...tokenFields(second.code, second.verifier), grant_type: 'password' })).json()).toMatchObject({ error: 'unsupported_grant_type' });
    expect((await exchange(fixture, { grant_type: 'authorization_code', code: second.code })).json()).toEqual({
      error: 'invalid_request',
      error_description: 'The request needs code_verifier, redirect_uri, client_id.',
    });
    expect(fixture.admins.listTokens('admin@acme.example').map((token) => token.name)).toEqual(['tests']);
  });

  it('refuses a code older than 60 seconds', async () => {
    const fixture = await consoleServer();
    const { code, verifier } = await allowed(fixture);
    fixture.clock.advance(61_000);
    expect((await exchange(fixture, tokenFields(code, verifier))).json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('more than 60 seconds old') });
  });

  it('revokes the token a code gave when the code comes again', async () => {
    const fixture = await consoleServer();
    const { code, verifier } = await allowed(fixture);
    const token = (await exchange(fixture, tokenFields(code, verifier))).json().access_token as string;
    const again = await exchange(fixture, tokenFields(code, verifier));
    expect(again.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('exchanged already; the token it gave is revoked') });
    const refused = await fixture.app.inject({ method: 'POST', url: '/api/invoke/orgs:list', headers: { authorization: `Bearer ${token}` } });
    expect(refused.statusCode).toBe(401);
    expect(auditOf(fixture, 'admin.token.revoke').map((event) => event.actor)).toEqual([{ type: 'system', name: 'roster server', admin: null, token: null }]);
  });

  it('issues nothing once the session that allowed it has ended, and an expired request says so', async () => {
    const fixture = await consoleServer();
    const { code, verifier, cookie } = await allowed(fixture);
    const session = (await fixture.app.inject({ method: 'GET', url: '/auth/session', headers: { cookie } })).json().value as { csrfToken: string };
    await fixture.app.inject({ method: 'POST', url: '/auth/signout', headers: { cookie, origin: OWN_ORIGIN, 'x-roster-csrf': session.csrfToken } });
    expect((await exchange(fixture, tokenFields(code, verifier))).json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringContaining('has ended since') });

    const started = await fixture.app.inject({ method: 'GET', url: authorizeUrl(pkcePair().challenge) });
    fixture.clock.advance(10 * 60 * 1000 + 1);
    const late = await fixture.app.inject({ method: 'GET', url: String(started.headers.location) });
    expect(late.statusCode).toBe(404);
    expect(late.body).toContain('This sign-in has expired');
    expect(late.body).toContain('roster login --server http://localhost');
  });
});

describe('signing out of a native app (RFC 7009)', () => {
  it('revokes the token it is given, audited as that token, and answers 200 for any token', async () => {
    const fixture = await consoleServer();
    const { code, verifier } = await allowed(fixture);
    const token = (await exchange(fixture, tokenFields(code, verifier))).json().access_token as string;
    const revoke = (value: string) =>
      fixture.app.inject({ method: 'POST', url: '/auth/native/revoke', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ token: value }).toString() });
    expect((await revoke(token)).json()).toEqual({ revoked: true });
    expect((await fixture.app.inject({ method: 'POST', url: '/api/invoke/orgs:list', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect((await revoke(token)).json()).toEqual({ revoked: false });
    expect((await revoke('roster_api_made-up')).json()).toEqual({ revoked: false });
    expect(auditOf(fixture, 'admin.token.revoke').map((event) => event.actor)).toEqual([
      { type: 'app', name: 'admin@acme.example', admin: 'admin@acme.example', token: 'roster login from 127.0.0.1 2026-12-07 14:17' },
    ]);
    const empty = await fixture.app.inject({ method: 'POST', url: '/auth/native/revoke', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({ error: 'invalid_request', error_description: 'The request needs token: the API token to revoke.' });
  });
});
