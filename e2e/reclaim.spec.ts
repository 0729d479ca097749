import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, MODE, test, type RosterApp } from './fixtures';
import { ActivityPage } from './pages/activity-page';
import { ReclaimPage } from './pages/reclaim-page';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const today = () => new Date().toISOString().slice(0, 10);
const email = (n: number) => `m${String(n).padStart(2, '0')}@acme.example`;

/**
 * `count` members (60: more than 50) whose seats are 200 days old and who were
 * never active, except: m01–m03, whom the identity provider gave their seats;
 * m04, who owns Engineering; m05, active yesterday. Of 60, 55 are idle over 90
 * days by default.
 */
async function members(app: RosterApp, count: number) {
  await app.arrange('seats', '--set', '100');
  await app.arrange('orgs', 'add', '--name', 'Engineering');
  for (let n = 1; n <= count; n += 1) await app.arrange('members', 'add', '--email', email(n));
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(app.dbPath);
  const id = (n: number) => db.prepare('SELECT id FROM accounts WHERE email = ?').pluck().get(email(n)) as number;
  db.prepare('UPDATE members SET seat_since = ?').run(daysAgo(200));
  for (const n of [1, 2, 3]) db.prepare("UPDATE members SET source = 'scim' WHERE account_id = ?").run(id(n));
  db.prepare("INSERT INTO org_memberships (org_id, account_id, role, since) SELECT id, ?, 'owner', ? FROM organizations").run(id(4), daysAgo(200));
  db.prepare('UPDATE accounts SET last_active_at = ? WHERE id = ?').run(daysAgo(1), id(5));
  db.close();
}

async function membersLeft(app: RosterApp): Promise<string[]> {
  const listed = await app.arrange('members', 'list', '--json');
  return (JSON.parse(listed.stdout) as { email: string }[]).map((member) => member.email).sort();
}

test.describe('Reclaiming idle seats', () => {
  test.skip(MODE === 'electron', 'The list downloads in browser mode; the desktop app saves it through a native dialog.');

  test('an admin reviews the idle members, unselects one, includes SCIM, exports the list and releases by typing the count', async ({ app }) => {
    await members(app, 60);
    const activity = new ActivityPage(app.page);
    await activity.open();
    const reclaim = new ReclaimPage(app.page);
    await reclaim.open(90);

    // SCIM-managed members and owners are left out by default, counted.
    await expect(reclaim.summary).toContainText('55 members inactive for over 90 days');
    await expect(reclaim.summary).toContainText('Left out: 3 managed by the identity provider (SCIM), 1 organization owner.');
    await expect(reclaim.includeScim).toHaveAccessibleName('Include members managed by SCIM (3)');
    await expect(reclaim.includeScim).not.toBeChecked();
    await expect(reclaim.rows).toHaveCount(50);
    await expect(reclaim.member(email(1))).toHaveCount(0);
    await expect(reclaim.member(email(4))).toHaveCount(0);
    await expect(reclaim.selected).toHaveText('55 of 55 selected');

    // Every member is selected; the admin keeps one.
    await reclaim.member(email(6)).uncheck();
    await expect(reclaim.selected).toHaveText('54 of 55 selected');

    await reclaim.includeScim.check();
    await expect(reclaim.summary).toContainText('58 members inactive for over 90 days');
    await expect(reclaim.summary).toContainText('Left out: 1 organization owner.');
    await expect(reclaim.selected).toHaveText('57 of 58 selected');
    await expect(reclaim.member(email(6))).not.toBeChecked();

    // The list as reviewed, as a file: the unselected member marked not to release.
    const download = app.page.waitForEvent('download');
    await reclaim.exportButton.click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(`roster-inactive-over-90-days-${today()}.csv`);
    const rows = parse(fs.readFileSync(await saved.path(), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(58);
    expect(rows.find((row) => row.Email === email(6))).toMatchObject({ Release: 'no', 'Managed by SCIM': 'no' });
    expect(rows.find((row) => row.Email === email(2))).toMatchObject({ Release: 'yes', 'Managed by SCIM': 'yes', 'Seat Source': 'SCIM' });
    expect(rows.filter((row) => row.Release === 'yes')).toHaveLength(57);
    await expect(activity.notices).toContainText(`Downloaded the list to review: 58 members as roster-inactive-over-90-days-${today()}.csv.`);

    // Over 50 seats: the count is typed before the button acts.
    await reclaim.releaseButton.click();
    const dialog = app.page.getByRole('dialog', { name: 'Release 57 seats?' });
    await expect(dialog).toContainText('These 57 members have been inactive for over 90 days');
    await expect(dialog).toContainText('3 of them are managed by your identity provider');
    const confirm = dialog.getByRole('button', { name: 'Release 57 seats' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Type 57 to confirm').fill('56');
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Type 57 to confirm').fill('57');
    await confirm.click();

    await expect(activity.notices).toContainText('Released 57 seats held by members inactive for over 90 days.');
    await expect(reclaim.outcome).toHaveText('Released 57 seats held by members inactive for over 90 days.');
    await expect(reclaim.summary).toContainText('1 member inactive for over 90 days');
    expect(await membersLeft(app)).toEqual([email(4), email(5), email(6)]);

    // The owner too, now: 50 seats or fewer are confirmed with one click, naming the count.
    await reclaim.includeOwners.check();
    await expect(reclaim.summary).toContainText('2 members inactive for over 90 days');
    // The member kept out of the last release is still kept out.
    await expect(reclaim.selected).toHaveText('1 of 2 selected');
    await reclaim.review.getByRole('button', { name: 'Select none' }).click();
    await expect(reclaim.selected).toHaveText('0 of 2 selected');
    await expect(reclaim.releaseButton).toBeDisabled();
    await reclaim.review.getByRole('button', { name: 'Select all 2' }).click();
    await reclaim.releaseButton.click();
    const small = app.page.getByRole('dialog', { name: 'Release 2 seats?' });
    await expect(small).toContainText('1 of them owns an organization');
    await expect(small.getByRole('textbox')).toHaveCount(0);
    await small.getByRole('button', { name: 'Release 2 seats' }).click();
    await expect(reclaim.outcome).toHaveText('Released 2 seats held by members inactive for over 90 days.');
    await expect(reclaim.table).toContainText('No member has been inactive for over 90 days.');
    expect(await membersLeft(app)).toEqual([email(5)]);
  });

  test("Activity's Save CSV offers only the members listed while a filter is on", async ({ app }) => {
    await members(app, 6);
    const activity = new ActivityPage(app.page);
    await activity.open();
    const which = app.page.getByRole('combobox', { name: 'Members to save' });
    // No filter: the whole report, with nothing to choose.
    await expect(which).toHaveCount(0);

    await app.page.getByRole('combobox', { name: 'Show' }).selectOption('active');
    await expect(which).toHaveValue('all');
    await which.selectOption({ label: 'Only the members listed (1)' });
    const download = app.page.waitForEvent('download');
    await activity.saveButton.click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(`roster-activity-${today()}-filtered.csv`);
    const rows = parse(fs.readFileSync(await saved.path(), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((row) => row.Email)).toEqual([email(5)]);
    await expect(activity.notices).toContainText(`Downloaded the members listed: 1 member as roster-activity-${today()}-filtered.csv.`);

    // Every member, as before, when chosen.
    await which.selectOption('all');
    const whole = app.page.waitForEvent('download');
    await activity.saveButton.click();
    expect((await whole).suggestedFilename()).toBe(`roster-activity-${today()}.csv`);
    await expect(activity.notices).toContainText(`Downloaded the activity report: 6 members as roster-activity-${today()}.csv.`);
  });
});
