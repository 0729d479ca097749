import { foldText } from '@shared/text';

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

/**
 * The fewest folded characters the trigram index of accounts (accounts_search,
 * migration 0019) can look up: shorter searches read every account (LIKE).
 */
export const INDEXED_SEARCH_MIN = 3;

/**
 * For a search the trigram index can answer, the FTS5 query naming the accounts
 * whose email_key or name_fold contains it (the folded text as one phrase:
 * consecutive trigrams, so exactly the substrings LIKE '%…%' finds); null for
 * none, or one too short. Statements that use it still apply ACCOUNT_MATCHES
 * to what the index returns, so the rows matched are LIKE's own.
 */
export function searchIndexQuery(search: string): string | null {
  const folded = foldText(search.trim());
  return [...folded].length >= INDEXED_SEARCH_MIN ? `"${folded.replace(/"/g, '""')}"` : null;
}

/** The accounts (their ids, as `rowid`) the index names for @match. */
export const INDEXED_MATCHES = 'SELECT rowid FROM accounts_search WHERE accounts_search MATCH @match';
