import { describe, expect, it } from 'vitest';
import { coreWithEnterprise } from '../test-support/temp-db';
import { addMembers, snapshot, usage, value } from '../test-support/seats-helpers';

async function setUp() {
  const core = await coreWithEnterprise();
  const org = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  const [ana, bo, cy] = await addMembers(core, 'ana@acme.com', 'bo@acme.com', 'cy@acme.com');
  return { core, org, ana: ana!, bo: bo!, cy: cy! };
}

describe('direct membership of an organization', () => {
  it('adds members with a role, lists owners first, and keeps the role of those already in', async () => {
    const { core, org, ana, bo, cy } = await setUp();
    expect(value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [bo.accountId, cy.accountId], role: 'member' }))).toEqual({
      added: 2,
      alreadyMembers: 0,
    });
    expect(value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana.accountId, bo.accountId], role: 'owner' }))).toEqual({
      added: 1,
      alreadyMembers: 1,
    });
    const listed = value(await core.invoke('orgs:members', { orgId: org.id })).rows;
    expect(listed.map((m) => [m.email, m.role])).toEqual([
      ['ana@acme.com', 'owner'],
      ['bo@acme.com', 'member'],
      ['cy@acme.com', 'member'],
    ]);
  });

  it('refuses, all or nothing, someone who holds no seat', async () => {
    const { core, org, ana, bo } = await setUp();
    value(await core.invoke('members:remove', { accountId: bo.accountId }));
    const before = snapshot(core);
    expect(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana.accountId, bo.accountId], role: 'member' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'bo@acme.com holds no seat, so cannot join Engineering. Add them in Licenses first. Nobody was added.' },
    });
    expect(snapshot(core)).toEqual(before);
  });

  it('changes a role and removes a member, neither of which frees a seat', async () => {
    const { core, org, ana } = await setUp();
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana.accountId], role: 'member' }));
    expect(value(await core.invoke('orgs:setMemberRole', { orgId: org.id, accountId: ana.accountId, role: 'admin' })).role).toBe('admin');
    const seatsBefore = await usage(core);
    expect(await core.invoke('orgs:removeMember', { orgId: org.id, accountId: ana.accountId })).toEqual({ ok: true, value: { orgId: org.id, accountId: ana.accountId } });
    expect(await usage(core)).toEqual(seatsBefore);
    expect(await core.invoke('orgs:removeMember', { orgId: org.id, accountId: ana.accountId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'ana@acme.com is not a direct member of Engineering.' },
    });
  });

  it('shows each organization with its members and owners, so a missing owner can be seen', async () => {
    const { core, org, ana, bo } = await setUp();
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana.accountId], role: 'owner' }));
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [bo.accountId], role: 'member' }));
    value(await core.invoke('orgs:create', { name: 'Empty' }));
    const listed = value(await core.invoke('orgs:list')).map((o) => [o.name, o.memberCount, o.ownerCount]);
    expect(listed).toEqual([
      ['Empty', 0, 0],
      ['Engineering', 2, 1],
    ]);
    expect(value(await core.invoke('orgs:get', { id: org.id }))).toMatchObject({ memberCount: 2, ownerCount: 1 });
  });

  it('pages and searches the members of a large organization, owners first', async () => {
    const core = await coreWithEnterprise({});
    value(await core.invoke('seats:set', { seats: 300 }));
    const org = value(await core.invoke('orgs:create', { name: 'Big' }));
    const ids: number[] = [];
    for (let i = 0; i < 250; i += 1) ids.push(value(await core.invoke('members:add', { email: `p${String(i).padStart(3, '0')}@acme.com` })).accountId);
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: ids, role: 'member' }));
    value(await core.invoke('orgs:setMemberRole', { orgId: org.id, accountId: ids[200]!, role: 'owner' }));

    const first = value(await core.invoke('orgs:members', { orgId: org.id, limit: 100 }));
    expect(first.total).toBe(250);
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]!.email).toBe('p200@acme.com');
    const last = value(await core.invoke('orgs:members', { orgId: org.id, offset: 200, limit: 100 }));
    expect(last.rows).toHaveLength(50);
    const found = value(await core.invoke('orgs:members', { orgId: org.id, search: 'P12' }));
    expect(found.total).toBe(10);
    expect(value(await core.invoke('orgs:members', { orgId: org.id, search: '_' })).total).toBe(0);
  });

  it("tells a member search each one's role in an organization, for pickers", async () => {
    const { core, org, ana } = await setUp();
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana.accountId], role: 'admin' }));
    const found = value(await core.invoke('members:search', { text: 'acme', orgId: org.id }));
    expect(found.map((m) => [m.email, m.orgRole])).toEqual([
      ['ana@acme.com', 'admin'],
      ['bo@acme.com', null],
      ['cy@acme.com', null],
    ]);
  });

  it('deleting an organization removes its memberships and invitations to it, never a seat', async () => {
    const { core, org, ana } = await setUp();
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana.accountId], role: 'owner' }));
    const invitation = value(await core.invoke('invitations:create', { email: 'dee@acme.com', orgIds: [org.id] }));
    const seatsBefore = await usage(core);
    value(await core.invoke('orgs:remove', { id: org.id }));
    expect(await usage(core)).toEqual(seatsBefore);
    expect(core.db.prepare('SELECT count(*) FROM org_memberships').pluck().get()).toBe(0);
    expect(value(core.services.invitations.get(invitation.id)).organizations).toEqual([]);
  });
});
