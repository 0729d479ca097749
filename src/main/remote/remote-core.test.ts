import http from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '@shared/schemas/connection';
import { channels, contract } from '@shared/ipc/contract';
import { CONTRACT_VERSION } from '@shared/ipc/version';
import { openRemoteCore, type RemoteCore, type RemoteCoreOptions } from './remote-core';
import { answerLosingProxy, listeningServer, type ListeningServer } from './test-support/listening-server';

// The remote core against a real Roster server on a socket: the same answers as the server's own core,
// the contract version checked first, commands applied once however often they are retried, and a lost server.

let server: ListeningServer;
const opened: RemoteCore[] = [];

/** Between the event stream's retries: a moment, not the real backoff. */
const quickWait = (_ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 10);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()));
  });

async function open(options: Partial<RemoteCoreOptions> & { role?: 'owner' | 'admin' | 'auditor' } = {}) {
  const { role = 'owner', ...rest } = options;
  const remote = await openRemoteCore({ server: server.url, token: server.tokens[role], wait: quickWait, ...rest });
  if (!remote.ok) throw new Error(remote.error.message);
  opened.push(remote.value);
  return remote.value;
}

/** Resolves with the next status the core announces that passes `test`. */
const nextStatus = (core: RemoteCore, test: (status: ConnectionStatus) => boolean) =>
  new Promise<ConnectionStatus>((resolve) => {
    const off = core.on('connection', (status) => {
      if (!test(status)) return;
      off();
      resolve(status);
    });
  });

/** Resolves once the core's event stream is open (a change made on the server is heard). */
async function streamOpen(core: RemoteCore) {
  const heard = new Promise<void>((resolve) => {
    const off = core.on('changed', () => (off(), resolve()));
  });
  // A change the server's own core makes is announced on every open stream: renaming the enterprise to its own
  // name, until this one hears it.
  const enterprise = await server.core.invoke('enterprise:get');
  const name = enterprise.ok ? enterprise.value!.name : '';
  const timer = setInterval(() => void server.core.invoke('enterprise:rename', { name }), 20);
  await heard;
  clearInterval(timer);
}

beforeEach(async () => {
  server = await listeningServer();
});

afterEach(async () => {
  opened.splice(0).forEach((core) => core.close());
  await server.close();
});

describe('the remote core', () => {
  it('gives the answers the server’s own core gives: a query, a command, a refusal, a validation error', async () => {
    const remote = await open();
    const created = await remote.invoke('orgs:create', { name: 'Research' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Research' } });
    expect(await remote.invoke('orgs:list')).toEqual(await server.core.invoke('orgs:list'));
    expect(await remote.invoke('orgs:create', { name: 'research' })).toEqual(await server.core.invoke('orgs:create', { name: 'research' }));
    const invalid = await remote.invoke('orgs:create', { name: '' });
    expect(invalid).toEqual(await server.core.invoke('orgs:create', { name: '' }));
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [expect.objectContaining({ path: 'name' })] } });
  });

  it('answers every query of the contract that takes no input as the server’s own core does', async () => {
    const remote = await open();
    for (const [channel, input] of [
      ['orgs:create', { name: 'Research' }],
      ['teams:create', { name: 'Dev' }],
      ['members:add', { email: 'ana@acme.example', name: 'Ana Lima' }],
    ] as const) {
      expect(await remote.invoke(channel as 'orgs:create', input as never), channel).toMatchObject({ ok: true });
    }
    // app:info names who calls and from where: it differs by design, and is tested below.
    const queries = channels.filter(
      (channel) => contract[channel].kind === 'query' && contract[channel].access !== 'local' && channel !== 'app:info' && contract[channel].input.safeParse(undefined).success,
    );
    expect(queries.length).toBeGreaterThan(15);
    // A read "as of now", or a check, is stamped with the moment (and the time) each call took.
    const stamps = new Set(['asOf', 'checkedAt', 'durationMs']);
    const unstamped = (result: unknown) => JSON.parse(JSON.stringify(result, (key, value: unknown) => (stamps.has(key) ? 'stamped' : value)));
    const differing: string[] = [];
    for (const channel of queries) {
      const [through, own] = [await remote.invoke(channel as 'orgs:list'), await server.core.invoke(channel as 'orgs:list')];
      if (JSON.stringify(unstamped(through)) !== JSON.stringify(unstamped(own))) differing.push(channel);
    }
    expect(differing).toEqual([]);
  });

  it('says where it works and who is signed in, and answers an auditor’s change as FORBIDDEN', async () => {
    const remote = await open({ role: 'auditor' });
    expect(await remote.invoke('app:info')).toMatchObject({
      ok: true,
      value: { mode: 'browser', canChooseDatabase: false, server: { host: server.url.host, email: 'auditor@acme.example', role: 'auditor' } },
    });
    expect(await remote.invoke('orgs:create', { name: 'Research' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('acts as an auditor') } });
    expect(await server.core.invoke('orgs:list')).toMatchObject({ ok: true, value: [] });
  });

  it('answers a channel of this computer itself, and refuses the ones that need a file', async () => {
    const remote = await open({ host: { logFile: '/tmp/roster-test.log' } });
    expect(await remote.invoke('app:logFile')).toEqual({ ok: true, value: { path: '/tmp/roster-test.log' } });
    expect(await remote.invoke('app:chooseDatabase', { intent: 'open' })).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
  });

  it('refuses a token the server does not know, with the server’s reason', async () => {
    const refused = await openRemoteCore({ server: server.url, token: 'roster_api_nothing' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a server whose contract is newer, or older, naming both versions and what to upgrade', async () => {
    const host = server.url.host;
    const older = await openRemoteCore({ server: server.url, token: server.tokens.owner, own: { version: '0.0.9', contract: CONTRACT_VERSION - 1 } });
    expect(older).toEqual({
      ok: false,
      error: { code: 'VERSION_MISMATCH', message: expect.stringMatching(new RegExp(`^This Roster \\(0\\.0\\.9, contract ${CONTRACT_VERSION - 1}\\) is older than the server at ${host} \\(.+, contract ${CONTRACT_VERSION}\\): upgrade this app\\.$`)) },
    });
    const newer = await openRemoteCore({ server: server.url, token: server.tokens.owner, own: { version: '9.0.0', contract: CONTRACT_VERSION + 1 } });
    expect(newer).toMatchObject({ ok: false, error: { code: 'VERSION_MISMATCH', message: expect.stringMatching(/is newer than the server at .+: upgrade the server, or use Roster \d+\.\d+\.x\.$/) } });
  });

  it('imports an event file a page uploads by streaming it on to the server', async () => {
    const remote = await open({ role: 'admin' });
    const events = '{"type":"signup","email":"ana@acme.example","at":"2026-01-01T00:00:00Z"}\n{"type":"nope"}\n';
    const imported = await remote.importEvents({ fileName: 'march events.ndjson', totalBytes: Buffer.byteLength(events), open: () => Readable.from([events]) });
    expect(imported).toMatchObject({ ok: true, value: { fileName: 'march events.ndjson', events: { signup: 1 }, rejected: 1 } });
    expect(server.core.db.prepare('SELECT email FROM accounts').pluck().all()).toEqual(['ana@acme.example']);
  });

  it('forwards the server’s events: a change another admin makes is heard', async () => {
    const remote = await open();
    const heard: string[][] = [];
    remote.on('changed', ({ areas }) => heard.push(areas));
    await streamOpen(remote);
    await server.core.invoke('teams:create', { name: 'Developers' });
    await expect.poll(() => heard.flat()).toContain('teams');
  });
});

describe('idempotency keys', () => {
  const invoke = (key: string, body: unknown) =>
    fetch(new URL('/api/invoke/orgs:create', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens.owner}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    }).then(async (response) => ({ status: response.status, body: await response.json() }));

  it('runs a command once per key, answers the same key with the same Result, and refuses the key with another body', async () => {
    const first = await invoke('key-1', { name: 'Research' });
    expect(first).toMatchObject({ status: 200, body: { ok: true, value: { name: 'Research' } } });
    expect(await invoke('key-1', { name: 'Research' })).toEqual(first);
    const orgs = await server.core.invoke('orgs:list');
    expect(orgs.ok && orgs.value.map((org) => org.name)).toEqual(['Research']);
    expect(await invoke('key-1', { name: 'Sales' })).toMatchObject({ status: 422, body: { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('already used for another request') } } });
    // Another admin's key of the same name is theirs.
    const other = await fetch(new URL('/api/invoke/orgs:create', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokens.admin}`, 'content-type': 'application/json', 'idempotency-key': 'key-1' },
      body: JSON.stringify({ name: 'Sales' }),
    });
    expect(await other.json()).toMatchObject({ ok: true, value: { name: 'Sales' } });
    expect(await invoke('not a key', { name: 'Ops' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('Idempotency-Key') } } });
  });

  it('applies a command once when its answer was lost and the remote core retried it', async () => {
    const proxy = await answerLosingProxy(server.url, (path) => /orgs(:|%3A)create/i.test(path));
    try {
      const remote = await open({ server: proxy.url });
      expect(await remote.invoke('orgs:create', { name: 'Research' })).toMatchObject({ ok: true, value: { name: 'Research' } });
      expect(proxy.dropped()).toBe(1);
      const orgs = await server.core.invoke('orgs:list');
      expect(orgs.ok && orgs.value.map((org) => org.name)).toEqual(['Research']);
      expect(remote.status().state).toBe('connected');
    } finally {
      await proxy.close();
    }
  });
});

describe('losing the server', () => {
  it('answers every call at once while the server is lost, says since when, and reloads everything when it is back', async () => {
    const statuses: ConnectionStatus[] = [];
    const remote = await open({ onStatus: (status) => statuses.push(status) });
    await streamOpen(remote);
    const lost = nextStatus(remote, (status) => status.state === 'lost');
    await server.stop();
    const status = await lost;
    expect(status).toMatchObject({ state: 'lost', host: server.url.host, since: expect.any(String) });
    const since = new Date(status.since!);
    const time = `${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')}`;
    const refused = { ok: false, error: { code: 'UNAVAILABLE', message: `The server at ${server.url.host} cannot be reached since ${time}; what you see is as of then. Retrying…` } };
    expect(await remote.invoke('orgs:list')).toEqual(refused);
    expect(await remote.invoke('orgs:create', { name: 'Later' })).toEqual(refused);

    const reloaded = new Promise<string[]>((resolve) => remote.on('changed', ({ areas }) => resolve(areas)));
    const back = nextStatus(remote, (next) => next.state === 'connected');
    await server.start();
    expect(await back).toEqual({ state: 'connected', host: server.url.host, since: null });
    expect(await reloaded).toEqual(['*']);
    expect(statuses.map((entry) => entry.state)).toEqual(['lost', 'connected']);
    // Nothing was queued while it was lost.
    const orgs = await remote.invoke('orgs:list');
    expect(orgs.ok && orgs.value.map((org) => org.name)).not.toContain('Later');
  });

  it('refuses a server that comes back with another contract, saying which to upgrade, until the right one is back', async () => {
    const remote = await open();
    await streamOpen(remote);
    const lost = nextStatus(remote, (status) => status.state === 'lost' && status.message !== undefined);
    await server.stop();
    // Upgraded meanwhile: the same address answers with a newer contract.
    const upgraded = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ version: '9.9.0', contract: CONTRACT_VERSION + 1 }));
    });
    await new Promise<void>((resolve) => upgraded.listen(Number(server.url.port), '127.0.0.1', resolve));
    try {
      const status = await lost;
      expect(status.message).toMatch(/is older than the server at .+ \(9\.9\.0, contract \d+\): upgrade this app\.$/);
      expect(await remote.invoke('orgs:list')).toEqual({ ok: false, error: { code: 'VERSION_MISMATCH', message: status.message } });
    } finally {
      await new Promise<void>((resolve) => {
        upgraded.closeAllConnections();
        upgraded.close(() => resolve());
      });
    }
    const back = nextStatus(remote, (next) => next.state === 'connected');
    await server.start();
    expect(await back).toEqual({ state: 'connected', host: server.url.host, since: null });
    expect(await remote.invoke('orgs:list')).toMatchObject({ ok: true });
  });

  it('does not count a server that refuses a revoked token as lost: each call says why', async () => {
    const statuses: ConnectionStatus[] = [];
    // The stream waits before each retry: the second wait comes after the retry the server refused.
    let waits = 0;
    let refused!: () => void;
    const retried = new Promise<void>((resolve) => (refused = resolve));
    const wait = (ms: number, signal: AbortSignal) => {
      if (++waits === 2) refused();
      return quickWait(ms, signal);
    };
    const remote = await open({ role: 'admin', wait, onStatus: (status) => statuses.push(status) });
    await streamOpen(remote);
    // The server ends the stream of a token it revokes; its reconnection is refused (401).
    expect(await server.core.invoke('admins:revokeToken', { email: 'admin@acme.example', name: 'tests' })).toMatchObject({ ok: true });
    await retried;
    expect(await remote.invoke('orgs:list')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('revoked') } });
    expect(remote.status().state).toBe('connected');
    expect(statuses).toEqual([]);
  });

  it('counts a server that cannot be reached at all as lost at the first call', async () => {
    const remote = await open();
    await server.stop();
    const answer = await remote.invoke('orgs:list');
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('cannot be reached since') } });
    expect(remote.status().state).toBe('lost');
  });
});
