import type { Statement } from 'better-sqlite3';
import type { SeatFilter, SeatRow, SeatSortColumn } from '@shared/schemas/licenses';
import { containsPattern } from '../db/like';
import type { Db } from '../db/open';
import { createStatementCache } from '../db/statements';
import { searchIndexQuery } from '../members/sql';
import { createLastActiveReader } from '../report/last-active';
import { momentParams, RULED, type ReportMoment } from '../report/rule-sql';
import { chosenBy, INDEXED_SEAT_ARMS, INDEXED_SORTS, invitationsInOrder, matching, MEMBER_ROWS, orderOf, PAGE_ROWS, SEAT_ARMS, STATUS_CONDITION } from './seat-sql';

export interface SeatCounts {
  seats: number;
  members: number;
  pendingInvitations: number;
  /** When the next live invitation expires (and frees its seat), if any. */
  nextExpiry: string | null;
}

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
  holds_seat: 0 | 1;
}

type OrgRef = SeatRow['organizations'][number];
type TeamRef = SeatRow['teams'][number];

/** The WHERE of a filter over the seat rows, and the rows to read: those the search index names, when it can. */
function whereClause(filter: SeatFilter, moment: ReportMoment): { sql: string; params: Record<string, unknown>; arms: readonly string[] } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.teamId !== undefined) {
    conditions.push("kind = 'member' AND account_id IN (SELECT account_id FROM team_members WHERE team_id = @teamId)");
    params.teamId = filter.teamId;
  }
  if (filter.orgId !== undefined) {
    // Access to the organization, directly or through a team linked to it (or to all organizations).
    conditions.push(`kind = 'member' AND account_id IN (
      SELECT account_id FROM org_memberships WHERE org_id = @orgId
      UNION SELECT tm.account_id FROM team_members tm JOIN teams t ON t.id = tm.team_id
        WHERE t.all_orgs = 1 OR t.id IN (SELECT team_id FROM team_orgs WHERE org_id = @orgId))`);
    params.orgId = filter.orgId;
  }
  if (filter.inactiveDays !== undefined) {
    // Idle by the report's own rule (rule-sql.ts): days since the last activity, or since the seat for those never active.
    conditions.push(`kind = 'member' AND account_id IN (${RULED} SELECT accountId FROM ruled WHERE idleDays > @inactiveDays)`);
    Object.assign(params, momentParams(moment), { inactiveDays: filter.inactiveDays });
  }
  const search = filter.search.trim();
  if (search) {
    conditions.push("(email_key LIKE @pattern ESCAPE '\\' OR name_fold LIKE @pattern ESCAPE '\\')");
    params.pattern = containsPattern(search);
    const match = searchIndexQuery(search);
    if (match) params.match = match;
  }
  if (filter.sources.length > 0) {
    conditions.push('source IN (SELECT value FROM json_each(@sources))');
    params.sources = JSON.stringify(filter.sources);
  }
  // The status last: the other conditions leave it fewer rows to ask.
  conditions.push(STATUS_CONDITION[filter.status]);
  return { sql: conditions.join(' AND '), params, arms: params.match === undefined ? SEAT_ARMS : INDEXED_SEAT_ARMS };
}

/** An unfiltered view of the seats, whose total is the seat count in use: no need to count the rows. */
function isEverySeat(filter: SeatFilter): boolean {
  return filter.status === 'seats' && filter.search.trim() === '' && filter.sources.length === 0 && filter.teamId === undefined && filter.orgId === undefined && filter.inactiveDays === undefined;
}

export function createSeatRepository(db: Db) {
  // The live invitations whose address holds no seat, counted off invitations_pending_seat (0023) alone:
  // about 1 ms for 30,000 at 1,000,000, where looking each invitee up took 65.
  const counts = db.prepare(`
    SELECT e.seats, e.member_count AS members,
      (SELECT count(*) FROM invitations i INDEXED BY invitations_pending_seat
        WHERE i.status = 'pending' AND i.expires_at > @now AND i.invitee_seated = 0) AS pendingInvitations,
      (SELECT min(i.expires_at) FROM invitations i WHERE i.status = 'pending' AND i.expires_at > @now) AS nextExpiry
    FROM enterprise e WHERE e.id = 1`);
  // At most the seats in use: every pending invitation counted, even an expired one or one to a
  // member, from the count triggers keep (0022): one row read, where counting them off the index
  // took 9% of the server's thread during an identity provider's sync, and the exact count looks
  // up each invitee.
  const atMostInUse = db.prepare('SELECT e.seats, e.member_count + e.pending_invitations AS inUse FROM enterprise e WHERE e.id = 1');
  const holdsSeat = db.prepare('SELECT 1 FROM accounts a JOIN members m ON m.account_id = a.id WHERE a.email_key = ?');
  const setSeats = db.prepare('UPDATE enterprise SET seats = @seats, updated_at = @at WHERE id = 1');
  const memberOrgs = db.prepare(`
    SELECT om.account_id AS ownerId, o.id, o.name, om.role
    FROM org_memberships om JOIN organizations o ON o.id = om.org_id
    WHERE om.account_id IN (SELECT value FROM json_each(?)) ORDER BY o.name_key, o.id`);
  const invitationOrgs = db.prepare(`
    SELECT io.invitation_id AS ownerId, o.id, o.name, i.role
    FROM invitation_orgs io JOIN organizations o ON o.id = io.org_id JOIN invitations i ON i.id = io.invitation_id
    WHERE io.invitation_id IN (SELECT value FROM json_each(?)) ORDER BY o.name_key, o.id`);
  const memberTeams = db.prepare(`
    SELECT tm.account_id AS ownerId, t.id, t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id
    WHERE tm.account_id IN (SELECT value FROM json_each(?)) ORDER BY t.name_key, t.id`);
  const invitationTeams = db.prepare(`
    SELECT it.invitation_id AS ownerId, t.id, t.name FROM invitation_teams it JOIN teams t ON t.id = it.team_id
    WHERE it.invitation_id IN (SELECT value FROM json_each(?)) ORDER BY t.name_key, t.id`);
  const membersAfter = db.prepare(`
    SELECT 'member' AS kind, a.id AS account_id, NULL AS invitation_id, a.email, a.name, 'member' AS status, m.source,
           m.seat_since AS since, NULL AS expires_at, a.last_active_at, 1 AS holds_seat
    FROM accounts a JOIN members m ON m.account_id = a.id
    WHERE a.email_key > @after ORDER BY a.email_key LIMIT @limit`);
  const statement = createStatementCache(db);
  const lastActiveOf = createLastActiveReader(db);

  /** Rows of `query` (ownerId plus the fields kept) grouped by owner, for the ids on one page. */
  function byOwner<T>(query: Statement, ids: number[]): Map<number, T[]> {
    const grouped = new Map<number, T[]>();
    if (ids.length === 0) return grouped;
    for (const { ownerId, ...rest } of query.all(JSON.stringify(ids)) as ({ ownerId: number } & T)[]) {
      const list = grouped.get(ownerId) ?? [];
      list.push(rest as T);
      grouped.set(ownerId, list);
    }
    return grouped;
  }

  /** Seat rows with their teams, organizations and Last Active, a few queries for the whole page. */
  function withPlaces(raw: RawSeatRow[], moment: ReportMoment): SeatRow[] {
    const accountIds = raw.flatMap((row) => (row.account_id === null ? [] : [row.account_id]));
    const lastActive = lastActiveOf(accountIds, moment);
    const invitationIds = raw.flatMap((row) => (row.invitation_id === null ? [] : [row.invitation_id]));
    const orgsOfMember = byOwner<OrgRef>(memberOrgs, accountIds);
    const orgsOfInvitation = byOwner<OrgRef>(invitationOrgs, invitationIds);
    const teamsOfMember = byOwner<TeamRef>(memberTeams, accountIds);
    const teamsOfInvitation = byOwner<TeamRef>(invitationTeams, invitationIds);
    return raw.map((row) => ({
      id: row.kind === 'member' ? `member:${row.account_id}` : `invitation:${row.invitation_id}`,
      kind: row.kind,
      accountId: row.account_id,
      invitationId: row.invitation_id,
      email: row.email,
      name: row.name,
      status: row.status,
      holdsSeat: row.holds_seat === 1,
      source: row.source,
      since: row.since,
      expiresAt: row.expires_at,
      lastActiveAt: row.last_active_at,
      lastActive: row.account_id === null ? null : (lastActive.get(row.account_id)?.lastActive ?? null),
      idleDays: row.account_id === null ? null : (lastActive.get(row.account_id)?.idleDays ?? null),
      organizations: (row.account_id !== null ? orgsOfMember.get(row.account_id) : orgsOfInvitation.get(row.invitation_id!)) ?? [],
      teams: (row.account_id !== null ? teamsOfMember.get(row.account_id) : teamsOfInvitation.get(row.invitation_id!)) ?? [],
      outsideInvitePolicy: false,
    }));
  }

  const seatCounts = (now: string) => counts.get({ now }) as SeatCounts;

  return {
    counts: seatCounts,

    /** Whether `count` seats are surely free at `now`, judged cheaply; false means "count them exactly". */
    surelyFree(count: number): boolean {
      const bound = atMostInUse.get() as { seats: number; inUse: number } | undefined;
      return bound !== undefined && bound.seats - bound.inUse >= count;
    },

    /** Whether this address holds a seat: the same rule the counts apply to invitations. */
    holdsSeat(emailKey: string): boolean {
      return holdsSeat.get(emailKey) !== undefined;
    },

    setSeats(seats: number, at: string): void {
      setSeats.run({ seats, at });
    },

    /** One page of rows, and how many the filter matches; read in one transaction so they agree. */
    page(filter: SeatFilter, sort: { by: SeatSortColumn; desc: boolean }, offset: number, limit: number, moment: ReportMoment) {
      const now = moment.asOf;
      const where = whereClause(filter, moment);
      const order = orderOf(sort);
      const first = (rows: string, within: string) => `SELECT * FROM (SELECT * FROM (${rows}) WHERE ${where.sql} ORDER BY ${within} LIMIT @offset + @limit)`;
      const invitations = invitationsInOrder(sort);
      // Rows equal in every sort key (an invitation and a member by the same source and address) in one fixed order.
      const tied = `${order.across}, kind, account_id, invitation_id`;
      const page = statement(
        // A search finds its few rows first (the trigram index, or one scan for 1 or 2 characters): then sorting those is quicker.
        INDEXED_SORTS.has(sort.by) && filter.search.trim() === ''
          ? `SELECT * FROM (${first(MEMBER_ROWS, order.within)} UNION ALL ${first(invitations.rows, invitations.order)}) ORDER BY ${order.across} LIMIT @limit OFFSET @offset`
          : // The rows that match, by the few columns that choose the page (17,000 for a first name at 1,000,000), kept
            // once: counted, and the page's own rows read whole; sorting every match whole with its count took 3 times as
            // long. A page past the end asks `total`.
            `WITH hits AS MATERIALIZED (${matching(where.arms, chosenBy(sort), where.sql)}),
              page AS MATERIALIZED (SELECT * FROM hits ORDER BY ${tied} LIMIT @limit OFFSET @offset)
            SELECT *, (SELECT count(*) FROM hits) AS matched FROM (${PAGE_ROWS}) ORDER BY ${tied}`,
      );
      const total = statement(`SELECT count(*) FROM (${matching(where.arms, '1', where.sql)})`).pluck();
      return db.transaction(() => {
        const raw = page.all({ ...where.params, now, limit, offset }) as (RawSeatRow & { matched?: number })[];
        const rows = withPlaces(raw, moment);
        let count: number;
        if (isEverySeat(filter)) {
          const seats = seatCounts(now);
          count = seats.members + seats.pendingInvitations;
        } else count = raw[0]?.matched ?? (total.get({ ...where.params, now }) as number);
        return { rows, total: count };
      })();
    },

    /** Members after the given address, in address order: a walk over every member that never re-sorts. */
    membersAfter(after: string, limit: number, moment: ReportMoment): SeatRow[] {
      return withPlaces(membersAfter.all({ after, limit }) as RawSeatRow[], moment);
    },

    /** Every account and invitation id the filter matches, for "select all". */
    ids(filter: SeatFilter, moment: ReportMoment): { accountIds: number[]; invitationIds: number[] } {
      const where = whereClause(filter, moment);
      const rows = statement(matching(where.arms, 'account_id, invitation_id', where.sql)).all({ ...where.params, now: moment.asOf }) as {
        account_id: number | null;
        invitation_id: number | null;
      }[];
      return {
        accountIds: rows.flatMap((row) => (row.account_id === null ? [] : [row.account_id])),
        invitationIds: rows.flatMap((row) => (row.invitation_id === null ? [] : [row.invitation_id])),
      };
    },
  };
}

export type SeatRepository = ReturnType<typeof createSeatRepository>;
