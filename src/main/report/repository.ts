import type { Statement } from 'better-sqlite3';
import type { ActivityBucket, ReportSelection, ReportSortColumn } from '@shared/schemas/report';
import type { SeatSource } from '@shared/schemas/members';
import type { Db } from '../db/open';
import { createStatementCache } from '../db/statements';
import { containsPattern } from '../db/like';
import { readPlaces } from './places';
import { momentParams, RULED, RULED_IN_EMAIL_ORDER, type ReportMoment } from './rule-sql';
import { csvRule } from './rule-ts';

export type { ReportMoment };

/** One member as the CSV reads them: account id, Email, Name, Last Active, Seat Since, seat source, Days Inactive. */
export type CsvMember = [number, string, string, string, string, SeatSource, number | null];

/** Which members a list or the CSV holds, as the Activity screen's filters say (the moment aside). */
export type ReportFilterSelection = Omit<ReportSelection, 'asOf'>;

export interface ReportRowData {
  accountId: number;
  email: string;
  name: string;
  lastActive: string;
  bucket: ActivityBucket;
  seatSince: string;
  seatSource: SeatSource;
  daysInactive: number | null;
  idleDays: number;
}

const COLUMNS = 'accountId, email, name, lastActive, bucket, seatSince, seatSource, daysInactive, idleDays';

/** ORDER BY for each sortable column; members never active come last either way. */
const ORDER: Record<ReportSortColumn, (direction: 'ASC' | 'DESC') => string> = {
  email: (direction) => `email_key ${direction}`,
  name: (direction) => `sort_key ${direction}`,
  lastActive: (direction) => `lastAt IS NULL, lastAt ${direction}`,
  seatSince: (direction) => `seatSince ${direction}`,
  seatSource: (direction) => `seatSource ${direction}`,
  daysInactive: (direction) => `daysInactive IS NULL, daysInactive ${direction}`,
};


function whereClause(selection: ReportFilterSelection): { sql: string; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (selection.filter === 'active') conditions.push("bucket IN ('upTo30', 'upTo60', 'shown')");
  if (selection.filter === 'inactive') {
    conditions.push('idleDays > @inactiveDays');
    params.inactiveDays = selection.inactiveDays;
  }
  if (selection.filter === 'na') conditions.push("lastActive = 'N/A'");
  if (selection.bucket) {
    conditions.push('bucket = @bucket');
    params.bucket = selection.bucket;
  }
  const search = selection.search.trim();
  if (search) {
    conditions.push("(email_key LIKE @pattern ESCAPE '\\' OR name_fold LIKE @pattern ESCAPE '\\')");
    params.pattern = containsPattern(search);
  }
  return { sql: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export function createReportRepository(db: Db) {
  const statement = createStatementCache(db);

  const buckets = db.prepare(`${RULED} SELECT bucket, count(*) AS count FROM ruled GROUP BY bucket`);
  const daily = db.prepare(`
    SELECT d.day, count(*) AS members FROM activity_days d JOIN members m ON m.account_id = d.account_id
    WHERE d.day BETWEEN @from AND @to GROUP BY d.day ORDER BY d.day`);
  const teamsOf = db.prepare(`
    SELECT tm.account_id AS ownerId, t.name FROM team_members tm JOIN teams t ON t.id = tm.team_id
    WHERE tm.account_id IN (SELECT value FROM json_each(?)) ORDER BY t.name_key, t.id`);
  // Every organization a member can reach: directly, through a team linked to it, or through a team linked to all.
  const orgsOf = db.prepare(`
    WITH ids AS (SELECT value AS id FROM json_each(?)),
    reach AS (
      SELECT om.account_id, om.org_id FROM org_memberships om WHERE om.account_id IN (SELECT id FROM ids)
      UNION
      SELECT tm.account_id, tor.org_id FROM team_members tm JOIN team_orgs tor ON tor.team_id = tm.team_id WHERE tm.account_id IN (SELECT id FROM ids)
      UNION
      SELECT tm.account_id, o.id FROM team_members tm JOIN teams t ON t.id = tm.team_id AND t.all_orgs = 1 CROSS JOIN organizations o
      WHERE tm.account_id IN (SELECT id FROM ids)
    )
    SELECT r.account_id AS ownerId, o.name FROM reach r JOIN organizations o ON o.id = r.org_id ORDER BY o.name_key, o.id`);

  // The CSV's pass over every member, in email order: RULED_IN_EMAIL_ORDER's rows
  // already come in that order (see rule-sql.ts). Their teams and organizations: places.ts.
  const csvMembers = (where: string) =>
    statement(`${RULED_IN_EMAIL_ORDER}
    SELECT accountId, email, name, lastActive, substr(seatSince, 1, 10) AS seatSince, seatSource, daysInactive FROM ruled ${where}`).raw();
  // Every member's facts as of the moment, in email order, for the rule worked out in rule-ts.ts: the
  // first two steps of RULED's facts (a last open after the moment gives way to the last kept day before it).
  const csvFacts = db
    .prepare(
      `SELECT a.id, a.email, a.name,
        CASE
          WHEN a.last_active_at <= @asOf THEN a.last_active_at
          WHEN a.last_active_at IS NOT NULL THEN (SELECT max(d.day) FROM activity_days d WHERE d.account_id = a.id AND d.day <= @asOfDay)
        END,
        CASE WHEN a.last_login_at <= @asOf THEN a.last_login_at END,
        substr(m.seat_since, 1, 10), m.source
      FROM members m JOIN accounts a ON a.id = m.account_id ORDER BY a.email_key`,
    )
    .raw();
  const countMembers = db.prepare('SELECT count(*) FROM members').pluck();

  function* everyCsvMember(moment: ReportMoment): Generator<CsvMember> {
    const lastActive = csvRule(moment);
    const facts = csvFacts.iterate({ asOf: moment.asOf, asOfDay: moment.asOf.slice(0, 10) }) as IterableIterator<[number, string, string, string | null, string | null, string, SeatSource]>;
    for (const [accountId, email, name, openedAt, loginAt, seatSince, seatSource] of facts) {
      const [shown, daysInactive] = lastActive(openedAt, loginAt);
      yield [accountId, email, name, shown, seatSince, seatSource, daysInactive];
    }
  }

  function namesByOwner(query: Statement, ids: number[]): Map<number, string[]> {
    const grouped = new Map<number, string[]>();
    if (ids.length === 0) return grouped;
    for (const { ownerId, name } of query.all(JSON.stringify(ids)) as { ownerId: number; name: string }[]) {
      const list = grouped.get(ownerId) ?? [];
      list.push(name);
      grouped.set(ownerId, list);
    }
    return grouped;
  }

  return {
    /** The members the report lists (every one, or those a filter selects): its rows, for the export's progress. */
    memberCount(moment: ReportMoment, selection?: ReportFilterSelection): number {
      if (!selection) return countMembers.get() as number;
      const where = whereClause(selection);
      return statement(`${RULED} SELECT count(*) FROM ruled ${where.sql}`).pluck().get({ ...momentParams(moment), ...where.params }) as number;
    },

    page(moment: ReportMoment, selection: ReportSelection, sort: { by: ReportSortColumn; desc: boolean }, offset: number, limit: number) {
      const where = whereClause(selection);
      const direction = sort.desc ? 'DESC' : 'ASC';
      const order = ORDER[sort.by](direction);
      const params = { ...momentParams(moment), ...where.params };
      const rows = statement(`${RULED} SELECT ${COLUMNS} FROM ruled ${where.sql} ORDER BY ${order}, email_key LIMIT @limit OFFSET @offset`).all({
        ...params,
        limit,
        offset,
      }) as ReportRowData[];
      const total = statement(`${RULED} SELECT count(*) FROM ruled ${where.sql}`).pluck().get(params) as number;
      return { rows, total };
    },

    /**
     * Every member in email order as the CSV reads them (account id, Email, Name,
     * Last Active, Seat Since, seat source, Days Inactive), read as they are used;
     * with a selection, only the members it selects, as report:page lists them.
     * Every member: the rule worked out in rule-ts.ts from a plain read; with a
     * selection, by RULED_IN_EMAIL_ORDER, which the filters need. Run it inside
     * a read transaction for one snapshot (with places, which names their teams
     * and organizations); nothing else may use the connection until the
     * iterator is done.
     */
    csvMembers(moment: ReportMoment, selection?: ReportFilterSelection): IterableIterator<CsvMember> {
      if (!selection) return everyCsvMember(moment);
      const where = whereClause(selection);
      return csvMembers(where.sql).iterate({ ...momentParams(moment), ...where.params }) as IterableIterator<CsvMember>;
    },

    /** Every member's teams and organizations, read whole (see places.ts). */
    places: () => readPlaces(db),

    buckets(moment: ReportMoment): { bucket: ActivityBucket; count: number }[] {
      return buckets.all(momentParams(moment)) as { bucket: ActivityBucket; count: number }[];
    },

    daily(from: string, to: string): { day: string; members: number }[] {
      return daily.all({ from, to }) as { day: string; members: number }[];
    },

    teamsOf: (ids: number[]) => namesByOwner(teamsOf, ids),
    orgsOf: (ids: number[]) => namesByOwner(orgsOf, ids),
  };
}

export type ReportRepository = ReturnType<typeof createReportRepository>;
