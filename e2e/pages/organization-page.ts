import type { Locator, Page } from '@playwright/test';

/** Locators for one organization's page. */
export class OrganizationPage {
  readonly dialog: Locator;
  readonly notices: Locator;

  constructor(
    readonly page: Page,
    readonly name: string,
  ) {
    this.dialog = page.getByRole('dialog');
    this.notices = page.getByRole('status', { name: 'Notices' });
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.name });
  }

  get members(): Locator {
    return this.page.getByRole('table', { name: `Members of ${this.name}` }).locator('tbody tr:not(.empty-row)');
  }

  /** Opens it from the Organizations screen, by its name. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await this.page.getByRole('table', { name: 'Organizations' }).getByRole('link', { name: this.name, exact: true }).click();
    await this.heading.waitFor();
  }

  /** Rows of "Everyone with access": direct members and everyone its teams reach. */
  get everyoneWithAccess(): Locator {
    return this.page.getByRole('table', { name: `Everyone with access to ${this.name}` }).locator('tbody tr:not(.empty-row)');
  }

  /** Rows of "Teams with access": the teams linked to it, or to all organizations. */
  get teams(): Locator {
    return this.page.getByRole('table', { name: `Teams with access to ${this.name}` }).locator('tbody tr:not(.empty-row)');
  }

  team(name: string): Locator {
    return this.teams.filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** Links a team from here, picked by name in the dialog. */
  async linkTeam(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Link a team…' }).click();
    await this.dialog.getByRole('radio', { name: new RegExp(`^${name} ·`) }).check();
    await this.dialog.getByRole('button', { name: 'Link team' }).click();
  }

  /** The sortable "Last active" heading of the members table. */
  get lastActiveHeading(): Locator {
    return this.page.getByRole('table', { name: `Members of ${this.name}` }).getByRole('columnheader', { name: 'Last active' });
  }

  member(email: string): Locator {
    return this.members.filter({ hasText: email });
  }

  role(email: string): Locator {
    return this.page.getByRole('combobox', { name: `Role of ${email}` });
  }

  /** Picks a role in the member's row and saves it. */
  async setRole(email: string, role: string): Promise<void> {
    await this.role(email).selectOption(role);
    await this.member(email).getByRole('button', { name: 'Save' }).click();
  }

  async addMembers(search: string, people: string[], role: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add members' }).click();
    await this.dialog.getByRole('searchbox', { name: 'Search members' }).fill(search);
    for (const person of people) await this.dialog.getByRole('checkbox', { name: person }).check();
    await this.dialog.getByRole('combobox').selectOption(role);
    await this.dialog.getByRole('button', { name: /^Add (\d+ members|member)$/ }).click();
  }
}
