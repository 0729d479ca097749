import fs from 'node:fs';
import { expect, test } from './fixtures';
import { LicensesPage } from './pages/licenses-page';

test.describe('Licenses', () => {
  test('an admin adds a member, who is listed with why and since when, and the summary counts the seat', async ({ app }) => {
    const licenses = new LicensesPage(app.page);
    await expect(licenses.heading).toBeVisible();
    await expect(app.page).toHaveTitle('Licenses · Roster');
    await expect(licenses.figure('Free')).toHaveText('50');

    await licenses.addMember('ana.lima@acme.com', 'Ana Lima');

    await expect(licenses.dialog).toBeHidden();
    const row = licenses.row('ana.lima@acme.com');
    await expect(row).toContainText('Ana Lima');
    await expect(row).toContainText('Member');
    await expect(row).toContainText('Added by hand');
    await expect(licenses.figure('In use')).toHaveText('1');
    await expect(licenses.figure('Free')).toHaveText('49');
    await expect(licenses.notices).toContainText('Added ana.lima@acme.com on a seat.');
  });

  test('with no free seat, adding a member is refused with the numbers, and nothing changes', async ({ app }) => {
    await app.arrange('seats', '--set', '2');
    await app.arrange('members', 'add', '--email', 'ana@acme.com');
    await app.arrange('invite', '--email', 'bo@acme.com');
    const licenses = new LicensesPage(app.page);
    await licenses.page.reload();
    await expect(licenses.figure('Free')).toHaveText('0');

    await licenses.addMember('cy@acme.com');

    await expect(licenses.dialog.getByRole('alert')).toHaveText(
      'No free seats: 2 of 2 in use (1 member, 1 pending invitation). Release a seat, or raise the seat count.',
    );
    await licenses.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(licenses.rows).toHaveCount(2);
    expect(JSON.parse(app.roster('seats', '--json').stdout)).toEqual({ seats: 2, members: 1, pendingInvitations: 1, free: 0 });
  });

  test('an admin invites someone into an organization; the invitation holds a seat until accepted', async ({ app }) => {
    await app.arrange('orgs', 'add', '--name', 'Engineering');
    const licenses = new LicensesPage(app.page);

    await licenses.invite('new.hire@acme.com', { orgs: ['Engineering'], admin: true });

    const row = licenses.row('new.hire@acme.com');
    await expect(row).toContainText('Invited');
    await expect(row).toContainText('Engineering');
    await expect(licenses.figure('Pending invitations')).toHaveText('1');
    await expect(licenses.figure('Free')).toHaveText('49');

    await licenses.rowAction('new.hire@acme.com', 'Mark accepted');
    await expect(row).toContainText('Member');
    await expect(row).toContainText('Invitation');
    await expect(licenses.figure('Pending invitations')).toHaveText('0');
    await expect(licenses.figure('Members')).toHaveText('1');
  });

  test('revoking an invitation frees its seat at once', async ({ app }) => {
    await app.arrange('invite', '--email', 'bo@acme.com');
    const licenses = new LicensesPage(app.page);
    await expect(licenses.figure('Free')).toHaveText('49');

    await licenses.rowAction('bo@acme.com', 'Revoke invitation');

    await expect(licenses.row('bo@acme.com')).toHaveCount(0);
    await expect(licenses.figure('Free')).toHaveText('50');
  });

  test('an admin selects many seats and releases them in one action, after a confirmation that counts them', async ({ app }) => {
    for (const name of ['ana', 'bo', 'cy', 'dee']) await app.arrange('members', 'add', '--email', `${name}@acme.com`);
    await app.arrange('invite', '--email', 'eve@acme.com');
    const licenses = new LicensesPage(app.page);
    await licenses.page.reload();
    await expect(licenses.figure('In use')).toHaveText('5');

    await licenses.select('ana@acme.com');
    await licenses.select('cy@acme.com');
    await licenses.select('eve@acme.com');
    await expect(licenses.selection).toContainText('3 selected');
    await licenses.selection.getByRole('button', { name: 'Release 3 seats' }).click();

    await expect(licenses.dialog.getByRole('heading')).toHaveText('Release 3 seats?');
    await expect(licenses.dialog).toContainText('2 members lose access to every organization and team');
    await expect(licenses.dialog).toContainText('1 pending invitation will be revoked');
    await licenses.dialog.getByRole('button', { name: 'Release 3 seats' }).click();

    await expect(licenses.notices).toContainText('Released 3 seats.');
    await expect(licenses.figure('In use')).toHaveText('2');
    await expect(licenses.figure('Free')).toHaveText('48');
    await expect(licenses.rows).toHaveCount(2);
    await expect(licenses.selection).toHaveCount(0);
  });

  test('search, filters and "select all matching" work on every seat, not only the page shown', async ({ app }) => {
    for (let i = 0; i < 3; i += 1) await app.arrange('members', 'add', '--email', `sales${i}@acme.com`);
    await app.arrange('members', 'add', '--email', 'ops@acme.com');
    await app.arrange('invite', '--email', 'sales-new@acme.com');
    const licenses = new LicensesPage(app.page);
    await licenses.page.reload();

    await licenses.search.fill('sales');
    await expect(licenses.rows).toHaveCount(4);
    await licenses.status.selectOption('member');
    await expect(licenses.rows).toHaveCount(3);
    await licenses.select('sales0@acme.com');
    await licenses.selection.getByRole('button', { name: 'Select all 3 matching' }).click();
    await expect(licenses.selection).toContainText('3 selected');

    await licenses.source.selectOption('invitation');
    await expect(licenses.table).toContainText('No seat matches these filters.');
  });

  test('removing one member from Licenses says their seat is freed and their access goes', async ({ app }) => {
    await app.arrange('members', 'add', '--email', 'ana@acme.com');
    const licenses = new LicensesPage(app.page);
    await licenses.page.reload();

    await licenses.rowAction('ana@acme.com', 'Remove from Licenses');
    await expect(licenses.dialog).toContainText('Their seat will be free at once.');
    await expect(licenses.dialog).toContainText('They lose access to every organization and team.');
    await licenses.dialog.getByRole('button', { name: 'Remove from Licenses' }).click();

    await expect(licenses.rows).toHaveCount(0);
    await expect(licenses.figure('Free')).toHaveText('50');
  });

  test('Last Active reads as the activity report says, and the column heading downloads the report', async ({ app }, testInfo) => {
    const day = 24 * 60 * 60 * 1000;
    const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
    const shown = (iso: string) => new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
    for (const email of ['ana@acme.example', 'bo@acme.example', 'cy@acme.example', 'di@acme.example']) await app.arrange('members', 'add', '--email', email);
    // Ana opened the client 6 days ago; Bo only logged in, 3 days ago; Cy last opened it 95 days ago; Di never.
    const events = [
      { type: 'open', email: 'ana@acme.example', at: ago(6) },
      { type: 'login', email: 'bo@acme.example', at: ago(3) },
      { type: 'open', email: 'cy@acme.example', at: ago(95) },
    ];
    const file = testInfo.outputPath('events.ndjson');
    fs.writeFileSync(file, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`);
    await app.arrange('import', file);

    const licenses = new LicensesPage(app.page);
    await licenses.open();
    await expect(licenses.row('ana@acme.example')).toContainText(shown(ago(6)));
    await expect(licenses.row('bo@acme.example')).toContainText(shown(ago(3)));
    await expect(licenses.row('cy@acme.example')).toContainText('(empty)');
    await expect(licenses.row('di@acme.example')).toContainText('N/A');

    // Most idle first: never active, then the blank span, then the oldest date.
    await app.page.getByRole('button', { name: /^Last active/ }).click();
    await expect(licenses.rows.first()).toContainText('di@acme.example');
    await expect(licenses.rows.nth(1)).toContainText('cy@acme.example');

    const download = app.page.waitForEvent('download');
    await app.page.getByRole('button', { name: 'Download activity report' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(`roster-activity-${new Date().toISOString().slice(0, 10)}.csv`);
    const content = fs.readFileSync(await saved.path(), 'utf8');
    expect(content.startsWith('\uFEFFEmail,Name,Last Active,')).toBe(true);
    expect(content).toContain(`ana@acme.example,,${ago(6).slice(0, 10)},`);
    expect(content).toContain(`bo@acme.example,,${ago(3).slice(0, 10)},`);
    expect(content).toContain('cy@acme.example,,,');
    expect(content).toContain('di@acme.example,,N/A,');
    await expect(licenses.notices).toContainText('Downloaded the activity report: 4 members');
  });

  test('Licenses narrows to a team, an organization and members inactive too long', async ({ app }, testInfo) => {
    for (const email of ['ana@acme.example', 'bo@acme.example', 'cy@acme.example']) await app.arrange('members', 'add', '--email', email);
    await app.arrange('orgs', 'add', '--name', 'Engineering');
    await app.arrange('teams', 'add', '--name', 'Platform');
    await app.arrange('teams', 'members', 'add', '--team', 'Platform', '--email', 'bo@acme.example');
    await app.arrange('teams', 'link', '--team', 'Platform', '--org', 'Engineering');
    const ago = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();
    const file = testInfo.outputPath('events.ndjson');
    fs.writeFileSync(file, [{ type: 'open', email: 'ana@acme.example', at: ago(6) }, { type: 'open', email: 'bo@acme.example', at: ago(100) }].map((event) => JSON.stringify(event)).join('\n') + '\n');
    await app.arrange('import', file);

    const licenses = new LicensesPage(app.page);
    await licenses.open();
    await expect(licenses.rows).toHaveCount(3);
    const only = async (emails: string[]) => {
      await expect(licenses.rows).toHaveCount(emails.length);
      for (const email of emails) await expect(licenses.row(email)).toHaveCount(1);
    };
    // The teams and organizations are listed once the admin reaches for a filter (focus, or the pointer over it).
    await app.page.getByRole('combobox', { name: 'Team' }).focus();
    await app.page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Platform' });
    await only(['bo@acme.example']);
    await app.page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Any team' });
    // Bo reaches Engineering through Platform.
    await app.page.getByRole('combobox', { name: 'Organization' }).selectOption({ label: 'Engineering' });
    await only(['bo@acme.example']);
    await app.page.getByRole('combobox', { name: 'Organization' }).selectOption({ label: 'Any organization' });
    // Cy never opened the client, but took the seat today: not idle for over 30 days yet.
    await app.page.getByRole('combobox', { name: 'Inactive' }).selectOption({ label: 'Inactive over 30 days' });
    await only(['bo@acme.example']);
    await expect(app.page.getByText('1 seat', { exact: true })).toBeVisible();
  });
});
