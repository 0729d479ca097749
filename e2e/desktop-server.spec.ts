import type { ElectronApplication } from '@playwright/test';
import { expect, MODE, test } from './fixtures';
import { ConnectServerDialog } from './pages/connect-server-dialog';
import { OrganizationsPage } from './pages/organizations-page';
import { startConsoleServer, type ConsoleServer } from './support/console-server';

// The desktop app on a real `roster server`, through File → Connect to a Server… with an API token (signing in with
// the browser needs a browser the test does not drive). Electron only: ROSTER_E2E_MODE=electron.
test.describe.configure({ mode: 'default' });

let roster: ConsoleServer;
const tokens: Record<'owner' | 'auditor', string> = { owner: '', auditor: '' };

test.describe('The desktop app on a Roster server (Electron window)', () => {
  test.skip(MODE !== 'electron', 'needs Electron: run with ROSTER_E2E_MODE=electron');

  test.beforeAll(async () => {
    roster = await startConsoleServer('enterprise', [
      { email: 'ana@acme.com', role: 'owner' },
      { email: 'audrey@acme.com', role: 'auditor' },
    ]);
    for (const [role, email] of [['owner', 'ana@acme.com'], ['auditor', 'audrey@acme.com']] as const) {
      const created = roster.roster('admins', 'token', 'create', '--email', email, '--name', 'e2e');
      if (created.status !== 0) throw new Error(created.stderr);
      tokens[role] = created.stdout.split('\n').at(-1)!;
    }
    expect(roster.roster('orgs', 'add', '--name', 'Research on the server').status).toBe(0);
  });

  test.afterAll(async () => {
    await roster?.close();
  });

  /** Clicks "Menu → Item" through the menu Electron built, as a user would. */
  async function clickMenu(electronApp: ElectronApplication, menu: string, item: string): Promise<void> {
    await electronApp.evaluate(({ Menu }, [menuLabel, itemLabel]) => {
      const plain = (label: string) => label.replace('&', '');
      const top = Menu.getApplicationMenu()!.items.find((entry) => plain(entry.label) === menuLabel);
      const entry = top?.submenu?.items.find((candidate) => plain(candidate.label) === itemLabel);
      if (!entry) throw new Error(`No menu item ${menuLabel} → ${itemLabel}`);
      entry.click();
    }, [menu, item] as const);
  }

  test('File → Connect to a Server… with an API token: the window works on the server and says where and as whom', async ({ app }) => {
    const host = new URL(roster.server.url).host;
    await clickMenu(app.electronApp!, 'File', 'Connect to a Server…');
    const connect = new ConnectServerDialog(app.page);
    await connect.address.fill(roster.server.url);
    await connect.useApiToken.click();
    await connect.token.fill('roster_api_not_a_real_token');
    await connect.connect.click();
    await expect(connect.alert).toHaveText(new RegExp(`^${host.replace('.', '\\.')} does not accept that API token`));

    await connect.token.fill(tokens.owner);
    await connect.connect.click();
    await expect(connect.dialog).toBeHidden();
    const sidebar = app.page.getByRole('navigation', { name: 'Main' });
    await expect(sidebar).toContainText(host);
    await expect(sidebar).toContainText('signed in as ana@acme.com, owner');
    await expect(app.page).toHaveTitle(new RegExp(`${host} — signed in as ana@acme.com, owner$`));

    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await expect(orgs.row('Research on the server')).toBeVisible();

    // File → Open Recent lists the server, with its admin, beside the databases.
    const recent = await app.electronApp!.evaluate(({ Menu }) => {
      const file = Menu.getApplicationMenu()!.items.find((entry) => entry.label.replace('&', '') === 'File');
      return file?.submenu?.items.find((entry) => entry.label === 'Open Recent')?.submenu?.items.map((entry) => entry.label) ?? [];
    });
    expect(recent.join('\n')).not.toContain(`${host} — ana@acme.com`); // the server open now is not offered again
  });

  test('an auditor’s token: the window offers no change', async ({ app }) => {
    await clickMenu(app.electronApp!, 'File', 'Connect to a Server…');
    const connect = new ConnectServerDialog(app.page);
    await connect.address.fill(roster.server.url);
    await connect.useApiToken.click();
    await connect.token.fill(tokens.auditor);
    await connect.connect.click();
    await expect(app.page.getByRole('navigation', { name: 'Main' })).toContainText('signed in as audrey@acme.com, auditor');
    await expect(app.page.getByRole('note')).toHaveText('Auditor: you can read and export; changes are made by admins.');
    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await expect(orgs.row('Research on the server')).toBeVisible();
    await expect(app.page.getByRole('button', { name: /^New organization/ })).toHaveCount(0);
  });
});
