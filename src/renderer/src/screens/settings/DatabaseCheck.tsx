import { useState } from 'react';
import type { DatabaseCheck as Check } from '@shared/schemas/database';
import { formatDateTime } from '../../lib/format';
import { useContractMutation } from '../../data/use-contract-mutation';

const seconds = (ms: number) => `${(ms / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 })} s`;

/** Settings → Database: checks the database for damage on demand and says what was found. */
export function DatabaseCheck() {
  // Checked on demand, never again by itself: a full check of a large file takes a while.
  const { run, busy: checking, error } = useContractMutation('db:check', { errors: 'inline' });
  const [last, setLast] = useState<Check | null>(null);
  const [full, setFull] = useState(false);
  const check = async (full: boolean) => {
    const result = await run({ full });
    if (result.ok) setLast(result.value);
  };

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
