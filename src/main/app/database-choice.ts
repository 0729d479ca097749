import fs from 'node:fs';
import path from 'node:path';
import { fail, ok, type Result } from '@shared/result';
import { openDatabase, type OpenOptions } from '../db/open';
import { StoreError } from '../db/store-error';
import { updateLocalSettings } from '../paths';
import { forgetRecentDatabase, isRecentDatabase, rememberRecentDatabase } from './recent-databases';

/**
 * Makes `file` the database the app opens from now on: it must open as a
 * Roster database (a new file is created and migrated), and only then is the
 * choice saved. A file that cannot be used is refused and nothing changes.
 */
export function adoptDatabase(file: string, dataDir: string, options: OpenOptions = {}): Result<string> {
  const resolved = path.resolve(file);
  try {
    openDatabase(resolved, options).close();
  } catch (error) {
    if (error instanceof StoreError) return fail('INVALID_INPUT', error.message);
    throw error;
  }
  updateLocalSettings(dataDir, { databasePath: resolved });
  rememberRecentDatabase(dataDir, resolved);
  return ok(resolved);
}

/**
 * Opens a database from the recent list (File → Open Recent, Settings). Only
 * a file on that list is accepted; one that is no longer there is said so and
 * taken off the list.
 */
export function adoptRecentDatabase(file: string, dataDir: string, options: OpenOptions = {}): Result<string> {
  if (!isRecentDatabase(dataDir, file)) return fail('NOT_FOUND', `${file} is not one of the recent databases.`);
  if (!fs.existsSync(file)) {
    forgetRecentDatabase(dataDir, file);
    return fail('NOT_FOUND', `${file} is no longer there (moved, renamed or deleted), so Roster removed it from the recent databases.`);
  }
  return adoptDatabase(file, dataDir, options);
}
