import { randomUUID } from 'node:crypto';
import type { InvitationRole } from '@shared/schemas/members';
import type {
  Team,
  TeamInvitationPage,
  TeamInvitationsInput,
  TeamMembersInput,
  TeamPageInput,
  TeamPerson,
  TeamSortColumn,
  TeamSource,
  TeamWithoutSeatPage,
} from '@shared/schemas/teams';
import { foldText } from '@shared/text';
import { ACCOUNT_ORDER, INVITEE_HOLDS_SEAT } from '../members/sql';
import type { CappedList } from '../audit/lists';
import type { Db } from '../db/open';
import { createMemberPages } from './member-pages';

interface TeamRow {
  id: number;
  name: string;
  role: InvitationRole;
  source: TeamSource;
  all_orgs: 0 | 1;
  created_at: string;
  updated_at: string;
  version: number;
}

const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  name: row.name,
  role: row.role,
  source: row.source,
  allOrgs: row.all_orgs === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** The ORDER BY of each sort of the Teams screen: ties by name, whichever way; by name, the unique name key decides. */
const TEAM_ORDER: Record<TeamSortColumn, (direction: 'ASC' | 'DESC') => string> = {
  name: (direction) => `name_key ${direction}, id ${direction}`,
  role: (direction) => `role ${direction}, name_key, id`,
  source: (direction) => `source ${direction}, name_key, id`,
  memberCount: (direction) => `member_count ${direction}, name_key, id`,
};

const TEAM_COLUMNS = 'id, name, role, source, all_orgs, created_at, updated_at, version, member_count';

export function createTeamRepository(db: Db) {
  // The columns a Team has, and no more: at 20,000 teams every column read is 20,000 values made.
  const list = db.prepare('SELECT id, name, role, source, all_orgs, created_at, updated_at, version FROM teams ORDER BY name_key, id');
  const byId = db.prepare('SELECT * FROM teams WHERE id = ?');
  const byKey = db.prepare('SELECT * FROM teams WHERE name_key = ?');
  const insert = db.prepare(
    'INSERT INTO teams (name, name_key, role, source, created_at, updated_at, scim_id) VALUES (@name, @key, @role, @source, @at, @at, @scimId)',
  );
  // Every change to the team's own row moves its version on (migration 0016, docs/RULES.md V6), SCIM's included.
  const rename = db.prepare('UPDATE teams SET name = @name, name_key = @key, updated_at = @at, version = version + 1 WHERE id = @id');
  const setRole = db.prepare('UPDATE teams SET role = @role, updated_at = @at, version = version + 1 WHERE id = @id');
  const setAllOrgs = db.prepare('UPDATE teams SET all_orgs = @allOrgs, updated_at = @at, version = version + 1 WHERE id = @id');
  const setSource = db.prepare('UPDATE teams SET source = @source, updated_at = @at, version = version + 1 WHERE id = @id');
  const remove = db.prepare('DELETE FROM teams WHERE id = ?');
  // Every team with its member count, kept by triggers (migration 0019): counting team_members read every
  // membership, 730,000 rows at 1,000,000 members. One pass over the teams for both (20,000 at that size).
  const listCounted = db.prepare('SELECT id, name, role, source, all_orgs, created_at, updated_at, version, member_count FROM teams ORDER BY name_key, id');
  const linkedOrgs = db.prepare(`
    SELECT tor.team_id AS teamId, o.id, o.name FROM team_orgs tor JOIN organizations o ON o.id = tor.org_id
    ORDER BY o.name_key, o.id`);
  const orgsOf = db.prepare(`
    SELECT o.id, o.name FROM team_orgs tor JOIN organizations o ON o.id = tor.org_id WHERE tor.team_id = ? ORDER BY o.name_key, o.id`);
  const memberCount = db.prepare('SELECT member_count FROM teams WHERE id = ?').pluck();
  // A page of teams: by name it walks the name index; by the other columns it sorts the 20,000 (a few ms at a million members).
  const pageStatements = new Map<string, ReturnType<Db['prepare']>>();
  const pageStatement = (sort: TeamPageInput['sort'], searched: boolean) => {
    const key = `${sort.by} ${sort.desc} ${searched}`;
    let statement = pageStatements.get(key);
    if (!statement) {
      const where = searched ? 'WHERE id IN (SELECT value FROM json_each(@ids))' : '';
      statement = db.prepare(`SELECT ${TEAM_COLUMNS} FROM teams ${where} ORDER BY ${TEAM_ORDER[sort.by](sort.desc ? 'DESC' : 'ASC')} LIMIT @limit OFFSET @offset`);
      pageStatements.set(key, statement);
    }
    return statement;
  };
  const teamCount = db.prepare('SELECT count(*) FROM teams').pluck();
  // Every name, for a search: folded here, with the function the screens fold text with, so on every connection
  // (a server's read workers have no roster_fold) a name matches exactly as it did in the page (20,000 in about 20 ms).
  const names = db.prepare('SELECT id, name FROM teams').raw();
  // The organizations of the teams given (a page's), in one query: the team_orgs key leads with the team.
  const linkedOrgsOf = db.prepare(`
    SELECT tor.team_id AS teamId, o.id, o.name FROM json_each(?) v CROSS JOIN team_orgs tor ON tor.team_id = v.value JOIN organizations o ON o.id = tor.org_id
    ORDER BY o.name_key, o.id`);
  const enterpriseMembers = db.prepare('SELECT member_count FROM enterprise WHERE id = 1').pluck();
  const memberIds = db.prepare('SELECT account_id FROM team_members WHERE team_id = ? ORDER BY account_id').pluck();
  const isMember = db.prepare('SELECT 1 FROM team_members WHERE team_id = ? AND account_id = ?');
  const addMember = db.prepare('INSERT OR IGNORE INTO team_members (team_id, account_id, since) VALUES (?, ?, ?)');
  // A bulk add's lookups, one query each over the ids as JSON, not one a member; CROSS JOIN keeps json_each
  // outside (left to itself, SQLite walked a team's every member and scanned the JSON for each).
  const seatedEmails = db.prepare('SELECT a.id, a.email FROM json_each(?) v CROSS JOIN members m ON m.account_id = v.value JOIN accounts a ON a.id = m.account_id');
  const addMany = db.prepare('INSERT OR IGNORE INTO team_members (team_id, account_id, since) SELECT ?, v.value, ? FROM json_each(?) v');
  const membersAmong = db.prepare('SELECT tm.account_id FROM json_each(?) v CROSS JOIN team_members tm ON tm.team_id = ? AND tm.account_id = v.value').pluck();
  const removeMember = db.prepare('DELETE FROM team_members WHERE team_id = ? AND account_id = ?');
  const memberEmails = db.prepare('SELECT a.id, a.email FROM json_each(?) v CROSS JOIN team_members tm ON tm.team_id = ? AND tm.account_id = v.value JOIN accounts a ON a.id = tm.account_id');
  const removeMany = db.prepare('DELETE FROM team_members WHERE team_id = ? AND account_id IN (SELECT value FROM json_each(?))');
  const isLinked = db.prepare('SELECT 1 FROM team_orgs WHERE team_id = ? AND org_id = ?');
  const link = db.prepare('INSERT OR IGNORE INTO team_orgs (team_id, org_id, since) VALUES (?, ?, ?)');
  const unlink = db.prepare('DELETE FROM team_orgs WHERE team_id = ? AND org_id = ?');
  const memberPages = createMemberPages(db);
  // The provider's statements that grant nothing now: the person holds no seat (scim_group_members, 0010).
  const withoutSeat = db.prepare(`
    SELECT a.id AS accountId, a.email, a.name, sgm.since
    FROM scim_group_members sgm JOIN accounts a ON a.id = sgm.account_id
    WHERE sgm.team_id = ? AND NOT EXISTS (SELECT 1 FROM members m WHERE m.account_id = sgm.account_id)
    ORDER BY ${ACCOUNT_ORDER} LIMIT ?`);
  const withoutSeatCount = db
    .prepare('SELECT count(*) FROM scim_group_members sgm WHERE sgm.team_id = ? AND NOT EXISTS (SELECT 1 FROM members m WHERE m.account_id = sgm.account_id)')
    .pluck();
  const pendingInvitations = db.prepare(`
    SELECT i.email FROM invitation_teams it JOIN invitations i ON i.id = it.invitation_id
    WHERE it.team_id = ? AND i.status = 'pending' ORDER BY i.email_key, i.id LIMIT ?`).pluck();
  const pendingInvitationCount = db
    .prepare("SELECT count(*) FROM invitation_teams it JOIN invitations i ON i.id = it.invitation_id WHERE it.team_id = ? AND i.status = 'pending'")
    .pluck();
  // Live ones first, the soonest to expire first; then expired ones, the most recently expired first.
  const invitationPage = db.prepare(`
    SELECT i.id, i.email, CASE WHEN i.expires_at > @now THEN 'pending' ELSE 'expired' END AS status, i.sent_at AS sentAt, i.expires_at AS expiresAt,
      (i.expires_at > @now AND NOT ${INVITEE_HOLDS_SEAT}) AS holdsSeat
    FROM invitation_teams it JOIN invitations i ON i.id = it.invitation_id
    WHERE it.team_id = @teamId AND i.status = 'pending'
    ORDER BY i.expires_at <= @now, CASE WHEN i.expires_at > @now THEN i.expires_at END ASC, i.expires_at DESC, i.id
    LIMIT @limit OFFSET @offset`);
  const nameInInvitation = db.prepare('INSERT OR IGNORE INTO invitation_teams (invitation_id, team_id) VALUES (?, ?)');
  const teamsOfMember = db.prepare(`
    SELECT t.id, t.name, t.role FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.account_id = ? ORDER BY t.name_key, t.id`);

  return {
    list(): Team[] {
      return (list.all() as TeamRow[]).map(toTeam);
    },
    find(id: number): Team | null {
      const row = byId.get(id) as TeamRow | undefined;
      return row ? toTeam(row) : null;
    },
    findByKey(key: string): Team | null {
      const row = byKey.get(key) as TeamRow | undefined;
      return row ? toTeam(row) : null;
    },
    insert(values: { name: string; key: string; role: InvitationRole; source: TeamSource; at: string }): number {
      // The id SCIM will know the team by, should it become a group: never handed out twice.
      return Number(insert.run({ ...values, scimId: randomUUID() }).lastInsertRowid);
    },
    rename(values: { id: number; name: string; key: string; at: string }): void {
      rename.run(values);
    },
    setRole(id: number, role: InvitationRole, at: string): void {
      setRole.run({ id, role, at });
    },
    setAllOrgs(id: number, allOrgs: boolean, at: string): void {
      setAllOrgs.run({ id, allOrgs: allOrgs ? 1 : 0, at });
    },
    setSource(id: number, source: TeamSource, at: string): void {
      setSource.run({ id, source, at });
    },
    remove(id: number): void {
      remove.run(id);
    },
    /** Every team, by name, with its member count and linked organizations, in two queries. */
    summaries(): { teams: (Team & { memberCount: number })[]; orgs: Map<number, { id: number; name: string }[]> } {
      const teams = (listCounted.all() as (TeamRow & { member_count: number })[]).map((row) => ({ ...toTeam(row), memberCount: row.member_count }));
      const orgs = new Map<number, { id: number; name: string }[]>();
      for (const row of linkedOrgs.all() as { teamId: number; id: number; name: string }[]) {
        const list = orgs.get(row.teamId) ?? [];
        list.push({ id: row.id, name: row.name });
        orgs.set(row.teamId, list);
      }
      return { teams, orgs };
    },
    /**
     * A page of the teams, each with its member count and linked organizations; `total`: the teams whose name
     * contains the search (both folded: case and accents ignored), `all`: every team.
     */
    page(input: TeamPageInput): { teams: (Team & { memberCount: number })[]; orgs: Map<number, { id: number; name: string }[]>; total: number; all: number } {
      const search = foldText(input.search.trim());
      const searched = search !== '';
      const matched = searched ? (names.all() as [number, string][]).filter(([, name]) => foldText(name).includes(search)).map(([id]) => id) : [];
      const bounds = { limit: input.limit, offset: input.offset };
      const rows = (
        !searched ? pageStatement(input.sort, false).all(bounds) : matched.length === 0 ? [] : pageStatement(input.sort, true).all({ ...bounds, ids: JSON.stringify(matched) })
      ) as (TeamRow & { member_count: number })[];
      const teams = rows.map((row) => ({ ...toTeam(row), memberCount: row.member_count }));
      const orgs = new Map<number, { id: number; name: string }[]>();
      if (teams.length > 0) {
        for (const row of linkedOrgsOf.all(JSON.stringify(teams.map((team) => team.id))) as { teamId: number; id: number; name: string }[]) {
          const list = orgs.get(row.teamId) ?? [];
          list.push({ id: row.id, name: row.name });
          orgs.set(row.teamId, list);
        }
      }
      const all = teamCount.get() as number;
      return { teams, orgs, total: searched ? matched.length : all, all };
    },
    organizations(teamId: number): { id: number; name: string }[] {
      return orgsOf.all(teamId) as { id: number; name: string }[];
    },
    memberCount(teamId: number): number {
      return memberCount.get(teamId) as number;
    },
    /** Every member's account id, ascending: ids only, so even a team of 100,000 is cheap to read. */
    memberIds(teamId: number): number[] {
      return memberIds.all(teamId) as number[];
    },
    isMember(teamId: number, accountId: number): boolean {
      return isMember.get(teamId, accountId) !== undefined;
    },
    /** The address of each account given that holds a seat; the others are left out. */
    seatedEmails(accountIds: number[]): Map<number, string> {
      const rows = seatedEmails.all(JSON.stringify(accountIds)) as { id: number; email: string }[];
      return new Map(rows.map((row) => [row.id, row.email]));
    },
    /** Which of the accounts given are in the team already. */
    membersAmong(teamId: number, accountIds: number[]): Set<number> {
      return new Set(membersAmong.all(JSON.stringify(accountIds), teamId) as number[]);
    },
    /** addMember() of each account given, in one statement. */
    addMembers(teamId: number, accountIds: number[], at: string): void {
      if (accountIds.length > 0) addMany.run(teamId, at, JSON.stringify(accountIds));
    },
    addMember(teamId: number, accountId: number, at: string): void {
      addMember.run(teamId, accountId, at);
    },
    removeMember(teamId: number, accountId: number): void {
      removeMember.run(teamId, accountId);
    },
    /** The address of each account given that is in the team; the others are left out. */
    memberEmails(teamId: number, accountIds: number[]): Map<number, string> {
      const rows = memberEmails.all(JSON.stringify(accountIds), teamId) as { id: number; email: string }[];
      return new Map(rows.map((row) => [row.id, row.email]));
    },
    /** removeMember() of each account given, in one statement. */
    removeMembers(teamId: number, accountIds: number[]): void {
      if (accountIds.length > 0) removeMany.run(teamId, JSON.stringify(accountIds));
    },
    isLinked(teamId: number, orgId: number): boolean {
      return isLinked.get(teamId, orgId) !== undefined;
    },
    link(teamId: number, orgId: number, at: string): void {
      link.run(teamId, orgId, at);
    },
    unlink(teamId: number, orgId: number): void {
      unlink.run(teamId, orgId);
    },
    /** A page of its members, with their last activity on record (exact: Last Active itself is the report's to say). */
    members(input: Omit<TeamMembersInput, 'sort'> & { sort?: TeamMembersInput['sort'] }): { rows: (TeamPerson & { lastActiveAt: string | null })[]; total: number } {
      const size = (memberCount.get(input.teamId) as number | undefined) ?? 0;
      return memberPages.page(input, size, enterpriseMembers.get() as number);
    },
    /** The first `limit` people the provider put in the team who hold no seat, and how many there are. */
    withoutSeat(teamId: number, limit: number): TeamWithoutSeatPage {
      return { rows: withoutSeat.all(teamId, limit) as TeamPerson[], total: withoutSeatCount.get(teamId) as number };
    },
    /** A page of the pending invitations that name it, as they stand at `now`, and how many there are. */
    invitations(input: TeamInvitationsInput, now: string): { rows: Omit<TeamInvitationPage['rows'][number], 'otherTeams' | 'organizations'>[]; total: number } {
      const rows = invitationPage.all({ teamId: input.teamId, now, limit: input.limit, offset: input.offset }) as {
        id: number;
        email: string;
        status: 'pending' | 'expired';
        sentAt: string;
        expiresAt: string;
        holdsSeat: 0 | 1;
      }[];
      return { rows: rows.map((row) => ({ ...row, holdsSeat: row.holdsSeat === 1 })), total: pendingInvitationCount.get(input.teamId) as number };
    },
    /** Pending invitations (expired ones too: they can be resent) that name it, the first `limit` by address. */
    pendingInvitations(teamId: number, limit: number): CappedList<string> {
      return { count: pendingInvitationCount.get(teamId) as number, first: pendingInvitations.all(teamId, limit) as string[] };
    },
    /** A pending invitation names the team too: its invitee joins it when they accept. */
    nameInInvitation(teamId: number, invitationId: number): void {
      nameInInvitation.run(invitationId, teamId);
    },
    teamsOf(accountId: number): { id: number; name: string; role: InvitationRole }[] {
      return teamsOfMember.all(accountId) as { id: number; name: string; role: InvitationRole }[];
    },
  };
}

export type TeamRepository = ReturnType<typeof createTeamRepository>;
