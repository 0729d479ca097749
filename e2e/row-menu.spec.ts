import { expect, test } from './fixtures';
import { LicensesPage } from './pages/licenses-page';

test.describe('A row menu ("⋯") from the keyboard', () => {
  test.beforeEach(async ({ app }) => {
    await app.arrange('members', 'add', '--email', 'ana@acme.com', '--name', 'Ana Lima');
    await app.arrange('invite', '--email', 'cy@acme.com');
    await app.page.reload();
  });

  test('opens on the first item, moves with the arrows, Home and End, and Escape returns focus to its button', async ({ app }) => {
    const licenses = new LicensesPage(app.page);
    const button = licenses.actionsButton('cy@acme.com');
    const menu = licenses.actionsMenu('cy@acme.com');
    await button.focus();
    await app.page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Resend invitation' })).toBeFocused();
    await app.page.keyboard.press('End');
    await expect(menu.getByRole('menuitem', { name: 'Revoke invitation' })).toBeFocused();
    await app.page.keyboard.press('Home');
    await expect(menu.getByRole('menuitem', { name: 'Resend invitation' })).toBeFocused();
    await app.page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Revoke invitation' })).toBeFocused();

    await app.page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  test('Tab closes it and moves on past its button, not into the menu', async ({ app }) => {
    const licenses = new LicensesPage(app.page);
    const button = licenses.actionsButton('ana@acme.com');
    await button.focus();
    await app.page.keyboard.press('Enter');
    await expect(licenses.actionsMenu('ana@acme.com').getByRole('menuitem', { name: 'Remove from Licenses' })).toBeFocused();

    await app.page.keyboard.press('Tab');
    await expect(licenses.actionsMenu('ana@acme.com')).toBeHidden();
    await expect(button).not.toBeFocused();
    expect(await app.page.evaluate(() => document.activeElement?.closest('[role="menu"]') ?? null)).toBeNull();
  });

  test('choosing an item gives focus back to its button, where the dialog it opens returns it', async ({ app }) => {
    const licenses = new LicensesPage(app.page);
    const button = licenses.actionsButton('ana@acme.com');
    await button.focus();
    await app.page.keyboard.press('Enter');
    await app.page.keyboard.press('Enter');
    await expect(licenses.dialog).toBeVisible();
    await app.page.keyboard.press('Escape');
    await expect(licenses.dialog).toBeHidden();
    await expect(button).toBeFocused();
  });
});
