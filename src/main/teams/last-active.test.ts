import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { memberSeen, value } from '../test-support/seats-helpers';
import { fixedClock, testCore } from '../test-support/temp-db';

const NOW = '2026-03-31T12:00:00.000Z';

/** Members of Platform seen as the report's edge cases are: the report's values, by address. */
async function setUp() {
  const core = testCore({ now: fixedClock(NOW).now });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats: 50 }));
  const team = value(await core.invoke('teams:create', { name: 'Platform' }));
  const seen = async (email: string, name: string, facts: { active?: string; login?: string } = {}) => (await memberSeen(core, email, facts)).accountId;
  const ids = [
    await seen('recent@acme.com', 'Recent', { active: '2026-03-30T09:00:00.000Z' }),
    await seen('blank@acme.com', 'Blank', { active: '2025-12-25T09:00:00.000Z' }),
    await seen('old@acme.com', 'Old', { active: '2025-10-01T09:00:00.000Z' }),
    await seen('never@acme.com', 'Never'),
    await seen('legacy@acme.com', 'Legacy', { login: '2025-05-01T09:00:00.000Z' }),
  ];
  // Not in the team: never listed.
  await seen('outside@acme.com', 'Outside');
  value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: ids }));
  return { core, team, ids };
}

async function reportValues(core: Core): Promise<Record<string, string>> {
  const report = value(await core.invoke('report:page', { selection: {}, limit: 100 }));
  return Object.fromEntries(report.rows.filter((row) => row.email !== 'outside@acme.com').map((row) => [row.email, row.lastActive]));
}

describe("a team's members show the one Last Active", () => {
  it("shows each member's Last Active exactly as the activity report does, with the exact time and the legacy case marked", async () => {
    const { core, team } = await setUp();
    const rows = value(await core.invoke('teams:members', { teamId: team.id })).rows;
    expect(Object.fromEntries(rows.map((row) => [row.email, row.lastActive]))).toEqual(await reportValues(core));
    expect(Object.fromEntries(rows.map((row) => [row.email, row.lastActive]))).toEqual({
      'recent@acme.com': '2026-03-30',
      'blank@acme.com': '',
      'old@acme.com': 'N/A',
      'never@acme.com': 'N/A',
      'legacy@acme.com': '2025-05-01',
    });
    expect(rows.find((row) => row.email === 'recent@acme.com')).toMatchObject({ lastActiveAt: '2026-03-30T09:00:00.000Z', lastActiveLegacy: false });
    expect(rows.find((row) => row.email === 'legacy@acme.com')).toMatchObject({ lastActiveAt: null, lastActiveLegacy: true });
  });

  it('follows the rule in Settings', async () => {
    const { core, team } = await setUp();
    value(await core.invoke('settings:update', { reportRule: { shownDays: 200, blankDays: 250, trackingSince: '2025-05-20' } }));
    const rows = value(await core.invoke('teams:members', { teamId: team.id })).rows;
    expect(rows.find((row) => row.email === 'blank@acme.com')?.lastActive).toBe('2025-12-25');
    expect(rows.find((row) => row.email === 'old@acme.com')?.lastActive).toBe('2025-10-01');
  });

  it('sorts by name by default, and by Last Active the most idle first (never active first) or the most recent first', async () => {
    const { core, team } = await setUp();
    const sorted = async (sort?: { by: 'name' | 'lastActive'; desc: boolean }) =>
      value(await core.invoke('teams:members', { teamId: team.id, ...(sort ? { sort } : {}) })).rows.map((row) => row.email);
    expect(await sorted()).toEqual(['blank@acme.com', 'legacy@acme.com', 'never@acme.com', 'old@acme.com', 'recent@acme.com']);
    expect(await sorted({ by: 'name', desc: true })).toEqual(['recent@acme.com', 'old@acme.com', 'never@acme.com', 'legacy@acme.com', 'blank@acme.com']);
    // As Licenses sorts them: by the last activity on record, those with none (never active, or a legacy login only) first.
    expect(await sorted({ by: 'lastActive', desc: false })).toEqual(['legacy@acme.com', 'never@acme.com', 'old@acme.com', 'blank@acme.com', 'recent@acme.com']);
    expect(await sorted({ by: 'lastActive', desc: true })).toEqual(['recent@acme.com', 'blank@acme.com', 'old@acme.com', 'never@acme.com', 'legacy@acme.com']);
    const seatsOrder = value(await core.invoke('seats:list', { filter: { teamId: team.id }, sort: { by: 'lastActive', desc: false }, limit: 100 })).rows.map((row) => row.email);
    expect(await sorted({ by: 'lastActive', desc: false })).toEqual(seatsOrder);
    // A page of the sorted list, searched.
    expect(value(await core.invoke('teams:members', { teamId: team.id, search: 'e', sort: { by: 'lastActive', desc: false }, offset: 1, limit: 2 })).rows.map((row) => row.email)).toEqual([
      'never@acme.com',
      'old@acme.com',
    ]);
  });

  it('refuses an unknown sort, naming the field', async () => {
    const { core, team } = await setUp();
    expect(await core.dispatch('teams:members', { teamId: team.id, sort: { by: 'idle', desc: false } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', issues: [{ path: 'sort.by', message: 'Sort by "name" or "lastActive"' }] },
    });
  });
});
