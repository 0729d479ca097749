import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';
import { tempDir } from '../test-support/temp-db';
import { openDatabase } from './open';
import { StoreError } from './store-error';

function newRosterDb(): string {
  const file = path.join(tempDir(), 'roster.db');
  openDatabase(file).close();
  return file;
}

function refusal(open: () => unknown): StoreError {
  try {
    open();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

describe('opening a file Roster may not write', () => {
  it('refuses a read-only file (chmod 444) with a message that says what to do, even for an administrator', () => {
    const file = newRosterDb();
    fs.chmodSync(file, 0o444);
    const error = refusal(() => openDatabase(file));
    expect(error.code).toBe('READ_ONLY');
    expect(error.message).toBe(
      `${file} is read-only, so Roster cannot save changes to it. Make the file (and its folder) writable, ` +
        'or copy it somewhere you can write and open the copy. Nothing was changed.',
    );
    fs.chmodSync(file, 0o644);
    expect(() => openDatabase(file).close()).not.toThrow();
  });

  it('explains a file another program holds locked, instead of a bare SQLITE_BUSY', () => {
    const file = newRosterDb();
    const holder = new Database(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    holder.exec("INSERT INTO schema_migrations (version, name, sha256, applied_at) SELECT 999, 'x', 'x', 'x' WHERE 0");
    try {
      const error = refusal(() => openDatabase(file, { busyTimeoutMs: 20 }));
      expect(error.code).toBe('LOCKED');
      expect(error.message).toMatch(/is locked by another program .* Close that program, or wait for it to finish, and open the file again\. Nothing was changed\.$/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('the command line says why with exit status 1', async () => {
    const file = newRosterDb();
    fs.chmodSync(file, 0o444);
    const err: string[] = [];
    const status = await runCli(['seats', '--db', file], { out: () => {}, err: (text) => err.push(text), env: {} });
    expect(status).toBe(1);
    expect(err.join('\n')).toMatch(/is read-only, so Roster cannot save changes to it/);
  });
});
