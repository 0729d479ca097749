import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../discovery';
import { badRequest } from '../errors';
import { etagOf } from '../resources';
import { KEPT_ATTRIBUTES, KEPT_NAME_PARTS } from './kept-attributes';
import type { ScimUserGroup, ScimUserRow, ScimUserValues } from './repository';
import { addressOf } from './user-name';

/** Core User attributes Roster keeps as sent (see kept-attributes.ts). */
export const KEPT_CORE_ATTRIBUTES = KEPT_ATTRIBUTES.map((attribute) => attribute.name);

/** The longest text Roster keeps in any one value the provider sends. */
export const MAX_TEXT = 4096;
/** The most values a multi-valued attribute (emails, phoneNumbers, ...) may hold. */
export const MAX_VALUES = 100;
/** How deep a kept value (an extension object) may nest. */
const MAX_DEPTH = 8;
/** Keys that would reach an object's prototype: never kept. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Attributes the provider cannot write: sent in a PUT or POST they are ignored, in a PATCH refused. */
export const READ_ONLY_ATTRIBUTES = ['id', 'meta', 'groups', 'schemas'] as const;

/** A User as a client writes it (POST, PUT, or the result of a PATCH), checked and normalised. */
export interface UserInput extends ScimUserValues {
  /** As sent (trimmed): any string, unique ignoring case. */
  userName: string;
  /** The person's address, normalised: from userName or emails (user-name.ts). */
  address: string;
  /** Null: not said (a PUT without active keeps the seat as it is). */
  active: boolean | null;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value under `name`, matching attribute names ignoring case (RFC 7643 section 2.1). */
function field(object: Json, name: string): unknown {
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

function optionalText(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest('invalidValue', `${name} must be text, not ${JSON.stringify(value)}.`);
  const trimmed = value.trim();
  if (trimmed.length > MAX_TEXT) throw badRequest('invalidValue', `${name} is ${trimmed.length} characters long; Roster keeps at most ${MAX_TEXT}.`);
  return trimmed === '' ? null : trimmed;
}

/**
 * A value kept as sent (a kept core attribute, an extension's), checked: text
 * at most MAX_TEXT characters, lists at most MAX_VALUES values, nesting at most
 * MAX_DEPTH levels; keys that would reach a prototype (__proto__) are dropped.
 */
function keptValue(value: unknown, name: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw badRequest('invalidValue', `${name} nests more than ${MAX_DEPTH} levels deep.`);
  if (typeof value === 'string') {
    if (value.length > MAX_TEXT) throw badRequest('invalidValue', `${name} is ${value.length} characters long; Roster keeps at most ${MAX_TEXT}.`);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_VALUES) throw badRequest('invalidValue', `${name} has ${value.length} values; Roster keeps at most ${MAX_VALUES}.`);
    return value.map((item, index) => keptValue(item, `${name}[${index}]`, depth + 1));
  }
  if (isObject(value)) {
    const kept: Json = {};
    for (const [key, item] of Object.entries(value)) {
      if (UNSAFE_KEYS.has(key)) continue;
      kept[key] = keptValue(item, `${name}.${key}`, depth + 1);
    }
    return kept;
  }
  return value;
}

/**
 * The enterprise manager as the schema has it, {"value": id}: Entra sends the
 * manager's id alone ("3"), and reads back manager.value.
 */
export function managerValue(value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'number') return { value: String(value) };
  return value;
}

/** An extension's object as kept: checked, and its manager (enterprise) made complex. */
function extensionValue(urn: string, value: Json): Json {
  const kept = keptValue(value, urn) as Json;
  if (urn !== ENTERPRISE_USER_SCHEMA) return kept;
  const key = Object.keys(kept).find((candidate) => candidate.toLowerCase() === 'manager');
  if (key === undefined) return kept;
  const { [key]: manager, ...rest } = kept;
  const complex = managerValue(manager);
  // No manager: null, "", or {"value": ""} (Entra clearing it with an empty Replace).
  const empty = complex === null || (isObject(complex) && Object.values(complex).every((part) => part === null || part === ''));
  return empty ? rest : { ...rest, manager: complex };
}

/** true / false, and the strings "True" / "False" that Microsoft Entra ID sends. */
export function readBoolean(value: unknown, name: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw badRequest('invalidValue', `${name} must be true or false, not ${JSON.stringify(value)}.`);
}

function readEmails(value: unknown): Json[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badRequest('invalidValue', 'emails must be a list of {"value", "type", "primary"} objects.');
  if (value.length > MAX_VALUES) throw badRequest('invalidValue', `emails has ${value.length} values; Roster keeps at most ${MAX_VALUES}.`);
  return value.map((item, index) => {
    if (!isObject(item)) throw badRequest('invalidValue', `emails[${index}] must be an object with a "value".`);
    const email: Json = {};
    for (const [key, sub] of Object.entries(item)) {
      const lower = key.toLowerCase();
      if (lower === 'value' || lower === 'display') email[lower] = optionalText(sub, `emails[${index}].${lower}`);
      // Types are canonical lower-case words (work, home, other): kept so, value filters find them.
      else if (lower === 'type') email.type = optionalText(sub, `emails[${index}].type`)?.toLowerCase() ?? null;
      else if (lower === 'primary') email.primary = sub === null ? null : readBoolean(sub, `emails[${index}].primary`);
    }
    if (typeof email.value !== 'string') throw badRequest('invalidValue', `emails[${index}] needs a "value" (the address).`);
    return Object.fromEntries(Object.entries(email).filter(([, sub]) => sub !== null));
  });
}

/** Checks a User body: a userName, an address to go by (user-name.ts); other attributes are typed as the schema says. */
export function parseUser(body: unknown): UserInput {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'The body must be a User object.');
  const userNameValue = field(body, 'userName');
  if (typeof userNameValue !== 'string' || userNameValue.trim() === '') throw badRequest('invalidValue', 'userName is required: any name unique to the user, often their email address.');
  const userName = userNameValue.trim();
  if (userName.length > MAX_TEXT) throw badRequest('invalidValue', `userName is ${userName.length} characters long; Roster keeps at most ${MAX_TEXT}.`);
  const name = field(body, 'name');
  if (name !== undefined && name !== null && !isObject(name)) throw badRequest('invalidValue', 'name must be an object (givenName, familyName, formatted).');
  const names = isObject(name) ? name : {};
  const active = field(body, 'active');

  const extensions: Json = {};
  const core: Json = {};
  for (const attribute of KEPT_CORE_ATTRIBUTES) {
    const kept = field(body, attribute);
    if (kept !== undefined && kept !== null) core[attribute] = keptValue(kept, attribute);
  }
  const nameParts: Json = {};
  for (const part of KEPT_NAME_PARTS) {
    const kept = optionalText(field(names, part), `name.${part}`);
    if (kept !== null) nameParts[part] = kept;
  }
  if (Object.keys(nameParts).length > 0) core.name = nameParts;
  if (Object.keys(core).length > 0) extensions[USER_SCHEMA] = core;
  for (const [key, value] of Object.entries(body)) {
    if (!/^urn:/i.test(key) || key.toLowerCase() === USER_SCHEMA.toLowerCase()) continue;
    if (!isObject(value)) throw badRequest('invalidValue', `${key} must be an object of that schema's attributes.`);
    const urn = key.toLowerCase() === ENTERPRISE_USER_SCHEMA.toLowerCase() ? ENTERPRISE_USER_SCHEMA : key;
    const kept = extensionValue(urn, value);
    if (Object.keys(kept).length > 0) extensions[urn] = kept;
  }

  const emails = readEmails(field(body, 'emails'));
  return {
    userName,
    address: addressOf(userName, emails),
    externalId: optionalText(field(body, 'externalId'), 'externalId'),
    givenName: optionalText(field(names, 'givenName'), 'name.givenName'),
    familyName: optionalText(field(names, 'familyName'), 'name.familyName'),
    formatted: optionalText(field(names, 'formatted'), 'name.formatted'),
    displayName: optionalText(field(body, 'displayName'), 'displayName'),
    emails,
    active: active === undefined || active === null ? null : readBoolean(active, 'active'),
    extensions,
  };
}

/** The name the provider gives a person: displayName, else name.formatted, else given and family names. */
export function nameFrom(values: Pick<ScimUserValues, 'displayName' | 'formatted' | 'givenName' | 'familyName'>): string {
  return values.displayName ?? values.formatted ?? [values.givenName, values.familyName].filter(Boolean).join(' ');
}

/** The provider's values as a row holds them (null when it never wrote the user). */
export function valuesOf(row: ScimUserRow): ScimUserValues | null {
  if (!row.hasRow) return null;
  return {
    externalId: row.externalId,
    givenName: row.givenName,
    familyName: row.familyName,
    formatted: row.formatted,
    displayName: row.displayName,
    emails: JSON.parse(row.emails) as unknown[],
    extensions: JSON.parse(row.extensions) as Json,
  };
}

/** The SCIM User (RFC 7643 section 4.1) for a row and its teams; `base` is the server's /scim/v2 URL. */
export function toUser(row: ScimUserRow, groups: ScimUserGroup[], base: string): Json {
  const values = valuesOf(row);
  const accountName = row.accountName || null;
  const extensions = values?.extensions ?? {};
  const { [USER_SCHEMA]: coreBag, ...schemaExtensions } = extensions;
  // userName was kept in this bag before 0010 moved it to its own column.
  const { userName: _kept, name: nameParts, ...core } = isObject(coreBag) ? coreBag : {};
  const name = values ? { givenName: values.givenName, familyName: values.familyName, formatted: values.formatted, ...(isObject(nameParts) ? nameParts : {}) } : { formatted: accountName };
  const cleanName = Object.fromEntries(Object.entries(name).filter(([, value]) => value !== null));
  const emails = values ? values.emails : [{ value: row.email, type: 'work', primary: true }];
  const enterprise = schemaExtensions[ENTERPRISE_USER_SCHEMA];
  // A manager kept as a bare id before Roster made it complex reads back as {"value": id}.
  if (isObject(enterprise) && 'manager' in enterprise) schemaExtensions[ENTERPRISE_USER_SCHEMA] = { ...enterprise, manager: managerValue(enterprise.manager) };
  // As the provider sent it; a member it never wrote goes by their address.
  const userName = row.userName ?? row.email;

  const user: Json = {
    schemas: [USER_SCHEMA, ...Object.keys(schemaExtensions)],
    id: row.scimId,
    ...(values?.externalId ? { externalId: values.externalId } : {}),
    userName,
    ...(Object.keys(cleanName).length > 0 ? { name: cleanName } : {}),
    ...((values ? values.displayName : accountName) ? { displayName: values ? values.displayName : accountName } : {}),
    ...(emails.length > 0 ? { emails } : {}),
    active: row.member === 1,
    ...(groups.length > 0 ? { groups: groups.map((group) => ({ value: group.scimId, $ref: `${base}/Groups/${group.scimId}`, display: group.name })) } : {}),
    ...core,
    ...schemaExtensions,
  };
  const created = row.createdAt ?? row.accountCreatedAt;
  const lastModified = [row.updatedAt, row.seatSince, row.accountCreatedAt].filter((at): at is string => at !== null).sort().at(-1)!;
  // The version leaves out the server's address, which differs by the host name a client used.
  const version = etagOf(groups.length > 0 ? { ...user, groups: groups.map((group) => ({ value: group.scimId, display: group.name })) } : user);
  user.meta = { resourceType: 'User', created, lastModified, location: `${base}/Users/${row.scimId}`, version };
  return user;
}
