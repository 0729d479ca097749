import { expect, test } from './fixtures';
import { LicensesPage } from './pages/licenses-page';
import { OrganizationPage } from './pages/organization-page';

test.describe('An organization and its direct members', () => {
  test.beforeEach(async ({ app }) => {
    await app.arrange('orgs', 'add', '--name', 'Engineering');
    await app.arrange('members', 'add', '--email', 'ana@acme.com', '--name', 'Ana Lima');
    await app.arrange('members', 'add', '--email', 'bo@acme.com', '--name', 'Bo Zhang');
  });

  test('an admin adds members with a role, warned until the organization has an owner', async ({ app }) => {
    const org = new OrganizationPage(app.page, 'Engineering');
    await org.open();
    await expect(app.page.getByText('Engineering has no owner.')).toBeVisible();

    await org.addMembers('a', ['Ana Lima', 'Bo Zhang'], 'member');
    await expect(org.notices).toContainText('Added 2 members to Engineering.');
    await expect(org.members).toHaveCount(2);

    await org.setRole('ana@acme.com', 'owner');
    await expect(org.notices).toContainText('Ana Lima is now owner of Engineering.');
    await expect(app.page.getByText('Engineering has no owner.')).toHaveCount(0);
    await expect(org.members.first()).toContainText('Ana Lima');
  });

  test('removing someone from the organization says it does not free their seat, and it does not', async ({ app }) => {
    const org = new OrganizationPage(app.page, 'Engineering');
    await org.open();
    await org.addMembers('bo', ['Bo Zhang'], 'admin');
    await expect(org.member('bo@acme.com')).toBeVisible();

    await org.member('bo@acme.com').getByRole('button', { name: 'Remove bo@acme.com from Engineering' }).click();
    await expect(org.dialog).toContainText('This does not free their seat.');
    await org.dialog.getByRole('button', { name: 'Remove from Engineering' }).click();

    await expect(org.members).toHaveCount(0);
    await expect(org.notices).toContainText('Their seat is not freed.');
    const licenses = new LicensesPage(app.page);
    await licenses.open();
    await expect(licenses.figure('Members')).toHaveText('2');
  });

  test('the Licenses screen shows each member\'s organizations and links to them', async ({ app }) => {
    const org = new OrganizationPage(app.page, 'Engineering');
    await org.open();
    await org.addMembers('ana', ['Ana Lima'], 'owner');

    const licenses = new LicensesPage(app.page);
    await licenses.open();
    await licenses.row('ana@acme.com').getByRole('link', { name: /Engineering/ }).click();
    await expect(org.heading).toBeVisible();
  });
});
