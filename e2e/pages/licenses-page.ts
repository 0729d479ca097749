import type { Locator, Page } from '@playwright/test';

/** Locators for the Licenses screen. */
export class LicensesPage {
  readonly heading: Locator;
  readonly summary: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly status: Locator;
  readonly source: Locator;
  readonly dialog: Locator;
  readonly notices: Locator;
  readonly selection: Locator;
  /** Says how many accounts wait for a seat, with the way to them; absent when none waits. */
  readonly waitingBanner: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Licenses' });
    this.summary = page.getByRole('region', { name: 'Seats' });
    this.table = page.getByRole('table', { name: 'Seats' });
    // Rows of seats; the row that says there are none is not one of them.
    this.rows = this.table.locator('tbody tr:not(.empty-row)');
    this.search = page.getByRole('searchbox', { name: 'Search seats' });
    this.status = page.getByRole('combobox', { name: 'Status' });
    this.source = page.getByRole('combobox', { name: 'Seat from' });
    this.dialog = page.getByRole('dialog');
    this.notices = page.getByRole('status', { name: 'Notices' });
    this.selection = page.getByRole('region', { name: 'Selection' });
    this.waitingBanner = page.getByRole('status', { name: 'Accounts waiting for a seat' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licenses' }).click();
    await this.heading.waitFor();
  }

  /** A figure of the summary, e.g. figure('Free'). */
  figure(name: string): Locator {
    return this.summary.locator('div').filter({ has: this.page.getByRole('term').filter({ hasText: new RegExp(`^${name}$`) }) }).getByRole('definition');
  }

  row(email: string): Locator {
    return this.rows.filter({ hasText: email });
  }

  /** The row's "⋯" button, and the menu it opens. */
  actionsButton(email: string): Locator {
    return this.page.getByRole('button', { name: `Actions for ${email}` });
  }

  actionsMenu(email: string): Locator {
    return this.page.getByRole('menu', { name: `Actions for ${email}` });
  }

  /** Opens the row's "⋯" menu and picks an action, e.g. "Remove from Licenses". */
  async rowAction(email: string, action: string): Promise<void> {
    await this.actionsButton(email).click();
    await this.actionsMenu(email).getByRole('menuitem', { name: action }).click();
  }

  select(email: string): Promise<void> {
    return this.table.getByRole('checkbox', { name: `Select ${email}` }).check();
  }

  async addMember(email: string, name?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add member' }).click();
    await this.dialog.getByLabel('Email').fill(email);
    if (name) await this.dialog.getByLabel('Name').fill(name);
    await this.dialog.getByRole('button', { name: 'Add member' }).click();
  }

  async invite(email: string, options: { orgs?: string[]; admin?: boolean } = {}): Promise<void> {
    await this.page.getByRole('button', { name: 'Invite', exact: true }).click();
    await this.dialog.getByLabel('Email').fill(email);
    if (options.admin) await this.dialog.getByRole('radio', { name: 'Admin' }).check();
    for (const org of options.orgs ?? []) await this.dialog.getByRole('checkbox', { name: org }).check();
    await this.dialog.getByRole('button', { name: 'Send invitation' }).click();
  }
}
