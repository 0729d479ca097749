import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { coreWithEnterprise } from '../test/temp-db';
import { addMembers, snapshot, usage, value } from '../test/seats-helpers';

const IDP = { type: 'scim' as const, name: 'Okta token' };

async function setUp() {
  const core = await coreWithEnterprise();
  const engineering = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  const product = value(await core.invoke('orgs:create', { name: 'Product' }));
  const [ana, bo] = await addMembers(core, 'ana@acme.com', 'bo@acme.com');
  return { core, engineering, product, ana: ana!, bo: bo! };
}

async function roleIn(core: Core, accountId: number, orgName: string) {
  const access = value(await core.invoke('access:member', { accountId }));
  return access.organizations.find((entry) => entry.org.name === orgName) ?? null;
}

describe('teams', () => {
  it('are created with a trimmed name unique ignoring case, a role (member by default) and source manual', async () => {
    const { core } = await setUp();
    const team = value(await core.invoke('teams:create', { name: '  Platform  ' }));
    expect(team).toMatchObject({ name: 'Platform', role: 'member', source: 'manual', allOrgs: false, memberCount: 0, organizations: [] });
    expect(await core.invoke('teams:create', { name: 'PLATFORM', role: 'admin' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await core.invoke('teams:create', { name: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.dispatch('teams:create', { name: 'Owners', role: 'owner' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('can be renamed and deleted; deleting one takes away its access but never a seat', async () => {
    const { core, engineering, ana } = await setUp();
    const team = value(await core.invoke('teams:create', { name: 'Platform', role: 'admin' }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId] }));
    value(await core.invoke('teams:link', { teamId: team.id, orgIds: [engineering.id] }));
    expect(value(await core.invoke('teams:rename', { id: team.id, name: 'Core Platform' })).name).toBe('Core Platform');
    const seats = await usage(core);
    value(await core.invoke('teams:remove', { id: team.id }));
    expect(await usage(core)).toEqual(seats);
    expect(await roleIn(core, ana.accountId, 'Engineering')).toBeNull();
  });

  it('take only people who hold a seat, all or nothing', async () => {
    const { core, ana, bo } = await setUp();
    const team = value(await core.invoke('teams:create', { name: 'Platform' }));
    value(await core.invoke('members:remove', { accountId: bo.accountId }));
    const before = snapshot(core);
    expect(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId, bo.accountId] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'bo@acme.com holds no seat, so cannot join Platform. Add them in Licenses first. Nobody was added.' },
    });
    expect(snapshot(core)).toEqual(before);
    expect(value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId, ana.accountId] }))).toEqual({ added: 1, alreadyMembers: 0 });
  });

  it('lose their members with the seat: releasing a member removes them from every team', async () => {
    const { core, ana } = await setUp();
    const team = value(await core.invoke('teams:create', { name: 'Platform' }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId] }));
    value(await core.invoke('members:remove', { accountId: ana.accountId }));
    expect(value(await core.invoke('teams:get', { id: team.id })).memberCount).toBe(0);
  });
});

describe('access', () => {
  it("gives a team's role in every organization linked to it", async () => {
    const { core, engineering, product, ana } = await setUp();
    const team = value(await core.invoke('teams:create', { name: 'Platform', role: 'admin' }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId] }));
    value(await core.invoke('teams:link', { teamId: team.id, orgIds: [engineering.id, product.id] }));
    const access = value(await core.invoke('access:member', { accountId: ana.accountId }));
    expect(access.organizations.map((entry) => [entry.org.name, entry.role])).toEqual([
      ['Engineering', 'admin'],
      ['Product', 'admin'],
    ]);
    expect(access.teams).toEqual([{ id: team.id, name: 'Platform', role: 'admin' }]);
  });

  it('is the highest of the direct role and every linked team, and says which path wins', async () => {
    const { core, engineering, ana } = await setUp();
    const devs = value(await core.invoke('teams:create', { name: 'Developers', role: 'member' }));
    const leads = value(await core.invoke('teams:create', { name: 'Leads', role: 'admin' }));
    for (const team of [devs, leads]) {
      value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId] }));
      value(await core.invoke('teams:link', { teamId: team.id, orgIds: [engineering.id] }));
    }
    value(await core.invoke('orgs:addMembers', { orgId: engineering.id, accountIds: [ana.accountId], role: 'member' }));
    expect(await roleIn(core, ana.accountId, 'Engineering')).toEqual({
      org: { id: engineering.id, name: 'Engineering' },
      role: 'admin',
      paths: [
        { kind: 'team', teamId: leads.id, teamName: 'Leads', role: 'admin' },
        { kind: 'direct', role: 'member' },
        { kind: 'team', teamId: devs.id, teamName: 'Developers', role: 'member' },
      ],
    });
    value(await core.invoke('orgs:setMemberRole', { orgId: engineering.id, accountId: ana.accountId, role: 'owner' }));
    expect(await roleIn(core, ana.accountId, 'Engineering')).toMatchObject({ role: 'owner', paths: [{ kind: 'direct', role: 'owner' }, {}, {}] });
  });

  it('removing someone from a team, or unlinking it, takes away only what that team gave', async () => {
    const { core, engineering, ana } = await setUp();
    const leads = value(await core.invoke('teams:create', { name: 'Leads', role: 'admin' }));
    value(await core.invoke('teams:addMembers', { teamId: leads.id, accountIds: [ana.accountId] }));
    value(await core.invoke('teams:link', { teamId: leads.id, orgIds: [engineering.id] }));
    value(await core.invoke('orgs:addMembers', { orgId: engineering.id, accountIds: [ana.accountId], role: 'member' }));

    value(await core.invoke('teams:unlink', { teamId: leads.id, orgIds: [engineering.id] }));
    expect(await roleIn(core, ana.accountId, 'Engineering')).toMatchObject({ role: 'member', paths: [{ kind: 'direct' }] });
    value(await core.invoke('teams:link', { teamId: leads.id, orgIds: [engineering.id] }));
    value(await core.invoke('teams:removeMembers', { teamId: leads.id, accountIds: [ana.accountId] }));
    expect(await roleIn(core, ana.accountId, 'Engineering')).toMatchObject({ role: 'member', paths: [{ kind: 'direct' }] });
    expect((await usage(core)).members).toBe(2);
  });

  it('through a team linked to all organizations covers an organization created later, at once', async () => {
    const { core, ana } = await setUp();
    const admins = value(await core.invoke('teams:create', { name: 'Admins', role: 'admin' }));
    value(await core.invoke('teams:addMembers', { teamId: admins.id, accountIds: [ana.accountId] }));
    expect(value(await core.invoke('teams:link', { teamId: admins.id, allOrgs: true })).allOrgs).toBe(true);
    const research = value(await core.invoke('orgs:create', { name: 'Research' }));
    expect(await roleIn(core, ana.accountId, 'Research')).toMatchObject({ role: 'admin', paths: [{ kind: 'team', teamName: 'Admins' }] });
    const people = value(await core.invoke('access:org', { orgId: research.id }));
    expect(people).toMatchObject({ total: 1, rows: [{ email: 'ana@acme.com', role: 'admin' }] });
    value(await core.invoke('teams:unlink', { teamId: admins.id, allOrgs: true }));
    expect(await roleIn(core, ana.accountId, 'Research')).toBeNull();
  });

  it('of an organization lists everyone who reaches it, highest role first, with how', async () => {
    const { core, engineering, ana, bo } = await setUp();
    const devs = value(await core.invoke('teams:create', { name: 'Developers' }));
    value(await core.invoke('teams:addMembers', { teamId: devs.id, accountIds: [ana.accountId, bo.accountId] }));
    value(await core.invoke('teams:link', { teamId: devs.id, orgIds: [engineering.id] }));
    value(await core.invoke('orgs:addMembers', { orgId: engineering.id, accountIds: [bo.accountId], role: 'owner' }));
    const page = value(await core.invoke('access:org', { orgId: engineering.id }));
    expect(page.total).toBe(2);
    expect(page.rows.map((row) => [row.email, row.role, row.paths.length])).toEqual([
      ['bo@acme.com', 'owner', 2],
      ['ana@acme.com', 'member', 1],
    ]);
    expect(value(await core.invoke('access:org', { orgId: engineering.id, search: 'ANA' })).total).toBe(1);
  });
});

describe('teams from the identity provider', () => {
  it('cannot be renamed, re-membered or deleted in the app, and say why; their role and links can change', async () => {
    const { core, engineering, ana } = await setUp();
    const synced = value(core.services.teams.create({ name: 'Okta Engineers', role: 'member' }, IDP, 'scim'));
    const why = expect.stringMatching(/^Okta Engineers is managed by your identity provider/);
    expect(await core.invoke('teams:rename', { id: synced.id, name: 'Other' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: why } });
    expect(await core.invoke('teams:remove', { id: synced.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: why } });
    expect(await core.invoke('teams:addMembers', { teamId: synced.id, accountIds: [ana.accountId] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.invoke('teams:removeMembers', { teamId: synced.id, accountIds: [ana.accountId] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.invoke('invitations:create', { email: 'new@acme.com', teamIds: [synced.id] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    expect(value(await core.invoke('teams:setRole', { id: synced.id, role: 'admin' })).role).toBe('admin');
    expect(value(await core.invoke('teams:link', { teamId: synced.id, orgIds: [engineering.id] })).organizations).toHaveLength(1);
    // SCIM itself may change its members.
    expect(value(core.services.teams.addMembers(synced.id, [ana.accountId], IDP, 'scim'))).toEqual({ added: 1, alreadyMembers: 0 });
  });
});

describe('invitations into teams', () => {
  it('add the new member to the teams named when the invitation is accepted', async () => {
    const { core, engineering } = await setUp();
    const devs = value(await core.invoke('teams:create', { name: 'Developers' }));
    value(await core.invoke('teams:link', { teamId: devs.id, orgIds: [engineering.id] }));
    const invitation = value(await core.invoke('invitations:create', { email: 'cy@acme.com', teamIds: [devs.id] }));
    expect(invitation.teams).toEqual([{ id: devs.id, name: 'Developers' }]);
    value(await core.invoke('invitations:accept', { id: invitation.id }));
    const cy = value(await core.invoke('members:find', { email: 'cy@acme.com' }));
    expect(await roleIn(core, cy.accountId, 'Engineering')).toMatchObject({ role: 'member', paths: [{ kind: 'team', teamName: 'Developers' }] });
    const [row] = value(await core.invoke('seats:list', { filter: { search: 'cy@' } })).rows;
    expect(row!.teams).toEqual([{ id: devs.id, name: 'Developers' }]);
  });
});
