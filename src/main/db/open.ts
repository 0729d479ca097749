import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { foldText } from '@shared/text';
import { damageFound, describeProblems, findProblems, inspectHeader, isDamageError, leftUnclean } from './integrity';
import { bundledMigrations, migrationLabel, REWORDED_MIGRATIONS, type Migration } from './migrations';
import { StoreError } from './store-error';
import { isSnapshotFile } from '../snapshots/info';

export type Db = Database.Database;

/** "RSTR": marks a SQLite file as Roster's, so we never migrate someone else's database. */
export const ROSTER_APPLICATION_ID = 0x52535452;

export interface OpenOptions {
  /** Defaults to the migrations bundled with this build; tests pass edited lists. */
  migrations?: Migration[];
  /** Path of a better-sqlite3 build for this runtime's ABI (Electron); default: the package's own. */
  nativeBinding?: string;
  /** How long a write waits for another process's lock before failing with BUSY. */
  busyTimeoutMs?: number;
  /**
   * SQLite's quick_check runs on every open of a file up to this size, and on
   * a larger one only when it was left by a process that stopped without
   * closing it (integrity.ts, leftUnclean). Default QUICK_CHECK_ON_OPEN_BYTES;
   * tests set 0 to see the second rule alone.
   */
  quickCheckUpToBytes?: number;
  /** false: no quick_check on opening, by either rule (a restore, which replaces the file whatever it holds). */
  checkOnOpen?: boolean;
}

/**
 * Files up to 64 MB are checked on every open: about 0.3 s at that size
 * (docs/RELIABILITY.md, "A damaged database"), and a damaged file is then
 * refused before anything is written to it, by the app, browser mode and
 * every run of the command line alike.
 */
export const QUICK_CHECK_ON_OPEN_BYTES = 64 * 1024 * 1024;

/** Why openDatabase runs quick_check: the first words of what it reports. */
const CHECK_REASON = {
  small: "SQLite's quick check on opening it",
  unclean: "Roster was not closed cleanly last time, and SQLite's quick check",
} as const;

interface AppliedMigration {
  version: number;
  name: string;
  sha256: string;
}

/**
 * Opens (creating if need be) a Roster database and brings its schema up to date.
 * Every check runs before anything is written: a file that is not a Roster
 * database, is damaged, was written by a newer Roster, or was made with a
 * migration that has since been edited is refused with a StoreError and left
 * untouched. A file whose header is damaged is refused before SQLite opens it,
 * so no -wal or -shm file appears beside it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? bundledMigrations;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

  // An offline copy is only ever read (a read-only file included): it is never migrated in place nor switched to WAL.
  if (file !== ':memory:' && isSnapshotFile(file, options.nativeBinding)) return openCopy(file, options, migrations);
  refuseReadOnlyFile(file);
  let check: keyof typeof CHECK_REASON | null = null;
  if (file !== ':memory:') {
    refuseDamagedHeader(file);
    const size = options.checkOnOpen === false ? 0 : (fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0);
    try {
      if (size > 0 && size <= (options.quickCheckUpToBytes ?? QUICK_CHECK_ON_OPEN_BYTES)) check = 'small';
      else if (size > 0 && leftUnclean(file, options.nativeBinding)) check = 'unclean';
    } catch (error) {
      throw explainOpenFailure(error, file);
    }
  }
  let db: Db;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw new StoreError('CANNOT_OPEN', `Roster cannot open ${file}: ${(error as Error).message}`);
  }

  try {
    prepareConnection(db);
    if (check) {
      const problems = findProblems(db, 'quick');
      if (problems.length > 0) throw damagedError(file, describeProblems(problems, CHECK_REASON[check]));
    }
    const applied = readAppliedMigrations(db, file);
    verifyApplied(applied, migrations, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Savepoints (a service's transaction inside a batch's) keep their journal in a
    // temporary file once it passes 64 KB: a file made and deleted per nested change.
    // In memory they cost nothing measurable (docs/PERFORMANCE.md).
    db.pragma('temp_store = MEMORY');
    applyPending(db, migrations, file);
    return db;
  } catch (error) {
    db.close();
    throw explainOpenFailure(error, file);
  }
}

function prepareConnection(db: Db): void {
  db.pragma('foreign_keys = ON');
  db.pragma('trusted_schema = OFF');
  // SQLite checks each b-tree page's cells as it reads the page, so damage is
  // found before a write builds on it ("spreads"), at a cost too small to measure.
  db.pragma('cell_size_check = ON');
  // Migrations that fill folded columns call it; nothing else in the schema does.
  db.function('roster_fold', { deterministic: true }, (text: unknown) => foldText(String(text)));
}

/**
 * An offline copy (docs/OFFLINE-COPIES.md) opens read-only and writes
 * nothing: no WAL, no migration in the file. A copy from a newer Roster is
 * refused (NEWER_SCHEMA); one from an older Roster is read into memory and
 * brought up to date there, the file left as it is.
 */
function openCopy(file: string, options: OpenOptions, migrations: Migration[]): Db {
  refuseDamagedHeader(file);
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw new StoreError('CANNOT_OPEN', `Roster cannot open ${file}: ${(error as Error).message}`);
  }
  try {
    prepareConnection(db);
    const size = fs.statSync(file).size;
    if (options.checkOnOpen !== false && size <= (options.quickCheckUpToBytes ?? QUICK_CHECK_ON_OPEN_BYTES)) {
      const problems = findProblems(db, 'quick');
      if (problems.length > 0) throw damagedError(file, describeProblems(problems, CHECK_REASON.small));
    }
    const applied = readAppliedMigrations(db, file);
    verifyApplied(applied, migrations, file);
    db.pragma('temp_store = MEMORY');
    if (applied.length === migrations.length) return db;
    const image = db.serialize();
    db.close();
    db = upgradeInMemory(image, file, { nativeBinding: options.nativeBinding, migrations });
    return db;
  } catch (error) {
    db.close();
    throw explainOpenFailure(error, file);
  }
}

/**
 * A database image (serialize() of a file opened read-only, already checked
 * by verifyRosterSchema) brought up to this schema in memory: the file it
 * came from is never written. Used for an older offline copy and by the diff.
 */
export function upgradeInMemory(image: Buffer, file: string, options: Pick<OpenOptions, 'migrations' | 'nativeBinding'> = {}): Db {
  const db = new Database(image, { nativeBinding: options.nativeBinding });
  try {
    prepareConnection(db);
    db.pragma('temp_store = MEMORY');
    applyPending(db, options.migrations ?? bundledMigrations, file);
    return db;
  } catch (error) {
    db.close();
    throw explainOpenFailure(error, file);
  }
}

const NOTHING_CHANGED = 'Nothing was changed.';

function damagedError(file: string, found: string): StoreError {
  return new StoreError('DAMAGED', `${file} is damaged: ${found}. ${NOTHING_CHANGED}`, found);
}

/** A header SQLite would refuse or misread, found with plain file reads: refused before SQLite opens the file. */
function refuseDamagedHeader(file: string): void {
  const verdict = inspectHeader(file);
  if (verdict.kind === 'damaged') throw damagedError(file, verdict.found);
  if (verdict.kind === 'not-sqlite') {
    // Roster's mark where SQLite keeps it, but no SQLite header before it: a Roster database whose first bytes were overwritten.
    if (verdict.applicationId === ROSTER_APPLICATION_ID) throw damagedError(file, 'its header is damaged (it no longer begins as a SQLite database does)');
    throw notADatabase(file);
  }
}

function notADatabase(file: string): StoreError {
  return new StoreError('NOT_A_DATABASE', `${file} is not a database file. Choose a Roster database, or a new file name.`);
}

/**
 * A file marked read-only is refused before SQLite opens it: SQLite would
 * open it read-only without a word (or, for an administrator, write to it anyway).
 */
function refuseReadOnlyFile(file: string): void {
  if (file === ':memory:') return;
  let mode: number;
  try {
    mode = fs.statSync(file).mode;
  } catch {
    return; // A new file: it is created.
  }
  if ((mode & 0o222) === 0) throw readOnlyError(file);
}

function readOnlyError(file: string): StoreError {
  return new StoreError(
    'READ_ONLY',
    `${file} is read-only, so Roster cannot save changes to it. Make the file (and its folder) writable, ` +
      `or copy it somewhere you can write and open the copy. ${NOTHING_CHANGED}`,
  );
}

/** SQLite's "damaged", "busy" and "read-only" failures while opening, as messages that say what to do. */
function explainOpenFailure(error: unknown, file: string): unknown {
  if (error instanceof StoreError) return error;
  if (isDamageError(error)) return damagedError(file, damageFound(error));
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED') {
    return new StoreError(
      'LOCKED',
      `${file} is locked by another program (another copy of Roster, or a tool holding it open). ` +
        `Close that program, or wait for it to finish, and open the file again. ${NOTHING_CHANGED}`,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') return readOnlyError(file);
  return error;
}

/**
 * The checks openDatabase makes before it writes, for a connection opened
 * elsewhere (read-only, to judge a backup): a Roster database, not newer than
 * this Roster, its migrations unedited. Throws StoreError naming `file`;
 * answers how many migrations it has applied (0: an empty database).
 */
export function verifyRosterSchema(db: Db, file: string, migrations: Migration[] = bundledMigrations): number {
  const applied = readAppliedMigrations(db, file);
  verifyApplied(applied, migrations, file);
  return applied.length;
}

function readAppliedMigrations(db: Db, file: string): AppliedMigration[] {
  // SQLITE_NOTADB or SQLITE_CORRUPT here, after the header passed refuseDamagedHeader, is damage: the callers say so.
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const objectCount = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;

  // Another program's mark wins even on an empty file: it may be about to fill it.
  const othersMark = applicationId !== 0 && applicationId !== ROSTER_APPLICATION_ID;
  if (othersMark || (objectCount > 0 && applicationId !== ROSTER_APPLICATION_ID)) {
    if (hasRosterRecord(db)) throw damagedError(file, "its header is damaged (it has Roster's record of migrations but lost Roster's mark)");
    throw new StoreError(
      'NOT_ROSTER',
      `${file} is a SQLite database, but not one Roster made. Roster leaves it alone; choose a Roster database or a new file name.`,
    );
  }
  if (objectCount === 0) return [];
  const hasRecord = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasRecord) throw damagedError(file, 'it is marked as a Roster database but has no record of its migrations, so Roster cannot tell what it holds');
  return db.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
}

/** Whether `db` holds Roster's record of migrations, begun with this Roster's first migration. */
function hasRosterRecord(db: Db): boolean {
  try {
    const first = db.prepare('SELECT sha256 FROM schema_migrations WHERE version = 1').pluck().get();
    return first === bundledMigrations[0]?.hash;
  } catch {
    return false; // No such table: not Roster's.
  }
}

function verifyApplied(applied: AppliedMigration[], migrations: Migration[], file: string): void {
  const newest = migrations.length;
  const unknown = applied.filter((row) => row.version > newest);
  if (unknown.length > 0) {
    const theirs = Math.max(...unknown.map((row) => row.version));
    throw new StoreError(
      'NEWER_SCHEMA',
      `${file} was written by a newer version of Roster (schema version ${theirs}; this version knows up to ${newest}). ` +
        'Open it with that newer Roster; this one has changed nothing.',
    );
  }
  for (const row of applied) {
    const known = migrations[row.version - 1]!;
    if (known.hash !== row.sha256 && !REWORDED_MIGRATIONS[migrationLabel(known)]?.includes(row.sha256)) {
      throw new StoreError(
        'EDITED_MIGRATION',
        `${file} was built with a different migration ${migrationLabel(row)} than this version of Roster ships ` +
          `(recorded sha256 ${row.sha256.slice(0, 12)}…, shipped ${known.hash.slice(0, 12)}…). ` +
          'An applied migration must never be edited: restore it and add a new numbered migration instead. Nothing was changed.',
      );
    }
  }
}

function applyPending(db: Db, migrations: Migration[], file: string): void {
  // Every pending migration in ONE transaction: an upgrade across several
  // versions either lands whole or leaves the file exactly as it was, so an
  // older Roster can still open it. IMMEDIATE takes the write lock before
  // reading, so two processes opening a new file at once apply each migration
  // exactly once: the second one waits, then sees them recorded.
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      sha256     TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    const done = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
    for (const migration of migrations) {
      if (done.get(migration.version)) continue;
      try {
        db.exec(migration.sql);
      } catch (error) {
        // A damaged file is not the migration's fault: openDatabase says the file is damaged.
        if (isDamageError(error)) throw error;
        throw new StoreError(
          'MIGRATION_FAILED',
          `Migration ${migrationLabel(migration)} failed on ${file}: ${(error as Error).message}. The database was left as it was.`,
        );
      }
      db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)').run(
        migration.version,
        migration.name,
        migration.hash,
        new Date().toISOString(),
      );
      db.pragma(`application_id = ${ROSTER_APPLICATION_ID}`);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}
