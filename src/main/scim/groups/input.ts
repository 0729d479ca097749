import { teamNameSchema } from '@shared/schemas/teams';
import { badRequest } from '../errors';
import { attributeKey } from './attributes';

const MAX_EXTERNAL_ID = 1000;

/** A JSON object's entries by attribute key (no core URN, lower case): SCIM attribute names are case-insensitive. */
export function attributesOf(value: unknown, what: string): Map<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest('invalidSyntax', `${what} must be a JSON object.`);
  return new Map(Object.entries(value).map(([key, item]) => [attributeKey(key), item]));
}

/** displayName: the team's name, trimmed, 1 to 100 characters (docs/RULES.md, T1). */
export function readDisplayName(value: unknown): string {
  if (value === undefined || value === null) throw badRequest('invalidValue', 'displayName is required: it is the name of the team.');
  const parsed = teamNameSchema.safeParse(value);
  if (!parsed.success) throw badRequest('invalidValue', `displayName: ${parsed.error.issues[0]?.message ?? 'not a valid team name'}.`);
  return parsed.data;
}

/** externalId: the identity provider's id, kept as sent; null clears it. */
export function readExternalId(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw badRequest('invalidValue', `externalId must be text, not ${JSON.stringify(value)}.`);
  if (value.length > MAX_EXTERNAL_ID) throw badRequest('invalidValue', `externalId is at most ${MAX_EXTERNAL_ID} characters.`);
  return value === '' ? null : value;
}

/**
 * The ids in a members value: [{ "value": "7" }, ...] (a single object is read
 * as a list of one). Ids are returned as sent; whether each names a member is
 * the service's to say. Members are users only: another type (a nested group)
 * is refused.
 */
export function readMemberValues(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw badRequest('invalidValue', `Each member is an object such as {"value": "<user id>"}, not ${JSON.stringify(item)}.`);
    }
    const member = attributesOf(item, 'A member');
    const id = member.get('value');
    if (typeof id !== 'string' && !(typeof id === 'number' && Number.isInteger(id))) {
      throw badRequest('invalidValue', `Each member needs its user id as "value", such as {"value": "7"}; got ${JSON.stringify(item)}.`);
    }
    const type = member.get('type');
    if (typeof type === 'string' && type.toLowerCase() !== 'user') {
      throw badRequest('invalidValue', `Member ${String(id)} is of type ${type}; a Roster group holds users only.`);
    }
    return String(id).trim();
  });
}
