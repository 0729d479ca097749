import type { OrgRole } from '@shared/schemas/members';
import type { OrgMember, OrgMembersInput } from '@shared/schemas/org-members';
import { containsPattern } from '../db/like';
import { roleRankSql } from '../access/sql';
import { ACCOUNT_MATCHES, ACCOUNT_ORDER, lastActiveOrder } from '../members/sql';
import type { Db } from '../db/open';

/** A direct member as read here: Last Active is added by the service, by the report's rule. */
export type OrgMemberRow = Omit<OrgMember, 'lastActive' | 'lastActiveLegacy'>;

/** Direct membership of members in organizations. */
export function createOrgMemberRepository(db: Db) {
  // One statement per sort, chosen by name: nothing from the caller is spliced in.
  const pageBy = (order: string) =>
    db.prepare(`
    SELECT a.id AS accountId, a.email, a.name, om.role, om.since, a.last_active_at AS lastActiveAt
    FROM org_memberships om JOIN accounts a ON a.id = om.account_id
    WHERE om.org_id = @orgId AND ${ACCOUNT_MATCHES}
    ORDER BY ${order}
    LIMIT @limit OFFSET @offset`);
  const pages = {
    role: { asc: pageBy(`${roleRankSql('om.role')} DESC, ${ACCOUNT_ORDER}`), desc: pageBy(`${roleRankSql('om.role')} ASC, a.sort_key DESC, a.id DESC`) },
    lastActive: { asc: pageBy(lastActiveOrder(false)), desc: pageBy(lastActiveOrder(true)) },
  };
  const total = db
    .prepare(`
    SELECT count(*) FROM org_memberships om JOIN accounts a ON a.id = om.account_id
    WHERE om.org_id = @orgId AND ${ACCOUNT_MATCHES}`)
    .pluck();
  const find = db.prepare('SELECT role, since FROM org_memberships WHERE org_id = ? AND account_id = ?');
  const insert = db.prepare('INSERT INTO org_memberships (org_id, account_id, role, since) VALUES (@orgId, @accountId, @role, @at)');
  const setRole = db.prepare('UPDATE org_memberships SET role = @role WHERE org_id = @orgId AND account_id = @accountId');
  const remove = db.prepare('DELETE FROM org_memberships WHERE org_id = ? AND account_id = ?');
  // Kept by triggers (migration 0019): counting org_memberships read every membership, millions at 1,000,000 members.
  const countFor = db.prepare('SELECT member_count AS members, owner_count AS owners FROM organizations WHERE id = ?');
  const counts = db.prepare('SELECT id AS orgId, member_count AS members, owner_count AS owners FROM organizations WHERE member_count > 0');

  return {
    /** A page of its direct members, with their last activity on record (exact: Last Active itself is the report's to say). */
    page(input: Omit<OrgMembersInput, 'sort'> & { sort?: OrgMembersInput['sort'] }): { rows: OrgMemberRow[]; total: number } {
      const search = input.search.trim().toLowerCase();
      const params = { orgId: input.orgId, pattern: search ? containsPattern(search) : null };
      const sort = input.sort ?? { by: 'role', desc: false };
      const page = pages[sort.by][sort.desc ? 'desc' : 'asc'];
      return {
        rows: page.all({ ...params, limit: input.limit, offset: input.offset }) as OrgMemberRow[],
        total: total.get(params) as number,
      };
    },
    find(orgId: number, accountId: number): { role: OrgRole; since: string } | null {
      return (find.get(orgId, accountId) as { role: OrgRole; since: string } | undefined) ?? null;
    },
    insert(values: { orgId: number; accountId: number; role: OrgRole; at: string }): void {
      insert.run(values);
    },
    setRole(values: { orgId: number; accountId: number; role: OrgRole }): void {
      setRole.run(values);
    },
    remove(orgId: number, accountId: number): void {
      remove.run(orgId, accountId);
    },
    countFor(orgId: number): { members: number; owners: number } {
      return (countFor.get(orgId) as { members: number; owners: number } | undefined) ?? { members: 0, owners: 0 };
    },
    /** Direct members and owners of every organization that has any. */
    counts(): Map<number, { members: number; owners: number }> {
      const rows = counts.all() as { orgId: number; members: number; owners: number }[];
      return new Map(rows.map((row) => [row.orgId, { members: row.members, owners: row.owners }]));
    },
  };
}

export type OrgMemberRepository = ReturnType<typeof createOrgMemberRepository>;
