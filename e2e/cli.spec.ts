import { expect, test } from './fixtures';
import { OrganizationsPage } from './pages/organizations-page';

test.describe('The command line and the app share one database', () => {
  test('an organization added with `roster` appears in the open app without a reload', async ({ app }) => {
    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await expect(orgs.heading).toBeVisible();

    const added = app.roster('orgs', 'add', '--name', 'Research');
    expect(added).toMatchObject({ status: 0, stdout: 'Added organization "Research" (id 1).' });

    await expect(orgs.row('Research')).toBeVisible();
  });

  test('an organization created in the app is listed by `roster orgs list`', async ({ app }) => {
    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await orgs.create('Customer Success');
    await expect(orgs.row('Customer Success')).toBeVisible();

    const listed = app.roster('orgs', 'list');
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/^1\s+Customer Success\s+\d{4}-\d\d-\d\d$/m);
  });
});
