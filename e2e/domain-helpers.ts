import type { startDnsServer } from '../src/main/test-support/dns-server';
import { expect } from './fixtures';
import type { DomainsPage } from './pages/domains-page';

type DnsServer = Awaited<ReturnType<typeof startDnsServer>>;

/**
 * Puts accounts on a domain's waiting list, as domain capture does when no seat is
 * free (only a sign-up reported by an import or SCIM triggers it, which the app cannot
 * do yet). The app notices the other connection's write, as it would the command line's.
 */
export async function putOnWaitingList(dbPath: string, domain: string, waiting: Record<string, string>) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(dbPath);
  const insert = db.prepare(
    `INSERT INTO capture_waitlist (account_id, domain_id, since)
     SELECT a.id, d.id, @since FROM accounts a, domains d WHERE a.email_key = @email AND d.domain = @domain`,
  );
  db.transaction(() => {
    for (const [email, since] of Object.entries(waiting)) expect(insert.run({ email, since, domain }).changes).toBe(1);
  })();
  db.close();
}

/** Adds acme.example (or another) through the UI, publishes its record in the test DNS server and verifies it. */
export async function verifiedDomain(domains: DomainsPage, dns: DnsServer, domain = 'acme.example') {
  await domains.addAndOpen(domain);
  const value = (await domains.recordValue.textContent())!;
  dns.set(`_roster-challenge.${domain}`, { txt: [value] });
  await domains.verify();
  await expect(domains.lastCheck).toContainText('Record found');
  return value;
}
