import path from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@shared/result';
import type { Db } from '../db/open';
import { endEveryAdmin, readCarried, writeCarried, type AdminsOutcome } from './carry-over';
import { prepareRestore, type CheckOptions } from './check';
import { ALL_PAGES, onlineBackup, reasonOf, removeDatabaseFiles, type CopyOptions } from './copy';
import { storeBackup } from './folder';

export interface RestoreDeps extends CopyOptions, CheckOptions {
  /** The open connection to the current database. */
  db: Db;
  databasePath: string;
  /** Where the copy of the current database goes first. */
  backupsDir: string;
  now: Date;
}

export interface Restored {
  /** The database as it was before, kept in the backups folder. */
  preRestoreCopy: string;
  /** Today's admins and API tokens carried into the restored store, or (unreadable) every one ended (carry-over.ts). */
  admins: AdminsOutcome;
}

/**
 * Writes today's admins and API tokens into the copy about to be restored;
 * where today's cannot be read (the damage a restore is meant to mend), ends
 * every admin and token of the copy instead.
 */
export function carryAdminsInto(copy: Database.Database, readToday: () => ReturnType<typeof readCarried>, now: Date): AdminsOutcome {
  let today;
  try {
    today = readToday();
  } catch {
    endEveryAdmin(copy, now);
    return 'ended';
  }
  writeCarried(copy, today);
  return 'carried';
}

/**
 * Replaces the contents of the current database with those of `source`, a
 * Roster backup, and loses nothing whichever step fails:
 *
 * 1. `source` is checked on a copy (prepareRestore); a refusal changes nothing.
 * 2. The current database is backed up into the backups folder as
 *    pre-restore-<time>.db; if that fails, nothing is restored.
 * 3. The checked copy is written into the current database with SQLite's
 *    backup API, as one write transaction under SQLite's own locks: a crash
 *    part way is rolled back by SQLite, and every connection to the file (this
 *    app's, a SCIM server's in another process) sees the restored data at its
 *    next read, as after any commit. The file is never renamed or replaced
 *    under an open connection, which in WAL mode would pair the new file with
 *    the old write-ahead log.
 * 4. Today's admins and API tokens are written into the checked copy once the
 *    copy holds the live file's write lock, before it commits: they are part
 *    of the same transaction, and no revocation or removal made meanwhile by
 *    another process can be lost (it waits for the lock, and lands after).
 *    So a restore never brings back a removed admin or a revoked token, nor
 *    drops an admin added since the backup.
 */
export async function restoreDatabase(source: string, deps: RestoreDeps): Promise<Result<Restored>> {
  const prepared = prepareRestore(source, path.dirname(path.resolve(deps.databasePath)), deps);
  if (!prepared.ok) return prepared;
  const staging = prepared.value;
  try {
    const kept = await storeBackup(deps.db, deps.backupsDir, 'pre-restore', deps.now, deps);
    if (!kept.ok) {
      return fail(kept.error.code, `${kept.error.message} Roster keeps a copy of the current database before it restores one, so nothing was restored.`);
    }
    const preRestoreCopy = path.join(deps.backupsDir, kept.value.id);
    let admins: AdminsOutcome = 'carried';
    try {
      // Read-write: the checked copy is private, and today's admins are written into it.
      const checked = new Database(staging, { fileMustExist: true, nativeBinding: deps.nativeBinding });
      checked.pragma('foreign_keys = ON');
      try {
        // Carried once here and again under the lock: should the copy ever commit in its first step, it still holds them.
        admins = carryAdminsInto(checked, () => readCarried(deps.db), deps.now);
        // Once it begins replacing the live file a restore is never cancelled (docs/DECISIONS.md, "Long work").
        await onlineBackup(checked, path.resolve(deps.databasePath), {
          ...deps,
          signal: undefined,
          onProgress: undefined,
          pagesPerStep: ALL_PAGES,
          whileLocked: () => {
            admins = carryAdminsInto(checked, () => readCarried(deps.db), deps.now);
          },
        });
      } finally {
        checked.close();
      }
    } catch (error) {
      return fail('UNAVAILABLE', `Could not restore from ${source}: ${reasonOf(error)}. The database was left as it was (a copy of it is at ${preRestoreCopy}).`);
    }
    return ok({ preRestoreCopy, admins });
  } finally {
    removeDatabaseFiles(staging);
  }
}
