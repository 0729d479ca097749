import { useState } from 'react';
import { countOf } from '@shared/text';
import { useNoticesStore } from '../../stores/notices-store';
import { useContractMutation } from '../../data/use-contract-mutation';
import { asOfMoment, useReportStore } from '../../stores/report-store';
import { ReleaseSeatsDialog } from '../licenses/ReleaseSeatsDialog';

/**
 * Reclaiming idle seats from the report: members inactive over N days (those
 * never active counted from when they got the seat). The count comes first,
 * from a dry run; releasing is one more, confirmed, step.
 */
export function ReclaimSeats() {
  const { query, setQuery } = useReportStore();
  // The dry run: who has been inactive over the days, asked only when the admin is about to release.
  const { run: inactive, busy, error } = useContractMutation('report:inactive', { errors: 'inline' });
  // Releases the seats of those idle over the days, found again by main as it releases them.
  const releaseInactive = useContractMutation('report:releaseInactive', { errors: 'inline' }).run;
  const notify = useNoticesStore((state) => state.push);
  const [days, setDays] = useState(String(query.inactiveDays));
  const [candidates, setCandidates] = useState<number | null>(null);

  const parsed = Number(days);
  const valid = /^\d{1,4}$/.test(days.trim()) && parsed <= 3650;

  const apply = () => {
    if (valid && parsed !== query.inactiveDays) setQuery({ inactiveDays: parsed });
  };

  const count = async () => {
    if (!valid || busy) return;
    apply();
    const result = await inactive({ asOf: asOfMoment(query.asOfDay), inactiveDays: parsed });
    if (!result.ok) return;
    if (result.value.total === 0) notify(`No member has been inactive for over ${countOf(parsed, 'day')}.`);
    else setCandidates(result.value.total);
  };

  return (
    <div className="card reclaim" role="region" aria-labelledby="reclaim-title">
      <h2 id="reclaim-title">Reclaim idle seats</h2>
      <div className="reclaim-row">
        <label className="reclaim-days">
          Inactive for over
          <input
            type="number"
            min={0}
            max={3650}
            inputMode="numeric"
            value={days}
            aria-invalid={!valid}
            onChange={(event) => setDays(event.target.value)}
            onBlur={apply}
          />
          days
        </label>
        <button type="button" className="button" disabled={!valid} onClick={() => (apply(), setQuery({ filter: 'inactive', bucket: null }))}>
          List them
        </button>
        <button type="button" className="button danger-outline" disabled={!valid || busy} onClick={() => void count()}>
          Release their seats…
        </button>
      </div>
      <p className="muted">Members who were never active count from the day they got their seat, so nobody new loses theirs.</p>
      {!valid ? (
        <p className="field-error" role="alert">
          Days must be a whole number from 0 to 3650.
        </p>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {candidates ? (
        <ReleaseSeatsDialog
          members={candidates}
          invitations={0}
          onClose={() => setCandidates(null)}
          onConfirm={async () => {
            const result = await releaseInactive({ asOf: asOfMoment(query.asOfDay), inactiveDays: parsed });
            if (result.ok) {
              const freed = result.value.members;
              notify(`Released ${countOf(freed, 'seat')} held by members inactive for over ${countOf(parsed, 'day')}.${result.value.alreadyFree > 0 ? ` ${countOf(result.value.alreadyFree, 'was', 'were')} free already.` : ''}`);
            }
            return result;
          }}
        />
      ) : null}
    </div>
  );
}
