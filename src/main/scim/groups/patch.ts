import { MAX_PATCH_OPERATIONS, PATCH_SCHEMA } from '../discovery';
import { badRequest, ScimError } from '../errors';
import { compileFilter } from '../filter';
import { resolveMemberAttribute } from './attributes';
import { attributesOf, readDisplayName, readExternalId, readMemberValues } from './input';

/** One change a PATCH asks of a group, read and checked before anything is applied. */
export type GroupChange =
  | { kind: 'addMembers'; values: string[] }
  | { kind: 'removeMembers'; values: string[] }
  | { kind: 'removeAllMembers' }
  | { kind: 'removeMembersWhere'; filter: string }
  | { kind: 'replaceMembers'; values: string[] }
  | { kind: 'replaceMembersWhere'; filter: string; values: string[] }
  | { kind: 'rename'; name: string }
  | { kind: 'externalId'; value: string | null };

type Op = 'add' | 'remove' | 'replace';

const READ_ONLY = new Set(['id', 'meta', 'schemas']);

/** "members[value eq \"7\"]" -> attribute, value filter, sub-attribute (RFC 7644 section 3.5.2, the PATH rule). */
function splitPath(path: string): { attribute: string; filter: string | null; sub: string | null } {
  const match = /^([A-Za-z$][\w$-]*)(?:\[(.*)\])?(?:\.([A-Za-z$][\w$-]*))?$/s.exec(path.trim().replace(/^urn:ietf:params:scim:schemas:core:2\.0:Group:/i, ''));
  if (!match) throw badRequest('invalidPath', `"${path}" is not an attribute path of a Group.`);
  return { attribute: match[1]!.toLowerCase(), filter: match[2] ?? null, sub: match[3] ?? null };
}

function memberFilter(filter: string, path: string): string {
  try {
    compileFilter(filter, resolveMemberAttribute);
  } catch (error) {
    const detail = error instanceof ScimError ? error.detail : String(error);
    throw badRequest('invalidPath', `The path ${path} has a filter Roster cannot use: ${detail} Members are filtered by value, display or type.`);
  }
  return filter;
}

function withPath(op: Op, path: string, value: unknown): GroupChange[] {
  const { attribute, filter, sub } = splitPath(path);
  if (READ_ONLY.has(attribute)) throw badRequest('mutability', `${path} is read-only: Roster sets it.`);
  if (attribute === 'members') {
    if (sub !== null) throw badRequest('invalidPath', `${path}: a member's ${sub} cannot be changed on its own; add or remove the member instead.`);
    if (filter !== null) {
      if (op === 'add') throw badRequest('invalidPath', `add takes the path "members" and the members to add as its value, not a filter (${path}).`);
      if (op === 'remove') return [{ kind: 'removeMembersWhere', filter: memberFilter(filter, path) }];
      return [{ kind: 'replaceMembersWhere', filter: memberFilter(filter, path), values: readMemberValues(value) }];
    }
    if (op === 'add') return [{ kind: 'addMembers', values: readMemberValues(value) }];
    if (op === 'replace') return [{ kind: 'replaceMembers', values: readMemberValues(value) }];
    // Entra removes with a list of values and no filter; with no value at all, every member goes (RFC 7644 section 3.5.2.2).
    return value === undefined || value === null ? [{ kind: 'removeAllMembers' }] : [{ kind: 'removeMembers', values: readMemberValues(value) }];
  }
  if (filter !== null || sub !== null) throw badRequest('invalidPath', `${path}: ${attribute === 'displayname' ? 'displayName' : attribute} is a single value; it takes no filter or sub-attribute.`);
  if (attribute === 'displayname') {
    if (op === 'remove') throw badRequest('invalidValue', 'displayName is required: it can be replaced, not removed.');
    return [{ kind: 'rename', name: readDisplayName(value) }];
  }
  if (attribute === 'externalid') return [{ kind: 'externalId', value: op === 'remove' ? null : readExternalId(value) }];
  throw badRequest('invalidPath', `A Group has no attribute "${path}"; it has displayName, members and externalId.`);
}

/** add or replace with no path: the value holds attributes by name, such as Okta's rename {"id": "12", "displayName": "New"}. */
function withoutPath(op: Exclude<Op, 'remove'>, value: unknown, groupId: string): GroupChange[] {
  const changes: GroupChange[] = [];
  for (const [key, item] of attributesOf(value, `The value of ${op} with no path`)) {
    if (key === 'schemas') continue;
    if (key === 'id') {
      if (String(item) !== groupId) throw badRequest('mutability', `id is read-only: this group's id is ${groupId}, not ${JSON.stringify(item)}.`);
      continue;
    }
    if (key === 'meta') throw badRequest('mutability', 'meta is read-only: Roster sets it.');
    changes.push(...withPath(op, key, item));
  }
  return changes;
}

/**
 * Reads a PatchOp request (RFC 7644 section 3.5.2) for a group into the changes
 * it asks for, in order. Op names are read ignoring case (Entra sends "Add",
 * "Replace", "Remove"). Nothing is applied here: a bad operation anywhere
 * refuses the whole request before any change.
 */
export function readGroupPatch(body: unknown, groupId: string): GroupChange[] {
  const request = attributesOf(body, 'A PATCH body');
  const schemas = request.get('schemas');
  if (!Array.isArray(schemas) || !schemas.some((schema) => typeof schema === 'string' && schema.toLowerCase() === PATCH_SCHEMA.toLowerCase())) {
    throw badRequest('invalidSyntax', `A PATCH body is a PatchOp: its schemas must include "${PATCH_SCHEMA}".`);
  }
  const operations = request.get('operations');
  if (!Array.isArray(operations) || operations.length === 0) throw badRequest('invalidSyntax', 'A PatchOp needs "Operations": a list of at least one operation.');
  if (operations.length > MAX_PATCH_OPERATIONS) {
    throw badRequest('invalidValue', `A PATCH holds at most ${MAX_PATCH_OPERATIONS} operations, and this one has ${operations.length}; send them in several requests.`);
  }
  return operations.flatMap((operation: unknown, index) => {
    const entry = attributesOf(operation, `Operation ${index + 1}`);
    const op = typeof entry.get('op') === 'string' ? (entry.get('op') as string).toLowerCase() : null;
    if (op !== 'add' && op !== 'remove' && op !== 'replace') {
      throw badRequest('invalidSyntax', `Operation ${index + 1}: "op" is add, remove or replace, not ${JSON.stringify(entry.get('op') ?? null)}.`);
    }
    const path = entry.get('path');
    if (path !== undefined && path !== null && typeof path !== 'string') throw badRequest('invalidPath', `Operation ${index + 1}: "path" must be text.`);
    if (typeof path === 'string' && path.trim() !== '') return withPath(op, path, entry.get('value'));
    if (op === 'remove') throw badRequest('noTarget', `Operation ${index + 1}: remove needs a path saying what to remove.`);
    return withoutPath(op, entry.get('value'), groupId);
  });
}
