import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleServer } from './test-support/console-sign-in';
import { csrfField } from './test-support/native-flow';
import { credentialsPath, saveLogin } from '../remote/credentials';
import { chooseServer } from '../remote/target';
import { tempDir } from '../test-support/temp-db';
import { openRemoteSession, type ChosenServer } from '../browser/remote-session';

// Browser mode on a server without a token (browser.js --server URL): the sign-in `roster login` kept, else a sign-in
// through the server's page for this session only. A real server in process; the browser's part done by fetch with
// the admin's console session.

async function listeningServer() {
  const fixture = await consoleServer();
  await fixture.app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(fixture.app.server.address() as AddressInfo).port}`;
  const { cookie } = await fixture.session('admin');
  /** The admin's browser: the confirmation page, Allow, and back to browser mode's loopback listener. */
  async function browse(url: string) {
    const get = (address: string) => fetch(new URL(address, origin), { redirect: 'manual', headers: { cookie } });
    const consent = (await get(url)).headers.get('location')!;
    const page = await (await get(consent)).text();
    const answered = await fetch(new URL(consent, origin), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrfField(page), decision: 'allow' }),
    });
    await (await fetch(answered.headers.get('location')!)).text();
  }
  return { ...fixture, origin, browse };
}

/** What browser mode read from its options and environment, given only --server. */
const chosen = (origin: string, env: NodeJS.ProcessEnv) => chooseServer({ server: origin }, env) as ChosenServer;

/** The tokens the server holds for the admin, by name. */
const tokensOf = (fixture: Awaited<ReturnType<typeof listeningServer>>) =>
  fixture.core.db.prepare("SELECT t.name, t.revoked_at AS revoked FROM api_tokens t JOIN admins a ON a.id = t.admin_id WHERE a.email = 'admin@acme.example'").all() as {
    name: string;
    revoked: string | null;
  }[];

describe('browser mode on a server without a token', () => {
  it('signs in through the server’s page, prints its address, keeps nothing, and revokes the sign-in when it stops', async () => {
    const server = await listeningServer();
    const env = { ROSTER_USER_DATA_DIR: path.join(tempDir(), 'config') };
    const printed: string[] = [];
    const opened: string[] = [];
    const session = await openRemoteSession(chosen(server.origin, env), {
      print: (text) => printed.push(text),
      openBrowser: async (url) => {
        opened.push(url);
        void server.browse(url);
      },
    });
    expect(session.ok).toBe(true);
    if (!session.ok) return;
    const authorize = new URL(opened[0]!);
    expect(authorize.origin).toBe(server.origin);
    expect(authorize.pathname).toBe('/auth/native/authorize');
    expect(authorize.searchParams.get('client_id')).toBe('roster-browser');
    expect(printed.join('\n')).toContain(`Opened your browser to sign in to ${new URL(server.origin).host}. If it did not open, go to:\n\n  ${opened[0]}`);
    expect(printed.at(-1)).toBe(
      `Signed in to ${server.origin} as admin@acme.example (admin) for this session only: the sign-in is revoked when browser mode stops. "roster login --server ${server.origin}" keeps one for later runs.`,
    );
    expect(session.value).toMatchObject({ signedInHere: true, core: { info: { server: { email: 'admin@acme.example', role: 'admin' } } } });
    expect(await session.value.core.invoke('orgs:list')).toEqual({ ok: true, value: [] });
    // Nothing is written on this computer.
    expect(fs.existsSync(credentialsPath(env))).toBe(false);
    const signedIn = (token: { name: string }) => token.name.startsWith('Roster browser mode from 127.0.0.1 ');
    expect(tokensOf(server).filter(signedIn)).toEqual([expect.objectContaining({ revoked: null })]);

    await session.value.end();
    expect(tokensOf(server).filter(signedIn)).toEqual([expect.objectContaining({ revoked: expect.any(String) })]);
    // The server's other tokens of this admin are untouched.
    expect(tokensOf(server).find((token) => token.name === 'tests')).toMatchObject({ revoked: null });
  });

  it('prints the address alone where no browser can be opened', async () => {
    const server = await listeningServer();
    const printed: string[] = [];
    const session = await openRemoteSession(chosen(server.origin, {}), {
      print: (text) => {
        printed.push(text);
        const address = /\n\n {2}(\S+)\n$/.exec(text)?.[1];
        if (address) void server.browse(address);
      },
      openBrowser: () => Promise.reject(new Error('no graphical display')),
    });
    expect(session.ok).toBe(true);
    expect(printed.slice(0, 3)).toEqual([
      'Could not open a browser (no graphical display).',
      expect.stringMatching(/^Open this address in a browser on this computer to sign in to 127\.0\.0\.1:\d+:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/auth\/native\/authorize\?/),
      'Waiting for the browser to come back (up to 5 minutes)…',
    ]);
    if (session.ok) await session.value.end();
  });

  it('uses the sign-in `roster login` kept, and signs in through the page when that one has run out or is refused', async () => {
    const server = await listeningServer();
    const env = { ROSTER_USER_DATA_DIR: path.join(tempDir(), 'config') };
    saveLogin(env, server.origin, { token: server.tokens.auditor, email: 'auditor@acme.example', role: 'auditor', expiresAt: '2099-01-01T00:00:00.000Z', savedAt: '2026-12-07T00:00:00.000Z' });
    const refuseBrowser = () => Promise.reject(new Error('no browser expected'));
    const kept = await openRemoteSession(chosen(server.origin, env), { print: () => undefined, openBrowser: refuseBrowser });
    expect(kept).toMatchObject({ ok: true, value: { signedInHere: false, core: { info: { server: { email: 'auditor@acme.example' } } } } });
    if (kept.ok) await kept.value.end();

    saveLogin(env, server.origin, { token: server.tokens.auditor, email: 'auditor@acme.example', role: 'auditor', expiresAt: '2020-01-01T00:00:00.000Z', savedAt: '2019-12-01T00:00:00.000Z' });
    const printed: string[] = [];
    const again = await openRemoteSession(chosen(server.origin, env), { print: (text) => printed.push(text), openBrowser: async (url) => void server.browse(url) });
    expect(printed[0]).toBe(`The sign-in kept for ${server.origin} (auditor@acme.example) expired at 2020-01-01T00:00:00.000Z.`);
    expect(again).toMatchObject({ ok: true, value: { signedInHere: true, core: { info: { server: { email: 'admin@acme.example' } } } } });
    if (again.ok) await again.value.end();

    // A kept sign-in the server no longer takes (revoked, its admin removed): signed in again the same way.
    saveLogin(env, server.origin, { token: 'roster_api_revoked-long-ago', email: 'auditor@acme.example', role: 'auditor', expiresAt: '2099-01-01T00:00:00.000Z', savedAt: '2026-12-07T00:00:00.000Z' });
    printed.length = 0;
    const refused = await openRemoteSession(chosen(server.origin, env), { print: (text) => printed.push(text), openBrowser: async (url) => void server.browse(url) });
    expect(printed[0]).toMatch(new RegExp(`^The sign-in kept for ${server.origin} \\(auditor@acme\\.example\\) is no longer accepted: `));
    expect(refused).toMatchObject({ ok: true, value: { signedInHere: true, core: { info: { server: { email: 'admin@acme.example' } } } } });
    if (refused.ok) await refused.value.end();
  });

  it('refuses a token the admin gave that the server does not take, without sending them to sign in', async () => {
    const server = await listeningServer();
    const session = await openRemoteSession(chooseServer({ server: server.origin, token: 'roster_api_not-a-token' }, {}) as ChosenServer, {
      print: () => undefined,
      openBrowser: () => Promise.reject(new Error('no browser expected')),
    });
    expect(session).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
