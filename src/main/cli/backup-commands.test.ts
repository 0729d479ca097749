import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { runCli } from './run';

async function roster(env: NodeJS.ProcessEnv, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text), env });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function setUp() {
  const dataDir = tempDir();
  const env = { ROSTER_USER_DATA_DIR: dataDir };
  const db = path.join(dataDir, 'roster.db');
  expect((await roster(env, 'init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
  expect((await roster(env, 'orgs', 'add', '--name', 'Before', '--db', db)).status).toBe(0);
  return { dataDir, env, db };
}

const orgs = async (env: NodeJS.ProcessEnv, db: string) => JSON.parse((await roster(env, 'orgs', 'list', '--json', '--db', db)).stdout) as { name: string }[];

describe('roster backup', () => {
  it('writes a copy of the database to --out, whole', async () => {
    const { env, db } = await setUp();
    const out = path.join(tempDir(), 'acme.db');
    const backedUp = await roster(env, 'backup', '--out', out, '--db', db);
    expect(backedUp).toMatchObject({ status: 0, stderr: '' });
    expect(backedUp.stdout).toMatch(new RegExp(`^Backed up ${db} to ${out} \\(\\d+\\.\\d MB\\)\\.$`));
    expect((await orgs(env, out)).map((org) => org.name)).toEqual(['Before']);

    const json = await roster(env, 'backup', '--out', out, '--json', '--db', db);
    expect(JSON.parse(json.stdout)).toEqual({ path: out, size: fs.statSync(out).size });
  });

  it('needs --out, and says why when it cannot write there', async () => {
    const { env, db } = await setUp();
    expect(await roster(env, 'backup', '--db', db)).toMatchObject({ status: 2, stderr: expect.stringContaining('missing --out FILE') });
    const nowhere = path.join(tempDir(), 'missing', 'acme.db');
    expect(await roster(env, 'backup', '--out', nowhere, '--db', db)).toMatchObject({
      status: 1,
      stderr: `roster: Could not back up to ${nowhere}: its folder does not exist. Choose a folder that exists.`,
    });
  });
});

describe('roster restore', () => {
  it('replaces the database with the backup, keeping a copy of it first, and prints where the copy went', async () => {
    const { dataDir, env, db } = await setUp();
    const backup = path.join(tempDir(), 'acme.db');
    await roster(env, 'backup', '--out', backup, '--db', db);
    await roster(env, 'orgs', 'add', '--name', 'After', '--db', db);

    const restored = await roster(env, 'restore', '--from', backup, '--db', db);
    expect(restored.status).toBe(0);
    const copy = /kept at (.+pre-restore-[\dT-]+\.db)\.$/.exec(restored.stdout)?.[1];
    expect(restored.stdout.split('\n')[0]).toBe(`Restored ${db} from ${backup}.`);
    expect(path.dirname(copy!)).toBe(path.join(dataDir, 'backups'));
    expect((await orgs(env, db)).map((org) => org.name)).toEqual(['Before']);
    expect((await orgs(env, copy!)).map((org) => org.name).sort()).toEqual(['After', 'Before']);

    const json = JSON.parse((await roster(env, 'restore', '--from', backup, '--json', '--db', db)).stdout) as Record<string, string>;
    expect(json).toMatchObject({ database: db, restoredFrom: backup, preRestoreCopy: expect.stringContaining('pre-restore-') });
  });

  it('refuses a file that is not a Roster database, naming the problem, and changes nothing', async () => {
    const { dataDir, env, db } = await setUp();
    const text = path.join(tempDir(), 'notes.db');
    fs.writeFileSync(text, 'not a database');
    const refused = await roster(env, 'restore', '--from', text, '--db', db);
    expect(refused).toMatchObject({ status: 1, stderr: `roster: ${text} is not a database file, so it is not a Roster backup. Nothing was changed.` });
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
    expect((await orgs(env, db)).map((org) => org.name)).toEqual(['Before']);

    const json = await roster(env, 'restore', '--from', path.join(tempDir(), 'missing.db'), '--json', '--db', db);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'DATABASE_UNUSABLE', message: expect.stringContaining('cannot be read') } });
  });

  it('makes a database that does not exist yet from the backup, and leaves none behind when refused', async () => {
    const { env, db } = await setUp();
    const backup = path.join(tempDir(), 'acme.db');
    await roster(env, 'backup', '--out', backup, '--db', db);
    const fresh = path.join(tempDir(), 'new', 'roster.db');
    expect((await roster(env, 'restore', '--from', backup, '--db', fresh)).status).toBe(0);
    expect((await orgs(env, fresh)).map((org) => org.name)).toEqual(['Before']);

    const other = path.join(tempDir(), 'other', 'roster.db');
    expect((await roster(env, 'restore', '--from', path.join(tempDir(), 'missing.db'), '--db', other)).status).toBe(1);
    expect(fs.existsSync(path.dirname(other))).toBe(false);
  });
});
