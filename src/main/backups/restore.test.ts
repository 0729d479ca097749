import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bundledMigrations } from '../db/migrations';
import { openDatabase, ROSTER_APPLICATION_ID } from '../db/open';
import { coreWithEnterprise, tempDir } from '../test-support/temp-db';
import { copyDatabase } from './copy';
import { restoreDatabase } from './restore';

async function orgNames(core: Awaited<ReturnType<typeof coreWithEnterprise>>): Promise<string[]> {
  const listed = await core.invoke('orgs:list');
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value.map((org) => org.name).sort();
}

/** A live database holding "Before" and "After", and a backup made between the two. */
async function scene() {
  const core = await coreWithEnterprise();
  await core.invoke('orgs:create', { name: 'Before' });
  const backup = path.join(tempDir(), 'backup.db');
  expect((await copyDatabase(core.db, backup)).ok).toBe(true);
  await core.invoke('orgs:create', { name: 'After' });
  const backupsDir = path.join(tempDir(), 'backups');
  const deps = { db: core.db, databasePath: core.db.name, backupsDir, now: new Date('2026-03-01T09:00:00Z') };
  return { core, backup, backupsDir, deps };
}

/** Every file in the database's folder and the backups folder, with its bytes, to show that a refusal changed nothing. */
function snapshot(...folders: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of folders) {
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder)) {
      if (name.endsWith('-shm') || name.endsWith('-wal')) continue;
      files[path.join(folder, name)] = fs.readFileSync(path.join(folder, name)).toString('base64');
    }
  }
  return files;
}

describe('restoring a backup', () => {
  it('keeps a copy of the current database first, then holds the data of the backup', async () => {
    const { core, backup, backupsDir, deps } = await scene();
    const restored = await restoreDatabase(backup, deps);

    expect(restored).toEqual({ ok: true, value: { preRestoreCopy: path.join(backupsDir, 'pre-restore-2026-03-01T09-00-00.db'), admins: 'carried' } });
    expect(await orgNames(core)).toEqual(['Before']);
    const kept = new Database(restored.ok ? restored.value.preRestoreCopy : '', { readonly: true });
    expect(kept.prepare('SELECT name FROM organizations ORDER BY name').pluck().all()).toEqual(['After', 'Before']);
    kept.close();
    // The restored database is whole, and nothing temporary is left beside it.
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(fs.readdirSync(path.dirname(deps.databasePath)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('is seen at once by another connection to the file (a SCIM server in another process)', async () => {
    const { backup, deps } = await scene();
    const other = new Database(deps.databasePath);
    const count = other.prepare('SELECT count(*) FROM organizations').pluck();
    expect(count.get()).toBe(2);
    expect((await restoreDatabase(backup, deps)).ok).toBe(true);
    expect(count.get()).toBe(1);
    other.close();
  });

  it('brings a backup made by an earlier Roster up to this schema', async () => {
    const { core, deps } = await scene();
    const older = path.join(tempDir(), 'older.db');
    openDatabase(older, { migrations: bundledMigrations.slice(0, -1) }).close();
    fs.rmSync(`${older}-wal`, { force: true });
    expect((await restoreDatabase(older, deps)).ok).toBe(true);
    expect(core.db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(bundledMigrations.length);
    expect(await core.invoke('enterprise:get')).toEqual({ ok: true, value: null });
  });

  const refusals: [string, (file: string) => void, RegExp][] = [
    ['a file that is not a database', (file) => fs.writeFileSync(file, 'Email,Name\r\nana@acme.com,Ana\r\n'), /is not a database file, so it is not a Roster backup\. Nothing was changed\.$/],
    [
      'a SQLite database another program made',
      (file) => {
        const other = new Database(file);
        other.exec('CREATE TABLE notes (text TEXT)');
        other.close();
      },
      /is a SQLite database, but not one Roster made\. Nothing was changed\.$/,
    ],
    [
      'an empty database',
      (file) => new Database(file).close(),
      /is not a database file|is an empty database, not a Roster backup/,
    ],
    [
      'a Roster database without its record of migrations',
      (file) => {
        const other = new Database(file);
        other.pragma(`application_id = ${ROSTER_APPLICATION_ID}`);
        other.exec('CREATE TABLE enterprise (id INTEGER)');
        other.close();
      },
      /has no record of its migrations/,
    ],
  ];

  for (const [what, make, message] of refusals) {
    it(`refuses ${what}, naming the problem, and changes nothing`, async () => {
      const { core, deps, backupsDir } = await scene();
      const file = path.join(tempDir(), 'chosen.db');
      make(file);
      const before = snapshot(path.dirname(deps.databasePath), backupsDir, path.dirname(file));
      const refused = await restoreDatabase(file, deps);
      expect(refused).toMatchObject({ ok: false, error: { code: 'DATABASE_UNUSABLE' } });
      expect(refused.ok ? '' : refused.error.message).toMatch(message);
      expect(refused.ok ? '' : refused.error.message).toContain(file);
      expect(snapshot(path.dirname(deps.databasePath), backupsDir, path.dirname(file))).toEqual(before);
      expect(fs.readdirSync(path.dirname(file))).toEqual(['chosen.db']);
      expect(await orgNames(core)).toEqual(['After', 'Before']);
    });
  }

  it('refuses a damaged backup (integrity check) and changes nothing', async () => {
    const { core, backup, deps, backupsDir } = await scene();
    // Fill the backup with rows, then scribble over the pages that hold them.
    const fat = new Database(backup);
    fat.transaction(() => {
      for (let index = 0; index < 500; index += 1) fat.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(`k${index}`, JSON.stringify('v'.repeat(300)));
    })();
    fat.close();
    const bytes = fs.readFileSync(backup);
    const pageSize = bytes.readUInt16BE(16);
    const pages = bytes.length / pageSize;
    // The rows went in last, so the last pages hold them.
    for (let page = pages - 6; page < pages - 1; page += 1) bytes.fill(0x5a, page * pageSize, page * pageSize + 300);
    fs.writeFileSync(backup, bytes);

    const refused = await restoreDatabase(backup, deps);
    expect(refused).toMatchObject({ ok: false, error: { code: 'DATABASE_UNUSABLE', message: expect.stringMatching(/is damaged/) } });
    expect(fs.existsSync(backupsDir)).toBe(false);
    expect(await orgNames(core)).toEqual(['After', 'Before']);
  });

  it('refuses a backup written by a newer Roster and changes nothing', async () => {
    const { core, backup, deps, backupsDir } = await scene();
    const newer = new Database(backup);
    newer.prepare("INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, 'from_the_future', 'x', '2027-01-01')").run(bundledMigrations.length + 1);
    newer.close();
    const refused = await restoreDatabase(backup, deps);
    expect(refused).toMatchObject({ ok: false, error: { code: 'DATABASE_UNUSABLE', message: expect.stringContaining(`${backup} was written by a newer version of Roster`) } });
    expect(fs.existsSync(backupsDir)).toBe(false);
    expect(await orgNames(core)).toEqual(['After', 'Before']);
  });

  it('refuses a backup whose migrations were edited', async () => {
    const { backup, deps } = await scene();
    const edited = new Database(backup);
    edited.prepare("UPDATE schema_migrations SET sha256 = 'edited' WHERE version = 1").run();
    edited.close();
    expect(await restoreDatabase(backup, deps)).toMatchObject({ ok: false, error: { message: expect.stringContaining('different migration 0001_initial') } });
  });

  it('waits for a write under way in another process, then gives up, leaving the database as it was', async () => {
    const { core, backup, deps } = await scene();
    const writer = new Database(deps.databasePath);
    writer.exec('BEGIN IMMEDIATE');
    const refused = await restoreDatabase(backup, { ...deps, busyMs: 300 });
    writer.exec('ROLLBACK');
    writer.close();
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('another program kept the database locked') } });
    expect(refused.ok ? '' : refused.error.message).toContain('The database was left as it was (a copy of it is at');
    expect(await orgNames(core)).toEqual(['After', 'Before']);
  });

  it('restores nothing when the copy of the current database cannot be kept', async () => {
    const { core, backup, deps } = await scene();
    const blocked = path.join(tempDir(), 'a-file');
    fs.writeFileSync(blocked, 'not a folder');
    const refused = await restoreDatabase(backup, { ...deps, backupsDir: path.join(blocked, 'backups') });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('so nothing was restored') } });
    expect(await orgNames(core)).toEqual(['After', 'Before']);
  });
});
