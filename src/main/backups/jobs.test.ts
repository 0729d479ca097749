import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '@shared/schemas/jobs';
import type { Core } from '../core';
import { value } from '../test-support/seats-helpers';
import { coreWithEnterprise, tempDir } from '../test-support/temp-db';
import { BACKUP_CANCELLED, copyDatabase } from './copy';

function progressOf(core: Core): JobProgress[] {
  const seen: JobProgress[] = [];
  core.on('progress', (progress) => seen.push(progress));
  return seen;
}

/** The database's bytes once every commit is back in the file: equal hashes, nothing changed. */
function hashOf(core: Core): string {
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  return createHash('sha256').update(fs.readFileSync(core.db.name)).digest('hex');
}

async function storeWithData(options: Parameters<typeof coreWithEnterprise>[0] = {}): Promise<Core> {
  const core = await coreWithEnterprise(options);
  for (const name of ['Engineering', 'Sales', 'Support']) value(await core.invoke('orgs:create', { name }));
  await core.backups.idle();
  return core;
}

/** The desktop app, whose save dialog picks a file in an empty folder; and the store and backups as they were before. */
async function desktopStore() {
  const folder = tempDir();
  const target = path.join(folder, 'roster-backup.db');
  const backupsDir = path.join(tempDir(), 'backups');
  const core = await storeWithData({ backupsDir, host: { info: { version: 'test', mode: 'electron', databasePath: '', canChooseDatabase: false }, chooseBackupFile: async () => target } });
  return { core, folder, backupsDir, before: { hash: hashOf(core), backups: fs.readdirSync(backupsDir) } };
}

describe('backing up as a job', () => {
  it('reports pages copied of all pages, and ends with the backup (browser mode)', async () => {
    const backupsDir = path.join(tempDir(), 'backups');
    const core = await storeWithData({ backupsDir });
    const seen = progressOf(core);
    const made = value(await core.invoke('backups:create'));
    expect(made).toMatchObject({ kind: 'stored' });
    // Shown once under way (no bar behind a save dialog), then with the pages to copy known.
    expect(seen[0]).toMatchObject({ label: 'Backing up the database', unit: 'pages', cancellable: true, state: 'running', done: 0, total: 0 });
    expect(seen[1]).toMatchObject({ state: 'running', done: 0 });
    expect((seen[1] as { total: number }).total).toBeGreaterThan(0);
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ state: 'finished' });
    expect(last.total).toBeGreaterThan(0);
    expect(last.done).toBe(last.total);
  });

  it('on Cancel, removes the partial copy and changes nothing else (desktop app)', async () => {
    const { core, folder, backupsDir, before } = await desktopStore();
    const cancels: Promise<unknown>[] = [];
    core.on('progress', (progress) => {
      // As soon as main knows how many pages there are: the copy has begun.
      if (progress.state === 'running' && progress.total > 0 && cancels.length === 0) cancels.push(core.invoke('jobs:cancel', { jobId: progress.jobId }));
    });
    const result = await core.invoke('backups:create');
    expect(result).toEqual({ ok: false, error: { code: 'CANCELLED', message: BACKUP_CANCELLED } });
    expect(await Promise.all(cancels)).toEqual([{ ok: true, value: { cancelling: true } }]);
    expect(fs.readdirSync(folder)).toEqual([]);
    expect({ hash: hashOf(core), backups: fs.readdirSync(backupsDir) }).toEqual(before);
  });

  it('stops part way through the copy, between steps, leaving no file', async () => {
    const core = await storeWithData();
    const target = path.join(tempDir(), 'copy.db');
    const controller = new AbortController();
    const steps: [number, number][] = [];
    const result = await copyDatabase(core.db, target, {
      pagesPerStep: 1,
      signal: controller.signal,
      onProgress: (done, total) => {
        steps.push([done, total]);
        if (done === 3) controller.abort();
      },
    });
    expect(result).toEqual({ ok: false, error: { code: 'CANCELLED', message: BACKUP_CANCELLED } });
    expect(steps.map(([done]) => done)).toEqual([0, 1, 2, 3]);
    expect(steps[0]![1]).toBeGreaterThan(3);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });
});

describe('quitting while a backup runs', () => {
  it('lists the job while it runs, then cancels it: the partial copy is removed and nothing else changes', async () => {
    const { core, folder, backupsDir, before } = await desktopStore();
    const listed: unknown[] = [];
    const settling: Promise<void>[] = [];
    core.on('progress', (progress) => {
      // The copy has begun: a page reloaded now sees it, and the app quits.
      if (progress.state === 'running' && progress.total > 0 && settling.length === 0) {
        listed.push(core.invoke('jobs:list'), { ok: true, value: core.runningJobs() });
        settling.push(core.settleJobs());
      }
    });
    const result = await core.invoke('backups:create');
    await Promise.all(settling);
    expect(result).toEqual({ ok: false, error: { code: 'CANCELLED', message: BACKUP_CANCELLED } });
    // Asked through IPC (the desktop app) and as browser mode's event stream greets a page.
    const running = { ok: true, value: [expect.objectContaining({ label: 'Backing up the database', unit: 'pages', state: 'running' })] };
    expect(await Promise.all(listed)).toEqual([running, running]);
    expect(fs.readdirSync(folder)).toEqual([]);
    expect({ hash: hashOf(core), backups: fs.readdirSync(backupsDir) }).toEqual(before);
    expect(await core.invoke('backups:create')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('Roster is closing') } });
  });
});

describe('restoring as a job', () => {
  it('cannot be cancelled: the request is refused, with why, and the restore finishes', async () => {
    const backupsDir = path.join(tempDir(), 'backups');
    const core = await storeWithData({ backupsDir });
    const stored = value(await core.invoke('backups:create'));
    if (stored.kind !== 'stored') throw new Error('expected a stored backup');
    value(await core.invoke('orgs:create', { name: 'Made after the backup' }));
    const refusals: Promise<unknown>[] = [];
    core.on('progress', (progress) => {
      if (progress.label === 'Restoring the database' && progress.state === 'running') refusals.push(core.invoke('jobs:cancel', { jobId: progress.jobId }));
    });
    const restored = await core.invoke('backups:restore', { id: stored.backup.id });
    expect(restored).toMatchObject({ ok: true });
    expect(await Promise.all(refusals)).toEqual([
      { ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('Restoring the database cannot be cancelled') } },
    ]);
    const orgs = value(await core.invoke('orgs:list')).map((org) => org.name);
    expect(orgs).not.toContain('Made after the backup');
  });
});
