import { describe, expect, it } from 'vitest';
import type { Db } from '../db/open';
import { fixedClock, testCore } from '../test-support/temp-db';
import { demoCacheKib, inDemoBulk } from './bulk';

const schemaOf = (db: Db) => db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
const searchTriggers = (db: Db) => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'accounts_search%'").pluck().all() as string[];
const auditIndexes = (db: Db) => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_events' AND sql IS NOT NULL ORDER BY name").pluck().all() as string[];

describe("the demo's bulk write", () => {
  it('runs with the audit indexes down and a larger cache, and leaves the schema and the cache as they were', () => {
    const core = testCore();
    const { db } = core;
    const schema = schemaOf(db);
    const cache = db.pragma('cache_size', { simple: true });
    expect(auditIndexes(db).length).toBeGreaterThanOrEqual(5);

    expect(searchTriggers(db)).toHaveLength(3);

    const seen = db.transaction(() => inDemoBulk(db, 500_000, () => ({ indexes: auditIndexes(db), triggers: searchTriggers(db), cache: db.pragma('cache_size', { simple: true }) })))();
    expect(seen).toEqual({ indexes: [], triggers: [], cache: -demoCacheKib(500_000) });
    expect(schemaOf(db)).toEqual(schema);
    expect(db.pragma('cache_size', { simple: true })).toBe(cache);
    core.close();
  });

  it('leaves the indexes and the cache as they were when the write fails, once the transaction rolls back', () => {
    const core = testCore();
    const { db } = core;
    const schema = schemaOf(db);
    const cache = db.pragma('cache_size', { simple: true });
    expect(() =>
      db.transaction(() =>
        inDemoBulk(db, 1000, () => {
          throw new Error('refused midway');
        }),
      )(),
    ).toThrow('refused midway');
    expect(schemaOf(db)).toEqual(schema);
    expect(db.pragma('cache_size', { simple: true })).toBe(cache);
    core.close();
  });

  it('makes a demo whose schema is the one the migrations made', async () => {
    const core = testCore({ now: fixedClock('2026-06-01T12:00:00.000Z').now });
    const schema = schemaOf(core.db);
    const created = await core.invoke('enterprise:createDemo', { members: 300 });
    expect(created.ok).toBe(true);
    expect(schemaOf(core.db)).toEqual(schema);
    expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The search index, rebuilt at the end, holds every account (FTS5 throws if it and its content disagree)...
    expect(() => core.db.exec("INSERT INTO accounts_search (accounts_search) VALUES ('integrity-check')")).not.toThrow();
    const someone = core.db.prepare('SELECT id, email_key FROM accounts ORDER BY id DESC LIMIT 1').get() as { id: number; email_key: string };
    expect(core.db.prepare('SELECT rowid FROM accounts_search WHERE accounts_search MATCH ?').pluck().all(`email_key:"${someone.email_key}"`)).toEqual([someone.id]);
    // ...and its triggers are back: an account added afterwards is found.
    core.db.prepare("INSERT INTO accounts (email, email_key, name, name_fold, sort_key, created_at) VALUES ('zed@after.example', 'zed@after.example', 'Zed', 'zed', 'zed', '2026-06-01')").run();
    expect(core.db.prepare('SELECT count(*) FROM accounts_search WHERE accounts_search MATCH ?').pluck().get('"after.example"')).toBe(1);
    core.close();
  });

  it('caches about 1 KiB a member, never less than SQLite does by default nor more than 1 GiB', () => {
    expect(demoCacheKib(120)).toBe(2000);
    expect(demoCacheKib(100_000)).toBe(100_000);
    expect(demoCacheKib(5_000_000)).toBe(1024 * 1024);
  });
});
