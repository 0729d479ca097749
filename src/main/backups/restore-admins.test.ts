import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAdminRepository } from '../admins/repository';
import { createAdminService } from '../admins/service';
import type { Core } from '../core';
import { damageHeader, damagePageOf } from '../test-support/damage';
import { coreWithEnterprise, TEST_ACTOR, tempDir } from '../test-support/temp-db';
import { copyDatabase, onlineBackup } from './copy';
import { replaceDamagedDatabase } from './replace-damaged';
import { restoreDatabase } from './restore';

const adminsOf = (core: Core) => createAdminService({ db: core.db, admins: createAdminRepository(core.db), audit: core.services.audit, now: () => new Date() });

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/**
 * A store with an owner and two admins, each with an API token, and a backup
 * of it; then, after the backup, the owner's token revoked, an admin removed
 * (their token with them), a new admin added with a token, and an organization
 * made (which the restore takes away, to show that it restored).
 */
async function scene() {
  const dataDir = tempDir();
  const core = await coreWithEnterprise({ databasePath: path.join(dataDir, 'roster.db') });
  const admins = adminsOf(core);
  value(admins.add({ email: 'ana@example.com', role: 'owner' }, TEST_ACTOR));
  value(admins.add({ email: 'bo@example.com', role: 'admin' }, TEST_ACTOR));
  value(admins.add({ email: 'di@example.com', role: 'auditor' }, TEST_ACTOR));
  const secrets = {
    ana: value(admins.createToken({ email: 'ana@example.com', name: 'laptop' }, TEST_ACTOR)).secret,
    bo: value(admins.createToken({ email: 'bo@example.com', name: 'ci' }, TEST_ACTOR)).secret,
    di: value(admins.createToken({ email: 'di@example.com', name: 'reports' }, TEST_ACTOR)).secret,
  };
  const backup = path.join(tempDir(), 'backup.db');
  expect((await copyDatabase(core.db, backup)).ok).toBe(true);

  value(admins.revokeToken('ana@example.com', 'laptop', TEST_ACTOR));
  value(admins.remove('bo@example.com', TEST_ACTOR));
  value(admins.add({ email: 'cy@example.com', role: 'admin' }, TEST_ACTOR));
  const cy = value(admins.createToken({ email: 'cy@example.com', name: 'deploy' }, TEST_ACTOR)).secret;
  value(await core.invoke('orgs:create', { name: 'After the backup' }));
  const deps = { db: core.db, databasePath: core.db.name, backupsDir: path.join(dataDir, 'backups'), now: new Date('2026-03-01T09:00:00Z') };
  return { core, admins, secrets: { ...secrets, cy }, backup, deps };
}

const orgCount = (core: Core) => core.db.prepare('SELECT count(*) FROM organizations').pluck().get();
const reasonOf = (found: ReturnType<ReturnType<typeof adminsOf>['authenticate']>) => (found.ok ? 'ok' : found.reason);

describe('a restore keeps today’s admins and API tokens', () => {
  it('never brings back a revoked token or a removed admin, and keeps an admin added after the backup', async () => {
    const { core, admins, secrets, backup, deps } = await scene();
    expect(await restoreDatabase(backup, deps)).toMatchObject({ ok: true, value: { admins: 'carried' } });

    expect(orgCount(core), 'the backup was restored').toBe(0);
    expect(admins.list().map((admin) => `${admin.email} ${admin.role}`)).toEqual(['ana@example.com owner', 'cy@example.com admin', 'di@example.com auditor']);
    expect(reasonOf(admins.authenticate(secrets.ana))).toBe('revoked');
    expect(reasonOf(admins.authenticate(secrets.bo))).toBe('admin removed');
    expect(reasonOf(admins.authenticate(secrets.cy))).toBe('ok');
    expect(reasonOf(admins.authenticate(secrets.di))).toBe('ok');
    expect(admins.listTokens().map((token) => `${token.name} ${token.status}`)).toEqual(['deploy valid', 'reports valid', 'laptop revoked', 'ci revoked']);
    // Ids go on from today's, not the backup's: a token made now is not confused with one the backup had.
    const next = value(admins.createToken({ email: 'cy@example.com', name: 'next' }, TEST_ACTOR));
    expect(next.token.id).toBe(5);
    expect(core.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('keeps a revocation another process made just before the restore', async () => {
    const { core, admins, secrets, backup, deps } = await scene();
    const other = new Database(core.db.name);
    other.prepare("UPDATE api_tokens SET revoked_at = '2026-03-01T08:59:00.000Z' WHERE name = 'reports'").run();
    other.close();
    expect((await restoreDatabase(backup, deps)).ok).toBe(true);
    expect(reasonOf(admins.authenticate(secrets.di))).toBe('revoked');
  });

  it('records in the audit log of the restored store that today’s admins were kept', async () => {
    const { core, backup } = await scene();
    const backupsDir = path.join(path.dirname(core.db.name), 'backups');
    const restoring = (await import('./service')).createBackupService({
      db: core.db,
      databasePath: core.db.name,
      folder: backupsDir,
      now: () => new Date('2026-03-01T09:00:00Z'),
      keep: () => 5,
      hasEnterprise: () => true,
      importing: () => false,
      audit: core.services.audit,
    });
    expect((await restoring.restoreFile(backup, TEST_ACTOR)).ok).toBe(true);
    const after = core.db.prepare("SELECT after FROM audit_events WHERE action = 'backup.restore'").pluck().get() as string;
    expect(JSON.parse(after)).toMatchObject({ admins: 'carried' });
  });

  it('ends every admin and token of the backup when today’s cannot be read (the damage a restore mends)', async () => {
    const { core, backup, deps } = await scene();
    core.close();
    damagePageOf(deps.databasePath, 'admins');
    const restored = replaceDamagedDatabase(backup, deps);
    expect(restored).toMatchObject({ ok: true, value: { admins: 'ended' } });
    const file = new Database(deps.databasePath, { readonly: true });
    try {
      expect(file.prepare('SELECT count(*) FROM admins WHERE removed_at IS NULL').pluck().get()).toBe(0);
      expect(file.prepare('SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL').pluck().get()).toBe(0);
      // The rows stay, ended at the restore's time, for the audit log to keep naming them.
      expect(file.prepare('SELECT DISTINCT removed_at FROM admins').pluck().all()).toEqual(['2026-03-01T09:00:00.000Z']);
      expect(file.prepare('SELECT count(*) FROM admins').pluck().get()).toBe(3);
    } finally {
      file.close();
    }
  });

  it('carries today’s over a damaged file too where SQLite still reads them, and ends them where the header is gone', async () => {
    const first = await scene();
    first.core.close();
    damagePageOf(first.deps.databasePath, 'audit_events');
    expect(replaceDamagedDatabase(first.backup, first.deps)).toMatchObject({ ok: true, value: { admins: 'carried' } });
    const file = new Database(first.deps.databasePath, { readonly: true });
    try {
      expect(file.prepare('SELECT email FROM admins WHERE removed_at IS NULL ORDER BY email').pluck().all()).toEqual(['ana@example.com', 'cy@example.com', 'di@example.com']);
      expect(file.prepare("SELECT revoked_at IS NOT NULL FROM api_tokens WHERE name = 'laptop'").pluck().get()).toBe(1);
    } finally {
      file.close();
    }

    const second = await scene();
    second.core.close();
    damageHeader(second.deps.databasePath);
    expect(replaceDamagedDatabase(second.backup, second.deps)).toMatchObject({ ok: true, value: { admins: 'ended' } });
  });
});

describe('the copy a restore writes', () => {
  it('holds the live file’s write lock while today’s admins are read: another connection reads the old data and cannot write', async () => {
    const core = await coreWithEnterprise();
    const source = path.join(tempDir(), 'source.db');
    expect((await copyDatabase(core.db, source)).ok).toBe(true);
    value(await core.invoke('orgs:create', { name: 'Live' }));
    const other = new Database(core.db.name, { timeout: 0 });
    const seen: { orgs: unknown; write: string }[] = [];
    const copy = new Database(source);
    try {
      await onlineBackup(copy, core.db.name, {
        whileLocked: () => {
          let write = 'written';
          try {
            other.prepare("INSERT INTO organizations (name, name_key, created_at, updated_at) VALUES ('Other', 'other', '2026-03-01', '2026-03-01')").run();
          } catch (error) {
            write = (error as { code: string }).code;
          }
          seen.push({ orgs: other.prepare('SELECT count(*) FROM organizations').pluck().get(), write });
        },
      });
    } finally {
      copy.close();
    }
    expect(seen).toEqual([{ orgs: 1, write: 'SQLITE_BUSY' }]);
    expect(orgCount(core)).toBe(0);
    other.close();
  });
});
