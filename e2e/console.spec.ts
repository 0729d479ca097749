import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { startConsoleServer, type ConsoleServer } from './support/console-server';

// One `roster server` on a demo store for the whole file, its tests one after another in one worker; each test is a
// fresh browser, and each signs in as an admin of its own (the sign-in limit counts failures per account).
test.describe.configure({ mode: 'default' });

const PASSWORD = 'correct horse battery staple';
const ADMINS = [
  ['ana@acme.com', 'admin', 'Ana Ruiz'],
  ['wrong@acme.com', 'admin', ''],
  ['locked@acme.com', 'admin', ''],
  ['leaves@acme.com', 'admin', ''],
  ['ended@acme.com', 'admin', ''],
  ['audrey@acme.com', 'auditor', ''],
] as const;

/** Buttons that would change something: none of them may show to an auditor. */
const CHANGES = /^(Invite|Add|New|Rename|Delete|Remove|Save|Change|Revoke|Resend|Restore|Back up|Link|Unlink|Claim|Release|Verify|Check again|Import|Create|Mark|Start|Stop)\b/;

let roster: ConsoleServer;

test.beforeAll(async () => {
  roster = await startConsoleServer(
    'demo',
    ADMINS.map(([email, role, name]) => ({ email, role, name: name || undefined, password: PASSWORD })),
  );
});

test.afterAll(async () => {
  await roster?.close();
});

test.describe("The server's web console", () => {
  test("a password sign-in lands in the console, which says who is signed in, and an admin sees the enterprise's changes but no owner's", async ({ page }) => {
    const console = new ConsolePage(page, roster.server.url);
    await console.open();
    await console.expectSignInScreen();
    await expect(console.email).toBeFocused();
    await console.submit('ana@acme.com', PASSWORD);
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Licenses' })).toBeVisible();
    await expect(console.signedIn).toContainText('Ana Ruiz');
    await expect(console.signedIn).toContainText('ana@acme.com · Admin');
    // An admin changes the enterprise's data: the controls are there.
    await expect(page.getByRole('button', { name: 'Add member' })).toBeVisible();
    // A reload keeps the session (the cookie), and the page asks for nothing again.
    await page.reload();
    await expect(console.signedIn).toContainText('ana@acme.com · Admin');

    // ...and none of the owners': SCIM tokens, the settings' Save, restores.
    await page.getByRole('link', { name: 'SCIM' }).click();
    await expect(page.getByRole('region', { name: 'Tokens' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'New token' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('button', { name: 'Change seats' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now' })).toBeVisible();
    await expect(page.getByLabel('Invitations expire after (days)')).toHaveAttribute('readonly', '');
    for (const owners of ['Save', 'Save the rule', 'Save invite rule', 'Restore…']) await expect(page.getByRole('button', { name: owners, exact: true })).toHaveCount(0);
  });

  test('a wrong password says so, keeps the address and signs no one in', async ({ page }) => {
    const console = new ConsolePage(page, roster.server.url);
    await console.open();
    await console.submit('wrong@acme.com', 'not the password at all');
    await expect(console.error).toContainText('do not match');
    await expect(console.email).toHaveValue('wrong@acme.com');
    await expect(console.password).toHaveValue('');
    await expect(console.password).toBeFocused();
    await console.expectSignInScreen();
  });

  test('after repeated failures, the sign-in says when to try again, even with the right password', async ({ page }) => {
    const console = new ConsolePage(page, roster.server.url);
    await console.open();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await console.submit('locked@acme.com', `wrong password ${attempt}`);
      await expect(console.error).toContainText('do not match');
    }
    await console.submit('locked@acme.com', PASSWORD);
    await expect(console.error).toContainText(/Too many failed sign-ins for locked@acme\.com\. Try again in \d+ minutes?, at \d\d:\d\d UTC\./);
    await console.expectSignInScreen();
  });

  test('signing out returns to the sign-in screen, and a call with the old session is refused', async ({ page }) => {
    const console = new ConsolePage(page, roster.server.url);
    await console.signIn('leaves@acme.com', PASSWORD);
    const csrf = await page.evaluate(async () => ((await (await fetch('/auth/session')).json()) as { value: { csrfToken: string } }).value.csrfToken);
    await console.signOutButton.click();
    await console.expectSignInScreen();
    await expect(console.reason).toHaveText('You signed out.');
    const status = await page.evaluate(
      async (token) => (await fetch('/api/invoke/orgs:list', { method: 'POST', headers: { 'x-roster-csrf': token } })).status,
      csrf,
    );
    expect(status).toBe(401);
    // Nothing the admin saw stays behind: the page holds no enterprise's data.
    await expect(page.getByText('Licenses')).toHaveCount(0);
  });

  test('a session ended on the server takes the console back to sign-in, saying why', async ({ page }) => {
    const console = new ConsolePage(page, roster.server.url);
    await console.signIn('ended@acme.com', PASSWORD);
    const listed = roster.roster('sessions', 'list', '--json');
    expect(listed.status, listed.stderr).toBe(0);
    const session = (JSON.parse(listed.stdout) as { id: number; adminEmail: string }[]).find((entry) => entry.adminEmail === 'ended@acme.com')!;
    expect(roster.roster('sessions', 'end', '--id', String(session.id)).status).toBe(0);

    // The next call the page makes meets the ended session: opening another screen, or the refresh the change itself
    // brings (whichever comes first; the address changes either way).
    await page.evaluate(() => (window.location.hash = '#/teams'));
    await console.expectSignInScreen();
    await expect(console.reason).toContainText('Your session ended');
    // Signing in again opens the console where the admin was.
    await console.submit('ended@acme.com', PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  });

  test("an auditor's console reads and exports, and offers no change on its main screens", async ({ page }) => {
    const console = new ConsolePage(page, roster.server.url);
    await console.signIn('audrey@acme.com', PASSWORD);
    await expect(console.signedIn).toContainText('audrey@acme.com · Auditor');
    await expect(page.getByRole('note').filter({ hasText: 'Auditor: you can read and export; changes are made by admins.' })).toBeVisible();

    const expectNoChanges = async (screen: string) => {
      const offered = (await console.controls()).filter((name) => CHANGES.test(name));
      expect(offered, `change controls on ${screen}`).toEqual([]);
    };

    // Licenses: the seats and their export, no invitations, members, menus or selection.
    await expect(page.getByRole('table', { name: 'Seats' }).locator('tbody tr').first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Download activity report' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Actions for / })).toHaveCount(0);
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await expectNoChanges('Licenses');

    await page.getByRole('link', { name: 'Teams' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Teams' }).locator('tbody tr').first()).toBeVisible();
    await expectNoChanges('Teams');

    // A team: its role as text, its organizations without ×, its members without Remove.
    await page.getByRole('table', { name: 'Teams' }).locator('tbody tr').first().getByRole('link').first().click();
    await expect(page.getByRole('region', { name: 'Role and organizations' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: /^Role of / })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Unlink / })).toHaveCount(0);
    await expectNoChanges('a team');

    await page.getByRole('link', { name: 'Organizations' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Organizations' })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Organizations' }).locator('tbody tr').first()).toBeVisible();
    await expectNoChanges('Organizations');

    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect(page.getByLabel('Seats', { exact: true })).toHaveAttribute('readonly', '');
    await expect(page.getByRole('region', { name: 'Backups' })).toBeVisible();
    await expectNoChanges('Settings');
  });

  test('the sign-in screen, with an error, and the signed-in shell have no serious accessibility problem, light or dark', async ({ page }) => {
    const console = new ConsolePage(page, roster.server.url);
    const serious = async (where: string) => {
      const { violations } = await new AxeBuilder({ page }).analyze();
      const found = violations.filter((violation) => violation.impact === 'critical' || violation.impact === 'serious').map((violation) => `${violation.id}: ${violation.help}`);
      expect(found, where).toEqual([]);
    };
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await console.open('/?signin_error=cancelled');
      await expect(console.error).toHaveText('The sign-in was cancelled at the identity provider.');
      await serious(`sign-in, ${colorScheme}`);
    }
    // The code was read once: the address no longer carries it.
    expect(new URL(page.url()).search).toBe('');
    await console.submit('ana@acme.com', PASSWORD);
    await expect(console.signedIn).toContainText('ana@acme.com · Admin');
    await serious('the shell, dark');
  });
});
