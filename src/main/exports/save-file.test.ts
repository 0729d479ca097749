import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { createFileSaver } from './save-file';

/** A stand-in for the native dialog: answers with the queued choices and records what it offered. */
function dialog(...answers: (string | undefined)[]) {
  const offered: string[] = [];
  return {
    offered,
    ask: async (defaultPath: string) => {
      offered.push(defaultPath);
      return answers.shift();
    },
  };
}

describe('saving an exported file from the desktop app', () => {
  it('offers the suggested name in the start folder, then writes the file where the person chose', async () => {
    const downloads = tempDir();
    const chosen = path.join(tempDir(), 'unmanaged.csv');
    const { ask, offered } = dialog(chosen);
    const save = createFileSaver({ ask, startFolder: () => downloads });
    expect(await save('roster-unmanaged-acme.com.csv', 'Email\r\n')).toEqual({ ok: true, value: chosen });
    expect(offered).toEqual([path.join(downloads, 'roster-unmanaged-acme.com.csv')]);
    expect(fs.readFileSync(chosen, 'utf8')).toBe('Email\r\n');
  });

  it('answers null and writes nothing when the person cancels', async () => {
    const downloads = tempDir();
    const save = createFileSaver({ ask: dialog(undefined).ask, startFolder: () => downloads });
    expect(await save('export.csv', 'x')).toEqual({ ok: true, value: null });
    expect(fs.readdirSync(downloads)).toEqual([]);
  });

  it('starts the next save in the folder the last one went to, but not in one where saving failed', async () => {
    const downloads = tempDir();
    const reports = tempDir();
    const missing = path.join(tempDir(), 'gone', 'b.csv');
    const { ask, offered } = dialog(path.join(reports, 'a.csv'), missing, undefined);
    const save = createFileSaver({ ask, startFolder: () => downloads });
    expect((await save('a.csv', 'a')).ok).toBe(true);
    expect(await save('b.csv', 'b')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: `Could not save ${missing}: its folder does not exist. Choose a folder that exists.` } });
    await save('c.csv', 'c');
    expect(offered).toEqual([path.join(downloads, 'a.csv'), path.join(reports, 'b.csv'), path.join(reports, 'c.csv')]);
  });

  it('never lets a suggested name lead out of the folder', async () => {
    const downloads = tempDir();
    const { ask, offered } = dialog(undefined);
    await createFileSaver({ ask, startFolder: () => downloads })('../../etc/export.csv', 'x');
    expect(offered).toEqual([path.join(downloads, 'export.csv')]);
  });
});
