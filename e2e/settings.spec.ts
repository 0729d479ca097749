import { expect, MODE, test } from './fixtures';

test.describe('Settings', () => {
  test('shows the database file in use, the enterprise, and how to use another file', async ({ app }) => {
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();

    const database = app.page.getByRole('region', { name: 'Database' });
    await expect(database).toContainText(app.dbPath);
    if (MODE === 'browser') {
      await expect(database).toContainText('start it again with --db FILE');
      await expect(database.getByRole('button')).toHaveCount(0);
    } else {
      await expect(database.getByRole('button', { name: 'Open another database…' })).toBeEnabled();
    }
    const enterprise = app.page.getByRole('region', { name: 'Enterprise' });
    await expect(enterprise).toContainText('Northwind Traders');
    await expect(enterprise).toContainText('50');
    await expect(app.page).toHaveURL(/#\/settings$/);

    await app.page.reload();
    await expect(app.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  });
});
