import type { Db } from '../../db/open';
import type { CompiledFilter } from '../filter';

/** A SCIM group as stored: a team with source 'scim', and what scim_groups keeps beside it. */
export interface GroupRow {
  id: number;
  name: string;
  externalId: string | null;
  created: string;
  lastModified: string;
}

export interface GroupMemberRow {
  id: number;
  display: string;
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
const GROUP = `t.id, t.name, sg.external_id AS externalId, ${GROUP_CREATED} AS created, ${GROUP_LAST_MODIFIED} AS lastModified`;
const GROUPS = "teams t LEFT JOIN scim_groups sg ON sg.team_id = t.id WHERE t.source = 'scim'";
/** A member's SCIM display: the account's name, or its email when it has none. */
export const memberDisplay = (accounts: string) => `CASE WHEN ${accounts}.name <> '' THEN ${accounts}.name ELSE ${accounts}.email END`;

/**
 * The SQL of /Groups. Filters arrive compiled (values as parameters, attribute
 * names looked up, never copied); member changes go through the team service,
 * one member at a time by primary key, so no request reads a whole group to
 * change part of it.
 */
export function createGroupRepository(db: Db) {
  const byId = db.prepare(`SELECT ${GROUP} FROM ${GROUPS} AND t.id = ?`);
  const membersOf = db.prepare(`
    SELECT tm.account_id AS id, ${memberDisplay('a')} AS display
    FROM team_members tm JOIN accounts a ON a.id = tm.account_id
    WHERE tm.team_id = ? ORDER BY tm.account_id`);
  // Covered by the (team_id, account_id) primary key: no member row is read.
  const digest = db.prepare(`
    SELECT count(*) AS count, total(account_id) AS sum, total(account_id * account_id) AS squares
    FROM team_members WHERE team_id = ?`);
  // The same two for a page of groups at once, so a list reads no group on its own.
  const membersOfMany = db.prepare(`
    SELECT tm.team_id AS teamId, tm.account_id AS id, ${memberDisplay('a')} AS display
    FROM team_members tm JOIN accounts a ON a.id = tm.account_id
    WHERE tm.team_id IN (SELECT value FROM json_each(?)) ORDER BY tm.team_id, tm.account_id`);
  const digestOfMany = db.prepare(`
    SELECT team_id AS teamId, count(*) AS count, total(account_id) AS sum, total(account_id * account_id) AS squares
    FROM team_members WHERE team_id IN (SELECT value FROM json_each(?)) GROUP BY team_id`);
  const seated = db.prepare('SELECT 1 FROM members WHERE account_id = ?');
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
      return digest.get(teamId) as MembersDigest;
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

    /** The members a value filter (members[...]) selects, compiled over `tm` (team_members) and `a` (accounts). */
    matchingMembers(teamId: number, where: CompiledFilter): number[] {
      return db
        .prepare(`SELECT tm.account_id FROM team_members tm JOIN accounts a ON a.id = tm.account_id WHERE tm.team_id = ? AND (${where.sql})`)
        .pluck()
        .all(teamId, ...where.params) as number[];
    },

    isSeated(accountId: number): boolean {
      return seated.get(accountId) !== undefined;
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
