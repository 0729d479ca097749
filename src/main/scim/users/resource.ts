import { normaliseEmail } from '@shared/schemas/email';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../discovery';
import { badRequest } from '../errors';
import { etagOf } from '../resources';
import type { ScimUserGroup, ScimUserRow, ScimUserValues } from './repository';

/**
 * Core User attributes (RFC 7643 section 4.1) Roster has no use for but keeps
 * as sent, so the identity provider reads back what it wrote. They are stored
 * with the extensions, under the core schema's URN.
 */
export const KEPT_CORE_ATTRIBUTES = [
  'nickName',
  'profileUrl',
  'title',
  'userType',
  'preferredLanguage',
  'locale',
  'timezone',
  'phoneNumbers',
  'addresses',
  'ims',
  'photos',
  'entitlements',
  'roles',
  'x509Certificates',
] as const;

/** Attributes the provider cannot write: sent in a PUT or POST they are ignored, in a PATCH refused. */
export const READ_ONLY_ATTRIBUTES = ['id', 'meta', 'groups', 'schemas'] as const;

/** A User as a client writes it (POST, PUT, or the result of a PATCH), checked and normalised. */
export interface UserInput extends ScimUserValues {
  /** The normalised email. */
  userName: string;
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
  return trimmed === '' ? null : trimmed;
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

/** Checks a User body: userName must be a valid email; other attributes are typed as the schema says. */
export function parseUser(body: unknown): UserInput {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'The body must be a User object.');
  const userNameValue = field(body, 'userName');
  if (typeof userNameValue !== 'string' || userNameValue.trim() === '') throw badRequest('invalidValue', 'userName is required: the user\'s email address.');
  const userName = normaliseEmail(userNameValue);
  if (!userName) throw badRequest('invalidValue', `userName must be an email address, and "${userNameValue.trim()}" is not one.`);
  const name = field(body, 'name');
  if (name !== undefined && name !== null && !isObject(name)) throw badRequest('invalidValue', 'name must be an object (givenName, familyName, formatted).');
  const names = isObject(name) ? name : {};
  const active = field(body, 'active');

  const extensions: Json = {};
  const core: Json = {};
  for (const attribute of KEPT_CORE_ATTRIBUTES) {
    const kept = field(body, attribute);
    if (kept !== undefined && kept !== null) core[attribute] = kept;
  }
  if (Object.keys(core).length > 0) extensions[USER_SCHEMA] = core;
  for (const [key, value] of Object.entries(body)) {
    if (!/^urn:/i.test(key) || key.toLowerCase() === USER_SCHEMA.toLowerCase()) continue;
    if (!isObject(value)) throw badRequest('invalidValue', `${key} must be an object of that schema's attributes.`);
    const urn = key.toLowerCase() === ENTERPRISE_USER_SCHEMA.toLowerCase() ? ENTERPRISE_USER_SCHEMA : key;
    if (Object.keys(value).length > 0) extensions[urn] = value;
  }

  return {
    userName,
    externalId: optionalText(field(body, 'externalId'), 'externalId'),
    givenName: optionalText(field(names, 'givenName'), 'name.givenName'),
    familyName: optionalText(field(names, 'familyName'), 'name.familyName'),
    formatted: optionalText(field(names, 'formatted'), 'name.formatted'),
    displayName: optionalText(field(body, 'displayName'), 'displayName'),
    emails: readEmails(field(body, 'emails')),
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
  const name = values ? { givenName: values.givenName, familyName: values.familyName, formatted: values.formatted } : { formatted: accountName };
  const cleanName = Object.fromEntries(Object.entries(name).filter(([, value]) => value !== null));
  const emails = values ? values.emails : [{ value: row.email, type: 'work', primary: true }];
  const extensions = values?.extensions ?? {};
  const { [USER_SCHEMA]: core, ...schemaExtensions } = extensions;

  const user: Json = {
    schemas: [USER_SCHEMA, ...Object.keys(schemaExtensions)],
    id: String(row.id),
    ...(values?.externalId ? { externalId: values.externalId } : {}),
    userName: row.email,
    ...(Object.keys(cleanName).length > 0 ? { name: cleanName } : {}),
    ...((values ? values.displayName : accountName) ? { displayName: values ? values.displayName : accountName } : {}),
    ...(emails.length > 0 ? { emails } : {}),
    active: row.member === 1,
    ...(groups.length > 0 ? { groups: groups.map((group) => ({ value: String(group.id), $ref: `${base}/Groups/${group.id}`, display: group.name })) } : {}),
    ...(isObject(core) ? core : {}),
    ...schemaExtensions,
  };
  const created = row.createdAt ?? row.accountCreatedAt;
  const lastModified = [row.updatedAt, row.seatSince, row.accountCreatedAt].filter((at): at is string => at !== null).sort().at(-1)!;
  // The version leaves out the server's address, which differs by the host name a client used.
  const version = etagOf(groups.length > 0 ? { ...user, groups: groups.map((group) => ({ value: String(group.id), display: group.name })) } : user);
  user.meta = { resourceType: 'User', created, lastModified, location: `${base}/Users/${row.id}`, version };
  return user;
}
