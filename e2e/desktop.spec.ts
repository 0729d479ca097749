import fs from 'node:fs';
import path from 'node:path';
import { expect, MODE, test } from './fixtures';
import { CommandPalette } from './pages/command-palette';

const NAV = ['Licenses', 'Teams', 'Organizations', 'Domains', 'Activity', 'SCIM', 'Audit log', 'Compare', 'Settings'];

test.describe('Command palette', () => {
  test('Ctrl+K finds a team, a member, an organization and a screen by typing; arrows and Enter go there', async ({ app }) => {
    await app.arrange('teams', 'add', '--name', 'Platform');
    await app.arrange('orgs', 'add', '--name', 'Engineering');
    await app.arrange('members', 'add', '--email', 'ana.lima@acme.com', '--name', 'Ana Lima');
    const palette = new CommandPalette(app.page);

    await palette.open();
    await expect(palette.dialog).toBeVisible();
    await expect(palette.input).toBeFocused();
    await expect(palette.option(/^Licenses/)).toHaveAttribute('aria-selected', 'true');

    await palette.input.fill('platf');
    await expect(palette.option(/^Platform/)).toBeVisible();
    await palette.input.press('Enter');
    await expect(palette.dialog).toBeHidden();
    await expect(app.page.getByRole('heading', { level: 1, name: 'Platform' })).toBeVisible();
    await expect(app.page).toHaveURL(/#\/teams\/\d+$/);

    await palette.open();
    await palette.input.fill('ana');
    await expect(palette.option(/^Ana Lima.*ana\.lima@acme\.com/)).toBeVisible();
    await palette.input.press('Enter');
    await expect(app.page).toHaveURL(/#\/members\/\d+$/);

    await palette.open();
    await palette.input.fill('engin');
    await expect(palette.option(/^Engineering/)).toHaveAttribute('aria-selected', 'true');
    await palette.input.press('Enter');
    await expect(app.page.getByRole('heading', { level: 1, name: 'Engineering' })).toBeVisible();

    // With nothing typed, the screens and then the actions: arrows move the selection (wrapping), Enter opens it.
    await palette.open();
    await palette.input.press('ArrowDown');
    await palette.input.press('ArrowDown');
    await expect(palette.selected()).toHaveText(/^Organizations/);
    await expect(palette.input).toHaveAttribute('aria-activedescendant', (await palette.selected().getAttribute('id'))!);
    await palette.input.press('ArrowUp');
    await expect(palette.selected()).toHaveText(/^Teams/);
    await palette.input.press('ArrowUp');
    await palette.input.press('ArrowUp');
    await expect(palette.selected()).toHaveText(/^Back up database…/);
    await palette.input.press('ArrowDown');
    await palette.input.press('ArrowDown');
    await palette.input.press('Enter');
    await expect(app.page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();

    await palette.open();
    await palette.input.fill('audit');
    await palette.input.press('Enter');
    await expect(app.page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  });

  test('runs the File menu’s actions too: typing "back up" and Enter makes a backup', async ({ app }) => {
    const palette = new CommandPalette(app.page);
    await palette.open();
    await expect(palette.option(/^Export activity report…/)).toBeVisible();
    // Browser mode cannot switch files: no Open database there.
    await expect(palette.option(/^Open database…/)).toHaveCount(0);
    await palette.input.fill('back up');
    await expect(palette.selected()).toHaveText(/^Back up database….*Actions$/);
    await palette.input.press('Enter');
    await expect(palette.dialog).toBeHidden();
    await expect(app.page.getByRole('status', { name: 'Notices' })).toContainText('Backed up as ');
  });

  test('"Import activity events…" from the palette opens the Activity screen\'s file picker in browser mode', async ({ app }, testInfo) => {
    test.skip(MODE === 'electron', 'The desktop app picks the file in a native dialog.');
    await app.arrange('members', 'add', '--email', 'ana@acme.example');
    const file = testInfo.outputPath('palette-events.ndjson');
    fs.writeFileSync(file, `${JSON.stringify({ type: 'login', email: 'ana@acme.example', at: new Date().toISOString() })}\n`);
    const palette = new CommandPalette(app.page);
    await palette.open();
    await palette.input.fill('import');
    const chooser = app.page.waitForEvent('filechooser');
    await palette.option(/^Import activity events…/).click();
    await (await chooser).setFiles(file);
    await expect(app.page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
    await expect(app.page.getByRole('status', { name: 'Notices' })).toContainText('Imported 1 event from palette-events.ndjson.');
  });

  test('says when nothing matches, closes with Escape and gives focus back', async ({ app }) => {
    const palette = new CommandPalette(app.page);
    await palette.openButton.focus();
    await palette.openButton.press('Enter');
    await expect(palette.input).toBeFocused();
    await palette.input.fill('zzzz-nothing');
    await expect(palette.dialog.getByRole('status')).toHaveText('Nothing matches “zzzz-nothing”.');
    await palette.input.press('Escape');
    await expect(palette.dialog).toBeHidden();
    await expect(palette.openButton).toBeFocused();
  });
});

test.describe('Themes', () => {
  test('follow the system until one is chosen in Settings, and the choice is kept', async ({ app }) => {
    const { page } = app;
    const theme = () => page.locator('html').getAttribute('data-theme');
    const background = () => page.evaluate(() => getComputedStyle(document.body.parentElement!).backgroundColor);

    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme).toBe('light');
    const light = await background();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const appearance = page.getByRole('region', { name: 'Appearance' });
    await expect(appearance.getByRole('radio', { name: /^System/ })).toBeChecked();
    await appearance.getByRole('radio', { name: /^Dark/ }).check();
    await expect.poll(theme).toBe('dark');
    expect(await background()).not.toBe(light);

    // Chosen: the system's setting no longer matters, and a reload keeps it.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    await page.locator('[data-app-state="ready"]').waitFor();
    await expect.poll(theme).toBe('dark');
    await expect(page.getByRole('region', { name: 'Appearance' }).getByRole('radio', { name: /^Dark/ })).toBeChecked();

    await page.getByRole('region', { name: 'Appearance' }).getByRole('radio', { name: /^Light/ }).check();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('light');
  });
});

test.describe('Keyboard', () => {
  test('Tab reaches the palette button and every screen in the sidebar, each with a visible focus ring', async ({ app }) => {
    const { page } = app;
    const nav = page.getByRole('navigation', { name: 'Main' });
    const expected = ['Go to…', ...NAV];
    const reached: string[] = [];
    await page.locator('body').focus();
    for (let i = 0; i < 40 && reached.length < expected.length; i += 1) {
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      if ((await nav.locator(':focus').count()) === 0) continue;
      const name = ((await focused.textContent()) ?? '').replace(/(Ctrl\+K|⌘K)$/, '').trim();
      reached.push(name);
      const ring = await focused.evaluate((element) => getComputedStyle(element).boxShadow);
      expect(ring, `focus ring on ${name}`).not.toBe('none');
    }
    expect(reached).toEqual(expected);

    // Enter on a focused link opens its screen.
    await nav.getByRole('link', { name: 'Teams' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  });
});

test.describe('Recent databases', () => {
  test('Settings lists the databases opened before and says which file is missing', async ({ app }) => {
    test.skip(MODE !== 'browser', 'Electron mode opens them with a button; browser mode lists them for --db');
    const dataDir = path.dirname(app.dbPath);
    const settingsFile = path.join(dataDir, 'settings.json');
    // Browser mode recorded its own database when it started.
    const recorded = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as { recentDatabases: string[] };
    expect(recorded.recentDatabases).toEqual([app.dbPath]);

    const gone = path.join(dataDir, 'moved-away.db');
    const other = path.join(dataDir, 'contoso.db');
    fs.copyFileSync(app.dbPath, other);
    fs.writeFileSync(settingsFile, JSON.stringify({ recentDatabases: [app.dbPath, other, gone] }));

    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const list = app.page.getByRole('region', { name: 'Database' }).getByRole('list', { name: 'Recent databases' });
    await expect(list.getByRole('listitem')).toHaveText([other, `${gone}Missing`]);
    await expect(app.page.getByRole('region', { name: 'Database' })).toContainText('start it again with --db');
  });
});

test.describe('Zoom', () => {
  test('at 200% every screen fits the window without sideways scrolling, and the sidebar stays usable', async ({ app }) => {
    const { page } = app;
    // 200% zoom of a 1280 × 800 window lays the page out in 640 × 400 CSS pixels.
    await page.setViewportSize({ width: 640, height: 400 });
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of NAV) {
      await nav.getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `sideways scrolling on ${name}`).toBeLessThanOrEqual(0);
    }
    await expect(nav.getByRole('link', { name: 'Settings' })).toBeInViewport();
  });
});
