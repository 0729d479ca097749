import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { roster } from './test-support/cli';

async function enterprise() {
  const dir = tempDir();
  const db = path.join(dir, 'roster.db');
  expect((await roster('init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
  return { db, dir };
}

const recent = (daysAgo: number) => new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000).toISOString();

describe('roster import', () => {
  it('prints the totals, lists rejected lines on stderr and exits 1 when any line was rejected', async () => {
    const { db, dir } = await enterprise();
    const file = path.join(dir, 'events.ndjson');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ type: 'signup', email: 'ana@acme.com', at: recent(3), name: 'Ana Lima' }),
        JSON.stringify({ type: 'open', email: 'ana@acme.com', at: recent(2) }),
        JSON.stringify({ type: 'open', email: 'nobody@acme.com', at: recent(2) }),
      ].join('\n'),
    );
    const first = await roster('import', file, '--db', db);
    expect(first.status).toBe(1);
    expect(first.stdout).toContain('Imported events.ndjson (NDJSON, 3 lines):');
    expect(first.stdout).toMatch(/signups:\s+1 \(1 new accounts\)/);
    expect(first.stdout).toMatch(/rejected: 1/);
    expect(first.stderr).toBe('line 3: there is no account for nobody@acme.com (its signup must come first)');

    fs.writeFileSync(file, JSON.stringify({ type: 'login', email: 'ana@acme.com', at: recent(1) }));
    const json = await roster('import', file, '--json', '--db', db);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ events: { login: 1 }, rejected: 0 });
  });

  it('is bad usage without a file, and refused for a file that is not there', async () => {
    const { db, dir } = await enterprise();
    expect((await roster('import', '--db', db)).status).toBe(2);
    const missing = await roster('import', path.join(dir, 'nope.csv'), '--db', db);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv cannot be read/);
  });
});

describe('roster report', () => {
  it('writes the CSV, with a byte-order mark when asked, as of the moment given', async () => {
    const { db, dir } = await enterprise();
    expect((await roster('members', 'add', '--email', 'ana@acme.com', '--name', 'Ana', '--db', db)).status).toBe(0);
    const out = path.join(dir, 'report.csv');
    const written = await roster('report', '--out', out, '--bom', '--as-of', '2026-03-31T00:00:00+02:00', '--db', db);
    expect(written.status).toBe(0);
    expect(written.stdout).toContain(`Wrote 1 member to ${out} (as of 2026-03-30T22:00:00.000Z).`);
    expect(written.stdout).toContain('at most 90 days ago');
    const content = fs.readFileSync(out, 'utf8');
    expect(content.startsWith('\uFEFFEmail,Name,Last Active,')).toBe(true);
    expect(content.split('\r\n')[1]).toMatch(/^ana@acme\.com,Ana,N\/A,,,\d{4}-\d{2}-\d{2},Added by hand,$/);
  });

  it('is bad usage with an --as-of that is not a time with a zone, writing nothing', async () => {
    const { db, dir } = await enterprise();
    const out = path.join(dir, 'report.csv');
    const result = await roster('report', '--out', out, '--as-of', '2026-03-31', '--db', db);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--as-of must be an ISO 8601 time with a zone/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
