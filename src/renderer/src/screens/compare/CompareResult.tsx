import { useMemo, useState } from 'react';
import { useTable, type SortingState } from '@tanstack/react-table';
import { diffSectionColumns, type DiffResult, type DiffSection, type SeatTally } from '@shared/schemas/diff';
import { countOf } from '@shared/text';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { formatDateTime } from '../../lib/format';
import { changeColumns } from './change-columns';

const SEAT_ROWS: { key: keyof SeatTally; label: string }[] = [
  { key: 'total', label: 'Total seats' },
  { key: 'inUse', label: 'In use' },
  { key: 'free', label: 'Free' },
  { key: 'members', label: 'Members' },
  { key: 'pendingInvitations', label: 'Pending invitations' },
];

const signed = (n: number) => (n > 0 ? `+${n.toLocaleString()}` : n < 0 ? `−${(-n).toLocaleString()}` : '');

/** The seats in OLD and NEW, and the difference: the license true-up's first question. */
function SeatsCard({ diff }: { diff: DiffResult }) {
  return (
    <div className="card" role="region" aria-labelledby="compare-seats-title">
      <div className="card-head">
        <h2 id="compare-seats-title">Seats</h2>
      </div>
      <div className="table-scroll">
        <table className="data-table" aria-label="Seats">
          <thead>
            <tr>
              <th scope="col">Seats</th>
              <th scope="col">Old</th>
              <th scope="col">New</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {SEAT_ROWS.map(({ key, label }) => (
              <tr key={key}>
                <td className="cell-strong">{label}</td>
                <td>{diff.seats.old[key].toLocaleString()}</td>
                <td>{diff.seats.new[key].toLocaleString()}</td>
                <td className="compare-change">{signed(diff.seats.new[key] - diff.seats.old[key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([kind, n]) => `${n.toLocaleString()} ${kind}`)
    .join(', ');

/** One section: its counts by kind, and its changes in a table (the first ones, when there are many). */
function SectionCard({ section }: { section: DiffSection }) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(() => changeColumns(diffSectionColumns[section.id]), [section.id]);
  const table = useTable({ features: listFeatures, columns, data: section.changes, state: { sorting }, onSortingChange: setSorting });
  const titleId = `compare-${section.id}-title`;
  return (
    <div className="card" role="region" aria-labelledby={titleId} aria-describedby={`${titleId}-counts`}>
      <div className="card-head">
        <div>
          <h2 id={titleId}>{section.title}</h2>
          <p className="muted" id={`${titleId}-counts`}>
            {countsText(section.counts)}
          </p>
        </div>
      </div>
      <DataTable table={table} label={section.title} empty="No change." />
      {section.omitted > 0 ? (
        <p className="card-note">
          The first {section.changes.length.toLocaleString()} of {countOf(section.total, 'change')}: Export CSV for all of them.
        </p>
      ) : null}
    </div>
  );
}

/** What changed from OLD to NEW: the seats, then each section that changed, then those that did not. */
export function CompareResult({ diff }: { diff: DiffResult }) {
  const changed = diff.sections.filter((section) => section.total > 0);
  const unchanged = diff.sections.filter((section) => section.total === 0);
  const side = (which: 'from' | 'to') => {
    const { label, enterprise, copyOf, asOf } = diff[which];
    return `${label} (${copyOf ? `${enterprise}, offline copy of ${copyOf}` : enterprise}, as of ${formatDateTime(asOf)})`;
  };
  return (
    <>
      <p className="muted compare-summary" aria-live="polite">
        From <strong>{side('from')}</strong> to <strong>{side('to')}</strong>:{' '}
        {changed.length === 0 ? 'nothing changed.' : changed.map((section) => `${section.title} ${section.total.toLocaleString()}`).join(' · ')}
      </p>
      <SeatsCard diff={diff} />
      {changed.map((section) => (
        <SectionCard key={section.id} section={section} />
      ))}
      {unchanged.length > 0 ? <p className="muted">No change in {unchanged.map((section) => section.title.toLowerCase()).join(', ')}.</p> : null}
    </>
  );
}
