import { expect, MODE, test } from './fixtures';

test.describe('Settings', () => {
  test('shows the database file in use, the enterprise, and how to use another file', async ({ app }) => {
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

    const database = app.page.getByRole('region', { name: 'Database' });
    await expect(database).toContainText(app.dbPath);
    if (MODE === 'browser') {
      await expect(database).toContainText('start it again with --db FILE');
      // Browser mode cannot switch files from the page; it can still check the one it has.
      await expect(database.getByRole('button', { name: /another database|new database|recent/i })).toHaveCount(0);
      await expect(database.getByRole('button', { name: 'Check the database' })).toBeVisible();
    } else {
      await expect(database.getByRole('button', { name: 'Open another database…' })).toBeEnabled();
    }
    const enterprise = app.page.getByRole('region', { name: 'Enterprise' });
    const name = enterprise.getByLabel('Name');
    await expect(name).toHaveValue('Northwind Traders');
    // The name is the admin's to change; the sidebar follows.
    await name.fill('');
    await expect(enterprise).toContainText('Enterprise name is required');
    await expect(enterprise.getByRole('button', { name: 'Rename' })).toBeDisabled();
    await name.fill('Northwind Trading Co.');
    await enterprise.getByRole('button', { name: 'Rename' }).click();
    await expect(app.page.getByRole('status', { name: 'Notices' })).toContainText('The enterprise is now called “Northwind Trading Co.”.');
    await expect(app.page.getByRole('navigation', { name: 'Main' })).toContainText('Northwind Trading Co.');
    await expect(app.page).toHaveURL(/#\/settings$/);

    await app.page.reload();
    await expect(app.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  });
});

test.describe('Seats and invitation settings', () => {
  test('the seat count can be raised, and lowered no further than the seats in use', async ({ app }) => {
    await app.arrange('members', 'add', '--email', 'ana@acme.com');
    await app.arrange('members', 'add', '--email', 'bo@acme.com');
    await app.page.getByRole('link', { name: 'Settings' }).click();
    const section = app.page.getByRole('region', { name: 'Seats and invitations' });
    const seats = section.getByLabel('Seats', { exact: true });
    await expect(seats).toHaveValue('50');

    await seats.fill('1');
    await section.getByRole('button', { name: 'Change seats' }).click();
    await expect(section.getByRole('alert')).toHaveText('At least 2 seats are in use');
    expect(JSON.parse(app.roster('seats', '--json').stdout).seats).toBe(50);

    await seats.fill('abc');
    await expect(section.getByRole('alert')).toHaveText('Seats must be a whole number');

    await seats.fill('75');
    await section.getByRole('button', { name: 'Change seats' }).click();
    await expect(app.page.getByRole('status', { name: 'Notices' })).toContainText('The enterprise now has 75 seats.');
    expect(JSON.parse(app.roster('seats', '--json').stdout)).toMatchObject({ seats: 75, free: 73 });
  });

  test('invitations expire after the days set here', async ({ app }) => {
    await app.page.getByRole('link', { name: 'Settings' }).click();
    const section = app.page.getByRole('region', { name: 'Seats and invitations' });
    const days = section.getByLabel('Invitations expire after (days)');
    await expect(days).toHaveValue('30');
    await days.fill('0');
    await expect(section.getByRole('alert')).toHaveText('Invitations must last at least 1 day');
    await days.fill('7');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(app.page.getByRole('status', { name: 'Notices' })).toContainText('New invitations will expire after 7 days.');

    const invited = JSON.parse(app.roster('invite', '--email', 'ana@acme.com', '--json').stdout) as { sentAt: string; expiresAt: string };
    expect(Date.parse(invited.expiresAt) - Date.parse(invited.sentAt)).toBe(7 * 24 * 60 * 60 * 1000);
  });
});

test.describe('Drafts in Settings', () => {
  test('a change made elsewhere while the admin types does not throw the typing away', async ({ app }) => {
    await app.page.getByRole('link', { name: 'Settings' }).click();
    const rule = app.page.getByRole('region', { name: 'Activity report' });
    await rule.getByLabel('Show the date up to (days)').fill('30');
    await rule.getByLabel('Leave empty up to (days)').fill('45');

    // The command line adds a member: the seats change, and the screen reloads the settings.
    await app.arrange('members', 'add', '--email', 'ana@acme.com');
    await expect(app.page.getByRole('region', { name: 'Seats and invitations' })).toContainText('1 in use');

    await expect(rule.getByLabel('Show the date up to (days)')).toHaveValue('30');
    await expect(rule.getByLabel('Leave empty up to (days)')).toHaveValue('45');
    await rule.getByRole('button', { name: 'Save the rule' }).click();
    await expect(app.page.getByRole('status', { name: 'Notices' })).toContainText('The activity report now follows the new rule.');
    await expect(rule).toContainText('at most 30 days ago, is left empty from 31 to 45 days');
  });
});
