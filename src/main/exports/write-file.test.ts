import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { saveFailure, writeFileAtomic, type WriteFs } from './write-file';

describe('writeFileAtomic', () => {
  it('writes the file and answers with its absolute path, leaving nothing else in the folder', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'roster-unmanaged.csv');
    expect(await writeFileAtomic(file, 'Email\r\nana@acme.com\r\n')).toEqual({ ok: true, value: file });
    expect(fs.readFileSync(file, 'utf8')).toBe('Email\r\nana@acme.com\r\n');
    expect(fs.readdirSync(dir)).toEqual(['roster-unmanaged.csv']);
  });

  it('replaces an existing file whole', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(file, 'old content that is longer than the new one');
    expect((await writeFileAtomic(file, 'new')).ok).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['export.csv']);
  });

  it('leaves the old file as it was and no temporary file behind when the last step fails', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(file, 'old');
    const failingRename: WriteFs = {
      ...fsp,
      rename: async () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    };
    const result = await writeFileAtomic(file, 'new', failingRename);
    expect(result).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: `Could not save ${file}: the disk is full. Free some space, or choose another disk.` } });
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['export.csv']);
  });

  it('removes the temporary file when writing it fails half way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'export.csv');
    fs.writeFileSync(file, 'old');
    const failingWrite: WriteFs = {
      ...fsp,
      open: (async (...args: Parameters<typeof fsp.open>) => {
        const handle = await fsp.open(...args);
        return Object.assign(handle, {
          sync: async () => {
            throw Object.assign(new Error('i/o error'), { code: 'EIO' });
          },
        });
      }) as typeof fsp.open,
    };
    const result = await writeFileAtomic(file, 'new', failingWrite);
    expect(result).toMatchObject({ ok: false, error: { message: `Could not save ${file}: i/o error. Try again, or choose another folder.` } });
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['export.csv']);
  });

  it('names the path and the reason when the folder does not exist or a folder has the name, and writes nothing', async () => {
    const dir = tempDir();
    const missing = path.join(dir, 'no-such-folder', 'export.csv');
    expect(await writeFileAtomic(missing, 'x')).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: `Could not save ${missing}: its folder does not exist. Choose a folder that exists.` } });
    const folder = path.join(dir, 'taken');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'inside.txt'), 'kept');
    expect(await writeFileAtomic(folder, 'x')).toMatchObject({ ok: false, error: { message: `Could not save ${folder}: a folder has that name. Choose another file name.` } });
    expect(fs.readdirSync(dir)).toEqual(['taken']);
    expect(fs.readFileSync(path.join(folder, 'inside.txt'), 'utf8')).toBe('kept');
  });
});

describe('saveFailure', () => {
  it('says what, why and what to do, by the code, SQLite\'s extended codes included', () => {
    expect(saveFailure('save /x/a.csv', { code: 'ENOSPC' })).toBe('Could not save /x/a.csv: the disk is full. Free some space, or choose another disk.');
    expect(saveFailure('back up to /x/a.db', { code: 'SQLITE_READONLY_DIRECTORY' }, 'the folder is read-only')).toBe(
      'Could not back up to /x/a.db: the folder is read-only. Choose a folder you can write to.',
    );
    expect(saveFailure('save /x/a.csv', Object.assign(new Error('odd'), { code: 'EWHATEVER' }))).toBe('Could not save /x/a.csv: odd. Try again, or choose another folder.');
  });
});
