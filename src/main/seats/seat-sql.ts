import type { SeatFilter, SeatSortColumn } from '@shared/schemas/licenses';
import { INDEXED_MATCHES } from '../members/sql';

/** The SQL of the Licenses rows (seats/repository.ts): what a row is, and the orders an index gives. */

/**
 * Every row the Licenses screen can show: members, and pending invitations.
 * An invitation holds a seat while it is live and its address holds none;
 * one to a member is listed (it can still be resent, revoked or accepted) but
 * holds no second seat (invitee_seated, kept by migration 0023's triggers, says
 * whether its address holds one). Past its expiry it is "expired" and holds none.
 */
const MEMBER_COLUMNS = `
  SELECT 'member' AS kind, a.id AS account_id, NULL AS invitation_id, a.email, a.email_key, a.name, a.name_fold, a.sort_key,
         'member' AS status, m.source, m.seat_since AS since, NULL AS expires_at, a.last_active_at, 1 AS holds_seat`;
export const MEMBER_ROWS = `${MEMBER_COLUMNS}
  FROM members m JOIN accounts a ON a.id = m.account_id`;
/**
 * The members a search of 3 characters or more can match, from the trigram index
 * (0019): the search's LIKE still applies to them, so the rows are the same as
 * MEMBER_ROWS gives, without reading every member (300 ms at 1,000,000). Those
 * the index names that hold no seat are left out by seatless_accounts (0019, kept
 * by triggers: the accounts without a members row), so a member's seat is read
 * only where its source or Since is asked for: a first name names 17,000 accounts
 * at 1,000,000, and looking each one's seat up took 15 ms of a search.
 */
const INDEXED_MEMBER_ROWS = `
  SELECT 'member' AS kind, a.id AS account_id, NULL AS invitation_id, a.email, a.email_key, a.name, a.name_fold, a.sort_key,
         'member' AS status, (SELECT m.source FROM members m WHERE m.account_id = a.id) AS source,
         (SELECT m.seat_since FROM members m WHERE m.account_id = a.id) AS since, NULL AS expires_at, a.last_active_at, 1 AS holds_seat
  FROM (${INDEXED_MATCHES}) s JOIN accounts a ON a.id = s.rowid
  WHERE s.rowid NOT IN (SELECT account_id FROM seatless_accounts)`;
const INVITATION_ROWS = `
  SELECT 'invitation' AS kind, NULL AS account_id, i.id AS invitation_id, i.email, i.email_key, '' AS name, '' AS name_fold, i.email_key AS sort_key,
         CASE WHEN i.expires_at > @now THEN 'pending' ELSE 'expired' END AS status, 'invitation' AS source, i.sent_at AS since, i.expires_at, NULL AS last_active_at,
         CASE WHEN i.expires_at > @now AND i.invitee_seated = 0 THEN 1 ELSE 0 END AS holds_seat
  FROM invitations i
  WHERE i.status = 'pending'`;
/**
 * The invitations as a page's first rows take them (no search, a sort an index gives): in address
 * order off invitations_email, so a page reads offset + limit of them, not every pending one with
 * its invitee looked up. Every such sort orders invitations by address alone (their name and sort
 * key are the address, their Last Active is empty).
 */
const INVITATION_ROWS_BY_ADDRESS = INVITATION_ROWS.replace('FROM invitations i', 'FROM invitations i INDEXED BY invitations_email');
/** Every row, as the two kinds of row: a statement asks its conditions of each (matching). */
export const SEAT_ARMS = [MEMBER_ROWS, INVITATION_ROWS] as const;
/**
 * The rows a search of 3 characters or more can match: the members the trigram index names, and
 * the pending invitations read off invitations_pending_seat (0023), which holds all a search and
 * the status ask of them (address, expiry, whether the address holds a seat), so only those that
 * match are read in full, not all 40,000 pending at 1,000,000 (20 ms).
 */
export const INDEXED_SEAT_ARMS = [INDEXED_MEMBER_ROWS, INVITATION_ROWS.replace('FROM invitations i', 'FROM invitations i INDEXED BY invitations_pending_seat')] as const;

/**
 * `columns` of the rows of `arms` that meet `where`, asked of each kind of row on its own: SQLite
 * then reads only the columns asked for (not a member's seat for a search by name, nor every
 * pending invitation whole), where over their UNION ALL it reads every column of every row.
 */
export function matching(arms: readonly string[], columns: string, where: string): string {
  return arms.map((arm) => `SELECT ${columns} FROM (${arm}) WHERE ${where}`).join(' UNION ALL ');
}

/**
 * The whole rows of the page a statement names in `page` (kind, account_id, invitation_id): a
 * filtered page chooses its rows by the few columns its filter and sort need, then reads these
 * (CROSS JOIN: the page's rows first, each read by its key).
 */
export const PAGE_ROWS = `${MEMBER_COLUMNS}
  FROM page p CROSS JOIN accounts a ON a.id = p.account_id CROSS JOIN members m ON m.account_id = a.id
  UNION ALL${INVITATION_ROWS.replace('FROM invitations i', 'FROM page p CROSS JOIN invitations i ON i.id = p.invitation_id')}`;

/**
 * The invitations as a page by Since takes them: in the order they were sent, off
 * invitations_sent (migration 0021), so a page reads offset + limit of them.
 */
const INVITATION_ROWS_BY_SENT = INVITATION_ROWS.replace('FROM invitations i', 'FROM invitations i INDEXED BY invitations_sent');

/**
 * Sorts an index can give in order: accounts' for name, address and Last Active,
 * members (seat_since) for Since (migration 0021). Without a search, a page takes the
 * first offset + limit members in index order and the first offset + limit
 * invitations, and sorts only those (a few dozen rows on the first pages), where
 * sorting the whole union reads and sorts every member: 150 to 300 ms at 100,000,
 * 360 ms by Since.
 */
export const INDEXED_SORTS: ReadonlySet<SeatSortColumn> = new Set(['name', 'email', 'lastActive', 'since']);

/**
 * The invitations' first rows for an indexed sort, and their order: by Since, in
 * sending order; by any other, in address order (their name and sort key are the
 * address, their Last Active is empty).
 */
export function invitationsInOrder(sort: { by: SeatSortColumn; desc: boolean }): { rows: string; order: string } {
  const direction = sort.desc ? 'DESC' : 'ASC';
  return sort.by === 'since'
    ? { rows: INVITATION_ROWS_BY_SENT, order: `since ${direction}, email_key ${direction}` }
    : { rows: INVITATION_ROWS_BY_ADDRESS, order: `email_key ${direction}` };
}

export const STATUS_CONDITION: Record<SeatFilter['status'], string> = {
  seats: 'holds_seat = 1',
  member: "status = 'member'",
  pending: "status = 'pending'",
  expired: "status = 'expired'",
};

// Sort keys are fixed SQL, chosen by name: nothing from the caller is spliced in.
const SORT_KEY: Record<Exclude<SeatSortColumn, 'lastActive'>, string> = {
  name: 'sort_key',
  email: 'email_key',
  status: 'status',
  source: 'source',
  since: 'since',
};

/** The columns a filtered page is chosen by: which row it is, and what its sort orders by. */
export function chosenBy(sort: { by: SeatSortColumn }): string {
  const key = sort.by === 'lastActive' ? 'last_active_at' : SORT_KEY[sort.by];
  return ['kind', 'account_id', 'invitation_id', 'email_key', ...(key === 'email_key' ? [] : [key])].join(', ');
}

/**
 * ORDER BY for a sort, within members or invitations alone (`within`, which an
 * index can give: accounts (last_active_at, email_key) for Last Active) and over
 * both (`across`). By Last Active, oldest first is most idle first: members never
 * active lead, then the longest idle (N/A, then blank, then dates); newest first
 * puts them last. Invitations, never anyone's activity, come after the members
 * either way.
 */
export function orderOf(sort: { by: SeatSortColumn; desc: boolean }): { within: string; across: string } {
  const direction = sort.desc ? 'DESC' : 'ASC';
  if (sort.by === 'lastActive') {
    const within = `last_active_at ${direction} NULLS ${sort.desc ? 'LAST' : 'FIRST'}, email_key ${direction}`;
    return { within, across: `kind = 'invitation', ${within}` };
  }
  const order = `${SORT_KEY[sort.by]} ${direction} NULLS LAST, email_key ${direction}`;
  return { within: order, across: order };
}
