import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../src/shared/csp';
import { expect, MODE, test } from './fixtures';
import { BackupsPage } from './pages/backups-page';

test.describe('Browser mode', () => {
  test.skip(MODE !== 'browser', 'browser mode only');

  test('the page is refused to a browser that did not open the one-time link', async ({ app, browser }) => {
    const origin = new URL(app.page.url()).origin;
    const stranger = await browser.newContext();
    const page = await stranger.newPage();
    const answer = await page.goto(`${origin}/`);
    expect(answer?.status()).toBe(401);
    await expect(page.locator('body')).toContainText('Open Roster with the address it printed');
    const call = await page.request.post(`${origin}/api/invoke/orgs:list`);
    expect(call.status()).toBe(401);
    await stranger.close();
  });

  test('the link drops its token from the address bar once it is used', async ({ app }) => {
    expect(new URL(app.page.url()).searchParams.has('token')).toBe(false);
  });

  test('the session key leaves the address bar, survives a reload, and the cookie alone opens nothing', async ({ app }) => {
    const origin = new URL(app.page.url()).origin;
    expect(new URL(app.page.url()).hash).not.toContain('key=');
    await app.page.reload();
    await app.page.locator('[data-app-state="ready"]').waitFor();
    await expect(app.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    // The context's request API sends the cookie, as a browser does to any server on 127.0.0.1.
    expect((await app.page.request.post(`${origin}/api/invoke/orgs:list`)).status()).toBe(401);
    expect((await app.page.request.get(`${origin}/api/events`)).status()).toBe(401);
  });

  test('another tab on the address works; a browser holding the cookie but not the key is told how to open Roster', async ({ app }) => {
    const origin = new URL(app.page.url()).origin;
    const another = await app.page.context().newPage();
    await another.goto(`${origin}/#/teams`);
    await another.locator('[data-app-state="ready"]').waitFor();
    // As if the key were gone (the tab's storage cleared): the page loads, its calls are refused, and it says why.
    await another.evaluate(() => localStorage.clear());
    await another.reload();
    await expect(another.locator('[data-app-state="error"]')).toContainText('Open the address Roster printed');
    // The printed address again, in this browser, brings the key back.
    await another.goto(app.link!);
    await another.locator('[data-app-state="ready"]').waitFor();
    expect(new URL(another.url()).hash).toBe('');
  });

  test("a listed backup's Download button fetches it through a one-use address", async ({ app }) => {
    const backups = new BackupsPage(app.page);
    await backups.open();
    const daily = backups.rows.filter({ hasText: 'Daily' });
    const downloading = app.page.waitForEvent('download');
    await daily.getByRole('button', { name: 'Download' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^roster-.*\.db$/);
    expect(new URL(download.url()).searchParams.get('ticket')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The address is spent once used.
    expect((await app.page.request.get(download.url())).status()).toBe(401);
    await expect(backups.notices).toContainText(`Downloading ${download.suggestedFilename()}; your browser downloads it.`);
  });

  test('the page carries the one Content-Security-Policy, as a header and in the document', async ({ app }) => {
    const answer = await app.page.reload();
    expect(answer?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY_HEADER);
    const meta = app.page.locator('meta[http-equiv="Content-Security-Policy"]');
    await expect(meta).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
  });

  test('the Content-Security-Policy stops an injected inline script', async ({ app }) => {
    const violations: string[] = [];
    app.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    // An inline script that is allowed runs as it is inserted, so the check can follow at once.
    const ran = await app.page.evaluate(() => {
      const marker = window as unknown as { injected?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
      return marker.injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
  });
});
