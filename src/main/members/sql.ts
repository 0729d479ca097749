/**
 * SQL shared by every list of people. They assume the accounts table is
 * aliased `a` and the statement binds @pattern: a containsPattern (../db/like),
 * or null for no search.
 */

/** The account's address or name contains the search, case and accents ignored. */
export const ACCOUNT_MATCHES = `(@pattern IS NULL OR a.email_key LIKE @pattern ESCAPE '\\' OR a.name_fold LIKE @pattern ESCAPE '\\')`;

/** People by name (folded), then by address for those without one. */
export const ACCOUNT_ORDER = 'a.sort_key, a.id';

/** Whether the address of invitation `i` already holds a seat: then the invitation takes none. */
export const INVITEE_HOLDS_SEAT = 'EXISTS (SELECT 1 FROM accounts ha JOIN members hm ON hm.account_id = ha.id WHERE ha.email_key = i.email_key)';

/**
 * People by Last Active, as Licenses sorts them (seats/repository.ts, and the
 * accounts (last_active_at, email_key) index of migration 0014): oldest first
 * is most idle first, so those never active lead; newest first puts them last.
 */
export function lastActiveOrder(desc: boolean): string {
  return desc ? 'a.last_active_at DESC NULLS LAST, a.email_key DESC' : 'a.last_active_at ASC NULLS FIRST, a.email_key ASC';
}
