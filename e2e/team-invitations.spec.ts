import fs from 'node:fs';
import { expect, test } from './fixtures';
import { LicensesPage } from './pages/licenses-page';
import { TeamPage } from './pages/team-page';

const DAY_MS = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
/** A day as the screens write it (UTC, as the report counts days). */
const shownDay = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));

test.describe("A team's pending invitations and Last Active", () => {
  test.beforeEach(async ({ app }) => {
    await app.arrange('orgs', 'add', '--name', 'Engineering');
    await app.arrange('teams', 'add', '--name', 'Platform', '--role', 'admin');
    await app.arrange('teams', 'link', '--team', 'Platform', '--org', 'Engineering');
    await app.arrange('members', 'add', '--email', 'ana@acme.example', '--name', 'Ana Lima');
  });

  test('lists the invitations that name the team with their expiry, invites into it, resends and revokes from there', async ({ app }) => {
    await app.arrange('invite', '--email', 'old@acme.example', '--team', 'Platform', '--org', 'Engineering');
    await app.arrange('invite', '--email', 'elsewhere@acme.example');
    const team = new TeamPage(app.page, 'Platform');
    await team.open();

    // Only the invitation naming Platform, with what else it names and when it expires (30 days, the default).
    await expect(team.invitations).toHaveCount(1);
    await expect(team.invitation('old@acme.example')).toContainText('Pending');
    await expect(team.invitation('old@acme.example')).toContainText('Also into Engineering');
    await expect(team.invitation('old@acme.example')).toContainText(shownDay(new Date(Date.now() + 30 * DAY_MS).toISOString()));

    // Someone without a seat is sent an invitation naming the team.
    await team.invite('cy@acme.example');
    await expect(team.notices).toContainText('Invited cy@acme.example into Platform.');
    await expect(team.invitations).toHaveCount(2);
    await expect(team.invitation('cy@acme.example')).toContainText('Pending');
    // Someone who holds a seat joins at once.
    await team.invite('ana@acme.example');
    await expect(team.notices).toContainText('ana@acme.example holds a seat already, so they joined Platform at once.');
    await expect(team.member('ana@acme.example')).toBeVisible();
    await expect(team.invitations).toHaveCount(2);
    // A bad address is refused in the dialog, naming the problem.
    await app.page.getByRole('button', { name: 'Invite…' }).click();
    await team.dialog.getByLabel('Email').fill('cy@acme.example');
    await team.dialog.getByRole('button', { name: 'Invite to Platform' }).click();
    await expect(team.dialog).toContainText('Invited into Platform already');
    await team.dialog.getByRole('button', { name: 'Cancel' }).click();

    await team.invitation('cy@acme.example').getByRole('button', { name: 'Resend the invitation to cy@acme.example' }).click();
    await expect(team.notices).toContainText('Resent the invitation to cy@acme.example');

    await team.invitation('old@acme.example').getByRole('button', { name: 'Revoke the invitation to old@acme.example' }).click();
    await expect(team.dialog).toContainText('They will not join Platform, nor Engineering: the whole invitation is revoked.');
    await expect(team.dialog).toContainText('The seat it holds is free at once.');
    await team.dialog.getByRole('button', { name: 'Revoke invitation' }).click();
    await expect(team.notices).toContainText('Revoked the invitation to old@acme.example.');
    await expect(team.invitations).toHaveCount(1);

    const pending = JSON.parse(app.roster('invitations', 'list', '--json').stdout) as { email: string; teams: { name: string }[] }[];
    expect(pending.map((row) => [row.email, row.teams.map((named) => named.name)]).sort()).toEqual([
      ['cy@acme.example', ['Platform']],
      ['elsewhere@acme.example', []],
    ]);
    const licenses = new LicensesPage(app.page);
    await licenses.open();
    await expect(licenses.row('old@acme.example')).toHaveCount(0);
  });

  test("shows each member's Last Active by the report's rule, and sorts the most idle first", async ({ app }, testInfo) => {
    for (const email of ['bo@acme.example', 'cy@acme.example', 'di@acme.example']) await app.arrange('members', 'add', '--email', email);
    for (const email of ['ana@acme.example', 'bo@acme.example', 'cy@acme.example', 'di@acme.example']) {
      await app.arrange('teams', 'members', 'add', '--team', 'Platform', '--email', email);
    }
    // Ana opened the client 6 days ago; Bo only logged in, 3 days ago; Cy last opened it 95 days ago; Di never.
    const events = [
      { type: 'open', email: 'ana@acme.example', at: ago(6) },
      { type: 'login', email: 'bo@acme.example', at: ago(3) },
      { type: 'open', email: 'cy@acme.example', at: ago(95) },
    ];
    const file = testInfo.outputPath('events.ndjson');
    fs.writeFileSync(file, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`);
    await app.arrange('import', file);

    const team = new TeamPage(app.page, 'Platform');
    await team.open();
    await expect(team.member('ana@acme.example')).toContainText(shownDay(ago(6)));
    await expect(team.member('bo@acme.example')).toContainText(shownDay(ago(3)));
    await expect(team.member('cy@acme.example')).toContainText('(empty)');
    await expect(team.member('di@acme.example')).toContainText('N/A');

    await team.lastActiveHeading.getByRole('button').click();
    await expect(team.lastActiveHeading).toHaveAttribute('aria-sort', 'ascending');
    await expect(team.members.first()).toContainText('di@acme.example');
    await expect(team.members.nth(1)).toContainText('cy@acme.example');
    await team.lastActiveHeading.getByRole('button').click();
    await expect(team.lastActiveHeading).toHaveAttribute('aria-sort', 'descending');
    await expect(team.members.first()).toContainText('bo@acme.example');
    await expect(team.members.last()).toContainText('di@acme.example');
  });
});
