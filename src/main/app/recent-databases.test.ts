import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLocalSettings, writeLocalSettings } from '../paths';
import { tempDir } from '../test-support/temp-db';
import { adoptDatabase, adoptRecentDatabase } from './database-choice';
import { listRecentDatabases, rememberRecentDatabase, RECENT_LIMIT, withRecent } from './recent-databases';

describe('recent databases', () => {
  it('puts the newest first, once, and keeps at most RECENT_LIMIT', () => {
    expect(withRecent(['/a.db', '/b.db'], '/b.db')).toEqual(['/b.db', '/a.db']);
    const many = Array.from({ length: RECENT_LIMIT }, (_, i) => `/${i}.db`);
    expect(withRecent(many, '/new.db')).toEqual(['/new.db', ...many.slice(0, RECENT_LIMIT - 1)]);
  });

  it('are kept in settings.json beside the chosen database, without losing it', () => {
    const dir = tempDir();
    writeLocalSettings(dir, { databasePath: '/data/acme.db' });
    rememberRecentDatabase(dir, '/data/acme.db');
    rememberRecentDatabase(dir, '/data/other.db');
    expect(readLocalSettings(dir)).toEqual({ databasePath: '/data/acme.db', recentDatabases: ['/data/other.db', '/data/acme.db'] });
  });

  it('say which file is open now and which is missing', () => {
    const dir = tempDir();
    rememberRecentDatabase(dir, '/gone.db');
    rememberRecentDatabase(dir, '/here.db');
    expect(listRecentDatabases(dir, '/here.db', (file) => file === '/here.db')).toEqual([
      { path: '/here.db', exists: true, current: true },
      { path: '/gone.db', exists: false, current: false },
    ]);
  });

  it('adopting a database puts it on the list', () => {
    const dir = tempDir();
    const file = path.join(dir, 'acme.db');
    expect(adoptDatabase(file, dir).ok).toBe(true);
    expect(readLocalSettings(dir).recentDatabases).toEqual([file]);
  });

  it('opening a missing recent file says so and removes it from the list', () => {
    const dir = tempDir();
    const file = path.join(dir, 'acme.db');
    adoptDatabase(file, dir);
    fs.rmSync(file);
    expect(adoptRecentDatabase(file, dir)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: `${file} is no longer there (moved, renamed or deleted), so Roster removed it from the recent databases.` },
    });
    expect(readLocalSettings(dir).recentDatabases).toEqual([]);
  });

  it('opens only files on the list: the page cannot name any other path', () => {
    const dir = tempDir();
    expect(adoptRecentDatabase('/etc/passwd', dir)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
