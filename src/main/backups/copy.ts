import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@shared/result';
import { damageFound, describeProblems, findProblems, isDamageError } from '../db/integrity';
import type { Db } from '../db/open';
import { FILE_ERROR_REASONS, saveFailure } from '../exports/write-file';
import { JobCancelled } from '../jobs/jobs';
import { copyInWorker } from './copy-in-worker';
import type { CopyOptions } from './copy-options';
import { DamagedSource } from './damaged-source';
import { scrubCopy } from '../snapshots/scrub';

export const BACKUP_CANCELLED = 'Backup cancelled, nothing was saved.';

/** Pages copied between two turns of the event loop (4 MB at SQLite's 4 KB pages). */
const PAGES_PER_STEP = 1000;
/** "All the rest in one step": better-sqlite3 takes no negative count. */
export const ALL_PAGES = 0x7fffffff;
/** A step finds another connection's changes and starts over; after this many restarts the rest goes in one step. */
const RESTARTS_BEFORE_ONE_STEP = 3;

export type { CopyOptions } from './copy-options';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class BusyError extends Error {
  readonly code = 'SQLITE_BUSY';
}


/**
 * Copies the database `db` holds into `file` with SQLite's online backup, which
 * reads a consistent snapshot while this connection and other processes go on
 * writing: a step that finds another connection's commit starts again, and
 * writes through `db` itself are carried into the copy. So that a stream of
 * writes from another process cannot keep it restarting forever, after a few
 * restarts the rest is copied in one step (one read transaction, which in WAL
 * mode blocks no writer).
 *
 * The copy is written whole into `file` in one transaction of the destination,
 * which must be a file no one else uses, or the live database of a restore.
 * `whileLocked` runs once that transaction holds the destination's write lock,
 * before the copy commits (a restore carries today's admins over then).
 * better-sqlite3 reports a step that found the destination locked before it
 * began as "0 pages": that is retried until `busyMs` has passed.
 */
export async function onlineBackup(db: Db, file: string, options: CopyOptions & { whileLocked?: () => void } = {}): Promise<void> {
  const deadline = Date.now() + (options.busyMs ?? 5000);
  const step = options.pagesPerStep ?? PAGES_PER_STEP;
  for (;;) {
    let last = Number.POSITIVE_INFINITY;
    let restarts = 0;
    let first = true;
    const done = await db.backup(file, {
      progress: ({ totalPages, remainingPages }) => {
        // Thrown here, the copy stops at once: better-sqlite3 closes the backup and rejects.
        if (options.signal?.aborted) throw new JobCancelled(BACKUP_CANCELLED);
        if (first) {
          first = false;
          // The first step has taken the destination's write lock (and copied nothing, or little, uncommitted):
          // until the copy commits, no other connection writes to it, and they all still read it as it was.
          options.whileLocked?.();
        }
        options.onProgress?.(totalPages - remainingPages, totalPages);
        if (remainingPages > last) restarts += 1;
        last = remainingPages;
        return restarts >= RESTARTS_BEFORE_ONE_STEP ? ALL_PAGES : step;
      },
    });
    if (done.totalPages > 0) {
      options.onProgress?.(done.totalPages, done.totalPages);
      return;
    }
    if (Date.now() >= deadline) throw new BusyError('another program kept the database locked');
    await delay(50);
  }
}

const REASONS: Record<string, string> = {
  ...FILE_ERROR_REASONS,
  SQLITE_FULL: 'the disk is full',
  SQLITE_CANTOPEN: 'the file cannot be created there',
  SQLITE_READONLY: 'the file or its folder is read-only',
  SQLITE_IOERR: 'the disk could not be written',
  SQLITE_BUSY: 'another program kept the database locked for over 5 seconds',
};

/** The error's code; SQLite names a missing folder only in its message. */
function codeOf(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (!code && (error as Error).message?.includes('directory does not exist')) return 'ENOENT';
  return code;
}

/** Why a file operation failed, in words. */
export function reasonOf(error: unknown): string {
  const code = codeOf(error);
  return REASONS[code] ?? REASONS[code.replace(/_[A-Z]+$/, '')] ?? (error as Error).message;
}

/** Removes a temporary database and whatever SQLite kept beside it. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
}

export function temporaryBeside(file: string, label = 'tmp'): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.${label}`);
}

/**
 * Copies `db` into the new file `temporary` and makes the copy a backup: one
 * self-contained file (rollback journal), checked unless `check` is false,
 * and, for an offline copy (`snapshot`), without credentials (scrubCopy).
 * Throws JobCancelled, DamagedSource, or SQLite's or the disk's error. Runs
 * here or in the copy worker, on the worker's own connection.
 */
export async function makeCopy(db: Db, temporary: string, options: CopyOptions): Promise<void> {
  await onlineBackup(db, temporary, options);
  if (options.signal?.aborted) throw new JobCancelled(BACKUP_CANCELLED);
  const copy = new Database(temporary, { nativeBinding: options.nativeBinding, fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    // The online backup copies pages as they are, damage and all: a damaged database is not backed up,
    // so that its copies never push the sound backups out of the backups folder.
    const problems = options.check === false ? [] : findProblems(copy, 'quick');
    if (problems.length > 0) throw new DamagedSource(`${describeProblems(problems, "SQLite's quick check of a backup of it")} (the backup was not kept)`);
  } finally {
    copy.close();
  }
  if (options.snapshot) scrubCopy(temporary, options.snapshot, options.nativeBinding);
}

/**
 * Backs up `db` into `target`, so that `target` never holds half a backup: the
 * copy is made beside it under a temporary name, switched to a rollback
 * journal (a backup is then one self-contained file, which opens read-only
 * without leaving -wal and -shm files beside it), and only then given its
 * name. `replace: false` never overwrites an existing file (EEXIST instead).
 * If any step fails, or the copy is cancelled (`signal`), the temporary file
 * is removed and `target` is untouched.
 */
export async function copyDatabase(
  db: Db,
  target: string,
  options: CopyOptions & { replace?: boolean } = {},
): Promise<Result<{ path: string; size: number }>> {
  const resolved = path.resolve(target);
  const temporary = temporaryBeside(resolved);
  try {
    if (options.signal?.aborted) throw new JobCancelled(BACKUP_CANCELLED);
    await (options.copyWorker ? copyInWorker(options.copyWorker, db.name, temporary, options) : makeCopy(db, temporary, options));
    // A cancel that came while the last step ran still wins: the copy has no name yet.
    if (options.signal?.aborted) throw new JobCancelled(BACKUP_CANCELLED);
    if (options.replace === false) {
      // link() fails when the name is taken, where rename() would replace it.
      fs.linkSync(temporary, resolved);
      fs.rmSync(temporary);
    } else {
      fs.renameSync(temporary, resolved);
    }
    return ok({ path: resolved, size: fs.statSync(resolved).size });
  } catch (error) {
    removeDatabaseFiles(temporary);
    if (error instanceof JobCancelled) return fail('CANCELLED', error.message);
    if (error instanceof DamagedSource || isDamageError(error)) {
      const found = error instanceof DamagedSource ? error.message : damageFound(error);
      return fail('DAMAGED', options.describeDamage?.(found) ?? `${db.name} is damaged: ${found}. Restore a backup.`);
    }
    if ((error as { code?: string }).code === 'EEXIST') return fail('CONFLICT', `${resolved} exists already.`);
    return fail('UNAVAILABLE', saveFailure(`back up to ${resolved}`, { code: codeOf(error) }, reasonOf(error)));
  }
}
