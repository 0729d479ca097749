import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { roster } from './test-support/cli';

/** An enterprise with an organization and a team made on the command line. */
async function enterprise() {
  const dir = tempDir();
  const db = path.join(dir, 'roster.db');
  expect((await roster('init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
  expect((await roster('orgs', 'add', '--name', '=Research', '--db', db)).status).toBe(0);
  expect((await roster('teams', 'add', '--name', 'Developers', '--db', db)).status).toBe(0);
  return { db, dir };
}

describe('roster audit', () => {
  it('prints a table of every event, newest last', async () => {
    const { db } = await enterprise();
    const printed = await roster('audit', '--db', db);
    expect(printed.status).toBe(0);
    const lines = printed.stdout.split('\n');
    expect(lines[0]).toMatch(/^TIME\s+ACTOR\s+ACTION\s+TARGET$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/).slice(2).join(' | '))).toEqual([
      'enterprise.create | enterprise Acme',
      'org.create | organization =Research',
      'team.create | team Developers',
    ]);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\s+\S+ \(cli\)\s+/);
  });

  it('prints JSON rows with --json, and only events at or after --since', async () => {
    const { db } = await enterprise();
    const all = JSON.parse((await roster('audit', '--json', '--db', db)).stdout) as { at: string; action: string; actor: { type: string } }[];
    expect(all.map((event) => event.action)).toEqual(['enterprise.create', 'org.create', 'team.create']);
    expect(all[0]!.actor.type).toBe('cli');
    const since = await roster('audit', '--since', all[2]!.at, '--json', '--db', db);
    expect(JSON.parse(since.stdout)).toHaveLength(1);
    const future = await roster('audit', '--since', '2999-01-01T00:00:00+01:00', '--db', db);
    expect(future).toMatchObject({ status: 0, stdout: 'No audit events since 2998-12-31T23:00:00.000Z.' });
  });

  it('writes the CSV with --out, whole, with the same rules as the report', async () => {
    const { db, dir } = await enterprise();
    const out = path.join(dir, 'audit.csv');
    const written = await roster('audit', '--out', out, '--db', db);
    expect(written).toMatchObject({ status: 0, stdout: `Wrote 3 audit events to ${out}.` });
    const lines = fs.readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('Time,Actor type,Actor,Action,Target type,Target,Target id,Before,After');
    expect(lines[2]).toMatch(/,cli,[^,]+,org\.create,organization,'=Research,1,,"\{""name"":""=Research""\}"$/);
    expect(lines).toHaveLength(5);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    const json = await roster('audit', '--out', out, '--bom', '--json', '--db', db);
    expect(JSON.parse(json.stdout)).toEqual({ path: out, events: 3 });
    expect(fs.readFileSync(out, 'utf8').startsWith('\uFEFFTime,')).toBe(true);
  });

  it('is bad usage with a --since without a zone, and refused where the file cannot be written', async () => {
    const { db, dir } = await enterprise();
    const bad = await roster('audit', '--since', '2026-03-01', '--db', db);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--since must be an ISO 8601 time with a zone/);
    expect((await roster('audit', '--bom', '--db', db)).status).toBe(2);
    const nowhere = await roster('audit', '--out', path.join(dir, 'missing', 'audit.csv'), '--db', db);
    expect(nowhere.status).toBe(1);
    expect(nowhere.stderr).toMatch(/Could not save .*audit\.csv: its folder does not exist\. Choose a folder that exists\./);
  });

  it('--verify says the chain is whole with the newest event and its hash, or names the first event that breaks it', async () => {
    const { db } = await enterprise();
    const whole = await roster('audit', '--verify', '--db', db);
    expect(whole.status).toBe(0);
    expect(whole.stdout).toMatch(/^The audit log is whole: 3 events checked\. Newest: event #3 \(\S+\), hash [0-9a-f]{64}\.$/);
    const json = await roster('audit', '--verify', '--json', '--db', db);
    expect(JSON.parse(json.stdout)).toMatchObject({ whole: true, checked: 3, preChain: 0, anchor: null, broken: null, last: { eventId: 3 } });

    const tool = new Database(db);
    tool.exec("DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE id = 2");
    tool.close();
    const broken = await roster('audit', '--verify', '--db', db);
    expect(broken).toMatchObject({ status: 1, stdout: '' });
    expect(broken.stderr).toMatch(/^roster: The audit log's hash chain breaks at event #3 \(\S+\): it does not follow event #1: event #2 before it is missing \(deleted\)\. The event before it is whole\.$/);
    const brokenJson = await roster('audit', '--verify', '--json', '--db', db);
    expect(brokenJson.status).toBe(1);
    expect(JSON.parse(brokenJson.stdout)).toMatchObject({ whole: false, checked: 1, broken: { eventId: 3 } });
  });

  it('--verify checks the whole log: with --since, --out or --bom it is bad usage', async () => {
    const { db, dir } = await enterprise();
    for (const extra of [['--since', '2026-01-01T00:00:00Z'], ['--out', path.join(dir, 'a.csv')], ['--bom']]) {
      const bad = await roster('audit', '--verify', ...extra, '--db', db);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--verify checks the whole log/);
    }
  });
});
