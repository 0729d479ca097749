import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run';
import { cutShort, damagePageOf, fingerprint } from '../test-support/damage';
import { coreWithEnterprise, TEST_ACTOR, tempDir } from '../test-support/temp-db';
import { copyDatabase } from './copy';

/** Cut lengths tried: every one from 1 to 20 bytes would do; these cover both ends and the middle. */
const CUTS = [1, 2, 3, 5, 8, 13, 20];

async function orgNames(core: Awaited<ReturnType<typeof coreWithEnterprise>>): Promise<string[]> {
  const listed = await core.invoke('orgs:list');
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.value.map((org) => org.name).sort();
}

/**
 * A live database (with its backups folder) and a backup of it whose last
 * pages hold the text of a long audit event (overflow pages): cut short, such
 * a file loses text, not structure, which a read-only check did not notice.
 */
async function scene() {
  const dataDir = tempDir();
  const databasePath = path.join(dataDir, 'roster.db');
  const backupsDir = path.join(dataDir, 'backups');
  const core = await coreWithEnterprise({ databasePath, backupsDir });
  await core.invoke('orgs:create', { name: 'Before' });
  const domains = Array.from({ length: 300 }, (_, index) => `branch-${index}.example`);
  expect((await core.invoke('settings:update', { inviteControl: { mode: 'list', domains } })).ok).toBe(true);
  const backup = path.join(tempDir(), 'backup.db');
  expect((await copyDatabase(core.db, backup)).ok).toBe(true);
  await core.invoke('orgs:create', { name: 'After' });
  await core.backups.idle();

  const probe = new Database(backup, { readonly: true });
  const lastPage = probe.prepare('SELECT pagetype FROM dbstat WHERE pageno = (SELECT max(pageno) FROM dbstat)').pluck().get();
  probe.close();
  expect(lastPage).toBe('overflow');
  return { core, databasePath, backupsDir, backup, dataDir };
}

describe('restoring a damaged backup', () => {
  it('refuses a backup cut 1 to 20 bytes short, naming the problem, and leaves the database byte for byte as it was', async () => {
    const { core, databasePath, backupsDir, backup } = await scene();
    const before = fingerprint(databasePath);
    const keptBefore = fs.readdirSync(backupsDir).sort();
    for (const cut of CUTS) {
      const short = cutShort(backup, cut, path.join(tempDir(), `short-${cut}.db`));
      const refused = await core.backups.restoreFile(short, TEST_ACTOR);
      expect(refused, `cut ${cut} bytes short`).toMatchObject({ ok: false, error: { code: 'DATABASE_UNUSABLE' } });
      expect(refused.ok ? '' : refused.error.message).toMatch(new RegExp(`^${short} is damaged: it is .*cut short.* Nothing was changed\\.$`));
      expect(fingerprint(databasePath), `cut ${cut} bytes short`).toEqual(before);
      // No copy of the current database was kept either: nothing was begun.
      expect(fs.readdirSync(backupsDir).sort()).toEqual(keptBefore);
      expect(fs.readdirSync(path.dirname(short)).sort()).toEqual([path.basename(short)]);
    }
    expect(await orgNames(core)).toEqual(['After', 'Before']);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a backup with a damaged page, and leaves the database as it was', async () => {
    const { core, databasePath, backup } = await scene();
    damagePageOf(backup, 'audit_events');
    const before = fingerprint(databasePath);
    const refused = await core.backups.restoreFile(backup, TEST_ACTOR);
    expect(refused).toMatchObject({ ok: false, error: { code: 'DATABASE_UNUSABLE', message: expect.stringMatching(new RegExp(`^${backup} is damaged: SQLite's integrity check found`)) } });
    expect(fingerprint(databasePath)).toEqual(before);
    expect(await orgNames(core)).toEqual(['After', 'Before']);
  });

  it('restores the same backup whole', async () => {
    const { core, backup } = await scene();
    expect(await core.backups.restoreFile(backup, TEST_ACTOR)).toMatchObject({ ok: true });
    expect(await orgNames(core)).toEqual(['Before']);
  });
});

describe('roster restore --from a damaged backup', () => {
  it('exits 1 with the reason for each cut, and the database file stays byte for byte the same', async () => {
    const { core, databasePath, dataDir, backup } = await scene();
    core.close();
    const env = { ROSTER_USER_DATA_DIR: dataDir };
    const before = fingerprint(databasePath);
    for (const cut of CUTS) {
      const short = cutShort(backup, cut, path.join(tempDir(), `short-${cut}.db`));
      const err: string[] = [];
      const status = await runCli(['restore', '--from', short, '--db', databasePath], { out: () => undefined, err: (text) => err.push(text), env });
      expect(status, `cut ${cut} bytes short`).toBe(1);
      expect(err.join('\n')).toMatch(new RegExp(`^roster: ${short} is damaged: it is .*cut short`));
      expect(fingerprint(databasePath), `cut ${cut} bytes short`).toEqual(before);
    }
    const whole = await runCli(['audit', '--json', '--db', databasePath], { out: () => undefined, err: () => undefined, env });
    expect(whole).toBe(0);
  });
});
