import type { Statement } from 'better-sqlite3';
import type { ActivityBucket, ReportSelection, ReportSortColumn } from '@shared/schemas/report';
import type { SeatSource } from '@shared/schemas/members';
import type { Db } from '../db/open';
import { createStatementCache } from '../db/statements';
import { containsPattern } from '../db/like';
import { momentParams, RULED, type ReportMoment } from './rule-sql';

export type { ReportMoment };

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

  // The CSV's pass over every member, in email order, and what it needs to name each
  // member's teams and organizations without a query per member (see csvRows).
  const csvMembers = (where: string) =>
    statement(`${RULED}
    SELECT accountId, email, name, lastActive, substr(seatSince, 1, 10) AS seatSince, seatSource, daysInactive FROM ruled ${where} ORDER BY email_key`).raw();
  const countMembers = db.prepare('SELECT count(*) FROM members').pluck();
  const orgsByName = db.prepare('SELECT id, name FROM organizations ORDER BY name_key, id').raw();
  const teamsByName = db.prepare('SELECT id, name, all_orgs FROM teams ORDER BY name_key, id').raw();
  const teamOrgLinks = db.prepare('SELECT team_id, org_id FROM team_orgs').raw();
  const teamMemberships = db.prepare('SELECT account_id, team_id FROM team_members').raw();
  const orgMemberships = db.prepare('SELECT account_id, org_id FROM org_memberships').raw();

  /** Pairs (owner, item) grouped by owner, each item as its rank in `rank`. */
  function ranksByOwner(pairs: [number, number][], rank: Map<number, number>): Map<number, number[]> {
    const grouped = new Map<number, number[]>();
    for (const [owner, item] of pairs) {
      const at = rank.get(item);
      if (at === undefined) continue;
      const list = grouped.get(owner);
      if (list) list.push(at);
      else grouped.set(owner, [at]);
    }
    return grouped;
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
     * Every member in email order as the CSV's cells (Email, Name, Last Active, Teams,
     * Organizations, Seat Since, seat source, Days Inactive), read as they are used.
     * Teams and organizations are read once, whole (a few hundred thousand links), and
     * named here in the same order as the preview's: one pass over the members, not a
     * query per member or per page. With a selection, only the members it selects, as
     * report:page lists them. Run it inside a read transaction for one snapshot;
     * nothing else may use the connection until the iterator is done.
     */
    *csvRows(moment: ReportMoment, selection?: ReportFilterSelection): Generator<[string, string, string, string, string, string, SeatSource, number | null]> {
      const orgs = orgsByName.all() as [number, string][];
      const orgRank = new Map(orgs.map(([id], index) => [id, index]));
      const teams = teamsByName.all() as [number, string, 0 | 1][];
      const teamRank = new Map(teams.map(([id], index) => [id, index]));
      const orgsOfTeam = ranksByOwner(teamOrgLinks.all() as [number, number][], orgRank);
      const teamsOf = ranksByOwner(teamMemberships.all() as [number, number][], teamRank);
      const orgsOf = ranksByOwner(orgMemberships.all() as [number, number][], orgRank);
      const everyOrg = orgs.map(([, name]) => name).join('; ');
      const byRank = (a: number, b: number) => a - b;
      type Member = [number, string, string, string, string, SeatSource, number | null];
      const where = selection ? whereClause(selection) : { sql: '', params: {} };
      const members = csvMembers(where.sql).iterate({ ...momentParams(moment), ...where.params }) as IterableIterator<Member>;
      for (const [accountId, email, name, lastActive, seatSince, seatSource, daysInactive] of members) {
        const teamRanks = teamsOf.get(accountId);
        let teamNames = '';
        let orgNames = '';
        let reach = orgsOf.get(accountId) ?? [];
        if (teamRanks) {
          teamRanks.sort(byRank);
          teamNames = teamRanks.map((rank) => teams[rank]![1]).join('; ');
          const reached = new Set(reach);
          for (const rank of teamRanks) {
            if (teams[rank]![2] === 1) orgNames = everyOrg;
            for (const org of orgsOfTeam.get(teams[rank]![0]) ?? []) reached.add(org);
          }
          reach = [...reached];
        }
        if (orgNames === '' && reach.length > 0) orgNames = reach.sort(byRank).map((rank) => orgs[rank]![1]).join('; ');
        yield [email, name, lastActive, teamNames, orgNames, seatSince, seatSource, daysInactive];
      }
    },

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
