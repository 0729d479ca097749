import fs from 'node:fs';
import { startDnsServer } from '../src/main/test-support/dns-server';
import { putOnWaitingList, verifiedDomain } from './domain-helpers';
import { expect, MODE, test } from './fixtures';
import { DomainsPage } from './pages/domains-page';
import { LicensesPage } from './pages/licenses-page';

// Each test runs a real DNS server on 127.0.0.1 and points the enterprise's Settings at it.
let dns: Awaited<ReturnType<typeof startDnsServer>>;
test.beforeEach(async () => {
  dns = await startDnsServer({});
});
test.afterEach(async () => {
  await dns.close();
});

test.describe('Unmanaged accounts', () => {
  // Seven command-line runs to set up, and a domain verified through the app: more than most tests do.
  test.slow();
  test.beforeEach(async ({ app }) => {
    // Removing someone from Licenses keeps their account: on a verified domain it is then unmanaged.
    for (const email of ['ana@acme.example', 'bo@acme.example', 'cy@acme.example']) {
      await app.arrange('members', 'add', '--email', email, '--name', email.split('@')[0]!.toUpperCase());
      await app.arrange('members', 'remove', '--email', email);
    }
    await app.arrange('members', 'add', '--email', 'dee@acme.example');
  });

  test('claiming is refused past the free seats; claimed accounts become members in the default team; others can be invited', async ({ app }) => {
    await app.arrange('teams', 'add', '--name', 'Newcomers');
    await app.arrange('seats', '--set', '2');
    const domains = new DomainsPage(app.page);
    await domains.useDnsServer(dns.address);
    await verifiedDomain(domains, dns);
    await domains.chooseDefaultTeam('Newcomers');
    await expect(domains.notices).toContainText('Accounts captured on acme.example will join Newcomers.');

    const list = domains.unmanaged('Unmanaged accounts on acme.example');
    await expect(list.rows).toHaveCount(3);
    await expect(list.rows).toContainText(['ANA', 'BO', 'CY']);
    await list.search.fill('bo@');
    await expect(list.rows).toHaveCount(1);
    await list.search.fill('');
    await expect(list.rows).toHaveCount(3);

    await list.select('ana@acme.example', 'bo@acme.example');
    await list.claim();
    await expect(list.error).toContainText('No free seats');
    await expect(list.error).toContainText('(2 seats needed, 1 free)');
    await expect(list.rows).toHaveCount(3);
    expect(JSON.parse(app.roster('seats', '--json').stdout).members).toBe(1);

    await list.selection.getByRole('button', { name: 'Clear' }).click();
    await list.select('ana@acme.example');
    await list.claim();
    await expect(domains.notices).toContainText('Claimed 1 account: they are members now, each on a seat.');
    await expect(list.rows).toHaveCount(2);
    await expect(list.error).toHaveCount(0);
    expect(JSON.parse(app.roster('seats', '--json').stdout).members).toBe(2);
    const teams = JSON.parse(app.roster('teams', 'list', '--json').stdout) as { name: string; memberCount: number }[];
    expect(teams.find((team) => team.name === 'Newcomers')?.memberCount).toBe(1);

    await app.arrange('seats', '--set', '5');
    await list.select('bo@acme.example');
    await list.invite();
    await expect(domains.notices).toContainText('Invited 1 account.');
    await expect(await list.cell('bo@acme.example', 'Invited until')).not.toHaveText('—');
    await expect(await list.cell('cy@acme.example', 'Invited until')).toHaveText('—');
    expect(JSON.parse(app.roster('seats', '--json').stdout).pendingInvitations).toBe(1);
  });

  test('export CSV hands the browser a file of every unmanaged account', async ({ app }) => {
    test.skip(MODE === 'electron', 'The desktop app saves through a native dialog instead.');
    const domains = new DomainsPage(app.page);
    await domains.useDnsServer(dns.address);
    await verifiedDomain(domains, dns);
    const list = domains.unmanaged('Unmanaged accounts on acme.example');
    await expect(list.rows).toHaveCount(3);

    const download = app.page.waitForEvent('download');
    await list.exportButton.click();
    const file = await download;

    expect(file.suggestedFilename()).toBe('roster-unmanaged-acme.example.csv');
    const lines = fs.readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Email,Name,Domain,Account created,Last login,Waiting for a seat since,Invited until');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['ana@acme.example', 'bo@acme.example', 'cy@acme.example']);
    await expect(domains.notices).toContainText('Downloaded the unmanaged accounts as roster-unmanaged-acme.example.csv.');
  });

  test('across all domains, accounts waiting for a seat can be shown alone', async ({ app }) => {
    await app.arrange('members', 'add', '--email', 'gus@globex.example', '--name', 'Gus');
    await app.arrange('members', 'remove', '--email', 'gus@globex.example');
    const domains = new DomainsPage(app.page);
    await domains.useDnsServer(dns.address);
    await verifiedDomain(domains, dns, 'acme.example');
    await verifiedDomain(domains, dns, 'globex.example');
    await putOnWaitingList(app.dbPath, 'globex.example', { 'gus@globex.example': '2026-03-01T09:00:00.000Z' });

    await domains.open();
    await expect(domains.row('globex.example')).toContainText('1 waiting for a seat');
    await expect(domains.row('acme.example')).not.toContainText('waiting');
    await domains.unmanagedLink.click();
    await expect(app.page.getByRole('heading', { level: 1, name: 'Unmanaged accounts' })).toBeVisible();
    const list = domains.unmanaged('Unmanaged accounts on all domains');
    await expect(list.rows).toHaveCount(4);
    await expect(await list.cell('gus@globex.example', 'Domain')).toHaveText('globex.example');

    await list.waitingOnly.check();

    await expect(list.rows).toHaveCount(1);
    await expect(await list.cell('gus@globex.example', 'Waiting for a seat')).toContainText('since');
  });

  test('accounts waiting for a seat are announced on their domain, in the sidebar and on Licenses, until they are claimed', async ({ app }) => {
    // dee holds the only seat: domain capture had none for ana and bo.
    await app.arrange('seats', '--set', '1');
    const domains = new DomainsPage(app.page);
    await domains.useDnsServer(dns.address);
    await verifiedDomain(domains, dns);
    const list = domains.unmanaged('Unmanaged accounts on acme.example');
    await expect(list.rows).toHaveCount(3);
    await expect(domains.waitingBanner).toHaveCount(0);
    await expect(domains.waitingBadge).toHaveCount(0);

    await putOnWaitingList(app.dbPath, 'acme.example', { 'bo@acme.example': '2026-03-04T12:00:00.000Z', 'ana@acme.example': '2026-03-01T12:00:00.000Z' });

    // The page follows the other connection's write, and says since when the longest has waited.
    const oldest = await app.page.evaluate(() => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-03-01T12:00:00.000Z')));
    await expect(domains.waitingBanner).toContainText(`2 accounts are waiting for a seat on acme.example, the longest since ${oldest}.`);
    await expect(domains.waitingBanner).toContainText('Free a seat in Licenses, then claim them.');
    await expect(domains.waitingBadge).toHaveAccessibleName('2 accounts waiting for a seat');
    await expect(domains.waitingBadge).toHaveText('2');

    await domains.waitingBanner.getByRole('button', { name: 'Show the 2 waiting accounts' }).click();
    await expect(list.waitingOnly).toBeChecked();
    await expect(list.waitingOnly).toBeFocused();
    await expect(list.rows).toHaveCount(2);
    await expect(list.rows).toContainText(['ANA', 'BO']);

    const licenses = new LicensesPage(app.page);
    await licenses.open();
    await expect(licenses.waitingBanner).toContainText('2 accounts are waiting for a seat. Domain capture found no free seat when they signed up. Free a seat here, then claim them.');
    await licenses.waitingBanner.getByRole('link', { name: 'Show the 2 waiting accounts' }).click();

    await expect(app.page.getByRole('heading', { level: 1, name: 'Unmanaged accounts' })).toBeVisible();
    expect(new URL(app.page.url()).hash).toBe('#/domains/unmanaged?waiting=1');
    const waiting = domains.unmanaged('Unmanaged accounts on all domains');
    await expect(waiting.waitingOnly).toBeChecked();
    await expect(waiting.rows).toHaveCount(2);
    await waiting.table.getByRole('checkbox', { name: 'Select every account on this page' }).check();
    await waiting.claim();
    await expect(waiting.error).toContainText('(2 seats needed, 0 free)');

    // Two seats more, then the claim goes through: nobody waits, and nothing says so.
    await app.arrange('seats', '--set', '3');
    await waiting.claim();
    await expect(domains.notices).toContainText('Claimed 2 accounts: they are members now, each on a seat.');
    await expect(waiting.rows).toHaveCount(0);
    await expect(domains.waitingBadge).toHaveCount(0);
    await licenses.open();
    await expect(licenses.figure('Free')).toHaveText('0');
    await expect(licenses.waitingBanner).toHaveCount(0);
    await domains.openDomain('acme.example');
    await expect(list.rows).toHaveCount(1);
    await expect(domains.waitingBanner).toHaveCount(0);
  });

  test('the Domains screen counts an account on nested domains once', async ({ app }) => {
    await app.arrange('members', 'add', '--email', 'eve@eu.acme.example', '--name', 'EVE');
    await app.arrange('members', 'remove', '--email', 'eve@eu.acme.example');
    const domains = new DomainsPage(app.page);
    await domains.useDnsServer(dns.address);
    await verifiedDomain(domains, dns);
    await domains.subdomains.check();
    await expect(domains.subdomains).toBeChecked();
    // Nothing published for eu.acme.example: its parent's record verifies it.
    await domains.addAndOpen('eu.acme.example');
    await domains.verify();
    await expect(domains.lastCheck).toContainText('Parent record found');

    // ana, bo, cy and eve: eve is on both domains, and counts once.
    await domains.open();
    await expect(domains.rows).toHaveCount(2);
    await expect(domains.unmanagedLink).toHaveText('Unmanaged accounts (4)');
  });
});
