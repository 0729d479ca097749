import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adoptDatabase } from './app/database-choice';
import { defaultDatabasePath, readLocalSettings, userDataDir, writeLocalSettings } from './paths';
import { tempDir } from './test-support/temp-db';

describe('userDataDir', () => {
  it("is Electron's userData folder for Roster on each platform", () => {
    expect(userDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Roster');
    expect(userDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ada')).toBe('/xdg/Roster');
    expect(userDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Roster');
    expect(userDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe(
      path.join('C:\\Users\\ada\\AppData\\Roaming', 'Roster'),
    );
  });

  it('can be moved with ROSTER_USER_DATA_DIR', () => {
    expect(userDataDir({ ROSTER_USER_DATA_DIR: '/tmp/roster-here' }, 'linux', '/home/ada')).toBe('/tmp/roster-here');
  });
});

describe('local settings', () => {
  it('default to roster.db in the folder, and remember a chosen database', () => {
    const dir = tempDir();
    expect(defaultDatabasePath(dir)).toBe(path.join(dir, 'roster.db'));
    writeLocalSettings(dir, { databasePath: '/data/acme.db' });
    expect(defaultDatabasePath(dir)).toBe('/data/acme.db');
  });

  it('fall back to defaults when the file was mangled by hand', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ "databasePath": ');
    expect(readLocalSettings(dir)).toEqual({});
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ "databasePath": 42 }');
    expect(readLocalSettings(dir)).toEqual({});
  });
});

describe('choosing another database', () => {
  it('adopts a new file: creates it as a Roster database, then remembers it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'elsewhere', 'acme.db');
    expect(adoptDatabase(file, dir)).toEqual({ ok: true, value: file });
    expect(defaultDatabasePath(dir)).toBe(file);
  });

  it('refuses a file that is not a Roster database and keeps the current choice', () => {
    const dir = tempDir();
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'not a database, just some text that is long enough to have a header\n'.repeat(20));
    const result = adoptDatabase(notes, dir);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not a database file/) } });
    expect(defaultDatabasePath(dir)).toBe(path.join(dir, 'roster.db'));
  });
});
