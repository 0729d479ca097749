import fs from 'node:fs';
import { expect, MODE, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const utcDay = (iso: string) => iso.slice(0, 10);
/** A UTC day as the screens show every date (the CSV keeps YYYY-MM-DD). */
const shownDay = (day: string) => new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** Four members: one active yesterday, one 95 days ago (blank), one last seen before tracking began, one never. */
function writeEvents(file: string) {
  const events = [
    { type: 'signup', email: 'ana@acme.example', at: daysAgo(200), name: 'Ana Lima' },
    { type: 'signup', email: 'bo@acme.example', at: daysAgo(200), name: 'Bo Berg' },
    { type: 'signup', email: 'cy@acme.example', at: '2025-01-02T09:00:00Z', name: 'Cy Old' },
    { type: 'signup', email: 'di@acme.example', at: daysAgo(200), name: 'Di Never' },
    { type: 'login', email: 'ana@acme.example', at: daysAgo(1) },
    { type: 'open', email: 'ana@acme.example', at: daysAgo(1) },
    { type: 'open', email: 'bo@acme.example', at: daysAgo(95) },
    { type: 'login', email: 'cy@acme.example', at: '2025-03-01T09:00:00Z' },
  ];
  fs.writeFileSync(file, `${events.map((event) => JSON.stringify(event)).join('\n')}\n{"type":"logout","email":"ana@acme.example","at":"${daysAgo(1)}"}\n`);
}

test.describe('Activity', () => {
  test.skip(MODE === 'electron', 'The desktop app picks the file in a native dialog; browser mode uploads it from the page.');

  test('an admin imports events, reads the charts and the report, and saves the CSV', async ({ app }, testInfo) => {
    for (const email of ['ana@acme.example', 'bo@acme.example', 'cy@acme.example', 'di@acme.example']) {
      expect((await app.arrange('members', 'add', '--email', email)).status).toBe(0);
    }
    const file = testInfo.outputPath('events.ndjson');
    writeEvents(file);
    const activity = new ActivityPage(app.page);
    await activity.open();
    await expect(activity.ruleSentence).toContainText('at most 90 days ago');
    // Dates on screen have one format; the CSV below keeps YYYY-MM-DD.
    await expect(activity.ruleSentence).toContainText('last login was before May 20, 2025, when activity began');

    await activity.importFile(file);

    // Some lines rejected: done in part, a warning that says how many and why, not an error.
    await expect(activity.importResult).toContainText('Partly imported events.ndjson: 9 lines read, 1 line rejected.');
    await expect(activity.importResult).toContainText('4 signups, 2 logins, 2 opens.');
    await expect(activity.importResult).toContainText('1 line was rejected; the good lines were imported, for the reasons below.');
    await expect(activity.notices).toContainText('Partly imported events.ndjson: 8 events in, 1 line rejected (see Activity).');
    await expect(app.page.getByRole('alert')).toHaveCount(0);
    await expect(activity.rejections).toHaveText(['Line 9 unknown event type ("logout"); it must be signup, login or open']);

    await expect(activity.bucket('0–30 days ago: 1 member')).toBeVisible();
    await expect(activity.bucket('91–100 days ago (left empty): 1 member')).toBeVisible();
    await expect(activity.bucket('Over 100 days ago, or never (N/A): 1 member')).toBeVisible();
    await expect(activity.bucket('Last login before May 20, 2025: 1 member')).toBeVisible();
    await expect(app.page.getByRole('img', { name: /^Members active per day from .*: at most 1 member, on / })).toBeVisible();

    await expect(activity.row('ana@acme.example')).toContainText(shownDay(utcDay(daysAgo(1))));
    await expect(activity.row('bo@acme.example')).toContainText('(empty)');
    await expect(activity.row('cy@acme.example')).toContainText('Mar 1, 2025 (login)');
    await expect(activity.row('di@acme.example')).toContainText('N/A');

    // A bucket lists its members alone.
    await activity.bucket('Last login before May 20, 2025: 1 member').click();
    await expect(activity.rows).toHaveCount(1);
    await expect(activity.rows).toContainText('Cy Old');
    await app.page.getByRole('button', { name: 'Show every bucket' }).click();
    await expect(activity.rows).toHaveCount(4);

    const download = app.page.waitForEvent('download');
    await activity.saveButton.click();
    const saved = await download;
    const today = new Date().toISOString().slice(0, 10);
    expect(saved.suggestedFilename()).toBe(`roster-activity-${today}.csv`);
    const content = fs.readFileSync(await saved.path(), 'utf8');
    expect(content.startsWith('\uFEFFEmail,Name,Last Active,Teams,Organizations,Seat Since,Seat Source,Days Inactive\r\n')).toBe(true);
    expect(content).toContain(`ana@acme.example,Ana Lima,${utcDay(daysAgo(1))},`);
    expect(content).toContain('bo@acme.example,Bo Berg,,');
    expect(content).toContain('cy@acme.example,Cy Old,2025-03-01,');
    expect(content).toContain('di@acme.example,Di Never,N/A,');
    await expect(activity.notices).toContainText(`Downloaded the activity report: 4 members as roster-activity-${today}.csv.`);

    // Importing the same file again changes nothing.
    await activity.importFile(file);
    await expect(activity.importResult).toContainText('4 signups, 2 logins, 2 opens.');
    await expect(activity.importResult).not.toContainText('new account');
    await expect(activity.rows).toHaveCount(4);
  });

  test('a long import shows its progress and can be cancelled, keeping the batches it finished', async ({ app }, testInfo) => {
    const file = testInfo.outputPath('big.ndjson');
    const out = fs.openSync(file, 'w');
    fs.writeSync(out, `${JSON.stringify({ type: 'signup', email: 'ana@acme.example', at: daysAgo(200) })}\n`);
    const line = (index: number) => JSON.stringify({ type: 'open', email: 'ana@acme.example', at: daysAgo((index % 80) + 1) });
    for (let chunk = 0; chunk < 60; chunk += 1) fs.writeSync(out, `${Array.from({ length: 10_000 }, (_, index) => line(index)).join('\n')}\n`);
    fs.closeSync(out);

    const activity = new ActivityPage(app.page);
    await activity.open();
    await activity.importFile(file);
    const progress = app.page.getByRole('progressbar', { name: 'Import progress' });
    await expect(progress).toBeVisible();
    await expect(app.page.getByRole('region', { name: 'Import' })).toContainText(/MB of [\d.]+ MB · [\d,]+ lines read/);
    await app.page.getByRole('button', { name: 'Cancel import' }).click();

    await expect(activity.importResult).toContainText(/^Import of big\.ndjson cancelled after line [\d,]+: what came before is imported/);
    const committed = Number((await activity.importResult.textContent())!.match(/after line ([\d,]+)/)![1]!.replace(/,/g, ''));
    // Whole batches of 2,000 lines only.
    expect(committed % 2000).toBe(0);
    expect(committed).toBeLessThan(600_001);
  });

  test('Cancel on an import that ended before the page heard shows how it ended', async ({ app }) => {
    test.skip(MODE !== 'browser', 'the answers of main are stood in for over HTTP');
    // The page loads mid-import; the import ends before its events stream connects, so its end is never heard.
    const running = { fileName: 'big.ndjson', bytesRead: 1_000_000, totalBytes: 4_000_000, lines: 20_000, rejected: 0 };
    const last = { fileName: 'big.ndjson', format: 'ndjson', lines: 80_000, events: { signup: 1, login: 0, open: 79_999 }, accountsCreated: 1, invitationsAccepted: 0, captured: 0, waiting: 0, rejected: 0, rejections: [], cancelled: false };
    let ended = false;
    await app.page.route('**/api/events', (route) => route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'retry: 3600000\n\n' }));
    await app.page.route('**/api/invoke/activity:importStatus', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: ended ? { running: null, last } : { running, last: null } }) }),
    );
    await app.page.route('**/api/invoke/activity:cancelImport', (route) => {
      ended = true;
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { cancelling: false } }) });
    });
    const activity = new ActivityPage(app.page);
    await activity.open();
    await expect(app.page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();

    await app.page.getByRole('button', { name: 'Cancel import' }).click();
    await expect(app.page.getByRole('progressbar', { name: 'Import progress' })).toHaveCount(0);
    await expect(activity.importResult).toContainText('Imported big.ndjson: 80,000 lines.');
  });

  test('a file whose CSV header is wrong is refused whole, naming the problem', async ({ app }, testInfo) => {
    const file = testInfo.outputPath('events.csv');
    fs.writeFileSync(file, 'kind,email,at\nsignup,ana@acme.example,2026-01-01T00:00:00Z\n');
    const activity = new ActivityPage(app.page);
    await activity.open();
    await activity.importFile(file);
    await expect(app.page.getByRole('alert')).toContainText('The CSV header must name the columns type, email, at and (optionally) name; it lacks type. Nothing was imported.');
    await expect(activity.table).toContainText('No members yet');
  });

  test('the Last Active rule is a setting, and the report follows it', async ({ app }) => {
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const section = app.page.getByRole('region', { name: 'Activity report' });
    await section.getByLabel('Show the date up to (days)').fill('30');
    await section.getByLabel('Leave empty up to (days)').fill('20');
    await expect(section.getByRole('alert')).toContainText('Days left blank must be at least the days shown');
    await expect(section.getByRole('button', { name: 'Save the rule' })).toBeDisabled();
    await section.getByLabel('Leave empty up to (days)').fill('45');
    await section.getByRole('button', { name: 'Save the rule' }).click();
    await expect(app.page.getByRole('status', { name: 'Notices' })).toContainText('The activity report now follows the new rule.');

    const activity = new ActivityPage(app.page);
    await activity.open();
    await expect(activity.ruleSentence).toContainText('at most 30 days ago, is left empty from 31 to 45 days');
  });
});
