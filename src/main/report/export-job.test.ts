import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '@shared/schemas/jobs';
import type { Host } from '../app/host';
import type { Core } from '../core';
import { createFileSaver } from '../exports/save-file';
import { value } from '../test-support/seats-helpers';
import { tempDir, testCore } from '../test-support/temp-db';
import { CSV_PAGE } from './csv-pages';
import { REPORT_CANCELLED } from './export-job';

const MEMBERS = CSV_PAGE + 500;

/** A demo enterprise of more members than one page of the CSV, on a real database built by the real migrations. */
async function demoCore(host?: Partial<Host>): Promise<Core> {
  const dir = tempDir();
  const databasePath = path.join(dir, 'roster.db');
  const core = testCore({ databasePath, host: { info: { version: 'test', mode: 'browser', databasePath, canChooseDatabase: false }, ...host } });
  value(await core.invoke('enterprise:createDemo', { members: MEMBERS, seed: 7 }));
  return core;
}

function progressOf(core: Core): JobProgress[] {
  const seen: JobProgress[] = [];
  core.on('progress', (progress) => seen.push(progress));
  return seen;
}

/** The desktop app's save: the "dialog" answers `target`. */
function savingTo(target: string): Partial<Host> {
  return { saveFile: createFileSaver({ ask: async () => target, startFolder: () => path.dirname(target) }) };
}

// Each test builds a demo enterprise first: allow for a loaded machine.
describe('saving the activity report as a job', { timeout: 30_000 }, () => {
  it('reports members written of all of them, page by page, and says how many it saved (browser mode)', async () => {
    const core = await demoCore();
    const seen = progressOf(core);
    const result = value(await core.invoke('report:export', { bom: false }));
    expect(result).toMatchObject({ kind: 'download', rows: MEMBERS });
    // The file is the one the command line writes, byte for byte.
    expect(result.kind === 'download' && result.content).toBe(value(core.services.reports.csv({ bom: false })).content);
    // Shown from its first progress, once the file is chosen (no bar behind a save dialog).
    expect(seen.map(({ done, total, state }) => [done, total, state])).toEqual([
      [0, MEMBERS, 'running'],
      [CSV_PAGE, MEMBERS, 'running'],
      [MEMBERS, MEMBERS, 'running'],
      [MEMBERS, MEMBERS, 'finished'],
    ]);
    expect(seen[0]).toMatchObject({ label: 'Saving the activity report', unit: 'members', cancellable: true });
  });

  it('writes the chosen file through a temporary one (desktop app)', async () => {
    const target = path.join(tempDir(), 'report.csv');
    const core = await demoCore(savingTo(target));
    const result = value(await core.invoke('report:export', { bom: true }));
    expect(result).toMatchObject({ kind: 'saved', path: target, rows: MEMBERS });
    expect(fs.readFileSync(target, 'utf8')).toBe(value(core.services.reports.csv({ bom: true })).content);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['report.csv']);
  });

  it('on Cancel part way, removes the temporary file and leaves the target as it was', async () => {
    const target = path.join(tempDir(), 'report.csv');
    fs.writeFileSync(target, 'the report of last week\r\n');
    const core = await demoCore(savingTo(target));
    const seen = progressOf(core);
    const cancels: Promise<unknown>[] = [];
    // Cancel once the first page is in the temporary file, as the Cancel button would.
    core.on('progress', (progress) => {
      if (progress.state === 'running' && progress.done === CSV_PAGE) cancels.push(core.invoke('jobs:cancel', { jobId: progress.jobId }));
    });
    const result = await core.invoke('report:export', { bom: true });
    expect(result).toEqual({ ok: false, error: { code: 'CANCELLED', message: REPORT_CANCELLED } });
    expect(await Promise.all(cancels)).toEqual([{ ok: true, value: { cancelling: true } }]);
    expect(fs.readFileSync(target, 'utf8')).toBe('the report of last week\r\n');
    expect(fs.readdirSync(path.dirname(target))).toEqual(['report.csv']);
    // It stopped after the page it was on, and said it finished.
    expect(seen.at(-1)).toMatchObject({ done: CSV_PAGE, state: 'finished' });
  });

  it('answers other calls between pages, from the moment the report started', async () => {
    const core = await demoCore();
    let during: unknown;
    core.on('progress', (progress) => {
      if (progress.done === CSV_PAGE && progress.state === 'running') {
        during = core.invoke('members:add', { email: 'late@acme.example' });
      }
    });
    const result = value(await core.invoke('report:export', { bom: false }));
    expect(await during).toMatchObject({ ok: true });
    // The member added meanwhile is not in this report: one read transaction, one moment.
    expect(result).toMatchObject({ rows: MEMBERS });
    expect(result.kind === 'download' && result.content.includes('late@acme.example')).toBe(false);
  });
});
