import os from 'node:os';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { OrganizationsPage } from './pages/organizations-page';

/** The newest audit event, read straight from the database file the app writes. */
function lastAuditEvent(dbPath: string): Record<string, unknown> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM audit_events ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;
  } finally {
    db.close();
  }
}

test.describe('Organizations', () => {
  test('an admin creates an organization and sees it listed, with a notice', async ({ app }) => {
    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await expect(orgs.heading).toBeVisible();
    await expect(orgs.table).toContainText('No organizations yet');

    await orgs.create('Engineering');

    await expect(orgs.dialog).toBeHidden();
    await expect(orgs.row('Engineering')).toBeVisible();
    await expect(orgs.notices).toContainText('Created organization “Engineering”.');
    expect(JSON.parse(app.roster('orgs', 'list', '--json').stdout)).toEqual([expect.objectContaining({ name: 'Engineering' })]);
    expect(lastAuditEvent(app.dbPath)).toMatchObject({ action: 'org.create', actor_type: 'app', actor_name: os.userInfo().username, target_label: 'Engineering' });
  });

  test('an admin renames an organization', async ({ app }) => {
    await app.arrange('orgs', 'add', '--name', 'Sales');
    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await expect(orgs.row('Sales')).toBeVisible();

    await orgs.rename('Sales', 'Sales EMEA');

    await expect(orgs.row('Sales EMEA')).toBeVisible();
    await expect(orgs.row('Sales')).toHaveCount(0);
    await expect(orgs.notices).toContainText('Renamed “Sales” to “Sales EMEA”.');
  });

  test('a name already taken, in any case, is refused inline and nothing is created', async ({ app }) => {
    await app.arrange('orgs', 'add', '--name', 'Engineering');
    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await expect(orgs.row('Engineering')).toBeVisible();

    await orgs.create('ENGINEERING');

    await expect(orgs.dialog).toBeVisible();
    await expect(orgs.nameField).toHaveAttribute('aria-invalid', 'true');
    await expect(orgs.dialog.getByRole('alert')).toHaveText('"Engineering" is already taken');
    await orgs.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(orgs.rows).toHaveCount(1);
  });

  test('an empty name and a name over 100 characters are refused as they are typed', async ({ app }) => {
    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await orgs.newButton.click();
    await orgs.dialog.getByRole('button', { name: 'Create organization' }).click();
    await expect(orgs.dialog.getByRole('alert')).toHaveText('Organization name is required');

    await orgs.nameField.fill('x'.repeat(101));
    await expect(orgs.dialog.getByRole('alert')).toHaveText('Organization name must be at most 100 characters (this one has 101)');
    await orgs.nameField.press('Backspace');
    await expect(orgs.dialog.getByRole('alert')).toHaveCount(0);
    await expect(orgs.dialog).toContainText('100/100 characters');
  });

  test('deleting asks first, says no seat is freed, and Cancel keeps the organization', async ({ app }) => {
    await app.arrange('orgs', 'add', '--name', 'Legal');
    await app.arrange('orgs', 'add', '--name', 'Finance');
    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await expect(orgs.rows).toHaveCount(2);

    await orgs.deleteButton('Legal').click();
    await expect(orgs.dialog).toContainText('No seat is freed');
    await orgs.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(orgs.row('Legal')).toBeVisible();

    await orgs.deleteButton('Legal').click();
    await orgs.dialog.getByRole('button', { name: 'Delete organization' }).click();
    await expect(orgs.row('Legal')).toHaveCount(0);
    await expect(orgs.rows).toHaveCount(1);
    await expect(orgs.notices).toContainText('Deleted organization “Legal”. No seat was freed.');
  });

  test('the table sorts by a column and filters by name', async ({ app }) => {
    for (const name of ['Design', 'engineering', 'Admin']) await app.arrange('orgs', 'add', '--name', name);
    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await expect.poll(() => orgs.names()).toEqual(['Admin', 'Design', 'engineering']);

    await orgs.sortBy('Name');
    await expect.poll(() => orgs.names()).toEqual(['engineering', 'Design', 'Admin']);
    await expect(orgs.table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');

    await orgs.filter.fill('GN');
    await expect.poll(() => orgs.names()).toEqual(['Design']);
    await expect(app.page.getByText('1 of 3 organizations')).toBeVisible();
    await orgs.filter.fill('nothing like it');
    await expect(orgs.table).toContainText('No organization matches “nothing like it”.');
  });
});
