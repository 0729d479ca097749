import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { value } from '../test-support/seats-helpers';
import { tempDir, testCore } from '../test-support/temp-db';
import { knownChanges } from './test-support/known-changes';

/** A window's core on the live store after the known changes, its backups folder holding the two copies. */
async function windowOn(host: { chooseCompareFile?: () => Promise<string | undefined> } = {}) {
  const known = await knownChanges();
  const folder = tempDir();
  fs.copyFileSync(known.oldFile, path.join(folder, 'q1.roster'));
  fs.copyFileSync(known.newFile, path.join(folder, 'roster-2026-04-01T09-01-00.db'));
  fs.writeFileSync(path.join(folder, 'notes.txt'), 'not listed');
  known.core.close();
  const core = testCore({
    databasePath: known.liveFile,
    backupsDir: folder,
    now: () => new Date('2026-04-01T10:00:00.000Z'),
    host: { info: { version: 'test', mode: 'browser', databasePath: known.liveFile, canChooseDatabase: false }, ...host },
  });
  return { ...known, core, folder };
}

describe('diff:* channels (the Compare screen)', () => {
  it('lists the Roster files of the backups folder by name, newest first', async () => {
    const { core, folder } = await windowOn();
    fs.utimesSync(path.join(folder, 'q1.roster'), new Date('2026-03-01'), new Date('2026-03-01'));
    const files = value(await core.invoke('diff:files'));
    expect(files.canChooseFiles).toBe(false);
    expect(files.files.map((file) => [file.name, file.kind])).toEqual([
      ['roster-2026-04-01T09-01-00.db', 'backup'],
      ['q1.roster', 'copy'],
    ]);
  });

  it('compares two files of the folder, and a file with the live store as of now', async () => {
    const { core } = await windowOn();
    const diff = value(await core.invoke('diff:compare', { from: { kind: 'folder', name: 'q1.roster' }, to: { kind: 'folder', name: 'roster-2026-04-01T09-01-00.db' } }));
    expect(diff.from.label).toBe('q1.roster');
    expect(diff.sections.find((section) => section.id === 'members')).toMatchObject({ total: 3, counts: { joined: 2, left: 1 } });
    const live = value(await core.invoke('diff:compare', { from: { kind: 'folder', name: 'q1.roster' }, to: { kind: 'live' } }));
    expect(live.to).toMatchObject({ label: 'Live store', asOf: '2026-04-01T10:00:00.000Z' });
    expect(live.seats.new).toEqual(diff.seats.new);
  });

  it('names no file outside the folder, and says when one is gone', async () => {
    const { core, folder } = await windowOn();
    const outside = await core.invoke('diff:compare', { from: { kind: 'folder', name: '../roster.db' }, to: { kind: 'live' } });
    expect(outside).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    fs.rmSync(path.join(folder, 'q1.roster'));
    const gone = await core.invoke('diff:compare', { from: { kind: 'folder', name: 'q1.roster' }, to: { kind: 'live' } });
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'There is no file named q1.roster in the backups folder any more.' } });
    const unknown = await core.invoke('diff:compare', { from: { kind: 'chosen', id: '4b0f8f8e-2f3c-4b8a-9d7e-1a2b3c4d5e6f' }, to: { kind: 'live' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a file of the folder that cannot be compared, with the reason', async () => {
    const { core, folder } = await windowOn();
    fs.writeFileSync(path.join(folder, 'broken.db'), 'x'.repeat(500));
    const refused = await core.invoke('diff:compare', { from: { kind: 'folder', name: 'broken.db' }, to: { kind: 'live' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'DATABASE_UNUSABLE', message: 'OLD (broken.db) is not a Roster database (it is not a SQLite file at all).' } });
  });

  it('the desktop app compares a file chosen in its open dialog, by an id', async () => {
    const { core, oldFile } = await windowOn({ chooseCompareFile: () => Promise.resolve(oldFile) });
    const chosen = value(await core.invoke('diff:chooseFile'));
    expect(chosen).toMatchObject({ name: 'q1.roster' });
    const diff = value(await core.invoke('diff:compare', { from: { kind: 'chosen', id: chosen!.id }, to: { kind: 'live' } }));
    expect(diff.from.label).toBe('q1.roster');
  });

  it('browser mode has no open dialog: it says where to put the file', async () => {
    const { core } = await windowOn();
    const refused = await core.invoke('diff:chooseFile');
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
  });

  it('exports every change as CSV for the browser to download', async () => {
    const { core } = await windowOn();
    const exported = value(await core.invoke('diff:export', { from: { kind: 'folder', name: 'q1.roster' }, to: { kind: 'folder', name: 'roster-2026-04-01T09-01-00.db' } }));
    expect(exported).toMatchObject({ kind: 'download', fileName: 'roster-changes-2026-03-01-to-2026-04-01.csv', mimeType: 'text/csv' });
    const content = exported.kind === 'download' ? exported.content : '';
    const rows = content.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(rows[0]).toBe('section,kind,subject,detail,old,new');
    expect(rows).toContain('Members,joined,gus@acme.com,,,Added by hand');
    expect(rows).toHaveLength(1 + 5 + 23);
  });
});
