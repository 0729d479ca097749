import fs from 'node:fs';
import { BackupsPage } from './pages/backups-page';
import { expect, MODE, test } from './fixtures';

test.describe('Settings → Backups', () => {
  test.skip(MODE === 'electron', 'The desktop app saves backups through a native dialog, unit-tested through the Host');

  test('backs up now (the browser downloads it), lists it, and restores it after a change, which is then gone', async ({ app }, testInfo) => {
    const backups = new BackupsPage(app.page);
    await backups.open();
    // The daily backup was made when browser mode opened the database.
    await expect(backups.rows.filter({ hasText: 'Daily' })).toHaveCount(1);

    const downloading = app.page.waitForEvent('download');
    await backups.backUpNow.click();
    const download = await downloading;
    const id = download.suggestedFilename();
    expect(id).toMatch(/^roster-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.db$/);
    const saved = testInfo.outputPath(id);
    await download.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 15).toString()).toBe('SQLite format 3');
    await expect(backups.notices).toContainText(`Backed up as ${id}`);
    await expect(backups.row(id)).toContainText('Backed up now');

    expect(app.roster('orgs', 'add', '--name', 'Made after the backup').status).toBe(0);

    await backups.row(id).getByRole('button', { name: 'Restore…' }).click();
    await expect(backups.dialog).toContainText('every change made since then is replaced');
    await backups.dialog.getByRole('button', { name: 'Restore' }).click();
    await expect(backups.notices).toContainText(`Restored from ${id}. The database as it was is kept as pre-restore-`);
    await expect(backups.rows.filter({ hasText: 'Before a restore' })).toHaveCount(1);

    expect(JSON.parse(app.roster('orgs', 'list', '--json').stdout)).toEqual([]);
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await expect(app.page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
    await expect(app.page.getByText('Made after the backup')).toHaveCount(0);
  });

  test('keeps the number of backups set here, from 1 to 365', async ({ app }) => {
    const backups = new BackupsPage(app.page);
    await backups.open();
    await expect(backups.keep).toHaveValue('7');
    await backups.keep.fill('0');
    await expect(backups.section.getByRole('alert')).toHaveText('Keep at least 1 backup');
    await backups.keep.fill('3');
    await backups.section.getByRole('button', { name: 'Save' }).click();
    await expect(backups.notices).toContainText('Roster now keeps 3 backups of each kind.');
    await expect(backups.section).toContainText('keeps the newest 3 backups of each kind');
  });
});
