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

/**
 * A list searched where it is kept (teams:page): the caller asks for what matches `text`, the first of
 * them are `options`, and `more` says how many matched beyond those.
 */
export interface PlaceSearch {
  text: string;
  onText: (text: string) => void;
  more: number;
}

interface PlacePickerDialogProps {
  title: string;
  description: string;
  /** What the list holds, for its label and messages: "team", "organization". */
  noun: string;
  options: PlaceOption[];
  /** Given: the list is searched by the caller, and the filter is always shown; left out, `options` is every one, filtered here. */
  search?: PlaceSearch;
  loading: boolean;
  loadError: AppError | null;
  onRetry: () => void;
  submitLabel: string;
  /** Fields under the list (a role). */
  children?: ReactNode;
  /** The place chosen, by id, with its name as listed. */
  onPick: (id: number, name: string) => Promise<Result<unknown>>;
  onClose: () => void;
}

/** Choose one team or organization from a list that can be filtered; those where the person already is are shown but not offered. */
export function PlacePickerDialog({ title, description, noun, options, search, loading, loadError, onRetry, submitLabel, children, onPick, onClose }: PlacePickerDialogProps) {
  const name = useId();
  const [chosen, setChosen] = useState<PlaceOption | null>(null);
  const [filter, setFilter] = useState('');
  const [choiceError, setChoiceError] = useState<AppError | null>(null);
  const submit = useSubmit({ errors: 'inline' });
  const error = choiceError ?? submit.error;
  const shown = useMemo(() => (search || !filter.trim() ? options : options.filter((option) => includesFolded(option.name, filter))), [options, filter, search]);
  const filterText = search ? search.text : filter;
  // Searched in main, a choice the new search leaves out is dropped rather than added unseen.
  const setFilterText = (text: string) => {
    if (!search) return setFilter(text);
    search.onText(text);
    setChosen(null);
  };

  const pick = async () => {
    if (chosen === null) return setChoiceError({ code: 'INVALID_INPUT', message: `Choose a ${noun} first.` });
    setChoiceError(null);
    const result = await submit.run(() => onPick(chosen.id, chosen.name));
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
      {search || options.length > 8 ? (
        <input
          type="search"
          className="search-input compact"
          placeholder={`Filter ${noun}s`}
          aria-label={`Filter ${noun}s`}
          value={filterText}
          autoFocus
          onChange={(event) => setFilterText(event.target.value)}
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
        {!loading && !loadError && shown.length === 0 ? <p className="muted">{options.length === 0 && !filterText.trim() ? `No ${noun}s yet.` : `No ${noun} matches “${filterText.trim()}”.`}</p> : null}
        {shown.map((option) => (
          <label key={option.id} className={`check${option.unavailable ? ' disabled' : ''}`}>
            <input
              type="radio"
              name={name}
              disabled={Boolean(option.unavailable)}
              checked={chosen?.id === option.id}
              onChange={() => {
                setChosen(option);
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
      {search && search.more > 0 && !loadError ? (
        <p className="field-hint picker-more" role="status">
          {search.more.toLocaleString('en-US')} more — type to narrow
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </Dialog>
  );
}
