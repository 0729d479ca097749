import type { Db } from '../../db/open';
import type { CompiledFilter } from '../filter';

/** A SCIM group as stored: a team with source 'scim', and what scim_groups keeps beside it. */
export interface GroupRow {
  id: number;
  /** The id SCIM hands out (a UUID; the team's row id for teams made before 0010). */
  scimId: string;
  name: string;
  externalId: string | null;
  created: string;
  lastModified: string;
}

/** A member as the provider stated it; `seated` says whether it applies (team_members) now. */
export interface GroupMemberRow {
  id: number;
  scimId: string;
  display: string;
}

/** A value of members, looked up: the account it names, whether that is a SCIM user, and whether it holds a seat. */
export interface MemberTarget {
  value: string;
  id: number | null;
  email: string | null;
  isUser: boolean;
  seated: boolean;
}

/** Who is in a group, summed up without reading the members: what meta.version is made of. */
export interface MembersDigest {
  count: number;
  sum: number;
  squares: number;
}

/** Teams made before the identity provider touched them (the demo's) have no scim_groups row yet. */
export const GROUP_CREATED = 'coalesce(sg.created_at, t.created_at)';
export const GROUP_LAST_MODIFIED = 'coalesce(sg.updated_at, t.updated_at)';
const GROUP = `t.id, t.scim_id AS scimId, t.name, sg.external_id AS externalId, ${GROUP_CREATED} AS created, ${GROUP_LAST_MODIFIED} AS lastModified`;
const GROUPS = "teams t LEFT JOIN scim_groups sg ON sg.team_id = t.id WHERE t.source = 'scim'";
/** A member's SCIM display: the account's name, or its email when it has none. */
export const memberDisplay = (accounts: string) => `CASE WHEN ${accounts}.name <> '' THEN ${accounts}.name ELSE ${accounts}.email END`;

/**
 * The SQL of /Groups. A group's members are the ones the provider stated
 * (scim_group_members), seat or none; the team's members (team_members, which
 * grant access) are those of them who hold a seat, changed through the team
 * service. Filters arrive compiled (values as parameters, attribute names looked
 * up, never copied); members change one at a time by primary key, so no request
 * reads a whole group to change part of it.
 */
export function createGroupRepository(db: Db) {
  const byId = db.prepare(`SELECT ${GROUP} FROM ${GROUPS} AND t.id = ?`);
  const byScimId = db.prepare(`SELECT ${GROUP} FROM ${GROUPS} AND t.scim_id = ?`);
  const membersOf = db.prepare(`
    SELECT sgm.account_id AS id, a.scim_id AS scimId, ${memberDisplay('a')} AS display
    FROM scim_group_members sgm JOIN accounts a ON a.id = sgm.account_id
    WHERE sgm.team_id = ? ORDER BY sgm.account_id`);
  // Kept by triggers as members come and go (migration 0020): no member row is read.
  const digest = db.prepare('SELECT members AS count, sum, squares FROM scim_group_digests WHERE team_id = ?');
  // The same two for a page of groups at once, so a list reads no group on its own.
  const membersOfMany = db.prepare(`
    SELECT sgm.team_id AS teamId, sgm.account_id AS id, a.scim_id AS scimId, ${memberDisplay('a')} AS display
    FROM scim_group_members sgm JOIN accounts a ON a.id = sgm.account_id
    WHERE sgm.team_id IN (SELECT value FROM json_each(?)) ORDER BY sgm.team_id, sgm.account_id`);
  const digestOfMany = db.prepare('SELECT team_id AS teamId, members AS count, sum, squares FROM scim_group_digests WHERE team_id IN (SELECT value FROM json_each(?))');
  // Every value of a members list in one query: the user each names, if any.
  const targets = db.prepare(`
    SELECT v.value, a.id, a.email,
      (m.account_id IS NOT NULL OR s.account_id IS NOT NULL) AS isUser, m.account_id IS NOT NULL AS seated
    FROM json_each(?) v LEFT JOIN accounts a ON a.scim_id = v.value
      LEFT JOIN members m ON m.account_id = a.id LEFT JOIN scim_users s ON s.account_id = a.id`);
  const statedIds = db.prepare('SELECT account_id FROM scim_group_members WHERE team_id = ? ORDER BY account_id').pluck();
  const isStated = db.prepare('SELECT 1 FROM scim_group_members WHERE team_id = ? AND account_id = ?');
  // A members list's lookups and statements in one query each over the ids as JSON, not one a member.
  // CROSS JOIN keeps json_each outside: left to itself, SQLite walked a large group's every member and scanned the JSON for each.
  const statedAmong = db.prepare('SELECT sgm.account_id FROM json_each(?) v CROSS JOIN scim_group_members sgm ON sgm.team_id = ? AND sgm.account_id = v.value').pluck();
  const seatedAmong = db.prepare('SELECT m.account_id FROM json_each(?) v CROSS JOIN members m ON m.account_id = v.value').pluck();
  // WHERE true: without it SQLite reads ON CONFLICT as a join's ON.
  const stateMany = db.prepare('INSERT INTO scim_group_members (team_id, account_id, since) SELECT ?, v.value, ? FROM json_each(?) v WHERE true ON CONFLICT DO NOTHING');
  const unstate = db.prepare('DELETE FROM scim_group_members WHERE team_id = ? AND account_id = ?');
  const unstateMany = db.prepare('DELETE FROM scim_group_members WHERE team_id = ? AND account_id IN (SELECT value FROM json_each(?))');
  // A manual team adopted by the provider: who is in it now is what the group holds.
  const stateTeamMembers = db.prepare(`
    INSERT INTO scim_group_members (team_id, account_id, since) SELECT team_id, account_id, since FROM team_members WHERE team_id = ?
    ON CONFLICT DO NOTHING`);
  const emailOf = db.prepare('SELECT email FROM accounts WHERE id = ?').pluck();
  const insert = db.prepare(`
    INSERT INTO scim_groups (team_id, external_id, created_at, updated_at) VALUES (@teamId, @externalId, @at, @at)
    ON CONFLICT (team_id) DO UPDATE SET external_id = excluded.external_id, created_at = excluded.created_at, updated_at = excluded.updated_at`);
  const setExternalId = db.prepare(`
    INSERT INTO scim_groups (team_id, external_id, created_at, updated_at)
    SELECT id, @externalId, created_at, @at FROM teams WHERE id = @teamId
    ON CONFLICT (team_id) DO UPDATE SET external_id = excluded.external_id, updated_at = excluded.updated_at`);
  const touch = db.prepare(`
    INSERT INTO scim_groups (team_id, external_id, created_at, updated_at)
    SELECT id, NULL, created_at, @at FROM teams WHERE id = @teamId
    ON CONFLICT (team_id) DO UPDATE SET updated_at = excluded.updated_at`);

  return {
    find(id: number): GroupRow | null {
      return (byId.get(id) as GroupRow | undefined) ?? null;
    },

    findByScimId(scimId: string): GroupRow | null {
      return (byScimId.get(scimId) as GroupRow | undefined) ?? null;
    },

    count(where: CompiledFilter): number {
      return db.prepare(`SELECT count(*) FROM ${GROUPS} AND (${where.sql})`).pluck().get(...where.params) as number;
    },

    /** One page of groups; `orderBy` is SQL from the fixed list of sortable attributes, never from the request. */
    page(where: CompiledFilter, orderBy: string, limit: number, offset: number): GroupRow[] {
      return db.prepare(`SELECT ${GROUP} FROM ${GROUPS} AND (${where.sql}) ORDER BY ${orderBy} LIMIT ? OFFSET ?`).all(...where.params, limit, offset) as GroupRow[];
    },

    members(teamId: number): GroupMemberRow[] {
      return membersOf.all(teamId) as GroupMemberRow[];
    },

    digest(teamId: number): MembersDigest {
      return (digest.get(teamId) as MembersDigest | undefined) ?? { count: 0, sum: 0, squares: 0 };
    },

    /** members() of each group given, in one query. */
    membersOfMany(teamIds: number[]): Map<number, GroupMemberRow[]> {
      const byTeam = new Map<number, GroupMemberRow[]>(teamIds.map((id) => [id, []]));
      for (const { teamId, ...member } of membersOfMany.all(JSON.stringify(teamIds)) as (GroupMemberRow & { teamId: number })[]) byTeam.get(teamId)?.push(member);
      return byTeam;
    },

    /** digest() of each group given, in one query; a group without members has count 0. */
    digestOfMany(teamIds: number[]): Map<number, MembersDigest> {
      const byTeam = new Map<number, MembersDigest>(teamIds.map((id) => [id, { count: 0, sum: 0, squares: 0 }]));
      for (const { teamId, ...digest } of digestOfMany.all(JSON.stringify(teamIds)) as (MembersDigest & { teamId: number })[]) byTeam.set(teamId, digest);
      return byTeam;
    },

    /** The stated members a value filter (members[...]) selects, compiled over `tm` (scim_group_members) and `a` (accounts). */
    matchingMembers(teamId: number, where: CompiledFilter): number[] {
      return db
        .prepare(`SELECT tm.account_id FROM scim_group_members tm JOIN accounts a ON a.id = tm.account_id WHERE tm.team_id = ? AND (${where.sql})`)
        .pluck()
        .all(teamId, ...where.params) as number[];
    },

    /** What each members value names, in the order given. */
    targets(values: string[]): MemberTarget[] {
      if (values.length === 0) return [];
      const rows = targets.all(JSON.stringify(values)) as { value: string; id: number | null; email: string | null; isUser: 0 | 1 | null; seated: 0 | 1 | null }[];
      return rows.map((row) => ({ value: row.value, id: row.id, email: row.email, isUser: row.isUser === 1, seated: row.seated === 1 }));
    },

    statedIds(teamId: number): number[] {
      return statedIds.all(teamId) as number[];
    },

    isStated(teamId: number, accountId: number): boolean {
      return isStated.get(teamId, accountId) !== undefined;
    },

    /** Which of the accounts given the group states already. */
    statedAmong(teamId: number, accountIds: number[]): Set<number> {
      return new Set(statedAmong.all(JSON.stringify(accountIds), teamId) as number[]);
    },

    /** Which of the accounts given hold a seat. */
    seatedAmong(accountIds: number[]): Set<number> {
      return new Set(seatedAmong.all(JSON.stringify(accountIds)) as number[]);
    },

    /** state() of each account given, in one statement. */
    stateMany(teamId: number, accountIds: number[], at: string): void {
      if (accountIds.length > 0) stateMany.run(teamId, at, JSON.stringify(accountIds));
    },

    unstate(teamId: number, accountId: number): void {
      unstate.run(teamId, accountId);
    },

    /** unstate() of each account given, in one statement. */
    unstateMany(teamId: number, accountIds: number[]): void {
      if (accountIds.length > 0) unstateMany.run(teamId, JSON.stringify(accountIds));
    },

    /** The team's members become the group's stated members (a manual team adopted). */
    stateTeamMembers(teamId: number): void {
      stateTeamMembers.run(teamId);
    },

    emailOf(accountId: number): string | null {
      return (emailOf.get(accountId) as string | undefined) ?? null;
    },

    /** The group came into SCIM (created, or a manual team adopted) at `at`. */
    insert(teamId: number, externalId: string | null, at: string): void {
      insert.run({ teamId, externalId, at });
    },

    setExternalId(teamId: number, externalId: string | null, at: string): void {
      setExternalId.run({ teamId, externalId, at });
    },

    /** meta.lastModified: set when a SCIM request changed the group. */
    touch(teamId: number, at: string): void {
      touch.run({ teamId, at });
    },
  };
}

export type GroupRepository = ReturnType<typeof createGroupRepository>;
