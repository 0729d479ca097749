import type { Db } from '../db/open';

/**
 * The demo's bulk writes of activity: a member's kept days in one statement,
 * and their last login and last active time in another. The import's
 * repository (../activity/repository) records one open at a time, which is
 * right for events and far too slow for a made-up history of 100,000 members.
 */
export function createDemoActivityRepository(db: Db) {
  const insertDays = db.prepare('INSERT INTO activity_days (account_id, day) SELECT ?, value FROM json_each(?)');
  const setLastSeen = db.prepare('UPDATE accounts SET last_login_at = ?, last_active_at = ? WHERE id = ?');
  return {
    /**
     * Runs `write` (many insertDays) with the by-day index of activity_days taken
     * down and built again after: one sort instead of two million inserts at random
     * places in it. Inside the caller's transaction, so a failure leaves the index as it was.
     */
    inBulk<T>(write: () => T): T {
      const index = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'activity_days' AND name = 'activity_days_day'").get() as
        | { name: string; sql: string }
        | undefined;
      if (!index) return write();
      db.exec(`DROP INDEX ${index.name}`);
      const result = write();
      db.exec(index.sql);
      return result;
    },

    /** Records the UTC days (YYYY-MM-DD, none twice) on which an account opened the client. */
    insertDays(accountId: number, days: readonly string[]): void {
      if (days.length > 0) insertDays.run(accountId, JSON.stringify(days));
    },

    /** Sets an account's last login and last active time (ISO 8601, or null for never). */
    setLastSeen(accountId: number, lastLoginAt: string | null, lastActiveAt: string | null): void {
      setLastSeen.run(lastLoginAt, lastActiveAt, accountId);
    },
  };
}

export type DemoActivityRepository = ReturnType<typeof createDemoActivityRepository>;
