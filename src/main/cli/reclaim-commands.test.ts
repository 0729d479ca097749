import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-db';
import { roster } from './test-support/cli';

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();

/**
 * Five members whose seats are 200 days old: ana and bo never active, cy whom
 * the identity provider gave a seat, di who owns Engineering, and ed active
 * yesterday.
 */
async function enterprise() {
  const dir = tempDir();
  const db = path.join(dir, 'roster.db');
  expect((await roster('init', '--name', 'Acme', '--seats', '10', '--db', db)).status).toBe(0);
  for (const name of ['ana', 'bo', 'cy', 'di', 'ed']) expect((await roster('members', 'add', '--email', `${name}@acme.com`, '--db', db)).status).toBe(0);
  expect((await roster('orgs', 'add', '--name', 'Engineering', '--db', db)).status).toBe(0);
  const store = new Database(db);
  const id = (name: string) => store.prepare('SELECT id FROM accounts WHERE email = ?').pluck().get(`${name}@acme.com`) as number;
  store.prepare('UPDATE members SET seat_since = ?').run(daysAgo(200));
  store.prepare("UPDATE members SET source = 'scim' WHERE account_id = ?").run(id('cy'));
  store.prepare("INSERT INTO org_memberships (org_id, account_id, role, since) SELECT id, ?, 'owner', ? FROM organizations").run(id('di'), daysAgo(200));
  store.prepare('UPDATE accounts SET last_active_at = ? WHERE id = ?').run(daysAgo(1), id('ed'));
  store.close();
  return { db, dir };
}

function members(db: string): string[] {
  const store = new Database(db, { readonly: true });
  try {
    return store.prepare('SELECT a.email FROM members m JOIN accounts a ON a.id = m.account_id ORDER BY a.email').pluck().all() as string[];
  } finally {
    store.close();
  }
}

const everyone = ['ana@acme.com', 'bo@acme.com', 'cy@acme.com', 'di@acme.com', 'ed@acme.com'];

describe('roster report inactive --dry-run', () => {
  it('prints the list without SCIM-managed members and owners, with their counts, and changes nothing', async () => {
    const { db } = await enterprise();
    const listed = await roster('report', 'inactive', '--days', '90', '--dry-run', '--db', db);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^Members inactive for over 90 days \(as of \d{4}-\d\d-\d\dT[\d:.]+Z\), most idle first:\nEMAIL +NAME +LAST ACTIVE +DAYS IDLE/);
    expect(listed.stdout).toMatch(/\nana@acme\.com +N\/A +200 +\d{4}-\d\d-\d\d +Added by hand\n/);
    expect(listed.stdout).not.toContain('cy@acme.com');
    expect(listed.stdout).not.toContain('di@acme.com');
    expect(listed.stdout).toContain(
      '2 members would lose their seats. Left out: 1 managed by the identity provider (--include-scim), 1 organization owner (--include-owners).\nNothing was changed (--dry-run).',
    );
    expect(members(db)).toEqual(everyone);
  });

  it('includes them with --include-scim and --include-owners, and as JSON', async () => {
    const { db } = await enterprise();
    const listed = await roster('report', 'inactive', '--days', '90', '--dry-run', '--include-scim', '--include-owners', '--json', '--db', db);
    expect(listed.status).toBe(0);
    const answer = JSON.parse(listed.stdout);
    expect(answer).toMatchObject({ inactiveDays: 90, total: 4, leftOut: { scim: 1, owners: 1, total: 0 } });
    expect(answer.members.map((member: { email: string; scim: boolean; ownerOf: string[] }) => [member.email, member.scim, member.ownerOf])).toEqual([
      ['ana@acme.com', false, []],
      ['bo@acme.com', false, []],
      ['cy@acme.com', true, []],
      ['di@acme.com', false, ['Engineering']],
    ]);
  });

  it('writes the list as CSV with --out, replacing the file whole', async () => {
    const { db, dir } = await enterprise();
    const out = path.join(dir, 'idle.csv');
    fs.writeFileSync(out, 'last week');
    const written = await roster('report', 'inactive', '--days', '90', '--dry-run', '--include-scim', '--out', out, '--db', db);
    expect(written.status).toBe(0);
    expect(written.stdout).toMatch(new RegExp(`^Wrote 3 members inactive for over 90 days to ${out.replace(/[.\\/]/g, '\\$&')} \\(as of .+\\)\\. Left out: 1 organization owner \\(--include-owners\\)\\.\\nNothing was changed \\(--dry-run\\)\\.$`));
    const rows = parse(fs.readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.Email, row['Managed by SCIM'], row.Release])).toEqual([
      ['ana@acme.com', 'no', 'yes'],
      ['bo@acme.com', 'no', 'yes'],
      ['cy@acme.com', 'yes', 'yes'],
    ]);
    expect(members(db)).toEqual(everyone);
  });
});

describe('roster report inactive --yes', () => {
  it('releases the listed members only, saying how many and who was left out', async () => {
    const { db } = await enterprise();
    const released = await roster('report', 'inactive', '--days', '90', '--yes', '--db', db);
    expect(released).toMatchObject({ status: 0, stderr: '' });
    expect(released.stdout).toMatch(
      /^Released 2 seats held by members inactive for over 90 days \(as of .+\)\. Left out: 1 managed by the identity provider \(--include-scim\), 1 organization owner \(--include-owners\)\.$/,
    );
    expect(members(db)).toEqual(['cy@acme.com', 'di@acme.com', 'ed@acme.com']);
    const audit = await roster('audit', '--json', '--db', db);
    expect(audit.stdout).toContain('"member.remove"');
    // Nothing left to release: said, and not an error.
    expect(await roster('report', 'inactive', '--days', '90', '--yes', '--db', db)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^No member has been inactive for over 90 days \(as of .+\); nothing was released\. Left out:/) });
  });

  it('releases the SCIM-managed members and owners too when their flags are given', async () => {
    const { db } = await enterprise();
    const released = await roster('report', 'inactive', '--days', '90', '--yes', '--include-scim', '--include-owners', '--json', '--db', db);
    expect(released.status).toBe(0);
    expect(JSON.parse(released.stdout)).toMatchObject({ released: 4, skipped: { noSeat: 0, active: 0, scim: 0, owner: 0 }, leftOut: { total: 0 } });
    expect(members(db)).toEqual(['ed@acme.com']);
  });

  it('is bad usage (exit 2, nothing changed) without --yes or --dry-run, with both, with --out alone, or with bad days', async () => {
    const { db } = await enterprise();
    const cases: [string[], RegExp][] = [
      [['--days', '90'], /releasing seats needs --yes; run with --dry-run first/],
      [['--days', '90', '--dry-run', '--yes'], /--dry-run and --yes cannot go together/],
      [['--days', '90', '--yes', '--out', 'x.csv'], /--out writes the list of a dry run: add --dry-run/],
      [['--days=-3', '--dry-run'], /--days must be a whole number from 0 to 3650, not -3/],
      [['--days', '5000', '--dry-run'], /--days must be a whole number from 0 to 3650, not 5000/],
      [['--days', 'ninety', '--dry-run'], /--days/],
      [['--dry-run'], /--days/],
      [['--days', '90', '--dry-run', '--as-of', 'last week'], /--as-of must be an ISO 8601 time with a zone/],
    ];
    for (const [args, message] of cases) {
      const result = await roster('report', 'inactive', ...args, '--db', db);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(members(db)).toEqual(everyone);
  });

  it('is listed in roster --help, with its options in its own help', async () => {
    const help = await roster('--help');
    expect(help.stdout).toMatch(/roster report inactive +Reclaim idle seats: list the members inactive over N days \(--dry-run\), or release their seats \(--yes\)/);
    const own = await roster('report', 'inactive', '--help');
    expect(own.stdout).toContain('Usage: roster report inactive --days N [--as-of ISO-8601] [--include-scim] [--include-owners] [--dry-run] [--out FILE.csv] [--bom] [--yes]');
    // `roster report` itself still writes the whole report.
    expect((await roster('report', '--help')).stdout).toContain('Usage: roster report --out FILE');
  });
});
