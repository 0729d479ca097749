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

  /** The "Role and organizations" card. */
  get facts(): Locator {
    return this.page.getByRole('region', { name: 'Role and organizations' });
  }

  /** The chips of the organizations it is linked to ("All organizations" among them). */
  get linkedOrgs(): Locator {
    return this.page.getByRole('list', { name: `Organizations ${this.name} is linked to` }).getByRole('listitem');
  }

  /** While it is linked to all organizations: those it is linked to by name too, kept for when "all" goes. */
  get alsoLinkedByName(): Locator {
    return this.page.getByRole('list', { name: `Organizations ${this.name} is also linked to by name` }).getByRole('listitem');
  }

  get role(): Locator {
    return this.page.getByRole('combobox', { name: `Role of ${this.name}` });
  }

  /** Picks the team's role and saves it. */
  async setRole(role: 'Member' | 'Admin'): Promise<void> {
    await this.role.selectOption({ label: role });
    await this.facts.getByRole('button', { name: 'Save' }).click();
  }

  /** The × on an organization's chip ('all' for "All organizations"): asks first, in the dialog. */
  unlinkButton(org: string | 'all'): Locator {
    return this.page.getByRole('button', { name: org === 'all' ? `Unlink ${this.name} from all organizations` : `Unlink ${this.name} from ${org}` });
  }

  /** The Teams screen's filter box. */
  get filter(): Locator {
    return this.page.getByRole('searchbox', { name: 'Filter teams' });
  }

  /** Its row on the Teams screen. */
  get listRow(): Locator {
    return this.page.getByRole('table', { name: 'Teams' }).getByRole('row').filter({ has: this.page.getByRole('link', { name: this.name, exact: true }) });
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

  /** Rows of its "Pending invitations" table. */
  get invitations(): Locator {
    return this.page.getByRole('table', { name: `Pending invitations to ${this.name}` }).locator('tbody tr:not(.empty-row)');
  }

  invitation(email: string): Locator {
    return this.invitations.filter({ hasText: email });
  }

  /** The "Invite…" button: invites an address straight into the team. */
  async invite(email: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Invite…' }).click();
    await this.dialog.getByLabel('Email').fill(email);
    await this.dialog.getByRole('button', { name: `Invite to ${this.name}` }).click();
  }

  /** A member's row in the members table. */
  member(email: string): Locator {
    return this.members.filter({ hasText: email });
  }

  /** The sortable "Last active" heading of the members table. */
  get lastActiveHeading(): Locator {
    return this.page.getByRole('table', { name: `Members of ${this.name}` }).getByRole('columnheader', { name: 'Last active' });
  }

  async link(orgs: string[] | 'all'): Promise<void> {
    await this.page.getByRole('button', { name: 'Link organizations' }).click();
    if (orgs === 'all') await this.dialog.getByRole('checkbox', { name: /All organizations/ }).check();
    else for (const org of orgs) await this.dialog.getByRole('checkbox', { name: org }).check();
    await this.dialog.getByRole('button', { name: 'Link', exact: true }).click();
  }
}
