import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { version } from '../../../package.json';
import { bundledMigrations, hashMigration } from '../db/migrations';
import { openDatabase } from '../db/open';
import { tempDir } from '../test-support/temp-db';
import { runCli } from './run';

/** Runs `roster ...args` in-process against a temporary database, capturing what it prints. */
async function roster(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text), env });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

function newDb(): string {
  return path.join(tempDir(), 'roster.db');
}

describe('roster init', () => {
  it('sets up the enterprise and says where', async () => {
    const db = newDb();
    const result = await roster(['init', '--name', 'Northwind', '--seats', '50', '--db', db]);
    expect(result).toEqual({ status: 0, stdout: `Created enterprise "Northwind" with 50 seats in ${db}.`, stderr: '' });
  });

  it('refuses a second enterprise with exit 1 and the reason on stderr', async () => {
    const db = newDb();
    await roster(['init', '--name', 'Northwind', '--seats', '50', '--db', db]);
    const again = await roster(['init', '--name', 'Contoso', '--seats', '5', '--db', db]);
    expect(again.status).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^roster: This database already holds the enterprise "Northwind"/);
  });

  it('leaves no file or folder behind when it is refused', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'new', 'nested', 'roster.db');
    expect(await roster(['init', '--name', '', '--seats', '5', '--db', file])).toMatchObject({ status: 1 });
    expect(fs.readdirSync(dir)).toEqual([]);
    const flat = path.join(dir, 'roster.db');
    expect(await roster(['demo', '--members', '0', '--db', flat])).toMatchObject({ status: 1 });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('records its changes in the audit log as the command line, by the OS user', async () => {
    const db = newDb();
    await roster(['init', '--name', 'Northwind', '--seats', '50', '--db', db]);
    await roster(['orgs', 'add', '--name', 'Engineering', '--db', db]);
    const handle = openDatabase(db);
    const actors = handle.prepare('SELECT DISTINCT actor_type AS type, actor_name AS name FROM audit_events').all();
    handle.close();
    expect(actors).toEqual([{ type: 'cli', name: os.userInfo().username }]);
  });

  it('treats a seat count that is not a number as bad usage (exit 2), and a rule-breaking one as refused (exit 1)', async () => {
    const db = newDb();
    const word = await roster(['init', '--name', 'N', '--seats', 'many', '--db', db]);
    expect(word.status).toBe(2);
    expect(word.stderr).toMatch(/--seats must be a whole number, not "many"/);
    const huge = await roster(['init', '--name', 'N', '--seats', '99999999999999999999', '--db', db]);
    expect(huge).toMatchObject({ status: 2, stderr: expect.stringMatching(/--seats is far too large/) });
    const zero = await roster(['init', '--name', 'N', '--seats', '0', '--db', db]);
    expect(zero.status).toBe(1);
    expect(zero.stderr).toMatch(/Seat count must be at least 1/);
  });
});

describe('roster orgs', () => {
  async function initialised() {
    const db = newDb();
    await roster(['init', '--name', 'Northwind', '--seats', '50', '--db', db]);
    return db;
  }

  it('adds, lists, renames and removes organizations in the database the app uses', async () => {
    const db = await initialised();
    expect(await roster(['orgs', 'add', '--name', 'Engineering', '--db', db])).toMatchObject({ status: 0, stdout: 'Added organization "Engineering" (id 1).' });
    await roster(['orgs', 'add', '--name', 'Design', '--db', db]);
    const listed = await roster(['orgs', 'list', '--db', db]);
    expect(listed.stdout.split('\n').map((line) => line.replace(/\d{4}-\d\d-\d\d/, 'DATE'))).toEqual([
      'ID  NAME         CREATED',
      '2   Design       DATE',
      '1   Engineering  DATE',
    ]);
    expect(await roster(['orgs', 'rename', '--name', 'engineering', '--to', 'Platform', '--db', db])).toMatchObject({
      status: 0,
      stdout: 'Renamed organization "Engineering" to "Platform".',
    });
    expect(await roster(['orgs', 'remove', '--name', 'DESIGN', '--db', db])).toMatchObject({
      status: 0,
      stdout: 'Removed organization "Design". No seat was freed.',
    });
    const json = await roster(['orgs', 'list', '--json', '--db', db]);
    expect(JSON.parse(json.stdout)).toEqual([expect.objectContaining({ id: 1, name: 'Platform' })]);
  });

  it('prints JSON for --json, and errors as JSON on stderr', async () => {
    const db = await initialised();
    const added = await roster(['--db', db, 'orgs', 'add', '--json', '--name', 'Sales']);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 1, name: 'Sales' });
    const duplicate = await roster(['orgs', 'add', '--name', 'SALES', '--json', '--db', db]);
    expect(duplicate.status).toBe(1);
    expect(JSON.parse(duplicate.stderr)).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringMatching(/"Sales" already exists/) } });
  });

  it('refuses, with exit 1, a name the rules do not allow and an organization that is not there', async () => {
    const db = await initialised();
    expect(await roster(['orgs', 'add', '--name', 'x'.repeat(101), '--db', db])).toMatchObject({ status: 1, stderr: expect.stringMatching(/at most 100 characters/) });
    expect(await roster(['orgs', 'remove', '--name', 'Nowhere', '--db', db])).toMatchObject({
      status: 1,
      stderr: 'roster: There is no organization named "Nowhere".',
    });
  });

  it('says an enterprise must be set up first, and makes no file where there was none', async () => {
    const missing = newDb();
    const result = await roster(['orgs', 'list', '--db', missing]);
    expect(result).toMatchObject({ status: 1, stderr: `roster: There is no Roster database at ${missing}. Create one with "roster init --name NAME --seats N --db FILE" or by opening the app.` });
    expect(fs.existsSync(missing)).toBe(false);

    const empty = newDb();
    openDatabase(empty).close();
    const noEnterprise = await roster(['orgs', 'add', '--name', 'X', '--db', empty]);
    expect(noEnterprise).toMatchObject({ status: 1, stderr: expect.stringMatching(/No enterprise is set up in this database yet/) });
  });

  it('uses the app\'s own database when --db is not given', async () => {
    const dataDir = tempDir();
    const env = { ROSTER_USER_DATA_DIR: dataDir };
    await roster(['init', '--name', 'Northwind', '--seats', '5'], env);
    await roster(['orgs', 'add', '--name', 'Engineering'], env);
    expect((await roster(['orgs', 'list', '--db', path.join(dataDir, 'roster.db')])).stdout).toMatch(/Engineering/);
  });
});

describe('roster demo', () => {
  it('creates the demo enterprise sized by --members, reproducibly by --seed', { timeout: 60_000 }, async () => {
    const db = newDb();
    const result = await roster(['demo', '--members', '2000', '--seed', '3', '--db', db]);
    expect(result).toMatchObject({ status: 0, stdout: `Created the demo enterprise "Acme Corporation" (seed 3): 2270 seats, 10 organizations, in ${db}.` });
    const again = newDb();
    await roster(['demo', '--members', '2000', '--seed', '3', '--db', again]);
    const names = async (file: string) => (await roster(['orgs', 'list', '--json', '--db', file])).stdout.replace(/"(createdAt|updatedAt)": "[^"]+"/g, '');
    expect(await names(again)).toBe(await names(db));
  });
});

describe('usage', () => {
  it('prints help for the program, a group and a command, with exit 0', async () => {
    expect(await roster(['--help'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/roster orgs add .*Create an organization/) });
    expect(await roster(['orgs', '--help'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/roster orgs rename/) });
    const command = await roster(['orgs', 'rename', '--help']);
    expect(command.status).toBe(0);
    expect(command.stdout).toMatch(/^Usage: roster orgs rename --name NAME --to NEW_NAME \[--db FILE\] \[--json\]/);
  });

  it('exits 2 for a repeated option, an option of another level, and an unknown command even with --help', async () => {
    expect(await roster(['orgs', 'add', '--name', 'A', '--name', 'B'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/--name is given more than once/) });
    expect(await roster(['orgs', 'list', '--version'])).toMatchObject({ status: 2 });
    expect(await roster(['frobnicate', '--help'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown command "frobnicate"/) });
    expect(await roster(['orgs', 'frob', '--help'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown command "orgs frob"/) });
  });

  it('prints its version: roster --version, roster version, and as JSON', async () => {
    for (const args of [['--version'], ['version']]) expect(await roster(args)).toEqual({ status: 0, stdout: `roster ${version}`, stderr: '' });
    for (const args of [['--version', '--json'], ['--json', '--version'], ['version', '--json']]) {
      expect(await roster(args)).toEqual({ status: 0, stdout: JSON.stringify({ version }), stderr: '' });
    }
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reports usage errors and a missing database as JSON on stderr with --json', async () => {
    const usage = await roster(['orgs', 'add', '--json']);
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stderr)).toEqual({ error: { code: 'USAGE', message: 'missing --name NAME' } });
    const missing = await roster(['orgs', 'list', '--json', '--db', newDb()]);
    expect(missing.status).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ error: { code: 'NO_DATABASE' } });
  });

  it('exits 2 for an unknown command, a missing option, an unknown option or a group without its command', async () => {
    expect(await roster(['frobnicate'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown command "frobnicate"/) });
    expect(await roster(['orgs', 'add'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/missing --name NAME/) });
    expect(await roster(['orgs', 'list', '--colour'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/Unknown option '--colour'/) });
    expect(await roster(['orgs'])).toMatchObject({ status: 2, stderr: expect.stringMatching(/"orgs" needs a command/) });
    expect(await roster([])).toMatchObject({ status: 2, stdout: expect.stringMatching(/^Usage: roster <command>/) });
  });

  it('explains, with exit 1, a database it cannot use and leaves it alone', async () => {
    const db = newDb();
    openDatabase(db, { migrations: [...bundledMigrations, { version: bundledMigrations.length + 1, name: 'future', sql: 'SELECT 1;', hash: hashMigration('SELECT 1;') }] }).close();
    const result = await roster(['orgs', 'list', '--db', db]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/written by a newer version of Roster/);
    const json = await roster(['orgs', 'list', '--json', '--db', db]);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'DATABASE_UNUSABLE', message: expect.stringMatching(/newer version/) } });
  });
});
