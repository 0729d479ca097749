import { describe, expect, it } from 'vitest';
import { addMembers, value } from '../test-support/seats-helpers';
import { fixedClock, testCore } from '../test-support/temp-db';

const NOW = '2026-03-01T09:00:00.000Z';
const IDP = { type: 'scim' as const, name: 'Okta token' };

async function setUp() {
  const core = testCore({ now: fixedClock(NOW).now });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats: 50 }));
  const engineering = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  const product = value(await core.invoke('orgs:create', { name: 'Product' }));
  const [ana, bo] = await addMembers(core, 'ana@acme.com', 'bo@acme.com');
  return { core, engineering, product, ana: ana!, bo: bo! };
}

describe('the teams that reach an organization', () => {
  it('lists teams linked to it by name and teams linked to all organizations, by name, with role, members and how', async () => {
    const { core, engineering, product, ana, bo } = await setUp();
    const platform = value(await core.invoke('teams:create', { name: 'Platform', role: 'admin' }));
    const leads = value(await core.invoke('teams:create', { name: 'leads' }));
    const design = value(await core.invoke('teams:create', { name: 'Design' }));
    const synced = value(core.services.teams.create({ name: 'Okta Engineers', role: 'member' }, IDP, 'scim'));
    value(await core.invoke('teams:addMembers', { teamId: platform.id, accountIds: [ana.accountId, bo.accountId] }));
    value(await core.invoke('teams:link', { teamId: platform.id, orgIds: [engineering.id] }));
    value(await core.invoke('teams:link', { teamId: leads.id, allOrgs: true }));
    value(await core.invoke('teams:link', { teamId: leads.id, orgIds: [engineering.id] }));
    value(await core.invoke('teams:link', { teamId: design.id, orgIds: [product.id] }));
    value(await core.invoke('teams:link', { teamId: synced.id, orgIds: [engineering.id] }));

    expect(value(await core.invoke('orgs:teams', { orgId: engineering.id }))).toEqual([
      { id: leads.id, name: 'leads', role: 'member', source: 'manual', memberCount: 0, via: 'allOrgs', linkedSince: NOW },
      { id: synced.id, name: 'Okta Engineers', role: 'member', source: 'scim', memberCount: 0, via: 'link', linkedSince: NOW },
      { id: platform.id, name: 'Platform', role: 'admin', source: 'manual', memberCount: 2, via: 'link', linkedSince: NOW },
    ]);
    expect(value(await core.invoke('orgs:teams', { orgId: product.id })).map((team) => [team.name, team.via, team.linkedSince])).toEqual([
      ['Design', 'link', NOW],
      ['leads', 'allOrgs', null],
    ]);
  });

  it('follows links and unlinks, and a member who loses their seat leaves the count', async () => {
    const { core, engineering, ana } = await setUp();
    const platform = value(await core.invoke('teams:create', { name: 'Platform' }));
    value(await core.invoke('teams:addMembers', { teamId: platform.id, accountIds: [ana.accountId] }));
    expect(value(await core.invoke('orgs:teams', { orgId: engineering.id }))).toEqual([]);
    value(await core.invoke('teams:link', { teamId: platform.id, orgIds: [engineering.id] }));
    expect(value(await core.invoke('orgs:teams', { orgId: engineering.id }))).toMatchObject([{ name: 'Platform', memberCount: 1 }]);
    value(await core.invoke('members:remove', { accountId: ana.accountId }));
    expect(value(await core.invoke('orgs:teams', { orgId: engineering.id }))).toMatchObject([{ name: 'Platform', memberCount: 0 }]);
    value(await core.invoke('teams:unlink', { teamId: platform.id, orgIds: [engineering.id] }));
    expect(value(await core.invoke('orgs:teams', { orgId: engineering.id }))).toEqual([]);
  });

  it('refuses an unknown organization and a bad id', async () => {
    const { core } = await setUp();
    expect(await core.invoke('orgs:teams', { orgId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no organization with id 999; it may have been removed meanwhile.' },
    });
    expect(await core.dispatch('orgs:teams', { orgId: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'orgId' }] } });
  });
});
