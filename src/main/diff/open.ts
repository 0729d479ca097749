import fs from 'node:fs';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@shared/result';
import { damageFound, inspectHeader, isDamageError } from '../db/integrity';
import { bundledMigrations } from '../db/migrations';
import { verifyRosterSchema, type Db } from '../db/open';
import { StoreError } from '../db/store-error';

/** One of the two files, as the diff names it in its messages: "OLD (q3.roster)". */
export interface DiffFile {
  /** OLD or NEW. */
  role: 'OLD' | 'NEW';
  file: string;
  /** What a message shows for it: the path in the command line, a name only in a window. */
  label: string;
}

export interface DiffPair {
  /** NEW's connection, read-only, with OLD attached as `old` (read-only too: an attached file takes its main's flags). */
  db: Db;
  schemaVersion: number;
  enterprise: { old: string; new: string };
  close(): void;
}

const unusable = (message: string) => fail<never>('DATABASE_UNUSABLE', message);

/**
 * Opens a file read-only on a connection of its own, with the checks opening
 * a store makes before it writes (a SQLite file, Roster's, not newer, its
 * migrations unedited), but no migration and no write at all: an offline copy
 * or a backup stays byte for byte as it was.
 */
function openReadOnly(side: DiffFile, nativeBinding?: string): Result<{ db: Db; version: number }> {
  const name = `${side.role} (${side.label})`;
  if (!fs.existsSync(side.file)) return fail('NOT_FOUND', `${name} does not exist.`);
  const header = inspectHeader(side.file);
  if (header.kind === 'new') return unusable(`${name} is empty: there is no database in it.`);
  if (header.kind === 'not-sqlite') return unusable(`${name} is not a Roster database (it is not a SQLite file at all).`);
  if (header.kind === 'damaged') return unusable(`${name} is damaged: ${header.found}.`);
  let db: Db;
  try {
    db = new Database(side.file, { readonly: true, fileMustExist: true, nativeBinding, timeout: 5000 });
  } catch (error) {
    return unusable(`${name} cannot be opened: ${(error as Error).message}`);
  }
  try {
    const version = verifyRosterSchema(db, side.label);
    if (version === 0) {
      db.close();
      return unusable(`${name} is an empty Roster database: it holds no enterprise to compare.`);
    }
    return ok({ db, version });
  } catch (error) {
    db.close();
    if (error instanceof StoreError) return unusable(error.message.replace(side.label, name));
    if (isDamageError(error)) return unusable(`${name} is damaged: ${damageFound(error)}.`);
    throw error;
  }
}

/** Why two schema versions cannot be compared, naming the one to upgrade. */
function versionProblem(oldVersion: number, newVersion: number, from: DiffFile, to: DiffFile): string | null {
  const current = bundledMigrations.length;
  if (oldVersion === current && newVersion === current) return null;
  // A store or a backup is upgraded by opening it; an offline copy never is (it is only read), so it is compared with a copy of its own version.
  const upgrade = 'A store or a backup is upgraded by opening it once with this version of Roster; an offline copy is never changed, so compare it with a copy of the same version.';
  if (oldVersion !== newVersion) {
    const older = oldVersion < newVersion ? from : to;
    return (
      `The two files have different schema versions (OLD ${oldVersion}, NEW ${newVersion}), so they cannot be compared: ` +
      `upgrade ${older.role} (${older.label}) to version ${Math.max(oldVersion, newVersion)}. ${upgrade}`
    );
  }
  return `Both files have schema version ${oldVersion}, and this Roster compares version ${current}: upgrade them first. ${upgrade}`;
}

const enterpriseName = (db: Db, schema: string) =>
  (db.prepare(`SELECT name FROM ${schema}.enterprise WHERE id = 1`).pluck().get() as string | undefined) ?? null;

/** Opens OLD and NEW for the diff, or says which one cannot be used and why; nothing is written to either. */
export function openPair(from: DiffFile, to: DiffFile, options: { nativeBinding?: string } = {}): Result<DiffPair> {
  const opened = openReadOnly(from, options.nativeBinding);
  if (!opened.ok) return opened;
  const oldDb = opened.value;
  oldDb.db.close(); // Checked on its own connection; read through NEW's, attached.
  const current = openReadOnly(to, options.nativeBinding);
  if (!current.ok) return current;
  const { db, version } = current.value;
  const problem = versionProblem(oldDb.version, version, from, to);
  if (problem) {
    db.close();
    return unusable(problem);
  }
  try {
    db.prepare('ATTACH DATABASE ? AS old').run(from.file);
    // The diff's working tables live in memory: the files stay as they are.
    db.pragma('temp_store = MEMORY');
    const oldName = enterpriseName(db, 'old');
    const newName = enterpriseName(db, 'main');
    const empty = oldName === null ? from : newName === null ? to : null;
    if (empty) {
      db.close();
      return unusable(`${empty.role} (${empty.label}) holds no enterprise yet: there is nothing to compare.`);
    }
    return ok({ db, schemaVersion: version, enterprise: { old: oldName!, new: newName! }, close: () => db.close() });
  } catch (error) {
    db.close();
    if (isDamageError(error)) return unusable(`${from.role} (${from.label}) is damaged: ${damageFound(error)}.`);
    throw error;
  }
}
