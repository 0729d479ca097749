import { startDnsServer } from '../src/main/test-support/dns-server';
import { expect, MODE, test } from './fixtures';
import { verifiedDomain } from './domain-helpers';
import { DomainsPage } from './pages/domains-page';

// Each test runs a real DNS server on 127.0.0.1 and points the enterprise's Settings at it.
let dns: Awaited<ReturnType<typeof startDnsServer>>;
test.beforeEach(async () => {
  dns = await startDnsServer({});
});
test.afterEach(async () => {
  await dns.close();
});

const CHALLENGE = '_roster-challenge.acme.example';

test.describe('Domains', () => {
  test('an admin adds a domain, publishes its TXT record and verifies it by DNS', async ({ app }) => {
    const domains = new DomainsPage(app.page);
    await domains.useDnsServer(dns.address);
    await domains.open();
    await expect(domains.table).toContainText('No domains yet');
    await expect(domains.table).toContainText('new accounts on it can then join the enterprise at once (domain capture)');

    await domains.add('Acme.Example');

    await expect(domains.domainHeading('acme.example')).toBeVisible();
    await expect(domains.recordName).toHaveText(CHALLENGE);
    await expect(domains.recordValue).toHaveText(/^roster-verification=[a-z2-7]{20}$/);
    await expect(domains.capture).toBeDisabled();
    await expect(domains.lock).toBeDisabled();
    await expect(domains.switches).toContainText('Verify the domain first.');
    await expect(domains.lastCheck).toHaveCount(0);

    // Nothing published yet: the check says what it found, and whom it asked.
    await domains.verify();
    await expect(domains.lastCheck).toContainText('Name not found');
    await expect(domains.lastCheck).toContainText(`${CHALLENGE} does not exist in DNS (NXDOMAIN).`);
    await expect(domains.lastCheck).toContainText(dns.address);
    await expect(domains.capture).toBeDisabled();
    expect(dns.queries).toContain(CHALLENGE);

    const value = (await domains.recordValue.textContent())!;
    dns.set(CHALLENGE, { txt: ['v=spf1 -all', value] });
    await domains.verify();

    await expect(domains.lastCheck).toContainText('Record found');
    await expect(domains.foundRecords).toHaveText(['v=spf1 -all', value]);
    await expect(domains.notices).toContainText('acme.example is verified.');
    await expect(domains.verifyButton).toHaveText('Check again');
    await expect(domains.capture).toBeEnabled();
    await domains.capture.check();
    await expect(domains.notices).toContainText('Domain capture switched on for acme.example.');
    await expect(domains.capture).toBeChecked();
    await expect(domains.switches).toContainText('Capture wins over lock.');
    await expect(domains.switches).toContainText('joins the enterprise, or waits for a seat, instead of being refused.');

    await domains.open();
    const row = domains.row('acme.example');
    await expect(row).toContainText('Verified');
    await expect(row.getByRole('cell').nth(3)).toHaveText('On');
    await expect(row.getByRole('cell').nth(4)).toHaveText('Off');
    // A click anywhere on the row opens the domain.
    await row.getByRole('cell').nth(1).click();
    await expect(domains.domainHeading('acme.example')).toBeVisible();
  });

  test('a record with the wrong token is listed with everything found, and the domain stays unverified', async ({ app }) => {
    const domains = new DomainsPage(app.page);
    await domains.useDnsServer(dns.address);
    await domains.addAndOpen('acme.example');
    dns.set(CHALLENGE, { txt: ['roster-verification=somebodyelse', 'google-site-verification=abc'] });

    await domains.verify();

    await expect(domains.lastCheck).toContainText('Wrong record');
    await expect(domains.lastCheck).toContainText(`Found 2 TXT records at ${CHALLENGE}, but not roster-verification=`);
    await expect(domains.foundRecords).toHaveText(['roster-verification=somebodyelse', 'google-site-verification=abc']);
    await expect(domains.capture).toBeDisabled();
    await domains.open();
    await expect(domains.row('acme.example')).toContainText('Not verified');
    await expect(domains.row('acme.example')).toContainText('Last check: Wrong record');
  });

  test('a public suffix, a malformed name and a domain added twice are refused with a clear message; an international name is shown both ways', async ({ app }) => {
    const domains = new DomainsPage(app.page);
    await domains.open();

    await domains.add('co.uk');
    await expect(domains.dialog.getByRole('alert')).toContainText('"co.uk" cannot be claimed: it is a public suffix');
    await domains.dialog.getByLabel('Domain').fill('not a domain');
    await domains.dialog.getByRole('button', { name: 'Add domain' }).click();
    await expect(domains.dialog.getByRole('alert')).toContainText('a domain has only letters, digits, hyphens and dots');
    await domains.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(domains.table).toContainText('No domains yet');

    await domains.addAndOpen('acme.example');
    await domains.open();
    await domains.add('ACME.example');
    await expect(domains.dialog.getByRole('alert')).toHaveText("acme.example is already one of the enterprise's domains.");
    await domains.dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(domains.rows).toHaveCount(1);

    await domains.add('Bücher.example');
    await expect(domains.domainHeading('bücher.example')).toBeVisible();
    await expect(domains.recordName).toHaveText('_roster-challenge.xn--bcher-kva.example');
    await domains.open();
    await expect(domains.rows).toHaveCount(2);
    await expect(domains.row('bücher.example')).toContainText('xn--bcher-kva.example');
  });

  test('a check that finds the record gone unverifies the domain and says capture and lock were switched off', async ({ app }) => {
    const domains = new DomainsPage(app.page);
    await domains.useDnsServer(dns.address);
    await verifiedDomain(domains, dns);
    await domains.capture.check();
    await expect(domains.capture).toBeChecked();
    await domains.lock.check();
    await expect(domains.lock).toBeChecked();

    dns.set(CHALLENGE, { txt: [] });
    await domains.verify();

    await expect(domains.lostNotice).toContainText('acme.example is no longer verified.');
    await expect(domains.lostNotice).toContainText('so domain capture and domain lock were switched off');
    await expect(domains.lostNotice).toContainText('Put the record back and check again, then switch them on here.');
    await expect(domains.lastCheck).toContainText('No TXT record');
    await expect(domains.lastCheck).toContainText('The domain is no longer verified. Domain capture and lock were switched off.');
    await expect(domains.capture).not.toBeChecked();
    await expect(domains.capture).toBeDisabled();
    await expect(domains.lock).not.toBeChecked();
  });

  test('the record can be copied, and removing a domain says what stops', async ({ app }) => {
    const domains = new DomainsPage(app.page);
    await domains.addAndOpen('acme.example');
    if (MODE === 'browser') {
      await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      const copy = app.page.getByRole('button', { name: 'Copy record value' });
      await copy.click();
      await expect(copy).toHaveText('Copied');
      expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe(await domains.recordValue.textContent());
    }

    await app.page.getByRole('button', { name: 'Remove domain' }).click();
    await expect(domains.dialog).toContainText('Domain capture and lock stop at once');
    await expect(domains.dialog).toContainText('add it again and verify it with a new DNS record');
    await domains.dialog.getByRole('button', { name: 'Remove domain' }).click();

    await expect(domains.heading).toBeVisible();
    await expect(domains.notices).toContainText('Removed acme.example.');
    await expect(domains.table).toContainText('No domains yet');
  });
});
