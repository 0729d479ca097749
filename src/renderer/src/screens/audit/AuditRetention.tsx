import { useState } from 'react';
import { MAX_AUDIT_RETENTION_DAYS, MIN_AUDIT_RETENTION_DAYS } from '@shared/schemas/audit';
import { ok } from '@shared/result';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { useNoticesStore } from '../../stores/notices-store';

/**
 * How long the log is kept: for ever (the default), or whole UTC days up to N
 * days old. Shortening it deletes older events for good, so it asks first.
 */
export function AuditRetention() {
  // Days of audit log kept (Settings' auditRetentionDays); null: for ever.
  const settings = useContractQuery('settings:get', undefined).data;
  const retentionDays = settings?.auditRetentionDays ?? null;
  const { run: update, busy } = useContractMutation('settings:update', { errors: 'inline' });
  // Retention can erase history: an owner's to set (docs/SERVER.md); anyone else reads it.
  const mayChange = useMayCall('settings:update');
  const notify = useNoticesStore((state) => state.push);
  const [keepAll, setKeepAll] = useState(retentionDays === null);
  const [text, setText] = useState(String(retentionDays ?? 365));
  const [shown, setShown] = useState(retentionDays);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // Follow the stored value when it changes elsewhere (another window, the command line).
  if (shown !== retentionDays) {
    setShown(retentionDays);
    setKeepAll(retentionDays === null);
    setText(String(retentionDays ?? 365));
  }

  const days = keepAll ? null : /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  const changed = days !== retentionDays;
  const shorter = days !== null && !Number.isNaN(days) && (retentionDays === null || days < retentionDays);

  const save = async () => {
    // The version shown: a change made elsewhere since refuses this one, which then shows the new value (V6).
    const result = await update({ auditRetentionDays: days, versions: { auditRetentionDays: settings?.versions.auditRetentionDays } });
    if (!result.ok) {
      setError(result.error.issues?.[0]?.message ?? result.error.message);
      return ok(null);
    }
    setError(null);
    notify(days === null ? 'The audit log is now kept for ever.' : `The audit log now keeps ${days} days.`);
    return ok(null);
  };

  const submit = () => {
    if (!mayChange) return;
    if (Number.isNaN(days)) return setError('Days must be a whole number');
    if (shorter) return setConfirming(true);
    void save();
  };

  return (
    <>
      <form
        className="card audit-retention"
        role="region"
        aria-labelledby="audit-retention-title"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div>
          <h2 id="audit-retention-title">Retention</h2>
          <p className="muted">
            Events are never changed. With a limit, whole days older than it are deleted when Roster opens and once a day, and the deletion itself is
            recorded.
          </p>
        </div>
        <div className="audit-retention-choice">
          <label className="check">
            <input type="radio" name="audit-retention" checked={keepAll} disabled={!mayChange} onChange={() => setKeepAll(true)} />
            Keep every event
          </label>
          <label className="check">
            <input type="radio" name="audit-retention" checked={!keepAll} disabled={!mayChange} onChange={() => setKeepAll(false)} />
            Keep only the last
          </label>
          <input
            type="number"
            className="audit-retention-days"
            aria-label="Days to keep"
            min={MIN_AUDIT_RETENTION_DAYS}
            max={MAX_AUDIT_RETENTION_DAYS}
            disabled={keepAll}
            readOnly={!mayChange}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <span>days (at least {MIN_AUDIT_RETENTION_DAYS})</span>
          {mayChange ? (
            <button type="submit" className="button small" disabled={!changed || busy}>
              Save
            </button>
          ) : null}
        </div>
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      {confirming ? (
        <ConfirmDialog
          title={`Keep only ${days} days of audit log?`}
          body={[`Every event older than ${days} days is deleted now, and more each day from now on. Deleted events cannot be brought back; the deletion itself is recorded.`]}
          confirmLabel="Keep only these days"
          onConfirm={save}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </>
  );
}
