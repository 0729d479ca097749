import { describe, expect, it } from 'vitest';
import { createAuditRepository } from '../audit/repository';
import { coreWithEnterprise, fixedClock, testCore } from '../test/temp-db';
import { value } from '../test/seats-helpers';
import { nameKey } from '@shared/schemas/names';
import { demoOrgNames as orgNamesFor } from './org-names';
import { createRandom } from './random';
import { demoOrgCount, demoSeats } from './service';

async function demoCore(input: { members?: number; seed?: number }) {
  const core = testCore({ now: fixedClock('2026-06-01T12:00:00.000Z').now });
  const created = await core.invoke('enterprise:createDemo', input);
  if (!created.ok) throw new Error(created.error.message);
  return core;
}

async function demoOrgs(input: { members?: number; seed?: number }) {
  const core = await demoCore(input);
  return core.db.prepare('SELECT name, created_at AS createdAt FROM organizations ORDER BY id').all() as { name: string; createdAt: string }[];
}

/** Every row the demo wrote, table by table. */
async function demoContents(input: { members?: number; seed?: number }) {
  const core = await demoCore(input);
  return Object.fromEntries(
    ['enterprise', 'organizations', 'accounts', 'members', 'invitations', 'invitation_orgs', 'org_memberships', 'teams', 'team_members', 'team_orgs', 'audit_events'].map((table) => [
      table,
      core.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all(),
    ]),
  );
}

async function demoOrgNames(input: { members?: number; seed?: number }): Promise<string[]> {
  return (await demoOrgs(input)).map((org) => org.name);
}

describe('the demo enterprise', () => {
  it('is the same enterprise, to the second and row for row, for the same members, seed and clock', async () => {
    expect(await demoContents({ members: 1500, seed: 7 })).toEqual(await demoContents({ members: 1500, seed: 7 }));
  });

  it('has a past: set up 400 days ago, its organizations added over the year after, in order', async () => {
    const core = testCore({ now: fixedClock('2026-06-01T12:00:00.000Z').now });
    await core.invoke('enterprise:createDemo', { members: 2000 });
    const enterprise = await core.invoke('enterprise:get');
    expect(enterprise.ok && enterprise.value?.createdAt).toBe('2025-04-27T12:00:00.000Z');
    const created = (await demoOrgs({ members: 2000 })).map((org) => org.createdAt);
    expect([...created].sort()).toEqual(created);
    expect(created[0]! > '2025-04-27T12:00:00.000Z').toBe(true);
    expect(created.at(-1)! < '2026-04-28T00:00:00.000Z').toBe(true);
  });

  it('differs with the seed, and always starts with Engineering and Product', async () => {
    const one = await demoOrgNames({ members: 2000, seed: 1 });
    const two = await demoOrgNames({ members: 2000, seed: 2 });
    expect(one).not.toEqual(two);
    expect(one.slice(0, 2)).toEqual(['Engineering', 'Product']);
    expect(two.slice(0, 2)).toEqual(['Engineering', 'Product']);
  });

  it('is sized by its members: seats with room to spare, about one organization per 200 members', async () => {
    expect(demoSeats(120)).toBe(140);
    expect(demoSeats(8)).toBe(20);
    expect(demoOrgCount(120)).toBe(6);
    expect(demoOrgCount(100_000)).toBe(500);
    // 500 distinct names for the largest demo, without building its 100,000 members here.
    const names = orgNamesFor(500, createRandom(1));
    expect(names).toHaveLength(500);
    expect(new Set(names.map((name) => nameKey(name))).size).toBe(500);
    expect(await demoOrgNames({ members: 1400, seed: 1 })).toHaveLength(7);
  });

  it('is audited as the work of the demo generator, at the moment it really ran', async () => {
    const core = await demoCore({});
    const events = createAuditRepository(core.db).list();
    expect(new Set(events.map((event) => `${event.actor.type}:${event.actor.name}`))).toEqual(new Set(['system:demo generator']));
    expect(new Set(events.map((event) => event.at))).toEqual(new Set(['2026-06-01T12:00:00.000Z']));
  });

  it('has members who hold their seats for the reasons real ones do, pending and expired invitations, and owned organizations', async () => {
    const core = await demoCore({ members: 2000, seed: 3 });
    const usage = value(await core.invoke('seats:usage'));
    expect(usage).toMatchObject({ seats: 2270, members: 2000, pendingInvitations: 60 });
    expect(value(await core.invoke('seats:list', { filter: { status: 'expired' } })).total).toBe(20);
    const sources = core.db.prepare('SELECT source, count(*) AS n FROM members GROUP BY source').all() as { source: string; n: number }[];
    expect(sources.map((row) => row.source).sort()).toEqual(['domain_capture', 'import', 'invitation', 'manual', 'scim']);
    const orgs = value(await core.invoke('orgs:list'));
    expect(orgs.every((org) => org.ownerCount >= 1)).toBe(true);
    expect(orgs.find((org) => org.name === 'Engineering')!.memberCount).toBeGreaterThan(orgs.find((org) => org.name === 'Legal')?.memberCount ?? 0);
    const perMember = core.db.prepare('SELECT count(*) AS n FROM org_memberships GROUP BY account_id').pluck().all() as number[];
    expect(perMember).toHaveLength(2000);
    expect(Math.min(...perMember)).toBe(1);
    expect(Math.max(...perMember)).toBe(3);
  });

  it('has teams in the pattern of the seed: Admins on all organizations, Developers on Engineering, Product Managers on Product', async () => {
    const core = await demoCore({ members: 2000, seed: 3 });
    const teams = value(await core.invoke('teams:list'));
    expect(teams).toHaveLength(40);
    const byName = new Map(teams.map((team) => [team.name, team]));
    expect(byName.get('Admins')).toMatchObject({ role: 'admin', allOrgs: true, memberCount: 4 });
    expect(byName.get('Developers')).toMatchObject({ role: 'member', organizations: [{ name: 'Engineering' }], memberCount: 400 });
    expect(byName.get('Product Managers')).toMatchObject({ organizations: [{ name: 'Product' }] });
    expect(teams.some((team) => team.source === 'scim')).toBe(true);
    expect(teams.every((team) => team.memberCount >= 4 && (team.allOrgs || team.organizations.length >= 1))).toBe(true);
  });

  it.each([1, 2, 5, 8, 9, 10, 11])('works for as few as %i members', async (members) => {
    const core = await demoCore({ members });
    expect(value(await core.invoke('seats:usage'))).toMatchObject({ members, free: expect.any(Number) });
  });

  it('refuses a database that already holds an enterprise, and adds nothing to it', async () => {
    const core = await coreWithEnterprise();
    const result = await core.invoke('enterprise:createDemo', { members: 1000 });
    expect(result).toMatchObject({ ok: false, error: { code: 'ENTERPRISE_EXISTS' } });
    expect(core.db.prepare('SELECT count(*) FROM organizations').pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(1);
  });
});
