import { expect, test } from './fixtures';
import { TeamPage } from './pages/team-page';

test.describe('Teams and access', () => {
  test.beforeEach(({ app }) => {
    app.roster('orgs', 'add', '--name', 'Engineering');
    app.roster('orgs', 'add', '--name', 'Product');
    app.roster('members', 'add', '--email', 'ana@acme.com', '--name', 'Ana Lima');
    app.roster('members', 'add', '--email', 'bo@acme.com', '--name', 'Bo Zhang');
  });

  test('an admin creates a team, adds members and links it to an organization', async ({ app }) => {
    const team = new TeamPage(app.page, 'Platform');
    await team.create('admin');
    await expect(team.notices).toContainText('Created team “Platform”.');
    await expect(app.page.getByRole('table', { name: 'Teams' })).toContainText('Not linked');

    await team.open();
    await team.addMembers('a', ['Ana Lima', 'Bo Zhang']);
    await expect(team.members).toHaveCount(2);
    await team.link(['Engineering']);
    await expect(team.notices).toContainText('Linked Platform to 1 organization.');
    await expect(app.page.getByRole('region', { name: 'Role and organizations' })).toContainText('Engineering');

    expect(JSON.parse(app.roster('access', '--email', 'ana@acme.com', '--json').stdout)).toEqual([
      { organization: 'Engineering', role: 'admin', paths: [{ via: 'team', team: 'Platform', role: 'admin' }] },
    ]);
  });

  test("the Access view shows every path to each organization and which one wins", async ({ app }) => {
    app.roster('teams', 'add', '--name', 'Developers');
    app.roster('teams', 'add', '--name', 'Leads', '--role', 'admin');
    app.roster('teams', 'link', '--team', 'Developers', '--org', 'Engineering');
    app.roster('teams', 'link', '--team', 'Leads', '--all-orgs');
    app.roster('teams', 'members', 'add', '--team', 'Developers', '--email', 'ana@acme.com');
    app.roster('teams', 'members', 'add', '--team', 'Leads', '--email', 'ana@acme.com');
    await app.page.reload();

    await app.page.getByRole('table', { name: 'Seats' }).getByRole('link', { name: /Ana Lima/ }).click();
    const access = app.page.getByRole('table', { name: 'Access of ana@acme.com' });
    const engineering = access.getByRole('row').filter({ hasText: 'Engineering' });
    await expect(engineering).toContainText('Admin');
    await expect(engineering.locator('.path-winner')).toContainText('via Leads (admin)');
    await expect(engineering).toContainText('via Developers (member)');
    await expect(access.getByRole('row').filter({ hasText: 'Product' }).locator('.path-winner')).toContainText('via Leads (admin)');
  });

  test('removing someone from a team takes away only what that team gave', async ({ app }) => {
    app.roster('teams', 'add', '--name', 'Leads', '--role', 'admin');
    app.roster('teams', 'link', '--team', 'Leads', '--org', 'Engineering');
    app.roster('teams', 'members', 'add', '--team', 'Leads', '--email', 'bo@acme.com');
    const team = new TeamPage(app.page, 'Leads');
    await team.open();

    await team.members.filter({ hasText: 'bo@acme.com' }).getByRole('button', { name: 'Remove bo@acme.com from Leads' }).click();
    await expect(team.dialog).toContainText('They lose only what Leads gave them');
    await expect(team.dialog).toContainText('Their seat stays too');
    await team.dialog.getByRole('button', { name: 'Remove from Leads' }).click();
    await expect(team.members).toHaveCount(0);
    expect(JSON.parse(app.roster('access', '--email', 'bo@acme.com', '--json').stdout)).toEqual([]);
    expect(JSON.parse(app.roster('seats', '--json').stdout).members).toBe(2);
  });

  test('a team from the identity provider says why its name and members cannot be changed here', async ({ app }) => {
    // Only SCIM makes such teams; the test puts one in place the way SCIM will, through the store.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(app.dbPath);
    db.prepare("INSERT INTO teams (name, name_key, role, source, created_at, updated_at) VALUES ('Okta Engineers', 'okta engineers', 'member', 'scim', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')").run();
    db.close();
    const team = new TeamPage(app.page, 'Okta Engineers');
    await team.open();
    await expect(app.page.getByRole('note')).toContainText('Managed by your identity provider.');
    await expect(app.page.getByRole('button', { name: 'Rename' })).toHaveCount(0);
    await expect(app.page.getByRole('button', { name: 'Add members' })).toHaveCount(0);
    expect(app.roster('teams', 'rename', '--name', 'Okta Engineers', '--to', 'X')).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/Okta Engineers is managed by your identity provider/),
    });
    await team.link(['Product']);
    await expect(app.page.getByRole('region', { name: 'Role and organizations' })).toContainText('Product');
  });

  test('an organization page lists everyone with access and how', async ({ app }) => {
    app.roster('teams', 'add', '--name', 'Developers');
    app.roster('teams', 'link', '--team', 'Developers', '--org', 'Engineering');
    app.roster('teams', 'members', 'add', '--team', 'Developers', '--email', 'bo@acme.com');
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await app.page.getByRole('table', { name: 'Organizations' }).getByRole('link', { name: 'Engineering', exact: true }).click();
    const everyone = app.page.getByRole('table', { name: 'Everyone with access to Engineering' });
    await expect(everyone.locator('tbody tr')).toHaveCount(1);
    await expect(everyone).toContainText('Bo Zhang');
    await expect(everyone).toContainText('via Developers (member)');
  });
});
