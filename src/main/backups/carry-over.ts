import type Database from 'better-sqlite3';

/**
 * The tables a restore never takes from the backup: who may sign in to the
 * store and with what. A backup made before an admin was removed or a token
 * revoked must not bring them back, and one made before an admin was added
 * must not lock them out; so a restore writes today's rows of these tables
 * into what it restores. Parents first (api_tokens names its admin). A later
 * table of the same kind (console sessions) is added here.
 */
export const CARRIED_TABLES = ['admins', 'api_tokens'] as const;

/** Today's rows of every carried table. */
export type CarriedRows = Record<(typeof CARRIED_TABLES)[number], Record<string, unknown>[]>;

/**
 * What a restore did with the admins and API tokens: "carried" today's into
 * the restored store, or, where today's could not be read (a damaged file),
 * "ended" every admin and token the backup held, since it cannot know which
 * of them were removed or revoked after the backup was made.
 */
export type AdminsOutcome = 'carried' | 'ended';

/** Reads today's rows, in one read transaction; throws when the store cannot be read. */
export function readCarried(db: Database.Database): CarriedRows {
  return db.transaction(() => {
    const rows = {} as CarriedRows;
    for (const table of CARRIED_TABLES) rows[table] = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[];
    return rows;
  })();
}

const columnsOf = (db: Database.Database, table: string): string[] =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((column) => column.name);

/**
 * Replaces the carried tables of `target` (the checked copy a restore writes)
 * with `rows`, in one transaction. Both stores are at this Roster's schema (a
 * restore brings the backup up to it first); a column only one side has is
 * left to its default.
 */
export function writeCarried(target: Database.Database, rows: CarriedRows): void {
  target.transaction(() => {
    for (const table of [...CARRIED_TABLES].reverse()) target.prepare(`DELETE FROM ${table}`).run();
    for (const table of CARRIED_TABLES) {
      const first = rows[table][0];
      if (!first) continue;
      const columns = columnsOf(target, table).filter((column) => column in first);
      const insert = target.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((column) => `@${column}`).join(', ')})`);
      for (const row of rows[table]) insert.run(Object.fromEntries(columns.map((column) => [column, row[column]])));
    }
  })();
}

/**
 * Where today's admins cannot be read: every admin of the restored store is
 * marked removed and every token revoked, at `at` (the rows stay, for the
 * audit log). The first owner is then added again on the server's machine,
 * as on a new store.
 */
export function endEveryAdmin(target: Database.Database, at: Date): void {
  const when = at.toISOString();
  target.transaction(() => {
    target.prepare('UPDATE api_tokens SET revoked_at = ? WHERE revoked_at IS NULL').run(when);
    target.prepare('UPDATE admins SET removed_at = ? WHERE removed_at IS NULL').run(when);
  })();
}
