import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { bundledMigrations } from '../db/migrations';
import { openDatabase } from '../db/open';
import { tempDir } from '../test-support/temp-db';
import { runReportAlone } from './report-alone';
import { runCli } from './run';
import { roster } from './test-support/cli';

// `roster report` on a local file runs without the rest of the command line (report-alone.ts);
// every other test's `roster report` goes through it too (test-support/cli.ts, as main.ts).

async function capture(run: (io: { out: (text: string) => void; err: (text: string) => void; env: NodeJS.ProcessEnv }) => Promise<number | null>) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run({ out: (text) => out.push(text), err: (text) => err.push(text), env: {} });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function enterprise() {
  const dir = tempDir();
  const db = path.join(dir, 'roster.db');
  expect((await roster('init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
  for (const [email, name] of [
    ['ana@acme.com', 'Ana'],
    ['=bo@acme.com', 'Bo, "B"'],
  ]) {
    expect((await roster('members', 'add', '--email', email!, '--name', name!, '--db', db)).status).toBe(0);
  }
  return { db, dir };
}

describe('roster report on its own', () => {
  it('writes the file and says what the whole command line says, byte for byte', async () => {
    const { db, dir } = await enterprise();
    const alone = path.join(dir, 'alone.csv');
    const whole = path.join(dir, 'whole.csv');
    const args = ['--as-of', '2026-03-31T00:00:00Z', '--db', db];
    const first = await capture((io) => runReportAlone(['report', '--out', alone, ...args], io));
    const second = await capture((io) => runCli(['report', '--out', whole, ...args], io));
    expect(first.status).toBe(0);
    expect(first.stdout.replace(alone, 'FILE')).toBe(second.stdout.replace(whole, 'FILE'));
    expect(fs.readFileSync(alone)).toEqual(fs.readFileSync(whole));
    const json = await capture((io) => runReportAlone(['report', '--out', alone, '--json', ...args], io));
    expect(JSON.parse(json.stdout)).toEqual({ path: alone, members: 2, asOf: '2026-03-31T00:00:00.000Z' });
  });

  it('leaves to the whole command line help, usage errors, a server, `report inactive` and a file that is not there', async () => {
    const { db, dir } = await enterprise();
    const out = path.join(dir, 'r.csv');
    for (const argv of [
      ['report', '--help'],
      ['report', '--db', db],
      ['report', '--out', out, '--db', db, '--nope'],
      ['report', '--out', out, '--server', 'https://roster.example.com', '--token', 't'],
      ['report', 'inactive', '--days', '60', '--db', db],
      ['report', '--out', out, '--db', path.join(dir, 'nope.db')],
      ['orgs', 'list', '--db', db],
    ]) {
      expect(await runReportAlone(argv, { out: () => undefined, err: () => undefined, env: {} })).toBeNull();
    }
    expect(await runReportAlone(['report', '--out', out], { out: () => undefined, err: () => undefined, env: { ROSTER_SERVER: 'https://roster.example.com' } })).toBeNull();
    expect(fs.existsSync(out)).toBe(false);
  });

  it('brings a store made by the previous Roster up to date first, then reports it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'older.db');
    openDatabase(file, { migrations: bundledMigrations.slice(0, -1) }).close();
    const older = new Database(file);
    older.prepare("INSERT INTO accounts (id, email, email_key, name, created_at) VALUES (1, 'ana@acme.com', 'ana@acme.com', 'Ana', '2026-01-01T00:00:00.000Z')").run();
    older.prepare("INSERT INTO members (account_id, source, seat_since) VALUES (1, 'manual', '2026-01-02T00:00:00.000Z')").run();
    older.close();
    const out = path.join(dir, 'r.csv');
    const written = await roster('report', '--out', out, '--as-of', '2026-03-31T00:00:00Z', '--db', file);
    expect(written).toMatchObject({ status: 0, stderr: '' });
    expect(fs.readFileSync(out, 'utf8')).toBe('Email,Name,Last Active,Teams,Organizations,Seat Since,Seat Source,Days Inactive\r\nana@acme.com,Ana,N/A,,,2026-01-02,Added by hand,\r\n');
    const migrated = new Database(file, { readonly: true });
    expect(migrated.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(bundledMigrations.length);
    migrated.close();
  });

  it('refuses a file that is not a Roster database as the whole command line does, and leaves it alone', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.db');
    fs.writeFileSync(file, 'not a database at all, just some text that is long enough to have a header');
    const out = path.join(dir, 'r.csv');
    const alone = await capture((io) => runReportAlone(['report', '--out', out, '--db', file], io));
    const whole = await capture((io) => runCli(['report', '--out', out, '--db', file], io));
    expect(alone).toEqual(whole);
    expect(alone.status).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe('not a database at all, just some text that is long enough to have a header');
    expect(fs.existsSync(out)).toBe(false);
  });
});
