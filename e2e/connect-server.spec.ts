import AxeBuilder from '@axe-core/playwright';
import { expect, MODE, test } from './fixtures';
import { ConnectServerDialog } from './pages/connect-server-dialog';
import { FirstRunPage } from './pages/first-run-page';

// Browser mode shows the dialog and checks the address as the desktop app does; connecting is the desktop app's own
// (servers:connect is a local channel), so here it is refused with a message and nothing changes.
test.describe('Connecting to a Roster server', () => {
  test.use({ seed: 'empty' });
  test.skip(MODE === 'electron', 'the desktop app signs in for real: e2e/desktop-server.spec.ts');

  test('the first-run screen offers a server beside a new enterprise and the demo; the dialog checks the address', async ({ app }) => {
    const firstRun = new FirstRunPage(app.page);
    await expect(firstRun.heading).toBeVisible();
    await expect(app.page.getByRole('heading', { name: 'Or connect to a Roster server' })).toBeVisible();
    await app.page.getByRole('button', { name: 'Connect to a Roster server…' }).click();

    const connect = new ConnectServerDialog(app.page);
    await expect(connect.dialog).toBeVisible();
    await expect(connect.address).toBeFocused();

    await connect.signInWithBrowser.click();
    await expect(connect.fieldError('Server address')).toHaveText('Enter the server’s address, such as https://roster.acme.com');

    await connect.address.fill('http://roster.acme.com');
    await connect.address.press('Enter');
    await expect(connect.fieldError('Server address')).toHaveText(
      'Use https for roster.acme.com: over plain http anyone on the network could read your sign-in. Plain http is allowed only for localhost and 127.0.0.1.',
    );
    await connect.address.fill('https://roster.acme.com/console');
    await connect.signInWithBrowser.click();
    await expect(connect.fieldError('Server address')).toHaveText('Enter only the server’s address (https://roster.acme.com), without a path.');

    // A valid address goes to main, which in browser mode says the desktop app connects, and changes nothing.
    await connect.address.fill('roster.acme.com');
    await expect(connect.fieldError('Server address')).toHaveCount(0);
    await connect.signInWithBrowser.click();
    await expect(connect.alert).toHaveText(/^Only the desktop app connects to a Roster server from its window/);

    await connect.dialog.press('Escape');
    await expect(connect.dialog).toBeHidden();
    await expect(firstRun.heading).toBeVisible();
  });

  test('with an API token: the token is asked for, and an empty one is refused before anything is sent', async ({ app }) => {
    await app.page.getByRole('button', { name: 'Connect to a Roster server…' }).click();
    const connect = new ConnectServerDialog(app.page);
    await connect.address.fill('http://127.0.0.1:8443');
    await connect.useApiToken.click();
    await expect(connect.token).toBeFocused();
    await expect(connect.address).toHaveAttribute('readonly', '');

    await connect.connect.click();
    await expect(connect.fieldError('API token')).toHaveText('Paste the API token');
    await connect.token.fill('rst_0123456789abcdef');
    await connect.connect.click();
    await expect(connect.alert).toHaveText(/^Only the desktop app connects to a Roster server from its window/);

    // Back to the address, which can be changed again.
    await connect.dialog.getByRole('button', { name: 'Back' }).click();
    await expect(connect.address).not.toHaveAttribute('readonly', '');
    await expect(connect.token).toHaveCount(0);
  });

  test('the dialog, with its errors showing, passes axe-core in both themes', async ({ app }) => {
    await app.page.getByRole('button', { name: 'Connect to a Roster server…' }).click();
    const connect = new ConnectServerDialog(app.page);
    await connect.address.fill('http://roster.acme.com');
    await connect.signInWithBrowser.click();
    await expect(connect.fieldError('Server address')).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page: app.page }).setLegacyMode().include('dialog').analyze();
      expect(results.violations.map((violation) => `${colorScheme}: ${violation.id} ${violation.help}`)).toEqual([]);
    }
  });
});
