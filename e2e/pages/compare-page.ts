import type { Locator, Page } from '@playwright/test';

/** The Compare screen: two files chosen, then the seats and a card per section that changed. */
export class ComparePage {
  readonly heading: Locator;
  readonly old: Locator;
  readonly new: Locator;
  readonly compareButton: Locator;
  readonly seats: Locator;
  readonly exportButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Compare' });
    this.old = page.getByRole('combobox', { name: 'Old', exact: true });
    this.new = page.getByRole('combobox', { name: 'New', exact: true });
    this.compareButton = page.getByRole('button', { name: 'Compare', exact: true });
    this.seats = page.getByRole('table', { name: 'Seats' });
    this.exportButton = page.getByRole('button', { name: 'Export CSV' });
  }

  async open() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compare' }).click();
    await this.heading.waitFor();
  }

  /** Compares two files of the backups folder (or "live"), by the name the list shows them under. */
  async compare(oldName: string, newName: string) {
    await this.old.selectOption({ value: oldName === 'live' ? 'live' : `folder:${oldName}` });
    await this.new.selectOption({ value: newName === 'live' ? 'live' : `folder:${newName}` });
    await this.compareButton.click();
  }

  /** A section's card, by its title ("Members"). */
  section(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** The seats table's row for "Total seats", "In use", "Free"… as its cells' texts. */
  seatRow(label: string): Locator {
    return this.seats.getByRole('row', { name: new RegExp(`^${label}\\b`) });
  }

  rows(title: string): Locator {
    return this.section(title).getByRole('table', { name: title }).locator('tbody tr');
  }
}
