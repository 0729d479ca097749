import type { Page } from '@playwright/test';
import { expect, MODE, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import { BackupsPage } from './pages/backups-page';
import { BusyIndicator } from './pages/busy-indicator';

const REPORT = 'Saving the activity report';
const JOB_ID = '6f1c7a52-3b8e-4d2a-9c41-0e5b7d9f2a13';

/**
 * Main's event stream, standing still after one event: the report job, `done` of 4,000 members in.
 * The page reconnects a second after a stream ends; the event is told once, or
 * each reconnection would bring the bar back (on a loaded machine, often enough
 * that the bar is never seen gone).
 */
async function announceOnly(page: Page, done: number): Promise<void> {
  const progress = { jobId: JOB_ID, label: REPORT, done, total: 4000, unit: 'members', cancellable: true, state: 'running' };
  let told = false;
  await page.route('**/api/events', (route) => {
    const body = told ? 'retry: 3600000\n\n' : `retry: 3600000\ndata: ${JSON.stringify({ event: 'progress', payload: progress })}\n\n`;
    told = true;
    return route.fulfill({ status: 200, contentType: 'text/event-stream', body });
  });
}

test.describe('Long work: progress, Cancel and notices', () => {
  test.skip(MODE === 'electron', 'The desktop app saves through native dialogs; browser mode shows the same bar and notices.');
  test.use({ seed: 'demo' });

  test('saving the report tells the page how far it got, and ends with a notice of how many members it saved', async ({ app }) => {
    const activity = new ActivityPage(app.page);
    const busy = new BusyIndicator(app.page);
    await activity.open();
    const progressSeen = await busy.recordProgress();

    const download = app.page.waitForEvent('download');
    await activity.saveButton.click();
    const saved = await download;

    const today = new Date().toISOString().slice(0, 10);
    expect(saved.suggestedFilename()).toBe(`roster-activity-${today}.csv`);
    await expect(activity.notices).toContainText(`Downloaded the activity report: 120 members as roster-activity-${today}.csv.`);
    await expect.poll(async () => (await progressSeen()).at(-1)).toMatchObject({ label: REPORT, done: 120, total: 120, unit: 'members', state: 'finished' });
    expect(await progressSeen()).toContainEqual(expect.objectContaining({ label: REPORT, done: 120, total: 120, state: 'running', cancellable: true }));
    // Once it finished, the bar is gone.
    await expect(busy.bar(REPORT)).toHaveCount(0);
  });

  test('backing up tells the page pages copied of all pages, and ends with a notice', async ({ app }) => {
    const backups = new BackupsPage(app.page);
    const busy = new BusyIndicator(app.page);
    await backups.open();
    const progressSeen = await busy.recordProgress();

    const download = app.page.waitForEvent('download');
    await backups.backUpNow.click();
    const id = (await download).suggestedFilename();

    await expect(backups.notices).toContainText(`Backed up as ${id}`);
    await expect.poll(async () => (await progressSeen()).at(-1)).toMatchObject({ label: 'Backing up the database', unit: 'pages', state: 'finished' });
    const last = (await progressSeen()).at(-1) as { done: number; total: number };
    expect(last.total).toBeGreaterThan(0);
    expect(last.done).toBe(last.total);
  });

  test('a job main announces shows a bar that fills, and a Cancel button reachable by keyboard', async ({ app }) => {
    // Main's events stand still here, so the bar can be read: one job part way, told once (as the
    // stream's greeting tells a page loaded while a job runs).
    await announceOnly(app.page, 1200);
    const cancelled: unknown[] = [];
    await app.page.route('**/api/invoke/jobs:cancel', async (route) => {
      cancelled.push(route.request().postDataJSON());
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { cancelling: true } }) });
    });
    await app.page.reload();
    await app.page.locator('[data-app-state="ready"]').waitFor();

    const busy = new BusyIndicator(app.page);
    const bar = busy.bar(REPORT);
    await expect(bar).toHaveAttribute('aria-valuenow', '1200');
    await expect(bar).toHaveAttribute('aria-valuemax', '4000');
    await expect(bar).toHaveAttribute('aria-valuetext', '1,200 of 4,000 members');
    await expect(app.page.getByText('1,200 of 4,000 members')).toBeVisible();
    await expect(app.page.getByRole('status').filter({ hasText: `${REPORT}…` })).toHaveCount(1);

    const cancel = busy.cancel(REPORT);
    await cancel.focus();
    await expect(cancel).toBeFocused();
    await app.page.keyboard.press('Enter');
    await expect.poll(() => cancelled).toEqual([{ jobId: JOB_ID }]);
    await expect(cancel).toBeDisabled();
    await expect(app.page.getByText('Cancelling: saving the activity report…')).toBeVisible();
  });

  test('Cancel on a job that has ended already takes its bar away', async ({ app }) => {
    // The page missed the job's end (its stream was not connected yet): main answers that nothing is running.
    await announceOnly(app.page, 10);
    await app.page.route('**/api/invoke/jobs:cancel', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { cancelling: false } }) }),
    );
    await app.page.reload();
    await app.page.locator('[data-app-state="ready"]').waitFor();

    const busy = new BusyIndicator(app.page);
    await expect(busy.bar(REPORT)).toBeVisible();
    await busy.cancel(REPORT).click();
    await expect(busy.bar(REPORT)).toHaveCount(0);
    await expect(app.page.getByText('Cancelling: saving the activity report…')).toHaveCount(0);
  });
});
