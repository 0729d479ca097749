import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { useDatabaseCheckStore } from '../../stores/database-check-store';

const seconds = (ms: number) => `${(ms / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })} s`;

/** Settings → Database: checks the database for damage on demand and says what was found. */
export function DatabaseCheck() {
  const { status, last, error, check } = useDatabaseCheckStore();
  const [full, setFull] = useState(false);
  const checking = status === 'checking';

  return (
    <div className="database-check">
      <div className="button-row">
        <button type="button" className="button" disabled={checking} aria-busy={checking} onClick={() => void check(full)}>
          {checking ? 'Checking…' : 'Check the database'}
        </button>
        <label className="check">
          <input type="checkbox" checked={full} disabled={checking} onChange={(event) => setFull(event.target.checked)} />
          <span>Full check (slower: also compares every index with its table)</span>
        </label>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {last && !error ? (
        last.sound ? (
          <p className="note" role="status">
            {last.message} Checked {formatDateTime(last.checkedAt)}, in {seconds(last.durationMs)}.
          </p>
        ) : (
          <div className="form-error" role="alert">
            <p>{last.message}</p>
            <details>
              <summary>What the check found</summary>
              <ul>
                {last.problems.map((problem, index) => (
                  <li key={index}>{problem}</li>
                ))}
              </ul>
            </details>
          </div>
        )
      ) : null}
    </div>
  );
}
