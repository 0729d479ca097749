import fs from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { AuditChainSection, AuditPage } from './pages/audit-page';
import { LicensesPage } from './pages/licenses-page';
import { TeamPage } from './pages/team-page';

const HEADER = 'Time,Actor type,Actor,Action,Target type,Target,Target id,Before,After';

test.describe('The audit log', () => {
  test('records changes from the app and the command line, filters them, shows their details and exports them', async ({ app }) => {
    // Arrange: a member and a team added in the app; the enterprise was set up on the command line.
    const licenses = new LicensesPage(app.page);
    await licenses.open();
    await licenses.addMember('ana@acme.example', 'Ana Lima');
    await expect(licenses.row('ana@acme.example')).toBeVisible();
    const platform = new TeamPage(app.page, 'Platform');
    await platform.create('member');
    await expect(platform.notices).toContainText('Platform');

    const audit = new AuditPage(app.page);
    await audit.open();
    await expect(audit.row('Added a member', 'member.add', 'ana@acme.example')).toHaveCount(1);
    await expect(audit.row('Created a team', 'team.create', 'Platform')).toHaveCount(1);

    // Changes on the command line show up in the open screen, newest first.
    expect(app.roster('teams', 'add', '--name', 'Support').status).toBe(0);
    expect(app.roster('orgs', 'add', '--name', '=cmd').status).toBe(0);
    await expect(audit.rows.first()).toContainText('=cmd');
    await expect(audit.rows.first()).toContainText('CLI');
    await expect(audit.count).toHaveText('6 events');

    // Act: only what the command line did, then only its team.create.
    await audit.actor.selectOption({ label: 'Every command-line user' });
    await expect(audit.count).toHaveText('3 events');
    await expect(audit.rows).toHaveCount(3);
    await expect(audit.row('Added a member')).toHaveCount(0);
    await audit.action.selectOption({ value: 'team.create' });
    await expect(audit.count).toHaveText('1 event');
    await expect(audit.rows).toContainText('Support');

    // Every team action of the app's user: the Platform team alone.
    await audit.actor.selectOption({ label: 'Everyone in the app' });
    await audit.action.selectOption({ value: 'team.' });
    await expect(audit.rows).toHaveCount(1);
    const details = await audit.details(audit.row('Platform'));
    await expect(details).toContainText('Time (UTC)');
    await expect(details.getByRole('heading', { name: 'Before' })).toBeVisible();
    await expect(details).toContainText('Nothing recorded');
    await expect(details.locator('pre')).toContainText('"name": "Platform"');

    // The target search and the dates narrow it too.
    await app.page.getByRole('button', { name: 'Clear filters' }).click();
    await audit.target.fill('ana@');
    await expect(audit.rows).toHaveCount(2);
    await expect(audit.row('Created an account', 'account.create')).toHaveCount(1);
    await audit.target.fill('');
    const today = new Date();
    const localDay = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await audit.from.fill(localDay);
    await expect(audit.count).toHaveText('6 events');
    await audit.to.fill('2000-01-01');
    await expect(audit.count).toHaveText('0 events');
    await expect(audit.table).toContainText('No event matches these filters.');

    // Export what the command line did as CSV.
    await app.page.getByRole('button', { name: 'Clear filters' }).click();
    await audit.actor.selectOption({ label: 'Every command-line user' });
    await expect(audit.count).toHaveText('3 events');
    const download = app.page.waitForEvent('download');
    await audit.exportButton.click();
    const saved = await download;
    const day = new Date().toISOString().slice(0, 10);
    expect(saved.suggestedFilename()).toBe(`roster-audit-${day}.csv`);
    const lines = fs.readFileSync(await saved.path(), 'utf8').split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${HEADER}`);
    expect(lines.slice(1, -1).map((line) => line.split(',').slice(3, 6).join(','))).toEqual([
      'enterprise.create,enterprise,Northwind Traders',
      'team.create,team,Support',
      "org.create,organization,'=cmd",
    ]);
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,cli,/);
    await expect(audit.notices).toContainText(`Downloaded the audit log as roster-audit-${day}.csv.`);
  });

  test('Settings says whether the hash chain is whole, and which event an edit made outside Roster breaks', async ({ app }) => {
    // Arrange: the enterprise (event #1) and an organization made on the command line (#2).
    expect(app.roster('orgs', 'add', '--name', 'Research').status).toBe(0);
    const chain = new AuditChainSection(app.page);
    await chain.open();
    await expect(chain.result).toHaveText('Not checked yet in this window.');

    await chain.check.click();
    await expect(chain.result).toContainText('The audit log is whole: 2 events checked. Newest: event #2');

    // Act: another tool drops Roster's trigger and edits event #2 while the app runs.
    const tool = new Database(app.dbPath);
    try {
      tool.exec("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET target_label = 'Sales' WHERE id = 2");
    } finally {
      tool.close();
    }
    await chain.check.click();

    // Assert: the event, its time and what is wrong; the command line agrees.
    await expect(chain.result).toContainText("The audit log's hash chain breaks at event #2 (");
    await expect(chain.result).toContainText('it was changed after it was written');
    const verified = app.roster('audit', '--verify');
    expect(verified.status).toBe(1);
    expect(verified.stderr).toContain('breaks at event #2');
  });
});
