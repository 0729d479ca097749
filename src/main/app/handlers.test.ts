import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '@shared/result';
import { testCore } from '../test/temp-db';

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
