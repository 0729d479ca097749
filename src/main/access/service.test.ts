import { describe, expect, it } from 'vitest';
import { addMembers, usage, value } from '../test-support/seats-helpers';
import { roleIn, setUp } from '../test-support/teams-helpers';

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

describe('access of an organization, a page at a time', () => {
  it('counts each person once however many paths they have, and pages by role then name with every path', async () => {
    const { core, engineering, ana, bo } = await setUp();
    const [cy, di] = await addMembers(core, 'cy@acme.com', 'di@acme.com');
    const devs = value(await core.invoke('teams:create', { name: 'Developers' }));
    const leads = value(await core.invoke('teams:create', { name: 'Leads', role: 'admin' }));
    value(await core.invoke('teams:addMembers', { teamId: devs.id, accountIds: [ana.accountId, bo.accountId, cy!.accountId] }));
    value(await core.invoke('teams:addMembers', { teamId: leads.id, accountIds: [ana.accountId] }));
    value(await core.invoke('teams:link', { teamId: devs.id, orgIds: [engineering.id] }));
    value(await core.invoke('teams:link', { teamId: leads.id, allOrgs: true }));
    value(await core.invoke('orgs:addMembers', { orgId: engineering.id, accountIds: [ana.accountId], role: 'member' }));
    value(await core.invoke('orgs:addMembers', { orgId: engineering.id, accountIds: [di!.accountId], role: 'owner' }));

    const rows = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const page = value(await core.invoke('access:org', { orgId: engineering.id, offset, limit: 2 }));
      expect(page.total).toBe(4);
      rows.push(...page.rows);
    }
    expect(rows.map((row) => [row.email, row.role, row.paths.length])).toEqual([
      ['di@acme.com', 'owner', 1],
      ['ana@acme.com', 'admin', 3],
      ['bo@acme.com', 'member', 1],
      ['cy@acme.com', 'member', 1],
    ]);
    expect(rows[1]!.paths).toEqual([
      { kind: 'team', teamId: leads.id, teamName: 'Leads', role: 'admin' },
      { kind: 'direct', role: 'member' },
      { kind: 'team', teamId: devs.id, teamName: 'Developers', role: 'member' },
    ]);
    expect(value(await core.invoke('access:org', { orgId: engineering.id, search: 'acme.com', limit: 1 })).total).toBe(4);
    expect(value(await core.invoke('access:org', { orgId: engineering.id, search: 'ana', limit: 1 }))).toMatchObject({ total: 1, rows: [{ paths: [{}, {}, {}] }] });
    expect(value(await core.invoke('access:org', { orgId: engineering.id, offset: 4 }))).toEqual({ total: 4, rows: [] });
  });

  it('breaks ties between teams by name as the database orders names, whatever the locale', async () => {
    const { core, engineering, ana } = await setUp();
    // localeCompare would put Émile before Zed; code point order of the name keys puts it after, as teams:list does.
    for (const name of ['Émile', 'Zed', 'alpha']) {
      const team = value(await core.invoke('teams:create', { name }));
      value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId] }));
      value(await core.invoke('teams:link', { teamId: team.id, orgIds: [engineering.id] }));
    }
    const listed = value(await core.invoke('teams:list')).map((team) => team.name);
    expect(listed).toEqual(['alpha', 'Zed', 'Émile']);
    const paths = (await roleIn(core, ana.accountId, 'Engineering'))!.paths;
    expect(paths.map((path) => (path.kind === 'team' ? path.teamName : 'direct'))).toEqual(listed);
  });
});
