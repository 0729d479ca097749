import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@shared/result';
import { damageFound, describeProblems, findProblems, inspectHeader, isDamageError } from '../db/integrity';
import type { Migration } from '../db/migrations';
import { openDatabase, ROSTER_APPLICATION_ID, verifyRosterSchema } from '../db/open';
import { StoreError } from '../db/store-error';
import { reasonOf, removeDatabaseFiles, temporaryBeside } from './copy';
import { readSnapshotInfo } from '../snapshots/info';

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
        return refuse(`${source} is damaged or not a Roster backup: ${error.found ?? error.message}.`);
      default:
        // NEWER_SCHEMA, EDITED_MIGRATION, MIGRATION_FAILED: their messages name the file and the problem.
        return fail('DATABASE_UNUSABLE', error.message);
    }
  }
  // The header was read first (checkCopy), so SQLite's "not a database" here is damage too.
  if (isDamageError(error)) return refuse(`${source} is damaged: ${damageFound(error)}.`);
  return refuse(`${source} cannot be read: ${reasonOf(error)}.`);
}

/**
 * Checks that `source` is a Roster database this Roster can use, and prepares
 * the copy a restore will write, without touching `source`: the file is
 * copied (never opened by SQLite, so not even a -shm file appears beside it)
 * to a temporary file in `stagingDir`. The copy's header must be sound and its
 * length whole (a copy or download cut short is refused by name); then the
 * copy is opened read-write, since it is private and a read-only connection
 * skips CHECK constraints and reads a page cut short as zeros, and must pass
 * PRAGMA integrity_check, foreign_key_check and the checks of db/open.ts (a
 * Roster database with its record of migrations, none newer than this
 * Roster, none edited); then it is brought up to this Roster's schema, so the
 * restored database is never an older schema under a running app. Answers
 * the copy's path; on a refusal the copy is gone and the message names the
 * problem.
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
    const header = inspectHeader(staging);
    if (header.kind === 'new') return refuse(`${source} is an empty database, not a Roster backup.`);
    if (header.kind === 'damaged') return refuse(`${source} is damaged: ${header.found}.`);
    if (header.kind === 'not-sqlite') {
      if (header.applicationId === ROSTER_APPLICATION_ID) return refuse(`${source} is damaged: its header no longer begins as a SQLite database does.`);
      return refuse(`${source} is not a database file, so it is not a Roster backup.`);
    }
    const copy = new Database(staging, { fileMustExist: true, nativeBinding: options.nativeBinding });
    try {
      copy.pragma('cell_size_check = ON');
      const problems = findProblems(copy, 'full');
      if (problems.length > 0) return refuse(`${source} is damaged: ${describeProblems(problems, "SQLite's integrity check")}.`);
      const applied = verifyRosterSchema(copy, source, options.migrations);
      if (applied === 0) return refuse(`${source} is an empty database, not a Roster backup.`);
      // A copy lacks what a store needs to be served (admins' passwords, tokens): it is read where it is, never restored.
      const copyOf = readSnapshotInfo(copy);
      if (copyOf) return refuse(`${source} is an offline copy of ${copyOf.of}, not a backup: it holds no sign-ins or tokens, so it is never restored. Open it to read it, or restore a backup.`);
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
