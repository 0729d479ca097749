import { expect, test } from './fixtures';
import { DomainsPage } from './pages/domains-page';

test.describe('Settings: domains and invitations', () => {
  test('DNS servers are checked by the service: a bad one is refused inline and nothing is saved', async ({ app }) => {
    const domains = new DomainsPage(app.page);
    await domains.openSettings();
    await expect(domains.dnsServers).toContainText("None: Roster asks the system's DNS resolver.");

    await domains.addDnsServer('dns.example.com');
    await domains.addDnsServer('1.1.1.1');
    await domains.saveDnsServers();
    await expect(domains.dnsServers.getByRole('alert')).toContainText('A DNS server is an IP address, with a port after a colon if not 53');
    await expect(domains.dnsServers.getByRole('listitem').filter({ has: app.page.getByRole('alert') })).toContainText('dns.example.com');

    await app.page.reload();
    await expect(domains.dnsServers).toContainText("None: Roster asks the system's DNS resolver.");

    await domains.addDnsServer('1.1.1.1');
    await domains.addDnsServer('127.0.0.1:5353');
    await domains.saveDnsServers();
    await expect(domains.notices).toContainText('Domains are now checked with 1.1.1.1, 127.0.0.1:5353.');
    await domains.dnsServers.getByRole('button', { name: 'Remove 1.1.1.1' }).click();
    await domains.saveDnsServers();
    await app.page.reload();
    await expect(domains.dnsServers.getByRole('list', { name: 'DNS servers' }).getByRole('listitem')).toHaveText([/127\.0\.0\.1:5353/]);
  });

  test('invite control limits invitations to listed domains, and flags seats outside it on Licenses', async ({ app }) => {
    await app.arrange('members', 'add', '--email', 'ana@acme.example');
    await app.arrange('members', 'add', '--email', 'zed@elsewhere.example');
    const domains = new DomainsPage(app.page);
    await domains.openSettings();

    await domains.inviteRule.getByRole('radio', { name: /Only these domains/ }).check();
    await expect(domains.inviteRule).toContainText('with this rule and an empty list, no invitation can be sent');
    await domains.inviteRule.getByRole('textbox', { name: 'Add an allowed domain' }).fill('acme.example');
    await domains.inviteRule.getByRole('button', { name: 'Add', exact: true }).click();
    await domains.inviteRule.getByRole('button', { name: 'Save invite rule' }).click();
    await expect(domains.notices).toContainText('Invitations may now go only to acme.example.');

    expect(app.roster('invite', '--email', 'new@elsewhere.example')).toMatchObject({
      status: 1,
      stderr: expect.stringMatching(/Invitations go only to acme\.example, and elsewhere\.example is not among them/),
    });
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Licenses' }).click();
    const seats = app.page.getByRole('table', { name: 'Seats' });
    const outside = seats.getByText('Outside invite policy');
    await expect(outside).toHaveCount(1);
    await expect(seats.getByRole('row').filter({ hasText: 'zed@elsewhere.example' })).toContainText('Outside invite policy');
    await expect(outside).toHaveAttribute('title', /invite rule in Settings/);
  });
});
