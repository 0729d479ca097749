import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { consoleServer } from './test-support/console-sign-in';
import { csrfField } from './test-support/native-flow';
import { signInNative } from '../remote/native-sign-in';

/** The server in process, listening on 127.0.0.1, with the admin signed in to its console: the cookie a browser would hold. */
async function listeningServer() {
  const fixture = await consoleServer();
  await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(fixture.app.server.address() as AddressInfo).port}`;
  const { cookie } = await fixture.session('admin');
  return { ...fixture, origin, cookie };
}

type Server = Awaited<ReturnType<typeof listeningServer>>;

/**
 * The browser's part, with fetch: the authorize request, the confirmation page,
 * Allow or Cancel, and the redirect to the app's loopback listener, whose page is answered.
 */
function browser(server: Server, decision: 'allow' | 'cancel' = 'allow') {
  const seen: { page?: string; opened?: string } = {};
  const open = async (url: string) => {
    seen.opened = url;
    const get = (address: string) => fetch(new URL(address, server.origin), { redirect: 'manual', headers: { cookie: server.cookie } });
    const consent = (await get(url)).headers.get('location')!;
    const page = await (await get(consent)).text();
    const answered = await fetch(new URL(consent, server.origin), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: server.cookie, origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrfField(page), decision }),
    });
    const back = answered.headers.get('location')!;
    seen.page = await (await fetch(back)).text();
  };
  // The browser goes on by itself; opening it is all the app waits for.
  return { seen, openBrowser: async (url: string) => void open(url).catch((error: unknown) => (seen.page = String(error))) };
}

describe('signInNative', () => {
  it('signs in through the browser and a loopback listener, and the token works', async () => {
    const server = await listeningServer();
    const { seen, openBrowser } = browser(server);
    const result = await signInNative({ server: server.origin, clientId: 'roster-cli', openBrowser });
    expect(result).toEqual({ ok: true, value: { token: expect.stringMatching(/^roster_api_/), expiresAt: expect.any(String), email: 'admin@acme.example', role: 'admin' } });
    if (!result.ok) return;
    expect(Date.parse(result.value.expiresAt) - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    const opened = new URL(seen.opened!);
    expect(opened.pathname).toBe('/auth/native/authorize');
    expect(opened.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(opened.searchParams.get('code_challenge_method')).toBe('S256');
    await expect.poll(() => seen.page).toContain('Signed in to 127.0.0.1');
    expect(seen.page).toContain('You can close this tab.');
    const listed = await fetch(`${server.origin}/api/invoke/orgs:list`, { method: 'POST', headers: { authorization: `Bearer ${result.value.token}` } });
    expect(await listed.json()).toEqual({ ok: true, value: [] });
  });

  it('answers CANCELLED when the admin cancels in the browser', async () => {
    const server = await listeningServer();
    const { openBrowser, seen } = browser(server, 'cancel');
    const result = await signInNative({ server: server.origin, clientId: 'roster-desktop', openBrowser });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED', message: expect.stringContaining('admin@acme.example cancelled the sign-in in the browser') } });
    await expect.poll(() => seen.page).toContain('Not signed in');
  });

  it('turns away a redirect with another state and waits for its own', async () => {
    const server = await listeningServer();
    const real = browser(server);
    let forged = 0;
    const result = await signInNative({
      server: server.origin,
      clientId: 'roster-cli',
      openBrowser: async (url) => {
        const loopback = new URL(new URL(url).searchParams.get('redirect_uri')!);
        loopback.searchParams.set('code', 'forged');
        loopback.searchParams.set('state', 'not-ours');
        forged = (await fetch(loopback)).status;
        await real.openBrowser(url);
      },
    });
    expect(forged).toBe(400);
    expect(result.ok).toBe(true);
  });

  it('gives up when the browser does not come back in time, or cannot be opened', async () => {
    const server = await listeningServer();
    const late = await signInNative({ server: server.origin, clientId: 'roster-cli', openBrowser: async () => undefined, timeoutMs: 200 });
    expect(late).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('The browser did not come back within 1 minute') } });
    const none = await signInNative({ server: server.origin, clientId: 'roster-cli', openBrowser: () => Promise.reject(new Error('no display')) });
    expect(none).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringMatching(/could not be opened \(no display\)\. Open this address yourself: http:\/\/127\.0\.0\.1:\d+\/auth\/native\/authorize\?/) } });
  });

  it('says what the server refused (an app that is not Roster’s)', async () => {
    const server = await listeningServer();
    const result = await signInNative({
      server: server.origin,
      clientId: 'roster-cli',
      openBrowser: async (url) => {
        // The server would show its refusal in the browser; here the browser goes back with the server's error as a redirect would.
        const loopback = new URL(new URL(url).searchParams.get('redirect_uri')!);
        loopback.searchParams.set('error', 'invalid_request');
        loopback.searchParams.set('error_description', 'code_challenge_method must be S256.');
        loopback.searchParams.set('state', new URL(url).searchParams.get('state')!);
        await fetch(loopback);
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'The server refused the sign-in: code_challenge_method must be S256.' } });
  });
});
