import { describe, expect, it } from 'vitest';
import { coreWithEnterprise } from '../test-support/temp-db';
import type { Core } from '../core';

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(settled.error.message);
  return settled.value;
}

const cells = (core: Core, action: string) =>
  core.db.prepare('SELECT subject, actor_admin AS admin, actor_token AS token FROM audit_events WHERE action = ? ORDER BY id').all(action);

/** Ana joins by hand, then a team and an organization; Bo is invited. */
async function people() {
  const core = await coreWithEnterprise();
  const ana = await ok(core.invoke('members:add', { email: 'Ana.Lima@Acme.example', name: 'Ana Lima' }));
  const team = await ok(core.invoke('teams:create', { name: 'Developers' }));
  await ok(core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId] }));
  const org = await ok(core.invoke('orgs:create', { name: 'Research' }));
  await ok(core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana.accountId], role: 'member' }));
  await ok(core.invoke('invitations:create', { email: 'bo@acme.example' }));
  await ok(core.invoke('teams:removeMembers', { teamId: team.id, accountIds: [ana.accountId] }));
  return { core, ana };
}

describe('the person an audit event concerns', () => {
  it('is kept with every member, account, invitation, team member and organization member event, by the key of their address', async () => {
    const { core } = await people();
    for (const action of ['account.create', 'member.add', 'team.member.add', 'org.member.add', 'team.member.remove']) {
      expect(cells(core, action), action).toEqual([{ subject: 'ana.lima@acme.example', admin: null, token: null }]);
    }
    expect(cells(core, 'invitation.create')).toMatchObject([{ subject: 'bo@acme.example' }]);
    expect(cells(core, 'team.create')).toMatchObject([{ subject: null }]);
    expect(cells(core, 'org.create')).toMatchObject([{ subject: null }]);
  });

  it('is found by the audit search: an address finds every event about that person, whatever its target', async () => {
    const { core } = await people();
    const page = await ok(core.invoke('audit:list', { filter: { target: 'ANA.LIMA@acme' } }));
    expect(page.rows.map((event) => event.action).sort()).toEqual(['account.create', 'member.add', 'org.member.add', 'team.member.add', 'team.member.remove']);
    expect(page.rows.every((event) => event.subject === 'ana.lima@acme.example')).toBe(true);
  });

  it("is found exactly by the person filter (a member's page): one address, in any case, never another that contains it", async () => {
    const { core } = await people();
    await ok(core.invoke('members:add', { email: 'diana.lima@acme.example' }));
    await ok(core.invoke('members:add', { email: 'a.lima@acme.example' }));
    const page = await ok(core.invoke('audit:list', { filter: { subject: 'ANA.LIMA@acme.example' } }));
    expect(page.total).toBe(5);
    expect(new Set(page.rows.map((event) => event.subject))).toEqual(new Set(['ana.lima@acme.example']));
    expect((await ok(core.invoke('audit:list', { filter: { target: 'a.lima@acme.example' } }))).total).toBeGreaterThan(page.total);
    expect(await core.invoke('audit:list', { filter: { subject: 'x'.repeat(255) } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'filter.subject', message: 'The person is at most 254 characters' }] },
    });
  });

  it('can be named, or left out, by the writer', async () => {
    const core = await coreWithEnterprise();
    const record = (subject?: string | null) => core.services.audit.record(new Date(), { type: 'app', name: 'test admin' }, { action: 'x.y', targetType: 'member', targetLabel: 'Label@Acme.example', subject });
    record('Other@Acme.example');
    record(null);
    record();
    expect(core.services.audit.list().slice(-3).map((event) => event.subject)).toEqual(['other@acme.example', null, 'label@acme.example']);
  });
});

describe('the actor of an audit event', () => {
  it('keeps the admin and the token when the actor names them, and a SCIM token as the token used', async () => {
    const core = await coreWithEnterprise();
    core.services.audit.record(new Date(), { type: 'app', name: 'server', admin: 'dana@acme.example', token: 'ci deploys' }, { action: 'org.create', targetType: 'organization' });
    core.services.audit.record(new Date(), { type: 'scim', name: 'Okta' }, { action: 'org.create', targetType: 'organization' });
    expect(cells(core, 'org.create')).toEqual([
      { subject: null, admin: 'dana@acme.example', token: 'ci deploys' },
      { subject: null, admin: null, token: 'Okta' },
    ]);
    expect(core.services.audit.list().slice(-2).map((event) => event.actor)).toEqual([
      { type: 'app', name: 'server', admin: 'dana@acme.example', token: 'ci deploys' },
      { type: 'scim', name: 'Okta' },
    ]);
  });
});
