import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '@shared/schemas/app';
import { fail } from '@shared/result';
import { openRemoteCore } from '../remote/remote-core';
import { listeningServer, type ListeningServer } from '../remote/test-support/listening-server';
import { tempDir, testCore } from '../test-support/temp-db';
import { createCoreSwitch } from './core-switch';
import { createDesktopServers } from './desktop';
import { fakeSafeStorage } from './test-support/fake-safe-storage';
import { askServerWhoAmI } from './who-am-i';

let server: ListeningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The desktop app with the real remote core and the real token check, over a real server; only safeStorage is a stand-in. */
async function desktopOnRealServer() {
  server = await listeningServer();
  const servers = createDesktopServers({
    dataDir: tempDir(),
    safeStorage: fakeSafeStorage(),
    openBrowser: async () => undefined,
    signInNative: async () => fail('UNAVAILABLE', 'no browser in this test'),
    whoAmI: askServerWhoAmI,
    openRemote: (url, token) => openRemoteCore({ server: url, token, mode: 'electron' }),
  });
  const local = testCore({
    host: {
      get info(): AppInfo {
        const where = servers.server();
        return { version: '0.1.0', mode: 'electron', databasePath: '/data/roster.db', canChooseDatabase: true, ...(where ? { server: where } : {}) };
      },
      ...servers.host,
    },
  });
  const cores = createCoreSwitch(local, () => undefined);
  servers.attach(cores);
  return { servers, cores, url: server.url.origin, tokens: server.tokens };
}

describe('the desktop app on a real Roster server', () => {
  it('connects with a pasted API token, then answers the window from the server, as that admin', async () => {
    const app = await desktopOnRealServer();
    expect(await app.cores.dispatch('servers:connect', { address: app.url, method: 'token', token: app.tokens.auditor })).toMatchObject({
      ok: true,
      value: { address: app.url, email: 'auditor@acme.example', role: 'auditor', kept: true },
    });
    expect(await app.cores.dispatch('app:info', undefined)).toMatchObject({ ok: true, value: { server: { url: app.url, email: 'auditor@acme.example', role: 'auditor' } } });
    // The server's own role rule: an auditor reads, and is refused a change.
    expect(await app.cores.dispatch('orgs:list', undefined)).toMatchObject({ ok: true });
    expect(await app.cores.dispatch('orgs:create', { name: 'Nope' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    app.cores.close();
  });

  it('names a token the server does not accept, and stays on the database', async () => {
    const app = await desktopOnRealServer();
    expect(await app.cores.dispatch('servers:connect', { address: app.url, method: 'token', token: 'roster_api_unknown' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', issues: [{ path: 'token' }] },
    });
    expect(app.cores.isRemote()).toBe(false);
  });

  it('asks to sign in again when the kept token was revoked on the server', async () => {
    const app = await desktopOnRealServer();
    await app.cores.dispatch('servers:connect', { address: app.url, method: 'token', token: app.tokens.admin });
    // An owner revokes it on the server meanwhile.
    expect(server!.admins.revokeToken('admin@acme.example', 'tests', { type: 'cli', name: 'owner' }).ok).toBe(true);
    expect(await app.servers.host.openRecentServer(app.url)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('no longer accepts admin@acme.example’s sign-in') },
    });
    app.cores.close();
  });
});
