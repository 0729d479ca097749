import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_VERSION } from '@shared/ipc/version';
import { version } from '../../../package.json';
import { compareVersions, contractHeaders, OWN_VERSION, refuseClientContract } from './contract-version';
import { createRemoteApi, downloadTo, uploadStream } from './http-client';
import { openServerEvents } from './event-source';

// The contract version, said the same way on both sides: every call of a Roster client names its own, and a server of
// another refuses it, in the sentence the client's own check says.

const SERVER = { version: '0.4.2', contract: 4 };

describe('a server reading the contract a call names', () => {
  it('serves a call that names none (curl, a script), or its own contract whatever the app versions', () => {
    expect(refuseClientContract({}, SERVER, 'roster.example.com')).toBeNull();
    expect(refuseClientContract({ 'x-roster-contract': '4', 'x-roster-version': '0.4.0' }, SERVER, 'roster.example.com')).toBeNull();
    expect(refuseClientContract({ 'x-roster-contract': '4' }, SERVER, 'roster.example.com')).toBeNull();
  });

  it('refuses another contract with the sentence the client says, naming which side to upgrade', () => {
    const older = refuseClientContract({ 'x-roster-contract': '3', 'x-roster-version': '0.3.1' }, SERVER, 'roster.example.com');
    expect(older).toEqual({
      ok: false,
      error: { code: 'VERSION_MISMATCH', message: 'This Roster (0.3.1, contract 3) is older than the server at roster.example.com (0.4.2, contract 4): upgrade this app.' },
    });
    expect(older).toEqual(compareVersions({ version: '0.3.1', contract: 3 }, SERVER, 'roster.example.com'));
    const newer = refuseClientContract({ 'x-roster-contract': '5', 'x-roster-version': '0.5.0' }, SERVER, 'roster.example.com:8443');
    expect(newer).toEqual({
      ok: false,
      error: {
        code: 'VERSION_MISMATCH',
        message: 'This Roster (0.5.0, contract 5) is newer than the server at roster.example.com:8443 (0.4.2, contract 4): upgrade the server, or use Roster 0.4.x.',
      },
    });
    // An app version that is not one is not repeated back.
    expect(refuseClientContract({ 'x-roster-contract': '5', 'x-roster-version': '<script>' }, SERVER, 'h')).toMatchObject({
      error: { message: expect.stringMatching(/^This Roster \(unknown version, contract 5\) is newer/) },
    });
  });

  it('names a contract header that is not a whole number', () => {
    expect(refuseClientContract({ 'x-roster-contract': 'four' }, SERVER, 'h')).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'The X-Roster-Contract header must be a contract version, a whole number such as 4, not "four".' },
    });
  });
});

describe('a Roster client', () => {
  let server: http.Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('names its contract and version on every call: the contract, files both ways, and the event stream', async () => {
    const seen: Record<string, { contract?: string; version?: string }> = {};
    server = http.createServer((request, response) => {
      seen[decodeURIComponent(request.url!.split('?')[0]!)] = { contract: request.headers['x-roster-contract'] as string, version: request.headers['x-roster-version'] as string };
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, value: null }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const target = { server: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), token: 't' };
    const api = createRemoteApi(target);
    await api.invoke('orgs:list');
    await api.invoke('orgs:create', { name: 'Research' });
    await uploadStream(target, '/api/import', Readable.from(['{}']), 'events.jsonl', 2);
    await downloadTo(target, '/api/export/report', {}, '/nonexistent/never-written.csv');
    await new Promise<void>((resolve) => {
      const stop = openServerEvents({ target, onMessage: () => undefined, onOpen: () => undefined, onDown: () => (stop(), resolve()) });
    });
    const ours = { contract: String(CONTRACT_VERSION), version };
    expect(seen).toEqual({
      '/api/invoke/orgs:list': ours,
      '/api/invoke/orgs:create': ours,
      '/api/import': ours,
      '/api/export/report': ours,
      '/api/events': ours,
    });
    expect(contractHeaders()).toEqual({ 'x-roster-contract': String(OWN_VERSION.contract), 'x-roster-version': OWN_VERSION.version });
  });
});
