import type { DnsOutcome, Domain } from '@shared/schemas/domains';
import { formatDateTime } from '../../lib/format';

/** What a DNS check found, in a few words; the check's own message says the rest. */
export const OUTCOME_LABEL: Record<DnsOutcome, string> = {
  verified: 'Record found',
  verified_by_parent: 'Parent record found',
  no_record: 'No TXT record',
  wrong_record: 'Wrong record',
  nxdomain: 'Name not found',
  servfail: 'DNS server failed',
  timeout: 'No answer',
  dns_error: 'DNS error',
};

export function statusLabel(domain: Domain): string {
  if (!domain.verified) return 'Not verified';
  return domain.verifiedBy === 'parent' ? 'Verified by parent' : 'Verified';
}

/** Verified, verified by its parent, or not, with how the last check failed if it did. */
export function DomainStatus({ domain }: { domain: Domain }) {
  const failed = domain.lastCheck && domain.lastCheck.outcome !== 'verified' && domain.lastCheck.outcome !== 'verified_by_parent' ? domain.lastCheck : null;
  return (
    <span className="domain-status">
      <span className={`badge ${domain.verified ? 'badge-member' : 'badge-expired'}`}>{statusLabel(domain)}</span>
      {failed ? (
        <span className="domain-status-check" title={`${formatDateTime(failed.at)}: ${failed.message}`}>
          Last check: {OUTCOME_LABEL[failed.outcome]}
        </span>
      ) : !domain.verified && !domain.lastCheck ? (
        <span className="domain-status-check">Never checked</span>
      ) : null}
    </span>
  );
}

/** "On" or "Off", for a switch shown in a table. */
export function OnOff({ on }: { on: boolean }) {
  return on ? <span className="badge badge-on">On</span> : <span className="muted">Off</span>;
}
