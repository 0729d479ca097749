import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { writeFileAtomicOverlapped, writeFileAtomicSync } from './write-stream';

describe('writeFileAtomicSync', () => {
  it('writes the pieces in order, renames the file into place and answers with its path and what the producer returned', () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.csv');
    fs.writeFileSync(file, 'an older report, longer than the new one');
    const result = writeFileAtomicSync(file, (write) => {
      write('Email\r\n');
      write('');
      write('ana@acme.com\r\n');
      return 1;
    });
    expect(result).toEqual({ ok: true, value: { path: file, value: 1 } });
    expect(fs.readFileSync(file, 'utf8')).toBe('Email\r\nana@acme.com\r\n');
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
  });

  it('leaves an existing file as it was and no temporary file behind when the producer fails part way', () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.csv');
    fs.writeFileSync(file, 'old');
    expect(() =>
      writeFileAtomicSync(file, (write) => {
        write('half a rep');
        throw new Error('the store went away');
      }),
    ).toThrow('the store went away');
    // SQLite's errors carry a code as the file system's do: a damaged store is the caller's to explain, not "could not save".
    expect(() =>
      writeFileAtomicSync(file, (write) => {
        write('half a rep');
        throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
      }),
    ).toThrow('database disk image is malformed');
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
  });

  it('says why a file cannot be written, naming it', () => {
    const file = path.join(tempDir(), 'no-such-folder', 'report.csv');
    expect(writeFileAtomicSync(file, (write) => write('x'))).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: `Could not save ${file}: its folder does not exist. Choose a folder that exists.` } });
  });
});

describe('writeFileAtomicOverlapped', () => {
  it('writes every piece in order, however many are in flight, multi-byte text too, then renames the file into place', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.csv');
    fs.writeFileSync(file, 'an older report, longer than the new one'.repeat(1000));
    const pieces = Array.from({ length: 500 }, (_, i) => `${i},王芳 Zürich ${'x'.repeat(i * 37)}\r\n`);
    let waited = 0;
    const result = await writeFileAtomicOverlapped(file, async (write) => {
      for (const piece of pieces) {
        const wait = write(piece);
        write('');
        if (wait) {
          waited += 1;
          await wait;
        }
      }
      return pieces.length;
    });
    expect(result).toEqual({ ok: true, value: { path: file, value: 500 } });
    expect(fs.readFileSync(file, 'utf8')).toBe(pieces.join(''));
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
    expect(waited).toBeGreaterThan(0);
  });

  it('leaves an existing file as it was and no temporary file behind when the producer fails part way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.csv');
    fs.writeFileSync(file, 'old');
    await expect(
      writeFileAtomicOverlapped(file, async (write) => {
        for (let i = 0; i < 20; i += 1) write('half a report\r\n'.repeat(1000));
        throw new Error('the store went away');
      }),
    ).rejects.toThrow('the store went away');
    await expect(
      writeFileAtomicOverlapped(file, async (write) => {
        write('half a report\r\n');
        throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
      }),
    ).rejects.toThrow('database disk image is malformed');
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
  });

  it('says why a file cannot be written, naming it', async () => {
    const file = path.join(tempDir(), 'no-such-folder', 'report.csv');
    expect(await writeFileAtomicOverlapped(file, async (write) => write('x'))).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: `Could not save ${file}: its folder does not exist. Choose a folder that exists.` },
    });
  });
});
