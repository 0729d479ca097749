import { expect, test } from './fixtures';
import { OrganizationPage } from './pages/organization-page';
import { TeamPage } from './pages/team-page';

// docs/RULES.md, V6: the second save of a stale edit is refused, saying who changed what, and the page shows the new value.
test.describe('A save from a page that is out of date', () => {
  test("of a team's role is refused, saying the command line changed it, and the page shows the new role", async ({ app }) => {
    await app.arrange('teams', 'add', '--name', 'Platform');
    const team = new TeamPage(app.page, 'Platform');
    await team.open();
    await expect(team.role).toHaveValue('member');
    // The page stops hearing of changes, as in the moment before another admin's change reaches it.
    await app.page.route('**/api/events', () => {});
    await app.page.reload();
    await app.page.locator('[data-app-state="ready"]').waitFor();
    await expect(team.role).toHaveValue('member');

    expect(app.roster('teams', 'role', '--team', 'Platform', '--role', 'admin')).toMatchObject({ status: 0 });
    await expect(team.role).toHaveValue('member');
    await team.setRole('Admin');

    await expect(team.notices).toContainText(
      // The command line runs as the same person at this machine as browser mode: "You".
      /You, on the command line, changed Platform's role to Admin at \d\d:\d\d UTC, after you opened it\. Nothing was saved: review the new role and save again\./,
    );
    await expect(team.role).toHaveValue('admin');
    await expect(team.facts.getByRole('button', { name: 'Save' })).toHaveCount(0);
  });

  test("of an organization's name is refused when it was renamed while the dialog was open, and the page shows the new name", async ({ app }) => {
    await app.arrange('orgs', 'add', '--name', 'Engineering');
    const org = new OrganizationPage(app.page, 'Engineering');
    await org.open();
    await app.page.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect(org.dialog).toBeVisible();

    expect(app.roster('orgs', 'rename', '--name', 'Engineering', '--to', 'Platform')).toMatchObject({ status: 0 });
    // The page follows the change; the dialog, opened before it, still holds the old name.
    await expect(app.page.getByRole('heading', { level: 1, name: 'Platform' })).toBeVisible();
    await org.dialog.getByLabel('Name', { exact: true }).fill('Eng');
    await org.dialog.getByRole('button', { name: 'Rename' }).click();

    await expect(org.notices).toContainText(
      /You, on the command line, renamed Engineering to Platform at \d\d:\d\d UTC, after you opened it\. Nothing was saved: review the new name and save again\./,
    );
    await expect(org.dialog).toHaveCount(0);
    await expect(app.page.getByRole('heading', { level: 1, name: 'Platform' })).toBeVisible();
    expect(JSON.parse(app.roster('orgs', 'list', '--json').stdout)).toMatchObject([{ name: 'Platform' }]);
  });
});
