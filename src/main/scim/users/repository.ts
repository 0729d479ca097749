import type { Db } from '../../db/open';
import { ENTERPRISE_USER_SCHEMA } from '../discovery';
import { badRequest } from '../errors';
import type { CompiledFilter, SqlAttribute, SqlMultiAttribute } from '../filter';
import { ownValue } from '../own';
import { userNameKey } from './user-name';

/**
 * A SCIM user is an account that holds a seat (members) or that the identity
 * provider wrote (scim_users); both are read here, in one row.
 */
export interface ScimUserRow {
  id: number;
  /** The id SCIM hands out (a UUID; the row id for users made before 0010). */
  scimId: string;
  email: string;
  /** The provider's userName as sent; null for a member it never wrote (their userName is their address). */
  userName: string | null;
  accountName: string;
  accountCreatedAt: string;
  member: 0 | 1;
  seatSince: string | null;
  hasRow: 0 | 1;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  formatted: string | null;
  displayName: string | null;
  /** JSON arrays and objects, as stored. */
  emails: string;
  extensions: string;
  createdAt: string | null;
  updatedAt: string | null;
}

/** A group the provider put the user in (what the user's groups attribute lists). */
export interface ScimUserGroup {
  accountId: number;
  scimId: string;
  name: string;
}

/** What the identity provider keeps about a user, as scim_users holds it. */
export interface ScimUserValues {
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  formatted: string | null;
  displayName: string | null;
  emails: unknown[];
  extensions: Record<string, unknown>;
}

const FROM = 'accounts a LEFT JOIN members m ON m.account_id = a.id LEFT JOIN scim_users s ON s.account_id = a.id';
const IS_USER = '(m.account_id IS NOT NULL OR s.account_id IS NOT NULL)';
const COLUMNS = `a.id, a.scim_id AS scimId, a.email, s.user_name AS userName, a.name AS accountName, a.created_at AS accountCreatedAt,
  m.account_id IS NOT NULL AS member, m.seat_since AS seatSince, s.account_id IS NOT NULL AS hasRow,
  s.external_id AS externalId, s.given_name AS givenName, s.family_name AS familyName, s.formatted,
  s.display_name AS displayName, coalesce(s.emails, '[]') AS emails, coalesce(s.extensions, '{}') AS extensions,
  s.created_at AS createdAt, s.updated_at AS updatedAt`;

// A user the provider never wrote shows the account's name and address; one it wrote shows what it sent.
const DISPLAY_NAME = "CASE WHEN s.account_id IS NULL THEN nullif(a.name, '') ELSE s.display_name END";
const FORMATTED = "CASE WHEN s.account_id IS NULL THEN nullif(a.name, '') ELSE s.formatted END";
const EMAILS = "json_each(CASE WHEN s.account_id IS NULL THEN json_array(json_object('value', a.email, 'type', 'work', 'primary', json('true'))) ELSE s.emails END) ue WHERE 1";
const CREATED = 'coalesce(s.created_at, a.created_at)';
const LAST_MODIFIED = "max(coalesce(s.updated_at, ''), coalesce(m.seat_since, ''), a.created_at)";
const ACTIVE = '(m.account_id IS NOT NULL)';
// A member the provider never wrote has their address as userName.
const USER_NAME_KEY = 'coalesce(s.user_name_key, a.email_key)';
/**
 * userName eq "...", the filter every provider sends before it creates a user:
 * two index lookups (the provider's userNames, then the addresses of users it
 * never wrote) rather than a scan of every account.
 */
const USER_NAME_EQUALS = `a.id IN (SELECT account_id FROM scim_users WHERE user_name_key = ?
  UNION ALL SELECT x.id FROM accounts x JOIN members xm ON xm.account_id = x.id
    WHERE x.email_key = ? AND NOT EXISTS (SELECT 1 FROM scim_users y WHERE y.account_id = x.id))`;

/** The two sizes of block scim_user_blocks counts users in: account_id >> bits (migration 0018). */
const LARGE_BITS = 16;
const SMALL_BITS = 10;

const text = (sql: string, caseExact = false, folded = false): SqlAttribute => ({ kind: 'simple', sql, type: 'string', caseExact, folded });
const extension = (attribute: string) => text(`json_extract(s.extensions, '$."${ENTERPRISE_USER_SCHEMA}".${attribute}')`, false);

/** Every attribute a /Users filter may name (lower case), and how it reads in SQL. */
const FILTERABLE: Record<string, SqlAttribute | SqlMultiAttribute> = {
  id: text('a.scim_id', true),
  username: { ...text(USER_NAME_KEY, false, true), equals: USER_NAME_EQUALS },
  externalid: text('s.external_id', true),
  displayname: text(DISPLAY_NAME),
  'name.givenname': text('s.given_name'),
  'name.familyname': text('s.family_name'),
  'name.formatted': text(FORMATTED),
  active: { kind: 'simple', sql: ACTIVE, type: 'boolean', caseExact: true },
  'meta.created': { kind: 'simple', sql: CREATED, type: 'dateTime', caseExact: true },
  'meta.lastmodified': { kind: 'simple', sql: LAST_MODIFIED, type: 'dateTime', caseExact: true },
  emails: {
    kind: 'multi',
    from: EMAILS,
    primary: 'value',
    sub: {
      value: text("json_extract(ue.value, '$.value')"),
      type: text("json_extract(ue.value, '$.type')"),
      display: text("json_extract(ue.value, '$.display')"),
      primary: { kind: 'simple', sql: "json_extract(ue.value, '$.primary')", type: 'boolean', caseExact: true },
    },
  },
  groups: {
    kind: 'multi',
    from: "scim_group_members ugm JOIN teams ug ON ug.id = ugm.team_id WHERE ugm.account_id = a.id AND ug.source = 'scim'",
    primary: 'value',
    sub: { value: text('ug.scim_id', true), display: text('ug.name') },
  },
  ...Object.fromEntries(
    ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager.value'].map((name) => [
      `${ENTERPRISE_USER_SCHEMA}:${name}`.toLowerCase(),
      extension(name),
    ]),
  ),
};

/** Resolves a filter's attribute path (names ignore case, RFC 7643 section 2.1). */
export function resolveUserAttribute(path: string): SqlAttribute | SqlMultiAttribute | null {
  return ownValue(FILTERABLE, path.toLowerCase());
}

/** What sortBy may name, and the SQL it orders by (text ignoring case where the schema says so). */
const SORTABLE: Record<string, string> = {
  id: 'a.scim_id',
  username: USER_NAME_KEY,
  externalid: 's.external_id',
  displayname: `${DISPLAY_NAME} COLLATE NOCASE`,
  'name.givenname': 's.given_name COLLATE NOCASE',
  'name.familyname': 's.family_name COLLATE NOCASE',
  'name.formatted': `${FORMATTED} COLLATE NOCASE`,
  active: ACTIVE,
  'meta.created': CREATED,
  'meta.lastmodified': LAST_MODIFIED,
  emails: "(SELECT json_extract(ue.value, '$.value') FROM " + EMAILS + " ORDER BY coalesce(json_extract(ue.value, '$.primary'), 0) DESC LIMIT 1) COLLATE NOCASE",
};

function orderBy(sortBy: string | null, order: 'ascending' | 'descending'): string {
  if (sortBy === null) return 'a.id';
  const key = sortBy.replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, '').toLowerCase();
  const sql = ownValue(SORTABLE, key === 'emails.value' ? 'emails' : key);
  if (!sql) throw badRequest('invalidValue', `sortBy "${sortBy}" is not an attribute Roster sorts users by; use one of userName, displayName, name.givenName, name.familyName, name.formatted, externalId, emails, active, meta.created, meta.lastModified, id.`);
  const direction = order === 'descending' ? 'DESC' : 'ASC';
  // Users without the attribute come last either way; the id keeps pages stable.
  return `(${sql}) IS NULL, ${sql} ${direction}, a.id ${direction}`;
}

export function createScimUserRepository(db: Db) {
  const byId = db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = ? AND ${IS_USER}`);
  const byScimId = db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.scim_id = ? AND ${IS_USER}`);
  const userNameOwner = db.prepare(`SELECT a.id FROM accounts a WHERE ${USER_NAME_EQUALS}`).pluck();
  const groupsOf = db.prepare(`
    SELECT sgm.account_id AS accountId, t.scim_id AS scimId, t.name FROM scim_group_members sgm JOIN teams t ON t.id = sgm.team_id
    WHERE sgm.account_id IN (SELECT value FROM json_each(?)) AND t.source = 'scim' ORDER BY sgm.account_id, t.name_key, t.id`);
  const upsert = db.prepare(`
    INSERT INTO scim_users (account_id, user_name, user_name_key, external_id, given_name, family_name, formatted, display_name, emails, extensions, created_at, updated_at)
    VALUES (@accountId, @userName, @userNameKey, @externalId, @givenName, @familyName, @formatted, @displayName, @emails, @extensions, @at, @at)
    ON CONFLICT (account_id) DO UPDATE SET user_name = excluded.user_name, user_name_key = excluded.user_name_key,
      external_id = excluded.external_id, given_name = excluded.given_name,
      family_name = excluded.family_name, formatted = excluded.formatted, display_name = excluded.display_name,
      emails = excluded.emails, extensions = excluded.extensions, updated_at = excluded.updated_at`);
  const touch = db.prepare('UPDATE scim_users SET updated_at = ? WHERE account_id = ?');
  const remove = db.prepare('DELETE FROM scim_users WHERE account_id = ?');
  const leaveGroups = db.prepare('DELETE FROM scim_group_members WHERE account_id = ?');
  // Every user, without a filter, in id order (the order identity providers page in). The users
  // are counted per block of account ids (scim_user_blocks, kept by triggers; migration 0018):
  // a page adds up the counts of the large blocks (65,536 ids) and then of at most 64 small
  // ones (1,024 ids) to find where its first user is, and steps over fewer than 1,024 users
  // from there. Stepping over every user before the page took 4 ms in the middle of 1,000,000.
  const blocks = db.prepare('SELECT block, users FROM scim_user_blocks WHERE bits = ? AND block BETWEEN ? AND ? AND users > 0 ORDER BY block').raw();
  const userIdsFrom = db.prepare(`
    SELECT account_id FROM members WHERE account_id >= @from UNION SELECT account_id FROM scim_users WHERE account_id >= @from
    ORDER BY 1 LIMIT @limit OFFSET @skip`).pluck();
  const byIds = db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.id IN (SELECT value FROM json_each(?))`);

  /** The rows of the given users, in the order given: one query, never one per user. */
  function rowsOf(ids: number[]): ScimUserRow[] {
    if (ids.length === 0) return [];
    const found = new Map((byIds.all(JSON.stringify(ids)) as ScimUserRow[]).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id)).filter((row): row is ScimUserRow => row !== undefined);
  }

  /** The ids of one page of the users `where` matches, in the order asked: a sort over ids and keys alone, not whole rows. */
  function idsOf(where: string, params: unknown[], order: string, offset: number, limit: number): number[] {
    const sql = `SELECT a.id FROM ${FROM} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`;
    return db.prepare(sql).pluck().all(...params, limit, offset) as number[];
  }

  /** Every user in the large blocks, in block order, and how many in all. */
  function largeBlocks(): { counts: [number, number][]; total: number } {
    const counts = blocks.all(LARGE_BITS, 0, Number.MAX_SAFE_INTEGER) as [number, number][];
    return { counts, total: counts.reduce((sum, [, users]) => sum + users, 0) };
  }

  /** The block of `counts` (block, users; in block order) position `offset` falls in, and how many users come before it. */
  function blockAt(counts: [number, number][], offset: number, before: number): { block: number; before: number } {
    for (const [block, users] of counts) {
      if (before + users > offset) return { block, before };
      before += users;
    }
    throw new Error(`SCIM user position ${offset} is past the counted users (${before}).`);
  }

  /** The ids of the users at positions [offset, offset + limit) in id order; offset is below the total of `large`. */
  function idsByPosition(large: [number, number][], offset: number, limit: number): number[] {
    const outer = blockAt(large, offset, 0);
    const first = outer.block << (LARGE_BITS - SMALL_BITS);
    const small = blocks.all(SMALL_BITS, first, first + (1 << (LARGE_BITS - SMALL_BITS)) - 1) as [number, number][];
    const inner = blockAt(small, offset, outer.before);
    return userIdsFrom.all({ from: inner.block * 2 ** SMALL_BITS, limit, skip: offset - inner.before }) as number[];
  }

  function pageOf(filter: CompiledFilter | null, sortBy: string | null, sortOrder: 'ascending' | 'descending', offset: number, limit: number): { rows: ScimUserRow[]; total: number } {
    // A sortBy Roster does not know is refused even when there is nothing to sort.
    const order = orderBy(sortBy, sortOrder);
    if (filter === null) {
      const { counts, total } = largeBlocks();
      if (limit === 0 || offset >= total) return { rows: [], total };
      // Without sortBy the order is the id's, ascending (sortOrder alone changes nothing).
      if (sortBy === null) return { rows: rowsOf(idsByPosition(counts, offset, limit)), total };
      return { rows: rowsOf(idsOf(IS_USER, [], order, offset, limit)), total };
    }
    const where = `${IS_USER} AND ${filter.sql}`;
    const total = db.prepare(`SELECT count(*) FROM ${FROM} WHERE ${where}`).pluck().get(...filter.params) as number;
    const rows = limit === 0 || offset >= total ? [] : rowsOf(idsOf(where, filter.params, order, offset, limit));
    return { rows, total };
  }

  return {
    find(accountId: number): ScimUserRow | null {
      return (byId.get(accountId) as ScimUserRow | undefined) ?? null;
    },

    /** The user SCIM knows by this id, if any. */
    findByScimId(scimId: string): ScimUserRow | null {
      return (byScimId.get(scimId) as ScimUserRow | undefined) ?? null;
    },

    /** The account of the user whose userName is `key` (lower-cased), if any. */
    userNameOwner(key: string): number | null {
      return (userNameOwner.get(key, key) as number | undefined) ?? null;
    },

    /** The teams of the given users, each user's in name order. */
    groupsOf(accountIds: number[]): ScimUserGroup[] {
      return accountIds.length === 0 ? [] : (groupsOf.all(JSON.stringify(accountIds)) as ScimUserGroup[]);
    },

    /**
     * One page of the users a filter matches, and how many it matches in all
     * (limit 0: the total only). The page's ids are found first, over as little
     * as each order needs, and only those rows are read whole; in
     * one read transaction, so the total, the ids and the rows are of one moment.
     */
    page(filter: CompiledFilter | null, sortBy: string | null, sortOrder: 'ascending' | 'descending', offset: number, limit: number): { rows: ScimUserRow[]; total: number } {
      return db.transaction(() => pageOf(filter, sortBy, sortOrder, offset, limit))();
    },

    save(accountId: number, userName: string, values: ScimUserValues, at: string): void {
      upsert.run({
        accountId,
        userName,
        userNameKey: userNameKey(userName),
        externalId: values.externalId,
        givenName: values.givenName,
        familyName: values.familyName,
        formatted: values.formatted,
        displayName: values.displayName,
        emails: JSON.stringify(values.emails),
        extensions: JSON.stringify(values.extensions),
        at,
      });
    },

    /** Marks the user changed (its seat was taken or freed) when the provider's row exists. */
    touch(accountId: number, at: string): void {
      touch.run(at, accountId);
    },

    remove(accountId: number): void {
      remove.run(accountId);
    },

    /** Forgets every group the provider put the user in (the user resource is deleted). */
    leaveGroups(accountId: number): void {
      leaveGroups.run(accountId);
    },
  };
}

export type ScimUserRepository = ReturnType<typeof createScimUserRepository>;
