// Screenshots of Roster's screens in browser mode, with the demo enterprise:
//   node scripts/screenshots.mjs [out-dir]      (default docs/screenshots)
// Needs a build (npm run build) and Chromium (as for the end-to-end tests).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { root } from './electron-sqlite.mjs';

const outDir = path.resolve(process.argv[2] ?? path.join(root, 'docs', 'screenshots'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-shots-'));
const executablePath = [process.env.ROSTER_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((file) => file && fs.existsSync(file));

function startBrowserMode(db) {
  const child = spawn(process.execPath, [path.join(root, 'out/main/browser.js'), '--db', db], { env: { ...process.env, ROSTER_USER_DATA_DIR: work } });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /Open (\S+)\n/.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}): ${output}`)));
  });
}

async function capture(browser, db, shots, pageOptions = { viewport: { width: 1280, height: 800 } }) {
  const { child, url } = await startBrowserMode(db);
  const page = await browser.newPage(pageOptions);
  await page.goto(url);
  for (const [name, prepare] of shots) {
    await page.locator('[data-app-state="ready"]').waitFor();
    try {
      await prepare(page);
    } catch (error) {
      await page.screenshot({ path: path.join(outDir, `${name}-failed.png`) });
      throw error;
    }
    await page.screenshot({ path: path.join(outDir, `${name}.png`) });
    console.log(`${path.relative(root, outDir)}/${name}.png`);
  }
  await page.close();
  child.kill();
}

fs.mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  await capture(browser, path.join(work, 'empty.db'), [['first-run', async () => {}]]);

  const demo = path.join(work, 'demo.db');
  spawnSync(process.execPath, [path.join(root, 'out/main/cli.js'), 'demo', '--members', '1800', '--db', demo], { stdio: 'inherit' });
  const dialog = (page) => page.getByRole('dialog');
  await capture(browser, demo, [
    ['licenses', async (page) => page.getByRole('table', { name: 'Seats' }).getByRole('row').nth(5).waitFor()],
    ['licenses-release', async (page) => {
      for (const row of [2, 4, 5]) await page.getByRole('table', { name: 'Seats' }).getByRole('row').nth(row).getByRole('checkbox').check();
      await page.getByRole('button', { name: /^Release 3 seats$/ }).click();
      await dialog(page).waitFor();
    }],
    ['licenses-invite', async (page) => {
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Clear' }).click();
      await page.getByRole('button', { name: 'Invite' }).click();
      await dialog(page).getByLabel('Email').fill('new.hire@acme.example');
      await dialog(page).getByRole('checkbox', { name: 'Engineering' }).check();
    }],
    ['organizations', async (page) => {
      await page.keyboard.press('Escape');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
      await page.getByRole('table', { name: 'Organizations' }).waitFor();
    }],
    ['organization-new', async (page) => {
      await page.getByRole('button', { name: 'New organization' }).click();
      await dialog(page).getByLabel('Name', { exact: true }).fill('engineering');
      await dialog(page).getByRole('button', { name: 'Create organization' }).click();
      await dialog(page).getByRole('alert').waitFor();
    }],
    ['organization-delete', async (page) => {
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Delete Product' }).click();
    }],
    ['organization', async (page) => {
      await page.keyboard.press('Escape');
      await page.getByRole('link', { name: 'Engineering', exact: true }).click();
      await page.getByRole('table', { name: 'Members of Engineering' }).waitFor();
    }],
    // The first Escape clears the search field, the second closes the dialog.
    ['organization-add-members', async (page) => {
      await page.getByRole('button', { name: 'Add members' }).click();
      await dialog(page).getByRole('searchbox').fill('ana');
      await dialog(page).getByRole('checkbox').first().waitFor();
    }],
    ['organization-access', async (page) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.getByRole('region', { name: 'Everyone with access' }).scrollIntoViewIfNeeded();
    }],
    ['teams', async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
      await page.getByRole('table', { name: 'Teams' }).waitFor();
    }],
    ['team', async (page) => {
      await page.getByRole('link', { name: 'Developers', exact: true }).click();
      await page.getByRole('heading', { name: 'Developers' }).waitFor();
    }],
    // A member's page: the seat, organizations with every path, teams, the audit trail.
    ['member', async (page) => {
      await page.getByRole('table', { name: 'Members of Developers' }).getByRole('link').first().click();
      await page.getByRole('table', { name: /^Access of / }).waitFor();
      await page.getByRole('table', { name: /^Audit events about / }).getByRole('row').nth(1).waitFor();
    }],
    ['settings', async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
    }],
    ['settings-domains', async (page) => {
      await page.getByRole('region', { name: 'Domains & invitations' }).getByRole('radio', { name: /Only these domains/ }).check();
      await page.getByRole('textbox', { name: 'Add an allowed domain' }).fill('acme.example');
      await page.getByRole('region', { name: 'Domains & invitations' }).scrollIntoViewIfNeeded();
    }],
    // A demo made before it had domains gets one here, so the shots work either way.
    ['domains', async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Domains' }).click();
      const table = page.getByRole('table', { name: 'Domains' });
      await page.getByText(/^\d+ domains?$/).waitFor();
      if ((await table.getByRole('link').count()) === 0) {
        await page.getByRole('button', { name: 'Add domain' }).click();
        await dialog(page).getByLabel('Domain').fill('acme.example');
        await dialog(page).getByRole('button', { name: 'Add domain' }).click();
        await page.getByRole('heading', { level: 1, name: 'acme.example' }).waitFor();
        await page.getByRole('link', { name: '← Domains' }).click();
      }
      await table.getByRole('link').first().waitFor();
    }],
    ['domain', async (page) => {
      await page.getByRole('table', { name: 'Domains' }).getByRole('link').first().click();
      await page.getByRole('region', { name: 'DNS record' }).waitFor();
    }],
    ['domain-unverified', async (page) => {
      await page.getByRole('link', { name: '← Domains' }).click();
      await page.getByText(/^\d+ domains?$/).waitFor();
      const links = page.getByRole('table', { name: 'Domains' }).getByRole('link');
      if ((await links.count()) > 1) await links.nth(1).click();
      else await links.first().click();
      await page.getByRole('region', { name: 'DNS record' }).waitFor();
    }],
    ['domains-unmanaged', async (page) => {
      await page.getByRole('link', { name: '← Domains' }).click();
      await page.getByRole('link', { name: /^Unmanaged accounts/ }).click();
      await page.getByRole('table', { name: 'Unmanaged accounts on all domains' }).waitFor();
    }],
    ['activity', async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click();
      await page.getByRole('table', { name: 'Activity report' }).getByRole('row').nth(5).waitFor();
    }],
    ['activity-settings', async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('region', { name: 'Activity report' }).scrollIntoViewIfNeeded();
    }],
    // The secret as it is shown, once; then a few requests with it (and one without a valid token).
    ['scim-stopped', async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SCIM' }).click();
      await page.getByRole('table', { name: 'Tokens' }).getByText('No tokens yet').waitFor();
    }],
    ['scim-new-token', async (page) => {
      await page.getByLabel('Port', { exact: true }).fill('0');
      await page.getByRole('button', { name: 'Start' }).click();
      await page.getByLabel('Base URL', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'New token' }).click();
      await dialog(page).getByLabel('Name', { exact: true }).fill('Okta production');
      await dialog(page).getByLabel('Expires in (days)').fill('365');
      await dialog(page).getByRole('button', { name: 'Create token' }).click();
      await dialog(page).getByLabel('New token', { exact: true }).waitFor();
    }],
    ['scim', async (page) => {
      const token = (await dialog(page).getByLabel('New token', { exact: true }).textContent()).trim();
      await dialog(page).getByRole('button', { name: 'Done' }).click();
      const base = (await page.getByLabel('Base URL', { exact: true }).textContent()).trim();
      const call = (path, secret, init = {}) =>
        fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/scim+json' } });
      await call('/ServiceProviderConfig', token);
      await call('/ResourceTypes', token);
      await call('/Schemas', token);
      await call('/Users?startIndex=1&count=2', token);
      await call('/Users', 'roster_scim_wrong');
      await call('/Bulk', token, { method: 'POST', body: '{}' });
      await page.getByRole('table', { name: 'SCIM requests' }).getByRole('row').nth(6).waitFor();
    }],
    ['scim-requests', async (page) => {
      await page.getByRole('region', { name: 'Requests' }).scrollIntoViewIfNeeded();
    }],
    ['audit', async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('table', { name: 'Audit events' }).getByRole('row').nth(8).waitFor();
    }],
    ['audit-details', async (page) => {
      await page.getByRole('combobox', { name: 'Action' }).selectOption({ value: 'team.' });
      await page.getByText(/^[\d,]+ events?$/).waitFor();
      await page.getByRole('table', { name: 'Audit events' }).getByRole('button', { name: 'Details' }).first().click();
      await page.getByRole('region', { name: /^Details of event / }).waitFor();
    }],
    ['command-palette', async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licenses' }).click();
      await page.keyboard.press('Control+K');
      // Places and actions together: the Settings screen (backups), the File menu's Back up, teams by name.
      await page.getByRole('combobox', { name: /^Go to/ }).fill('back');
      await page.getByRole('option', { name: /^Back up database/ }).waitFor();
    }],
    // The dark theme, chosen in Settings → Appearance (then back to following the system).
    ['licenses-dark', async (page) => {
      await page.keyboard.press('Escape');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('region', { name: 'Appearance' }).getByRole('radio', { name: /^Dark/ }).check();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licenses' }).click();
      await page.getByRole('table', { name: 'Seats' }).getByRole('row').nth(5).waitFor();
    }],
    ['settings-appearance', async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('region', { name: 'Appearance' }).scrollIntoViewIfNeeded();
    }],
  ]);

  // 200% zoom: a 1280 × 800 window shows 640 × 400 CSS pixels, drawn at twice the density.
  await capture(
    browser,
    demo,
    [
      ['zoom-200-licenses', async (page) => page.getByRole('table', { name: 'Seats' }).getByRole('row').nth(2).waitFor()],
      ['zoom-200-teams', async (page) => {
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
        await page.getByRole('table', { name: 'Teams' }).waitFor();
      }],
    ],
    { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
  );
} finally {
  await browser.close();
  fs.rmSync(work, { recursive: true, force: true });
}
