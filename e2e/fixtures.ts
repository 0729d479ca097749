import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test as base, _electron as electron, type Browser, type ElectronApplication, type Page, type TestFixture, type TestInfo } from '@playwright/test';
import { BROWSER_MAIN, CLI_MAIN, root, templateFile, type Seed } from './support/files';
import { runCliInProcess, type CliResult } from './support/in-process-cli';

export type { CliResult } from './support/in-process-cli';
export type { Seed } from './support/files';

/** browser (default): the app served to Chromium; electron: the real window, where Electron runs. */
export const MODE = process.env.ROSTER_E2E_MODE === 'electron' ? 'electron' : 'browser';

export interface RosterApp {
  page: Page;
  /** This test's own database file. */
  dbPath: string;
  /** Runs the built `roster` command line, a process of its own, against this test's database: for tests of the command line and its output. */
  roster(...args: string[]): CliResult;
  /**
   * Sets the test up through the same command line run inside this worker (no
   * process per step); throws when the command fails, so a broken set-up is not
   * mistaken for a failing screen.
   */
  arrange(...args: string[]): Promise<CliResult>;
  /** Starts the built `roster` command line against this test's database and leaves it running (`roster scim serve`). */
  spawnRoster(...args: string[]): ChildProcess;
  /** Electron mode only: the app's main process, to read what the page cannot (webPreferences). */
  electronApp?: ElectronApplication;
  /** Browser mode only: what the browser-mode process printed so far (stdout and stderr), and the one-time link. */
  serverOutput?: () => string;
  link?: string;
}

function runCli(dataDir: string, dbPath: string, args: string[]): CliResult {
  const result = spawnSync(process.execPath, [CLI_MAIN, ...args, '--db', dbPath], {
    encoding: 'utf8',
    env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir },
  });
  return { status: result.status ?? -1, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

function spawnCli(dataDir: string, dbPath: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI_MAIN, ...args, '--db', dbPath], {
    env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function arrangeWith(dataDir: string, dbPath: string, args: string[]): Promise<CliResult> {
  const result = await runCliInProcess(dataDir, dbPath, args);
  if (result.status !== 0) throw new Error(`Setting the test up with "roster ${args.join(' ')}" failed (${result.status}): ${result.stderr}`);
  return result;
}

/** Starts browser mode on a free port and resolves with the address it prints. */
function startBrowserMode(dataDir: string, dbPath: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BROWSER_MAIN, '--db', dbPath, '--port', '0'], {
    env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    let resolved = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\n/.exec(output)?.[1];
      if (url && !resolved) {
        resolved = true;
        resolve({ child, url, output: () => output });
      }
    };
    // Everything it prints is kept, so a test can check what never appears there (the token, after its one line).
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code} before it was ready:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

interface Fixtures {
  seed: Seed;
  app: RosterApp;
}

/** Folder, database and command line of one test: a seeded database is a copy of the one the global setup made. */
function prepare(seed: Seed, testInfo: TestInfo) {
  const dataDir = testInfo.outputPath('user-data');
  fs.mkdirSync(dataDir, { recursive: true });
  const dbPath = path.join(dataDir, 'roster.db');
  if (seed !== 'empty') fs.copyFileSync(templateFile(seed), dbPath);
  const roster = (...args: string[]) => runCli(dataDir, dbPath, args);
  const arrange = (...args: string[]) => arrangeWith(dataDir, dbPath, args);
  const spawnRoster = (...args: string[]) => spawnCli(dataDir, dbPath, args);
  return { dataDir, dbPath, roster, arrange, spawnRoster };
}

/** Browser mode: the app served on a free port, opened in a fresh browser context. */
const browserApp: TestFixture<RosterApp, Fixtures & { browser: Browser }> = async ({ browser, seed }, use, testInfo) => {
  const { dataDir, dbPath, roster, arrange, spawnRoster } = prepare(seed, testInfo);
  // The server starts while Chromium opens the context and its page (each about a quarter of a second on two cores).
  const starting = startBrowserMode(dataDir, dbPath);
  const opening = browser.newContext().then(async (context) => ({ context, page: await context.newPage() }));
  const [server, window] = await Promise.allSettled([starting, opening]);
  try {
    if (server.status === 'rejected') throw server.reason;
    if (window.status === 'rejected') throw window.reason;
    const { page } = window.value;
    const { url, output } = server.value;
    await page.goto(url);
    await page.locator('[data-app-state="ready"]').waitFor();
    await use({ page, dbPath, roster, arrange, spawnRoster, serverOutput: output, link: url });
  } finally {
    if (window.status === 'fulfilled') await window.value.context.close();
    if (server.status === 'fulfilled') await stop(server.value.child);
  }
};

/** Electron: the real window, where Electron's binary exists (npm test builds its better-sqlite3 first). */
const electronApp: TestFixture<RosterApp, Fixtures> = async ({ seed }, use, testInfo) => {
  const { dataDir, dbPath, roster, arrange, spawnRoster } = prepare(seed, testInfo);
  const app = await electron.launch({
    // Containers often run tests as root, where Chromium's sandbox cannot start.
    args: [root, '--db', dbPath, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir } as Record<string, string>,
  });
  try {
    const page = await app.firstWindow();
    await page.locator('[data-app-state="ready"]').waitFor();
    await use({ page, dbPath, roster, arrange, spawnRoster, electronApp: app });
  } finally {
    await app.close();
  }
};

// Fixture dependencies are fixed when the file loads, so each mode gets its own:
// Electron mode never starts the Chromium that browser mode needs.
export const test = base.extend<Fixtures>({
  seed: ['enterprise', { option: true }],
  app: MODE === 'electron' ? electronApp : (browserApp as TestFixture<RosterApp, Fixtures>),
});

export { expect } from '@playwright/test';
