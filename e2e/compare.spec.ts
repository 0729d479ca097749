import fs from 'node:fs';
import path from 'node:path';
import { expect, MODE, test } from './fixtures';
import { ComparePage } from './pages/compare-page';

test.skip(MODE === 'electron', 'the desktop app opens files with its dialog; browser mode lists the backups folder');

test('Compare shows what changed between two copies in the backups folder: seats, members, access', async ({ app }) => {
  const folder = path.join(path.dirname(app.dbPath), 'backups');
  fs.mkdirSync(folder, { recursive: true });
  await app.arrange('orgs', 'add', '--name', 'Engineering');
  await app.arrange('teams', 'add', '--name', 'Dev');
  await app.arrange('teams', 'link', '--team', 'Dev', '--org', 'Engineering');
  await app.arrange('members', 'add', '--email', 'ana@acme.com', '--name', 'Ana Lima');
  await app.arrange('members', 'add', '--email', 'cy@acme.com');
  await app.arrange('teams', 'members', 'add', '--team', 'Dev', '--email', 'cy@acme.com');
  await app.arrange('backup', '--out', path.join(folder, 'q1.roster'));
  await app.arrange('members', 'remove', '--email', 'cy@acme.com');
  await app.arrange('members', 'add', '--email', 'gus@acme.com');
  await app.arrange('members', 'add', '--email', 'dee@acme.com');
  await app.arrange('teams', 'members', 'add', '--team', 'Dev', '--email', 'gus@acme.com');
  await app.arrange('backup', '--out', path.join(folder, 'q2.roster'));

  const compare = new ComparePage(app.page);
  await compare.open();
  await compare.compare('q1.roster', 'q2.roster');

  await expect(compare.seatRow('In use')).toHaveText(/^In use\s*2\s*3\s*\+1$/);
  await expect(compare.section('Members')).toHaveAccessibleDescription('1 left, 2 joined');
  await expect(compare.rows('Members')).toHaveCount(3);
  await expect(compare.rows('Members').first()).toContainText('cy@acme.com');
  await expect(compare.rows('Organization access')).toHaveCount(2);
  await expect(compare.rows('Organization access').filter({ hasText: 'gus@acme.com' })).toContainText('member (through Dev)');
  await expect(compare.rows('Team memberships')).toHaveCount(2);
  await expect(app.page.getByText(/^No change in seat sources, teams, organizations, invitations, domains, scim tokens\.$/)).toBeVisible();

  const download = app.page.waitForEvent('download');
  await compare.exportButton.click();
  const csv = fs.readFileSync(await (await download).path(), 'utf8');
  expect(csv).toContain('Members,joined,gus@acme.com,,,Added by hand');

  // Against the live store: a change made since is shown when Compare is pressed again, not on every change.
  await compare.compare('q2.roster', 'live');
  await expect(compare.seatRow('In use')).toHaveText(/^In use\s*3\s*3\s*$/);
  await expect(compare.section('Members')).toHaveCount(0);
  await app.arrange('members', 'add', '--email', 'eve@acme.com');
  await compare.compareButton.click();
  await expect(compare.section('Members')).toHaveAccessibleDescription('1 joined');
  await expect(compare.rows('Members')).toContainText('eve@acme.com');
});
