import type { Locator, Page } from '@playwright/test';

/** Locators for the Audit log screen. */
export class AuditPage {
  readonly heading: Locator;
  readonly table: Locator;
  /** Rows of events; neither the "no events" row nor an opened event's details. */
  readonly rows: Locator;
  readonly actor: Locator;
  readonly action: Locator;
  readonly target: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly count: Locator;
  readonly exportButton: Locator;
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Audit log' });
    this.table = page.getByRole('table', { name: 'Audit events' });
    this.rows = this.table.locator('tbody tr:not(.empty-row):not(.expanded-row)');
    this.actor = page.getByRole('combobox', { name: 'Actor' });
    this.action = page.getByRole('combobox', { name: 'Action' });
    this.target = page.getByRole('searchbox', { name: 'Search targets' });
    this.from = page.getByLabel('From');
    this.to = page.getByLabel('To', { exact: true });
    this.count = page.getByText(/^[\d,]+ events?$/);
    this.exportButton = page.getByRole('button', { name: 'Export CSV' });
    this.notices = page.getByRole('status', { name: 'Notices' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await this.heading.waitFor();
  }

  /** Event rows whose text has all of these parts. */
  row(...parts: string[]): Locator {
    return parts.reduce((rows, part) => rows.filter({ hasText: part }), this.rows);
  }

  /** Opens a row's details and answers the region that shows them. */
  async details(row: Locator): Promise<Locator> {
    await row.getByRole('button', { name: 'Details' }).click();
    const id = await row.getByRole('button', { name: 'Hide details' }).getAttribute('aria-controls');
    return this.page.locator(`#${id}`);
  }
}

/** Settings → Audit log: the check of the log's hash chain. */
export class AuditChainSection {
  readonly region: Locator;
  readonly check: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Audit log' });
    this.check = this.region.getByRole('button', { name: 'Check the audit log' });
    this.result = this.region.getByRole('status');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await this.region.waitFor();
  }
}
