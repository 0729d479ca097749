import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { SESSION_COOKIE_HTTP } from '@shared/schemas/console-auth';
import { throughProvider } from './test-support/oidc-flow';
import { startTestOidcProvider, type TestOidcProvider } from './test-support/oidc-provider';
import { answerInBrowser, authorizeUrl, LOOPBACK, pkcePair } from './test-support/native-flow';
import { serverInProcess } from './test-support/server-fixture';

const PUBLIC = 'http://roster.test:8080';
let provider: TestOidcProvider;

beforeAll(async () => {
  provider = await startTestOidcProvider({
    clients: [{ clientId: 'roster', clientSecret: 'the-secret', redirectUris: [`${PUBLIC}/auth/oidc/callback`] }],
    accounts: [{ sub: 'u-owner', email: 'owner@acme.example', emailVerified: true }],
  });
});
afterAll(() => provider.close());

it('a native sign-in goes through the identity provider and back to its confirmation, and the owner gets an owner’s token', async () => {
  const fixture = await serverInProcess({ options: { publicUrl: new URL(PUBLIC), oidc: { issuer: new URL(provider.issuer), clientId: 'roster', clientSecret: 'the-secret' } } });
  onTestFinished(() => fixture.app.close());
  const { app } = fixture;
  const { verifier, challenge } = pkcePair();
  const url = authorizeUrl(challenge);

  // No session: the console's sign-in, which the page's provider button takes to /auth/oidc/start with the same returnTo.
  const consent = String((await app.inject({ method: 'GET', url })).headers.location);
  const toSignIn = new URL(String((await app.inject({ method: 'GET', url: consent })).headers.location), PUBLIC);
  const returnTo = toSignIn.searchParams.get('returnTo')!;
  expect(returnTo).toBe(consent);
  const started = await app.inject({ method: 'GET', url: `/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}` });
  const attempt = String(started.headers['set-cookie']).split(';')[0]!;
  const back = await throughProvider(String(started.headers.location), 'u-owner');
  const landed = await app.inject({ method: 'GET', url: `${back.pathname}${back.search}`, headers: { cookie: attempt } });
  expect(landed.headers.location).toBe(consent);
  const cookie = ([landed.headers['set-cookie']].flat() as string[]).map((line) => line.split(';')[0]!).find((pair) => pair.startsWith(`${SESSION_COOKIE_HTTP}=`))!;

  // The same request, now signed in: the confirmation, Allow, the code, the token.
  const returned = await answerInBrowser(app, url, cookie, PUBLIC);
  expect(`${returned.origin}${returned.pathname}`).toBe(LOOPBACK);
  const token = await app.inject({
    method: 'POST',
    url: '/auth/native/token',
    headers: { 'content-type': 'application/json' },
    payload: { grant_type: 'authorization_code', code: returned.searchParams.get('code'), code_verifier: verifier, redirect_uri: LOOPBACK, client_id: 'roster-cli' },
  });
  expect(token.json()).toMatchObject({ token_type: 'Bearer', admin: { email: 'owner@acme.example', role: 'owner' } });
});
