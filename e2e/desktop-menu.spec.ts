import type { ElectronApplication } from '@playwright/test';
import { expect, MODE, test } from './fixtures';
import { CommandPalette } from './pages/command-palette';

// The application menu exists only in the Electron window: ROSTER_E2E_MODE=electron.
test.describe('Application menu (Electron window)', () => {
  test.skip(MODE !== 'electron', 'needs Electron: run with ROSTER_E2E_MODE=electron');

  /** Clicks "Menu → Item" the way a user would, through the menu Electron built. */
  async function clickMenu(app: { electronApp?: ElectronApplication }, menu: string, item: string): Promise<void> {
    await app.electronApp!.evaluate(({ Menu }, [menuLabel, itemLabel]) => {
      const plain = (label: string) => label.replace('&', '');
      const top = Menu.getApplicationMenu()!.items.find((entry) => plain(entry.label) === menuLabel);
      const entry = top?.submenu?.items.find((candidate) => plain(candidate.label) === itemLabel);
      if (!entry) throw new Error(`No menu item ${menuLabel} → ${itemLabel}`);
      entry.click();
    }, [menu, item] as const);
  }

  test('has File, Edit, View, Go and Help with their shortcuts', async ({ app }) => {
    const menus = await app.electronApp!.evaluate(({ Menu }) =>
      Menu.getApplicationMenu()!.items.map((top) => ({
        label: top.label.replace('&', ''),
        items: (top.submenu?.items ?? []).filter((item) => item.type !== 'separator' && item.visible).map((item) => [item.label.replace('&', ''), item.accelerator ?? '']),
      })),
    );
    const byLabel = Object.fromEntries(menus.map((menu) => [menu.label, Object.fromEntries(menu.items)]));
    expect(Object.keys(byLabel)).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Go', 'Help']));
    expect(byLabel.File).toMatchObject({
      'New Enterprise…': 'CmdOrCtrl+N',
      'Open Database…': 'CmdOrCtrl+O',
      'Export Activity Report…': 'CmdOrCtrl+E',
      'Back Up Database…': 'CmdOrCtrl+Shift+S',
    });
    expect(byLabel.Go).toMatchObject({ 'Command Palette…': 'CmdOrCtrl+K', Licenses: 'CmdOrCtrl+1', Teams: 'CmdOrCtrl+2', Settings: 'CmdOrCtrl+8' });
  });

  test('Go → Teams shows the Teams screen, and Go → Command Palette opens the palette', async ({ app }) => {
    await clickMenu(app, 'Go', 'Teams');
    await expect(app.page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
    await expect(app.page).toHaveURL(/#\/teams$/);

    await clickMenu(app, 'Go', 'Command Palette…');
    const palette = new CommandPalette(app.page);
    await expect(palette.dialog).toBeVisible();
    await expect(palette.input).toBeFocused();
  });
});
