import { describe, expect, it } from 'vitest';
import type { AdminRole } from '@shared/schemas/admins';
import type { Result } from '@shared/result';
import type { CallContext } from '../ipc/dispatch';
import { testCore, TEST_ACTOR } from '../test-support/temp-db';

/** A call as a Roster server makes it for an admin's API token: audited under them, acting with the token's role. */
const viaServer = (email: string, role: AdminRole, token = 'laptop'): CallContext => ({
  actor: { type: 'app', name: email, admin: email, token },
  caller: { email, role },
});

/** A store with an owner and an admin (set up on this machine), each with a token; the admin has two. */
async function setup() {
  const core = testCore();
  const call = async (channel: string, input: unknown, context?: CallContext) => core.dispatch(channel, input, context);
  for (const [email, role] of [
    ['ana@example.com', 'owner'],
    ['bo@example.com', 'admin'],
  ] as const) {
    expect((await call('admins:add', { email, role })).ok).toBe(true);
  }
  for (const [email, name] of [
    ['ana@example.com', 'laptop'],
    ['bo@example.com', 'laptop'],
    ['bo@example.com', 'ci'],
  ]) {
    expect((await call('admins:createToken', { email, name })).ok).toBe(true);
  }
  return { core, call };
}

function value<T = unknown>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('the admins channels', () => {
  it('add, change the role of and remove admins, with the service’s rules (never the last owner)', async () => {
    const { call } = await setup();
    const ana = viaServer('ana@example.com', 'owner');
    expect(value(await call('admins:add', { email: 'Cy@Example.com', role: 'auditor', name: 'Cy' }, ana))).toMatchObject({ email: 'Cy@example.com', role: 'auditor', name: 'Cy' });
    expect(await call('admins:add', { email: 'cy@example.com', role: 'admin' }, ana)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await call('admins:add', { email: 'not an address', role: 'admin' }, ana)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(value(await call('admins:setRole', { email: 'CY@example.com', role: 'admin' }, ana))).toMatchObject({ role: 'admin' });
    expect(await call('admins:setRole', { email: 'ana@example.com', role: 'admin' }, ana)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('last owner') } });
    expect(await call('admins:setRole', { email: 'cy@example.com', role: 'king' }, ana)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(value(await call('admins:remove', { email: 'bo@example.com' }, ana))).toMatchObject({ email: 'bo@example.com', revokedTokens: ['ci', 'laptop'] });
    expect(await call('admins:remove', { email: 'nobody@example.com' }, ana)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await call('admins:remove', { email: '  ' }, ana)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(value<{ email: string }[]>(await call('admins:list', undefined, ana)).map((admin) => admin.email)).toEqual(['ana@example.com', 'Cy@example.com']);
  });

  it('audit each change under the admin and API token that called through the server; on this machine under its own actor', async () => {
    const { core, call } = await setup();
    value(await call('admins:add', { email: 'cy@example.com', role: 'auditor' }, viaServer('ana@example.com', 'owner', 'ops')));
    value(await call('admins:revokeToken', { email: 'bo@example.com', name: 'ci' }, viaServer('bo@example.com', 'admin')));
    const events = core.db
      .prepare("SELECT action, actor_type AS type, actor_name AS name, actor_admin AS admin, actor_token AS token FROM audit_events WHERE action LIKE 'admin.%' ORDER BY id")
      .all() as { action: string; type: string; name: string; admin: string | null; token: string | null }[];
    const byTestActor = { type: TEST_ACTOR.type, name: TEST_ACTOR.name, admin: null, token: null };
    expect(events.slice(0, 5)).toEqual(['admin.add', 'admin.add', 'admin.token.create', 'admin.token.create', 'admin.token.create'].map((action) => ({ action, ...byTestActor })));
    expect(events.slice(5)).toEqual([
      { action: 'admin.add', type: 'app', name: 'ana@example.com', admin: 'ana@example.com', token: 'ops' },
      { action: 'admin.token.revoke', type: 'app', name: 'bo@example.com', admin: 'bo@example.com', token: 'laptop' },
    ]);
  });

  it('list every token for an owner and this machine, and only the caller’s own for anyone else (never a secret)', async () => {
    const { call } = await setup();
    const names = (tokens: unknown) => (tokens as { name: string; adminEmail: string }[]).map((token) => `${token.adminEmail} ${token.name}`);
    const every = ['ana@example.com laptop', 'bo@example.com ci', 'bo@example.com laptop'];
    expect(names(value(await call('admins:tokens', undefined)))).toEqual(every);
    expect(names(value(await call('admins:tokens', undefined, viaServer('ana@example.com', 'owner'))))).toEqual(every);
    expect(names(value(await call('admins:tokens', undefined, viaServer('BO@example.com', 'admin'))))).toEqual(['bo@example.com ci', 'bo@example.com laptop']);
    // An owner's token made an auditor's acts as an auditor: it sees only its admin's own.
    expect(names(value(await call('admins:tokens', undefined, viaServer('ana@example.com', 'auditor'))))).toEqual(['ana@example.com laptop']);
    expect(JSON.stringify(value(await call('admins:tokens', undefined)))).not.toContain('roster_api_');
  });

  it('list the tokens of the admin who holds the address now, not those of a removed admin who had it before', async () => {
    const { call } = await setup();
    value(await call('admins:remove', { email: 'bo@example.com' }));
    value(await call('admins:add', { email: 'bo@example.com', role: 'auditor' }));
    value(await call('admins:createToken', { email: 'bo@example.com', name: 'new' }));
    const own = value<{ name: string; status: string }[]>(await call('admins:tokens', undefined, viaServer('bo@example.com', 'auditor')));
    expect(own.map((token) => [token.name, token.status])).toEqual([['new', 'valid']]);
  });

  it('let anyone revoke their own tokens, an owner anyone’s, and refuse a non-owner another’s with nothing changed', async () => {
    const { call } = await setup();
    const refused = await call('admins:revokeToken', { email: 'ana@example.com', name: 'laptop' }, viaServer('bo@example.com', 'admin'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('may revoke only their own API tokens') } });
    const statuses = async () => value<{ name: string; adminEmail: string; status: string }[]>(await call('admins:tokens', undefined)).map((token) => `${token.adminEmail} ${token.name} ${token.status}`);
    expect(await statuses()).toEqual(['ana@example.com laptop valid', 'bo@example.com ci valid', 'bo@example.com laptop valid']);

    expect(value(await call('admins:revokeToken', { email: 'Bo@Example.com', name: 'CI' }, viaServer('bo@example.com', 'auditor')))).toMatchObject({ name: 'ci', status: 'revoked', alreadyRevoked: false });
    expect(value(await call('admins:revokeToken', { email: 'bo@example.com', name: 'laptop' }, viaServer('ana@example.com', 'owner')))).toMatchObject({ alreadyRevoked: false });
    expect(value(await call('admins:revokeToken', { email: 'bo@example.com', name: 'laptop' }, viaServer('ana@example.com', 'owner')))).toMatchObject({ alreadyRevoked: true });
    expect(await statuses()).toEqual(['ana@example.com laptop valid', 'bo@example.com ci revoked', 'bo@example.com laptop revoked']);
  });

  it('create a token once, with the secret in the answer only, at most the admin’s role', async () => {
    const { core, call } = await setup();
    const ana = viaServer('ana@example.com', 'owner');
    const created = value<{ token: { name: string; role: string }; secret: string }>(await call('admins:createToken', { email: 'bo@example.com', name: 'report', role: 'auditor', expiresInDays: 7 }, ana));
    expect(created).toMatchObject({ token: { name: 'report', role: 'auditor' }, secret: expect.stringMatching(/^roster_api_/) });
    expect(await call('admins:createToken', { email: 'bo@example.com', name: 'root', role: 'owner' }, ana)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('admins:createToken', { email: 'bo@example.com', name: 'x', expiresInDays: 0 }, ana)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const audited = core.db.prepare("SELECT after FROM audit_events WHERE action = 'admin.token.create'").pluck().all().join('');
    expect(audited).not.toContain(created.secret);
  });

  it('tell the windows and the event stream that admins changed, so the audit log asks again', async () => {
    const { core, call } = await setup();
    const changed: string[][] = [];
    core.on('changed', ({ areas }) => changed.push(areas));
    value(await call('admins:setRole', { email: 'bo@example.com', role: 'auditor' }));
    await call('admins:setRole', { email: 'nobody@example.com', role: 'auditor' });
    expect(changed).toEqual([['admins']]);
  });
});

describe('the admins channels through a Roster server', () => {
  it('know the caller from their API token: an admin’s lists and revokes only their own, an owner’s everyone’s', async () => {
    const { serverInProcess } = await import('../server/test-support/server-fixture');
    const fixture = await serverInProcess();
    try {
      const invoke = async (token: string, channel: string, body?: unknown) =>
        (
          await fixture.app.inject({
            method: 'POST',
            url: `/api/invoke/${channel}`,
            headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
            payload: body === undefined ? undefined : JSON.stringify(body),
          })
        ).json() as { ok: boolean; value?: { adminEmail: string }[]; error?: { code: string } };
      expect((await invoke(fixture.tokens.admin, 'admins:tokens')).value!.map((token) => token.adminEmail)).toEqual(['admin@acme.example']);
      expect((await invoke(fixture.tokens.owner, 'admins:tokens')).value!.map((token) => token.adminEmail)).toEqual(['admin@acme.example', 'auditor@acme.example', 'owner@acme.example']);
      expect(await invoke(fixture.tokens.auditor, 'admins:revokeToken', { email: 'owner@acme.example', name: 'tests' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await invoke(fixture.tokens.auditor, 'admins:revokeToken', { email: 'auditor@acme.example', name: 'tests' })).toMatchObject({ ok: true });
      // The token that revoked itself is refused from the next request on.
      expect((await fixture.app.inject({ method: 'POST', url: '/api/invoke/admins:tokens', headers: { authorization: `Bearer ${fixture.tokens.auditor}` } })).statusCode).toBe(401);
      const audited = fixture.core.db.prepare("SELECT actor_admin, actor_token FROM audit_events WHERE action = 'admin.token.revoke'").all();
      expect(audited).toEqual([{ actor_admin: 'auditor@acme.example', actor_token: 'tests' }]);
    } finally {
      await fixture.app.close();
    }
  });
});
