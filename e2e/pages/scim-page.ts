import type { Locator, Page } from '@playwright/test';

/** The SCIM screen: the server card, the tokens and the request log. */
export class ScimPage {
  readonly heading: Locator;
  readonly server: Locator;
  readonly serverStatus: Locator;
  readonly port: Locator;
  readonly startButton: Locator;
  readonly stopButton: Locator;
  readonly baseUrl: Locator;
  readonly copyBaseUrl: Locator;
  readonly tokens: Locator;
  readonly newTokenButton: Locator;
  readonly dialog: Locator;
  readonly secret: Locator;
  readonly requests: Locator;
  readonly requestRows: Locator;
  readonly search: Locator;
  readonly outcome: Locator;
  readonly method: Locator;
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'SCIM' });
    this.server = page.getByRole('region', { name: 'Server' });
    this.serverStatus = this.server.getByRole('status', { name: 'Server status' });
    this.port = this.server.getByLabel('Port', { exact: true });
    this.startButton = this.server.getByRole('button', { name: 'Start' });
    this.stopButton = this.server.getByRole('button', { name: 'Stop' });
    this.baseUrl = this.server.getByLabel('Base URL', { exact: true });
    this.copyBaseUrl = this.server.getByRole('button', { name: 'Copy base URL' });
    this.tokens = page.getByRole('table', { name: 'Tokens' });
    this.newTokenButton = page.getByRole('button', { name: 'New token' });
    this.dialog = page.getByRole('dialog');
    this.secret = this.dialog.getByLabel('New token', { exact: true });
    this.requests = page.getByRole('table', { name: 'SCIM requests' });
    this.requestRows = this.requests.locator('tbody tr:not(.empty-row)');
    this.search = page.getByRole('searchbox', { name: 'Search requests' });
    this.outcome = page.getByRole('combobox', { name: 'Outcome' });
    this.method = page.getByRole('combobox', { name: 'Method' });
    this.notices = page.getByRole('status', { name: 'Notices' });
  }

  async open() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SCIM' }).click();
    await this.heading.waitFor();
  }

  /** Starts the server on a port (0: any free one) and answers its base URL. */
  async start(port: number): Promise<string> {
    await this.port.fill(String(port));
    await this.startButton.click();
    await this.baseUrl.waitFor();
    return (await this.baseUrl.textContent())!.trim();
  }

  /** Creates a token in the dialog and answers the secret it shows once; the dialog stays open. */
  async createToken(name: string, expiresInDays?: number): Promise<string> {
    await this.newTokenButton.click();
    await this.dialog.getByLabel('Name', { exact: true }).fill(name);
    if (expiresInDays !== undefined) await this.dialog.getByLabel('Expires in (days)').fill(String(expiresInDays));
    await this.dialog.getByRole('button', { name: 'Create token' }).click();
    await this.secret.waitFor();
    return (await this.secret.textContent())!.trim();
  }

  token(name: string): Locator {
    return this.tokens.getByRole('row').filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  async revoke(name: string) {
    await this.tokens.getByRole('button', { name: `Revoke ${name}` }).click();
    await this.dialog.getByRole('button', { name: 'Revoke token' }).click();
    await this.dialog.waitFor({ state: 'detached' });
  }

  /** Request rows whose text has all of these parts, in the column order (time, token, method, path, status, ms, detail). */
  request(...parts: string[]): Locator {
    return parts.reduce((rows, part) => rows.filter({ hasText: part }), this.requestRows);
  }
}
