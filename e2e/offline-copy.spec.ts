import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BROWSER_MAIN } from './support/files';
import { expect, MODE, test } from './fixtures';
import { LicensesPage } from './pages/licenses-page';
import { TeamPage } from './pages/team-page';

// An offline copy taken with `roster snapshot`, opened in browser mode: marked as a copy, every screen reads, no change control.

/** Browser mode on `file`; resolves with its one-time link. */
function browserModeOn(file: string, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BROWSER_MAIN, '--db', file, '--port', '0'], { env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\n/.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
}

test.skip(MODE === 'electron', 'browser mode opens the copy with --db');

test('a copy opens marked "Offline copy of …", with no change control on Licenses or a team page, and the file unchanged', async ({ app }) => {
  await app.arrange('members', 'add', '--email', 'ana@acme.com', '--name', 'Ana Lima');
  await app.arrange('teams', 'add', '--name', 'Platform');
  const copy = path.join(path.dirname(app.dbPath), 'copy.db');
  await app.arrange('snapshot', '--out', copy);
  const before = fs.readFileSync(copy);

  const { child, url } = await browserModeOn(copy, path.join(path.dirname(app.dbPath), 'copy-data'));
  const page = await app.page.context().newPage();
  try {
    await page.goto(url);
    await page.locator('[data-app-state="ready"]').waitFor();
    await expect(page.getByRole('note', { name: 'Offline copy' })).toContainText('Offline copy of roster.db, taken');
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('Offline copy');
    await expect(page).toHaveTitle(/Offline copy of roster\.db/);

    const licenses = new LicensesPage(page);
    await licenses.open();
    await expect(page.getByRole('cell', { name: 'ana@acme.com' })).toBeVisible();
    for (const name of ['Add member', 'Invite', 'Actions for ana@acme.com']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);

    const team = new TeamPage(page, 'Platform');
    await team.open();
    for (const name of ['Add members', 'Invite…', 'Rename', 'Link organizations']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);

    // Every screen reads: none shows an error.
    for (const screen of ['Teams', 'Organizations', 'Domains', 'Activity', 'SCIM', 'Audit log', 'Settings']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
      await expect(page.getByRole('heading', { level: 1, name: screen })).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    }
    await expect(page.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Take an offline copy…' })).toHaveCount(0);
  } finally {
    await page.close();
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
  expect(fs.readFileSync(copy).equals(before)).toBe(true);
  expect(fs.existsSync(`${copy}-wal`) || fs.existsSync(`${copy}-shm`)).toBe(false);
});

test('Settings → Take an offline copy… downloads a copy marked as one, and the audit log records it', async ({ app }) => {
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const downloading = app.page.waitForEvent('download');
  await app.page.getByRole('button', { name: 'Take an offline copy…' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^roster-copy-roster-\d{4}-\d\d-\d\d\.db$/);
  await expect(app.page.getByRole('status', { name: 'Notices' })).toContainText('Took an offline copy');
  const file = path.join(path.dirname(app.dbPath), 'downloaded.db');
  await download.saveAs(file);
  const { default: Database } = await import('better-sqlite3');
  const copy = new Database(file, { readonly: true });
  try {
    expect(copy.prepare('SELECT of FROM snapshot_info').pluck().get()).toBe('roster.db');
  } finally {
    copy.close();
  }
  const sha256 = (await import('node:crypto')).createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  expect(app.roster('audit', '--json').stdout).toContain(sha256);
});
