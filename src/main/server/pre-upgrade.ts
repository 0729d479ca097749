import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Backup } from '@shared/schemas/backups';
import { ok, type Result } from '@shared/result';
import { storeBackup } from '../backups/folder';
import { bundledMigrations, type Migration } from '../db/migrations';
import { verifyRosterSchema } from '../db/open';

/**
 * Before the server opens a store that this Roster would upgrade, it keeps a
 * copy of the store as it was (pre-upgrade-<time>.db in its backups folder),
 * so an upgrade that goes wrong in a way no migration foresaw can be undone by
 * a restore with the older Roster. Nothing is copied for a new file, or one
 * already up to date. The store is read through a read-only connection; a file
 * this Roster cannot open is left for openDatabase to refuse with its reason.
 */
export async function backupBeforeUpgrade(
  file: string,
  folder: string,
  now: Date,
  options: { nativeBinding?: string; migrations?: Migration[] } = {},
): Promise<Result<Backup | null>> {
  if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) === 0) return ok(null);
  const migrations = options.migrations ?? bundledMigrations;
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  } catch {
    return ok(null);
  }
  try {
    let applied: number;
    try {
      applied = verifyRosterSchema(db, file, migrations);
    } catch {
      return ok(null);
    }
    if (applied === 0 || applied >= migrations.length) return ok(null);
    return await storeBackup(db, folder, 'pre-upgrade', now, { nativeBinding: options.nativeBinding });
  } finally {
    db.close();
  }
}
