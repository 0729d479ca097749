import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { startConsoleServer, type ConsoleServer } from './support/console-server';

// The server's console: an auditor takes an offline copy, which the server makes and the page checks before saving.

const PASSWORD = 'correct horse battery staple';
let roster: ConsoleServer;

test.beforeAll(async () => {
  roster = await startConsoleServer('enterprise', [{ email: 'audrey@acme.com', role: 'auditor', password: PASSWORD }]);
});

test.afterAll(async () => {
  await roster?.close();
});

test("an auditor takes an offline copy from the console's Settings: a copy of the server, without their password, and audited", async ({ page }) => {
  const console = new ConsolePage(page, roster.server.url);
  await console.signIn('audrey@acme.com', PASSWORD);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Take an offline copy…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^roster-copy-127\.0\.0\.1-\d{4}-\d\d-\d\d\.db$/);
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Took an offline copy');
  const file = path.join(roster.dataDir, 'downloaded.db');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  expect(bytes.includes(Buffer.from('$argon2id$'))).toBe(false);
  const { default: Database } = await import('better-sqlite3');
  const copy = new Database(file, { readonly: true });
  try {
    expect(copy.prepare('SELECT of, taken_by FROM snapshot_info').get()).toEqual({ of: '127.0.0.1', taken_by: 'audrey@acme.com' });
  } finally {
    copy.close();
  }
  expect(roster.roster('audit', '--json').stdout).toContain(createHash('sha256').update(bytes).digest('hex'));
});
