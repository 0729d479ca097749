import type { Locator, Page } from '@playwright/test';

/** Activity's "Reclaim idle seats": the days, the list to review, its switches and checkboxes, the export and the release. */
export class ReclaimPage {
  readonly card: Locator;
  readonly days: Locator;
  readonly reviewButton: Locator;
  readonly review: Locator;
  readonly summary: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly selected: Locator;
  readonly includeScim: Locator;
  readonly includeOwners: Locator;
  readonly exportButton: Locator;
  readonly releaseButton: Locator;
  readonly outcome: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByRole('region', { name: 'Reclaim idle seats' });
    this.days = this.card.getByRole('spinbutton');
    this.reviewButton = this.card.getByRole('button', { name: 'Review idle members…' });
    this.review = this.card.getByRole('region', { name: 'Idle members to review' });
    this.summary = this.review.getByText(/ inactive for over [\d,]+ days? as of /);
    this.table = this.review.getByRole('table', { name: 'Idle members to review' });
    this.rows = this.table.getByRole('row').filter({ has: page.getByRole('cell') });
    this.selected = this.review.getByRole('group', { name: 'Release' }).getByText(/ selected$/);
    this.includeScim = this.review.getByRole('switch', { name: /^Include members managed by SCIM/ });
    this.includeOwners = this.review.getByRole('switch', { name: /^Include organization owners/ });
    this.exportButton = this.review.getByRole('button', { name: 'Export list' });
    this.releaseButton = this.review.getByRole('button', { name: /^Release [\d,]+ seats?…$/ });
    this.outcome = this.review.getByRole('status', { name: 'Last release' });
  }

  /** Lists the members idle over `days` for review. */
  async open(days: number) {
    await this.days.fill(String(days));
    await this.reviewButton.click();
    await this.review.waitFor();
  }

  /** The checkbox that keeps a member in the release. */
  member(email: string) {
    return this.review.getByRole('checkbox', { name: `Release ${email}` });
  }
}
