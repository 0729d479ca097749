import { expect, test } from './fixtures';
import { LicensesPage } from './pages/licenses-page';

test.describe('Licenses', () => {
  test('an admin adds a member, who is listed with why and since when, and the summary counts the seat', async ({ app }) => {
    const licenses = new LicensesPage(app.page);
    await expect(licenses.heading).toBeVisible();
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
});
