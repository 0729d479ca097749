import { expect, test } from './fixtures';
import { OrganizationsPage } from './pages/organizations-page';
import { ScimPage } from './pages/scim-page';
import { exitCode, firstLine } from './processes';

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

  test('`roster scim serve` says where it listens first, serves a token from `roster scim token create`, shows up in the app and stops on SIGTERM', async ({ app }) => {
    const scim = new ScimPage(app.page);
    await scim.open();
    const created = app.roster('scim', 'token', 'create', '--name', 'Headless', '--json');
    expect(created.status).toBe(0);
    const { token } = JSON.parse(created.stdout) as { token: string };

    const server = app.spawnRoster('scim', 'serve', '--port', '0');
    try {
      const line = await firstLine(server);
      expect(line).toMatch(/^SCIM 2\.0 at http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
      const baseUrl = line.slice('SCIM 2.0 at '.length);
      const answer = await fetch(`${baseUrl}/ResourceTypes`, { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(200);

      // Another process wrote the log: the open app notices the file changed.
      await expect(scim.request('Headless', 'GET', '/scim/v2/ResourceTypes', '200')).toHaveCount(1);
      await expect(scim.serverStatus).toContainText('Stopped');
    } finally {
      server.kill('SIGTERM');
    }
    expect(await exitCode(server)).toBe(0);
  });
});
