import type { Page } from '@playwright/test';
import { expect, MODE, test } from './fixtures';

// The Electron security checklist, checked on the running app (docs/SECURITY.md).
// Electron mode needs Electron's binary (ROSTER_E2E_MODE=electron); browser mode runs everywhere.

/**
 * Injects an inline script and an inline event handler; reports which of them ran.
 * (eval is not tried here: code Playwright evaluates runs outside the page's
 * policy, so eval from it would prove nothing; the policy's lack of
 * 'unsafe-eval' is checked on the header instead.)
 */
async function injectScripts(page: Page) {
  return page.evaluate(async () => {
    const flags = window as unknown as { inlineRan?: boolean; handlerRan?: boolean };
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true;';
    document.body.append(script);
    const image = document.createElement('img');
    image.setAttribute('onerror', 'window.handlerRan = true');
    image.src = 'data:image/png;base64,broken';
    document.body.append(image);
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { inline: flags.inlineRan === true, handler: flags.handlerRan === true };
  });
}

test.describe('Electron security checklist (Electron window)', () => {
  test.skip(MODE !== 'electron', 'needs Electron: run with ROSTER_E2E_MODE=electron');

  test('the window runs sandboxed, isolated, without Node, with web security on', async ({ app }) => {
    // getLastWebPreferences is what Electron's own tests read; its typings leave it out.
    const preferences = await app.electronApp!.evaluate(({ BrowserWindow }) => {
      const [window] = BrowserWindow.getAllWindows();
      const contents = window!.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
      return contents.getLastWebPreferences?.() ?? null;
    });
    expect(preferences, 'the live webPreferences of the window').not.toBeNull();
    expect(preferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(await app.page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await app.page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    expect(await app.page.evaluate(() => Object.keys((window as unknown as { api: object }).api).sort())).toEqual(['invoke', 'on']);
  });

  test('navigation away, window.open and an injected inline script are all blocked', async ({ app }) => {
    const before = app.page.url();
    await app.page.evaluate(() => {
      window.location.href = 'https://evil.example/';
    });
    await app.page.waitForTimeout(500);
    expect(app.page.url()).toBe(before);

    const opened = await app.page.evaluate(() => window.open('https://evil.example/') === null);
    expect(opened).toBe(true);
    expect(await app.electronApp!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    expect(await injectScripts(app.page)).toEqual({ inline: false, handler: false });
  });

  test('the page comes from roster://app/, which serves the renderer folder and nothing else', async ({ app }) => {
    expect(app.page.url()).toMatch(/^roster:\/\/app\/index\.html(#.*)?$/);
    // net.fetch goes through the app's protocol handler, as the window's requests do.
    const status = (url: string) => app.electronApp!.evaluate(async ({ net }, target) => (await net.fetch(target)).status, url);
    expect(await status('roster://app/index.html')).toBe(200);
    expect(await status('roster://app/%2e%2e/main/index.js')).toBe(404);
    expect(await status('roster://app/..%5cmain%5cindex.js')).toBe(404);
    expect(await status('roster://elsewhere/index.html')).toBe(404);
    expect(await status('roster://app/assets')).toBe(404);
    // The page itself cannot read a local file (connect-src 'self', and no file:// privileges).
    const local = await app.page.evaluate(async () => {
      try {
        await fetch('file:///etc/hostname');
        return 'read';
      } catch {
        return 'refused';
      }
    });
    expect(local).toBe('refused');
  });

  test('permission requests are denied', async ({ app }) => {
    const state = await app.page.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state);
    expect(state).not.toBe('granted');
    const notification = await app.page.evaluate(() => Notification.requestPermission());
    expect(notification).not.toBe('granted');
  });
});

test.describe('Content-Security-Policy and the one-time link (browser mode)', () => {
  test.skip(MODE !== 'browser', 'browser mode only');

  test('an injected inline script and inline event handler do not run', async ({ app }) => {
    expect(await injectScripts(app.page)).toEqual({ inline: false, handler: false });
    // The app itself still works after the attempts.
    await expect(app.page.locator('[data-app-state="ready"]')).toBeVisible();
  });

  test('the page cannot be framed, and a form cannot post it elsewhere', async ({ app }) => {
    const answer = await app.page.reload();
    const policy = answer?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'none'");
    expect(policy).not.toMatch(/unsafe-(inline|eval)/);
  });

  test('the token appears once in the output (the address to open) and never again', async ({ app, browser }) => {
    const token = new URL(app.link!).searchParams.get('token')!;
    // A second browser trying the spent link, and a call naming the token, must not echo it anywhere.
    const stranger = await browser.newContext();
    const page = await stranger.newPage();
    expect((await page.goto(app.link!))?.status()).toBe(401);
    expect((await page.request.post(`${new URL(app.link!).origin}/api/invoke/orgs:list?token=${token}`)).status()).toBe(401);
    await stranger.close();
    await app.page.reload();
    await app.page.locator('[data-app-state="ready"]').waitFor();
    const output = app.serverOutput!();
    expect(output.split(token).length - 1).toBe(1);
    expect(output).toMatch(new RegExp(`^Open http://127\\.0\\.0\\.1:\\d+/\\?token=${token}$`, 'm'));
    const cookies = await app.page.context().cookies();
    for (const cookie of cookies) expect(output).not.toContain(cookie.value);
  });
});
