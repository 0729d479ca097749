import { expect, MODE, test } from './fixtures';
import { LicensesPage } from './pages/licenses-page';
import { MemberAccessPage } from './pages/member-access-page';
import { OrganizationPage } from './pages/organization-page';
import { OrganizationsPage } from './pages/organizations-page';
import { TeamPage } from './pages/team-page';

test.describe('Teams and access', () => {
  test.beforeEach(async ({ app }) => {
    await app.arrange('orgs', 'add', '--name', 'Engineering');
    await app.arrange('orgs', 'add', '--name', 'Product');
    await app.arrange('members', 'add', '--email', 'ana@acme.com', '--name', 'Ana Lima');
    await app.arrange('members', 'add', '--email', 'bo@acme.com', '--name', 'Bo Zhang');
  });

  test('an admin creates a team, adds members and links it to an organization', async ({ app }) => {
    const team = new TeamPage(app.page, 'Platform');
    await team.create('admin');
    await expect(team.notices).toContainText('Created team “Platform”.');
    // Creating a team opens it.
    await expect(team.heading).toBeVisible();
    await expect(team.facts).toContainText('Not linked yet');

    await team.addMembers('a', ['Ana Lima', 'Bo Zhang']);
    await expect(team.members).toHaveCount(2);
    await team.link(['Engineering']);
    await expect(team.notices).toContainText('Linked Platform to 1 organization.');
    await expect(team.linkedOrgs).toHaveText(['Engineering×']);

    expect(JSON.parse(app.roster('access', '--email', 'ana@acme.com', '--json').stdout)).toEqual([
      { organization: 'Engineering', role: 'admin', paths: [{ via: 'team', team: 'Platform', role: 'admin', wins: true }] },
    ]);
  });

  test('deleting a team says who loses what it gave, frees no seat, and goes back to the list', async ({ app }) => {
    await app.arrange('teams', 'add', '--name', 'Platform');
    await app.arrange('teams', 'members', 'add', '--team', 'Platform', '--email', 'ana@acme.com');
    const team = new TeamPage(app.page, 'Platform');
    await team.open();
    await app.page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(team.dialog).toContainText('Its 1 member loses the access it gave them in its organizations.');
    await expect(team.dialog).toContainText('No seat is freed.');
    await team.dialog.getByRole('button', { name: 'Delete team' }).click();
    await expect(team.notices).toContainText('Deleted team “Platform”. No seat was freed.');
    await expect(app.page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
    await expect(app.page.getByRole('table', { name: 'Teams' }).getByRole('link', { name: 'Platform', exact: true })).toHaveCount(0);
    const licenses = new LicensesPage(app.page);
    await licenses.open();
    await expect(licenses.figure('Members')).toHaveText('2');
  });

  test("the Access view shows every path to each organization and which one wins", async ({ app }) => {
    await app.arrange('teams', 'add', '--name', 'Developers');
    await app.arrange('teams', 'add', '--name', 'Leads', '--role', 'admin');
    await app.arrange('teams', 'link', '--team', 'Developers', '--org', 'Engineering');
    await app.arrange('teams', 'link', '--team', 'Leads', '--all-orgs');
    await app.arrange('teams', 'members', 'add', '--team', 'Developers', '--email', 'ana@acme.com');
    await app.arrange('teams', 'members', 'add', '--team', 'Leads', '--email', 'ana@acme.com');
    await app.page.reload();

    await app.page.getByRole('table', { name: 'Seats' }).getByRole('link', { name: /Ana Lima/ }).click();
    const access = new MemberAccessPage(app.page, 'ana@acme.com');
    await expect(access.org('Engineering')).toContainText('Admin');
    await expect(access.winner('Engineering')).toContainText('via Leads (Admin)');
    await expect(access.org('Engineering')).toContainText('via Developers (Member)');
    // One path: nothing to win against, so nothing is marked.
    await expect(access.org('Product')).toContainText('via Leads (Admin)');
    await expect(access.winner('Product')).toHaveCount(0);
    await expect(app.page.getByText(/^ana@acme\.com · Reaches 2 organizations through 2 teams\.$/)).toBeVisible();
  });

  test('removing someone from a team takes away only what that team gave', async ({ app }) => {
    await app.arrange('teams', 'add', '--name', 'Leads', '--role', 'admin');
    await app.arrange('teams', 'link', '--team', 'Leads', '--org', 'Engineering');
    await app.arrange('teams', 'members', 'add', '--team', 'Leads', '--email', 'bo@acme.com');
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
    await expect(team.linkedOrgs).toHaveText(['Product×']);
  });

  test('an organization page lists everyone with access and how', async ({ app }) => {
    await app.arrange('teams', 'add', '--name', 'Developers');
    await app.arrange('teams', 'link', '--team', 'Developers', '--org', 'Engineering');
    await app.arrange('teams', 'members', 'add', '--team', 'Developers', '--email', 'bo@acme.com');
    const engineering = new OrganizationPage(app.page, 'Engineering');
    await engineering.open();
    await expect(engineering.everyoneWithAccess).toHaveCount(1);
    await expect(engineering.everyoneWithAccess).toContainText('Bo Zhang');
    await expect(engineering.everyoneWithAccess).toContainText('via Developers (Member)');
  });

  test("changing a team's role changes its members' access in its organizations", async ({ app }) => {
    await app.arrange('teams', 'add', '--name', 'Developers');
    await app.arrange('teams', 'link', '--team', 'Developers', '--org', 'Engineering');
    await app.arrange('teams', 'members', 'add', '--team', 'Developers', '--email', 'bo@acme.com');
    const team = new TeamPage(app.page, 'Developers');
    await team.open();
    await expect(team.role).toHaveValue('member');

    await team.setRole('Admin');
    await expect(team.notices).toContainText('Developers now gives admin access.');
    await expect(team.role).toHaveValue('admin');
    expect(JSON.parse(app.roster('access', '--email', 'bo@acme.com', '--json').stdout)).toEqual([
      { organization: 'Engineering', role: 'admin', paths: [{ via: 'team', team: 'Developers', role: 'admin', wins: true }] },
    ]);
    const engineering = new OrganizationPage(app.page, 'Engineering');
    await engineering.open();
    await expect(engineering.everyoneWithAccess).toContainText('via Developers (Admin)');
  });

  test('unlinking an organization asks first, says who loses what, and takes away only what the team gave', async ({ app }) => {
    // A dozen command-line runs set the scene; on a busy machine they alone can take most of the default 30 s.
    test.slow();
    await app.arrange('teams', 'add', '--name', 'Leads', '--role', 'admin');
    await app.arrange('teams', 'link', '--team', 'Leads', '--org', 'Engineering');
    await app.arrange('teams', 'link', '--team', 'Leads', '--org', 'Product');
    await app.arrange('teams', 'members', 'add', '--team', 'Leads', '--email', 'ana@acme.com');
    await app.arrange('teams', 'members', 'add', '--team', 'Leads', '--email', 'bo@acme.com');
    // Ana is also a direct member of Engineering: an accepted invitation puts her there.
    await app.arrange('invite', '--email', 'ana@acme.com', '--org', 'Engineering');
    await app.arrange('invitations', 'accept', '--email', 'ana@acme.com');
    const team = new TeamPage(app.page, 'Leads');
    await team.open();

    // Cancelling changes nothing.
    await team.unlinkButton('Engineering').click();
    await expect(team.dialog).toContainText('Unlink Leads from Engineering?');
    await expect(team.dialog).toContainText('Its 2 members lose the admin access Leads gave them in Engineering.');
    await expect(team.dialog).toContainText('Access they have in Engineering directly or through another team stays. No seat is freed.');
    await team.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(team.dialog).toHaveCount(0);
    await expect(team.linkedOrgs).toHaveText(['Engineering×', 'Product×']);

    await team.unlinkButton('Engineering').click();
    await team.dialog.getByRole('button', { name: 'Unlink' }).click();
    await expect(team.notices).toContainText('Unlinked Leads from Engineering.');
    await expect(team.linkedOrgs).toHaveText(['Product×']);
    const access = JSON.parse(app.roster('access', '--email', 'ana@acme.com', '--json').stdout);
    expect(access).toEqual([
      { organization: 'Engineering', role: 'member', paths: [{ via: 'direct', role: 'member', wins: true }] },
      { organization: 'Product', role: 'admin', paths: [{ via: 'team', team: 'Leads', role: 'admin', wins: true }] },
    ]);
  });

  test('a team linked to all organizations offers only that link to remove, and keeps its links by name when it goes', async ({ app }) => {
    // A dozen command-line runs set the scene; on a busy machine they alone can take most of the default 30 s.
    test.slow();
    await app.arrange('teams', 'add', '--name', 'Admins', '--role', 'admin');
    await app.arrange('teams', 'link', '--team', 'Admins', '--org', 'Product');
    await app.arrange('teams', 'link', '--team', 'Admins', '--all-orgs');
    await app.arrange('teams', 'members', 'add', '--team', 'Admins', '--email', 'ana@acme.com');
    const team = new TeamPage(app.page, 'Admins');
    await team.open();
    await expect(team.linkedOrgs).toHaveText(['All organizations×']);
    await expect(team.alsoLinkedByName).toHaveText(['Product']);
    await expect(team.unlinkButton('Product')).toHaveCount(0);

    await team.unlinkButton('all').click();
    await expect(team.dialog).toContainText('Its 1 member loses the admin access Admins gave them in every organization except those it is linked to by name: Product.');
    await team.dialog.getByRole('button', { name: 'Unlink' }).click();
    await expect(team.notices).toContainText('Admins is no longer linked to all organizations.');
    await expect(team.linkedOrgs).toHaveText(['Product×']);
    await expect(team.alsoLinkedByName).toHaveCount(0);
    expect(JSON.parse(app.roster('access', '--email', 'ana@acme.com', '--json').stdout)).toMatchObject([{ organization: 'Product', role: 'admin' }]);
  });

  test('the Teams list follows an organization renamed in another window', async ({ app }) => {
    test.skip(MODE !== 'browser', 'a second window of the same session is a browser tab');
    await app.arrange('teams', 'add', '--name', 'Developers');
    await app.arrange('teams', 'link', '--team', 'Developers', '--org', 'Engineering');
    const team = new TeamPage(app.page, 'Developers');
    await team.openTeams();
    await expect(team.listRow).toContainText('Engineering');

    const other = await app.page.context().newPage();
    await other.goto(app.page.url());
    await other.locator('[data-app-state="ready"]').waitFor();
    const orgs = new OrganizationsPage(other);
    await orgs.open();
    await orgs.rename('Engineering', 'Platform Engineering');
    await expect(orgs.row('Platform Engineering')).toBeVisible();

    await expect(team.listRow).toContainText('Platform Engineering');
    await other.close();
  });

  test('the Teams filter ignores case and accents, and lists say they count direct memberships', async ({ app }) => {
    await app.arrange('teams', 'add', '--name', 'Équipe Données');
    await app.arrange('teams', 'add', '--name', 'Developers');
    const equipe = new TeamPage(app.page, 'Équipe Données');
    await equipe.openTeams();
    await equipe.filter.fill('EQUIPE donnees');
    await expect(equipe.listRow).toBeVisible();
    await expect(new TeamPage(app.page, 'Developers').listRow).toHaveCount(0);

    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await expect(orgs.table.getByRole('columnheader', { name: 'Direct members' })).toBeVisible();
    const licenses = new LicensesPage(app.page);
    await licenses.open();
    await expect(licenses.table.getByRole('columnheader', { name: 'Direct organizations' })).toBeVisible();
  });
});
