import type { Browser, Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { OrganizationPage } from './pages/organization-page';
import { OrganizationsPage } from './pages/organizations-page';
import { startConsoleServer, type ConsoleServer } from './support/console-server';

// Several admins on one `roster server` at once: each in a browser of their own, signed in with a password.
// One server for the file, its tests one after another.
test.describe.configure({ mode: 'default' });

const PASSWORD = 'correct horse battery staple';
let roster: ConsoleServer;

test.beforeAll(async () => {
  roster = await startConsoleServer('enterprise', [
    { email: 'ana@acme.com', role: 'admin', name: 'Ana Ruiz', password: PASSWORD },
    { email: 'bo@acme.com', role: 'admin', name: 'Bo Lee', password: PASSWORD },
  ]);
});

test.afterAll(async () => {
  await roster?.close();
});

/** A browser of its own (its own cookie), signed in as `email`. */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new ConsolePage(page, roster.server.url).signIn(email, PASSWORD);
  return page;
}

test.describe('Several admins on one server', () => {
  test("each sees the other's changes, and the command line's on the server's machine, without reloading", async ({ browser }) => {
    const [ana, bo] = await Promise.all([signedIn(browser, 'ana@acme.com'), signedIn(browser, 'bo@acme.com')]);
    try {
      const anaOrgs = new OrganizationsPage(ana);
      const boOrgs = new OrganizationsPage(bo);
      await Promise.all([anaOrgs.open(), boOrgs.open()]);

      await anaOrgs.create('Research');
      await expect(anaOrgs.row('Research')).toHaveCount(1);
      // Bo's screen follows, told by the server's event stream.
      await expect(boOrgs.row('Research')).toHaveCount(1);

      await boOrgs.rename('Research', 'Research Lab');
      await expect(anaOrgs.row('Research Lab')).toHaveCount(1);

      // Another process on the same store: the server sees its commit, and tells both.
      expect(roster.roster('orgs', 'rename', '--name', 'Research Lab', '--to', 'Applied Research')).toMatchObject({ status: 0 });
      await expect(anaOrgs.row('Applied Research')).toHaveCount(1);
      await expect(boOrgs.row('Applied Research')).toHaveCount(1);
    } finally {
      await Promise.all([ana.context().close(), bo.context().close()]);
    }
  });

  test('a rename saved from a dialog opened before another admin renamed it is refused, naming them', async ({ browser }) => {
    expect(roster.roster('orgs', 'add', '--name', 'Engineering')).toMatchObject({ status: 0 });
    const [ana, bo] = await Promise.all([signedIn(browser, 'ana@acme.com'), signedIn(browser, 'bo@acme.com')]);
    try {
      const anaOrg = new OrganizationPage(ana, 'Engineering');
      const boOrg = new OrganizationPage(bo, 'Engineering');
      await Promise.all([anaOrg.open(), boOrg.open()]);

      // Bo starts renaming; Ana renames first.
      await bo.getByRole('button', { name: 'Rename', exact: true }).click();
      await expect(boOrg.dialog).toBeVisible();
      await ana.getByRole('button', { name: 'Rename', exact: true }).click();
      await anaOrg.dialog.getByLabel('Name', { exact: true }).fill('Platform');
      await anaOrg.dialog.getByRole('button', { name: 'Rename' }).click();
      await expect(ana.getByRole('heading', { level: 1, name: 'Platform' })).toBeVisible();
      // Bo's page follows; the dialog, opened before, still holds the old name.
      await expect(bo.getByRole('heading', { level: 1, name: 'Platform' })).toBeVisible();

      await boOrg.dialog.getByLabel('Name', { exact: true }).fill('Eng');
      await boOrg.dialog.getByRole('button', { name: 'Rename' }).click();
      await expect(boOrg.notices).toContainText(
        /Ana Ruiz \(ana@acme\.com\) renamed Engineering to Platform at \d\d:\d\d UTC, after you opened it\. Nothing was saved: review the new name and save again\./,
      );
      await expect(bo.getByRole('heading', { level: 1, name: 'Platform' })).toBeVisible();
      expect(JSON.parse(roster.roster('orgs', 'list', '--json').stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Platform' })]));
    } finally {
      await Promise.all([ana.context().close(), bo.context().close()]);
    }
  });

  test('a session idle for 12 hours ends: the next call takes the console back to sign-in, saying why', async ({ browser }) => {
    const bo = await signedIn(browser, 'bo@acme.com');
    try {
      // Twelve hours and a minute pass without a call (the session's last use set back in the server's own store).
      const store = new Database(roster.dbPath, { timeout: 5000 });
      try {
        const lastUse = new Date(Date.now() - 12 * 60 * 60 * 1000 - 60_000).toISOString();
        const aged = store
          .prepare("UPDATE admin_sessions SET last_seen_at = ? WHERE ended_at IS NULL AND admin_id = (SELECT id FROM admins WHERE email_key = 'bo@acme.com' AND removed_at IS NULL)")
          .run(lastUse);
        // This browser's session, and any left from Bo's earlier browsers in this file.
        expect(aged.changes).toBeGreaterThanOrEqual(1);
      } finally {
        store.close();
      }
      const console = new ConsolePage(bo, roster.server.url);
      await bo.evaluate(() => (window.location.hash = '#/teams'));
      await console.expectSignInScreen();
      await expect(console.reason).toHaveText('Your session ended: idle for 12 hours. Sign in again.');
    } finally {
      await bo.context().close();
    }
  });

  test('a console whose event stream was cut while the server restarted shows what changed meanwhile, still signed in', async ({ browser }) => {
    const ana = await signedIn(browser, 'ana@acme.com');
    try {
      const orgs = new OrganizationsPage(ana);
      await orgs.open();
      // While the server is down, the command line changes the store: no event tells anyone.
      await roster.restart(() => expect(roster.roster('orgs', 'add', '--name', 'Made while away')).toMatchObject({ status: 0 }));
      // The stream comes back on its own, and a reconnected stream reloads everything the window shows.
      await expect(orgs.row('Made while away')).toHaveCount(1);
      await expect(new ConsolePage(ana, roster.server.url).signedIn).toContainText('ana@acme.com · Admin');
    } finally {
      await ana.context().close();
    }
  });
});
