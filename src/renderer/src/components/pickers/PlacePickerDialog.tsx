import { useId, useMemo, useState, type ReactNode } from 'react';
import type { AppError } from '@shared/errors';
import type { Result } from '@shared/result';
import { includesFolded } from '@shared/text';
import { useSubmit } from '../../lib/use-submit';
import { Dialog } from '../Dialog';

/** One place to choose: a team or an organization. */
export interface PlaceOption {
  id: number;
  name: string;
  /** Said beside the name ("Admin · 3 organizations"). */
  detail?: string;
  /** Why it cannot be chosen ("already there"); it is shown, not offered. */
  unavailable?: string | null;
}

interface PlacePickerDialogProps {
  title: string;
  description: string;
  /** What the list holds, for its label and messages: "team", "organization". */
  noun: string;
  options: PlaceOption[];
  loading: boolean;
  loadError: AppError | null;
  onRetry: () => void;
  submitLabel: string;
  /** Fields under the list (a role). */
  children?: ReactNode;
  onPick: (id: number) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Choose one team or organization from a list that can be filtered; those where the person already is are shown but not offered. */
export function PlacePickerDialog({ title, description, noun, options, loading, loadError, onRetry, submitLabel, children, onPick, onClose }: PlacePickerDialogProps) {
  const name = useId();
  const [chosen, setChosen] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  const [choiceError, setChoiceError] = useState<AppError | null>(null);
  const submit = useSubmit({ errors: 'inline' });
  const error = choiceError ?? submit.error;
  const shown = useMemo(() => (filter.trim() ? options.filter((option) => includesFolded(option.name, filter)) : options), [options, filter]);

  const pick = async () => {
    if (chosen === null) return setChoiceError({ code: 'INVALID_INPUT', message: `Choose a ${noun} first.` });
    setChoiceError(null);
    const result = await submit.run(() => onPick(chosen));
    if (result?.ok) onClose();
  };

  return (
    <Dialog
      title={title}
      description={description}
      onClose={onClose}
      onSubmit={() => void pick()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={submit.busy || loading}>
            {submitLabel}
          </button>
        </>
      }
    >
      {options.length > 8 ? (
        <input
          type="search"
          className="search-input compact"
          placeholder={`Filter ${noun}s`}
          aria-label={`Filter ${noun}s`}
          value={filter}
          autoFocus
          onChange={(event) => setFilter(event.target.value)}
        />
      ) : null}
      <div className="check-list" role="radiogroup" aria-label={`${noun[0]!.toUpperCase()}${noun.slice(1)}s`} aria-busy={loading}>
        {loading ? <p className="muted">Loading {noun}s…</p> : null}
        {loadError ? (
          <p className="form-error" role="alert">
            Could not load the {noun}s: {loadError.message}{' '}
            <button type="button" className="button small" onClick={onRetry}>
              Try again
            </button>
          </p>
        ) : null}
        {!loading && !loadError && shown.length === 0 ? <p className="muted">{options.length === 0 ? `No ${noun}s yet.` : 'None match.'}</p> : null}
        {shown.map((option) => (
          <label key={option.id} className={`check${option.unavailable ? ' disabled' : ''}`}>
            <input
              type="radio"
              name={name}
              disabled={Boolean(option.unavailable)}
              checked={chosen === option.id}
              onChange={() => {
                setChosen(option.id);
                setChoiceError(null);
              }}
            />
            <span>
              {option.name}
              {option.detail ? <span className="muted"> · {option.detail}</span> : null}
              {option.unavailable ? <span className="muted"> ({option.unavailable})</span> : null}
            </span>
          </label>
        ))}
      </div>
      {children}
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </Dialog>
  );
}
