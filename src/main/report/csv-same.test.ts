import { describe, expect, it } from 'vitest';
import { seatSourceLabels } from '@shared/schemas/members';
import type { ActivityBucket, ReportRow } from '@shared/schemas/report';
import type { Core } from '../core';
import { toCsv } from '../exports/csv';
import { value } from '../test-support/seats-helpers';
import { fixedClock, testCore } from '../test-support/temp-db';
import { REPORT_HEADER } from './csv-pages';

// The CSV is written cell by cell from its own pass over the members (csv-pages.ts,
// places.ts, RULED_IN_EMAIL_ORDER); the preview pages through RULED and names teams
// and organizations by query. Both must say the same of every member, on a store
// whose members sit on every edge of the rule (docs/RULES.md, A3) and of the CSV (A4).

const AS_OF = '2026-03-31T12:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;
const EDGE_AGES = [0, 1, 29, 30, 31, 59, 60, 61, 89, 90, 91, 99, 100, 101, 150, 400];
const NAMES = ['Ana', '=cmd', 'Bo, Jr.', 'Chloé "C"', '+44', '-minus', '@at', '王芳', '\tTab', 'line\nbreak', '＝wide'];

/** A generator of the same numbers on every run (mulberry32). */
function numbers(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % below);
  };
}

const at = (age: number, time: string) => `${new Date(Date.parse(AS_OF) - age * DAY).toISOString().slice(0, 10)}T${time}`;

async function store(members: number): Promise<Core> {
  const core = testCore({ now: fixedClock(AS_OF).now });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats: members + 10 }));
  const orgs: number[] = [];
  for (const name of ['Studio', '=SUM(A1)', 'Zürich, CH', 'alpha', 'Beta "B"']) orgs.push(value(await core.invoke('orgs:create', { name })).id);
  const teams: number[] = [];
  for (const name of ['Design', '+Growth', 'ops', 'Admins', 'Émigrés']) teams.push(value(await core.invoke('teams:create', { name, role: 'member' })).id);
  value(await core.invoke('teams:link', { teamId: teams[0]!, orgIds: [orgs[0]!, orgs[2]!] }));
  value(await core.invoke('teams:link', { teamId: teams[1]!, orgIds: [orgs[2]!, orgs[3]!] }));
  value(await core.invoke('teams:link', { teamId: teams[3]!, allOrgs: true }));
  const next = numbers(24);
  const pick = <T>(list: readonly T[]) => list[next(list.length)]!;
  const times = ['00:00:00.000Z', '09:30:00.000Z', '23:59:59.999Z'];
  const db = core.db;
  const account = db.prepare('INSERT INTO accounts (email, email_key, name, created_at, last_login_at, last_active_at) VALUES (?, ?, ?, ?, ?, ?)');
  const seat = db.prepare('INSERT INTO members (account_id, source, seat_since) VALUES (?, ?, ?)');
  const day = db.prepare('INSERT OR IGNORE INTO activity_days (account_id, day) VALUES (?, ?)');
  const inTeam = db.prepare("INSERT OR IGNORE INTO team_members (team_id, account_id, since) VALUES (?, ?, '2026-01-01T00:00:00.000Z')");
  const inOrg = db.prepare("INSERT OR IGNORE INTO org_memberships (org_id, account_id, role, since) VALUES (?, ?, 'member', '2026-01-01T00:00:00.000Z')");
  db.transaction(() => {
    for (let i = 0; i < members; i += 1) {
      const kind = next(6);
      // Opens at an edge age, logins before and after tracking began, activity after the moment reported, or nothing.
      const active = kind === 0 ? null : kind === 5 ? at(-2, pick(times)) : at(pick(EDGE_AGES), pick(times));
      const login = next(3) === 0 ? null : next(2) === 0 ? `2025-05-${pick(['01', '19', '20', '21'])}T${pick(times)}` : at(pick(EDGE_AGES), pick(times));
      const email = `${pick(['', '=', '-', 'Z', 'a'])}user${String(i).padStart(4, '0')}@${pick(['acme.com', 'Acme.com'])}`;
      const id = Number(account.run(email, email.toLowerCase(), `${pick(NAMES)} ${i}`, '2025-01-01T00:00:00.000Z', login, active).lastInsertRowid);
      seat.run(id, pick(Object.keys(seatSourceLabels)), at(pick(EDGE_AGES), pick(times)));
      if (kind === 5) day.run(id, at(pick(EDGE_AGES), '00:00:00.000Z').slice(0, 10));
      for (let t = next(4); t > 0; t -= 1) inTeam.run(pick(teams), id);
      for (let o = next(3); o > 0; o -= 1) inOrg.run(pick(orgs), id);
    }
  })();
  return core;
}

async function preview(core: Core, selection: Record<string, unknown> = {}): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = value(await core.invoke('report:page', { selection: { asOf: AS_OF, ...selection }, sort: { by: 'email', desc: false }, offset, limit: 500 }));
    rows.push(...page.rows);
    if (rows.length >= page.total) return rows;
  }
}

/** The preview's rows as the CSV must hold them, written by csv-stringify (toCsv). */
const expected = (rows: ReportRow[]) =>
  toCsv(
    REPORT_HEADER,
    rows.map((row) => [row.email, row.name, row.lastActive, row.teams.join('; '), row.organizations.join('; '), row.seatSince.slice(0, 10), seatSourceLabels[row.seatSource], row.daysInactive]),
  );

describe('the CSV and the preview', () => {
  it('say the same of every member, cell for cell, across the edge days of the rule', async () => {
    const core = await store(900);
    const rows = await preview(core);
    expect(rows).toHaveLength(900);
    const csv = core.services.reports.csv({ asOf: AS_OF, bom: false });
    expect(csv.ok && csv.value.content).toBe(expected(rows));
    // Every bucket and both kinds of Days Inactive occur, so the comparison covers the whole rule.
    const buckets = new Set<ActivityBucket>(rows.map((row) => row.bucket));
    expect([...buckets].sort()).toEqual(['blank', 'legacy', 'na', 'shown', 'upTo30', 'upTo60']);
    // The chart's buckets and the release of idle seats read the same rule.
    const summary = value(await core.invoke('report:summary', { asOf: AS_OF }));
    for (const bucket of buckets) expect(summary.buckets[bucket]).toBe(rows.filter((row) => row.bucket === bucket).length);
    const idle = value(await core.invoke('report:inactive', { asOf: AS_OF, inactiveDays: 60, includeScim: true, includeOwners: true, limit: 500 }));
    expect(idle.total).toBe(rows.filter((row) => row.idleDays > 60).length);
  });

  it('hold the same members when a filter narrows them, in the same order', async () => {
    const core = await store(300);
    for (const selection of [{ filter: 'active' }, { filter: 'inactive', inactiveDays: 30 }, { filter: 'na' }, { bucket: 'blank' }, { search: 'user01' }] as const) {
      const rows = await preview(core, selection);
      const csv = core.services.reports.csv({ asOf: AS_OF, bom: true, selection: { filter: 'all', inactiveDays: 90, search: '', ...selection } });
      expect(csv.ok && csv.value.content).toBe(`\uFEFF${expected(rows)}`);
    }
  });
});
