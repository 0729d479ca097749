import type { Locator, Page } from '@playwright/test';

/** Settings → Backups: "Back up now", the list of backups and the restore dialog. */
export class BackupsPage {
  readonly section: Locator;
  readonly backUpNow: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly dialog: Locator;
  readonly keep: Locator;
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Backups' });
    this.backUpNow = this.section.getByRole('button', { name: 'Back up now' });
    this.table = this.section.getByRole('table', { name: 'Backups' });
    this.rows = this.table.locator('tbody tr:not(.empty-row)');
    this.dialog = page.getByRole('dialog');
    this.keep = this.section.getByLabel('Backups to keep');
    this.notices = page.getByRole('status', { name: 'Notices' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await this.section.waitFor();
  }

  row(id: string): Locator {
    return this.rows.filter({ hasText: id });
  }
}
