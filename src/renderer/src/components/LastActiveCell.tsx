import { formatDateTime, formatDay } from '../lib/format';

interface LastActiveCellProps {
  /** The activity report's value: a day (YYYY-MM-DD), '' for the blank span, 'N/A'; null where there is none (an invitation). */
  value: string | null;
  /** The day is a last login from before activity was tracked (the legacy rule). */
  legacy: boolean;
  /** The exact last activity on record, shown on hover beside the day. */
  exactAt?: string | null;
  /** Why the cell is empty, in the rule's numbers when the screen knows them. */
  blankTitle: string;
}

/** Last Active as the activity report has it, everywhere it is shown: the day, (empty), N/A, or a legacy login's day. */
export function LastActiveCell({ value, legacy, exactAt, blankTitle }: LastActiveCellProps) {
  if (value === null) return <span className="muted">—</span>;
  if (value === '') {
    return (
      <span className="muted" title={blankTitle}>
        (empty)
      </span>
    );
  }
  if (value === 'N/A') return <span className="muted">N/A</span>;
  const title = legacy ? 'Last login, from before activity was tracked' : exactAt ? `Last active ${formatDateTime(exactAt)}` : undefined;
  return (
    <time dateTime={value} title={title}>
      {formatDay(value)}
      {legacy ? ' (login)' : ''}
    </time>
  );
}
