import { expect, test } from './fixtures';
import { LicensesPage } from './pages/licenses-page';

/**
 * A grid of checkboxes is one tab stop: Tab enters it and leaves it at once, the
 * arrows move inside it (WAI-ARIA grid pattern, components/CheckGrid.tsx), and
 * Space ticks. Here in the Invite dialog's organizations, two to a row:
 *   Alpha  Beta
 *   Gamma
 */
test('the Invite dialog’s organizations are one tab stop, walked with the arrow keys and ticked with Space', async ({ app }) => {
  for (const name of ['Alpha', 'Beta', 'Gamma']) await app.arrange('orgs', 'add', '--name', name);
  const { page } = app;
  const licenses = new LicensesPage(page);
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const grid = licenses.dialog.getByRole('grid', { name: 'Organizations to invite into' });
  const box = (name: string) => grid.getByRole('checkbox', { name });
  await expect(box('Gamma')).toBeVisible();

  // From the role's radio buttons, one Tab lands on the grid's first checkbox.
  await licenses.dialog.getByRole('radio', { name: 'Member' }).focus();
  await page.keyboard.press('Tab');
  await expect(box('Alpha')).toBeFocused();

  await page.keyboard.press('ArrowRight');
  await expect(box('Beta')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(box('Beta')).toBeFocused();
  // Down from Beta: the last row has no second cell, so its last one.
  await page.keyboard.press('ArrowDown');
  await expect(box('Gamma')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(box('Gamma')).toBeChecked();

  // One Tab leaves the grid for the dialog's buttons; Shift+Tab comes back to the checkbox last used.
  await page.keyboard.press('Tab');
  await expect(licenses.dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(box('Gamma')).toBeFocused();

  await page.keyboard.press('ArrowUp');
  await expect(box('Alpha')).toBeFocused();
  await page.keyboard.press('End');
  await expect(box('Beta')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(box('Alpha')).toBeFocused();
  await page.keyboard.press('Control+End');
  await expect(box('Gamma')).toBeFocused();
  await page.keyboard.press('Control+Home');
  await expect(box('Alpha')).toBeFocused();
  await page.keyboard.press('Space');

  await expect(box('Alpha')).toBeChecked();
  await expect(box('Beta')).not.toBeChecked();
  await expect(box('Gamma')).toBeChecked();

  // What was ticked with the keyboard is what the invitation carries.
  await licenses.dialog.getByLabel('Email').fill('new.hire@northwind.example');
  await licenses.dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(licenses.dialog).toHaveCount(0);
  await expect(licenses.row('new.hire@northwind.example')).toContainText('Alpha');
  await expect(licenses.row('new.hire@northwind.example')).toContainText('+1');
});
