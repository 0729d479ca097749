import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupsFolder } from '../backups/names';
import { damageHeader, damagePageOf, fingerprint, sideFiles } from '../test-support/damage';
import { tempDir } from '../test-support/temp-db';
import { runCli } from './run';

async function roster(env: NodeJS.ProcessEnv, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text), env });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

const BACKUP = 'roster-2026-03-01T09-00-00.db';

/** A demo database made with the command line, a backup of it in the app's backups folder, then one page in its middle overwritten. */
async function damaged(damage: (file: string) => void = (file) => damagePageOf(file, 'audit_events')) {
  const dataDir = tempDir();
  const env = { ROSTER_USER_DATA_DIR: dataDir };
  const db = path.join(dataDir, 'roster.db');
  expect((await roster(env, 'demo', '--members', '150', '--db', db)).status).toBe(0);
  const backup = path.join(backupsFolder(dataDir, db), BACKUP);
  fs.mkdirSync(path.dirname(backup), { recursive: true });
  expect((await roster(env, 'backup', '--out', backup, '--db', db)).status).toBe(0);
  damage(db);
  return { env, db, backup };
}

const advice = (db: string, backup: string) => `Restore the newest backup, ${BACKUP} (made 2026-03-01 09:00 UTC, in ${path.dirname(backup)}): in Settings, Backups, or with: roster restore --from "${backup}" --db "${db}"`;

describe('the command line on a damaged database', () => {
  it('refuses a write that would not have met the damage: exit 1, the message naming the backup, nothing written, no -wal or -shm left', async () => {
    const { env, db, backup } = await damaged();
    const before = fingerprint(db);
    const refused = await roster(env, 'orgs', 'add', '--name', 'Spreads the damage', '--db', db);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^roster: ${db} is damaged: SQLite's quick check on opening it found`));
    expect(refused.stderr).toContain(`Nothing was changed. ${advice(db, backup)}`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(fingerprint(db)).toEqual(before);
    expect(sideFiles(db)).toEqual([]);

    const json = await roster(env, 'backup', '--out', path.join(tempDir(), 'copy.db'), '--json', '--db', db);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'DAMAGED', message: expect.stringContaining(advice(db, backup)) } });
  });

  it('refuses a file whose header is damaged with the same message, and no -wal or -shm appears', async () => {
    const { env, db, backup } = await damaged((file) => damageHeader(file));
    const before = fingerprint(db);
    for (const command of [['seats'], ['members', 'add', '--email', 'new.person@acme.example'], ['audit']]) {
      const refused = await roster(env, ...command, '--db', db);
      expect(refused.status, command.join(' ')).toBe(1);
      expect(refused.stderr).toBe(`roster: ${db} is damaged: its header is damaged (the page size reads 23130). Nothing was changed. ${advice(db, backup)}`);
      expect(fingerprint(db)).toEqual(before);
      expect(sideFiles(db)).toEqual([]);
    }
  });

  it('restores the backup the message names, over a damaged page or a damaged header, keeping the damaged file', async () => {
    const damageHeaderOnly = (file: string) => damageHeader(file);
    for (const damage of [(file: string) => void damagePageOf(file, 'audit_events'), damageHeaderOnly]) {
      const { env, db, backup } = await damaged(damage);
      const damagedBytes = fs.readFileSync(db);
      const restored = await roster(env, 'restore', '--from', backup, '--db', db);
      expect(restored.status, restored.stderr).toBe(0);
      const kept = /kept at (.+)\.$/.exec(restored.stdout)?.[1];
      // The damaged database is kept as it was: copied by SQLite when it could open it, byte for byte when not.
      expect((await roster(env, 'check', '--db', kept!)).status).toBe(1);
      if (damage === damageHeaderOnly) expect(fs.readFileSync(kept!).equals(damagedBytes)).toBe(true);
      // Today's admins are read from the damaged file when SQLite still can; when not, the backup's have all ended, and it says so.
      if (damage === damageHeaderOnly) expect(restored.stderr).toContain('add an owner again with "roster admins add --email E --role owner"');
      else expect(restored.stderr).not.toContain('add an owner again');
      expect(await roster(env, 'check', '--full', '--db', db)).toMatchObject({ status: 0 });
      expect((await roster(env, 'audit', '--json', '--db', db)).stdout).toContain('backup.restore');
    }
  });
});

describe('roster check', () => {
  it('exits 0 on a sound database and changes nothing, quick or --full', async () => {
    const dataDir = tempDir();
    const env = { ROSTER_USER_DATA_DIR: dataDir };
    const db = path.join(dataDir, 'roster.db');
    await roster(env, 'init', '--name', 'Acme', '--seats', '10', '--db', db);
    const before = fingerprint(db);
    const quick = await roster(env, 'check', '--db', db);
    expect(quick).toMatchObject({ status: 0, stderr: '' });
    expect(quick.stdout).toMatch(new RegExp(`^${db} is sound: SQLite's quick check and Roster's checks found nothing wrong \\(\\d+\\.\\d s\\)\\.$`));
    const full = await roster(env, 'check', '--full', '--json', '--db', db);
    expect(full.status).toBe(0);
    expect(JSON.parse(full.stdout)).toMatchObject({ database: db, sound: true, depth: 'full', problems: [] });
    expect(fingerprint(db)).toEqual(before);
  });

  it('exits 1 on a damaged one, listing what it found, with the message naming the backup', async () => {
    const { env, db, backup } = await damaged();
    const before = fingerprint(db);
    const quick = await roster(env, 'check', '--db', db);
    expect(quick.status).toBe(1);
    expect(quick.stdout).toMatch(/^Problems found:\n {2}\S/);
    expect(quick.stderr).toMatch(new RegExp(`^roster: ${db} is damaged: the quick check found`));
    expect(quick.stderr).toContain(advice(db, backup));

    const full = await roster(env, 'check', '--full', '--json', '--db', db);
    expect(full.status).toBe(1);
    const report = JSON.parse(full.stdout) as { sound: boolean; depth: string; problems: string[] };
    expect(report).toMatchObject({ sound: false, depth: 'full' });
    expect(report.problems.length).toBeGreaterThan(0);
    expect(JSON.parse(full.stderr)).toMatchObject({ error: { code: 'DAMAGED' } });
    expect(fingerprint(db)).toEqual(before);

    damageHeader(db);
    expect(await roster(env, 'check', '--db', db)).toMatchObject({ status: 1, stdout: 'Problems found:\n  its header is damaged (the page size reads 23130)' });
  });

  it('exits 1 on a sound database Roster cannot use, with the reason opening it would give', async () => {
    const dataDir = tempDir();
    const other = path.join(dataDir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    const refused = await roster({ ROSTER_USER_DATA_DIR: dataDir }, 'check', '--json', '--db', other);
    expect(refused.status).toBe(1);
    expect(JSON.parse(refused.stderr)).toEqual({ error: { code: 'DATABASE_UNUSABLE', message: expect.stringContaining(`${other} is a SQLite database, but not one Roster made.`) } });
    expect(JSON.parse(refused.stdout)).toMatchObject({ sound: false, problems: [expect.stringContaining('not one Roster made')] });
  });
});
