import type { Locator, Page } from '@playwright/test';

/** Locators for the Organizations screen, by role and label as a person (or a screen reader) finds them. */
export class OrganizationsPage {
  readonly heading: Locator;
  readonly newButton: Locator;
  readonly filter: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly dialog: Locator;
  readonly nameField: Locator;
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Organizations' });
    this.newButton = page.getByRole('button', { name: 'New organization' });
    this.filter = page.getByRole('searchbox', { name: 'Filter organizations' });
    this.table = page.getByRole('table', { name: 'Organizations' });
    this.rows = this.table.locator('tbody tr:not(.empty-row)');
    this.dialog = page.getByRole('dialog');
    this.nameField = this.dialog.getByLabel('Name', { exact: true });
    this.notices = page.getByRole('status', { name: 'Notices' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await this.heading.waitFor();
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  /** The names in the table, top to bottom, as shown. */
  async names(): Promise<string[]> {
    return this.table.locator('tbody td.col-name').allTextContents();
  }

  async create(name: string): Promise<void> {
    await this.newButton.click();
    await this.nameField.fill(name);
    await this.dialog.getByRole('button', { name: 'Create organization' }).click();
  }

  async rename(from: string, to: string): Promise<void> {
    await this.page.getByRole('button', { name: `Rename ${from}` }).click();
    await this.nameField.fill(to);
    await this.dialog.getByRole('button', { name: 'Rename' }).click();
  }

  deleteButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Delete ${name}` });
  }

  sortBy(column: string): Promise<void> {
    return this.table.getByRole('columnheader', { name: column }).getByRole('button').click();
  }
}
