import { nameKey } from '@shared/schemas/names';
import { badRequest } from '../errors';
import type { ResolveAttribute, SqlAttribute, SqlMultiAttribute } from '../filter';
import { ownValue } from '../own';
import { GROUP_CREATED, GROUP_LAST_MODIFIED, memberDisplay } from './repository';

const CORE_URN = /^urn:ietf:params:scim:schemas:core:2\.0:Group:/i;

/** An attribute name as the schema spells it, for lookups: without the core URN, lower-cased (names are case-insensitive). */
export const attributeKey = (name: string) => name.replace(CORE_URN, '').toLowerCase();

/** The sub-attributes of a member, over a scim_group_members alias and an accounts alias. */
function memberAttributes(accounts: string): Record<string, SqlAttribute> {
  return {
    value: { kind: 'simple', sql: `${accounts}.scim_id`, type: 'string', caseExact: true },
    display: { kind: 'simple', sql: memberDisplay(accounts), type: 'string', caseExact: false },
    type: { kind: 'simple', sql: "'User'", type: 'string', caseExact: false },
  };
}

const members: SqlMultiAttribute = {
  kind: 'multi',
  from: 'scim_group_members fm JOIN accounts fa ON fa.id = fm.account_id WHERE fm.team_id = t.id',
  sub: memberAttributes('fa'),
  primary: 'value',
};

const groupAttributes: Record<string, SqlAttribute | SqlMultiAttribute> = {
  id: { kind: 'simple', sql: 't.scim_id', type: 'string', caseExact: true },
  // name_key holds the name folded as uniqueness compares it; folding the value the same way finds "STRASSE" for "Straße", by index.
  displayname: { kind: 'simple', sql: 't.name_key', type: 'string', caseExact: false, folded: true, foldValue: nameKey },
  externalid: { kind: 'simple', sql: 'sg.external_id', type: 'string', caseExact: true },
  'meta.created': { kind: 'simple', sql: GROUP_CREATED, type: 'dateTime', caseExact: false },
  'meta.lastmodified': { kind: 'simple', sql: GROUP_LAST_MODIFIED, type: 'dateTime', caseExact: false },
  members,
};

/** Filters on /Groups: over `t` (teams) and `sg` (scim_groups). */
export const resolveGroupAttribute: ResolveAttribute = (path) => ownValue(groupAttributes, attributeKey(path));

const memberFilterAttributes = memberAttributes('a');

/** Value filters in PATCH paths (members[value eq "7"]): over `tm` (scim_group_members) and `a` (accounts). */
export const resolveMemberAttribute: ResolveAttribute = (path) => ownValue(memberFilterAttributes, path.toLowerCase());

const SORTABLE: Record<string, string> = {
  id: 't.scim_id',
  displayname: 't.name_key',
  externalid: 'sg.external_id',
  'meta.created': GROUP_CREATED,
  'meta.lastmodified': GROUP_LAST_MODIFIED,
};

/**
 * ORDER BY for sortBy/sortOrder (RFC 7644 section 3.4.2.3): unassigned values
 * last when ascending, first when descending; ties by id. Without sortBy,
 * groups come in the order they were made.
 */
export function groupOrder(sortBy: string | null, order: 'ascending' | 'descending'): string {
  const direction = order === 'descending' ? 'DESC' : 'ASC';
  if (sortBy === null) return `t.id ${direction}`;
  const column = ownValue(SORTABLE, attributeKey(sortBy));
  if (!column) throw badRequest('invalidValue', `Groups cannot be sorted by "${sortBy}"; sort by id, displayName, externalId, meta.created or meta.lastModified.`);
  return `(${column} IS NULL) ${direction}, ${column} ${direction}, t.id ${direction}`;
}

/** Whether a response needs the members at all: Entra asks with excludedAttributes=members so that none are read. */
export function wantsMembers(attributes: string[] | null, excluded: string[] | null): boolean {
  if (attributes) return attributes.some((name) => attributeKey(name) === 'members' || attributeKey(name).startsWith('members.'));
  if (excluded) return !excluded.some((name) => attributeKey(name) === 'members');
  return true;
}
