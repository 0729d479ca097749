import type { Locator, Page } from '@playwright/test';

/** Locators for one member's Access view: each organization they reach, the role, and every path. */
export class MemberAccessPage {
  readonly table: Locator;

  constructor(
    readonly page: Page,
    readonly email: string,
  ) {
    this.table = page.getByRole('table', { name: `Access of ${email}` });
  }

  /** The row of one organization. */
  org(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** The path that wins in that organization (marked "Wins"). */
  winner(org: string): Locator {
    return this.org(org).getByRole('listitem').filter({ hasText: /^Wins/ });
  }
}
