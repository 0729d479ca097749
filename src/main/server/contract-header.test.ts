import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_VERSION } from '@shared/ipc/version';
import { version } from '../../../package.json';
import { runCli } from '../cli/run';
import { tempDir } from '../test-support/temp-db';
import { serverInProcess } from './test-support/server-fixture';

// X-Roster-Contract: a call from a Roster client of another contract is refused before anything runs, in the sentence
// the client's own check says (which side to upgrade); a call that names none is served as ever.

type Fixture = Awaited<ReturnType<typeof serverInProcess>>;
const opened: Fixture[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((fixture) => fixture.app.close()));
});

async function server(own?: { version: string; contract: number }) {
  const fixture = await serverInProcess(own ? { own } : {});
  opened.push(fixture);
  return fixture;
}

const orgNames = (fixture: Fixture) => (fixture.core.db.prepare('SELECT name FROM organizations').all() as { name: string }[]).map((row) => row.name);
const contract = (n: number, app = '0.9.0') => ({ 'x-roster-contract': String(n), 'x-roster-version': app });

describe('the server and a client’s contract version', () => {
  it('runs nothing for a client of another contract, however it calls, and says which to upgrade', async () => {
    const fixture = await server();
    const { app, tokens } = fixture;
    const newer = `This Roster (9.0.0, contract ${CONTRACT_VERSION + 1}) is newer than the server at localhost:80 (${version}, contract ${CONTRACT_VERSION}): upgrade the server, or use Roster ${version.split('.').slice(0, 2).join('.')}.x.`;
    const calls = [
      { method: 'POST', url: '/api/invoke/orgs:create', payload: { name: 'Research' }, headers: { 'content-type': 'application/json' } },
      { method: 'POST', url: '/api/export/report', payload: {}, headers: { 'content-type': 'application/json' } },
      { method: 'POST', url: '/api/import', payload: '{}', headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'events.jsonl' } },
      { method: 'GET', url: '/api/events' },
    ] as const;
    for (const call of calls) {
      const answer = await app.inject({ ...call, headers: { ...('headers' in call ? call.headers : {}), authorization: `Bearer ${tokens.owner}`, ...contract(CONTRACT_VERSION + 1, '9.0.0') } });
      expect({ url: call.url, status: answer.statusCode, body: answer.json() }).toEqual({ url: call.url, status: 400, body: { ok: false, error: { code: 'VERSION_MISMATCH', message: newer } } });
    }
    expect(orgNames(fixture)).toEqual([]);
    // Said before the token is looked at: an old client is told to upgrade, not that it is signed out.
    const unsigned = await app.inject({ method: 'POST', url: '/api/invoke/orgs:list', headers: contract(CONTRACT_VERSION - 1, '0.0.1') });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json()).toMatchObject({ error: { code: 'VERSION_MISMATCH', message: expect.stringMatching(/^This Roster \(0\.0\.1, contract \d+\) is older than the server at localhost:80 .*: upgrade this app\.$/) } });
    const garbled = await app.inject({ method: 'POST', url: '/api/invoke/orgs:list', headers: { authorization: `Bearer ${tokens.owner}`, 'x-roster-contract': 'latest' } });
    expect({ status: garbled.statusCode, code: garbled.json().error.code }).toEqual({ status: 400, code: 'INVALID_INPUT' });
  });

  it('serves its own contract whatever the app version, and a call that names none', async () => {
    const fixture = await server();
    const { app, tokens } = fixture;
    const create = (name: string, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/invoke/orgs:create', headers: { authorization: `Bearer ${tokens.owner}`, 'content-type': 'application/json', ...headers }, payload: { name } });
    expect((await create('Research', contract(CONTRACT_VERSION, '0.0.7'))).json()).toMatchObject({ ok: true });
    expect((await create('Design', {})).json()).toMatchObject({ ok: true });
    expect(orgNames(fixture).sort()).toEqual(['Design', 'Research']);
  });
});

describe('roster --server against a server of another contract', () => {
  it('exits 1 with the sentence on stderr, with no request of its own, and writes nothing', async () => {
    const fixture = await server({ version: '9.0.0', contract: CONTRACT_VERSION + 1 });
    await fixture.app.listen({ port: 0, host: '127.0.0.1' });
    const host = `127.0.0.1:${(fixture.app.server.address() as AddressInfo).port}`;
    /** The paths the server was asked for, from its request log. */
    const requests = () => fixture.logLines.map((line) => JSON.parse(line) as { req?: { url: string } }).flatMap((entry) => (entry.req ? [entry.req.url] : []));
    const roster = async (...args: string[]) => {
      const err: string[] = [];
      const status = await runCli([...args, '--server', `http://${host}`, '--token', fixture.tokens.owner], { out: () => undefined, err: (text) => err.push(text), env: {} });
      return { status, stderr: err.join('\n') };
    };
    const sentence = `This Roster (${version}, contract ${CONTRACT_VERSION}) is older than the server at ${host} (9.0.0, contract ${CONTRACT_VERSION + 1}): upgrade this app.`;
    expect(await roster('orgs', 'add', '--name', 'Research')).toEqual({ status: 1, stderr: `roster: ${sentence}` });
    expect(requests()).toEqual(['/api/invoke/orgs%3Acreate']);
    expect(orgNames(fixture)).toEqual([]);
    const file = path.join(tempDir(), 'report.csv');
    expect(await roster('report', '--out', file)).toEqual({ status: 1, stderr: `roster: ${sentence}` });
    expect(fs.existsSync(file)).toBe(false);
  });
});
