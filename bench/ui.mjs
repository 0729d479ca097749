/* global document -- the functions given to waitForFunction run in the page */
// The UI benchmark: browser mode (out/main/browser.js) over a 100,000-member store,
// driven in Chromium by Playwright; and the peak resident memory of the process
// that holds the store while it serves the Licenses screen.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const SEATS = 'table[aria-label="Seats"] tbody tr:not(.empty-row):not(.virtual-spacer)';

export function chromiumPath() {
  const found = [process.env.ROSTER_CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => file && fs.existsSync(file));
  if (!found) throw new Error('No Chromium found: apt-get install chromium, or set ROSTER_CHROMIUM.');
  return found;
}

function startBrowserMode(root, dbPath, dataDir) {
  const child = spawn(process.execPath, [path.join(root, 'out', 'main', 'browser.js'), '--db', dbPath, '--port', '0'], {
    env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\n/.exec(output)?.[1];
      if (url) resolve({ child, url });
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}):\n${output}`)));
  });
}

/** Peak and current resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { peakMb: kb('VmHWM') / 1024, currentMb: kb('VmRSS') / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(action, until) {
  const started = performance.now();
  await action();
  await until();
  return performance.now() - started;
}

export async function measureUi({ root, dbPath, workDir, repeats = 5 }) {
  const dataDir = path.join(workDir, 'ui-user-data');
  fs.mkdirSync(dataDir, { recursive: true });
  const server = await startBrowserMode(root, dbPath, dataDir);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const firstRow = page.locator(SEATS).first();
    const nav = page.getByRole('navigation', { name: 'Main' });

    const cold = await timed(() => page.goto(server.url), () => firstRow.waitFor());
    await page.locator('[data-app-state="ready"]').waitFor();

    // Teams: 2,000 in one client-side table, the longest list of the demo.
    await nav.getByRole('link', { name: 'Teams' }).click();
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
    await page.locator('table[aria-label="Teams"] tbody tr:not(.empty-row):not(.virtual-spacer)').first().waitFor();
    const teamRows = await page.locator('table[aria-label="Teams"] tbody tr').count();

    const navigation = [];
    for (let i = 0; i < repeats; i += 1) {
      await nav.getByRole('link', { name: 'Teams' }).click();
      await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
      navigation.push(await timed(() => nav.getByRole('link', { name: 'Licenses' }).click(), () => firstRow.waitFor()));
    }

    // Re-sort by Last Active, each click the other way; done when the first row changed.
    const sortButton = page.locator('th.col-lastActive button');
    const resort = [];
    for (let i = 0; i < repeats; i += 1) {
      const before = await firstRow.innerText();
      resort.push(
        await timed(
          () => sortButton.click(),
          () => page.waitForFunction(([selector, text]) => document.querySelector(selector)?.textContent !== text && !!document.querySelector(selector), [SEATS, before.replace(/\t/g, '')], { polling: 'raf' }).catch(() => undefined),
        ),
      );
    }

    // Search by a whole email address, including the screen's wait for typing to stop.
    const emails = await page.locator(`${SEATS} td.col-email`).allInnerTexts().catch(() => []);
    const candidates = emails.length > 0 ? emails : (await page.locator(SEATS).allInnerTexts()).map((text) => /\S+@\S+/.exec(text)?.[0]).filter(Boolean);
    const search = [];
    const box = page.getByRole('searchbox', { name: 'Search seats' });
    for (let i = 0; i < repeats; i += 1) {
      const email = candidates[(i * 7) % candidates.length].trim();
      search.push(
        await timed(
          () => box.fill(email),
          () => page.waitForFunction(([selector, wanted]) => {
            const rows = document.querySelectorAll(selector);
            // An address can be part of a longer one (ana.lima1@ in juliana.lima1@): a few rows, one of them it.
            return rows.length <= 5 && [...rows].some((row) => row.textContent.includes(wanted));
          }, [SEATS, email], { polling: 'raf' }),
        ),
      );
      await box.fill('');
      await page.waitForFunction((selector) => document.querySelectorAll(selector).length > 1, SEATS, { polling: 'raf' });
    }

    const licenseRows = await page.locator('table[aria-label="Seats"] tbody tr').count();
    const memory = memoryOf(server.child.pid);
    return {
      coldMs: cold,
      navigationMs: median(navigation),
      resortMs: median(resort),
      searchMs: median(search),
      samples: { navigation, resort, search },
      domRows: { licenses: licenseRows, teams: teamRows },
      memory,
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => {
      server.child.once('exit', resolve);
      server.child.kill('SIGTERM');
    });
  }
}
