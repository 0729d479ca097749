import fs from 'node:fs';
import { expect, test } from './fixtures';
import { AuditPage } from './pages/audit-page';
import { MemberPage } from './pages/member-page';
import { OrganizationPage } from './pages/organization-page';
import { TeamPage } from './pages/team-page';

const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
/** A day as the screen shows it (en-US, the browser's locale here). */
const shownDay = (iso: string) => new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
const shownDate = (iso: string) => new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));

test.describe("A member's page", () => {
  test.beforeEach(async ({ app }) => {
    await app.arrange('orgs', 'add', '--name', 'Engineering');
    await app.arrange('orgs', 'add', '--name', 'Product');
    await app.arrange('teams', 'add', '--name', 'Dev', '--role', 'admin');
    await app.arrange('teams', 'link', '--team', 'Dev', '--org', 'Engineering');
    await app.arrange('teams', 'add', '--name', 'Leads');
    await app.arrange('teams', 'link', '--team', 'Leads', '--org', 'Product');
    await app.arrange('members', 'add', '--email', 'ana@acme.com', '--name', 'Ana Lima');
    await app.arrange('members', 'add', '--email', 'bo@acme.com', '--name', 'Bo Zhang');
    await app.arrange('teams', 'members', 'add', '--team', 'Dev', '--email', 'ana@acme.com');
  });

  test('shows the seat: how and since when, Last Active by the report, SCIM, and the pending invitation with its expiry', async ({ app }, testInfo) => {
    const opened = ago(6);
    const file = testInfo.outputPath('events.ndjson');
    fs.writeFileSync(file, `${JSON.stringify({ type: 'open', email: 'ana@acme.com', at: opened })}\n`);
    await app.arrange('import', file);
    await app.arrange('invite', '--email', 'ana@acme.com', '--team', 'Leads');
    const invitation = JSON.parse(app.roster('invitations', 'list', '--json').stdout)[0];

    const member = new MemberPage(app.page, 'ana@acme.com');
    await member.open('Ana Lima');
    await expect(app.page.getByRole('heading', { level: 1, name: 'Ana Lima' })).toBeVisible();
    await expect(member.fact('How')).toHaveText('Added by hand');
    await expect(member.fact('Since')).toHaveText(shownDate(new Date().toISOString()));
    await expect(member.fact('Last active')).toHaveText(shownDay(opened));
    await expect(member.fact('Last active').locator('time')).toHaveAttribute('title', /^Last active /);
    await expect(member.fact('Identity provider')).toHaveText('Not managed over SCIM.');
    const pending = member.seat.getByRole('list', { name: 'Pending invitations' }).getByRole('listitem');
    await expect(pending).toHaveCount(1);
    await expect(pending).toContainText('Pending');
    await expect(pending).toContainText(`expires ${shownDate(invitation.expiresAt)}`);
    await expect(pending).toContainText('into Leads as Member');

    // Bo, whom the identity provider has written as a SCIM user (the way SCIM does, through the store), never active.
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(app.dbPath);
    db.prepare("INSERT INTO scim_users (account_id, user_name, user_name_key, created_at, updated_at) SELECT id, email, email_key, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM accounts WHERE email_key = 'bo@acme.com'").run();
    db.close();
    const bo = new MemberPage(app.page, 'bo@acme.com');
    await bo.open('Bo Zhang');
    await expect(bo.fact('Identity provider')).toContainText('Managed over SCIM.');
    await expect(bo.fact('Last active')).toHaveText('N/A · never active');
    await expect(bo.fact('Invitations')).toHaveText('None pending.');
  });

  test('Add to team searches every team as it is typed: the first 50 by name are listed, the rest counted', async ({ app }) => {
    for (let i = 1; i <= 51; i += 1) await app.arrange('teams', 'add', '--name', `Squad ${String(i).padStart(2, '0')}`);
    const member = new MemberPage(app.page, 'ana@acme.com');
    await member.open('Ana Lima');

    await app.page.getByRole('button', { name: 'Add to team…' }).click();
    const search = member.dialog.getByRole('searchbox', { name: 'Filter teams' });
    await expect(search).toBeFocused();
    await expect(member.dialog.getByRole('radio')).toHaveCount(50);
    await expect(member.dialog.getByRole('status')).toHaveText('3 more — type to narrow');

    // From the keyboard: type, Tab to the list, Space to choose, Enter to add.
    await app.page.keyboard.type('squad 51');
    await expect(member.dialog.getByRole('radio')).toHaveCount(1);
    await expect(member.dialog.getByRole('status')).toHaveCount(0);
    await app.page.keyboard.press('Tab');
    await expect(member.dialog.getByRole('radio', { name: /^Squad 51 ·/ })).toBeFocused();
    await app.page.keyboard.press('Space');
    await expect(member.dialog.getByRole('radio', { name: /^Squad 51 ·/ })).toBeChecked();
    await app.page.keyboard.press('Enter');
    await expect(member.notices).toContainText('Added Ana Lima to Squad 51.');
    await expect(member.team('Squad 51')).toBeVisible();

    await app.page.getByRole('button', { name: 'Add to team…' }).click();
    await search.fill('squad 51');
    await expect(member.dialog.getByRole('radio', { name: /^Squad 51 ·/ })).toBeDisabled();
    await expect(member.dialog.getByText('(already in it)')).toBeVisible();
    await search.fill('nothing like it');
    await expect(member.dialog.getByText('No team matches “nothing like it”.')).toBeVisible();
  });

  test('adds them to a team and to an organization, and changes their direct role, from the page', async ({ app }) => {
    const member = new MemberPage(app.page, 'ana@acme.com');
    await member.open('Ana Lima');

    // Nothing chosen: said plainly, nothing added.
    await app.page.getByRole('button', { name: 'Add to team…' }).click();
    await expect(member.dialog.getByRole('radio', { name: /^Dev ·/ })).toBeDisabled();
    await member.dialog.getByRole('button', { name: 'Add to team' }).click();
    await expect(member.dialog.getByRole('alert')).toHaveText('Choose a team first.');
    await member.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(member.teams).toHaveCount(1);

    await member.addToTeam('Leads');
    await expect(member.notices).toContainText('Added Ana Lima to Leads.');
    await expect(member.team('Leads')).toContainText('Product');
    await expect(member.org('Product')).toContainText('via Leads (Member)');

    await member.addToOrg('Product', 'Admin');
    await expect(member.notices).toContainText('Added Ana Lima to Product as admin.');
    await expect(member.directRole('Product')).toHaveValue('admin');
    await expect(member.winner('Product')).toContainText('Direct (Admin)');

    await member.setDirectRole('Product', 'Owner');
    await expect(member.notices).toContainText('Ana Lima is now owner of Product directly.');
    await expect(member.winner('Product')).toContainText('Direct (Owner)');
    // Stepping down as Product's only owner is warned about before it is saved.
    await member.directRole('Product').selectOption({ label: 'Member' });
    await expect(member.org('Product').getByRole('alert')).toHaveText('Product will have no owner left.');
    await member.org('Product').getByRole('button', { name: 'Cancel' }).click();

    expect(JSON.parse(app.roster('access', '--email', 'ana@acme.com', '--json').stdout)).toEqual([
      { organization: 'Engineering', role: 'admin', paths: [{ via: 'team', team: 'Dev', role: 'admin', wins: true }] },
      {
        organization: 'Product',
        role: 'owner',
        paths: [
          { via: 'direct', role: 'owner', wins: true },
          { via: 'team', team: 'Leads', role: 'member', wins: false },
        ],
      },
    ]);
  });

  test('removing them from an organization or a team says, before and after, what access remains', async ({ app }) => {
    // Ana is a direct member of Engineering too, below what Dev gives; Bo reaches it only directly.
    await app.arrange('invite', '--email', 'ana@acme.com', '--org', 'Engineering');
    await app.arrange('invitations', 'accept', '--email', 'ana@acme.com');
    await app.arrange('invite', '--email', 'bo@acme.com', '--org', 'Engineering');
    await app.arrange('invitations', 'accept', '--email', 'bo@acme.com');

    const member = new MemberPage(app.page, 'ana@acme.com');
    await member.open('Ana Lima');
    // Lowering a direct role that a team outranks says what applies.
    await member.directRole('Engineering').selectOption({ label: 'Owner' });
    await member.org('Engineering').getByRole('button', { name: 'Save' }).click();
    await expect(member.winner('Engineering')).toContainText('Direct (Owner)');
    await member.directRole('Engineering').selectOption({ label: 'Member' });
    await expect(member.org('Engineering').getByRole('alert')).toContainText('Ana Lima drops from Owner to Admin in Engineering through Dev.');
    await member.org('Engineering').getByRole('button', { name: 'Save' }).click();
    await expect(member.notices).toContainText('Ana Lima is now member of Engineering directly. Ana Lima drops from Owner to Admin in Engineering through Dev.');

    await member.removeButton('Engineering').click();
    await expect(member.dialog).toContainText('Ana Lima keeps Admin in Engineering through Dev.');
    await expect(member.dialog).toContainText('This does not free their seat.');
    await member.dialog.getByRole('button', { name: 'Remove from Engineering' }).click();
    await expect(member.notices).toContainText('Removed Ana Lima from Engineering. Ana Lima keeps Admin in Engineering through Dev. Their seat is not freed.');
    await expect(member.winner('Engineering')).toHaveCount(0);
    await expect(member.org('Engineering')).toContainText('via Dev (Admin)');

    // The same rule on the team's page: Dev was her only path left.
    const dev = new TeamPage(app.page, 'Dev');
    await dev.open();
    await app.page.getByRole('button', { name: 'Remove ana@acme.com from Dev' }).click();
    await expect(dev.dialog).toContainText('Ana Lima loses access to Engineering.');
    await dev.dialog.getByRole('button', { name: 'Remove from Dev' }).click();
    await expect(dev.notices).toContainText('Removed ana@acme.com from Dev. Ana Lima loses access to Engineering. Their seat stays.');

    // And on the organization's page.
    const engineering = new OrganizationPage(app.page, 'Engineering');
    await engineering.open();
    await engineering.member('bo@acme.com').getByRole('button', { name: 'Remove bo@acme.com from Engineering' }).click();
    await expect(engineering.dialog).toContainText('Bo Zhang loses access to Engineering.');
    await engineering.dialog.getByRole('button', { name: 'Remove from Engineering' }).click();
    await expect(engineering.notices).toContainText('Removed bo@acme.com from Engineering. Bo Zhang loses access to Engineering. Their seat is not freed.');
    expect(JSON.parse(app.roster('access', '--email', 'ana@acme.com', '--json').stdout)).toEqual([]);
    expect(JSON.parse(app.roster('seats', '--json').stdout).members).toBe(2);
  });

  test('Remove from Licenses names what they lose, frees the seat and goes back to Licenses', async ({ app }) => {
    await app.arrange('invite', '--email', 'ana@acme.com', '--team', 'Leads');
    const member = new MemberPage(app.page, 'ana@acme.com');
    await member.open('Ana Lima');
    await app.page.getByRole('button', { name: 'Remove from Licenses' }).click();
    await expect(member.dialog).toContainText('Remove Ana Lima from Licenses?');
    await expect(member.dialog).toContainText('They lose access to 1 organization: Engineering (Admin).');
    await expect(member.dialog).toContainText('They leave 1 team: Dev.');
    await expect(member.dialog).toContainText('Their pending invitation is revoked.');
    await member.dialog.getByRole('button', { name: 'Remove from Licenses' }).click();

    await expect(app.page.getByRole('heading', { level: 1, name: 'Licenses' })).toBeVisible();
    await expect(member.notices).toContainText('Removed ana@acme.com from Licenses. Their seat is free.');
    await expect(app.page.getByRole('table', { name: 'Seats' }).getByRole('link', { name: /Ana Lima/ })).toHaveCount(0);
    expect(JSON.parse(app.roster('seats', '--json').stdout)).toMatchObject({ members: 1, pendingInvitations: 0 });
  });

  test('shows the latest events about them, and opens the Audit log searching for them', async ({ app }) => {
    const member = new MemberPage(app.page, 'ana@acme.com');
    await member.open('Ana Lima');
    await expect(member.trail).toHaveCount(3);
    await expect(member.trail.first()).toContainText('Added to a team · Dev');
    await member.addToTeam('Leads');
    await expect(member.trail).toHaveCount(4);
    await expect(member.trail.first()).toContainText('Added to a team · Leads');

    await app.page.getByRole('link', { name: 'Open in the Audit log' }).click();
    const audit = new AuditPage(app.page);
    await expect(audit.heading).toBeVisible();
    await expect(audit.target).toHaveValue('ana@acme.com');
    await expect(audit.rows).toHaveCount(4);
    await expect(audit.row('team.member.add', 'Leads')).toHaveCount(1);
  });
});
