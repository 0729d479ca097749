import path from 'node:path';
import { fail, ok, type Result } from '@shared/result';
import { openDatabase, type OpenOptions } from '../db/open';
import { StoreError } from '../db/store-error';
import { writeLocalSettings } from '../paths';

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
  writeLocalSettings(dataDir, { databasePath: resolved });
  return ok(resolved);
}
