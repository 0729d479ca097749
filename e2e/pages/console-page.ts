import { expect, type Locator, type Page } from '@playwright/test';

/** The server's web console: its sign-in screen, and who is signed in once past it. */
export class ConsolePage {
  readonly email: Locator;
  readonly password: Locator;
  readonly signInButton: Locator;
  /** The sign-in screen's refusal (a wrong password, too many attempts, the provider's redirect back). */
  readonly error: Locator;
  /** Why a session ended, said on the sign-in screen. */
  readonly reason: Locator;
  /** Who is signed in, in the sidebar. */
  readonly signedIn: Locator;
  readonly signOutButton: Locator;

  constructor(
    readonly page: Page,
    readonly url: string,
  ) {
    this.email = page.getByLabel('Email');
    this.password = page.getByLabel('Password');
    this.signInButton = page.getByRole('button', { name: 'Sign in', exact: true });
    this.error = page.locator('.sign-in-card').getByRole('alert');
    this.reason = page.locator('.sign-in-card').getByRole('status');
    this.signedIn = page.getByLabel('Signed in');
    this.signOutButton = page.getByRole('button', { name: 'Sign out' });
  }

  async open(path = '/') {
    await this.page.goto(`${this.url}${path}`);
    await this.page.locator('[data-app-state="signed-out"], [data-app-state="ready"]').waitFor();
  }

  async submit(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.signInButton.click();
  }

  async signIn(email: string, password: string) {
    await this.open();
    await this.submit(email, password);
    await this.page.locator('[data-app-state="ready"]').waitFor();
  }

  async expectSignInScreen() {
    await expect(this.page.locator('[data-app-state="signed-out"]')).toBeVisible();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Sign in to Roster' })).toBeVisible();
  }

  /** The names of the buttons and links showing on the page now (what an admin could press). */
  async controls(): Promise<string[]> {
    const named = await this.page.locator('main').getByRole('button').evaluateAll((nodes) =>
      nodes.filter((node) => (node as HTMLElement).offsetParent !== null).map((node) => (node.getAttribute('aria-label') ?? node.textContent ?? '').trim()),
    );
    return named;
  }
}
