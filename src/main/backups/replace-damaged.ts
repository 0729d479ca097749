import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@shared/result';
import { readCarried } from './carry-over';
import { prepareRestore, type CheckOptions } from './check';
import { reasonOf, removeDatabaseFiles } from './copy';
import { backupFileName } from './names';
import { carryAdminsInto, type Restored } from './restore';

export interface ReplaceDeps extends CheckOptions {
  databasePath: string;
  backupsDir: string;
  now: Date;
}

/** Copies the damaged file as it is (and its -wal, which may hold its last commits) into the backups folder. */
function keepDamaged(databasePath: string, backupsDir: string, now: Date): string {
  fs.mkdirSync(backupsDir, { recursive: true });
  for (let attempt = 1; attempt <= 100; attempt += 1) {
    const kept = path.join(backupsDir, backupFileName('pre-restore', now, attempt));
    try {
      fs.copyFileSync(databasePath, kept, fs.constants.COPYFILE_EXCL);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    if ((fs.statSync(`${databasePath}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) fs.copyFileSync(`${databasePath}-wal`, `${kept}-wal`);
    return kept;
  }
  throw new Error(`there are already 100 copies made in the same second in ${backupsDir}`);
}

/** Today's admins and tokens, read from the damaged file if SQLite still can (it throws when it cannot). */
function readDamaged(databasePath: string, nativeBinding: string | undefined) {
  const damaged = new Database(databasePath, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    return readCarried(damaged);
  } finally {
    damaged.close();
  }
}

/**
 * Restores `source` over a database too damaged to open (its header, or the
 * pages that say what it holds), where restoreDatabase cannot write through
 * SQLite. The backup is checked first as for any restore (prepareRestore);
 * the damaged file is kept as it is in the backups folder, as the copy a
 * restore keeps first; then the checked copy takes its name, and the old
 * -wal and -shm go. No Roster may have the file open meanwhile: the command
 * line's restore says so. Today's admins and API tokens are carried into the
 * copy first where the damaged file still yields them; where it does not,
 * every admin and token of the backup is ended (carry-over.ts), so that none
 * removed or revoked since the backup comes back.
 */
export function replaceDamagedDatabase(source: string, deps: ReplaceDeps): Result<Restored> {
  const databasePath = path.resolve(deps.databasePath);
  const prepared = prepareRestore(source, path.dirname(databasePath), deps);
  if (!prepared.ok) return prepared;
  const staging = prepared.value;
  try {
    let preRestoreCopy: string;
    try {
      preRestoreCopy = keepDamaged(databasePath, deps.backupsDir, deps.now);
    } catch (error) {
      return fail('UNAVAILABLE', `Could not keep a copy of the damaged ${databasePath} in ${deps.backupsDir}: ${reasonOf(error)}. Nothing was restored.`);
    }
    let admins: Restored['admins'];
    try {
      const copy = new Database(staging, { fileMustExist: true, nativeBinding: deps.nativeBinding });
      try {
        copy.pragma('foreign_keys = ON');
        admins = carryAdminsInto(copy, () => readDamaged(databasePath, deps.nativeBinding), deps.now);
        // One file again, so that renaming it takes everything it holds.
        copy.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        copy.close();
      }
      for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${databasePath}${suffix}`, { force: true });
      fs.renameSync(staging, databasePath);
    } catch (error) {
      return fail('UNAVAILABLE', `Could not restore from ${source}: ${reasonOf(error)}. The damaged database is kept at ${preRestoreCopy}.`);
    }
    return ok({ preRestoreCopy, admins });
  } finally {
    removeDatabaseFiles(staging);
  }
}
