import type { AccessPath } from '@shared/access';
import type { OrgRole } from '@shared/schemas/members';
import { containsPattern } from '../db/like';
import { ACCOUNT_MATCHES } from '../members/sql';
import { roleRankSql } from './sql';
import type { Db } from '../db/open';

interface PathRow {
  orgId: number;
  orgName: string;
  accountId: number;
  kind: 'direct' | 'team';
  teamId: number | null;
  teamName: string | null;
  role: OrgRole;
}

const toPath = (row: PathRow): AccessPath =>
  row.kind === 'direct' ? { kind: 'direct', role: row.role } : { kind: 'team', teamId: row.teamId!, teamName: row.teamName!, role: row.role };

/**
 * Every path by which members reach organizations: direct membership, and each
 * team they are in that is linked to the organization (or to all of them).
 * The paths only; which one wins is decided by resolveAccess in src/shared/access.ts.
 */
export function createAccessRepository(db: Db) {
  const pathsOfAccount = db.prepare(`
    SELECT o.id AS orgId, o.name AS orgName, om.account_id AS accountId, 'direct' AS kind, NULL AS teamId, NULL AS teamName, om.role
    FROM org_memberships om JOIN organizations o ON o.id = om.org_id
    WHERE om.account_id = @accountId
    UNION ALL
    SELECT o.id, o.name, tm.account_id, 'team', t.id, t.name, t.role
    FROM team_members tm JOIN teams t ON t.id = tm.team_id
    JOIN organizations o ON t.all_orgs = 1 OR o.id IN (SELECT org_id FROM team_orgs WHERE team_id = t.id)
    WHERE tm.account_id = @accountId`);

  // Everyone reaching one organization, by any path.
  const REACHING = `
    SELECT om.account_id AS accountId, 'direct' AS kind, NULL AS teamId, NULL AS teamName, om.role
    FROM org_memberships om WHERE om.org_id = @orgId
    UNION ALL
    SELECT tm.account_id, 'team', t.id, t.name, t.role
    FROM teams t JOIN team_members tm ON tm.team_id = t.id
    WHERE t.all_orgs = 1 OR t.id IN (SELECT team_id FROM team_orgs WHERE org_id = @orgId)`;
  const peoplePage = db.prepare(`
    SELECT r.accountId, a.email, a.name,
      max(${roleRankSql('r.role')}) AS rank
    FROM (${REACHING}) r JOIN accounts a ON a.id = r.accountId
    WHERE ${ACCOUNT_MATCHES}
    GROUP BY r.accountId
    ORDER BY rank DESC, a.sort_key, r.accountId
    LIMIT @limit OFFSET @offset`);
  const peopleTotal = db
    .prepare(`SELECT count(DISTINCT r.accountId) FROM (${REACHING}) r JOIN accounts a ON a.id = r.accountId WHERE ${ACCOUNT_MATCHES}`)
    .pluck();
  const pathsInOrg = db.prepare(`SELECT * FROM (${REACHING}) WHERE accountId IN (SELECT value FROM json_each(@ids))`);

  return {
    /** Each organization the account reaches, with its paths there. */
    pathsOf(accountId: number): Map<number, { org: { id: number; name: string }; paths: AccessPath[] }> {
      const byOrg = new Map<number, { org: { id: number; name: string }; paths: AccessPath[] }>();
      for (const row of pathsOfAccount.all({ accountId }) as PathRow[]) {
        const entry = byOrg.get(row.orgId) ?? { org: { id: row.orgId, name: row.orgName }, paths: [] };
        entry.paths.push(toPath(row));
        byOrg.set(row.orgId, entry);
      }
      return byOrg;
    },

    /** A page of the people reaching an organization (highest role first), with all their paths there. */
    peopleIn(orgId: number, search: string, offset: number, limit: number) {
      const params = { orgId, pattern: search.trim() ? containsPattern(search.trim()) : null };
      const people = peoplePage.all({ ...params, offset, limit }) as { accountId: number; email: string; name: string }[];
      const paths = new Map<number, AccessPath[]>();
      for (const row of pathsInOrg.all({ orgId, ids: JSON.stringify(people.map((person) => person.accountId)) }) as PathRow[]) {
        const list = paths.get(row.accountId) ?? [];
        list.push(toPath(row));
        paths.set(row.accountId, list);
      }
      return { people: people.map((person) => ({ ...person, paths: paths.get(person.accountId) ?? [] })), total: peopleTotal.get(params) as number };
    },
  };
}

export type AccessRepository = ReturnType<typeof createAccessRepository>;
