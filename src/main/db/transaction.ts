import type { Result } from '@shared/result';
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

class Abort {
  constructor(readonly result: Result<never>) {}
}

/**
 * A write transaction for work of many steps, any of which may be refused:
 * `stop(result)` rolls back everything done so far and makes `result` the answer.
 */
export function inAtomicWrite<T>(db: Db, fn: (stop: (result: Result<never>) => never) => Result<T>): Result<T> {
  const stop = (result: Result<never>): never => {
    throw new Abort(result);
  };
  try {
    return inWriteTransaction(db, () => fn(stop));
  } catch (error) {
    if (error instanceof Abort) return error.result;
    throw error;
  }
}
