import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { writeFileAtomicSync } from './write-stream';

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
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['report.csv']);
  });

  it('says why a file cannot be written, naming it', () => {
    const file = path.join(tempDir(), 'no-such-folder', 'report.csv');
    expect(writeFileAtomicSync(file, (write) => write('x'))).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: `Could not save ${file}: its folder does not exist. Choose a folder that exists.` } });
  });
});
