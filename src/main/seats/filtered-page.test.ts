import { describe, expect, it } from 'vitest';
import type { SeatFilter, SeatListStatus, SeatRow, SeatSortColumn } from '@shared/schemas/licenses';
import type { Core } from '../core';
import { containsPattern } from '../db/like';
import { INVITEE_HOLDS_SEAT } from '../members/sql';
import { DAY_MS, usage, value } from '../test-support/seats-helpers';
import { fixedClock, testCore } from '../test-support/temp-db';

/**
 * The Licenses rows as they were defined before the rows that match were chosen by a few
 * columns and the invitees' seats were kept (0023): one straightforward query over every
 * row, each invitee looked up. Every page and total must be this query's.
 */
const EVERY_ROW = `
  SELECT 'member' AS kind, a.id AS account_id, NULL AS invitation_id, a.email, a.email_key, a.name, a.name_fold, a.sort_key,
         'member' AS status, m.source, m.seat_since AS since, NULL AS expires_at, a.last_active_at, 1 AS holds_seat
  FROM members m JOIN accounts a ON a.id = m.account_id
  UNION ALL
  SELECT 'invitation', NULL, i.id, i.email, i.email_key, '', '', i.email_key,
         CASE WHEN i.expires_at > @now THEN 'pending' ELSE 'expired' END, 'invitation', i.sent_at, i.expires_at, NULL,
         CASE WHEN i.expires_at > @now AND NOT ${INVITEE_HOLDS_SEAT} THEN 1 ELSE 0 END
  FROM invitations i WHERE i.status = 'pending'`;

const STATUS: Record<SeatListStatus, string> = { seats: 'holds_seat = 1', member: "status = 'member'", pending: "status = 'pending'", expired: "status = 'expired'" };
const COLUMN: Record<SeatSortColumn, string> = { name: 'sort_key', email: 'email_key', status: 'status', source: 'source', since: 'since', lastActive: 'last_active_at' };

interface Expected {
  ids: string[];
  rows: Pick<SeatRow, 'id' | 'email' | 'name' | 'status' | 'holdsSeat' | 'source' | 'since' | 'expiresAt' | 'lastActiveAt'>[];
  total: number;
}

function expected(core: Core, now: Date, filter: Partial<SeatFilter>, sort: { by: SeatSortColumn; desc: boolean }, offset: number, limit: number): Expected {
  const conditions = [STATUS[filter.status ?? 'seats']];
  const params: Record<string, unknown> = { now: now.toISOString() };
  if (filter.search?.trim()) {
    conditions.push("(email_key LIKE @pattern ESCAPE '\\' OR name_fold LIKE @pattern ESCAPE '\\')");
    params.pattern = containsPattern(filter.search.trim());
  }
  if (filter.sources?.length) {
    conditions.push('source IN (SELECT value FROM json_each(@sources))');
    params.sources = JSON.stringify(filter.sources);
  }
  if (filter.teamId !== undefined) {
    conditions.push("kind = 'member' AND account_id IN (SELECT account_id FROM team_members WHERE team_id = @teamId)");
    params.teamId = filter.teamId;
  }
  const dir = sort.desc ? 'DESC' : 'ASC';
  const order =
    sort.by === 'lastActive'
      ? `kind = 'invitation', last_active_at ${dir} NULLS ${sort.desc ? 'LAST' : 'FIRST'}, email_key ${dir}`
      : `${COLUMN[sort.by]} ${dir} NULLS LAST, email_key ${dir}`;
  const where = conditions.join(' AND ');
  const raw = core.db.prepare(`SELECT * FROM (${EVERY_ROW}) WHERE ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as {
    kind: string;
    account_id: number | null;
    invitation_id: number | null;
    email: string;
    name: string;
    status: SeatRow['status'];
    holds_seat: number;
    source: SeatRow['source'];
    since: string;
    expires_at: string | null;
    last_active_at: string | null;
  }[];
  const rows = raw.map((row) => ({
    id: row.kind === 'member' ? `member:${row.account_id}` : `invitation:${row.invitation_id}`,
    email: row.email,
    name: row.name,
    status: row.status,
    holdsSeat: row.holds_seat === 1,
    source: row.source,
    since: row.since,
    expiresAt: row.expires_at,
    lastActiveAt: row.last_active_at,
  }));
  const total = core.db.prepare(`SELECT count(*) FROM (${EVERY_ROW}) WHERE ${where}`).pluck().get(params) as number;
  return { ids: rows.map((row) => row.id), rows, total };
}

/**
 * Members found by name and by address, accents, an account the index names that holds no seat,
 * invitations live, expired, revoked, accepted and to a member's address, a team, and Last Active
 * set for some (with ties). No two rows a status shows tie in every sort key.
 */
async function licenses() {
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const core = testCore({ now: clock.now });
  value(await core.invoke('enterprise:create', { name: 'Northwind', seats: 50 }));
  const hour = () => clock.advance(3_600_000);
  const people: [string, string?][] = [
    ['emile.zola@acme.com', 'Émile Zola'],
    ['ana.lima@acme.com', 'Ana Lima'],
    ['bean@acme.com', 'Lima Bean'],
    ['lima.bo@acme.com', 'Bo'],
    ['zoe@lima.example', 'Zoë'],
    ['plain@acme.com'],
    ['percent@acme.com', '100% Lime'],
    ['li.wei@acme.com', 'Li Wei'],
  ];
  const accounts: Record<string, number> = {};
  for (const [email, name] of people) {
    accounts[email] = value(await core.invoke('members:add', { email, ...(name ? { name } : {}) })).accountId;
    hour();
  }
  // An account the search index names that holds no seat.
  const gone = value(await core.invoke('members:add', { email: 'lima.gone@acme.com', name: 'Lima Gone' }));
  value(await core.invoke('members:remove', { accountId: gone.accountId }));
  // A member who came by invitation, invitations live, to a member, to be revoked, and to expire.
  const accepted = value(await core.invoke('invitations:create', { email: 'joined.lima@acme.com' }));
  value(await core.invoke('invitations:accept', { id: accepted.id }));
  hour();
  for (const email of ['lima.invited@acme.com', 'ana.lima@acme.com', 'emile.invited@acme.com', 'old.lima@acme.com', 'revoked.lima@acme.com', 'zz@acme.com']) {
    value(await core.invoke('invitations:create', { email }));
    hour();
  }
  core.db.prepare("UPDATE invitations SET status = 'revoked', revoked_at = sent_at WHERE email_key = 'revoked.lima@acme.com'").run();
  core.db.prepare("UPDATE invitations SET expires_at = '2026-03-02T00:00:00.000Z' WHERE email_key = 'old.lima@acme.com'").run();
  core.db.prepare("UPDATE accounts SET last_active_at = '2026-02-0' || (id % 3 + 1) || 'T09:00:00.000Z' WHERE id % 2 = 0").run();
  const team = value(await core.invoke('teams:create', { name: 'Lima team' }));
  value(await core.invoke('teams:addMembers', { teamId: team.id, accountIds: ['ana.lima@acme.com', 'lima.bo@acme.com', 'plain@acme.com'].map((email) => accounts[email]!) }));
  clock.advance(DAY_MS);
  return { core, clock, teamId: team.id };
}

const SORTS: SeatSortColumn[] = ['name', 'email', 'lastActive', 'since', 'status', 'source'];

async function expectSame(core: Core, now: Date, filter: Partial<SeatFilter>, label: string) {
  for (const by of SORTS) {
    for (const desc of [false, true]) {
      const whole = expected(core, now, filter, { by, desc }, 0, 100);
      for (const [offset, limit] of [
        [0, 50],
        [0, 2],
        [3, 2],
        [whole.total - 1, 2],
        [whole.total + 4, 2],
      ] as const) {
        if (offset < 0) continue;
        const page = value(await core.invoke('seats:list', { filter, sort: { by, desc }, offset, limit }));
        const want = expected(core, now, filter, { by, desc }, offset, limit);
        const where = `${label} by ${by} ${desc ? 'desc' : 'asc'} at ${offset}+${limit}`;
        expect(page.total, where).toBe(want.total);
        expect(
          page.rows.map(({ id, email, name, status, holdsSeat, source, since, expiresAt, lastActiveAt }) => ({ id, email, name, status, holdsSeat, source, since, expiresAt, lastActiveAt })),
          where,
        ).toEqual(want.rows);
      }
    }
  }
}

describe('Licenses pages, against the straightforward query over every row', () => {
  it('match for every search, status and sort: hits by name or by address, accents, short searches, none', async () => {
    const { core, clock } = await licenses();
    const statuses: SeatListStatus[] = ['seats', 'member', 'pending', 'expired'];
    for (const status of statuses) {
      for (const search of ['', 'lima', 'LIMA', 'émile', 'zoë', 'a l', 'li', 'l', '100%', 'invited', 'nobody']) {
        await expectSame(core, clock.now(), { status, search }, `${status} "${search}"`);
      }
    }
    // The search found names and addresses alike, and the expired, revoked and seatless were not among the seats.
    const lima = expected(core, clock.now(), { search: 'lima' }, { by: 'name', desc: false }, 0, 100).rows.map((row) => row.email);
    expect(lima).toEqual(expect.arrayContaining(['bean@acme.com', 'lima.bo@acme.com', 'zoe@lima.example', 'lima.invited@acme.com', 'joined.lima@acme.com']));
    expect(lima).not.toEqual(expect.arrayContaining(['lima.gone@acme.com']));
    expect(lima.filter((email) => ['old.lima@acme.com', 'revoked.lima@acme.com', 'lima.gone@acme.com'].includes(email))).toEqual([]);
  }, 120_000);

  it('match with sources and a team, alone and with a search', async () => {
    const { core, clock, teamId } = await licenses();
    for (const search of ['', 'lima', 'li']) {
      await expectSame(core, clock.now(), { search, sources: ['invitation'] }, `invitation source "${search}"`);
      await expectSame(core, clock.now(), { search, sources: ['manual', 'invitation'] }, `two sources "${search}"`);
      await expectSame(core, clock.now(), { search, teamId }, `team "${search}"`);
    }
  });

  it('count the seats in use as the rows do, as an invitee takes a seat, a member leaves (the invitations to them revoked) and invitations expire', async () => {
    const { core, clock } = await licenses();
    const inUse = async () => {
      const seats = await usage(core);
      const listed = value(await core.invoke('seats:list', { limit: 1 })).total;
      const counted = expected(core, clock.now(), {}, { by: 'name', desc: false }, 0, 1).total;
      expect(listed).toBe(counted);
      expect(seats.inUse).toBe(counted);
      return seats;
    };
    expect(await inUse()).toMatchObject({ members: 9, pendingInvitations: 3 });
    value(await core.invoke('members:add', { email: 'zz@acme.com' }));
    expect(await inUse()).toMatchObject({ members: 10, pendingInvitations: 2 });
    const anaLima = core.db.prepare("SELECT id FROM accounts WHERE email_key = 'ana.lima@acme.com'").pluck().get() as number;
    value(await core.invoke('members:remove', { accountId: anaLima }));
    expect(await inUse()).toMatchObject({ members: 9, pendingInvitations: 2 });
    clock.advance(40 * DAY_MS);
    expect(await inUse()).toMatchObject({ members: 9, pendingInvitations: 0 });
  });
});
