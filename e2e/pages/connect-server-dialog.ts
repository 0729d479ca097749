import type { Locator, Page } from '@playwright/test';

/** File → Connect to a Server… and the first-run screen's "Connect to a Roster server…". */
export class ConnectServerDialog {
  readonly dialog: Locator;
  readonly address: Locator;
  readonly token: Locator;
  readonly signInWithBrowser: Locator;
  readonly useApiToken: Locator;
  readonly connect: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Connect to a Roster server' });
    this.address = this.dialog.getByLabel('Server address');
    this.token = this.dialog.getByLabel('API token');
    this.signInWithBrowser = this.dialog.getByRole('button', { name: 'Sign in with your browser' });
    this.useApiToken = this.dialog.getByRole('button', { name: 'Use an API token' });
    this.connect = this.dialog.getByRole('button', { name: 'Connect', exact: true });
    this.alert = this.dialog.locator('.form-error');
  }

  /** The message under a field, by its label. */
  fieldError(label: 'Server address' | 'API token'): Locator {
    return this.dialog.locator('.field').filter({ has: this.page.getByLabel(label) }).locator('.field-error');
  }
}
