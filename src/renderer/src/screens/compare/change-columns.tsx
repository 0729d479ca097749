import { createColumnHelper } from '@tanstack/react-table';
import type { DiffChange } from '@shared/schemas/diff';
import type { ListFeatures } from '../../components/table/list-features';

const helper = createColumnHelper<ListFeatures, DiffChange>();

/** "source changed" → "Source changed". */
export const kindLabel = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1);

const GAINS = new Set(['joined', 'added', 'gained', 'raised', 'created', 'linked', 'sent', 'accepted', 'verified']);
const LOSSES = new Set(['left', 'removed', 'lost', 'lowered', 'deleted', 'unlinked', 'revoked', 'expired', 'gone', 'verification lost']);

/** Something gained (green), lost (grey), or changed in place (blue). */
const badgeOf = (kind: string) => (GAINS.has(kind) ? 'badge-member' : LOSSES.has(kind) ? 'badge-expired' : 'badge-on');

const Value = ({ value }: { value: string | null }) => (value === null ? <span className="muted">—</span> : <span>{value}</span>);

/** A section's table: the change, what it is about (its own headings per section), and the value in OLD and NEW. */
export function changeColumns(headings: { subject: string; detail: string }) {
  const columns = helper.columns([
    helper.accessor('kind', { header: 'Change', sortFn: 'text', cell: (info) => <span className={`badge ${badgeOf(info.getValue())}`}>{kindLabel(info.getValue())}</span> }),
    helper.accessor('subject', { header: headings.subject, sortFn: 'text', cell: (info) => <span className="cell-strong">{info.getValue()}</span> }),
    helper.accessor('detail', { header: headings.detail, sortFn: 'text', cell: (info) => info.getValue() || <span className="muted">—</span> }),
    helper.accessor((change) => change.old ?? '', { id: 'old', header: 'Old', sortFn: 'text', cell: ({ row }) => <Value value={row.original.old} /> }),
    helper.accessor((change) => change.new ?? '', { id: 'new', header: 'New', sortFn: 'text', cell: ({ row }) => <Value value={row.original.new} /> }),
  ]);
  // Sections whose changes have no detail (organizations, domains, tokens) show no empty column.
  return headings.detail ? columns : columns.filter((column) => column.id !== 'detail');
}
