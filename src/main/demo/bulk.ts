import type { Db } from '../db/open';

/**
 * The demo writes a whole enterprise in one transaction: at 1,000,000 members,
 * about 4 GB of pages and 5.4 million audit events. Three things made that slow,
 * and all are undone before the transaction ends, so the file is the one the
 * services alone would have made.
 *
 * - SQLite's page cache is 2 MB per connection. A transaction that outgrows
 *   it spills its changed pages to the WAL and reads them back from there
 *   each time it touches them again; an insert into an index kept in random
 *   order (the audit log's subject, an account's address) touches a page out
 *   of cache almost every time. The demo's cache grows with its size.
 * - The audit log's indexes are kept on every event it records. None is read
 *   while the demo runs (only the audit screens, filters and exports read
 *   them), so they are taken down and built again once, from sorted rows.
 * - The search index of addresses and names (accounts_search, trigrams) is
 *   kept by triggers on every account written. Nothing searches while the
 *   demo runs, so its triggers are taken down and the index rebuilt once from
 *   the accounts at the end.
 */

/** Page cache for the demo's transaction, in KiB: about 1 KiB a member, between SQLite's 2 MB and 1 GB. */
export function demoCacheKib(members: number): number {
  return Math.min(1024 * 1024, Math.max(2000, members));
}

/** The audit log's secondary indexes, which the demo builds once at the end. */
const AUDIT_INDEXES = "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_events' AND sql IS NOT NULL ORDER BY name";

/** The triggers that keep the search index of accounts, which the demo rebuilds once at the end. */
const SEARCH_TRIGGERS = "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'accounts' AND name LIKE 'accounts\\_search\\_%' ESCAPE '\\' ORDER BY name";

/**
 * Runs `write` inside the caller's transaction with a page cache for `members`,
 * the audit log's indexes and the search index's triggers down, then builds
 * them again and rebuilds the search index (in the same transaction: a failure
 * leaves them as they were) and gives the connection its cache back.
 */
export function inDemoBulk<T>(db: Db, members: number, write: () => T): T {
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${demoCacheKib(members)}`);
  try {
    const indexes = db.prepare(AUDIT_INDEXES).all() as { name: string; sql: string }[];
    const triggers = db.prepare(SEARCH_TRIGGERS).all() as { name: string; sql: string }[];
    for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
    for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
    const result = write();
    for (const index of indexes) db.exec(index.sql);
    if (triggers.length > 0) db.exec("INSERT INTO accounts_search (accounts_search) VALUES ('rebuild')");
    for (const trigger of triggers) db.exec(trigger.sql);
    return result;
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
}
