import type { SeatFilter, SeatRow, SeatSortColumn } from '@shared/schemas/licenses';
import type { Statement } from 'better-sqlite3';
import { containsPattern } from '../db/like';
import type { Db } from '../db/open';

export interface SeatCounts {
  seats: number;
  members: number;
  pendingInvitations: number;
}

/**
 * Every row the Licenses screen can show: members, and pending invitations to
 * people who hold no seat (an invitation to a member holds no second seat).
 * An invitation is "pending" until it expires, then "expired" and holds no seat.
 */
const SEAT_ROWS = `
  SELECT 'member' AS kind, a.id AS account_id, NULL AS invitation_id, a.email, a.email_key, a.name,
         'member' AS status, m.source, m.seat_since AS since, NULL AS expires_at, a.last_active_at
  FROM members m JOIN accounts a ON a.id = m.account_id
  UNION ALL
  SELECT 'invitation', NULL, i.id, i.email, i.email_key, '',
         CASE WHEN i.expires_at > @now THEN 'pending' ELSE 'expired' END, 'invitation', i.sent_at, i.expires_at, NULL
  FROM invitations i
  WHERE i.status = 'pending'
    AND NOT EXISTS (SELECT 1 FROM accounts a JOIN members m ON m.account_id = a.id WHERE a.email_key = i.email_key)`;

const STATUS_CONDITION: Record<SeatFilter['status'], string> = {
  seats: "status IN ('member', 'pending')",
  member: "status = 'member'",
  pending: "status = 'pending'",
  expired: "status = 'expired'",
};

// Sort keys are fixed SQL, chosen by name: nothing from the caller is spliced in.
const SORT_KEY: Record<SeatSortColumn, string> = {
  name: "lower(CASE name WHEN '' THEN email ELSE name END)",
  email: 'email_key',
  status: 'status',
  source: 'source',
  since: 'since',
  lastActive: 'last_active_at',
};

interface RawSeatRow {
  kind: 'member' | 'invitation';
  account_id: number | null;
  invitation_id: number | null;
  email: string;
  name: string;
  status: SeatRow['status'];
  source: SeatRow['source'];
  since: string;
  expires_at: string | null;
  last_active_at: string | null;
}

function whereClause(filter: SeatFilter): { sql: string; params: Record<string, unknown> } {
  const conditions = [STATUS_CONDITION[filter.status]];
  const params: Record<string, unknown> = {};
  const search = filter.search.trim().toLowerCase();
  if (search) {
    conditions.push("(email_key LIKE @pattern ESCAPE '\\' OR lower(name) LIKE @pattern ESCAPE '\\')");
    params.pattern = containsPattern(search);
  }
  if (filter.sources.length > 0) {
    conditions.push('source IN (SELECT value FROM json_each(@sources))');
    params.sources = JSON.stringify(filter.sources);
  }
  return { sql: conditions.join(' AND '), params };
}

export function createSeatRepository(db: Db) {
  const counts = db.prepare(`
    SELECT e.seats, e.member_count AS members,
      (SELECT count(*) FROM invitations i
       WHERE i.status = 'pending' AND i.expires_at > @now
         AND NOT EXISTS (SELECT 1 FROM accounts a JOIN members m ON m.account_id = a.id WHERE a.email_key = i.email_key)
      ) AS pendingInvitations
    FROM enterprise e WHERE e.id = 1`);
  const setSeats = db.prepare('UPDATE enterprise SET seats = @seats, updated_at = @at WHERE id = 1');
  const memberOrgs = db.prepare(`
    SELECT om.account_id AS ownerId, o.id, o.name, om.role
    FROM org_memberships om JOIN organizations o ON o.id = om.org_id
    WHERE om.account_id IN (SELECT value FROM json_each(?))
    ORDER BY lower(o.name), o.id`);
  const invitationOrgs = db.prepare(`
    SELECT io.invitation_id AS ownerId, o.id, o.name, i.role
    FROM invitation_orgs io JOIN organizations o ON o.id = io.org_id JOIN invitations i ON i.id = io.invitation_id
    WHERE io.invitation_id IN (SELECT value FROM json_each(?))
    ORDER BY lower(o.name), o.id`);
  const memberTeams = db.prepare(`
    SELECT tm.account_id AS ownerId, t.id, t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id
    WHERE tm.account_id IN (SELECT value FROM json_each(?)) ORDER BY t.name_key, t.id`);
  const invitationTeams = db.prepare(`
    SELECT it.invitation_id AS ownerId, t.id, t.name FROM invitation_teams it JOIN teams t ON t.id = it.team_id
    WHERE it.invitation_id IN (SELECT value FROM json_each(?)) ORDER BY t.name_key, t.id`);
  const pageCache = new Map<string, { page: Statement; total: Statement }>();

  /** Prepared once per filter shape and sort; the values travel as parameters. */
  function statements(where: string, sort: SeatSortColumn, desc: boolean) {
    const key = `${where}|${sort}|${desc}`;
    let cached = pageCache.get(key);
    if (!cached) {
      const direction = desc ? 'DESC' : 'ASC';
      cached = {
        page: db.prepare(
          `SELECT * FROM (${SEAT_ROWS}) WHERE ${where} ORDER BY ${SORT_KEY[sort]} ${direction} NULLS LAST, email_key ${direction} LIMIT @limit OFFSET @offset`,
        ),
        total: db.prepare(`SELECT count(*) FROM (${SEAT_ROWS}) WHERE ${where}`).pluck(),
      };
      pageCache.set(key, cached);
    }
    return cached;
  }

  /** Rows of `statement` (ownerId plus the fields kept) grouped by owner, for the ids on one page. */
  function byOwner<T>(statement: Statement, ids: number[]): Map<number, T[]> {
    const grouped = new Map<number, T[]>();
    if (ids.length === 0) return grouped;
    for (const { ownerId, ...rest } of statement.all(JSON.stringify(ids)) as ({ ownerId: number } & T)[]) {
      const list = grouped.get(ownerId) ?? [];
      list.push(rest as T);
      grouped.set(ownerId, list);
    }
    return grouped;
  }

  return {
    counts(now: string): SeatCounts {
      return counts.get({ now }) as SeatCounts;
    },

    setSeats(seats: number, at: string): void {
      setSeats.run({ seats, at });
    },

    page(filter: SeatFilter, sort: { by: SeatSortColumn; desc: boolean }, offset: number, limit: number, now: string) {
      const where = whereClause(filter);
      const { page, total } = statements(where.sql, sort.by, sort.desc);
      const raw = page.all({ ...where.params, now, limit, offset }) as RawSeatRow[];
      const accountIds = raw.flatMap((row) => (row.account_id === null ? [] : [row.account_id]));
      const invitationIds = raw.flatMap((row) => (row.invitation_id === null ? [] : [row.invitation_id]));
      type OrgRef = SeatRow['organizations'][number];
      type TeamRef = SeatRow['teams'][number];
      const orgsOfMember = byOwner<OrgRef>(memberOrgs, accountIds);
      const orgsOfInvitation = byOwner<OrgRef>(invitationOrgs, invitationIds);
      const teamsOfMember = byOwner<TeamRef>(memberTeams, accountIds);
      const teamsOfInvitation = byOwner<TeamRef>(invitationTeams, invitationIds);
      const rows: SeatRow[] = raw.map((row) => ({
        id: row.kind === 'member' ? `member:${row.account_id}` : `invitation:${row.invitation_id}`,
        kind: row.kind,
        accountId: row.account_id,
        invitationId: row.invitation_id,
        email: row.email,
        name: row.name,
        status: row.status,
        source: row.source,
        since: row.since,
        expiresAt: row.expires_at,
        lastActiveAt: row.last_active_at,
        organizations: (row.account_id !== null ? orgsOfMember.get(row.account_id) : orgsOfInvitation.get(row.invitation_id!)) ?? [],
        teams: (row.account_id !== null ? teamsOfMember.get(row.account_id) : teamsOfInvitation.get(row.invitation_id!)) ?? [],
      }));
      return { rows, total: total.get({ ...where.params, now }) as number };
    },

    /** Every account and invitation id the filter matches, for "select all". */
    ids(filter: SeatFilter, now: string): { accountIds: number[]; invitationIds: number[] } {
      const where = whereClause(filter);
      const rows = db
        .prepare(`SELECT account_id, invitation_id FROM (${SEAT_ROWS}) WHERE ${where.sql}`)
        .all({ ...where.params, now }) as { account_id: number | null; invitation_id: number | null }[];
      return {
        accountIds: rows.flatMap((row) => (row.account_id === null ? [] : [row.account_id])),
        invitationIds: rows.flatMap((row) => (row.invitation_id === null ? [] : [row.invitation_id])),
      };
    },
  };
}

export type SeatRepository = ReturnType<typeof createSeatRepository>;
