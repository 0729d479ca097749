import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '@shared/schemas/activity';
import { value } from '../test-support/seats-helpers';
import { tempDir, testCore } from '../test-support/temp-db';

function eventFile(lines: number): string {
  const file = path.join(tempDir(), 'events.ndjson');
  const events = [JSON.stringify({ type: 'signup', email: 'ana@acme.example', at: '2026-01-01T00:00:00Z' })];
  for (let index = 1; index < lines; index += 1) events.push(JSON.stringify({ type: 'open', email: 'ana@acme.example', at: '2026-01-02T00:00:00Z' }));
  fs.writeFileSync(file, events.join('\n'));
  return file;
}

async function desktopCore(choose: () => Promise<string | undefined>) {
  const core = testCore({ host: { info: { version: 'test', mode: 'electron', databasePath: 'x', canChooseDatabase: true }, chooseImportFile: choose } });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats: 5 }));
  return core;
}

describe('activity:import in the desktop app', () => {
  it('imports the file main asked for, announcing progress and the change', async () => {
    const file = eventFile(4500);
    const core = await desktopCore(async () => file);
    const progress: ImportProgress[] = [];
    const changes: string[][] = [];
    core.on('importProgress', (at) => progress.push(at));
    core.on('changed', ({ areas }) => changes.push(areas));
    const summary = value(await core.invoke('activity:import'));
    expect(summary).toMatchObject({ fileName: 'events.ndjson', lines: 4500, events: { signup: 1, open: 4499 } });
    expect(progress.map((at) => at.lines)).toEqual([2000, 4000, 4500]);
    expect(progress.at(-1)).toMatchObject({ bytesRead: fs.statSync(file).size, totalBytes: fs.statSync(file).size });
    expect(changes.flat()).toContain('activity');
  });

  it('does nothing when the admin closes the dialog', async () => {
    const core = await desktopCore(async () => undefined);
    expect(await core.invoke('activity:import')).toEqual({ ok: true, value: null });
  });

  it('refuses a second import while one runs, and says so in browser mode where the page uploads', async () => {
    let release: (file: string) => void = () => undefined;
    let dialogShown = () => {};
    const dialogOpen = new Promise<void>((resolve) => (dialogShown = resolve));
    const core = await desktopCore(() => {
      dialogShown();
      return new Promise((resolve) => (release = resolve));
    });
    const first = core.invoke('activity:import');
    await dialogOpen;
    expect(await core.invoke('activity:import')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    release(eventFile(10));
    expect(value(await first)).toMatchObject({ lines: 10 });

    const browser = testCore();
    expect(await browser.invoke('activity:import')).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringMatching(/choose the file in the page/) } });
    expect(value(await browser.invoke('activity:cancelImport'))).toEqual({ cancelling: false });
  });

  it('on quit, stops an import after the batch it is on (what it imported stays) and refuses another', async () => {
    const file = eventFile(9000);
    const core = await desktopCore(async () => file);
    let settling: Promise<void> | undefined;
    core.on('importProgress', () => (settling ??= core.settleJobs()));
    const stopped = await core.invoke('activity:import');
    expect(settling).toBeDefined();
    await settling;
    expect(stopped).toMatchObject({ ok: true, value: { cancelled: true, lines: 2000 } });
    expect(await core.invoke('activity:import')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: 'events.ndjson was not imported: Roster is closing.' } });
  });
});
