import { describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { memberSeen, value } from '../test-support/seats-helpers';
import { fixedClock, testCore } from '../test-support/temp-db';

const NOW = '2026-03-31T12:00:00.000Z';

async function setUp() {
  const core = testCore({ now: fixedClock(NOW).now });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats: 50 }));
  return core;
}

/** A member whose last open and last login are these (ISO 8601, or null): their account id. */
const member = async (core: Core, email: string, facts: { active?: string | null; login?: string | null } = {}) => (await memberSeen(core, email, facts)).accountId;

async function people(core: Core) {
  await member(core, 'recent@acme.com', { active: '2026-03-30T09:00:00.000Z' });
  await member(core, 'blank@acme.com', { active: '2025-12-25T09:00:00.000Z' });
  await member(core, 'old@acme.com', { active: '2025-10-01T09:00:00.000Z' });
  await member(core, 'never@acme.com');
  await member(core, 'legacy@acme.com', { login: '2025-05-01T09:00:00.000Z' });
  // An imported login since tracking began is recorded as activity too (activity/import.ts).
  await member(core, 'login-only@acme.com', { login: '2026-03-25T09:00:00.000Z', active: '2026-03-25T09:00:00.000Z' });
  value(await core.invoke('invitations:create', { email: 'invited@acme.com' }));
}

const emails = (rows: { email: string }[]) => rows.map((row) => row.email);

describe('Licenses shows the one Last Active', () => {
  it("shows each member's Last Active exactly as the activity report does, and none for an invitation", async () => {
    const core = await setUp();
    await people(core);
    const report = value(await core.invoke('report:page', { selection: {}, limit: 100 }));
    const expected = Object.fromEntries(report.rows.map((row) => [row.email, row.lastActive]));
    const rows = value(await core.invoke('seats:list', { limit: 100 })).rows;
    expect(Object.fromEntries(rows.filter((row) => row.kind === 'member').map((row) => [row.email, row.lastActive]))).toEqual(expected);
    expect(expected).toMatchObject({ 'recent@acme.com': '2026-03-30', 'blank@acme.com': '', 'old@acme.com': 'N/A', 'never@acme.com': 'N/A', 'legacy@acme.com': '2025-05-01', 'login-only@acme.com': '2026-03-25' });
    expect(rows.find((row) => row.kind === 'invitation')).toMatchObject({ email: 'invited@acme.com', lastActive: null, idleDays: null });
    // The command line's walk over every member shows the same.
    const walked = value(await core.invoke('members:list', { after: '', limit: 100 })).rows;
    expect(Object.fromEntries(walked.map((row) => [row.email, row.lastActive]))).toEqual(expected);
  });

  it('sorts the most idle first (never active first, invitations after every member), and the most recent first the other way', async () => {
    const core = await setUp();
    await people(core);
    const sorted = async (desc: boolean) => emails(value(await core.invoke('seats:list', { sort: { by: 'lastActive', desc }, limit: 100 })).rows);
    expect(await sorted(false)).toEqual(['legacy@acme.com', 'never@acme.com', 'old@acme.com', 'blank@acme.com', 'login-only@acme.com', 'recent@acme.com', 'invited@acme.com']);
    expect(await sorted(true)).toEqual(['recent@acme.com', 'login-only@acme.com', 'blank@acme.com', 'old@acme.com', 'never@acme.com', 'legacy@acme.com', 'invited@acme.com']);
  });

  it('filters by team, by organization (directly or through a team) and by days inactive', async () => {
    const core = await setUp();
    const ana = await member(core, 'ana@acme.com', { active: '2026-03-30T09:00:00.000Z' });
    const bo = await member(core, 'bo@acme.com', { active: '2025-11-01T09:00:00.000Z' });
    const cy = await member(core, 'cy@acme.com');
    value(await core.invoke('invitations:create', { email: 'invited@acme.com' }));
    const team = value(await core.invoke('teams:create', { name: 'Platform' }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [bo] }));
    const org = value(await core.invoke('orgs:create', { name: 'Engineering' }));
    value(await core.invoke('orgs:addMembers', { orgId: org.id, accountIds: [ana], role: 'member' }));
    const list = async (filter: Record<string, unknown>) => emails(value(await core.invoke('seats:list', { filter, limit: 100 })).rows).sort();

    expect(await list({ teamId: team.id })).toEqual(['bo@acme.com']);
    expect(await list({ orgId: org.id })).toEqual(['ana@acme.com']);
    value(await core.invoke('teams:link', { teamId: team.id, orgIds: [org.id] }));
    expect(await list({ orgId: org.id })).toEqual(['ana@acme.com', 'bo@acme.com']);
    // cy never active: idle since the seat, taken today, so not over 30 days.
    expect(await list({ inactiveDays: 30 })).toEqual(['bo@acme.com']);
    expect(await list({ inactiveDays: 0 })).toEqual(['bo@acme.com', 'ana@acme.com'].sort());
    expect(await list({ inactiveDays: 30, teamId: team.id, orgId: org.id })).toEqual(['bo@acme.com']);
    expect(value(await core.invoke('seats:list', { filter: { inactiveDays: 30 } })).total).toBe(1);
    expect(value(await core.invoke('seats:ids', { inactiveDays: 30 }))).toEqual({ accountIds: [bo], invitationIds: [] });
    expect(cy).toBeGreaterThan(0);
  });

  it('refuses a negative number of days inactive, naming the field', async () => {
    const core = await setUp();
    const refused = await core.invoke('seats:list', { filter: { inactiveDays: -1 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', issues: [{ path: 'filter.inactiveDays', message: 'Days inactive cannot be negative' }] } });
  });
});
