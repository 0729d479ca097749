import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '@shared/result';
import { damageFound, inspectHeader, isDamageError } from '../db/integrity';
import { bundledMigrations } from '../db/migrations';
import { upgradeInMemory, verifyRosterSchema, type Db } from '../db/open';
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
  /** NEW's connection (read-only on its file, or in memory when upgraded) with OLD attached as `old`. */
  db: Db;
  /** Each file's own schema version (an older one is read upgraded). */
  schemaVersions: { old: number; new: number };
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

const enterpriseName = (db: Db, schema: string) =>
  (db.prepare(`SELECT name FROM ${schema}.enterprise WHERE id = 1`).pluck().get() as string | undefined) ?? null;

/**
 * A file's whole database as bytes, read on its read-only connection (one
 * consistent moment), and brought up to this schema in memory when an older
 * Roster wrote it: the same upgrade the app makes when it opens an older
 * offline copy (db/open.ts, upgradeInMemory). The file itself is never written.
 */
function imageOf(side: DiffFile, opened: { db: Db; version: number }, nativeBinding?: string): Buffer {
  const image = opened.db.serialize();
  opened.db.close();
  // A file in WAL mode says so in its header; the image is read as one file, without a -wal beside it.
  image[18] = 1;
  image[19] = 1;
  if (opened.version === bundledMigrations.length) return image;
  const upgraded = upgradeInMemory(image, `${side.role} (${side.label})`, { nativeBinding });
  try {
    return upgraded.serialize();
  } finally {
    upgraded.close();
  }
}

/**
 * Opens OLD and NEW for the diff, or says which one cannot be used and why;
 * nothing is written to either. A file of this schema version is read in
 * place; one an older Roster wrote is read upgraded in memory (CMP1). NEW is
 * then the main database, in memory; OLD, which SQLite can attach only as a
 * file, is attached from a private temporary file removed on close.
 */
export function openPair(from: DiffFile, to: DiffFile, options: { nativeBinding?: string } = {}): Result<DiffPair> {
  const { nativeBinding } = options;
  const current = bundledMigrations.length;
  const openedOld = openReadOnly(from, nativeBinding);
  if (!openedOld.ok) return openedOld;
  const oldVersion = openedOld.value.version;
  const openedNew = openReadOnly(to, nativeBinding);
  if (!openedNew.ok) {
    if (openedOld.value.db.open) openedOld.value.db.close();
    return openedNew;
  }
  const newVersion = openedNew.value.version;
  let db = openedNew.value.db;
  let scratch: string | null = null;
  const close = () => {
    if (db.open) db.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    let oldFile = from.file;
    if (newVersion < current) db = new Database(imageOf(to, openedNew.value, nativeBinding), { nativeBinding });
    // An attached file takes its main's flags: read-only with NEW's file, writable with NEW in memory, so then OLD is attached from a copy too.
    if (oldVersion < current || newVersion < current) {
      const image = imageOf(from, openedOld.value, nativeBinding);
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-diff-'));
      oldFile = path.join(scratch, 'old.roster');
      fs.writeFileSync(oldFile, image, { mode: 0o600 });
    } else {
      openedOld.value.db.close(); // Checked on its own connection; read through NEW's, attached.
    }
    db.prepare('ATTACH DATABASE ? AS old').run(oldFile);
    // The diff's working tables live in memory: the files stay as they are.
    db.pragma('temp_store = MEMORY');
    const oldName = enterpriseName(db, 'old');
    const newName = enterpriseName(db, 'main');
    const empty = oldName === null ? from : newName === null ? to : null;
    if (empty) {
      close();
      return unusable(`${empty.role} (${empty.label}) holds no enterprise yet: there is nothing to compare.`);
    }
    return ok({ db, schemaVersions: { old: oldVersion, new: newVersion }, enterprise: { old: oldName!, new: newName! }, close });
  } catch (error) {
    if (openedOld.value.db.open) openedOld.value.db.close();
    close();
    if (error instanceof StoreError) return unusable(error.message);
    if (isDamageError(error)) return unusable(`${from.role} (${from.label}) is damaged: ${damageFound(error)}.`);
    throw error;
  }
}
