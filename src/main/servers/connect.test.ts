import { describe, expect, it, vi } from 'vitest';
import { fail, ok, type Result } from '@shared/result';
import type { ServerConnection } from '@shared/schemas/servers';
import { tempDir } from '../test-support/temp-db';
import { createServerConnector, DESKTOP_CLIENT_ID, type ConnectDeps, type SignedIn } from './connect';
import { createRecentServers } from './recent-servers';
import { fakeSafeStorage } from './test-support/fake-safe-storage';
import { createTokenStore } from './token-store';

const ACME = 'https://acme-roster.example.com';
const ana: SignedIn = { token: 'rst_ana', expiresAt: '2026-12-08T12:00:00.000Z', email: 'ana@acme.com', role: 'admin' };
const NOW = new Date('2026-12-07T12:00:00.000Z');

function setup(overrides: Partial<ConnectDeps> = {}, encryption = true) {
  const dir = tempDir();
  const storage = fakeSafeStorage(encryption);
  const attached: { server: ServerConnection; token: string }[] = [];
  const signInNative = vi.fn(async (options: { openBrowser: (url: string) => Promise<void> }) => {
      await options.openBrowser(`${ACME}/auth/native/start?client_id=${DESKTOP_CLIENT_ID}`);
      return ok(ana);
    });
  const whoAmI = vi.fn(async (_server: string, token: string): Promise<Result<Omit<SignedIn, 'token'>>> =>
    token === 'rst_ana' || token === 'rst_pasted' ? ok({ email: 'ana@acme.com', role: 'admin', expiresAt: null }) : fail('UNAUTHENTICATED', 'This API token is not known.'),
  );
  const deps = {
    signInNative,
    whoAmI,
    openBrowser: vi.fn(async (_url: string, _server: string) => undefined),
    attach: vi.fn(async (server: ServerConnection, token: string): Promise<Result<void>> => {
      attached.push({ server, token });
      return ok(undefined);
    }),
    tokens: createTokenStore(dir, storage),
    recent: createRecentServers(dir),
    now: () => NOW,
    ...overrides,
  };
  return { dir, storage, attached, deps, signInNative, whoAmI, connector: createServerConnector(deps) };
}

describe('connecting the desktop app to a server', () => {
  it('signs in in the system browser as roster-desktop, switches the window, keeps the sign-in and remembers the server', async () => {
    const { connector, deps, attached } = setup();
    expect(await connector.connect({ address: ACME, method: 'browser' })).toEqual({
      ok: true,
      value: { address: ACME, host: 'acme-roster.example.com', email: 'ana@acme.com', role: 'admin', kept: true },
    });
    expect(deps.signInNative).toHaveBeenCalledWith(expect.objectContaining({ server: ACME, clientId: 'roster-desktop' }));
    // The sign-in page opened through shell.openBrowser, never in the app's window.
    expect(deps.openBrowser).toHaveBeenCalledWith(expect.stringContaining(`${ACME}/auth/native/start`), ACME);
    expect(attached).toEqual([{ server: { address: ACME, host: 'acme-roster.example.com', email: 'ana@acme.com', role: 'admin' }, token: 'rst_ana' }]);
    expect(deps.tokens.read(ACME)).toEqual(ana);
    expect(deps.recent.list()).toEqual([{ address: ACME, host: 'acme-roster.example.com', email: 'ana@acme.com', role: 'admin' }]);
    expect(deps.recent.current()).toBe(ACME);
  });

  it('passes on a sign-in that failed (cancelled, timed out), changing nothing', async () => {
    const { connector, deps } = setup({ signInNative: async () => fail('UNAVAILABLE', 'The sign-in in your browser was not finished within 5 minutes.') });
    expect(await connector.connect({ address: ACME, method: 'browser' })).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'The sign-in in your browser was not finished within 5 minutes.' },
    });
    expect(deps.attach).not.toHaveBeenCalled();
    expect(deps.recent.list()).toEqual([]);
    expect(deps.tokens.addresses()).toEqual([]);
  });

  it('checks a pasted API token with the server first, and names the field when it is refused', async () => {
    const { connector, deps } = setup();
    const refused = await connector.connect({ address: ACME, method: 'token', token: 'rst_wrong' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/^acme-roster\.example\.com does not accept that API token \(This API token is not known\)/), issues: [{ path: 'token' }] },
    });
    expect(deps.attach).not.toHaveBeenCalled();
    expect(await connector.connect({ address: ACME, method: 'token', token: 'rst_pasted' })).toMatchObject({ ok: true, value: { email: 'ana@acme.com', role: 'admin', kept: true } });
    expect(deps.whoAmI).toHaveBeenLastCalledWith(ACME, 'rst_pasted');
    expect(deps.tokens.read(ACME)).toEqual({ token: 'rst_pasted', expiresAt: null, email: 'ana@acme.com', role: 'admin' });
  });

  it('a server the window cannot work on (another contract version) leaves everything as it was', async () => {
    const { connector, deps } = setup({ attach: async () => fail('VERSION_MISMATCH', 'This Roster is older than the server: upgrade this app.') });
    expect(await connector.connect({ address: ACME, method: 'browser' })).toMatchObject({ ok: false, error: { code: 'VERSION_MISMATCH' } });
    expect(deps.recent.list()).toEqual([]);
    expect(deps.tokens.addresses()).toEqual([]);
  });

  it('without encryption, connects but keeps nothing, and says so', async () => {
    const { connector, deps } = setup({}, false);
    expect(await connector.connect({ address: ACME, method: 'browser' })).toMatchObject({ ok: true, value: { kept: false } });
    expect(deps.tokens.addresses()).toEqual([]);
    // The server is still remembered (no secret in it): choosing it asks to sign in again.
    expect(await connector.reconnect(ACME)).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Sign in to acme-roster.example.com again: this computer cannot keep sign-ins encrypted, so Roster kept none.' },
    });
  });
});

describe('reconnecting to a recent server', () => {
  it('uses the kept sign-in once the server still accepts it', async () => {
    const { connector, deps, signInNative } = setup();
    await connector.connect({ address: ACME, method: 'browser' });
    deps.recent.setCurrent(null);
    signInNative.mockClear();
    expect(await connector.reconnect(ACME)).toMatchObject({ ok: true, value: { address: ACME, email: 'ana@acme.com', kept: true } });
    expect(signInNative).not.toHaveBeenCalled();
    expect(deps.whoAmI).toHaveBeenLastCalledWith(ACME, 'rst_ana');
    expect(deps.attach).toHaveBeenLastCalledWith(expect.objectContaining({ address: ACME }), 'rst_ana');
    expect(deps.recent.current()).toBe(ACME);
  });

  it('asks to sign in again when the sign-in has run out, and forgets it', async () => {
    const { connector, deps } = setup();
    await connector.connect({ address: ACME, method: 'browser' });
    const later = createServerConnector({ ...deps, now: () => new Date('2026-12-09T00:00:00.000Z') });
    expect(await later.reconnect(ACME)).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'Sign in to acme-roster.example.com again: ana@acme.com’s sign-in ran out at 2026-12-08T12:00:00.000Z.' },
    });
    expect(deps.tokens.read(ACME)).toBeNull();
  });

  it('asks to sign in again when the server no longer accepts it (revoked), and forgets it', async () => {
    const { connector, deps, whoAmI } = setup();
    await connector.connect({ address: ACME, method: 'browser' });
    whoAmI.mockResolvedValueOnce(fail('UNAUTHENTICATED', 'This API token was revoked.'));
    expect(await connector.reconnect(ACME)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('no longer accepts ana@acme.com’s sign-in') } });
    expect(deps.tokens.read(ACME)).toBeNull();
  });

  it('keeps the sign-in when the server is only out of reach, and passes that on', async () => {
    const { connector, deps, whoAmI } = setup();
    await connector.connect({ address: ACME, method: 'browser' });
    whoAmI.mockResolvedValueOnce(fail('UNAVAILABLE', 'Roster cannot reach the server at https://acme-roster.example.com: nothing answers there.'));
    expect(await connector.reconnect(ACME)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(deps.tokens.read(ACME)).toEqual(ana);
  });

  it('opens only servers on the recent list', async () => {
    const { connector } = setup();
    expect(await connector.reconnect('https://evil.example.com')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('stops a sign-in waiting for the browser when the admin gives up, changing nothing even if the browser comes back later', async () => {
    let comeBack: (() => void) | undefined;
    let signal: AbortSignal | undefined;
    // A sign-in that ignores the stop and comes back all the same: the connector's own guard must hold.
    const { connector, deps } = setup({
      signInNative: (options) =>
        new Promise((resolve) => {
          signal = options.signal;
          comeBack = () => resolve(ok(ana));
        }),
    });
    const connecting = connector.connect({ address: ACME, method: 'browser' });
    expect(connector.cancelSignIn()).toBe(true);
    expect(signal?.aborted).toBe(true);
    comeBack!();
    expect(await connecting).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'The sign-in was stopped before the browser came back.' } });
    expect(deps.attach).not.toHaveBeenCalled();
    expect(deps.tokens.addresses()).toEqual([]);
    expect(deps.recent.list()).toEqual([]);
    expect(connector.cancelSignIn()).toBe(false);
  });
});
