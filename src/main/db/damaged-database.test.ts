import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupsFolder } from '../backups/names';
import { openCore, type CoreOptions } from '../core';
import { damageHeader, damagePage, damagePageOf, fingerprint, pagesOf, sideFiles } from '../test-support/damage';
import { fixedClock, TEST_ACTOR, tempDir, testCore } from '../test-support/temp-db';
import { StoreError } from './store-error';

const DAILY = 'roster-2026-03-01T09-00-00.db';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A demo enterprise in the app's own file, its daily backup made, closed
 * cleanly; then one page of `table` in the middle of the file overwritten.
 */
async function damagedDatabase(damage: (file: string) => void = (file) => damagePageOf(file, 'audit_events')) {
  const dataDir = tempDir();
  const databasePath = path.join(dataDir, 'roster.db');
  const backupsDir = backupsFolder(dataDir, databasePath);
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const core = testCore({ databasePath, backupsDir, now: clock.now });
  // The check at start finds no enterprise yet; the backup below is the day's.
  await core.backups.idle();
  expect((await core.invoke('enterprise:createDemo', { members: 150 })).ok).toBe(true);
  expect(await core.backups.runDue()).toMatchObject({ id: DAILY });
  core.close();
  expect(sideFiles(databasePath)).toEqual([]);
  damage(databasePath);
  const options = { databasePath, backupsDir, now: clock.now };
  return { dataDir, databasePath, backupsDir, clock, options };
}

/** What every damaged-database message ends with: nothing changed, and the newest backup to restore. */
function advice(databasePath: string, backupsDir: string): string {
  const backup = path.join(backupsDir, DAILY);
  return `Nothing was changed. Restore the newest backup, ${DAILY} (made 2026-03-01 09:00 UTC, in ${backupsDir}): in Settings, Backups, or with: roster restore --from "${backup}" --db "${databasePath}"`;
}

function openRefusal(options: Partial<CoreOptions>): StoreError {
  try {
    testCore(options);
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('the damaged database was opened');
}

describe('a damaged database', () => {
  it('is refused on opening, with what was found and the newest backup to restore, and nothing is written', async () => {
    const { databasePath, backupsDir, options } = await damagedDatabase();
    const before = fingerprint(databasePath);
    const refused = openRefusal(options);
    expect(refused.code).toBe('DAMAGED');
    expect(refused.message).toMatch(new RegExp(`^${escape(databasePath)} is damaged: SQLite's quick check on opening it found .+\\. ${escape(advice(databasePath, backupsDir))}$`, 's'));
    expect(fingerprint(databasePath)).toEqual(before);
    expect(sideFiles(databasePath)).toEqual([]);
  });

  it('with a damaged header is refused before SQLite opens it: no -wal or -shm appears beside it', async () => {
    const { databasePath, backupsDir, options } = await damagedDatabase();
    for (const [from, to, found] of [
      [16, 24, 'its header is damaged (the page size reads 23130)'],
      [0, 16, 'its header is damaged (it no longer begins as a SQLite database does)'],
      [28, 32, 'it is shorter than its header says'],
    ] as const) {
      fs.copyFileSync(path.join(backupsDir, DAILY), databasePath);
      damageHeader(databasePath, from, to);
      const before = fingerprint(databasePath);
      const refused = openRefusal(options);
      expect(refused.code, `bytes ${from} to ${to}`).toBe('DAMAGED');
      expect(refused.message).toContain(`${databasePath} is damaged: ${found}`);
      expect(refused.message).toContain(advice(databasePath, backupsDir));
      expect(fingerprint(databasePath)).toEqual(before);
      expect(sideFiles(databasePath)).toEqual([]);
    }
  });

  it('too large to check on every open: a call that meets the damage answers DAMAGED with the same advice, and writes nothing', async () => {
    // Every page of the accounts table but its root: a call that reads an account, or adds one, meets the damage.
    const { databasePath, backupsDir, options } = await damagedDatabase((file) => pagesOf(file, 'accounts').slice(1).forEach((page) => damagePage(file, page)));
    const core = testCore({ ...options, quickCheckUpToBytes: 0 });
    const listed = await core.invoke('members:list', {});
    expect(listed).toMatchObject({ ok: false, error: { code: 'DAMAGED' } });
    expect(listed.ok ? '' : listed.error.message).toMatch(new RegExp(`^${escape(databasePath)} is damaged: SQLite reports: database disk image is malformed\\. ${escape(advice(databasePath, backupsDir))}$`));

    const before = fingerprint(databasePath);
    expect(await core.invoke('members:add', { email: 'new.person@acme.example' })).toMatchObject({ ok: false, error: { code: 'DAMAGED' } });
    expect(fingerprint(databasePath).db).toBe(before.db);
    expect(fingerprint(databasePath)['-wal']).toBe(before['-wal']);
  });

  it('is checked on opening after Roster was not closed cleanly, however large', async () => {
    const { options } = await damagedDatabase();
    // The day's backup, left as a killed process leaves a file (a -wal holding a commit), then damaged.
    const whole = path.join(tempDir(), 'whole.db');
    fs.copyFileSync(path.join(options.backupsDir, DAILY), whole);
    const page = pagesOf(whole, 'audit_events')[1]!;
    const writer = new Database(whole);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.prepare("UPDATE enterprise SET name = 'Acme Renamed'").run();
    const crashed = path.join(tempDir(), 'crashed.db');
    fs.copyFileSync(whole, crashed);
    fs.copyFileSync(`${whole}-wal`, `${crashed}-wal`);
    writer.close();
    expect(fs.statSync(`${crashed}-wal`).size).toBeGreaterThan(0);
    damagePage(crashed, page);
    const cleanCopy = path.join(tempDir(), 'closed.db');
    fs.copyFileSync(crashed, cleanCopy);

    const refused = openRefusal({ ...options, databasePath: crashed, quickCheckUpToBytes: 0 });
    expect(refused.code).toBe('DAMAGED');
    expect(refused.message).toMatch(new RegExp(`^${escape(crashed)} is damaged: Roster was not closed cleanly last time, and SQLite's quick check found`));
    // The rule, not a gap: closed cleanly, a file above the size checked on every open is not checked until a backup or on demand.
    expect(() => openCore({ ...options, databasePath: cleanCopy, quickCheckUpToBytes: 0, actor: TEST_ACTOR, host: { info: { version: 'test', mode: 'cli', databasePath: cleanCopy, canChooseDatabase: false } } }).close()).not.toThrow();
  });

  it('is not checked on opening while another process has it open: its -wal is that process\'s, not a crash\'s', async () => {
    const { options } = await damagedDatabase();
    const damagedCopy = path.join(tempDir(), 'in-use.db');
    fs.copyFileSync(options.databasePath, damagedCopy);
    const other = new Database(damagedCopy);
    other.pragma('wal_autocheckpoint = 0');
    other.prepare("UPDATE enterprise SET name = 'Acme Renamed'").run();
    expect(sideFiles(damagedCopy)).toContain('-wal');
    try {
      const core = testCore({ ...options, databasePath: damagedCopy, quickCheckUpToBytes: 0 });
      expect(await core.invoke('enterprise:get')).toMatchObject({ ok: true, value: { name: 'Acme Renamed' } });
    } finally {
      other.close();
    }
  });

  it('is not backed up: "Back up now" and the daily backup refuse it, and the backups kept stay as they were', async () => {
    const { databasePath, backupsDir, clock, options } = await damagedDatabase();
    const core = testCore({ ...options, quickCheckUpToBytes: 0 });
    await core.backups.idle();
    const kept = fs.readdirSync(backupsDir).sort();
    const made = await core.invoke('backups:create');
    expect(made).toMatchObject({ ok: false, error: { code: 'DAMAGED' } });
    expect(made.ok ? '' : made.error.message).toMatch(new RegExp(`^${escape(databasePath)} is damaged: SQLite's quick check of a backup of it found .+ \\(the backup was not kept\\)\\. ${escape(advice(databasePath, backupsDir))}$`, 's'));
    clock.advance(25 * 60 * 60 * 1000);
    expect(await core.backups.runDue()).toBeNull();
    expect(fs.readdirSync(backupsDir).sort()).toEqual(kept);
  });

  it('is found by "Check the database" (db:check), quick and full, with the advice; a sound one is said to be sound', async () => {
    const sound = testCore();
    for (const full of [false, true]) {
      const checked = await sound.invoke('db:check', { full });
      expect(checked).toMatchObject({ ok: true, value: { sound: true, depth: full ? 'full' : 'quick', problems: [] } });
      expect(checked.ok && checked.value.message).toMatch(/^The database is sound: SQLite's .* found nothing wrong\.$/);
    }

    const { databasePath, backupsDir, options } = await damagedDatabase();
    const core = testCore({ ...options, quickCheckUpToBytes: 0 });
    for (const full of [false, true]) {
      const checked = await core.invoke('db:check', { full });
      expect(checked).toMatchObject({ ok: true, value: { sound: false, depth: full ? 'full' : 'quick' } });
      if (!checked.ok) continue;
      expect(checked.value.problems.length).toBeGreaterThan(0);
      expect(checked.value.message).toMatch(new RegExp(`^${escape(databasePath)} is damaged: the ${full ? 'full' : 'quick'} check found`));
      expect(checked.value.message).toContain(advice(databasePath, backupsDir));
    }
  });

  it('is made whole by restoring the backup the message names, keeping the damaged one first', async () => {
    const { options } = await damagedDatabase();
    const core = testCore({ ...options, quickCheckUpToBytes: 0 });
    const restored = await core.invoke('backups:restore', { id: DAILY });
    expect(restored).toMatchObject({ ok: true, value: { preRestoreCopy: expect.stringContaining('pre-restore-') } });
    expect(await core.invoke('db:check', { full: true })).toMatchObject({ ok: true, value: { sound: true } });
  });
});
