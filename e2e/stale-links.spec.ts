import { expect, test } from './fixtures';

/** A link to something deleted meanwhile (or mistyped) says so, and leads back to its list. */
test.describe('Links to something that is not there', () => {
  const cases = [
    { hash: '#/organizations/9999', title: 'Organization not found', message: 'There is no organization with id 9999', back: 'All organizations', list: 'Organizations' },
    { hash: '#/teams/9999', title: 'Team not found', message: 'There is no team with id 9999', back: 'All teams', list: 'Teams' },
    { hash: '#/domains/9999', title: 'Domain not found', message: 'There is no domain with id 9999', back: 'All domains', list: 'Domains' },
    { hash: '#/members/9999', title: 'Member not found', message: '9999', back: 'Back to Licenses', list: 'Licenses' },
  ];

  for (const { hash, title, message, back, list } of cases) {
    test(`${hash} says "${title}" and leads back to ${list}`, async ({ app }) => {
      const { page } = app;
      await page.goto(new URL(hash, page.url()).href);
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText(message);
      await page.getByRole('region', { name: title }).getByRole('link', { name: back }).click();
      await expect(page.getByRole('heading', { level: 1, name: list })).toBeVisible();
    });
  }
});
