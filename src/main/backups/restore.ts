import path from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@shared/result';
import type { Db } from '../db/open';
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
    try {
      const checked = new Database(staging, { readonly: true, fileMustExist: true, nativeBinding: deps.nativeBinding });
      try {
        // Once it begins replacing the live file a restore is never cancelled (docs/DECISIONS.md, "Long work").
        await onlineBackup(checked, path.resolve(deps.databasePath), { ...deps, signal: undefined, onProgress: undefined, pagesPerStep: ALL_PAGES });
      } finally {
        checked.close();
      }
    } catch (error) {
      return fail('UNAVAILABLE', `Could not restore from ${source}: ${reasonOf(error)}. The database was left as it was (a copy of it is at ${preRestoreCopy}).`);
    }
    return ok({ preRestoreCopy });
  } finally {
    removeDatabaseFiles(staging);
  }
}
