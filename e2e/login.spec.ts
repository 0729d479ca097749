import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { ConsolePage } from './pages/console-page';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { BROWSER_MAIN, CLI_MAIN } from './support/files';

// One `roster server` for the file. The command line runs as an admin's own computer would: its own config folder.
test.describe.configure({ mode: 'default' });

const PASSWORD = 'correct horse battery staple';
let roster: ConsoleServer;
let configDir: string;

test.beforeAll(async () => {
  roster = await startConsoleServer('demo', [{ email: 'ana@acme.com', role: 'admin', name: 'Ana Ruiz', password: PASSWORD }]);
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-e2e-login-'));
});

test.afterAll(async () => {
  await roster?.close();
  fs.rmSync(configDir, { recursive: true, force: true });
});

test('roster login: the admin signs in in the browser and allows the command line, which then works on the server without --token', async ({ page }) => {
  const env = { ...process.env, ROSTER_USER_DATA_DIR: configDir, DISPLAY: '', WAYLAND_DISPLAY: '' };
  const login = spawn(process.execPath, [CLI_MAIN, 'login', '--server', roster.server.url, '--no-browser'], { env });
  let stdout = '';
  let stderr = '';
  login.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  login.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => login.on('exit', resolve));

  await expect.poll(() => /http:\/\/\S+\/auth\/native\/authorize\?\S+/.exec(stderr)?.[0]).toBeTruthy();
  const address = /http:\/\/\S+\/auth\/native\/authorize\?\S+/.exec(stderr)![0];
  expect(stderr).toContain('Open this address in a browser on this computer to sign in to');

  // The browser has no console session: the console's sign-in, saying why, then on to the confirmation.
  await page.goto(address);
  const console = new ConsolePage(page, roster.server.url);
  await console.expectSignInScreen();
  await expect(console.reason).toContainText('Sign in to let the app that sent you here act as you.');
  await console.submit('ana@acme.com', PASSWORD);

  await expect(page.getByRole('heading', { level: 1, name: 'Allow Roster command line to act as you?' })).toBeVisible();
  await expect(page.getByText('wants to act as ana@acme.com (admin)')).toBeVisible();
  await page.getByRole('button', { name: 'Allow' }).click();

  // Back at the command line's own listener on 127.0.0.1.
  await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();
  await expect(page.getByText('as ana@acme.com (admin). You can close this tab.')).toBeVisible();
  expect(await exited).toBe(0);
  expect(stdout).toContain(`Signed in to ${roster.server.url} as ana@acme.com (admin) until `);
  expect(fs.statSync(path.join(configDir, 'credentials.json')).mode & 0o777).toBe(0o600);

  const orgs = spawnSync(process.execPath, [CLI_MAIN, 'orgs', 'list', '--server', roster.server.url], { env, encoding: 'utf8' });
  expect(orgs.stderr).toBe('');
  expect(orgs.status).toBe(0);
  expect(orgs.stdout).toMatch(/^ID\s+NAME\s+CREATED\n/);

  // The token is the admin's, listed as any other, and named for where it came from.
  const tokens = roster.roster('admins', 'token', 'list');
  expect(tokens.stdout).toMatch(/roster login from 127\.0\.0\.1 \d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+ana@acme\.com\s+admin\s+valid/);
});

test('browser mode with --server and no token: the admin signs in on the server’s page for this session only, and stopping it revokes the sign-in', async ({ page }) => {
  // A config folder of its own, with no `roster login` in it; no display, so the address is printed instead.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-e2e-browser-signin-'));
  const mode = spawn(process.execPath, [BROWSER_MAIN, '--server', roster.server.url, '--port', '0'], {
    env: { ...process.env, ROSTER_USER_DATA_DIR: dataDir, DISPLAY: '', WAYLAND_DISPLAY: '' },
  });
  let output = '';
  mode.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  mode.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => mode.on('exit', resolve));
  try {
    await expect.poll(() => /http:\/\/\S+\/auth\/native\/authorize\?\S+/.exec(output)?.[0]).toBeTruthy();
    expect(output).toContain(`Could not open a browser (no graphical display).`);
    await page.goto(/http:\/\/\S+\/auth\/native\/authorize\?\S+/.exec(output)![0]);
    const console = new ConsolePage(page, roster.server.url);
    await console.expectSignInScreen();
    await console.submit('ana@acme.com', PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: 'Allow Roster browser mode to act as you?' })).toBeVisible();
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page.getByRole('heading', { name: 'Signed in' })).toBeVisible();

    // Then it serves the server as with a token: its one-time address, the server's data, who is signed in.
    await expect.poll(() => /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\n/.exec(output)?.[1]).toBeTruthy();
    expect(output).toContain(`Signed in to ${roster.server.url} as ana@acme.com (admin) for this session only`);
    await page.goto(/Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)\n/.exec(output)![1]!);
    await page.locator('[data-app-state="ready"]').waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('ana@acme.com');
    expect(fs.existsSync(path.join(dataDir, 'credentials.json'))).toBe(false);
    const browserToken = /Roster browser mode from 127\.0\.0\.1 \d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+ana@acme\.com\s+admin\s+(\S+)/;
    expect(browserToken.exec(roster.roster('admins', 'token', 'list').stdout)?.[1]).toBe('valid');

    mode.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(browserToken.exec(roster.roster('admins', 'token', 'list').stdout)?.[1]).toBe('revoked');
  } finally {
    if (mode.exitCode === null) mode.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
