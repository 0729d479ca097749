import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '@shared/time';
import { tempDir } from '../test-support/temp-db';
import { isBackupDue, listBackups, pruneBackups } from './folder';
import { backupFileName, backupsFolder, parseBackupName, suggestedBackupName } from './names';

const HOUR = 60 * 60 * 1000;

describe('backup names', () => {
  it('names each kind by its UTC time, to the second, and reads the name back', () => {
    const at = new Date('2026-03-01T09:05:07.250Z');
    expect(backupFileName('automatic', at)).toBe('roster-2026-03-01T09-05-07.db');
    expect(backupFileName('manual', at)).toBe('roster-backup-2026-03-01T09-05-07.db');
    expect(backupFileName('pre-restore', at, 2)).toBe('pre-restore-2026-03-01T09-05-07-2.db');
    expect(suggestedBackupName(at)).toBe('roster-backup-2026-03-01.db');
    expect(parseBackupName('roster-backup-2026-03-01T09-05-07.db')).toEqual({ kind: 'manual', createdAt: new Date('2026-03-01T09:05:07Z'), attempt: 1 });
    expect(parseBackupName('pre-restore-2026-03-01T09-05-07-2.db')).toMatchObject({ kind: 'pre-restore', attempt: 2 });
    for (const other of ['roster.db', 'roster-2026-03-01.db', '../roster-2026-03-01T09-05-07.db', 'roster-2026-13-45T99-00-00.db']) {
      expect(parseBackupName(other)).toBeNull();
    }
  });

  it('keeps the backups of the app\'s own database in <user-data>/backups, and of any other file in a folder of its own there', () => {
    const data = path.resolve('/home/ana/.config/Roster');
    expect(backupsFolder(data, path.join(data, 'roster.db'))).toBe(path.join(data, 'backups'));
    const other = backupsFolder(data, '/mnt/shared/Acme Corp.db');
    expect(path.dirname(other)).toBe(path.join(data, 'backups'));
    expect(path.basename(other)).toMatch(/^Acme_Corp-[0-9a-f]{8}$/);
    expect(backupsFolder(data, '/elsewhere/Acme Corp.db')).not.toBe(other);
  });
});

describe('the daily backup', () => {
  const now = new Date('2026-03-02T09:00:00Z');

  it('is due when there is none, or the newest is a day old or more', () => {
    expect(isBackupDue(null, now)).toBe(true);
    expect(isBackupDue(new Date(now.getTime() - DAY_MS + HOUR), now)).toBe(false);
    expect(isBackupDue(new Date(now.getTime() - DAY_MS), now)).toBe(true);
    expect(isBackupDue(new Date(now.getTime() - 3 * DAY_MS), now)).toBe(true);
  });

  it('is due when the newest claims to be over a day in the future (the clock was set back), not for a small difference', () => {
    expect(isBackupDue(new Date(now.getTime() + HOUR), now)).toBe(false);
    expect(isBackupDue(new Date(now.getTime() + 2 * DAY_MS), now)).toBe(true);
  });
});

describe('keeping the last N', () => {
  it('deletes the oldest backups of one kind beyond N, leaving the other kinds and other files alone', () => {
    const folder = tempDir();
    const day = (n: number) => new Date(Date.UTC(2026, 2, n, 3));
    for (let n = 1; n <= 5; n += 1) fs.writeFileSync(path.join(folder, backupFileName('automatic', day(n))), 'x'.repeat(n));
    fs.writeFileSync(path.join(folder, backupFileName('manual', day(1))), 'm');
    fs.writeFileSync(path.join(folder, backupFileName('pre-restore', day(2))), 'p');
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'mine');

    expect(pruneBackups(folder, 'automatic', 3)).toEqual([backupFileName('automatic', day(2)), backupFileName('automatic', day(1))]);

    expect(listBackups(folder)).toEqual([
      { id: 'roster-2026-03-05T03-00-00.db', kind: 'automatic', createdAt: '2026-03-05T03:00:00.000Z', size: 5 },
      { id: 'roster-2026-03-04T03-00-00.db', kind: 'automatic', createdAt: '2026-03-04T03:00:00.000Z', size: 4 },
      { id: 'roster-2026-03-03T03-00-00.db', kind: 'automatic', createdAt: '2026-03-03T03:00:00.000Z', size: 3 },
      { id: 'pre-restore-2026-03-02T03-00-00.db', kind: 'pre-restore', createdAt: '2026-03-02T03:00:00.000Z', size: 1 },
      { id: 'roster-backup-2026-03-01T03-00-00.db', kind: 'manual', createdAt: '2026-03-01T03:00:00.000Z', size: 1 },
    ]);
    expect(fs.existsSync(path.join(folder, 'notes.txt'))).toBe(true);
    expect(pruneBackups(folder, 'automatic', 3)).toEqual([]);
  });

  it('lists nothing for a folder that does not exist yet', () => {
    expect(listBackups(path.join(tempDir(), 'backups'))).toEqual([]);
  });
});
