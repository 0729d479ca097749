import { describe, expect, it } from 'vitest';
import { memberSeen, value } from '../test-support/seats-helpers';
import { fixedClock, testCore } from '../test-support/temp-db';

const NOW = '2026-03-31T12:00:00.000Z';

/** Engineering's direct members, seen as the report's edge cases are. */
async function setUp() {
  const core = testCore({ now: fixedClock(NOW).now });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats: 50 }));
  const org = value(await core.invoke('orgs:create', { name: 'Engineering' }));
  const seen = async (email: string, facts: { active?: string; login?: string } = {}) => (await memberSeen(core, email, facts)).accountId;
  const recent = await seen('recent@acme.com', { active: '2026-03-30T09:00:00.000Z' });
  const blank = await seen('blank@acme.com', { active: '2025-12-25T09:00:00.000Z' });
  const never = await seen('never@acme.com');
  const legacy = await seen('legacy@acme.com', { login: '2025-05-01T09:00:00.000Z' });
  value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [recent, blank, never], role: 'member' }));
  value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [legacy], role: 'owner' }));
  return { core, org, recent };
}

describe("an organization's direct members show the one Last Active", () => {
  it('shows Last Active exactly as the activity report does', async () => {
    const { core, org } = await setUp();
    const rows = value(await core.invoke('orgs:members', { orgId: org.id })).rows;
    const report = value(await core.invoke('report:page', { selection: {}, limit: 100 })).rows;
    expect(Object.fromEntries(rows.map((row) => [row.email, row.lastActive]))).toEqual(Object.fromEntries(report.map((row) => [row.email, row.lastActive])));
    expect(rows).toMatchObject([
      { email: 'legacy@acme.com', role: 'owner', lastActive: '2025-05-01', lastActiveAt: null, lastActiveLegacy: true },
      { email: 'blank@acme.com', lastActive: '', lastActiveLegacy: false },
      { email: 'never@acme.com', lastActive: 'N/A', lastActiveAt: null },
      { email: 'recent@acme.com', lastActive: '2026-03-30', lastActiveAt: '2026-03-30T09:00:00.000Z' },
    ]);
  });

  it('sorts owners first by default, and by Last Active the most idle first or the most recent first', async () => {
    const { core, org } = await setUp();
    const sorted = async (sort?: { by: 'role' | 'lastActive'; desc: boolean }) =>
      value(await core.invoke('orgs:members', { orgId: org.id, ...(sort ? { sort } : {}) })).rows.map((row) => row.email);
    expect(await sorted()).toEqual(['legacy@acme.com', 'blank@acme.com', 'never@acme.com', 'recent@acme.com']);
    expect(await sorted({ by: 'lastActive', desc: false })).toEqual(['legacy@acme.com', 'never@acme.com', 'blank@acme.com', 'recent@acme.com']);
    expect(await sorted({ by: 'lastActive', desc: true })).toEqual(['recent@acme.com', 'blank@acme.com', 'never@acme.com', 'legacy@acme.com']);
    expect(await sorted({ by: 'role', desc: true })).toEqual(['recent@acme.com', 'never@acme.com', 'blank@acme.com', 'legacy@acme.com']);
  });

  it("gives a changed role back with the member's Last Active", async () => {
    const { core, org, recent } = await setUp();
    expect(value(await core.invoke('orgs:setMemberRole', { orgId: org.id, accountId: recent, role: 'admin' }))).toEqual({
      accountId: recent,
      email: 'recent@acme.com',
      name: '',
      role: 'admin',
      since: NOW,
      lastActive: '2026-03-30',
      lastActiveAt: '2026-03-30T09:00:00.000Z',
      lastActiveLegacy: false,
    });
  });

  it('refuses an unknown sort, naming the field', async () => {
    const { core, org } = await setUp();
    expect(await core.dispatch('orgs:members', { orgId: org.id, sort: { by: 'name', desc: false } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'sort.by', message: 'Sort by "role" or "lastActive"' }] },
    });
  });
});
