import { scimPatch, ScimError as PatchLibraryError, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { filter as matcher } from 'scim2-parse-filter';
import { ENTERPRISE_USER_SCHEMA, MAX_PATCH_OPERATIONS, PATCH_SCHEMA, USER_SCHEMA } from '../discovery';
import { badRequest, ScimError } from '../errors';
import { parseFilter } from '../filter';
import { ownValue } from '../own';
import { KEPT_CORE_ATTRIBUTES, managerValue, READ_ONLY_ATTRIBUTES } from './resource';

type Json = Record<string, unknown>;
type OpName = 'add' | 'replace' | 'remove';

/** One operation after normalisation: a lower-case op and a path naming one attribute (or value path). */
interface Operation {
  op: OpName;
  path: string;
  value?: unknown;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The core attributes a PATCH may write, by lower-case name: canonical name, multi-valued, known sub-attributes. */
const WRITABLE: Record<string, { name: string; multi: boolean; subs?: string[] }> = {
  username: { name: 'userName', multi: false },
  externalid: { name: 'externalId', multi: false },
  displayname: { name: 'displayName', multi: false },
  active: { name: 'active', multi: false },
  name: { name: 'name', multi: false, subs: ['givenName', 'familyName', 'formatted', 'middleName', 'honorificPrefix', 'honorificSuffix'] },
  emails: { name: 'emails', multi: true, subs: ['value', 'type', 'primary', 'display'] },
  ...Object.fromEntries(
    KEPT_CORE_ATTRIBUTES.map((name) => [
      name.toLowerCase(),
      { name, multi: ['phoneNumbers', 'addresses', 'ims', 'photos', 'entitlements', 'roles', 'x509Certificates'].includes(name) },
    ]),
  ),
};
/** Written by clients that sync passwords; Roster keeps none, so it is accepted and dropped. */
const IGNORED = new Set(['password']);
const CORE_PATH = /^([A-Za-z][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z$][\w$-]*))?$/;

function canonicalSub(sub: string, subs: string[] | undefined): string {
  return subs?.find((known) => known.toLowerCase() === sub.toLowerCase()) ?? sub;
}

/** Object keys spelled as the schema spells them, so "GivenName" replaces "givenName" rather than sitting beside it. */
function canonicalKeys(value: unknown, subs: string[] | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalKeys(item, subs));
  if (!isObject(value) || !subs) return value;
  return Object.fromEntries(Object.entries(value).map(([key, sub]) => [canonicalSub(key, subs), sub]));
}

/**
 * Reads a PatchOp body (RFC 7644 section 3.5.2) into operations each naming
 * one attribute, in the dialects identity providers send: op names in any case
 * ("Replace"), no-path values with dotted keys ("name.givenName") or with
 * extension attributes spelled out ("urn:...:enterprise:2.0:User:department")
 * or nested under their schema URN.
 */
export function readPatch(body: unknown, id: string, resource: Json): Operation[] {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'The body must be a PatchOp object.');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((schema) => typeof schema === 'string' && schema.toLowerCase() === PATCH_SCHEMA.toLowerCase())) {
    throw badRequest('invalidSyntax', `A PATCH body must list the schema ${PATCH_SCHEMA}.`);
  }
  const operations = body.Operations ?? body.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw badRequest('invalidSyntax', 'A PATCH body needs "Operations": a list of at least one operation.');
  if (operations.length > MAX_PATCH_OPERATIONS) throw badRequest('invalidValue', `A PATCH holds at most ${MAX_PATCH_OPERATIONS} operations, and this one has ${operations.length}; send them in several requests.`);
  return operations.flatMap((operation, index) => readOperation(operation, index, id, resource));
}

function readOperation(operation: unknown, index: number, id: string, resource: Json): Operation[] {
  if (!isObject(operation)) throw badRequest('invalidSyntax', `Operations[${index}] must be an object with "op".`);
  const op = typeof operation.op === 'string' ? operation.op.trim().toLowerCase() : null;
  if (op !== 'add' && op !== 'replace' && op !== 'remove') throw badRequest('invalidSyntax', `Operations[${index}].op is add, replace or remove, not ${JSON.stringify(operation.op)}.`);
  const path = operation.path;
  if (path !== undefined && path !== null && typeof path !== 'string') throw badRequest('invalidPath', `Operations[${index}].path must be text.`);
  const hasPath = typeof path === 'string' && path.trim() !== '';
  if (op === 'remove') {
    if (!hasPath) throw badRequest('noTarget', `Operations[${index}]: remove needs a path naming what to remove.`);
    return normalise({ op, path: path.trim(), ...('value' in operation ? { value: operation.value } : {}) }, id, resource);
  }
  if (!('value' in operation)) throw badRequest('invalidValue', `Operations[${index}]: ${op} needs a value.`);
  if (hasPath) return normalise({ op, path: path.trim(), value: operation.value }, id, resource);
  if (!isObject(operation.value)) throw badRequest('invalidValue', `Operations[${index}]: ${op} without a path needs an object of attributes as its value.`);
  return spread(op, operation.value, id, resource);
}

/** A no-path add or replace: one operation per attribute of the value. */
function spread(op: OpName, value: Json, id: string, resource: Json): Operation[] {
  return Object.entries(value).flatMap(([key, sub]): Operation[] => {
    const lower = key.toLowerCase();
    if (lower === USER_SCHEMA.toLowerCase()) {
      if (!isObject(sub)) throw badRequest('invalidValue', `${key} must be an object of User attributes.`);
      return spread(op, sub, id, resource);
    }
    // An id equal to the user's own, or the schemas list, sent along with the attributes: nothing to change.
    if (lower === 'schemas' || (lower === 'id' && String(sub) === id)) return [];
    return normalise({ op, path: key, value: sub }, id, resource);
  });
}

/** The extension schema URNs a path may start with: the enterprise one, and those the user already has. */
function knownUrns(resource: Json): string[] {
  return [ENTERPRISE_USER_SCHEMA, ...Object.keys(resource).filter((key) => /^urn:/i.test(key))].sort((a, b) => b.length - a.length);
}

function normalise(operation: Operation, id: string, resource: Json): Operation[] {
  let path = operation.path;
  const core = `${USER_SCHEMA}:`;
  if (path.toLowerCase() === USER_SCHEMA.toLowerCase()) {
    if (operation.op === 'remove' || !isObject(operation.value)) throw badRequest('invalidPath', `The path ${path} names the whole user; name an attribute.`);
    return spread(operation.op, operation.value, id, resource);
  }
  if (path.toLowerCase().startsWith(core.toLowerCase())) path = path.slice(core.length);
  if (/^urn:/i.test(path)) return extensionOperation({ ...operation, path }, resource);

  const match = CORE_PATH.exec(path);
  if (!match) throw badRequest('invalidPath', `"${operation.path}" is not an attribute path.`);
  const [, head, valueFilter, sub] = match;
  const lower = head!.toLowerCase();
  if ((READ_ONLY_ATTRIBUTES as readonly string[]).includes(lower)) {
    throw badRequest('mutability', `${head} is read-only${lower === 'groups' ? ': change a user\'s groups through /Groups' : ''}.`);
  }
  if (IGNORED.has(lower)) return [];
  const attribute = ownValue(WRITABLE, lower);
  if (!attribute) throw badRequest('invalidPath', `"${head}" is not a User attribute Roster knows.`);
  if (valueFilter !== undefined) {
    if (!attribute.multi) throw badRequest('invalidPath', `${attribute.name} holds one value, so it cannot take a [filter].`);
    try {
      parseFilter(valueFilter);
    } catch (error) {
      throw badRequest('invalidPath', `The filter in "${operation.path}" cannot be used: ${error instanceof ScimError ? error.detail : (error as Error).message}`);
    }
  }
  if (sub !== undefined && !attribute.subs && !attribute.multi) throw badRequest('invalidPath', `${attribute.name} has no sub-attribute ${sub}.`);
  if (sub !== undefined && attribute.subs && !attribute.subs.some((known) => known.toLowerCase() === sub.toLowerCase())) {
    throw badRequest('invalidPath', `${attribute.name} has no sub-attribute ${sub}; it has ${attribute.subs.join(', ')}.`);
  }
  if ((lower === 'username' || lower === 'active') && operation.op === 'remove' && valueFilter === undefined && sub === undefined) {
    throw badRequest('invalidValue', lower === 'active' ? 'active cannot be removed; replace it with false to free the seat.' : 'userName is required and cannot be removed.');
  }
  const canonical = `${attribute.name}${valueFilter !== undefined ? `[${valueFilter}]` : ''}${sub !== undefined ? `.${canonicalSub(sub, attribute.subs)}` : ''}`;
  const value = sub === undefined && 'value' in operation ? canonicalKeys(operation.value, attribute.subs) : operation.value;
  return [{ op: operation.op, path: canonical, ...('value' in operation ? { value } : {}) }];
}

/** A path into an extension: the whole extension object, or one of its attributes. */
function extensionOperation(operation: Operation, resource: Json): Operation[] {
  const lower = operation.path.toLowerCase();
  const urn = knownUrns(resource).find((known) => lower === known.toLowerCase() || lower.startsWith(`${known.toLowerCase()}:`));
  if (urn && lower === urn.toLowerCase()) {
    if (operation.op === 'remove') return [{ op: 'remove', path: urn }];
    if (!isObject(operation.value)) throw badRequest('invalidValue', `${urn} takes an object of that schema's attributes.`);
    return Object.entries(operation.value).map(([key, value]) => withManager({ op: operation.op, path: `${urn}:${key}`, value }));
  }
  const split = urn ? urn.length : operation.path.lastIndexOf(':');
  const attribute = operation.path.slice(split + 1);
  if (!/^[A-Za-z$][\w$-]*(\.[A-Za-z$][\w$-]*)?$/.test(attribute)) throw badRequest('invalidPath', `"${operation.path}" does not name an attribute of ${operation.path.slice(0, split)}.`);
  return [withManager({ ...operation, path: `${urn ?? operation.path.slice(0, split)}:${attribute}` })];
}

const MANAGER_PATH = `${ENTERPRISE_USER_SCHEMA}:manager`.toLowerCase();

/**
 * Entra sends the enterprise manager as the manager's id alone ("value": "3");
 * the schema's manager is complex, so it is written as {"value": "3"}, which is
 * what Entra reads back (manager.value) and what filters on manager.value find.
 */
function withManager(operation: Operation): Operation {
  if (operation.path.toLowerCase() !== MANAGER_PATH) return operation;
  const path = `${ENTERPRISE_USER_SCHEMA}:manager`;
  return 'value' in operation ? { ...operation, path, value: managerValue(operation.value) } : { ...operation, path };
}

/** The key of `name` in `object`, ignoring case. */
function keyOf(object: Json, name: string): string | undefined {
  return Object.keys(object).find((key) => key.toLowerCase() === name.toLowerCase());
}

/**
 * Applies a PatchOp to a User resource (a copy), operation by operation in
 * order: scim-patch does the work; Roster checks paths and targets first and
 * says what was wrong the SCIM way. Any failure throws before anything is written.
 */
export function applyUserPatch(current: Json, body: unknown, id: string): Json {
  const resource = structuredClone(current);
  for (const operation of readPatch(body, id, current)) {
    const extension = knownUrns(resource).find((urn) => urn.toLowerCase() === operation.path.toLowerCase());
    if (extension && operation.op === 'remove') {
      const key = keyOf(resource, extension);
      if (key) delete resource[key];
      continue;
    }
    if (operation.op === 'remove') requireRemoveTarget(resource, operation.path);
    try {
      scimPatch(resource as unknown as ScimResource, [operation as ScimPatchOperation], { mutateDocument: true, treatMissingAsAdd: true });
    } catch (error) {
      if (error instanceof PatchLibraryError) {
        if (error.scimCode === 'noTarget') throw badRequest('noTarget', `Nothing matches the path "${operation.path}", so ${operation.op} has no target.`);
        throw badRequest('invalidValue', `${operation.op} "${operation.path}" cannot be applied: ${error.message.replace(/^Invalid SCIM Patch: /, '')}`);
      }
      throw error;
    }
  }
  return resource;
}

/** RFC 7644 section 3.5.2.2: removing with a value filter that matches nothing is a noTarget error. */
function requireRemoveTarget(resource: Json, path: string): void {
  const match = /^([^[]+)\[(.+)\]/.exec(path);
  if (!match) return;
  const key = keyOf(resource, match[1]!);
  const values = key === undefined ? [] : resource[key];
  const test = matcher(parseFilter(match[2]!));
  if (!Array.isArray(values) || !values.some((value) => test(value))) throw badRequest('noTarget', `No value of ${match[1]} matches [${match[2]}], so there is nothing to remove.`);
}
