import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { fixtureFileName, loadDump, dumpDatabase } from './test-support/fixtures/dump';
import { bundledMigrations, hashMigration, type Migration } from './migrations';
import { openDatabase } from './open';
import { StoreError } from './store-error';

const LATEST = bundledMigrations.length;

/**
 * A next migration that changes a lot before it fails: it rebuilds a table,
 * rewrites rows, adds an index and a column, and only then hits an error.
 */
function failingMigration(version: number): Migration {
  const sql = `
    CREATE TABLE accounts_new AS SELECT * FROM accounts;
    UPDATE accounts SET name = 'overwritten';
    DELETE FROM org_memberships;
    UPDATE enterprise SET seats = seats + 100;
    ALTER TABLE organizations ADD COLUMN colour TEXT;
    CREATE INDEX injected_index ON accounts (name);
    INSERT INTO no_such_table VALUES (1);
    UPDATE accounts SET name = 'never reached';
  `;
  return { version, name: 'injected_failure', sql, hash: hashMigration(sql) };
}

/** The whole file as text (schema, rows, file marks), and its bytes once checkpointed. */
function state(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return { dump: dumpDatabase(db), bytes: fs.readFileSync(file), userVersion: db.pragma('user_version', { simple: true }) };
  } finally {
    db.close();
  }
}

describe('a migration that fails half way', () => {
  it('leaves the database exactly as it was, byte for byte, and the error names the migration', () => {
    const file = path.join(tempDir(), 'roster.db');
    // The newest fixture upgraded to today's schema: a database in use, with data in every table.
    loadDump(file, fs.readFileSync(path.join(__dirname, 'test-support', 'fixtures', fixtureFileName(LATEST - 1)), 'utf8'));
    openDatabase(file).close();
    const before = state(file);
    expect(before.userVersion).toBe(LATEST);

    const migrations = [...bundledMigrations, failingMigration(LATEST + 1)];
    let thrown: unknown;
    try {
      openDatabase(file, { migrations }).close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreError);
    expect((thrown as StoreError).code).toBe('MIGRATION_FAILED');
    const label = `${String(LATEST + 1).padStart(4, '0')}_injected_failure`;
    expect((thrown as Error).message).toContain(`Migration ${label} failed`);
    expect((thrown as Error).message).toContain('no such table: no_such_table');

    const after = state(file);
    expect(after.userVersion).toBe(LATEST);
    expect(after.dump).toBe(before.dump);
    expect(after.bytes.equals(before.bytes)).toBe(true);

    // The released build still opens it, and it is whole.
    const db = openDatabase(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM sqlite_schema WHERE name IN (?, ?)').pluck().get('accounts_new', 'injected_index')).toBe(0);
    db.close();
  });

  it('in an upgrade of several versions leaves the file exactly as it was, at its old version', () => {
    const file = path.join(tempDir(), 'roster.db');
    loadDump(file, fs.readFileSync(path.join(__dirname, 'test-support', 'fixtures', fixtureFileName(1)), 'utf8'));
    const before = state(file);
    const migrations = [...bundledMigrations, failingMigration(LATEST + 1)];
    expect(() => openDatabase(file, { migrations })).toThrow(/Migration \d{4}_injected_failure failed/);

    // All pending migrations are one transaction: none of the good ones stays applied either,
    // so the Roster that made the file (version 1) could still open it.
    const after = state(file);
    expect(after.userVersion).toBe(1);
    expect(after.dump).toBe(before.dump);

    // The released build then upgrades it whole.
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(LATEST);
    expect(db.prepare("SELECT count(*) FROM accounts WHERE name = 'overwritten'").pluck().get()).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
