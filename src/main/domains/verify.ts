import type { DomainCheck, DnsOutcome } from '@shared/schemas/domains';
import type { TxtLookup } from './dns';

export const CHALLENGE_PREFIX = '_roster-challenge';
export const VERIFICATION_PREFIX = 'roster-verification=';

export function challengeName(domain: string): string {
  return `${CHALLENGE_PREFIX}.${domain}`;
}

export function expectedRecord(token: string): string {
  return `${VERIFICATION_PREFIX}${token}`;
}

const quote = (records: string[]) => records.map((record) => `"${record}"`).join(', ');

/** One sentence of what a lookup at `name` found, against the record expected there. */
export function describeLookup(name: string, expected: string, lookup: TxtLookup, servers: string[]): { outcome: DnsOutcome; message: string; found: string[] } {
  const asked = servers.length > 0 ? `the DNS server${servers.length > 1 ? 's' : ''} ${servers.join(', ')}` : "the system's DNS resolver";
  switch (lookup.kind) {
    case 'records':
      if (lookup.records.includes(expected)) return { outcome: 'verified', message: `Found ${expected} at ${name}.`, found: lookup.records };
      return {
        outcome: 'wrong_record',
        message: `Found ${lookup.records.length === 1 ? 'a TXT record' : `${lookup.records.length} TXT records`} at ${name}, but not ${expected}: ${quote(lookup.records)}.`,
        found: lookup.records,
      };
    case 'nodata':
      return { outcome: 'no_record', message: `${name} exists, but has no TXT record. Create one with the value ${expected}.`, found: [] };
    case 'nxdomain':
      return { outcome: 'nxdomain', message: `${name} does not exist in DNS (NXDOMAIN). Create the TXT record there.`, found: [] };
    case 'servfail':
      return { outcome: 'servfail', message: `${asked} failed to answer for ${name} (SERVFAIL). Try again later, or ask another DNS server.`, found: [] };
    case 'timeout':
      return { outcome: 'timeout', message: `No answer from ${asked} for ${name} (timeout). Check the network, or the DNS servers in Settings.`, found: [] };
    case 'error':
      return { outcome: 'dns_error', message: `The DNS query for ${name} to ${asked} failed (${lookup.code}).`, found: [] };
  }
}

export function isVerified(check: Pick<DomainCheck, 'outcome'>): boolean {
  return check.outcome === 'verified' || check.outcome === 'verified_by_parent';
}

/**
 * Whether a failed check shows the record is gone (DNS answered: no record,
 * other records, no such name) rather than that DNS could not be asked
 * (timeout, SERVFAIL, another error). Only the first unverifies a domain.
 */
export function provesLoss(check: Pick<DomainCheck, 'outcome'>): boolean {
  return check.outcome === 'no_record' || check.outcome === 'wrong_record' || check.outcome === 'nxdomain';
}
