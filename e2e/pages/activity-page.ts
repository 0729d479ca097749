import type { Locator, Page } from '@playwright/test';

/** The Activity screen: importing events, the charts, reclaiming idle seats and the report preview. */
export class ActivityPage {
  readonly heading: Locator;
  readonly fileInput: Locator;
  readonly importButton: Locator;
  readonly importResult: Locator;
  readonly rejections: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly ruleSentence: Locator;
  readonly saveButton: Locator;
  readonly reclaim: Locator;
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Activity' });
    this.fileInput = page.getByLabel('Event file to import');
    this.importButton = page.getByRole('button', { name: 'Import events…' });
    this.importResult = page.getByRole('status', { name: 'Import result' });
    this.rejections = page.getByRole('list', { name: 'Rejected lines' });
    this.table = page.getByRole('table', { name: 'Activity report' });
    this.rows = this.table.getByRole('row').filter({ has: page.getByRole('cell') });
    this.ruleSentence = page.getByText(/^Last Active shows the day/);
    this.saveButton = page.getByRole('button', { name: 'Save CSV…' });
    this.reclaim = page.getByRole('region', { name: 'Reclaim idle seats' });
    this.notices = page.getByRole('status', { name: 'Notices' });
  }

  async open() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
    await this.heading.waitFor();
  }

  /** Imports a file as the admin would pick it. */
  async importFile(file: string) {
    await this.fileInput.setInputFiles(file);
  }

  bucket(name: RegExp | string) {
    return this.page.getByRole('button', { name });
  }

  row(email: string) {
    return this.rows.filter({ hasText: email });
  }
}
