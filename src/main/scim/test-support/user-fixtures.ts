import type { Core } from '../../core';
import { ENTERPRISE_USER_SCHEMA, PATCH_SCHEMA, USER_SCHEMA } from '../discovery';

export { ENTERPRISE_USER_SCHEMA, PATCH_SCHEMA, USER_SCHEMA };

/** A User body as identity providers send it, for tests. */
export function userBody(userName: string, extra: Record<string, unknown> = {}) {
  const local = userName.split('@')[0]!;
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: local, familyName: 'Test', formatted: `${local} Test` },
    displayName: `${local} Test`,
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}

/** A PatchOp body. */
export function patchBody(...operations: Record<string, unknown>[]) {
  return { schemas: [PATCH_SCHEMA], Operations: operations };
}

/** The SCIM id of an account. */
export function scimIdOf(core: Core, accountId: number): string {
  return core.db.prepare('SELECT scim_id FROM accounts WHERE id = ?').pluck().get(accountId) as string;
}

/** The account a SCIM user id names (its row id, as the app's channels take it). */
export function accountIdOf(core: Core, userId: string): number {
  return core.db.prepare('SELECT id FROM accounts WHERE scim_id = ?').pluck().get(userId) as number;
}
