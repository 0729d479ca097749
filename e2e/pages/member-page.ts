import type { Locator, Page } from '@playwright/test';
import { MemberAccessPage } from './member-access-page';

/** Locators for one member's page: the seat, organizations (the Access table), teams, and the audit trail. */
export class MemberPage extends MemberAccessPage {
  readonly dialog: Locator;
  readonly notices: Locator;
  readonly seat: Locator;
  readonly teams: Locator;
  readonly trail: Locator;

  constructor(page: Page, email: string) {
    super(page, email);
    this.dialog = page.getByRole('dialog');
    this.notices = page.getByRole('status', { name: 'Notices' });
    this.seat = page.getByRole('region', { name: 'Seat' });
    this.teams = page.getByRole('table', { name: `Teams of ${email}` }).locator('tbody tr:not(.empty-row)');
    this.trail = page.getByRole('table', { name: `Audit events about ${email}` }).locator('tbody tr:not(.empty-row)');
  }

  /** Opens it from the Licenses screen, by the person's name or address. */
  async open(who: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licenses' }).click();
    await this.page.getByRole('table', { name: 'Seats' }).getByRole('link', { name: new RegExp(who) }).click();
    await this.table.waitFor();
  }

  /** One fact of the Seat card, by its label ("How", "Last active"…). */
  fact(label: string): Locator {
    return this.seat.locator(`dt:text-is("${label}") + dd`);
  }

  team(name: string): Locator {
    return this.teams.filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  directRole(org: string): Locator {
    return this.page.getByRole('combobox', { name: `Direct role of ${this.email} in ${org}` });
  }

  async addToTeam(team: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Add to team…' }).click();
    // The picker lists the first 50 teams by name: typing finds any.
    await this.dialog.getByRole('searchbox', { name: 'Filter teams' }).fill(team);
    await this.dialog.getByRole('radio', { name: new RegExp(`^${team} ·`) }).check();
    await this.dialog.getByRole('button', { name: 'Add to team' }).click();
  }

  async addToOrg(org: string, role: 'Owner' | 'Admin' | 'Member'): Promise<void> {
    await this.page.getByRole('button', { name: 'Add to organization…' }).click();
    await this.dialog.getByRole('radio', { name: new RegExp(`^${org}`) }).check();
    await this.dialog.getByRole('combobox', { name: 'Role' }).selectOption({ label: role });
    await this.dialog.getByRole('button', { name: 'Add to organization' }).click();
  }

  /** Picks a direct role in an organization's row and saves it. */
  async setDirectRole(org: string, role: 'Owner' | 'Admin' | 'Member'): Promise<void> {
    await this.directRole(org).selectOption({ label: role });
    await this.org(org).getByRole('button', { name: 'Save' }).click();
  }

  /** The Remove button of a team's or a direct membership's row. */
  removeButton(place: string): Locator {
    return this.page.getByRole('button', { name: `Remove ${this.email} from ${place}` });
  }
}
