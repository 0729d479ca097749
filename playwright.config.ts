import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * The Chromium to drive: ROSTER_CHROMIUM, else Debian's headless shell (apt-get
 * install chromium-headless-shell: Chromium's old headless mode, a third less
 * time for the whole end-to-end step on two cores than the full browser run
 * headless), else Debian's Chromium (apt-get install chromium), else
 * Playwright's own download where that works. The /usr/bin wrappers are skipped
 * for the binaries themselves, which print no shell warnings.
 */
function chromiumPath(): string | undefined {
  const candidates = [
    process.env.ROSTER_CHROMIUM,
    '/usr/lib/chromium/chromium-headless-shell',
    '/usr/lib/chromium/chromium',
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  return candidates.find((candidate): candidate is string => !!candidate && fs.existsSync(candidate));
}

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  workers: process.env.CI_WORKERS ? Number(process.env.CI_WORKERS) : 2,
  retries: 0,
  forbidOnly: true,
  // Budgets for a loaded machine, not a quiet one: on two cores with two
  // CPU-bound processes beside the suite (load 12 to 18), two tests passed 30 s,
  // and none passed 60 s (README, "Tests").
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    // Recording a trace costs every test a DOM snapshot per action (about a fifth of the suite's time on two
    // cores); a failure keeps its screenshot and page snapshot. ROSTER_E2E_TRACE=1 records traces when chasing one.
    trace: process.env.ROSTER_E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      // The sandbox needs privileges CI containers lack; the background flags stop
      // Chromium from reaching for Google's hosts, which a closed network refuses.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
});
