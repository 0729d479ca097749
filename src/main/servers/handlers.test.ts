import { describe, expect, it, vi } from 'vitest';
import { ok } from '@shared/result';
import { parseServerAddress } from '@shared/schemas/servers';
import { testCore } from '../test-support/temp-db';

const info = { version: '1.2.3', mode: 'electron' as const, databasePath: '/data/roster.db', canChooseDatabase: true };
const connected = { address: 'https://acme-roster.example.com', host: 'acme-roster.example.com', email: 'ana@acme.com', role: 'admin' as const, kept: true };

describe('the server’s address', () => {
  it('is https, or http only on this computer, and only the address', () => {
    expect(parseServerAddress('acme-roster.example.com')).toEqual({ ok: true, origin: 'https://acme-roster.example.com', host: 'acme-roster.example.com' });
    expect(parseServerAddress(' https://Acme-Roster.example.com:8443/ ')).toEqual({ ok: true, origin: 'https://acme-roster.example.com:8443', host: 'acme-roster.example.com:8443' });
    expect(parseServerAddress('http://localhost:8080')).toMatchObject({ ok: true, origin: 'http://localhost:8080' });
    expect(parseServerAddress('http://127.0.0.1:8080')).toMatchObject({ ok: true });
    expect(parseServerAddress('http://acme-roster.example.com')).toEqual({
      ok: false,
      message: 'Use https for acme-roster.example.com: over plain http anyone on the network could read your sign-in. Plain http is allowed only for localhost and 127.0.0.1.',
    });
    expect(parseServerAddress('')).toMatchObject({ ok: false, message: expect.stringMatching(/^Enter the server’s address/) });
    expect(parseServerAddress('ftp://acme.example.com')).toMatchObject({ ok: false, message: 'A Roster server is reached over https, not ftp.' });
    expect(parseServerAddress('https://acme.example.com/console?x=1')).toMatchObject({ ok: false, message: 'Enter only the server’s address (https://acme.example.com), without a path.' });
    expect(parseServerAddress('https://ana:pw@acme.example.com')).toMatchObject({ ok: false, message: expect.stringMatching(/user name and password/) });
    expect(parseServerAddress('https://exa mple.com')).toMatchObject({ ok: false, message: expect.stringMatching(/is not a web address/) });
  });
});

describe('servers:connect, servers:recent and servers:openRecent', () => {
  it('hand the checked address to the desktop app, which signs in and switches', async () => {
    const connectServer = vi.fn(async () => ok(connected));
    const openRecentServer = vi.fn(async () => ok(connected));
    const recentServers = () => [{ ...connected, signedIn: true, current: true }];
    const core = testCore({ host: { info, connectServer, openRecentServer, recentServers } });
    expect(await core.invoke('servers:connect', { address: 'acme-roster.example.com', method: 'browser' })).toEqual({ ok: true, value: connected });
    expect(connectServer).toHaveBeenCalledWith({ address: 'https://acme-roster.example.com', method: 'browser' });
    await core.invoke('servers:connect', { address: 'https://acme-roster.example.com', method: 'token', token: '  rst_abc  ' });
    expect(connectServer).toHaveBeenLastCalledWith({ address: 'https://acme-roster.example.com', method: 'token', token: 'rst_abc' });
    expect(await core.invoke('servers:recent')).toEqual({ ok: true, value: recentServers() });
    expect(await core.invoke('servers:openRecent', { address: 'https://acme-roster.example.com' })).toEqual({ ok: true, value: connected });
  });

  it('refuse a plain-http address, an empty token or an extra field before the desktop app is asked', async () => {
    const connectServer = vi.fn(async () => ok(connected));
    const core = testCore({ host: { info, connectServer } });
    expect(await core.dispatch('servers:connect', { address: 'http://acme-roster.example.com', method: 'browser' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'address', message: expect.stringMatching(/^Use https for acme-roster\.example\.com/) }] },
    });
    expect(await core.dispatch('servers:connect', { address: 'acme.example.com', method: 'token', token: ' ' })).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'token', message: 'Paste the API token' }] },
    });
    expect(await core.dispatch('servers:connect', { address: 'acme.example.com', method: 'browser', token: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(connectServer).not.toHaveBeenCalled();
  });

  it('are refused where there is no desktop app (browser mode), and list no servers there', async () => {
    const core = testCore({ host: { info: { ...info, mode: 'browser', canChooseDatabase: false } } });
    expect(await core.invoke('servers:connect', { address: 'acme.example.com', method: 'browser' })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED', message: expect.stringMatching(/^Only the desktop app connects to a Roster server/) },
    });
    expect(await core.invoke('servers:openRecent', { address: 'acme.example.com' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await core.invoke('servers:recent')).toEqual({ ok: true, value: [] });
    expect(await core.invoke('servers:cancelSignIn')).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('servers:cancelSignIn stops the desktop app’s browser sign-in', async () => {
    const cancelServerSignIn = vi.fn(() => true);
    const core = testCore({ host: { info, cancelServerSignIn } });
    expect(await core.invoke('servers:cancelSignIn')).toEqual({ ok: true, value: { cancelled: true } });
    expect(cancelServerSignIn).toHaveBeenCalledOnce();
  });
});
