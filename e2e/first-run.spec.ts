import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { LicensesPage } from './pages/licenses-page';
import { OrganizationsPage } from './pages/organizations-page';

test.describe('First run', () => {
  test.use({ seed: 'empty' });

  test('with no enterprise, the app asks for one, checks the answers, and sets it up', async ({ app }) => {
    const firstRun = new FirstRunPage(app.page);
    await expect(firstRun.heading).toBeVisible();

    await firstRun.createButton.click();
    await expect(app.page.getByText('Enterprise name is required')).toBeVisible();
    await expect(app.page.getByText('Seat count is required')).toBeVisible();

    await firstRun.enterpriseName.fill('Northwind Traders');
    await firstRun.seats.fill('0');
    await expect(app.page.getByText('Seat count must be at least 1')).toBeVisible();
    await firstRun.seats.fill('250');
    await firstRun.createButton.click();

    const licenses = new LicensesPage(app.page);
    await expect(licenses.heading).toBeVisible();
    await expect(licenses.figure('Seats')).toHaveText('250');
    await expect(app.page.getByRole('navigation', { name: 'Main' })).toContainText('Northwind Traders');
  });

  test('the demo enterprise opens with its organizations in place', async ({ app }) => {
    await new FirstRunPage(app.page).demoButton.click();

    const licenses = new LicensesPage(app.page);
    await expect(licenses.figure('Members')).toHaveText('120');
    const orgs = new OrganizationsPage(app.page);
    await orgs.open();
    await expect(orgs.row('Engineering')).toBeVisible();
    await expect(orgs.row('Product')).toBeVisible();
    await expect(app.page.getByRole('navigation', { name: 'Main' })).toContainText('Acme Corporation');
  });
});
