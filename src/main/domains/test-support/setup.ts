import { afterEach } from 'vitest';
import type { Core } from '../../core';
import { startDnsServer } from '../../test-support/dns-server';
import { value } from '../../test-support/seats-helpers';
import { fixedClock, testCore } from '../../test-support/temp-db';

type DnsServer = Awaited<ReturnType<typeof startDnsServer>>;
const servers: DnsServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A sign-up as an event import reports it. */
export const IMPORT = { type: 'import' as const, name: 'events.ndjson' };

/** An enterprise with `seats` seats over a temporary database, asking a test DNS server of its own (closed after the test). */
export async function domainsCore(seats = 10) {
  const clock = fixedClock('2026-03-01T09:00:00.000Z');
  const core = testCore({ now: clock.now, dnsTimeoutMs: 300 });
  value(await core.invoke('enterprise:create', { name: 'Acme', seats }));
  const dns = await startDnsServer({});
  servers.push(dns);
  value(await core.invoke('settings:update', { dnsServers: [dns.address] }));
  return { core, clock, dns };
}

/** Adds a domain and publishes its record, so it verifies. */
export async function verifiedDomain(core: Core, dns: DnsServer, name: string) {
  const domain = value(await core.invoke('domains:add', { domain: name }));
  dns.set(domain.record.name, { txt: [domain.record.value] });
  return value(await core.invoke('domains:verify', { id: domain.id }));
}
