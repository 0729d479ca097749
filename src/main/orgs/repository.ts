import type { Organization, OrgTeam } from '@shared/schemas/orgs';
import type { CappedList } from '../audit/lists';
import type { Db } from '../db/open';

const COLUMNS = 'id, name, created_at AS createdAt, updated_at AS updatedAt, version';

export function createOrgRepository(db: Db) {
  const list = db.prepare(`SELECT ${COLUMNS} FROM organizations ORDER BY name_key, id`);
  const byId = db.prepare(`SELECT ${COLUMNS} FROM organizations WHERE id = ?`);
  const byKey = db.prepare(`SELECT ${COLUMNS} FROM organizations WHERE name_key = ?`);
  const insert = db.prepare(
    'INSERT INTO organizations (name, name_key, created_at, updated_at) VALUES (@name, @key, @at, @at)',
  );
  // A rename moves the version on (migration 0016, docs/RULES.md V6).
  const rename = db.prepare('UPDATE organizations SET name = @name, name_key = @key, updated_at = @at, version = version + 1 WHERE id = @id');
  const remove = db.prepare('DELETE FROM organizations WHERE id = ?');
  const linkedTeams = db.prepare(`
    SELECT t.name FROM team_orgs tor JOIN teams t ON t.id = tor.team_id WHERE tor.org_id = ? ORDER BY t.name_key, t.id LIMIT ?`).pluck();
  const linkedTeamCount = db.prepare('SELECT count(*) FROM team_orgs WHERE org_id = ?').pluck();
  // Every team that reaches it: linked by name, or to all organizations (which covers it whatever its links say).
  const teamsReaching = db.prepare(`
    SELECT t.id, t.name, t.role, t.source,
      (SELECT count(*) FROM team_members tm WHERE tm.team_id = t.id) AS memberCount,
      CASE WHEN t.all_orgs = 1 THEN 'allOrgs' ELSE 'link' END AS via,
      tor.since AS linkedSince
    FROM teams t LEFT JOIN team_orgs tor ON tor.team_id = t.id AND tor.org_id = @orgId
    WHERE t.all_orgs = 1 OR tor.org_id IS NOT NULL
    ORDER BY t.name_key, t.id`);
  const pendingInvitations = db.prepare(`
    SELECT i.email FROM invitation_orgs io JOIN invitations i ON i.id = io.invitation_id
    WHERE io.org_id = ? AND i.status = 'pending' ORDER BY i.email_key, i.id LIMIT ?`).pluck();
  const pendingInvitationCount = db
    .prepare("SELECT count(*) FROM invitation_orgs io JOIN invitations i ON i.id = io.invitation_id WHERE io.org_id = ? AND i.status = 'pending'")
    .pluck();

  return {
    list(): Organization[] {
      return list.all() as Organization[];
    },
    findById(id: number): Organization | null {
      return (byId.get(id) as Organization | undefined) ?? null;
    },
    findByKey(key: string): Organization | null {
      return (byKey.get(key) as Organization | undefined) ?? null;
    },
    insert(values: { name: string; key: string; at: string }): Organization {
      const { lastInsertRowid } = insert.run(values);
      return { id: Number(lastInsertRowid), name: values.name, createdAt: values.at, updatedAt: values.at, version: 1 };
    },
    rename(values: { id: number; name: string; key: string; at: string }): void {
      rename.run(values);
    },
    remove(id: number): void {
      remove.run(id);
    },
    /** Teams linked to it by name (not those linked to all organizations), the first `limit` by name. */
    linkedTeams(id: number, limit: number): CappedList<string> {
      return { count: linkedTeamCount.get(id) as number, first: linkedTeams.all(id, limit) as string[] };
    },
    /** The teams that reach it, by name, each with its role, its member count and how it reaches it. */
    teamsReaching(id: number): OrgTeam[] {
      return teamsReaching.all({ orgId: id }) as OrgTeam[];
    },
    /** Pending invitations (expired ones too: they can be resent) that name it, the first `limit` by address. */
    pendingInvitations(id: number, limit: number): CappedList<string> {
      return { count: pendingInvitationCount.get(id) as number, first: pendingInvitations.all(id, limit) as string[] };
    },
  };
}

export type OrgRepository = ReturnType<typeof createOrgRepository>;
