import fs from 'node:fs';
import { expect, test } from './fixtures';
import { OrganizationPage } from './pages/organization-page';
import { TeamPage } from './pages/team-page';

const ago = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString();
const shownDay = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

test.describe('The teams that reach an organization, and its members’ Last Active', () => {
  test.beforeEach(async ({ app }) => {
    await app.arrange('orgs', 'add', '--name', 'Engineering');
    await app.arrange('members', 'add', '--email', 'ana@acme.example', '--name', 'Ana Lima');
  });

  test('lists the teams that reach it with role and members; links one from there, opens it, and unlinks it', async ({ app }) => {
    await app.arrange('teams', 'add', '--name', 'Platform', '--role', 'admin');
    await app.arrange('teams', 'members', 'add', '--team', 'Platform', '--email', 'ana@acme.example');
    await app.arrange('teams', 'add', '--name', 'Leads');
    await app.arrange('teams', 'link', '--team', 'Leads', '--all-orgs');
    const org = new OrganizationPage(app.page, 'Engineering');
    await org.open();

    await expect(org.teams).toHaveCount(1);
    await expect(org.team('Leads')).toContainText('Member');
    await expect(org.team('Leads')).toContainText('All organizations');
    // "All organizations" covers it: unlinked on the team's own page, not here.
    await expect(org.team('Leads').getByRole('button', { name: /^Unlink/ })).toHaveCount(0);

    await org.linkTeam('Platform');
    await expect(org.notices).toContainText('Linked Platform to Engineering: its 1 member gets admin access.');
    await expect(org.teams).toHaveCount(2);
    await expect(org.team('Platform')).toContainText('Admin');
    await expect(org.team('Platform').getByRole('cell').nth(2)).toHaveText('1');
    await expect(org.everyoneWithAccess.filter({ hasText: 'ana@acme.example' })).toContainText('via Platform');

    await org.team('Platform').getByRole('link', { name: 'Platform', exact: true }).click();
    const team = new TeamPage(app.page, 'Platform');
    await expect(team.heading).toBeVisible();
    await expect(team.linkedOrgs).toHaveText(['Engineering×']);

    await org.open();
    await org.team('Platform').getByRole('button', { name: 'Unlink Platform from Engineering' }).click();
    await expect(org.dialog).toContainText('Its 1 member loses the admin access Platform gave them in Engineering.');
    await org.dialog.getByRole('button', { name: 'Unlink', exact: true }).click();
    await expect(org.notices).toContainText('Unlinked Platform from Engineering.');
    await expect(org.teams).toHaveCount(1);
    await expect(org.everyoneWithAccess.filter({ hasText: 'ana@acme.example' })).toHaveCount(0);
  });

  test("shows each direct member's Last Active by the report's rule, and sorts the most idle first", async ({ app }, testInfo) => {
    for (const email of ['bo@acme.example', 'cy@acme.example']) await app.arrange('members', 'add', '--email', email);
    // Into the organization directly: an invitation naming it, marked accepted.
    for (const email of ['ana@acme.example', 'bo@acme.example', 'cy@acme.example']) {
      await app.arrange('invite', '--email', email, '--org', 'Engineering');
      await app.arrange('invitations', 'accept', '--email', email);
    }
    const file = testInfo.outputPath('events.ndjson');
    const events = [
      { type: 'open', email: 'ana@acme.example', at: ago(2) },
      { type: 'open', email: 'bo@acme.example', at: ago(120) },
    ];
    fs.writeFileSync(file, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`);
    await app.arrange('import', file);

    const org = new OrganizationPage(app.page, 'Engineering');
    await org.open();
    await expect(org.member('ana@acme.example')).toContainText(shownDay(ago(2)));
    // Over 100 days ago, and never: both N/A, as in the report.
    await expect(org.member('bo@acme.example')).toContainText('N/A');
    await expect(org.member('cy@acme.example')).toContainText('N/A');

    await org.lastActiveHeading.getByRole('button').click();
    await expect(org.lastActiveHeading).toHaveAttribute('aria-sort', 'ascending');
    await expect(org.members.first()).toContainText('cy@acme.example');
    await expect(org.members.last()).toContainText('ana@acme.example');
  });
});
