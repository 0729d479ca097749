import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { openCliCore } from './open-core';
import { runCli } from './run';

/** A database made by `roster init`, and a user-data folder of its own for the log. */
async function setUp() {
  const dir = tempDir();
  const db = path.join(dir, 'roster.db');
  const userData = path.join(dir, 'user-data');
  const err: string[] = [];
  const io = { out: () => undefined, err: (text: string) => void err.push(text), env: { ROSTER_USER_DATA_DIR: userData } };
  expect(await runCli(['init', '--name', 'Acme', '--seats', '5', '--db', db], io)).toBe(0);
  return { db, io, err, logFile: path.join(userData, 'roster.log') };
}

describe("the command line's log", () => {
  it('writes nothing while nothing goes wrong', async () => {
    const { db, io, logFile } = await setUp();
    expect(await runCli(['seats', '--db', db], io)).toBe(0);
    expect(fs.existsSync(logFile)).toBe(false);
  });

  it('keeps an unexpected failure with its stack in roster.log, and the message names that file', async () => {
    const { db, io, logFile } = await setUp();
    const core = openCliCore(io, db);
    vi.spyOn(core.services.seats, 'usage').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    const answer = await core.invoke('seats:usage');
    core.close();
    expect(answer).toEqual({ ok: false, error: { code: 'INTERNAL', message: `Roster hit an unexpected problem and changed nothing. Details are in its log, ${logFile}.` } });
    const line = JSON.parse(fs.readFileSync(logFile, 'utf8').trim());
    expect(line).toMatchObject({ level: 'error', source: 'cli', where: 'seats:usage', err: { message: 'disk on fire' } });
    expect(line.err.stack).toContain('open-core.test.ts');
  });

  it("tells the terminal of `roster scim serve` of a SCIM request's failure, without its token", async () => {
    const { db, io, err, logFile } = await setUp();
    const core = openCliCore(io, db);
    core.scim.context.logError?.(new Error('failed for roster_scim_c2VjcmV0'), 'scim');
    core.close();
    expect(err.at(-1)).toBe(`roster: SCIM: a request failed unexpectedly (Error: failed for roster_scim_[redacted]); nothing was changed. Details are in its log, ${logFile}.`);
    expect(fs.readFileSync(logFile, 'utf8')).not.toContain('c2VjcmV0');
  });
});
