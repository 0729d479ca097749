import { createColumnHelper } from '@tanstack/react-table';
import type { SeatRow } from '@shared/schemas/licenses';
import { seatSourceLabels } from '@shared/schemas/members';
import type { ListFeatures } from '../../components/table/list-features';
import { formatDate, formatDateTime } from '../../lib/format';
import { organizationHref } from '../../lib/route';

const helper = createColumnHelper<ListFeatures, SeatRow>();

export interface SeatRowActions {
  isSelected: (row: SeatRow) => boolean;
  onToggle: (row: SeatRow) => void;
  pageSelection: 'all' | 'some' | 'none';
  onTogglePage: () => void;
  onRemove: (row: SeatRow) => void;
  onResend: (row: SeatRow) => void;
  onRevoke: (row: SeatRow) => void;
  onAccept: (row: SeatRow) => void;
}

const STATUS_LABEL: Record<SeatRow['status'], string> = { member: 'Member', pending: 'Invited', expired: 'Expired' };

function Organizations({ row }: { row: SeatRow }) {
  if (row.organizations.length === 0) return <span className="muted">None</span>;
  const shown = row.organizations.slice(0, 1);
  const more = row.organizations.length - shown.length;
  return (
    <span className="org-chips" title={row.organizations.map((org) => `${org.name} (${org.role})`).join(', ')}>
      {shown.map((org) => (
        <a key={org.id} className="chip" href={organizationHref(org.id)}>
          <span className="chip-name">{org.name}</span>
          {org.role !== 'member' ? <span className="chip-role">{org.role}</span> : null}
        </a>
      ))}
      {more > 0 ? <span className="chip chip-more">+{more}</span> : null}
    </span>
  );
}

/** Columns of the Licenses table; sorting happens in the database (manual sorting). */
export function seatColumns(actions: SeatRowActions) {
  return helper.columns([
    helper.display({
      id: 'select',
      header: () => (
        <input
          type="checkbox"
          aria-label="Select every seat on this page"
          checked={actions.pageSelection === 'all'}
          ref={(box) => {
            if (box) box.indeterminate = actions.pageSelection === 'some';
          }}
          onChange={actions.onTogglePage}
        />
      ),
      cell: ({ row }) =>
        row.original.status === 'expired' ? null : (
          <input
            type="checkbox"
            aria-label={`Select ${row.original.email}`}
            checked={actions.isSelected(row.original)}
            onChange={() => actions.onToggle(row.original)}
          />
        ),
    }),
    helper.accessor('name', {
      header: 'Person',
      cell: ({ row }) => (
        <div className="person">
          <span className="person-name">{row.original.name || row.original.email}</span>
          {row.original.name ? <span className="person-email">{row.original.email}</span> : null}
        </div>
      ),
    }),
    helper.accessor('status', {
      header: 'Status',
      cell: ({ row }) => (
        <span
          className={`badge badge-${row.original.status}`}
          title={row.original.expiresAt ? `${row.original.status === 'expired' ? 'Expired' : 'Expires'} ${formatDateTime(row.original.expiresAt)}` : undefined}
        >
          {STATUS_LABEL[row.original.status]}
        </span>
      ),
    }),
    helper.accessor('source', { header: 'Seat from', cell: (info) => seatSourceLabels[info.getValue()] }),
    helper.accessor('since', {
      header: 'Since',
      cell: (info) => (
        <time dateTime={info.getValue()} title={formatDateTime(info.getValue())}>
          {formatDate(info.getValue())}
        </time>
      ),
    }),
    helper.accessor('lastActiveAt', {
      id: 'lastActive',
      header: 'Last active',
      cell: (info) => {
        const value = info.getValue();
        return value ? <time dateTime={value}>{formatDate(value)}</time> : <span className="muted">—</span>;
      },
    }),
    helper.display({ id: 'organizations', header: 'Organizations', cell: ({ row }) => <Organizations row={row.original} /> }),
    helper.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      cell: ({ row }) => {
        const seat = row.original;
        if (seat.kind === 'member') {
          return (
            <div className="row-actions">
              <button type="button" className="button subtle small danger-text" aria-label={`Remove ${seat.email} from Licenses`} onClick={() => actions.onRemove(seat)}>
                Remove
              </button>
            </div>
          );
        }
        return (
          <div className="row-actions">
            <button type="button" className="button subtle small" aria-label={`Resend the invitation to ${seat.email}`} onClick={() => actions.onResend(seat)}>
              Resend
            </button>
            {seat.status === 'pending' ? (
              <button type="button" className="button subtle small" aria-label={`Mark the invitation to ${seat.email} accepted`} onClick={() => actions.onAccept(seat)}>
                Mark accepted
              </button>
            ) : null}
            <button type="button" className="button subtle small danger-text" aria-label={`Revoke the invitation to ${seat.email}`} onClick={() => actions.onRevoke(seat)}>
              Revoke
            </button>
          </div>
        );
      },
    }),
  ]);
}
