import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Core } from '../core';
import { memberSeen, value } from '../test-support/seats-helpers';
import { fixedClock, tempDir, testCore } from '../test-support/temp-db';

const DAY = 24 * 60 * 60 * 1000;

async function setUp(now = '2026-03-31T12:00:00.000Z') {
  const clock = fixedClock(now);
  const core = testCore({ now: clock.now });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats: 50 }));
  return { core, clock };
}

const member = memberSeen;

/** The instant `days` whole days before `iso`, at the given UTC time of day. */
function daysBefore(iso: string, days: number, time = '09:00:00.000Z') {
  return `${new Date(new Date(iso).getTime() - days * DAY).toISOString().slice(0, 10)}T${time}`;
}

async function lastActive(core: Core, asOf?: string) {
  const page = value(await core.invoke('report:page', { selection: { asOf }, limit: 500 }));
  return Object.fromEntries(page.rows.map((row) => [row.email, row.lastActive]));
}

describe('Last Active, by the rule of docs/RULES.md, A3', () => {
  it('shows the date up to 90 days, nothing from 91 to 100, and N/A after 100 days or never', async () => {
    const { core } = await setUp();
    const R = '2026-03-31T12:00:00.000Z';
    await member(core, 'age0@acme.com', { active: '2026-03-31T00:00:01.000Z' });
    await member(core, 'age90@acme.com', { active: daysBefore(R, 90, '23:59:59.000Z') });
    await member(core, 'age91@acme.com', { active: daysBefore(R, 91) });
    await member(core, 'age100@acme.com', { active: daysBefore(R, 100) });
    await member(core, 'age101@acme.com', { active: daysBefore(R, 101) });
    await member(core, 'never@acme.com');
    expect(await lastActive(core)).toEqual({
      'age0@acme.com': '2026-03-31',
      'age90@acme.com': '2025-12-31',
      'age91@acme.com': '',
      'age100@acme.com': '',
      'age101@acme.com': 'N/A',
      'never@acme.com': 'N/A',
    });
  });

  it('shows the last login of members last seen before tracking began, unless they were active since', async () => {
    const { core } = await setUp();
    await member(core, 'legacy@acme.com', { login: '2025-05-19T23:00:00.000Z' });
    await member(core, 'came-back@acme.com', { login: '2025-05-01T09:00:00.000Z', active: '2026-03-10T09:00:00.000Z' });
    await member(core, 'on-the-day@acme.com', { login: '2025-05-20T00:00:00.000Z' });
    expect(await lastActive(core)).toEqual({ 'legacy@acme.com': '2025-05-19', 'came-back@acme.com': '2026-03-10', 'on-the-day@acme.com': 'N/A' });
  });

  it('counts calendar days in UTC across a year boundary, as of a moment given', async () => {
    const { core } = await setUp();
    await member(core, 'eve@acme.com', { active: '2025-12-31T23:59:59.000Z' });
    await member(core, 'oct7@acme.com', { active: '2025-10-07T00:00:00.000Z' });
    await member(core, 'oct6@acme.com', { active: '2025-10-06T23:59:59.000Z' });
    // From 2025-10-07 to 2026-01-05 is 90 days; 2025-10-06 is 91.
    expect(await lastActive(core, '2026-01-05T00:00:00Z')).toEqual({ 'eve@acme.com': '2025-12-31', 'oct7@acme.com': '2025-10-07', 'oct6@acme.com': '' });
    const page = value(await core.invoke('report:page', { selection: { asOf: '2026-01-05T00:30:00+01:00' } }));
    // 00:30 at +01:00 is still 4 January in UTC.
    expect(page.asOf).toBe('2026-01-04T23:30:00.000Z');
  });

  it('does not count activity after the moment reported, using the last kept day before it', async () => {
    const { core } = await setUp();
    const ana = await member(core, 'ana@acme.com', { active: '2026-03-30T09:00:00.000Z' });
    core.db.prepare('INSERT INTO activity_days (account_id, day) VALUES (?, ?)').run(ana.accountId, '2026-03-02');
    expect(await lastActive(core, '2026-03-15T00:00:00Z')).toEqual({ 'ana@acme.com': '2026-03-02' });
  });

  it('follows the rule set in Settings', async () => {
    const { core } = await setUp();
    await member(core, 'ana@acme.com', { active: daysBefore('2026-03-31T12:00:00Z', 40) });
    await member(core, 'bo@acme.com', { login: '2025-08-01T09:00:00.000Z' });
    value(await core.invoke('settings:update', { reportRule: { shownDays: 30, blankDays: 45, trackingSince: '2025-09-01' } }));
    expect(await lastActive(core)).toEqual({ 'ana@acme.com': '', 'bo@acme.com': '2025-08-01' });
    expect(await core.invoke('settings:update', { reportRule: { shownDays: 30, blankDays: 20, trackingSince: '2025-09-01' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe('the report preview and summary', () => {
  it('lists every member with teams, organizations, seat and days inactive, sorted and filtered in the store', async () => {
    const { core } = await setUp();
    await member(core, 'ana@acme.com', { active: '2026-03-30T09:00:00.000Z' });
    await member(core, 'bo@acme.com', { active: '2025-11-01T09:00:00.000Z' });
    await member(core, 'cy@acme.com');
    const team = value(await core.invoke('teams:create', { name: 'Design', role: 'member' }));
    const org = value(await core.invoke('orgs:create', { name: 'Studio' }));
    value(await core.invoke('teams:link', { teamId: team.id, orgIds: [org.id] }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [1] }));
    const page = value(await core.invoke('report:page', { sort: { by: 'daysInactive', desc: true } }));
    // Past the shown span the date is not kept, nor its age: days inactive only where Last Active has a date.
    expect(page.rows.map((row) => [row.email, row.daysInactive, row.idleDays, row.bucket])).toEqual([
      ['ana@acme.com', 1, 1, 'upTo30'],
      ['bo@acme.com', null, 150, 'na'],
      ['cy@acme.com', null, 0, 'na'],
    ]);
    expect(page.rows[0]).toMatchObject({ teams: ['Design'], organizations: ['Studio'], seatSource: 'manual' });
    const active = value(await core.invoke('report:page', { selection: { filter: 'active' } }));
    expect(active.rows.map((row) => row.email)).toEqual(['ana@acme.com']);
    const inactive = value(await core.invoke('report:page', { selection: { filter: 'inactive', inactiveDays: 90 } }));
    expect(inactive.rows.map((row) => row.email)).toEqual(['bo@acme.com']);
  });

  it('counts members per bucket and per day of the window', async () => {
    const { core } = await setUp();
    await member(core, 'ana@acme.com', { active: '2026-03-30T09:00:00.000Z' });
    await member(core, 'bo@acme.com', { active: '2026-03-30T10:00:00.000Z' });
    await member(core, 'cy@acme.com', { active: daysBefore('2026-03-31T12:00:00Z', 95) });
    await member(core, 'di@acme.com', { login: '2025-01-01T00:00:00.000Z' });
    const summary = value(await core.invoke('report:summary'));
    expect(summary.buckets).toEqual({ upTo30: 2, upTo60: 0, shown: 0, blank: 1, na: 0, legacy: 1 });
    expect(summary.members).toBe(4);
    expect(summary.daily).toHaveLength(91);
    expect(summary.daily.at(0)).toEqual({ day: '2025-12-31', members: 0 });
    expect(summary.daily.find((entry) => entry.day === '2026-03-30')).toEqual({ day: '2026-03-30', members: 2 });
  });

  it('counts idle members for release, never-active ones from their seat date', async () => {
    const { core, clock } = await setUp();
    await member(core, 'quiet@acme.com', { active: daysBefore('2026-03-31T12:00:00Z', 120) });
    await member(core, 'old-seat@acme.com');
    clock.advance(100 * DAY);
    await member(core, 'new-seat@acme.com');
    const idle = value(await core.invoke('report:inactive', { inactiveDays: 90 }));
    expect(idle.total).toBe(2);
    const released = value(await core.invoke('seats:release', { accountIds: idle.accountIds }));
    expect(released.members).toBe(2);
    expect(value(await core.invoke('report:page')).rows.map((row) => row.email)).toEqual(['new-seat@acme.com']);
  });
});

describe('the CSV', () => {
  it('is RFC 4180 with CRLF, quotes what needs it, keeps non-Latin names and neutralises formulas', async () => {
    const { core } = await setUp();
    const names = ['Lima, Ana', 'Bo "the" Builder', 'Line\nbreak', '李小龍', '=HYPERLINK("x")', '+1', '-1', '@SUM(A1)', '\tTab', '\rCR', '＝1+2', '=multi\nline'];
    for (const [index, name] of names.entries()) value(await core.invoke('members:add', { email: `p${String(index).padStart(2, '0')}@acme.com`, name: name.replace(/[\n\r\t]/g, ' ') }));
    // Names are one line when typed in; an import or SCIM could still bring odd ones, so write them straight in.
    for (const [index, name] of names.entries()) core.db.prepare('UPDATE accounts SET name = ? WHERE email_key = ?').run(name, `p${String(index).padStart(2, '0')}@acme.com`);
    const { content, fileName, rows } = value(core.services.reports.csv({ bom: true }));
    expect(fileName).toBe('roster-activity-2026-03-31.csv');
    expect(rows).toBe(names.length);
    expect(content.startsWith('\uFEFFEmail,Name,Last Active,Teams,Organizations,Seat Since,Seat Source,Days Inactive\r\n')).toBe(true);
    expect(content).toContain('p00@acme.com,"Lima, Ana",N/A,,,2026-03-31,Added by hand,\r\n');
    expect(content).toContain('"Bo ""the"" Builder"');
    expect(content).toContain('"Line\nbreak"');
    const parsed = parse(content, { bom: true, columns: true }) as Record<string, string>[];
    expect(parsed.map((row) => row.Name)).toEqual([
      'Lima, Ana',
      'Bo "the" Builder',
      'Line\nbreak',
      '李小龍',
      `'=HYPERLINK("x")`,
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tTab",
      "'\rCR",
      "'＝1+2",
      "'=multi\nline",
    ]);
  });
});

describe('the CSV file', () => {
  it('writes the same report to a file as the app exports, replacing an older one whole', async () => {
    const { core } = await setUp();
    await member(core, 'ana@acme.com', { active: '2026-03-30T09:00:00.000Z' });
    await member(core, 'bo@acme.com', { login: '2025-01-01T00:00:00.000Z' });
    const team = value(await core.invoke('teams:create', { name: 'Design', role: 'member' }));
    const everywhere = value(await core.invoke('teams:create', { name: 'Admins', role: 'admin' }));
    const studio = value(await core.invoke('orgs:create', { name: 'Studio' }));
    value(await core.invoke('orgs:create', { name: 'Atelier' }));
    value(await core.invoke('teams:link', { teamId: team.id, orgIds: [studio.id] }));
    value(await core.invoke('teams:link', { teamId: everywhere.id, allOrgs: true }));
    value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: [1] }));
    value(await core.invoke('teams:addMembers', { teamId: everywhere.id, accountIds: [2] }));
    const file = path.join(tempDir(), 'report.csv');
    fs.writeFileSync(file, 'an older report');
    const written = value(await core.services.reports.writeCsv(file, { bom: true }));
    expect(written).toMatchObject({ path: file, rows: 2 });
    const content = fs.readFileSync(file, 'utf8');
    expect(content).toBe(value(core.services.reports.csv({ bom: true })).content);
    expect(content).toContain('ana@acme.com,,2026-03-30,Design,Studio,');
    expect(content).toContain('bo@acme.com,,2025-01-01,Admins,Atelier; Studio,');
  });

  it('holds only the members a filter of the Activity screen lists, when asked, as report:page lists them', async () => {
    const { core } = await setUp();
    await member(core, 'ana@acme.com', { active: '2026-03-30T09:00:00.000Z' });
    await member(core, 'bo@acme.com', { active: daysBefore('2026-03-31T12:00:00Z', 120) });
    await member(core, 'cy@acme.com', { active: daysBefore('2026-03-31T12:00:00Z', 95) });
    const selection = { filter: 'inactive' as const, inactiveDays: 90, search: '' };
    const listed = value(await core.invoke('report:page', { selection }));
    const exported = value(await core.invoke('report:export', { bom: false, selection }));
    expect(exported).toMatchObject({ kind: 'download', fileName: 'roster-activity-2026-03-31-filtered.csv', rows: 2 });
    const rows = parse(exported.kind === 'download' ? exported.content : '', { columns: true }) as { Email: string }[];
    expect(rows.map((row) => row.Email)).toEqual(listed.rows.map((row) => row.email));
    expect(rows.map((row) => row.Email)).toEqual(['bo@acme.com', 'cy@acme.com']);
    // A search and a bucket narrow it the same way; no selection is the whole report, as before.
    const searched = value(await core.invoke('report:export', { bom: false, selection: { filter: 'all', search: 'CY', bucket: 'blank' } }));
    expect(searched).toMatchObject({ rows: 1 });
    expect(value(await core.invoke('report:export', { bom: false }))).toMatchObject({ fileName: 'roster-activity-2026-03-31.csv', rows: 3 });
    expect(await core.invoke('report:export', { selection: { filter: 'some' } } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('a login since tracking began is activity (docs/RULES.md, A1)', () => {
  it('shows a member whose only event is a login as active that day, by the same ages as an open', async () => {
    const { core } = await setUp();
    const R = '2026-03-31T12:00:00.000Z';
    await member(core, 'six-days@acme.com', { login: daysBefore(R, 6) });
    await member(core, 'login-90@acme.com', { login: daysBefore(R, 90) });
    await member(core, 'login-95@acme.com', { login: daysBefore(R, 95) });
    await member(core, 'login-101@acme.com', { login: daysBefore(R, 101) });
    // A later login wins over an earlier open, and a later open over an earlier login.
    await member(core, 'login-after-open@acme.com', { active: daysBefore(R, 40), login: daysBefore(R, 3) });
    await member(core, 'open-after-login@acme.com', { active: daysBefore(R, 2), login: daysBefore(R, 30) });
    expect(await lastActive(core)).toEqual({
      'six-days@acme.com': '2026-03-25',
      'login-90@acme.com': '2025-12-31',
      'login-95@acme.com': '',
      'login-101@acme.com': 'N/A',
      'login-after-open@acme.com': '2026-03-28',
      'open-after-login@acme.com': '2026-03-29',
    });
  });

  it('keeps the legacy rule for logins before tracking began, the day it began counting as tracked', async () => {
    const { core } = await setUp('2025-06-10T12:00:00.000Z');
    await member(core, 'day-before@acme.com', { login: '2025-05-19T23:59:59.000Z' });
    await member(core, 'first-day@acme.com', { login: '2025-05-20T00:00:00.000Z' });
    expect(await lastActive(core)).toEqual({ 'day-before@acme.com': '2025-05-19', 'first-day@acme.com': '2025-05-20' });
    const page = value(await core.invoke('report:page', { selection: {}, limit: 10 }));
    expect(Object.fromEntries(page.rows.map((row) => [row.email, row.bucket]))).toEqual({ 'day-before@acme.com': 'legacy', 'first-day@acme.com': 'upTo30' });
  });

  it('follows the tracking day set in Settings', async () => {
    const { core } = await setUp();
    await member(core, 'march@acme.com', { login: '2026-03-01T09:00:00.000Z' });
    expect(await lastActive(core)).toEqual({ 'march@acme.com': '2026-03-01' });
    const settings = value(await core.invoke('settings:get'));
    value(await core.invoke('settings:update', { reportRule: { ...settings.reportRule, trackingSince: '2026-03-02' } }));
    // Before tracking began, the login is only a login: the legacy rule shows its date.
    expect(Object.fromEntries(value(await core.invoke('report:page', { selection: {}, limit: 10 })).rows.map((row) => [row.email, row.bucket]))).toEqual({ 'march@acme.com': 'legacy' });
  });

  it('does not count a login after the moment a report is made as of', async () => {
    const { core } = await setUp();
    await member(core, 'late@acme.com', { login: '2026-03-20T09:00:00.000Z' });
    expect(await lastActive(core, '2026-03-10T00:00:00.000Z')).toEqual({ 'late@acme.com': 'N/A' });
    expect(await lastActive(core, '2026-03-20T10:00:00.000Z')).toEqual({ 'late@acme.com': '2026-03-20' });
  });
});
