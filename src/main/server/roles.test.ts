import { afterEach, describe, expect, it } from 'vitest';
import { channelNames as channels } from '@shared/ipc/channels';
import { contract, mayCall } from '@shared/ipc/contract';
import { adminRoles } from '@shared/schemas/admins';
import { serverInProcess } from './test-support/server-fixture';

type Fixture = Awaited<ReturnType<typeof serverInProcess>>;
let fixture: Fixture | undefined;
afterEach(async () => {
  await fixture?.app.close();
  fixture = undefined;
});

const invoke = (f: Fixture, channel: string, token?: string, body?: unknown) =>
  f.app.inject({
    method: 'POST',
    url: `/api/invoke/${channel}`,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });

// Every channel of the contract, so a new one is covered the day it is added.
const served = channels.filter((channel) => contract[channel].access !== 'local');
const local = channels.filter((channel) => contract[channel].access === 'local');

describe('who may call what, for every channel of the contract', () => {
  it('refuses every channel without a token, or with one that is not ours, with 401 UNAUTHENTICATED and nothing read', async () => {
    fixture = await serverInProcess();
    for (const channel of channels) {
      const none = await invoke(fixture, channel);
      expect(none.statusCode, channel).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer realm="Roster"');
      expect(none.json(), channel).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      const bad = await invoke(fixture, channel, 'roster_api_not-a-token', { name: 'x' });
      expect(bad.statusCode, channel).toBe(401);
      expect(bad.json().error.message).toMatch(/not one of this Roster server's/);
    }
  });

  it('answers 403 FORBIDDEN naming the role for each role on each channel its access does not allow, before reading the input', async () => {
    fixture = await serverInProcess();
    let refused = 0;
    for (const role of adminRoles) {
      for (const channel of served) {
        if (mayCall(role, contract[channel].access)) continue;
        // A body that is not even JSON: the role is refused before the input is read.
        const answer = await fixture.app.inject({
          method: 'POST',
          url: `/api/invoke/${channel}`,
          headers: { authorization: `Bearer ${fixture.tokens[role]}`, 'content-type': 'application/json' },
          payload: '{"broken',
        });
        expect(answer.statusCode, `${role} ${channel}`).toBe(403);
        expect(answer.json(), `${role} ${channel}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining(channel) } });
        refused += 1;
      }
    }
    // Auditors are refused every write and owner channel, admins every owner channel.
    const writes = served.filter((channel) => contract[channel].access === 'write').length;
    const owners = served.filter((channel) => contract[channel].access === 'owner').length;
    expect(refused).toBe(writes + 2 * owners);
  });

  it('lets each role past the role check on the channels it may call (the input is then checked as anywhere)', async () => {
    fixture = await serverInProcess();
    for (const role of adminRoles) {
      for (const channel of served) {
        if (!mayCall(role, contract[channel].access)) continue;
        const answer = await invoke(fixture, channel, fixture.tokens[role], { notAField: true });
        expect(answer.statusCode, `${role} ${channel}`).toBe(200);
        expect(answer.json().error?.code, `${role} ${channel}`).not.toBe('FORBIDDEN');
      }
    }
  });

  it('does not serve local channels (file dialogs, this computer\u2019s folders) to anyone, and says an unknown one is unknown', async () => {
    fixture = await serverInProcess();
    expect(local.length).toBeGreaterThan(0);
    for (const channel of [...local, 'nothing:here']) {
      const answer = await invoke(fixture, channel, fixture.tokens.owner);
      expect(answer.statusCode, channel).toBe(404);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: `Unknown request "${channel}".` } });
    }
  });
});

describe('a call through the server', () => {
  it('is audited under the admin and the API token that made it', async () => {
    fixture = await serverInProcess();
    const created = await invoke(fixture, 'orgs:create', fixture.tokens.admin, { name: 'Research' });
    expect(created.json()).toMatchObject({ ok: true, value: { name: 'Research' } });
    const row = fixture.core.db.prepare("SELECT actor_type, actor_name, actor_admin, actor_token FROM audit_events WHERE action = 'org.create'").get();
    expect(row).toEqual({ actor_type: 'app', actor_name: 'admin@acme.example', actor_admin: 'admin@acme.example', actor_token: 'tests' });
  });

  it('refuses a revoked token and an expired one, saying which, and a removed admin\u2019s', async () => {
    fixture = await serverInProcess();
    const cli = { type: 'cli', name: 'test' } as const;
    expect(fixture.admins.revokeToken('admin@acme.example', 'tests', cli).ok).toBe(true);
    const revoked = await invoke(fixture, 'orgs:list', fixture.tokens.admin);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.message).toMatch(/^API token "tests" of admin@acme.example was revoked at /);

    fixture.core.db.prepare("UPDATE api_tokens SET expires_at = '2020-01-01T00:00:00.000Z' WHERE name = 'tests' AND revoked_at IS NULL AND admin_id = (SELECT id FROM admins WHERE email = 'auditor@acme.example')").run();
    const expired = await invoke(fixture, 'orgs:list', fixture.tokens.auditor);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toMatch(/expired at 2020-01-01T00:00:00.000Z; create a new one/);
  });

  it('answers JSON only, names a bad body, and sends no CORS headers', async () => {
    fixture = await serverInProcess();
    const text = await fixture.app.inject({ method: 'POST', url: '/api/invoke/orgs:create', headers: { authorization: `Bearer ${fixture.tokens.owner}`, 'content-type': 'text/plain', origin: 'https://evil.example' }, payload: 'x' });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(text.headers['access-control-allow-origin']).toBeUndefined();
    const broken = await fixture.app.inject({ method: 'POST', url: '/api/invoke/orgs:create', headers: { authorization: `Bearer ${fixture.tokens.owner}`, 'content-type': 'application/json' }, payload: '{"name":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toBe('The body is not valid JSON.');
    expect(fixture.core.db.prepare('SELECT count(*) FROM organizations').pluck().get()).toBe(0);
  });

  it('never writes a token or an authorization header into its log', async () => {
    fixture = await serverInProcess();
    await invoke(fixture, 'orgs:list', fixture.tokens.owner);
    await invoke(fixture, 'orgs:list', 'roster_api_wrong');
    const log = fixture.logLines.join('');
    expect(log).toContain('"reqId"');
    expect(log).not.toContain(fixture.tokens.owner);
    expect(log).not.toContain('roster_api_wrong');
    expect(log.toLowerCase()).not.toContain('authorization');
  });

  it('answers /healthz and /readyz without a token', async () => {
    fixture = await serverInProcess();
    const health = await fixture.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok' });
    const ready = await fixture.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ status: 'ready' });
    // Another connection holds the write lock: not ready, and says why.
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(fixture.core.db.name);
    other.exec('BEGIN IMMEDIATE');
    try {
      const busy = await fixture.app.inject({ method: 'GET', url: '/readyz' });
      expect(busy.statusCode).toBe(503);
      expect(busy.json()).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('cannot take a write') });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
