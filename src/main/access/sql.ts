import { ROLE_RANK } from '@shared/access';
import { orgRoles } from '@shared/schemas/members';

/**
 * SQL for the rank of the role in `column`, built from ROLE_RANK so that a
 * query ordering or picking roles agrees with resolveAccess: owner 3, admin 2,
 * member 1 (anything else 0).
 */
export function roleRankSql(column: string): string {
  return `(CASE ${column} ${orgRoles.map((role) => `WHEN '${role}' THEN ${ROLE_RANK[role]}`).join(' ')} ELSE 0 END)`;
}
