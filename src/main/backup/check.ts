import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@shared/result';
import type { Migration } from '../db/migrations';
import { openDatabase, verifyRosterSchema } from '../db/open';
import { StoreError } from '../db/store-error';
import { reasonOf, removeDatabaseFiles, temporaryBeside } from './copy';

export interface CheckOptions {
  nativeBinding?: string;
  /** Defaults to the migrations bundled with this build. */
  migrations?: Migration[];
}

const NOTHING = 'Nothing was changed.';

function refuse(message: string): Result<never> {
  return fail('DATABASE_UNUSABLE', `${message} ${NOTHING}`);
}

/** A refusal, in the words of a restore, for what the checks of db/open.ts found. */
function refusalOf(error: unknown, source: string): Result<never> {
  if (error instanceof StoreError) {
    switch (error.code) {
      case 'NOT_A_DATABASE':
        return refuse(`${source} is not a database file, so it is not a Roster backup.`);
      case 'NOT_ROSTER':
        return refuse(`${source} is a SQLite database, but not one Roster made.`);
      case 'DAMAGED':
        return refuse(`${source} is marked as a Roster database but has no record of its migrations: it is damaged or not a Roster backup.`);
      default:
        // NEWER_SCHEMA, EDITED_MIGRATION, MIGRATION_FAILED: their messages name the file and the problem.
        return fail('DATABASE_UNUSABLE', error.message);
    }
  }
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return refuse(`${source} is not a database file, so it is not a Roster backup.`);
  if (code.startsWith('SQLITE_CORRUPT')) return refuse(`${source} is damaged (SQLite: ${(error as Error).message}).`);
  return refuse(`${source} cannot be read: ${reasonOf(error)}.`);
}

/**
 * Checks that `source` is a Roster database this Roster can use, and prepares
 * the copy a restore will write, without touching `source`: the file is
 * copied (never opened by SQLite, so not even a -shm file appears beside it)
 * to a temporary file in `stagingDir`; the copy is opened read-only and must
 * pass PRAGMA integrity_check and the checks of db/open.ts (a Roster database
 * with its record of migrations, none newer than this Roster, none edited);
 * then it is brought up to this Roster's schema, so the restored database is
 * never an older schema under a running app. Answers the copy's path; on a
 * refusal the copy is gone and the message names the problem.
 */
export function prepareRestore(source: string, stagingDir: string, options: CheckOptions = {}): Result<string> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch (error) {
    return refuse(`${source} cannot be read: ${reasonOf(error)}.`);
  }
  if (!stat.isFile()) return refuse(`${source} is not a file.`);
  const wal = fs.statSync(`${source}-wal`, { throwIfNoEntry: false });
  if (wal && wal.size > 0) {
    return refuse(
      `${source} has a write-ahead log beside it (${path.basename(source)}-wal) holding changes not yet in the file: ` +
        'it is open in another program, or was not closed cleanly. Close that program, or back it up with "roster backup" first.',
    );
  }

  const staging = temporaryBeside(path.join(stagingDir, path.basename(source)), 'restore');
  const checked = checkCopy(source, staging, options);
  if (!checked.ok) removeDatabaseFiles(staging);
  return checked;
}

function checkCopy(source: string, staging: string, options: CheckOptions): Result<string> {
  try {
    fs.copyFileSync(source, staging);
    const copy = new Database(staging, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
    try {
      const applied = verifyRosterSchema(copy, source, options.migrations);
      if (applied === 0) return refuse(`${source} is an empty database, not a Roster backup.`);
      const problems = copy.pragma('integrity_check') as { integrity_check: string }[];
      if (problems[0]?.integrity_check !== 'ok') {
        const first = problems[0]?.integrity_check ?? 'no answer';
        return refuse(`${source} is damaged: the integrity check found ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} (${first}).`);
      }
    } finally {
      copy.close();
    }
    openDatabase(staging, { nativeBinding: options.nativeBinding, migrations: options.migrations }).close();
    return ok(staging);
  } catch (error) {
    const refusal = refusalOf(error, source);
    return refusal.ok ? refusal : fail(refusal.error.code, refusal.error.message.replaceAll(staging, source));
  }
}
