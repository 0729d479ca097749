import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Host } from '../app/host';
import { createAuditRepository } from '../audit/repository';
import { coreWithEnterprise, fixedClock, tempDir, testCore } from '../test-support/temp-db';
import { createBackupService } from './service';

const HOUR = 60 * 60 * 1000;

function names(folder: string): string[] {
  return fs.existsSync(folder) ? fs.readdirSync(folder).sort() : [];
}

function orgsIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT name FROM organizations ORDER BY name').pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('daily backups', () => {
  it('backs up when the store opens and none is a day old, then once a day, keeping the last N', async () => {
    const clock = fixedClock('2026-03-01T09:00:00.000Z');
    const databasePath = path.join(tempDir(), 'roster.db');
    const backupsDir = path.join(tempDir(), 'backups');
    const first = await coreWithEnterprise({ databasePath, now: clock.now });
    expect((await first.invoke('settings:update', { backupKeep: 2 })).ok).toBe(true);
    first.close();

    const core = testCore({ databasePath, now: clock.now, backupsDir });
    await core.backups.idle();
    expect(names(backupsDir)).toEqual(['roster-2026-03-01T09-00-00.db']);

    clock.advance(23 * HOUR);
    expect(await core.backups.runDue()).toBeNull();
    clock.advance(HOUR);
    expect(await core.backups.runDue()).toMatchObject({ id: 'roster-2026-03-02T09-00-00.db', kind: 'automatic' });
    clock.advance(25 * HOUR);
    await core.backups.runDue();
    expect(names(backupsDir)).toEqual(['roster-2026-03-02T09-00-00.db', 'roster-2026-03-03T10-00-00.db']);

    const listed = await core.invoke('backups:list');
    expect(listed).toMatchObject({ ok: true, value: { folder: backupsDir, keep: 2, canChooseFiles: false } });
    expect(listed.ok && listed.value.backups.map((backup) => backup.id)).toEqual(['roster-2026-03-03T10-00-00.db', 'roster-2026-03-02T09-00-00.db']);
  });

  it('makes none for a database without an enterprise, nor where the host keeps no backups folder', async () => {
    const backupsDir = path.join(tempDir(), 'backups');
    const empty = testCore({ backupsDir });
    await empty.backups.idle();
    expect(await empty.backups.runDue()).toBeNull();
    expect(names(backupsDir)).toEqual([]);

    const cli = await coreWithEnterprise();
    expect(await cli.backups.runDue()).toBeNull();
  });

  it('refuses a keep setting outside 1 to 365', async () => {
    const core = await coreWithEnterprise();
    expect(await core.invoke('settings:update', { backupKeep: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.invoke('settings:update', { backupKeep: 366 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await core.invoke('settings:get')).toMatchObject({ ok: true, value: { backupKeep: 7 } });
  });
});

describe('quitting during the daily backup', () => {
  it('stops the copy between steps, removes the partial copy, and makes no more', async () => {
    const core = await coreWithEnterprise();
    for (const name of ['Engineering', 'Sales', 'Support']) expect((await core.invoke('orgs:create', { name })).ok).toBe(true);
    const backupsDir = path.join(tempDir(), 'backups');
    const errors: unknown[] = [];
    let settling: Promise<void> | undefined;
    const steps: number[] = [];
    const service = createBackupService({
      db: core.db,
      databasePath: core.db.name,
      folder: backupsDir,
      now: () => new Date('2026-03-01T09:00:00.000Z'),
      keep: () => 7,
      hasEnterprise: () => true,
      importing: () => false,
      audit: createAuditRepository(core.db),
      // The app quits two steps into the copy.
      options: {
        pagesPerStep: 1,
        onProgress: (done) => {
          steps.push(done);
          if (done === 2) settling ??= service.settle();
        },
      },
      logError: (error) => errors.push(error),
    });
    expect(await service.runDue()).toBeNull();
    expect(settling).toBeDefined();
    await settling;
    expect(steps).toEqual([0, 1, 2]);
    expect(names(backupsDir)).toEqual([]);
    // A cancel on quit is not a failure worth logging; and nothing more is made.
    expect(errors).toEqual([]);
    expect(await service.runDue()).toBeNull();
    expect(names(backupsDir)).toEqual([]);
  });
});

describe('back up now and restore, in browser mode (no dialogs)', () => {
  it('makes the backup in the backups folder, lists it, and restores it by id after a change', async () => {
    const backupsDir = path.join(tempDir(), 'backups');
    const core = await coreWithEnterprise({ backupsDir });
    await core.backups.idle();
    await core.invoke('orgs:create', { name: 'Before' });

    const made = await core.invoke('backups:create');
    expect(made).toMatchObject({ ok: true, value: { kind: 'stored', backup: { kind: 'manual', id: expect.stringMatching(/^roster-backup-/) } } });
    const id = made.ok && made.value.kind === 'stored' ? made.value.backup.id : '';
    expect(core.backups.fileOf(id)).toBe(path.join(backupsDir, id));
    expect(core.backups.fileOf('../roster.db')).toBeNull();

    await core.invoke('orgs:create', { name: 'After' });
    const restored = await core.invoke('backups:restore', { id });
    expect(restored).toMatchObject({ ok: true, value: { restoredFrom: id, preRestoreCopy: expect.stringContaining(path.join(backupsDir, 'pre-restore-')) } });
    const orgs = await core.invoke('orgs:list');
    expect(orgs.ok && orgs.value.map((org) => org.name)).toEqual(['Before']);
    expect(orgsIn(restored.ok ? restored.value.preRestoreCopy : '')).toEqual(['After', 'Before']);

    // The restored database records the restore in its audit log.
    const audit = core.db.prepare("SELECT actor_name, target_label FROM audit_events WHERE action = 'backup.restore'").all();
    expect(audit).toEqual([{ actor_name: 'test admin', target_label: id }]);

    expect(await core.invoke('backups:restoreFile')).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(await core.invoke('backups:restore', { id: 'roster-2020-01-01T00-00-00.db' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.invoke('backups:restore', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses to restore while an import runs', async () => {
    const backupsDir = path.join(tempDir(), 'backups');
    const core = await coreWithEnterprise({ backupsDir });
    const made = await core.invoke('backups:create');
    const id = made.ok && made.value.kind === 'stored' ? made.value.backup.id : '';
    const { Readable } = await import('node:stream');
    // The import is under way once it asks its file for data, which never comes until the test says.
    let reading = () => {};
    const underWay = new Promise<void>((resolve) => (reading = resolve));
    const stream = new Readable({ read: () => reading() });
    const importing = core.importEvents({ fileName: 'slow.ndjson', totalBytes: null, open: () => stream });
    await underWay;
    expect(await core.invoke('backups:restore', { id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    stream.push(null);
    await importing;
  });
});

describe('back up now and restore, in the desktop app (native dialogs through the Host)', () => {
  function dialogs(answers: { save?: (string | undefined)[]; open?: (string | undefined)[] }) {
    const offered: { name: string; folder: string | null }[] = [];
    const host: Partial<Host> = {
      chooseBackupFile: async (name, folder) => {
        offered.push({ name, folder });
        return answers.save?.shift();
      },
      chooseRestoreFile: async () => answers.open?.shift(),
    };
    return { host, offered };
  }

  it('saves where the person chose, offering roster-backup-<date>.db in the last folder used, and nothing when they cancel', async () => {
    const clock = fixedClock('2026-03-01T09:00:00.000Z');
    const folder = tempDir();
    const other = tempDir();
    const { host, offered } = dialogs({ save: [path.join(folder, 'first.db'), undefined, path.join(other, 'third.db')] });
    const databasePath = path.join(tempDir(), 'roster.db');
    const core = await coreWithEnterprise({
      databasePath,
      now: clock.now,
      host: { info: { version: 'test', mode: 'electron', databasePath, canChooseDatabase: true }, ...host },
    });

    const saved = await core.invoke('backups:create');
    expect(saved).toMatchObject({ ok: true, value: { kind: 'saved', path: path.join(folder, 'first.db'), saveId: expect.any(String) } });
    expect(await core.invoke('backups:create')).toEqual({ ok: true, value: { kind: 'cancelled' } });
    await core.invoke('backups:create');
    expect(offered).toEqual([
      { name: 'roster-backup-2026-03-01.db', folder: null },
      { name: 'roster-backup-2026-03-01.db', folder },
      { name: 'roster-backup-2026-03-01.db', folder },
    ]);
    expect(names(folder)).toEqual(['first.db']);
    expect(names(other)).toEqual(['third.db']);
    expect(new Database(path.join(folder, 'first.db'), { readonly: true }).prepare('SELECT name FROM enterprise').pluck().get()).toBe('Northwind');
    expect(await core.invoke('backups:list')).toMatchObject({ ok: true, value: { canChooseFiles: true } });
  });

  it('restores from the file chosen in the open dialog, and does nothing when they cancel', async () => {
    const chosen = path.join(tempDir(), 'chosen.db');
    const { host } = dialogs({ save: [chosen], open: [undefined, chosen] });
    const databasePath = path.join(tempDir(), 'roster.db');
    const core = await coreWithEnterprise({
      databasePath,
      backupsDir: path.join(tempDir(), 'backups'),
      host: { info: { version: 'test', mode: 'electron', databasePath, canChooseDatabase: true }, ...host },
    });
    await core.backups.idle();
    await core.invoke('backups:create');
    await core.invoke('orgs:create', { name: 'Made after the backup' });

    expect(await core.invoke('backups:restoreFile')).toEqual({ ok: true, value: null });
    const restored = await core.invoke('backups:restoreFile');
    expect(restored).toMatchObject({ ok: true, value: { restoredFrom: chosen } });
    expect(await core.invoke('orgs:list')).toEqual({ ok: true, value: [] });
  });
});
