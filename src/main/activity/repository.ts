import type { Db } from '../db/open';

/** The store's side of activity: client opens by day, and each account's last active time. */
export function createActivityRepository(db: Db) {
  const accountIdByKey = db.prepare('SELECT id FROM accounts WHERE email_key = ?').pluck();
  const insertDay = db.prepare('INSERT OR IGNORE INTO activity_days (account_id, day) VALUES (?, ?)');
  // Only ever later: events may arrive out of order, and a file may be imported twice.
  const moveLastActive = db.prepare('UPDATE accounts SET last_active_at = @at WHERE id = @id AND (last_active_at IS NULL OR last_active_at < @at)');
  const deleteBefore = db.prepare('DELETE FROM activity_days WHERE day < ?');
  return {
    accountIdByKey(key: string): number | null {
      return (accountIdByKey.get(key) as number | undefined) ?? null;
    },

    /** Records a client open; `day` is null when it falls before the retention window (only the last active time moves). Says whether anything changed. */
    recordOpen(accountId: number, at: string, day: string | null): boolean {
      const added = day === null ? 0 : insertDay.run(accountId, day).changes;
      return moveLastActive.run({ id: accountId, at }).changes + added > 0;
    },

    /** Deletes the day-by-day detail before `firstKeptDay` (YYYY-MM-DD); returns how many days went. */
    deleteDaysBefore(firstKeptDay: string): number {
      return deleteBefore.run(firstKeptDay).changes;
    },
  };
}

export type ActivityRepository = ReturnType<typeof createActivityRepository>;
