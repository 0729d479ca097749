import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { bundledMigrations, hashMigration, migrationLabel, parseMigrations, REWORDED_MIGRATIONS, type Migration } from './migrations';
import { openDatabase, ROSTER_APPLICATION_ID } from './open';
import { StoreError } from './store-error';

/** Every byte of the database and its side files, to prove a refusal changed nothing. */
function fingerprint(file: string): string {
  const hash = createHash('sha256');
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const part = `${file}${suffix}`;
    hash.update(`${suffix}:`);
    if (fs.existsSync(part)) hash.update(fs.readFileSync(part));
  }
  return hash.digest('hex');
}

function migration(version: number, name: string, sql: string): Migration {
  return { version, name, sql, hash: hashMigration(sql) };
}

function expectRefusal(file: string, open: () => unknown, code: StoreError['code'], text: RegExp) {
  const before = fingerprint(file);
  let thrown: unknown;
  try {
    open();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(StoreError);
  expect((thrown as StoreError).code).toBe(code);
  expect((thrown as StoreError).message).toMatch(text);
  expect(fingerprint(file)).toBe(before);
}

describe('openDatabase', () => {
  it('creates a new database with the real migrations, WAL, foreign keys, FULL sync and a busy timeout', () => {
    const file = path.join(tempDir(), 'nested', 'roster.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(ROSTER_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(bundledMigrations.length);
    const recorded = db.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(bundledMigrations.map((m) => ({ version: m.version, name: m.name, sha256: m.hash })));
    db.close();
  });

  it('opens an up-to-date database again without applying anything twice', () => {
    const file = path.join(tempDir(), 'roster.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: bundledMigrations.length });
    db.close();
  });

  it('applies only the new migrations to an older database, each recorded with its hash', () => {
    const file = path.join(tempDir(), 'roster.db');
    openDatabase(file).close();
    const next = migration(bundledMigrations.length + 1, 'add_notes', 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;');
    const db = openDatabase(file, { migrations: [...bundledMigrations, next] });
    expect(db.prepare('SELECT sha256 FROM schema_migrations WHERE version = ?').get(next.version)).toEqual({ sha256: next.hash });
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'notes'").get()).toEqual({ name: 'notes' });
    db.close();
  });

  it('refuses a database made with a migration that has since been edited, and changes nothing', () => {
    const file = path.join(tempDir(), 'roster.db');
    openDatabase(file).close();
    const edited = bundledMigrations.map((m, i) => (i === 0 ? migration(m.version, m.name, `${m.sql}\n-- edited`) : m));
    expectRefusal(file, () => openDatabase(file, { migrations: edited }), 'EDITED_MIGRATION', /0001_initial.*never be edited/);
  });

  it("accepts the earlier hash of a migration whose comments alone were reworded, and no other", () => {
    const [label, [earlier]] = Object.entries(REWORDED_MIGRATIONS)[0]! as [string, string[]];
    const version = Number(label.slice(0, 4));
    const file = path.join(tempDir(), 'roster.db');
    openDatabase(file).close();
    const record = (sha256: string) => {
      const db = new Database(file);
      db.prepare('UPDATE schema_migrations SET sha256 = ? WHERE version = ?').run(sha256, version);
      db.close();
    };
    record(earlier!);
    openDatabase(file).close();
    record('0'.repeat(64));
    expectRefusal(file, () => openDatabase(file), 'EDITED_MIGRATION', new RegExp(`${label}.*never be edited`));
  });

  it('refuses a database written by a newer Roster, and changes nothing', () => {
    const file = path.join(tempDir(), 'roster.db');
    const newer = [...bundledMigrations, migration(bundledMigrations.length + 1, 'future', 'CREATE TABLE future (id INTEGER) STRICT;')];
    openDatabase(file, { migrations: newer }).close();
    expectRefusal(
      file,
      () => openDatabase(file),
      'NEWER_SCHEMA',
      new RegExp(`newer version of Roster \\(schema version ${newer.length}; this version knows up to ${bundledMigrations.length}\\)`),
    );
  });

  it('refuses a file that is not a database, and changes nothing', () => {
    const file = path.join(tempDir(), 'notes.db');
    fs.writeFileSync(file, 'These are my notes, not a database.\n'.repeat(200));
    expectRefusal(file, () => openDatabase(file), 'NOT_A_DATABASE', /is not a database file/);
  });

  it("refuses another program's SQLite database, and changes nothing", () => {
    const file = path.join(tempDir(), 'other.db');
    const other = new Database(file);
    other.exec("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('Ada');");
    other.close();
    expectRefusal(file, () => openDatabase(file), 'NOT_ROSTER', /not one Roster made/);
  });

  it("refuses an empty file that another program has marked as its own, and changes nothing", () => {
    const file = path.join(tempDir(), 'claimed.db');
    const other = new Database(file);
    other.pragma('application_id = 1234');
    other.close();
    expectRefusal(file, () => openDatabase(file), 'NOT_ROSTER', /not one Roster made/);
  });

  it('refuses a Roster-marked file without its migration record as damaged, and changes nothing', () => {
    const file = path.join(tempDir(), 'damaged.db');
    const damaged = new Database(file);
    damaged.pragma(`application_id = ${ROSTER_APPLICATION_ID}`);
    damaged.exec('CREATE TABLE organizations (id INTEGER PRIMARY KEY)');
    damaged.close();
    expectRefusal(file, () => openDatabase(file), 'DAMAGED', /no record of its migrations/);
  });

  it('rolls back a migration that fails half way, leaving the database as it was and usable', () => {
    const file = path.join(tempDir(), 'roster.db');
    openDatabase(file).close();
    const broken = migration(
      bundledMigrations.length + 1,
      'broken',
      'CREATE TABLE half_done (id INTEGER) STRICT; INSERT INTO no_such_table VALUES (1);',
    );
    expect(() => openDatabase(file, { migrations: [...bundledMigrations, broken] })).toThrow(
      new RegExp(`Migration ${migrationLabel(broken)} failed .*no such table: no_such_table.*left as it was`),
    );
    const db = openDatabase(file);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half_done'").get()).toBeUndefined();
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: bundledMigrations.length });
    db.close();
  });
});

describe('parseMigrations', () => {
  it('orders migrations by their number', () => {
    const parsed = parseMigrations({ './migrations/0002_b.sql': 'B', './migrations/0001_a.sql': 'A' });
    expect(parsed.map((m) => `${m.version}:${m.name}`)).toEqual(['1:a', '2:b']);
  });

  it('refuses a gap in the numbering and a badly named file', () => {
    expect(() => parseMigrations({ './0001_a.sql': 'A', './0003_c.sql': 'C' })).toThrow(/without gaps/);
    expect(() => parseMigrations({ './first.sql': 'A' })).toThrow(/0001_name\.sql/);
  });

  it('hashes a CRLF checkout the same as LF, so Windows clones open the same databases', () => {
    expect(hashMigration('CREATE TABLE a (x);\r\nCREATE TABLE b (y);\r\n')).toBe(hashMigration('CREATE TABLE a (x);\nCREATE TABLE b (y);\n'));
  });
});
