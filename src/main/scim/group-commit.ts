import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import { ScimError } from './errors';

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
 *   no longer true;
 * - a batch that cannot begin because another process holds the write lock
 *   (SQLITE_BUSY: nothing of it ran) waits and tries again, then gives up
 *   with 503, which identity providers retry;
 * - one batch per turn of the event loop: reads are answered between batches.
 */
export interface WriteQueue {
  /** Runs `write` (synchronous, its own savepoint) in the next batch; resolves once that batch has committed. */
  run<T>(write: () => T extends Promise<unknown> ? never : T): Promise<T>;
}

interface Waiting {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * At most this many writes share a transaction, so one batch never holds the
 * event loop for long: a create takes about 1 ms of it during an identity
 * provider's sync, and the admins' calls that arrive meanwhile wait for the
 * batch. 64 let a batch hold it 60 ms and more; the commit a batch saves is
 * a fraction of a millisecond on a disk like ours.
 */
export const MAX_BATCH = 16;

/** How long a batch waits, in all, for another process's write lock before answering 503. */
export const BUSY_GIVE_UP_MS = 5000;

const isBusy = (error: unknown) => String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');

/** `schedule` runs the batch after the writes of this turn have arrived; tests pass their own. */
export function createWriteQueue(db: Db, schedule: (flush: () => void) => void = (flush) => setImmediate(flush)): WriteQueue {
  let waiting: Waiting[] = [];
  let scheduled = false;
  /** When the batch at the head first met another process's lock, or null. */
  let busySince: number | null = null;

  function later(delayMs: number): void {
    if (scheduled) return;
    scheduled = true;
    if (delayMs > 0) setTimeout(() => schedule(flush), delayMs);
    else schedule(flush);
  }

  /** Commits `batch`; false when it could not begin for another process's lock (nothing ran). */
  function commit(batch: Waiting[]): boolean {
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
      if (db.inTransaction) {
        try {
          db.exec('ROLLBACK');
        } catch {
          // Nothing more can be done here; the next BEGIN says so.
        }
      }
      if (outcomes.length === 0 && isBusy(error)) return false;
      for (const job of batch) job.reject(error);
      return true;
    }
    batch.forEach((job, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
    return true;
  }

  function flush(): void {
    scheduled = false;
    const batch = waiting.slice(0, MAX_BATCH);
    if (batch.length === 0) return;
    if (commit(batch)) {
      busySince = null;
      waiting = waiting.slice(batch.length);
      if (waiting.length > 0) later(0);
      return;
    }
    busySince ??= Date.now();
    if (Date.now() - busySince < BUSY_GIVE_UP_MS) return later(25);
    busySince = null;
    waiting = waiting.slice(batch.length);
    const refusal = new ScimError(503, 'The database is busy with another Roster process; nothing was changed. Try again in a moment.');
    for (const job of batch) job.reject(refusal);
    if (waiting.length > 0) later(0);
  }

  return {
    run(write) {
      return new Promise((resolve, reject) => {
        waiting.push({ write, resolve: resolve as (value: unknown) => void, reject });
        later(0);
      });
    },
  };
}
