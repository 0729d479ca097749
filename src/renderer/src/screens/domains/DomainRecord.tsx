import type { Domain, DomainCheck } from '@shared/schemas/domains';
import { CopyButton } from '../../components/CopyButton';
import { formatDateTime } from '../../lib/format';
import { OUTCOME_LABEL } from './domain-status';

interface DomainRecordProps {
  domain: Domain;
  checking: boolean;
  /** None where this admin may not verify (the server's console, by role). */
  onVerify?: () => void;
}

const passed = (check: DomainCheck) => check.outcome === 'verified' || check.outcome === 'verified_by_parent';

/** What a DNS check found: the outcome, the records at the name, and which servers were asked. */
function CheckResult({ check, name }: { check: DomainCheck; name: string }) {
  return (
    <div className={`check-result ${passed(check) ? 'check-passed' : 'check-failed'}`} role="region" aria-label="Last check" aria-live="polite">
      <div className="check-head">
        <span className={`badge ${passed(check) ? 'badge-member' : 'badge-failed'}`}>{OUTCOME_LABEL[check.outcome]}</span>
        <time className="muted small" dateTime={check.at}>
          Checked {formatDateTime(check.at)}
        </time>
      </div>
      <p className="check-message">{check.message}</p>
      <div className="check-found">
        <span className="fact-label">Records found</span>
        {check.found.length > 0 ? (
          <ul className="record-list" aria-label={`TXT records found at ${name}`}>
            {check.found.map((record, index) => (
              <li key={`${index}:${record}`}>
                <code>{record}</code>
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">None</span>
        )}
      </div>
      <div className="check-found">
        <span className="fact-label">DNS servers asked</span>
        <span>{check.servers.length > 0 ? check.servers.join(', ') : "The system's DNS resolver"}</span>
      </div>
    </div>
  );
}

/** The TXT record that proves the domain, ready to copy, and the check that looks for it. */
export function DomainRecord({ domain, checking, onVerify }: DomainRecordProps) {
  return (
    <div className="card domain-section" role="region" aria-labelledby="domain-record-title">
      <div className="section-head">
        <h2 id="domain-record-title">DNS record</h2>
        {onVerify ? (
          <button type="button" className={`button ${domain.verified ? '' : 'primary'}`} disabled={checking} onClick={onVerify}>
            {checking ? 'Checking…' : domain.verified ? 'Check again' : 'Verify now'}
          </button>
        ) : null}
      </div>
      <p className="muted">
        At your DNS provider, create a TXT record with this name and value, then verify. Keep the record: if a later check cannot find it,
        the domain is no longer verified and domain capture and lock switch off.
      </p>
      <dl className="record-facts">
        <dt>Type</dt>
        <dd>
          <code>TXT</code>
        </dd>
        <dt>Name</dt>
        <dd>
          <code className="record-value">{domain.record.name}</code>
          <CopyButton text={domain.record.name} label="Copy record name" />
        </dd>
        <dt>Value</dt>
        <dd>
          <code className="record-value">{domain.record.value}</code>
          <CopyButton text={domain.record.value} label="Copy record value" />
        </dd>
      </dl>
      {domain.lastCheck ? (
        <CheckResult check={domain.lastCheck} name={domain.record.name} />
      ) : (
        <p className="note">Not checked yet. DNS changes can take a few minutes to reach every server; check again if the first try finds nothing.</p>
      )}
    </div>
  );
}
