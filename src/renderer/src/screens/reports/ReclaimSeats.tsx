import { useState } from 'react';
import { asOfMoment, useReportStore } from '../../stores/report-store';
import { ReclaimReview } from './ReclaimReview';

/**
 * Reclaiming idle seats from the report (docs/RULES.md, A5): members inactive
 * over N days (those never active counted from when they got the seat), listed
 * for review first; releasing them is a further, confirmed step from the list.
 */
export function ReclaimSeats() {
  const { query, setQuery } = useReportStore();
  const [days, setDays] = useState(String(query.inactiveDays));
  const [reviewing, setReviewing] = useState(false);

  const parsed = Number(days);
  const valid = /^\d{1,4}$/.test(days.trim()) && parsed <= 3650;

  const apply = () => {
    if (valid && parsed !== query.inactiveDays) setQuery({ inactiveDays: parsed });
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
            onKeyDown={(event) => {
              if (event.key === 'Enter') apply();
            }}
          />
          days
        </label>
        {reviewing ? (
          <button type="button" className="button" onClick={() => setReviewing(false)}>
            Close the list
          </button>
        ) : (
          <button type="button" className="button" disabled={!valid} onClick={() => (apply(), setReviewing(true))}>
            Review idle members…
          </button>
        )}
      </div>
      <p className="muted">
        Members who were never active count from the day they got their seat, so nobody new loses theirs. Members your identity provider manages and
        organization owners are left out unless you include them.
      </p>
      {!valid ? (
        <p className="field-error" role="alert">
          Days must be a whole number from 0 to 3650.
        </p>
      ) : null}
      {reviewing && valid ? <ReclaimReview inactiveDays={query.inactiveDays} asOf={asOfMoment(query.asOfDay)} /> : null}
    </div>
  );
}
