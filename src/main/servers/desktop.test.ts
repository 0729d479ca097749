import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '@shared/ipc/contract';
import type { AppInfo } from '@shared/schemas/app';
import { fail, ok } from '@shared/result';
import { registerIpc, type IpcEventLike, type IpcMainLike } from '../ipc/register';
import { tempDir, testCore } from '../test-support/temp-db';
import { createCoreSwitch } from './core-switch';
import { createDesktopServers, type DesktopServersDeps, type OpenedRemote } from './desktop';
import { fakeSafeStorage } from './test-support/fake-safe-storage';
import { TOKENS_FILE } from './token-store';

const ACME = 'https://acme-roster.example.com';

/** A server's core as openRemoteCore gives it: answers every call as the server would, and says where it works. */
function fakeRemote(role: 'owner' | 'admin' | 'auditor' = 'admin'): OpenedRemote & { emit: (event: string, payload: unknown) => void } {
  const events = new EventEmitter();
  return {
    info: {
      version: '0.1.0',
      mode: 'electron',
      databasePath: ACME,
      canChooseDatabase: false,
      server: { url: ACME, host: 'acme-roster.example.com', version: '0.1.0', email: 'ana@acme.com', role },
    },
    dispatch: vi.fn(async (channel: unknown) => ok({ fromServer: channel })),
    on: (event, listener) => {
      events.on(event, listener);
      return () => void events.off(event, listener);
    },
    emit: (event, payload) => events.emit(event, payload),
    close: vi.fn(),
  };
}

/** The desktop app as index.ts wires it, with Electron's parts injected: safeStorage, the system browser, ipcMain. */
function desktop(overrides: Partial<DesktopServersDeps> = {}) {
  const dataDir = tempDir();
  const remote = fakeRemote();
  const opened: string[] = [];
  const servers = createDesktopServers({
    dataDir,
    safeStorage: fakeSafeStorage(),
    openBrowser: async (url) => void opened.push(url),
    signInNative: async ({ server, openBrowser }) => {
      await openBrowser(`${server}/auth/native/authorize?client_id=roster-desktop`);
      return ok({ token: 'rst_native', expiresAt: '2027-01-06T12:00:00.000Z', email: 'ana@acme.com', role: 'admin' });
    },
    whoAmI: async () => ok({ email: 'ana@acme.com', role: 'admin', expiresAt: null }),
    openRemote: vi.fn(async () => ok(remote)),
    ...overrides,
  });
  const databasePath = path.join(dataDir, 'roster.db');
  const local = testCore({
    databasePath,
    host: {
      get info(): AppInfo {
        const server = servers.server();
        return { version: '0.1.0', mode: 'electron', databasePath, canChooseDatabase: true, ...(server ? { server } : {}) };
      },
      ...servers.host,
    },
  });
  const sent: EventMessage[] = [];
  const cores = createCoreSwitch(local, (message) => sent.push(message));
  servers.attach(cores);
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void handlers.set(channel, listener), removeHandler: (channel) => void handlers.delete(channel) };
  registerIpc(ipcMain, cores.dispatch, () => true);
  const call = (channel: string, payload?: unknown) => handlers.get(channel)!({ senderFrame: { url: 'roster://app/' } }, payload) as Promise<unknown>;
  return { servers, remote, opened, sent, call, dataDir, cores };
}

describe('the desktop app connecting to a server, through its IPC', () => {
  it('signs in in the browser, then the window works on the server and app:info says where and as whom', async () => {
    const app = desktop();
    expect(await app.call('servers:connect', { address: 'acme-roster.example.com', method: 'browser' })).toEqual({
      ok: true,
      value: { address: ACME, host: 'acme-roster.example.com', email: 'ana@acme.com', role: 'admin', kept: true },
    });
    expect(app.opened).toEqual([`${ACME}/auth/native/authorize?client_id=roster-desktop`]);
    expect(await app.call('teams:list')).toEqual({ ok: true, value: { fromServer: 'teams:list' } });
    expect(await app.call('app:info')).toMatchObject({
      ok: true,
      value: { mode: 'electron', canChooseDatabase: true, server: { host: 'acme-roster.example.com', email: 'ana@acme.com', role: 'admin' } },
    });
    expect(await app.call('servers:recent')).toEqual({
      ok: true,
      value: [{ address: ACME, host: 'acme-roster.example.com', email: 'ana@acme.com', role: 'admin', signedIn: true, current: true }],
    });
    // The server's events reach the window; its "connection" event too.
    app.remote.emit('connection', { state: 'lost', host: 'acme-roster.example.com', since: '2026-12-07T12:00:00.000Z' });
    expect(app.sent.at(-1)).toEqual({ event: 'connection', payload: { state: 'lost', host: 'acme-roster.example.com', since: '2026-12-07T12:00:00.000Z' } });
    expect(fs.readFileSync(path.join(app.dataDir, TOKENS_FILE), 'utf8')).not.toContain('rst_native');
  });

  it('goes back to the database when one is opened, and starts there from then on', async () => {
    const app = desktop();
    await app.call('servers:connect', { address: ACME, method: 'browser' });
    app.servers.useDatabase();
    expect(app.remote.close).toHaveBeenCalledOnce();
    // The local database answers again (it holds no enterprise yet).
    expect(await app.call('teams:list')).toMatchObject({ ok: false, error: { code: 'NO_ENTERPRISE' } });
    expect(await app.call('app:info')).toMatchObject({ ok: true, value: { canChooseDatabase: true } });
    expect(((await app.call('app:info')) as { value: AppInfo }).value.server).toBeUndefined();
    expect(await app.servers.resume()).toBeNull();
  });

  it('at start, reconnects to the server it worked on, with the kept sign-in', async () => {
    const first = desktop();
    await first.call('servers:connect', { address: ACME, method: 'browser' });
    const openRemote = vi.fn(async () => ok(fakeRemote()));
    const again = createDesktopServers({
      dataDir: first.dataDir,
      safeStorage: fakeSafeStorage(),
      openBrowser: async () => undefined,
      signInNative: async () => fail('UNAVAILABLE', 'not asked'),
      whoAmI: async () => ok({ email: 'ana@acme.com', role: 'admin', expiresAt: null }),
      openRemote,
    });
    again.attach(createCoreSwitch(testCore(), () => undefined));
    expect(await again.resume()).toMatchObject({ ok: true, value: { address: ACME } });
    expect(openRemote).toHaveBeenCalledWith(new URL(ACME), 'rst_native');
  });

  it('a server whose contract does not fit is refused, and the window stays on its database', async () => {
    const app = desktop({ openRemote: async () => fail('VERSION_MISMATCH', 'This Roster (0.1.0, contract 1) is older than the server at acme-roster.example.com (0.2.0, contract 2): upgrade this app.') });
    expect(await app.call('servers:connect', { address: ACME, method: 'browser' })).toMatchObject({ ok: false, error: { code: 'VERSION_MISMATCH' } });
    expect(app.cores.isRemote()).toBe(false);
    // The local database answers again (it holds no enterprise yet).
    expect(await app.call('teams:list')).toMatchObject({ ok: false, error: { code: 'NO_ENTERPRISE' } });
    expect(await app.call('servers:recent')).toEqual({ ok: true, value: [] });
  });
});
