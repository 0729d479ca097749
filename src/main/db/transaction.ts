import type { Db } from './open';

/**
 * Runs fn in a write transaction that takes the lock up front (BEGIN IMMEDIATE).
 * A deferred transaction that reads and then writes can fail at once with
 * SQLITE_BUSY when another process wrote in between; an immediate one waits
 * for the busy timeout instead. Nested calls become savepoints.
 */
export function inWriteTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
