import { describeVerification } from '@shared/schemas/audit';
import { appErrorOf, useContractQuery } from '../../data/query';
import { useNoticesStore } from '../../stores/notices-store';

/**
 * Settings → Audit log: whether the log's hash chain is whole, and where it
 * breaks. Checking reads every event, a few seconds for a log of a million,
 * so it runs when asked rather than each time Settings opens.
 */
export function AuditChainSettings() {
  // Asked only when the admin clicks; the answer stays for this window's life.
  const verified = useContractQuery('audit:verify', undefined, { enabled: false, gcTime: Infinity });
  const verification = verified.data ?? null;
  const busy = verified.isFetching;
  const notify = useNoticesStore((state) => state.push);

  const check = async () => {
    const result = await verified.refetch();
    const error = appErrorOf(result.error);
    if (error) notify(error.message, 'error');
  };

  return (
    <div className="card settings-section" aria-labelledby="audit-chain-title" role="region">
      <h2 id="audit-chain-title">Audit log</h2>
      <p className="muted">
        Each event keeps a hash of the event before it, so an event changed, removed or slipped in outside Roster breaks the chain. The command line
        checks it too: <code>roster audit --verify</code>.
      </p>
      <div className="button-row">
        <button type="button" className="button" disabled={busy} aria-busy={busy} onClick={() => void check()}>
          {busy ? 'Checking…' : 'Check the audit log'}
        </button>
      </div>
      <p className={`audit-chain-result${verification && !verification.whole ? ' broken' : ''}`} role="status">
        {verification ? describeVerification(verification, 16) : 'Not checked yet in this window.'}
      </p>
    </div>
  );
}
