import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { foldText } from '@shared/text';
import { bundledMigrations, migrationLabel, type Migration } from './migrations';
import { StoreError } from './store-error';

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
}

interface AppliedMigration {
  version: number;
  name: string;
  sha256: string;
}

/**
 * Opens (creating if need be) a Roster database and brings its schema up to date.
 * Every check runs before anything is written: a file that is not a Roster
 * database, was written by a newer Roster, or was made with a migration that
 * has since been edited is refused with a StoreError and left untouched.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? bundledMigrations;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });

  refuseReadOnlyFile(file);
  let db: Db;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw new StoreError('CANNOT_OPEN', `Roster cannot open ${file}: ${(error as Error).message}`);
  }

  try {
    db.pragma('foreign_keys = ON');
    db.pragma('trusted_schema = OFF');
    // Migrations that fill folded columns call it; nothing else in the schema does.
    db.function('roster_fold', { deterministic: true }, (text: unknown) => foldText(String(text)));
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
    throw explainLockOrReadOnly(error, file);
  }
}

const NOTHING_CHANGED = 'Nothing was changed.';

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

/** SQLite's "busy" and "read-only" failures while opening, as messages that say what to do. */
function explainLockOrReadOnly(error: unknown, file: string): unknown {
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
  let applicationId: number;
  let objectCount: number;
  try {
    applicationId = db.pragma('application_id', { simple: true }) as number;
    objectCount = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new StoreError('NOT_A_DATABASE', `${file} is not a database file. Choose a Roster database, or a new file name.`);
    }
    throw error;
  }

  // Another program's mark wins even on an empty file: it may be about to fill it.
  const othersMark = applicationId !== 0 && applicationId !== ROSTER_APPLICATION_ID;
  if (othersMark || (objectCount > 0 && applicationId !== ROSTER_APPLICATION_ID)) {
    throw new StoreError(
      'NOT_ROSTER',
      `${file} is a SQLite database, but not one Roster made. Roster leaves it alone; choose a Roster database or a new file name.`,
    );
  }
  if (objectCount === 0) return [];
  const hasRecord = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasRecord) {
    throw new StoreError(
      'DAMAGED',
      `${file} is marked as a Roster database but has no record of its migrations, so Roster cannot tell what it holds. ` +
        'It may be damaged; restore it from a backup. Nothing was changed.',
    );
  }
  return db.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all() as AppliedMigration[];
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
    if (known.hash !== row.sha256) {
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
