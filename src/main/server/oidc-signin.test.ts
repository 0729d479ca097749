import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE_HTTP } from '@shared/schemas/console-auth';
import { startDnsServer } from '../test-support/dns-server';
import { fixedClock } from '../test-support/temp-db';
import { OIDC_ATTEMPT_MS, safeReturnPath } from './auth/oidc-routes';
import type { SignInLimits } from './auth/rate-limit';
import { serverOptionsFrom, type ServerOptions } from './options';
import { throughProvider } from './test-support/oidc-flow';
import { startTestOidcProvider, type TestOidcProvider } from './test-support/oidc-provider';
import { serverInProcess } from './test-support/server-fixture';

// One real identity provider for the file; each test has its own server over its own store
// (an owner, an admin and an auditor @acme.example, from serverInProcess).
const PUBLIC = 'http://roster.test:8080';
const REDIRECT = `${PUBLIC}/auth/oidc/callback`;
let provider: TestOidcProvider;
const closing: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  provider = await startTestOidcProvider({
    clients: [
      { clientId: 'roster', clientSecret: 'the-secret', redirectUris: [REDIRECT] },
      { clientId: 'roster-public', clientSecret: null, redirectUris: [REDIRECT] },
    ],
    accounts: [
      { sub: 'u-owner', email: 'Owner@ACME.example', emailVerified: true },
      { sub: 'u-stranger', email: 'eve@acme.example', emailVerified: true },
      { sub: 'u-unverified', email: 'auditor@acme.example', emailVerified: false },
      { sub: 'u-silent', email: 'auditor@acme.example' },
    ],
  });
});
afterAll(() => provider.close());
afterEach(async () => {
  for (const item of closing.splice(0)) await item.close();
});

async function server(oidc: Partial<NonNullable<ServerOptions['oidc']>> = {}, extra: { now?: () => Date; issuer?: string; signInLimits?: SignInLimits } = {}) {
  const fixture = await serverInProcess({
    options: { publicUrl: new URL(PUBLIC), oidc: { issuer: new URL(extra.issuer ?? provider.issuer), clientId: 'roster', clientSecret: 'the-secret', ...oidc } },
    now: extra.now,
    signInLimits: extra.signInLimits,
  });
  closing.push(fixture.app);
  const { app, core } = fixture;

  /** GET /auth/oidc/start, as a browser: the provider's address and the attempt's cookie. */
  async function start(returnTo?: string) {
    const response = await app.inject({ method: 'GET', url: `/auth/oidc/start${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}` });
    expect(response.statusCode).toBe(303);
    return { location: response.headers.location as string, cookie: String(response.headers['set-cookie']).split(';')[0]! };
  }
  const callback = (back: URL, cookie: string | null) =>
    app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: cookie === null ? {} : { cookie } });

  /** The whole sign-in as `login` at the provider; the callback's answer. */
  async function signIn(login: string | { cancel: string }, returnTo?: string) {
    const started = await start(returnTo);
    const back = await throughProvider(started.location, login);
    return { response: await callback(back, started.cookie), back };
  }
  const sessionCookie = (response: { headers: Record<string, unknown> }) =>
    ([response.headers['set-cookie']].flat() as string[]).map((line) => line.split(';')[0]!).find((pair) => pair.startsWith(`${SESSION_COOKIE_HTTP}=`) && pair.length > SESSION_COOKIE_HTTP.length + 1);
  const session = async (cookie: string) => (await app.inject({ method: 'GET', url: '/auth/session', headers: { cookie } })).json();
  const audited = (action: string) =>
    core.db.prepare('SELECT target_label AS label, subject, after FROM audit_events WHERE action = ? ORDER BY id').all(action) as { label: string; subject: string | null; after: string }[];
  const boundTo = (email: string) => core.db.prepare('SELECT oidc_issuer AS issuer, oidc_subject AS subject FROM admins WHERE email = ? AND removed_at IS NULL').get(email);
  return { ...fixture, start, callback, signIn, sessionCookie, session, audited, boundTo };
}

/** Where a refused sign-in lands. */
const refusedWith = (code: string) => `/?signin_error=${code}`;

describe('signing in to the console with the identity provider', () => {
  it('signs an admin in, binds them to the provider subject, and lands on the path they started from', async () => {
    const fixture = await server();
    const { response } = await fixture.signIn('u-owner', '/teams?sort=name#top');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/teams?sort=name#top');
    const cookie = fixture.sessionCookie(response);
    expect(cookie).toBeDefined();
    expect(await fixture.session(cookie!)).toMatchObject({ ok: true, value: { email: 'owner@acme.example', role: 'owner', method: 'oidc' } });
    expect(fixture.boundTo('owner@acme.example')).toEqual({ issuer: provider.issuer, subject: 'u-owner' });
    expect(fixture.audited('admin.bind')).toMatchObject([{ label: 'owner@acme.example' }]);
    expect(fixture.audited('admin.signin')).toMatchObject([{ label: 'owner@acme.example', subject: 'owner@acme.example' }]);
    expect(JSON.parse(fixture.audited('admin.signin')[0]!.after)).toMatchObject({ method: 'oidc' });
    expect(fixture.audited('admin.signin.fail')).toEqual([]);
  });

  it('signs a bound admin in by issuer and subject, after their email claim changed', async () => {
    const fixture = await server();
    provider.setAccount({ sub: 'u-mover', email: 'admin@acme.example', emailVerified: true });
    expect(fixture.sessionCookie((await fixture.signIn('u-mover')).response)).toBeDefined();
    provider.setAccount({ sub: 'u-mover', email: 'someone.else@elsewhere.example', emailVerified: false });
    const { response } = await fixture.signIn('u-mover');
    expect(response.headers.location).toBe('/');
    expect(await fixture.session(fixture.sessionCookie(response)!)).toMatchObject({ ok: true, value: { email: 'admin@acme.example', role: 'admin' } });
    expect(fixture.audited('admin.bind')).toHaveLength(1);
  });

  it('refuses a person who is not an admin, creates no admin, and records the address they claimed', async () => {
    const fixture = await server();
    const { response, back } = await fixture.signIn('u-stranger');
    expect(response.headers.location).toBe(refusedWith('unknown_admin'));
    expect(fixture.sessionCookie(response)).toBeUndefined();
    expect(fixture.admins.list().map((admin) => admin.email)).toEqual(['admin@acme.example', 'auditor@acme.example', 'owner@acme.example']);
    const [failure, ...more] = fixture.audited('admin.signin.fail');
    expect(more).toEqual([]);
    expect(failure!.label).toBe('eve@acme.example');
    expect(JSON.parse(failure!.after)).toMatchObject({ method: 'oidc', reason: 'unknown_admin: eve@acme.example is not an admin' });
    const warned = fixture.logLines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'A sign-in with the identity provider failed');
    expect(warned).toMatchObject([{ level: 40, reason: 'unknown_admin', email: 'eve@acme.example' }]);
    // Neither the code nor anything made from it is kept anywhere.
    const code = back.searchParams.get('code')!;
    expect(code.length).toBeGreaterThan(10);
    expect(fixture.logLines.join('\n')).not.toContain(code);
    expect(JSON.stringify(fixture.core.db.prepare('SELECT * FROM audit_events').all())).not.toContain(code);
  });

  it('refuses an unverified email claim, then accepts it once its domain is verified', async () => {
    const fixture = await server();
    expect((await fixture.signIn('u-unverified')).response.headers.location).toBe(refusedWith('unverified_email'));
    // No email_verified claim at all (as Entra ID sends none) is not verified either.
    expect((await fixture.signIn('u-silent')).response.headers.location).toBe(refusedWith('unverified_email'));
    expect(fixture.boundTo('auditor@acme.example')).toEqual({ issuer: null, subject: null });
    expect(fixture.audited('admin.signin.fail').map((event) => JSON.parse(event.after).reason)).toEqual([
      'unverified_email: the provider has not verified auditor@acme.example, and acme.example is not a verified domain',
      'unverified_email: the provider has not verified auditor@acme.example, and acme.example is not a verified domain',
    ]);

    const dns = await startDnsServer({});
    closing.push(dns);
    const ok = <T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    ok(await fixture.core.invoke('settings:update', { dnsServers: [dns.address] }));
    const domain = ok(await fixture.core.invoke('domains:add', { domain: 'acme.example' }));
    dns.set(domain.record.name, { txt: [domain.record.value] });
    expect(ok(await fixture.core.invoke('domains:verify', { id: domain.id })).verified).toBe(true);

    const { response } = await fixture.signIn('u-silent');
    expect(await fixture.session(fixture.sessionCookie(response)!)).toMatchObject({ ok: true, value: { email: 'auditor@acme.example', role: 'auditor' } });
  });

  it('says the provider refused when the client secret is wrong, and signs in a public client by PKCE alone', async () => {
    const wrong = await server({ clientSecret: 'not-the-secret' });
    expect((await wrong.signIn('u-owner')).response.headers.location).toBe(refusedWith('provider_refused'));
    expect(JSON.parse(wrong.audited('admin.signin.fail')[0]!.after).reason).toMatch(/^provider_refused: the provider refused the token request: .*invalid_client/);
    expect(wrong.boundTo('owner@acme.example')).toEqual({ issuer: null, subject: null });

    const publicClient = await server({ clientId: 'roster-public', clientSecret: null });
    expect(publicClient.sessionCookie((await publicClient.signIn('u-owner')).response)).toBeDefined();
  });

  it('says the sign-in was cancelled, or refused, when the provider sends back an error', async () => {
    const fixture = await server();
    expect((await fixture.signIn({ cancel: 'access_denied' })).response.headers.location).toBe(refusedWith('cancelled'));
    expect((await fixture.signIn({ cancel: 'temporarily_unavailable' })).response.headers.location).toBe(refusedWith('provider_refused'));
    expect(fixture.audited('admin.signin.fail').map((event) => JSON.parse(event.after).reason)).toEqual([
      'cancelled: the provider answered access_denied: The person did not sign in.',
      'provider_refused: the provider answered temporarily_unavailable: The person did not sign in.',
    ]);
  });

  it('refuses a callback in another browser, with another state, a second time, or after 10 minutes', async () => {
    const clock = fixedClock(new Date().toISOString());
    const fixture = await server({}, { now: clock.now });
    const first = await fixture.start();
    const back = await throughProvider(first.location, 'u-owner');
    // Another browser: no cookie of this attempt.
    expect((await fixture.callback(back, null)).headers.location).toBe(refusedWith('attempt_expired'));

    const second = await fixture.start();
    const secondBack = await throughProvider(second.location, 'u-owner');
    const forged = new URL(secondBack);
    forged.searchParams.set('state', new URL(first.location).searchParams.get('state')!);
    expect((await fixture.callback(forged, second.cookie)).headers.location).toBe(refusedWith('attempt_expired'));
    // That attempt was used up by the forged try: its own redirect back is refused too.
    expect((await fixture.callback(secondBack, second.cookie)).headers.location).toBe(refusedWith('attempt_expired'));

    const late = await fixture.start();
    const lateBack = await throughProvider(late.location, 'u-owner');
    clock.advance(OIDC_ATTEMPT_MS + 1000);
    expect((await fixture.callback(lateBack, late.cookie)).headers.location).toBe(refusedWith('attempt_expired'));
    expect(fixture.audited('admin.signin')).toEqual([]);
    // Only the forged state was a sign-in under way in this browser; the callbacks no live attempt matches are
    // logged, not audited (anyone can send one, and must not write into the audit log at will).
    expect(fixture.audited('admin.signin.fail').map((event) => JSON.parse(event.after).reason)).toEqual([
      'attempt_expired: the state sent back is not the one this browser started with',
    ]);
    for (let index = 0; index < 20; index += 1) await fixture.callback(lateBack, null);
    expect(fixture.audited('admin.signin.fail')).toHaveLength(1);
  });

  it('audits failed sign-ins from one address only up to its limit of failures, then only logs them', async () => {
    const clock = fixedClock(new Date().toISOString());
    const fixture = await server({}, { now: clock.now, signInLimits: { windowMs: 15 * 60_000, perAddress: 3, perAccount: 5 } });
    // Anyone can start a sign-in and send its state back with an error, without ever reaching the provider.
    const failFrom = async (remoteAddress: string) => {
      const started = await fixture.app.inject({ method: 'GET', url: '/auth/oidc/start', remoteAddress });
      const state = new URL(started.headers.location as string).searchParams.get('state')!;
      const cookie = String(started.headers['set-cookie']).split(';')[0]!;
      const back = await fixture.app.inject({ method: 'GET', url: `/auth/oidc/callback?state=${state}&error=access_denied`, headers: { cookie }, remoteAddress });
      expect(back.headers.location).toBe(refusedWith('cancelled'));
    };
    for (let attempt = 0; attempt < 10; attempt++) await failFrom('203.0.113.9');
    expect(fixture.audited('admin.signin.fail')).toHaveLength(3);
    expect(fixture.logLines.filter((line) => line.includes('A sign-in with the identity provider failed'))).toHaveLength(10);
    // Another address has its own count, and the first is audited again once its window has passed.
    await failFrom('198.51.100.4');
    clock.advance(15 * 60_000);
    await failFrom('203.0.113.9');
    expect(fixture.audited('admin.signin.fail')).toHaveLength(5);
  });

  it('never signs in a removed admin', async () => {
    const fixture = await server();
    expect(fixture.sessionCookie((await fixture.signIn('u-owner')).response)).toBeDefined();
    expect(fixture.admins.setRole('admin@acme.example', 'owner', { type: 'cli', name: 'test' }).ok).toBe(true);
    expect(fixture.admins.remove('owner@acme.example', { type: 'cli', name: 'test' }).ok).toBe(true);
    const { response } = await fixture.signIn('u-owner');
    expect(response.headers.location).toBe(refusedWith('unknown_admin'));
    expect(fixture.sessionCookie(response)).toBeUndefined();
  });

  it('lands only on a path of this server, whatever the start was given', async () => {
    const fixture = await server();
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/.//evil.example/x', '/\\evil.example', '/%0d%0aSet-Cookie:x', '/auth/oidc/start', 'teams']) {
      const { response } = await fixture.signIn('u-owner', returnTo);
      expect(response.headers.location, returnTo).toBe(returnTo === '/%0d%0aSet-Cookie:x' ? '/%0d%0aSet-Cookie:x' : '/');
    }
    expect(safeReturnPath('/teams/4?tab=members')).toBe('/teams/4?tab=members');
    expect(safeReturnPath('/\tevil')).toBe('/');
    // Dot segments that the URL parser folds into "//host", which a browser reads as another site.
    for (const folded of ['/..//evil.example', '/a/..//evil.example', '/%2e//evil.example', '/%2E%2e//evil.example/x?y']) expect(safeReturnPath(folded), folded).toBe('/');
    expect(safeReturnPath(['/teams'])).toBe('/');
  });

  it('says the provider cannot be reached when its issuer does not answer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const fixture = await server({}, { issuer: `http://127.0.0.1:${port}` });
    const response = await fixture.app.inject({ method: 'GET', url: '/auth/oidc/start' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(refusedWith('provider_unreachable'));
    // Anyone may open the start: a provider that cannot be reached is logged, not audited.
    expect(fixture.audited('admin.signin.fail')).toEqual([]);
  });

  it('says the provider cannot be reached when it stops answering between the start and the redirect back', async () => {
    const shortLived = await startTestOidcProvider({
      clients: [{ clientId: 'roster', clientSecret: 'the-secret', redirectUris: [REDIRECT] }],
      accounts: [{ sub: 'u-owner', email: 'owner@acme.example', emailVerified: true }],
    });
    const fixture = await server({}, { issuer: shortLived.issuer });
    const started = await fixture.start();
    const back = await throughProvider(started.location, 'u-owner');
    await shortLived.close();
    expect((await fixture.callback(back, started.cookie)).headers.location).toBe(refusedWith('provider_unreachable'));
    expect(JSON.parse(fixture.audited('admin.signin.fail')[0]!.after).reason).toMatch(/^provider_unreachable: the token request failed: fetch failed \((ECONNREFUSED|UND_ERR_SOCKET)\)$/);
  });

  it('answers 404 with a Result when the server has no identity provider', async () => {
    const fixture = await serverInProcess();
    closing.push(fixture.app);
    for (const url of ['/auth/oidc/start', '/auth/oidc/callback?code=x&state=y']) {
      const response = await fixture.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('no identity provider configured') } });
    }
  });

  it('takes an http issuer only on this machine', () => {
    const options = (issuer: string) => serverOptionsFrom({ 'oidc-issuer': issuer, 'oidc-client-id': 'roster' }, {}, '/tmp/roster.db');
    expect(options('http://idp.acme.example')).toEqual({
      ok: false,
      message: '--oidc-issuer must start with https:// (http:// only for a provider on this machine), not "http://idp.acme.example"',
    });
    expect(options('http://127.0.0.1:9000')).toMatchObject({ ok: true, value: { oidc: { clientId: 'roster', clientSecret: null } } });
    expect(serverOptionsFrom({ 'oidc-issuer': 'https://acme.okta.com', 'oidc-client-id': 'roster' }, { ROSTER_OIDC_CLIENT_SECRET: ' s3cret ' }, '/tmp/roster.db')).toMatchObject({
      ok: true,
      value: { oidc: { issuer: new URL('https://acme.okta.com'), clientSecret: 's3cret' } },
    });
  });

  it('needs --public-url with an identity provider once it listens beyond this machine, so no Host header builds the redirect back', () => {
    const options = (values: Record<string, string>) => serverOptionsFrom({ 'oidc-issuer': 'https://acme.okta.com', 'oidc-client-id': 'roster', ...values }, {}, '/tmp/roster.db');
    expect(options({ host: '0.0.0.0' })).toEqual({
      ok: false,
      message: "--oidc-issuer on 0.0.0.0 needs --public-url (the address admins reach the server at): the provider's redirect back is built from it",
    });
    expect(options({ host: '0.0.0.0', 'public-url': 'https://roster.acme.example' })).toMatchObject({ ok: true });
    expect(options({})).toMatchObject({ ok: true, value: { host: '127.0.0.1' } });
  });
});
