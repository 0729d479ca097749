import type { DiffChange, SeatTally } from '@shared/schemas/diff';
import { roleRankSql } from '../access/sql';
import type { Db } from '../db/open';

/**
 * The diff's sections about people, each one set-based statement over NEW
 * (`main`) and OLD (attached as `old`): people matched by their address
 * (accounts.email_key), teams and organizations by id and creation time (an
 * id SQLite gave again to a new row after a deletion is another thing).
 */
type Schema = 'main' | 'old';

/** Seats as L1 counts them: members, and live invitations to addresses that hold none, at the file's moment. */
export function seatTally(db: Db, schema: Schema, asOf: string): SeatTally {
  const row = db
    .prepare(
      `SELECT e.seats AS total,
        (SELECT count(*) FROM ${schema}.members) AS members,
        (SELECT count(*) FROM ${schema}.invitations i
          WHERE i.status = 'pending' AND i.expires_at > @asOf
            AND NOT EXISTS (SELECT 1 FROM ${schema}.accounts ha JOIN ${schema}.members hm ON hm.account_id = ha.id WHERE ha.email_key = i.email_key)) AS pendingInvitations
      FROM ${schema}.enterprise e WHERE e.id = 1`,
    )
    .get({ asOf }) as { total: number; members: number; pendingInvitations: number };
  const inUse = row.members + row.pendingInvitations;
  return { total: row.total, inUse, free: Math.max(0, row.total - inUse), members: row.members, pendingInvitations: row.pendingInvitations };
}

const MEMBERS = (schema: Schema) => `SELECT a.email_key, a.email, a.name, m.source, m.seat_since FROM ${schema}.members m JOIN ${schema}.accounts a ON a.id = m.account_id`;

/** Joined, left, and took a seat again (left and came back between the two: a new seat_since). */
export function memberChanges(db: Db): DiffChange[] {
  return db
    .prepare(
      `SELECT 'joined' AS kind, n.email AS subject, n.name AS detail, NULL AS old, n.source AS new, n.email_key AS k
        FROM (${MEMBERS('main')}) n WHERE NOT EXISTS (SELECT 1 FROM old.accounts oa JOIN old.members om ON om.account_id = oa.id WHERE oa.email_key = n.email_key)
      UNION ALL
      SELECT 'left', o.email, o.name, o.source, NULL, o.email_key
        FROM (${MEMBERS('old')}) o WHERE NOT EXISTS (SELECT 1 FROM main.accounts na JOIN main.members nm ON nm.account_id = na.id WHERE na.email_key = o.email_key)
      UNION ALL
      SELECT 'seat taken again', n.email, n.name, o.seat_since, n.seat_since, n.email_key
        FROM (${MEMBERS('main')}) n JOIN (${MEMBERS('old')}) o ON o.email_key = n.email_key WHERE o.seat_since <> n.seat_since
      ORDER BY k, kind`,
    )
    .all()
    .map(strip);
}

/** Members in both whose seat is now held for another reason (an invitation's seat the identity provider took over…). */
export function seatSourceChanges(db: Db): DiffChange[] {
  return db
    .prepare(
      `SELECT 'source changed' AS kind, n.email AS subject, n.name AS detail, o.source AS old, n.source AS new
      FROM (${MEMBERS('main')}) n JOIN (${MEMBERS('old')}) o ON o.email_key = n.email_key
      WHERE o.source <> n.source ORDER BY n.email_key`,
    )
    .all() as DiffChange[];
}

const TEAM_MEMBERS = (schema: Schema) => `
  SELECT t.id AS team_id, t.created_at AS team_created, t.name AS team, t.name_key AS team_key, a.email_key, a.email
  FROM ${schema}.team_members tm JOIN ${schema}.teams t ON t.id = tm.team_id JOIN ${schema}.accounts a ON a.id = tm.account_id`;

/** Team memberships gained and lost, by (team, address). */
export function teamMemberChanges(db: Db): DiffChange[] {
  const missingFrom = (other: Schema) => `NOT EXISTS (
    SELECT 1 FROM ${other}.accounts xa JOIN ${other}.team_members xtm ON xtm.account_id = xa.id AND xtm.team_id = s.team_id
    JOIN ${other}.teams xt ON xt.id = xtm.team_id AND xt.created_at = s.team_created
    WHERE xa.email_key = s.email_key)`;
  return db
    .prepare(
      `SELECT kind, email AS subject, team AS detail, old, new FROM (
        SELECT 'added' AS kind, s.email, s.team, NULL AS old, 'member' AS new, s.email_key, s.team_key FROM (${TEAM_MEMBERS('main')}) s WHERE ${missingFrom('old')}
        UNION ALL
        SELECT 'removed', s.email, s.team, 'member', NULL, s.email_key, s.team_key FROM (${TEAM_MEMBERS('old')}) s WHERE ${missingFrom('main')})
      ORDER BY team_key, email_key, kind`,
    )
    .all() as DiffChange[];
}

/**
 * Each (organization, member) and the rank of their role there by T4: the
 * highest of their direct role and the roles of their teams linked to it, or
 * to all organizations. Ids only, in memory, keyed for lookups: OLD's ids are
 * put in NEW's terms (an account by its address, an organization by id and
 * creation time), and a negative id stands for one NEW does not have.
 */
function buildAccess(db: Db): void {
  const paths = (schema: Schema) => `
    SELECT om.org_id, om.account_id, ${roleRankSql('om.role')} AS rank FROM ${schema}.org_memberships om
    UNION ALL
    SELECT tl.org_id, tm.account_id, ${roleRankSql('t.role')} FROM ${schema}.team_orgs tl
      JOIN ${schema}.teams t ON t.id = tl.team_id AND t.all_orgs = 0 JOIN ${schema}.team_members tm ON tm.team_id = t.id
    UNION ALL
    SELECT o.id, tm.account_id, ${roleRankSql('t.role')} FROM ${schema}.teams t
      JOIN ${schema}.team_members tm ON tm.team_id = t.id CROSS JOIN ${schema}.organizations o WHERE t.all_orgs = 1`;
  db.exec(`
    DROP TABLE IF EXISTS temp.account_map; DROP TABLE IF EXISTS temp.org_map; DROP TABLE IF EXISTS temp.access_main; DROP TABLE IF EXISTS temp.access_old;
    CREATE TABLE temp.account_map (old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL);
    INSERT INTO temp.account_map SELECT oa.id, na.id FROM old.accounts oa JOIN main.accounts na ON na.email_key = oa.email_key;
    CREATE TABLE temp.org_map (old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL);
    INSERT INTO temp.org_map SELECT o.id, n.id FROM old.organizations o JOIN main.organizations n ON n.id = o.id AND n.created_at = o.created_at;
    CREATE TABLE temp.access_main (org_id INTEGER, account_id INTEGER, rank INTEGER, PRIMARY KEY (org_id, account_id)) WITHOUT ROWID;
    INSERT INTO temp.access_main SELECT org_id, account_id, max(rank) FROM (${paths('main')}) GROUP BY org_id, account_id;
    CREATE TABLE temp.access_old (org_id INTEGER, account_id INTEGER, old_org_id INTEGER, old_account_id INTEGER, rank INTEGER, PRIMARY KEY (org_id, account_id)) WITHOUT ROWID;
    INSERT INTO temp.access_old
      SELECT coalesce(om.new_id, -p.org_id), coalesce(am.new_id, -p.account_id), p.org_id, p.account_id, p.rank
      FROM (SELECT org_id, account_id, max(rank) AS rank FROM (${paths('old')}) GROUP BY org_id, account_id) p
      LEFT JOIN temp.org_map om ON om.old_id = p.org_id LEFT JOIN temp.account_map am ON am.old_id = p.account_id;`);
}

/**
 * The winning path of a role by T4 (src/shared/access.ts: highest role,
 * direct before teams, teams by name then id), as "admin (through Dev)": SQL
 * run only for the rows that changed.
 */
function winnerSql(schema: Schema, org: string, account: string): string {
  return `(SELECT role || CASE WHEN team IS NULL THEN ' (direct)' ELSE ' (through ' || team || ')' END FROM (
      SELECT om.role, NULL AS team, NULL AS team_key, NULL AS team_id, 0 AS by_team, ${roleRankSql('om.role')} AS rank
        FROM ${schema}.org_memberships om WHERE om.org_id = ${org} AND om.account_id = ${account}
      UNION ALL
      SELECT t.role, t.name, t.name_key, t.id, 1, ${roleRankSql('t.role')}
        FROM ${schema}.team_members tm JOIN ${schema}.teams t ON t.id = tm.team_id
        WHERE tm.account_id = ${account}
          AND (t.all_orgs = 1 OR EXISTS (SELECT 1 FROM ${schema}.team_orgs tl WHERE tl.team_id = t.id AND tl.org_id = ${org})))
    ORDER BY rank DESC, by_team, team_key, team_id LIMIT 1)`;
}

/** Organization access gained, lost, raised and lowered, by the effective role of T4. */
export function orgAccessChanges(db: Db): DiffChange[] {
  buildAccess(db);
  const rows = db
    .prepare(
      `SELECT kind, subject, detail, old, new FROM (
        SELECT 'gained' AS kind, a.email AS subject, g.name AS detail, NULL AS old, ${winnerSql('main', 'n.org_id', 'n.account_id')} AS new, a.email_key AS k, g.name AS sort_org
          FROM temp.access_main n JOIN main.accounts a ON a.id = n.account_id JOIN main.organizations g ON g.id = n.org_id
          WHERE NOT EXISTS (SELECT 1 FROM temp.access_old o WHERE o.org_id = n.org_id AND o.account_id = n.account_id)
        UNION ALL
        SELECT 'lost', a.email, g.name, ${winnerSql('old', 'o.old_org_id', 'o.old_account_id')}, NULL, a.email_key, g.name
          FROM temp.access_old o JOIN old.accounts a ON a.id = o.old_account_id JOIN old.organizations g ON g.id = o.old_org_id
          WHERE NOT EXISTS (SELECT 1 FROM temp.access_main n WHERE n.org_id = o.org_id AND n.account_id = o.account_id)
        UNION ALL
        SELECT CASE WHEN n.rank > o.rank THEN 'raised' ELSE 'lowered' END, a.email, g.name,
            ${winnerSql('old', 'o.old_org_id', 'o.old_account_id')}, ${winnerSql('main', 'n.org_id', 'n.account_id')}, a.email_key, g.name
          FROM temp.access_main n JOIN temp.access_old o ON o.org_id = n.org_id AND o.account_id = n.account_id
          JOIN main.accounts a ON a.id = n.account_id JOIN main.organizations g ON g.id = n.org_id
          WHERE n.rank <> o.rank)
      ORDER BY k, sort_org, kind`,
    )
    .all() as DiffChange[];
  db.exec('DROP TABLE temp.access_main; DROP TABLE temp.access_old; DROP TABLE temp.account_map; DROP TABLE temp.org_map');
  return rows;
}

function strip(row: unknown): DiffChange {
  const { kind, subject, detail, old, new: next } = row as DiffChange;
  return { kind, subject, detail, old, new: next };
}
