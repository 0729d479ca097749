import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '@shared/result';
import { testCore } from '../test-support/temp-db';

const info = { version: '1.2.3', mode: 'electron' as const, databasePath: '/data/roster.db', canChooseDatabase: true };

describe('app:info', () => {
  it('tells the page how it runs and which file it has open', async () => {
    const core = testCore({ host: { info } });
    expect(await core.invoke('app:info')).toEqual({ ok: true, value: info });
  });
});

describe('app:chooseDatabase', () => {
  it('asks the host, which shows its native dialog, and reports the file chosen', async () => {
    const chooseDatabase = vi.fn(async () => ok<string | null>('/data/other.db'));
    const core = testCore({ host: { info, chooseDatabase } });
    expect(await core.invoke('app:chooseDatabase', { intent: 'open' })).toEqual({ ok: true, value: { databasePath: '/data/other.db' } });
    expect(chooseDatabase).toHaveBeenCalledWith('open');
  });

  it('answers null when the person cancels, and passes on a refusal', async () => {
    const cancelled = testCore({ host: { info, chooseDatabase: async () => ok(null) } });
    expect(await cancelled.invoke('app:chooseDatabase', { intent: 'create' })).toEqual({ ok: true, value: null });
    const refused = testCore({ host: { info, chooseDatabase: async () => fail('INVALID_INPUT', 'notes.txt is not a database file.') } });
    expect(await refused.invoke('app:chooseDatabase', { intent: 'open' })).toMatchObject({ ok: false, error: { message: 'notes.txt is not a database file.' } });
  });

  it('is refused in browser mode, which has no native dialogs and never takes a path from the page', async () => {
    const core = testCore({ host: { info: { ...info, mode: 'browser', canChooseDatabase: false } } });
    expect(await core.invoke('app:chooseDatabase', { intent: 'open' })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED', message: expect.stringMatching(/start it again with --db FILE/) },
    });
    expect(await core.dispatch('app:chooseDatabase', { intent: 'open', path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('app:logFile and app:showLogFile', () => {
  it('names the log file this process writes, or null where it keeps none', async () => {
    expect(await testCore({ host: { info, logFile: '/data/roster.log' } }).invoke('app:logFile')).toEqual({ ok: true, value: { path: '/data/roster.log' } });
    expect(await testCore({ host: { info } }).invoke('app:logFile')).toEqual({ ok: true, value: { path: null } });
  });

  it('shows the log in the file manager, or its folder while nothing is logged yet', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-log-'));
    const logFile = path.join(dir, 'roster.log');
    const showItemInFolder = vi.fn();
    const core = testCore({ host: { info, logFile, showItemInFolder } });
    expect(await core.invoke('app:showLogFile')).toEqual({ ok: true, value: { shown: true } });
    expect(showItemInFolder).toHaveBeenLastCalledWith(dir);
    fs.writeFileSync(logFile, '{}\n');
    await core.invoke('app:showLogFile');
    expect(showItemInFolder).toHaveBeenLastCalledWith(logFile);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is refused where there is no file manager (browser mode), naming the file instead', async () => {
    const core = testCore({ host: { info: { ...info, mode: 'browser', canChooseDatabase: false }, logFile: '/data/roster.log' } });
    expect(await core.invoke('app:showLogFile')).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED', message: expect.stringContaining('/data/roster.log') } });
  });
});
