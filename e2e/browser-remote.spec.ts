import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { startServerProcess } from '../src/main/server/test-support/server-process';
import { expect, test } from './fixtures';
import { BackupsPage } from './pages/backups-page';
import { OrganizationsPage } from './pages/organizations-page';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { CLI_MAIN } from './support/files';
import { startRemoteBrowserMode, type RemoteBrowserMode } from './support/remote-browser';

// Browser mode working on a real `roster server` (browser.js --server URL --token T): one server for the whole file,
// its tests one after another; each test starts its own browser mode with the token of the admin it needs.
test.describe.configure({ mode: 'default' });

let roster: ConsoleServer;
const tokens: Record<'owner' | 'auditor', string> = { owner: '', auditor: '' };
const running: RemoteBrowserMode[] = [];

/** Buttons that would change something. */
const CHANGES = /^(Invite|Add|New|Rename|Delete|Remove|Save|Change|Revoke|Resend|Restore|Back up|Link|Unlink|Claim|Release|Verify|Import|Create|Start|Stop)\b/;

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
  expect(roster.roster('orgs', 'add', '--name', 'Research').status).toBe(0);
});

test.afterAll(async () => {
  await Promise.all(running.map((mode) => mode.stop()));
  await roster?.close();
});

/** Browser mode on the server as `role`, opened in `page` and ready. */
async function openAs(page: Page, role: 'owner' | 'auditor'): Promise<RemoteBrowserMode> {
  const mode = await startRemoteBrowserMode(roster.server.url, tokens[role]);
  running.push(mode);
  await page.goto(mode.url);
  await page.locator('[data-app-state="ready"]').waitFor();
  return mode;
}

/** A change another admin makes through the server's API. */
async function createOrgThroughApi(name: string) {
  const response = await fetch(`${roster.server.url}/api/invoke/orgs:create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.owner}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(await response.json()).toMatchObject({ ok: true });
}

test.describe('Browser mode on a Roster server', () => {
  test("shows the server's data, says where it works, and shows another admin's change without a reload", async ({ page }) => {
    const mode = await openAs(page, 'owner');
    expect(mode.output()).toContain(`on the server ${roster.server.url} as ana@acme.com (owner)`);
    const host = new URL(roster.server.url).host;
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText(host);
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('ana@acme.com');

    const orgs = new OrganizationsPage(page);
    await orgs.open();
    await expect(orgs.row('Research')).toBeVisible();
    await createOrgThroughApi('Design');
    await expect(orgs.row('Design')).toBeVisible();

    // A change made here is the server's, under this admin.
    await orgs.create('Marketing');
    await expect(orgs.row('Marketing')).toBeVisible();
    const audit = roster.roster('audit');
    expect(audit.stdout.split('\n').find((line) => line.includes('Marketing'))).toContain('ana@acme.com (app)');

    // A backup made from here is the server's, kept on the server's machine: listed, restorable by an owner, not downloaded.
    const backups = new BackupsPage(page);
    await backups.open();
    await backups.backUpNow.click();
    await expect(backups.rows).toHaveCount(1);
    await expect(backups.rows.first().getByRole('button', { name: /Restore/ })).toBeVisible();
    await expect(backups.section.getByRole('button', { name: 'Download' })).toHaveCount(0);
  });

  test('says when the server is lost, offers no change meanwhile, and reloads what changed when it is back', async ({ page }) => {
    await openAs(page, 'owner');
    const orgs = new OrganizationsPage(page);
    await orgs.open();
    await expect(orgs.newButton).toBeVisible();
    const host = new URL(roster.server.url).host;
    const port = new URL(roster.server.url).port;

    roster.server.child.kill('SIGTERM');
    await roster.server.exited;
    const banner = page.getByRole('alert', { name: 'Not connected' });
    await expect(banner).toContainText(`Not connected to ${host} since`);
    await expect(banner).toContainText('changes are off until it is back. Retrying…');
    // What was there stays; nothing that would change it is offered.
    await expect(orgs.row('Research')).toBeVisible();
    await expect(orgs.newButton).toHaveCount(0);

    // Changed while this window could not hear it: seen when the server is back.
    expect(roster.roster('orgs', 'add', '--name', 'While Away').status).toBe(0);
    roster.server = await startServerProcess(CLI_MAIN, ['--db', roster.dbPath, '--port', port], { ROSTER_USER_DATA_DIR: roster.dataDir });
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
    await expect(orgs.row('While Away')).toBeVisible();
    await expect(orgs.newButton).toBeVisible();
  });

  test("visits every screen of the sidebar, and a team's, an organization's and a domain's page, each with the server's data and no error", async ({ page }) => {
    // Made on the server's store before: browser mode on a server has no store of its own to show them from.
    for (const words of [
      ['members', 'add', '--email', 'rita.remote@acme.com'],
      ['teams', 'add', '--name', 'Remote Platform'],
      ['teams', 'link', '--team', 'Remote Platform', '--org', 'Research'],
      ['teams', 'members', 'add', '--team', 'Remote Platform', '--email', 'rita.remote@acme.com'],
      ['domains', 'add', '--domain', 'remote-e2e.example'],
      ['scim', 'token', 'create', '--name', 'Remote IdP'],
    ]) {
      expect(roster.roster(...words), words.join(' ')).toMatchObject({ status: 0 });
    }
    await openAs(page, 'owner');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const main = page.getByRole('main');
    /** What each screen of the sidebar shows that only the server's store holds. */
    const expected: Record<string, string> = {
      Licenses: 'rita.remote@acme.com',
      Teams: 'Remote Platform',
      Organizations: 'Research',
      Domains: 'remote-e2e.example',
      Activity: 'rita.remote@acme.com',
      SCIM: 'Remote IdP',
      'Audit log': 'Remote Platform',
      Settings: 'Northwind Traders',
    };
    const screens = await nav.getByRole('link').allTextContents();
    expect(screens.map((text) => text.trim().replace(/\d+ waiting for a seat$/, '').trim())).toEqual(expect.arrayContaining(Object.keys(expected)));
    /** Opens a screen by a link's name and checks what it shows. */
    const visit = async (link: ReturnType<Page['getByRole']>, heading: string, shows: string) => {
      await link.click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      if (heading === 'Settings') await expect(main.getByRole('region', { name: 'Enterprise' }).getByLabel('Name')).toHaveValue(shows);
      else await expect(main, heading).toContainText(shows);
      await expect(page.getByRole('alert'), `${heading} shows no error`).toHaveCount(0);
    };
    for (const [screen, shows] of Object.entries(expected)) await visit(nav.getByRole('link', { name: screen }), screen, shows);

    await nav.getByRole('link', { name: 'Teams' }).click();
    await visit(main.getByRole('link', { name: 'Remote Platform', exact: true }), 'Remote Platform', 'rita.remote@acme.com');
    await nav.getByRole('link', { name: 'Organizations' }).click();
    await visit(main.getByRole('link', { name: 'Research', exact: true }), 'Research', 'Remote Platform');
    await nav.getByRole('link', { name: 'Domains' }).click();
    await visit(main.getByRole('link', { name: 'remote-e2e.example', exact: true }), 'remote-e2e.example', 'Not verified');
  });

  test("an auditor's window offers no change", async ({ page }) => {
    await openAs(page, 'auditor');
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('audrey@acme.com');
    const orgs = new OrganizationsPage(page);
    await orgs.open();
    await expect(orgs.row('Research')).toBeVisible();
    await expect(page.getByRole('button', { name: CHANGES })).toHaveCount(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licenses' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Licenses' })).toBeVisible();
    await expect(page.getByRole('button', { name: CHANGES })).toHaveCount(0);
  });

  test("an auditor takes an offline copy of the server from Settings → Backups: the browser downloads an SQLite file, a copy of the server, audited there", async ({ page }) => {
    await openAs(page, 'auditor');
    const backups = new BackupsPage(page);
    await backups.open();
    const downloading = page.waitForEvent('download');
    await backups.section.getByRole('button', { name: 'Take an offline copy…' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^roster-copy-127\.0\.0\.1-\d{4}-\d\d-\d\d\.db$/);
    await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Took an offline copy');
    const file = (await download.path())!;
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    const { default: Database } = await import('better-sqlite3');
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.prepare('SELECT of, taken_by FROM snapshot_info').get()).toEqual({ of: new URL(roster.server.url).hostname, taken_by: 'audrey@acme.com' });
    } finally {
      copy.close();
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const audit = roster.roster('audit', '--json');
    expect(audit.stdout).toContain(sha256);
  });

  test('refuses a server of another contract version, saying which to upgrade', async () => {
    // A server from the future: only its version answers.
    const future = http.createServer((request, response) => {
      response.writeHead(request.url === '/api/version' ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(request.url === '/api/version' ? { version: '9.0.0', contract: 999 } : { ok: false, error: { code: 'NOT_FOUND', message: 'No.' } }));
    });
    await new Promise<void>((resolve) => future.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(future.address() as AddressInfo).port}`;
    try {
      const refused = await startRemoteBrowserMode(`http://${address}`, tokens.owner).then(
        () => null,
        (error: { output: string; code: number }) => error,
      );
      expect(refused?.code).toBe(1);
      expect(refused?.output).toMatch(new RegExp(`is older than the server at ${address.replace(/\./g, '\\.')} \\(9\\.0\\.0, contract 999\\): upgrade this app\\.`));
    } finally {
      future.close();
    }
  });
});
