import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';

/**
 * axe-core over every screen, in the light and the dark theme. A critical or
 * serious violation fails the test, and so does a landmark named like another
 * (axe calls that moderate, but a screen reader's list of landmarks then
 * offers two "Pages" to choose from). Each theme is one test with one browser
 * context, which moves between screens by their address (#/teams …) rather
 * than reloading; the theme is the system's, emulated, as "System" follows it.
 *
 * To stay quick on two cores: the light theme runs every rule, the dark theme
 * only the rules whose answer depends on colour (the page is otherwise the
 * same); and a table's rows past the fifth are left out, being the same
 * markup as the first five.
 */
const themes = ['light', 'dark'] as const;
type Theme = (typeof themes)[number];

/** Impacts that fail the scan, and rules that fail it whatever axe calls their impact. */
const FAILING_IMPACTS = new Set(['critical', 'serious']);
const FAILING_RULES = new Set(['landmark-unique']);

interface Finding {
  where: string;
  text: string;
}

/** Rules whose answer changes with the theme: text against its background, links against the text around them. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];
/** Rows past the fifth of any table or grid: the same markup again. */
const REPEATED_ROWS = ['tbody tr:nth-child(n+6)', '[role="grid"] [role="row"]:nth-child(n+6)'];

/** Scans what the page shows now; returns each failing violation as readable lines (rule, impact, help, elements). */
async function scan(page: Page, where: string, theme: Theme): Promise<Finding[]> {
  // Legacy mode runs axe in the page itself. The default opens a blank page per
  // scan to gather results across frames; Roster has no frames, and that page
  // doubled a scan's time on two loaded cores.
  let builder = new AxeBuilder({ page }).setLegacyMode();
  for (const rows of REPEATED_ROWS) builder = builder.exclude(rows);
  if (theme === 'dark') builder = builder.withRules(COLOUR_RULES);
  const results = await builder.analyze();
  return results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? '') || FAILING_RULES.has(violation.id))
    .map((violation) => {
      const nodes = violation.nodes.slice(0, 5).map((node) => `    ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`);
      const more = violation.nodes.length > 5 ? [`    …and ${violation.nodes.length - 5} more`] : [];
      return { where, text: [`${violation.id} (${violation.impact}): ${violation.help}`, ...nodes, ...more].join('\n') };
    });
}

function readable(findings: Finding[]): string {
  return findings.map((finding) => `${finding.where}: ${finding.text}`).join('\n\n');
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((next) => {
    window.location.hash = next;
  }, hash);
}

/** A screen has loaded: its heading shows, and nothing in it still says "Loading…". */
async function settled(page: Page, ready: Locator): Promise<void> {
  await expect(ready.first()).toBeVisible();
  await expect(page.getByRole('main').getByText(/^Loading\b/)).toHaveCount(0);
}

async function useTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** The address of the first link to a page under `prefix` in a table (#/teams/, #/members/ …). */
async function firstLink(page: Page, table: string, prefix: string): Promise<string> {
  const link = page.getByRole('table', { name: table }).locator(`a[href^="${prefix}"]`).first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  if (!href) throw new Error(`The first link of the ${table} table has no address`);
  return href;
}

interface Stop {
  name: string;
  /** Goes there (by address or a click) and waits until it has loaded. */
  visit(page: Page): Promise<void>;
}

const screen = (name: string, hash: string, ready: (page: Page) => Locator): Stop => ({
  name,
  async visit(page) {
    await go(page, hash);
    await settled(page, ready(page));
  },
});

const dialog = (name: string, open: (page: Page) => Promise<void>): Stop => ({
  name,
  async visit(page) {
    await open(page);
    await expect(page.getByRole('dialog')).toBeVisible();
  },
});

/** Escape closes a dialog; in one with a filled search field, the first Escape clears the field. */
const closeDialog = async (page: Page) => {
  await expect(async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0, { timeout: 500 });
  }).toPass();
};

const table = (name: string) => (page: Page) => page.getByRole('table', { name }).locator('tbody tr');

/** Every screen of the demo enterprise, a few dialogs among them. */
const stops: Stop[] = [
  screen('Licenses', '#/licenses', table('Seats')),
  dialog('Licenses · Invite dialog', (page) => page.getByRole('button', { name: 'Invite', exact: true }).click()),
  { name: 'close', visit: closeDialog },
  dialog('Command palette', (page) => page.getByRole('button', { name: /^Go to/ }).click()),
  { name: 'close', visit: closeDialog },
  screen('Teams', '#/teams', table('Teams')),
  {
    name: 'A team',
    async visit(page) {
      await go(page, await firstLink(page, 'Teams', '#/teams/'));
      await settled(page, page.getByRole('table', { name: /^Members of / }));
    },
  },
  screen('Organizations', '#/organizations', table('Organizations')),
  dialog('Organizations · New organization dialog', (page) => page.getByRole('button', { name: 'New organization' }).click()),
  { name: 'close', visit: closeDialog },
  {
    name: 'An organization',
    async visit(page) {
      await go(page, await firstLink(page, 'Organizations', '#/organizations/'));
      await settled(page, page.getByRole('table', { name: /^Members of / }));
    },
  },
  // Found members, some already in the organization (shown, ticked, not to be changed).
  dialog('An organization · Add members dialog', async (page) => {
    await page.getByRole('button', { name: 'Add members' }).click();
    await page.getByRole('dialog').getByRole('searchbox').fill('a');
    await expect(page.getByRole('dialog').getByRole('grid', { name: 'Members to add' })).toBeVisible();
  }),
  { name: 'close', visit: closeDialog },
  {
    name: 'A member',
    async visit(page) {
      await go(page, '#/licenses');
      await go(page, await firstLink(page, 'Seats', '#/members/'));
      await settled(page, page.getByRole('table', { name: /^Access of / }));
    },
  },
  screen('Domains', '#/domains', table('Domains')),
  {
    name: 'A domain',
    async visit(page) {
      await go(page, await firstLink(page, 'Domains', '#/domains/'));
      await settled(page, page.getByRole('region', { name: 'DNS record' }));
    },
  },
  screen('Unmanaged accounts', '#/domains/unmanaged', (page) => page.getByRole('heading', { level: 1 })),
  screen('Activity', '#/reports', table('Activity report')),
  screen('SCIM', '#/scim', table('Tokens')),
  screen('Audit log', '#/audit', table('Audit events')),
  screen('Compare', '#/compare', (page) => page.getByRole('combobox', { name: 'Old' })),
  screen('Settings', '#/settings', (page) => page.getByRole('heading', { level: 1, name: 'Settings' })),
];

test.describe('Accessibility', () => {
  test.use({ seed: 'demo' });

  for (const theme of themes) {
    test(`every screen passes axe-core in the ${theme} theme`, async ({ app }) => {
      const { page } = app;
      await useTheme(page, theme);
      const findings: Finding[] = [];
      for (const stop of stops) {
        await stop.visit(page);
        if (stop.name !== 'close') findings.push(...(await scan(page, `${stop.name} (${theme})`, theme)));
      }
      expect(findings.length, `axe-core found violations:\n\n${readable(findings)}\n`).toBe(0);
    });
  }
});

test.describe('Accessibility of the first run', () => {
  test.use({ seed: 'empty' });

  test('the first-run screen passes axe-core in both themes', async ({ app }) => {
    const { page } = app;
    await expect(new FirstRunPage(page).heading).toBeVisible();
    const findings: Finding[] = [];
    for (const theme of themes) {
      await useTheme(page, theme);
      findings.push(...(await scan(page, `First run (${theme})`, theme)));
    }
    expect(findings.length, `axe-core found violations:\n\n${readable(findings)}\n`).toBe(0);
  });
});
