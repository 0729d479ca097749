import type { Locator, Page } from '@playwright/test';

/** Settings → Database: the file in use and "Check the database". */
export class DatabasePage {
  readonly section: Locator;
  readonly check: Locator;
  readonly full: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Database' });
    this.check = this.section.getByRole('button', { name: 'Check the database' });
    this.full = this.section.getByRole('checkbox', { name: /^Full check/ });
    this.result = this.section.getByRole('status');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await this.section.waitFor();
  }
}
