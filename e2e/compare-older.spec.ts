import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, MODE, test } from './fixtures';
import { ComparePage } from './pages/compare-page';

test.skip(MODE === 'electron', 'the desktop app opens files with its dialog; browser mode lists the backups folder');

/** The schema version before this Roster's: one migration fewer than it ships. */
const migrations = fs.readdirSync(path.join(__dirname, '../src/main/db/migrations')).filter((name) => /^\d{4}_.*\.sql$/.test(name)).length;
const olderFixture = path.join(__dirname, '../src/main/db/test-support/fixtures', `v${String(migrations - 1).padStart(4, '0')}.sql`);
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

test("Compare reads last quarter's file an older Roster wrote, and leaves it as it was", async ({ app }) => {
  const folder = path.join(path.dirname(app.dbPath), 'backups');
  fs.mkdirSync(folder, { recursive: true });
  // Last quarter's file, made by the previous Roster (its committed fixture, loaded as the sqlite3 shell would).
  const q3 = path.join(folder, 'q3.roster');
  const older = new Database(q3);
  older.exec(fs.readFileSync(olderFixture, 'utf8'));
  older.close();
  const before = { sha: sha(q3), mtimeMs: fs.statSync(q3).mtimeMs };
  await app.arrange('members', 'add', '--email', 'gus@acme.com');

  const compare = new ComparePage(app.page);
  await compare.open();
  await compare.compare('q3.roster', 'live');

  await expect(compare.seatRow('Total seats')).toHaveText(/^Total seats\s*12\s*50\s*\+38$/);
  await expect(compare.rows('Members').filter({ hasText: 'dana@northwind.example' })).toContainText('Left');
  await expect(compare.rows('Members').filter({ hasText: 'gus@acme.com' })).toContainText('Joined');
  expect({ sha: sha(q3), mtimeMs: fs.statSync(q3).mtimeMs }).toEqual(before);
  expect(['-wal', '-shm', '-journal'].filter((suffix) => fs.existsSync(q3 + suffix))).toEqual([]);
});
