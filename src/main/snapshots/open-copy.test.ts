import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { channelNames } from '@shared/ipc/channels';
import { changesStore } from '@shared/offline-copy';
import { bundledMigrations } from '../db/migrations';
import { fixtureFileName, loadDump } from '../db/test-support/fixtures/dump';
import { coreWithEnterprise, tempDir, testCore } from '../test-support/temp-db';
import { takeSnapshot } from './take';

const INFO = { of: 'acme-roster.example.com', takenAt: '2026-12-07T14:02:00.000Z', takenBy: 'ana@acme.example' };

async function aCopy(options: Parameters<typeof coreWithEnterprise>[0] = {}): Promise<string> {
  const core = await coreWithEnterprise(options);
  const org = await core.invoke('orgs:create', { name: 'Platform' } as never);
  if (!org.ok) throw new Error(org.error.message);
  const out = path.join(tempDir(), 'acme-2026-12-07.db');
  const taken = await takeSnapshot(core.db, out, INFO);
  if (!taken.ok) throw new Error(taken.error.message);
  core.close();
  return out;
}

/** The file's bytes and times, and what lies beside it: all that opening a copy must leave as it was. */
function stateOf(file: string) {
  const stat = fs.statSync(file);
  return { bytes: fs.readFileSync(file).toString('base64'), mtimeMs: stat.mtimeMs, beside: fs.readdirSync(path.dirname(file)).sort() };
}

describe('opening an offline copy', () => {
  it('reads like any store, says it is a copy, and writes nothing: the bytes, mtime and folder are as they were', async () => {
    const copy = await aCopy();
    const before = stateOf(copy);
    const core = testCore({ databasePath: copy, watchIntervalMs: 1000 });
    expect(core.copy).toEqual(INFO);
    const info = await core.invoke('app:info');
    expect(info.ok && info.value.copy).toEqual(INFO);
    const orgs = await core.invoke('orgs:list');
    expect(orgs.ok && orgs.value.map((org) => org.name)).toEqual(['Platform']);
    const seats = await core.invoke('seats:usage');
    expect(seats.ok ? 'ok' : seats.error.message).toBe('ok');
    const verified = await core.invoke('audit:verify');
    expect(verified.ok ? 'ok' : verified.error.message).toBe('ok');
    // The audit log came whole: its hash chain still verifies in the copy.
    expect(verified.ok && verified.value.whole && verified.value.checked > 0).toBe(true);
    expect((await core.invoke('audit:facets')).ok).toBe(true);
    core.close();
    expect(stateOf(copy)).toEqual(before);
  });

  it('refuses every command that changes the store, saying it is a copy and of what', async () => {
    const copy = await aCopy();
    const before = stateOf(copy);
    const core = testCore({ databasePath: copy });
    const writes = channelNames.filter(changesStore);
    expect(writes.length).toBeGreaterThan(40);
    for (const channel of writes) {
      const result = await core.invoke(channel as never, {} as never);
      expect(result.ok ? 'ok' : result.error.code, channel).toBe('READ_ONLY');
      if (!result.ok) expect(result.error.message).toContain('offline copy of acme-roster.example.com, taken 2026-12-07 14:02 UTC');
    }
    core.close();
    expect(stateOf(copy)).toEqual(before);
  });

  it('runs reports as of the moment the copy was taken', async () => {
    const copy = await aCopy();
    const core = testCore({ databasePath: copy });
    const page = await core.invoke('report:page', { selection: {}, sort: { by: 'email', desc: false }, offset: 0, limit: 10 } as never);
    expect(page.ok && page.value.asOf).toBe(INFO.takenAt);
  });

  it('opens a copy whose file is read-only', async () => {
    const copy = await aCopy();
    fs.chmodSync(copy, 0o444);
    const core = testCore({ databasePath: copy });
    expect(core.copy).toEqual(INFO);
    expect((await core.invoke('orgs:list')).ok).toBe(true);
  });

  it('refuses a copy from a newer Roster with the reason, and leaves it as it was', async () => {
    const copy = await aCopy();
    const edit = new Database(copy);
    edit.prepare("INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (999, 'future', 'x', '2027-01-01')").run();
    edit.close();
    const before = stateOf(copy);
    expect(() => testCore({ databasePath: copy })).toThrow(/written by a newer version of Roster \(schema version 999; this version knows up to \d+\)/);
    expect(stateOf(copy)).toEqual(before);
  });

  it('reads a copy from an older Roster brought up to date in memory, the file left as it was', async () => {
    // The store as the Roster before the latest migration left it (its fixture), copied by that schema's rules.
    const older = path.join(tempDir(), 'older.db');
    loadDump(older, fs.readFileSync(path.join(__dirname, '..', 'db', 'test-support', 'fixtures', fixtureFileName(bundledMigrations.length - 1)), 'utf8'));
    const olderDb = new Database(older);
    const names = olderDb.prepare('SELECT name FROM organizations ORDER BY name_key, id').pluck().all();
    const copy = path.join(tempDir(), 'acme-2026-12-07.db');
    const taken = await takeSnapshot(olderDb, copy, INFO);
    olderDb.close();
    if (!taken.ok) throw new Error(taken.error.message);
    expect(names.length).toBeGreaterThan(0);
    const before = stateOf(copy);
    const core = testCore({ databasePath: copy });
    expect(core.copy).toEqual(INFO);
    const orgs = await core.invoke('orgs:list');
    expect(orgs.ok && orgs.value.map((org) => org.name)).toEqual(names);
    core.close();
    expect(stateOf(copy)).toEqual(before);
  });
});
