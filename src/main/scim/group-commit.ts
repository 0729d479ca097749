import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';

/**
 * Group commit for SCIM writes. With `synchronous = FULL` every commit waits for
 * the disk, and better-sqlite3 waits on the one event loop, so writes committed
 * one by one queue behind each other's fsync. Here the writes that arrive
 * together (in the same turn of the event loop) run one after another in ONE
 * write transaction, each in its own savepoint:
 *
 * - a write that throws undoes only itself and is answered with its own error;
 * - the others see what the writes before them did, exactly as if they had
 *   committed in that order (so N free seats still go to exactly N requests);
 * - nobody is answered before the one commit has succeeded; if it fails (or
 *   SQLite gives up the transaction midway), nothing of the batch stays, and
 *   every write of it, failed ones included, is answered with that error: a
 *   refusal decided against writes that never happened ("already exists") is
 *   no longer true.
 */
export interface WriteQueue {
  /** Runs `write` (synchronous, its own savepoint) in the next batch; resolves once that batch has committed. */
  run<T>(write: () => T): Promise<T>;
}

interface Waiting {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** At most this many writes share a transaction, so one batch never holds the event loop for long. */
export const MAX_BATCH = 64;

/** `schedule` runs the batch after the writes of this turn have arrived; tests pass their own. */
export function createWriteQueue(db: Db, schedule: (flush: () => void) => void = (flush) => setImmediate(flush)): WriteQueue {
  let waiting: Waiting[] = [];
  let scheduled = false;

  function commit(batch: Waiting[]): void {
    const outcomes: Outcome[] = [];
    try {
      inWriteTransaction(db, () => {
        for (const job of batch) {
          try {
            // Nested inside the batch's transaction, this is a savepoint: a throw rolls back this write alone.
            outcomes.push({ ok: true, value: db.transaction(job.write)() });
          } catch (error) {
            // An I/O error, a full disk or an interrupt can make SQLite roll back the whole transaction.
            if (!db.inTransaction) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }
    batch.forEach((job, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  function flush(): void {
    scheduled = false;
    const all = waiting;
    waiting = [];
    for (let from = 0; from < all.length; from += MAX_BATCH) commit(all.slice(from, from + MAX_BATCH));
  }

  return {
    run<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          schedule(flush);
        }
      });
    },
  };
}
