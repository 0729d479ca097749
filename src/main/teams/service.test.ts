import { describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository';
import { auditOf, roleIn, setUp } from '../test-support/teams-helpers';
import { TEST_ACTOR } from '../test-support/temp-db';
import { addMembers, snapshot, usage, value } from '../test-support/seats-helpers';

const IDP = { type: 'scim' as const, name: 'Okta token' };

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

describe('"all organizations" and links by name', () => {
  it('together give one path per organization, and switching "all" off keeps the links by name', async () => {
    const { core, engineering, ana } = await setUp();
    const leads = value(await core.invoke('teams:create', { name: 'Leads', role: 'admin' }));
    value(await core.invoke('teams:addMembers', { teamId: leads.id, accountIds: [ana.accountId] }));
    value(await core.invoke('teams:link', { teamId: leads.id, orgIds: [engineering.id] }));
    const both = value(await core.invoke('teams:link', { teamId: leads.id, allOrgs: true }));
    expect(both).toMatchObject({ allOrgs: true, organizations: [{ id: engineering.id, name: 'Engineering' }] });
    // Linked twice over, Engineering is still reached by one path through Leads.
    expect(await roleIn(core, ana.accountId, 'Engineering')).toMatchObject({ role: 'admin', paths: [{ kind: 'team', teamName: 'Leads' }] });
    expect((await roleIn(core, ana.accountId, 'Engineering'))!.paths).toHaveLength(1);
    expect(value(await core.invoke('access:org', { orgId: engineering.id }))).toMatchObject({ total: 1, rows: [{ email: 'ana@acme.com', paths: [{}] }] });
    expect(await roleIn(core, ana.accountId, 'Product')).toMatchObject({ role: 'admin' });

    const off = value(await core.invoke('teams:unlink', { teamId: leads.id, allOrgs: true }));
    expect(off).toMatchObject({ allOrgs: false, organizations: [{ id: engineering.id, name: 'Engineering' }] });
    expect(await roleIn(core, ana.accountId, 'Engineering')).toMatchObject({ role: 'admin' });
    expect(await roleIn(core, ana.accountId, 'Product')).toBeNull();
  });

  it('refuse unlinking one organization from a team linked to all of them, and say what to do instead', async () => {
    const { core, engineering, product } = await setUp();
    const leads = value(await core.invoke('teams:create', { name: 'Leads' }));
    value(await core.invoke('teams:link', { teamId: leads.id, orgIds: [engineering.id] }));
    value(await core.invoke('teams:link', { teamId: leads.id, allOrgs: true }));
    const before = { links: core.db.prepare('SELECT * FROM team_orgs').all(), audit: snapshot(core).audit };
    for (const orgId of [engineering.id, product.id]) {
      const refused = await core.invoke('teams:unlink', { teamId: leads.id, orgIds: [orgId] });
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^Leads is linked to all organizations, which covers (Engineering|Product)/) } });
      expect(!refused.ok && refused.error.message).toMatch(/Unlink Leads from all organizations instead; its links to organizations by name are kept\. Nothing was unlinked\.$/);
    }
    expect(core.db.prepare('SELECT * FROM team_orgs').all()).toEqual(before.links);
    expect(snapshot(core).audit).toBe(before.audit);
  });
});

describe('deleting what access goes through', () => {
  it('an organization takes away the access teams gave there, their link, and nothing else', async () => {
    const { core, engineering, product, ana } = await setUp();
    const devs = value(await core.invoke('teams:create', { name: 'Developers' }));
    value(await core.invoke('teams:addMembers', { teamId: devs.id, accountIds: [ana.accountId] }));
    value(await core.invoke('teams:link', { teamId: devs.id, orgIds: [engineering.id, product.id] }));
    const seats = await usage(core);
    value(await core.invoke('orgs:remove', { id: engineering.id }));
    expect(value(await core.invoke('teams:get', { id: devs.id }))).toMatchObject({ memberCount: 1, organizations: [{ id: product.id }] });
    const access = value(await core.invoke('access:member', { accountId: ana.accountId }));
    expect(access.organizations.map((entry) => entry.org.name)).toEqual(['Product']);
    expect(await usage(core)).toEqual(seats);
  });

  it('a team takes it out of the pending invitations that named it; they still hold their seat and can be accepted', async () => {
    const { core, engineering } = await setUp();
    const devs = value(await core.invoke('teams:create', { name: 'Developers' }));
    const ops = value(await core.invoke('teams:create', { name: 'Ops' }));
    value(await core.invoke('invitations:create', { email: 'cy@acme.com', teamIds: [devs.id, ops.id], orgIds: [engineering.id] }));
    const seats = await usage(core);
    value(await core.invoke('teams:remove', { id: devs.id }));
    const invitation = value(await core.invoke('invitations:find', { email: 'cy@acme.com' }));
    expect(invitation.teams).toEqual([{ id: ops.id, name: 'Ops' }]);
    expect(await usage(core)).toEqual(seats);
    value(await core.invoke('invitations:accept', { id: invitation.id }));
    const cy = value(await core.invoke('members:find', { email: 'cy@acme.com' }));
    expect(value(await core.invoke('access:member', { accountId: cy.accountId })).teams).toEqual([{ id: ops.id, name: 'Ops', role: 'member' }]);
  });
});

describe('removing members from a team', () => {
  it('removes all it is given or, when one is not in the team, nobody, naming them', async () => {
    const { core, ana, bo } = await setUp();
    const team = value(await core.invoke('teams:create', { name: 'Platform' }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId] }));
    const before = snapshot(core);
    expect(await core.invoke('teams:removeMembers', { teamId: team.id, accountIds: [ana.accountId, bo.accountId] })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'bo@acme.com is not in Platform. Nobody was removed.' },
    });
    expect(snapshot(core)).toEqual(before);
    expect(value(await core.invoke('teams:get', { id: team.id })).memberCount).toBe(1);

    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [bo.accountId] }));
    expect(value(await core.invoke('teams:removeMembers', { teamId: team.id, accountIds: [bo.accountId, ana.accountId, bo.accountId] }))).toEqual({ removed: 2 });
    expect(value(await core.invoke('teams:get', { id: team.id })).memberCount).toBe(0);
    // One event each, in the order given, the repeat once.
    expect(auditOf(core, 'team.member.remove').map((event) => event.before)).toEqual([
      { accountId: bo.accountId, email: 'bo@acme.com' },
      { accountId: ana.accountId, email: 'ana@acme.com' },
    ]);
  });
});

describe('the audit log of teams', () => {
  it('records each change to a team with who made it, and before and after', async () => {
    const { core, engineering, ana } = await setUp();
    const team = value(await core.invoke('teams:create', { name: 'Platform' }));
    value(await core.invoke('teams:rename', { id: team.id, name: 'Core Platform' }));
    value(await core.invoke('teams:setRole', { id: team.id, role: 'admin' }));
    value(await core.invoke('teams:setRole', { id: team.id, role: 'admin' }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [ana.accountId] }));
    value(await core.invoke('teams:link', { teamId: team.id, orgIds: [engineering.id] }));
    value(await core.invoke('teams:link', { teamId: team.id, orgIds: [engineering.id] }));
    value(await core.invoke('teams:link', { teamId: team.id, allOrgs: true }));
    value(await core.invoke('teams:unlink', { teamId: team.id, allOrgs: true }));
    value(await core.invoke('teams:unlink', { teamId: team.id, orgIds: [engineering.id] }));
    value(await core.invoke('teams:removeMembers', { teamId: team.id, accountIds: [ana.accountId] }));

    const events = createAuditRepository(core.db)
      .list()
      .filter((event) => event.action.startsWith('team.'))
      .map(({ actor, action, targetType, targetId, targetLabel, before, after }) => ({ actor, action, targetType, targetId, targetLabel, before, after }));
    const common = { actor: TEST_ACTOR, targetType: 'team', targetId: String(team.id) };
    // Changes that change nothing (the same role, a link already there) write nothing.
    expect(events).toEqual([
      { ...common, action: 'team.create', targetLabel: 'Platform', before: null, after: { name: 'Platform', role: 'member', source: 'manual' } },
      { ...common, action: 'team.rename', targetLabel: 'Core Platform', before: { name: 'Platform' }, after: { name: 'Core Platform' } },
      { ...common, action: 'team.role', targetLabel: 'Core Platform', before: { role: 'member' }, after: { role: 'admin' } },
      { ...common, action: 'team.member.add', targetLabel: 'Core Platform', before: null, after: { accountId: ana.accountId, email: 'ana@acme.com' } },
      { ...common, action: 'team.link', targetLabel: 'Core Platform', before: null, after: { organizations: ['Engineering'] } },
      { ...common, action: 'team.link', targetLabel: 'Core Platform', before: null, after: { allOrgs: true } },
      { ...common, action: 'team.unlink', targetLabel: 'Core Platform', before: { allOrgs: true }, after: null },
      { ...common, action: 'team.unlink', targetLabel: 'Core Platform', before: { organizations: ['Engineering'] }, after: null },
      { ...common, action: 'team.member.remove', targetLabel: 'Core Platform', before: { accountId: ana.accountId, email: 'ana@acme.com' }, after: null },
    ]);
  });

  it('keeps, for a deleted team, its members, its organizations and the invitations that named it', async () => {
    const { core, engineering, product, ana, bo } = await setUp();
    const team = value(await core.invoke('teams:create', { name: 'Platform', role: 'admin' }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [bo.accountId, ana.accountId] }));
    value(await core.invoke('teams:link', { teamId: team.id, orgIds: [product.id, engineering.id] }));
    value(await core.invoke('teams:link', { teamId: team.id, allOrgs: true }));
    value(await core.invoke('invitations:create', { email: 'cy@acme.com', teamIds: [team.id] }));
    value(await core.invoke('teams:remove', { id: team.id }));
    expect(auditOf(core, 'team.remove')).toMatchObject([
      {
        targetId: String(team.id),
        targetLabel: 'Platform',
        before: {
          name: 'Platform',
          role: 'admin',
          source: 'manual',
          members: { count: 2, first: ['ana@acme.com', 'bo@acme.com'] },
          allOrgs: true,
          organizations: { count: 2, first: ['Engineering', 'Product'] },
          pendingInvitations: { count: 1, first: ['cy@acme.com'] },
        },
        after: null,
      },
    ]);
  });

  it('lists at most 50 of the members of a deleted team, and counts them all', async () => {
    const { core } = await setUp();
    value(await core.invoke('seats:set', { seats: 100 }));
    const people = await addMembers(core, ...Array.from({ length: 53 }, (_, i) => `p${String(i).padStart(2, '0')}@acme.com`));
    const team = value(await core.invoke('teams:create', { name: 'Everyone' }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: people.map((person) => person.accountId) }));
    value(await core.invoke('teams:remove', { id: team.id }));
    const [event] = auditOf(core, 'team.remove');
    const members = (event!.before as { members: { count: number; first: string[] } }).members;
    expect(members.count).toBe(53);
    expect(members.first).toHaveLength(50);
    expect(members.first.slice(0, 2)).toEqual(['p00@acme.com', 'p01@acme.com']);
  });
});
