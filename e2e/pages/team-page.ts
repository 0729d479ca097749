import type { Locator, Page } from '@playwright/test';

/** Locators for the Teams screen and one team's page. */
export class TeamPage {
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

  async openTeams(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
  }

  async create(role: 'member' | 'admin'): Promise<void> {
    await this.openTeams();
    await this.page.getByRole('button', { name: 'New team' }).click();
    await this.dialog.getByLabel('Name', { exact: true }).fill(this.name);
    await this.dialog.getByRole('radio', { name: role === 'admin' ? 'Admin' : 'Member' }).check();
    await this.dialog.getByRole('button', { name: 'Create team' }).click();
  }

  async open(): Promise<void> {
    await this.openTeams();
    await this.page.getByRole('table', { name: 'Teams' }).getByRole('link', { name: this.name, exact: true }).click();
    await this.heading.waitFor();
  }

  async addMembers(search: string, people: string[]): Promise<void> {
    await this.page.getByRole('button', { name: 'Add members' }).click();
    await this.dialog.getByRole('searchbox', { name: 'Search members' }).fill(search);
    for (const person of people) await this.dialog.getByRole('checkbox', { name: person }).check();
    await this.dialog.getByRole('button', { name: /^Add (\d+ members|member)$/ }).click();
  }

  async link(orgs: string[] | 'all'): Promise<void> {
    await this.page.getByRole('button', { name: 'Link organizations' }).click();
    if (orgs === 'all') await this.dialog.getByRole('checkbox', { name: /All organizations/ }).check();
    else for (const org of orgs) await this.dialog.getByRole('checkbox', { name: org }).check();
    await this.dialog.getByRole('button', { name: 'Link', exact: true }).click();
  }
}
