import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ok } from '@shared/result';
import type { Host } from '../app/host';
import { coreWithEnterprise, tempDir, testCore } from '../test-support/temp-db';
import { readSnapshotInfo } from './info';
import Database from 'better-sqlite3';

const sha256Of = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const info = (databasePath: string) => ({ version: 'test', mode: 'browser' as const, databasePath, canChooseDatabase: false });

/** A desktop host whose save dialog "chooses" `chosen` (null: cancelled), as Electron's writes through the writer it is given. */
function desktopHost(databasePath: string, chosen: string | null): Host {
  return {
    info: info(databasePath),
    saveFile: async (_name, content) => {
      if (chosen === null) return ok(null);
      if (typeof content === 'string') throw new Error('a copy is written by its writer');
      return content(chosen);
    },
  };
}

describe('snapshots:take (File → Take an Offline Copy…)', () => {
  it('in the desktop app: saves the copy where chosen, with its sha256, and the audit log records it', async () => {
    const databasePath = path.join(tempDir(), 'acme.db');
    const chosen = path.join(tempDir(), 'chosen.db');
    const core = await coreWithEnterprise({ databasePath, host: desktopHost(databasePath, chosen), actor: { type: 'app', name: 'pat' } });
    const taken = await core.invoke('snapshots:take');
    if (!taken.ok) throw new Error(taken.error.message);
    expect(taken.value).toMatchObject({ kind: 'saved', path: chosen, sha256: sha256Of(chosen), size: fs.statSync(chosen).size });
    const copy = new Database(chosen, { readonly: true });
    expect(readSnapshotInfo(copy)).toMatchObject({ of: 'acme.db', takenBy: 'pat' });
    copy.close();
    const event = core.services.audit.list().at(-1)!;
    expect(event).toMatchObject({ action: 'snapshot.take', actor: { name: 'pat' }, after: { sha256: sha256Of(chosen) } });
  });

  it('in the desktop app: a cancelled dialog writes nothing and records nothing', async () => {
    const databasePath = path.join(tempDir(), 'acme.db');
    const core = await coreWithEnterprise({ databasePath, host: desktopHost(databasePath, null) });
    const events = core.services.audit.list().length;
    expect(await core.invoke('snapshots:take')).toEqual({ ok: true, value: { kind: 'cancelled' } });
    expect(core.services.audit.list()).toHaveLength(events);
  });

  it('in browser mode: makes the copy beside the backups, for the page to download by its name (only the newest is kept)', async () => {
    const dir = tempDir();
    const databasePath = path.join(dir, 'acme.db');
    const core = await coreWithEnterprise({ databasePath, host: { info: info(databasePath) }, backupsDir: path.join(dir, 'backups') });
    const first = await core.invoke('snapshots:take');
    if (!first.ok || first.value.kind !== 'download') throw new Error(JSON.stringify(first));
    expect(first.value.id).toMatch(/^roster-copy-acme-\d{4}-\d\d-\d\d\.db$/);
    const file = core.backups.fileOf(first.value.id)!;
    expect(sha256Of(file)).toBe(first.value.sha256);
    // Not a backup: the backups list does not show it.
    const listed = await core.invoke('backups:list');
    expect(listed.ok && listed.value.backups.map((backup) => backup.id)).not.toContain(first.value.id);
    expect(core.backups.fileOf('../acme.db')).toBeNull();
  });

  it('on a copy: refused, since a copy is not copied again', async () => {
    const dir = tempDir();
    const databasePath = path.join(dir, 'acme.db');
    const chosen = path.join(dir, 'copy.db');
    const live = await coreWithEnterprise({ databasePath, host: desktopHost(databasePath, chosen) });
    expect((await live.invoke('snapshots:take')).ok).toBe(true);
    const onCopy = testCore({ databasePath: chosen, host: desktopHost(chosen, path.join(dir, 'again.db')) });
    const again = await onCopy.invoke('snapshots:take');
    expect(again.ok ? 'ok' : again.error.code).toBe('READ_ONLY');
    expect(fs.existsSync(path.join(dir, 'again.db'))).toBe(false);
  });
});
