import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCore } from '../core';
import { value } from '../test-support/seats-helpers';
import { tempDir } from '../test-support/temp-db';
import { fixtureFileName, loadDump } from './test-support/fixtures/dump';
import { bundledMigrations } from './migrations';
import { openDatabase } from './open';

const FIXTURES = path.join(__dirname, 'test-support', 'fixtures');
const LATEST = bundledMigrations.length;
/** Every schema version a user's database may still be at: all but the latest. */
const EARLIER = Array.from({ length: LATEST - 1 }, (_, index) => index + 1);

/**
 * The values a migration rewrites on purpose, and what it may do to each: a
 * rewrite that moves data somewhere else, or loses it, still fails.
 */
const REWRITTEN: { table: string; column: string; since: number; why: string; allowed: (before: unknown, after: unknown) => boolean }[] = [
  {
    table: 'accounts',
    column: 'last_active_at',
    since: 12,
    why: '0012 moves last activity forward to a login since tracking began, never back',
    allowed: (before, after) => after === before || (typeof after === 'string' && (before === null || (typeof before === 'string' && after > before))),
  },
];

interface TableSnapshot {
  columns: string[];
  rows: unknown[][];
}

/** Every table's columns and rows, in a fixed order, as raw values. */
function snapshot(file: string): Map<string, TableSnapshot> {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return new Map(tables.map((table) => [table, readTable(db, table)]));
  } finally {
    db.close();
  }
}

function readTable(db: Database.Database, table: string, columns?: string[]): TableSnapshot {
  const names = columns ?? (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[]);
  const order = names.map((_, index) => index + 1).join(', ');
  const rows = db.prepare(`SELECT ${names.map((name) => `"${name}"`).join(', ')} FROM "${table}" ORDER BY ${order}`).raw().all() as unknown[][];
  return { columns: names, rows };
}

describe('upgrading a database made by every earlier schema version', () => {
  it('has a committed fixture for every earlier version (add one with scripts/make-migration-fixture.mjs when adding a migration)', () => {
    const missing = EARLIER.filter((version) => !fs.existsSync(path.join(FIXTURES, fixtureFileName(version))));
    expect(missing, `no fixture for schema version(s) ${missing.join(', ')}: run node scripts/make-migration-fixture.mjs ${missing.join(' ')}`).toEqual([]);
  });

  it.each(EARLIER.filter((version) => fs.existsSync(path.join(FIXTURES, fixtureFileName(version)))))(
    'upgrades version %i to the latest with every row of every table intact',
    async (version) => {
      const file = path.join(tempDir(), 'roster.db');
      loadDump(file, fs.readFileSync(path.join(FIXTURES, fixtureFileName(version)), 'utf8'));
      const before = snapshot(file);
      expect(before.get('schema_migrations')!.rows).toHaveLength(version);

      const db = openDatabase(file);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
        expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(Array.from({ length: LATEST }, (_, i) => i + 1));
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);

        // Every table the old version had is still there, with the same rows in the columns it had,
        // but for the few values a migration is declared to rewrite, each checked for what it may do.
        for (const [table, old] of before) {
          if (table === 'schema_migrations') continue;
          const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
          expect(exists, `table ${table} is gone after upgrading version ${version}`).toBeTruthy();
          const now = readTable(db, table, old.columns);
          expect(now.rows.length, `rows of ${table}`).toBe(old.rows.length);
          const rewritten = REWRITTEN.filter((rule) => rule.table === table && rule.since > version);
          const columns = rewritten.map((rule) => old.columns.indexOf(rule.column)).filter((index) => index >= 0);
          const kept = (rows: unknown[][]) => rows.map((row) => row.filter((_, index) => !columns.includes(index)));
          expect(kept(now.rows), `rows of ${table}`).toEqual(kept(old.rows));
          for (const rule of rewritten) {
            const index = old.columns.indexOf(rule.column);
            if (index < 0) continue;
            now.rows.forEach((row, at) => expect(rule.allowed(old.rows[at]![index], row[index]), `${table}.${rule.column} of row ${at + 1}: ${rule.why}`).toBe(true));
          }
          if (rewritten.length === 0) expect(now.rows, `rows of ${table}`).toEqual(old.rows);
        }
        expect(before.size).toBeGreaterThan(3);
      } finally {
        db.close();
      }

      // And the app reads it: the seat count the old version kept is the one shown.
      const core = openCore({ databasePath: file, actor: { type: 'cli', name: 'upgrade test' }, host: { info: { version: 'test', mode: 'cli', databasePath: file, canChooseDatabase: false } } });
      try {
        const enterprise = value(await core.invoke('enterprise:get'));
        expect(enterprise?.name).toBe('Northwind "Traders" Ltd');
        const usage = value(await core.invoke('seats:usage'));
        const members = before.get('members')?.rows.length ?? 0;
        expect(usage).toMatchObject({ seats: 12, members });
        expect(value(await core.invoke('orgs:list')).map((org) => org.name).sort()).toEqual(['Engineering', 'Opérations Été', 'Sales']);
        if (before.has('teams')) expect(value(await core.invoke('teams:list'))).toHaveLength(3);
        if (members > 0) expect(value(await core.invoke('members:search', { text: 'bjorn' })).map((row) => row.email)).toEqual(['bjorn@northwind.example']);
      } finally {
        core.close();
      }
    },
  );
});

describe('0012: a login since tracking began is activity', () => {
  it('moves last activity forward to such a login, and leaves every other account as it was', () => {
    const file = path.join(tempDir(), 'roster.db');
    loadDump(file, fs.readFileSync(path.join(FIXTURES, fixtureFileName(11)), 'utf8'));
    const before = new Database(file, { readonly: true });
    const was = before.prepare('SELECT id, last_login_at, last_active_at FROM accounts ORDER BY id').all() as { id: number; last_login_at: string | null; last_active_at: string | null }[];
    before.close();
    const db = openDatabase(file);
    try {
      const now = db.prepare('SELECT id, last_active_at FROM accounts ORDER BY id').all() as { id: number; last_active_at: string | null }[];
      // Sam (8) only ever logged in, on 2026-01-13: that login is his last activity now.
      expect(was.find((row) => row.id === 8)).toMatchObject({ last_login_at: '2026-01-13T08:00:00.000Z', last_active_at: null });
      expect(now.find((row) => row.id === 8)!.last_active_at).toBe('2026-01-13T08:00:00.000Z');
      for (const row of was.filter((account) => account.id !== 8)) {
        const moved = row.last_login_at !== null && (row.last_active_at === null || row.last_login_at > row.last_active_at);
        expect(now.find((account) => account.id === row.id)!.last_active_at, `account ${row.id}`).toBe(moved ? row.last_login_at : row.last_active_at);
      }
    } finally {
      db.close();
    }
  });
});
