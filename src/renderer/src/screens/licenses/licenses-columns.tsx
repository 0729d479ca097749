import { createColumnHelper } from '@tanstack/react-table';
import type { SeatRow } from '@shared/schemas/licenses';
import { seatSourceLabels } from '@shared/schemas/members';
import { RowMenu, type RowMenuItem } from '../../components/RowMenu';
import { LastActiveCell } from '../../components/LastActiveCell';
import type { ListFeatures } from '../../components/table/list-features';
import { formatDate, formatDateTime } from '../../lib/format';
import { memberHref, organizationHref, teamHref } from '../../lib/route';

const helper = createColumnHelper<ListFeatures, SeatRow>();

/** What a row offers; an action left out is one this admin may not take (the server's console, by role), and is not shown. */
export interface SeatRowActions {
  /** Rows are chosen only to release their seats together. */
  selectable: boolean;
  isSelected: (row: SeatRow) => boolean;
  onToggle: (row: SeatRow) => void;
  pageSelection: 'all' | 'some' | 'none';
  onTogglePage: () => void;
  onRemove?: (row: SeatRow) => void;
  onResend?: (row: SeatRow) => void;
  onRevoke?: (row: SeatRow) => void;
  onAccept?: (row: SeatRow) => void;
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
      {more > 0 ? (
        <span className="chip chip-more">
          +{more}
          <span className="visually-hidden"> more: {row.organizations.slice(shown.length).map((org) => org.name).join(', ')}</span>
        </span>
      ) : null}
    </span>
  );
}

function Teams({ row }: { row: SeatRow }) {
  if (row.teams.length === 0) return <span className="muted">None</span>;
  const [first] = row.teams;
  const more = row.teams.length - 1;
  return (
    <span className="org-chips" title={row.teams.map((team) => team.name).join(', ')}>
      <a className="chip" href={teamHref(first!.id)}>
        <span className="chip-name">{first!.name}</span>
      </a>
      {more > 0 ? (
        <span className="chip chip-more">
          +{more}
          <span className="visually-hidden"> more: {row.teams.slice(1).map((team) => team.name).join(', ')}</span>
        </span>
      ) : null}
    </span>
  );
}

/** Columns of the Licenses table; sorting happens in the database (manual sorting). */
export function seatColumns(actions: SeatRowActions) {
  const { onRemove, onResend, onRevoke, onAccept } = actions;
  const columns = helper.columns([
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
      cell: ({ row }) => {
        const seat = row.original;
        const person = (
          <>
            <span className="person-name">{seat.name || seat.email}</span>
            {seat.name ? <span className="person-email">{seat.email}</span> : null}
          </>
        );
        // A member's name opens their Access view: what they reach, and why.
        return seat.accountId !== null ? (
          <a className="person cell-link" href={memberHref(seat.accountId)} title="See what they can reach, and why">
            {person}
          </a>
        ) : (
          <div className="person">{person}</div>
        );
      },
    }),
    helper.accessor('status', {
      header: 'Status',
      cell: ({ row }) => (
        <span className="seat-status">
        <span
          className={`badge badge-${row.original.status}`}
          title={row.original.expiresAt ? `${row.original.status === 'expired' ? 'Expired' : 'Expires'} ${formatDateTime(row.original.expiresAt)}` : undefined}
        >
          {STATUS_LABEL[row.original.status]}
          {row.original.kind === 'invitation' && row.original.status === 'pending' && !row.original.holdsSeat ? (
            <span className="badge-note"> · holds a seat already</span>
          ) : null}
        </span>
        {row.original.outsideInvitePolicy ? (
          <span className="badge badge-policy" title="The invite rule in Settings (Domains & invitations) would not allow this address now. The seat stays; new invitations to addresses like it are refused.">
            Outside invite policy
          </span>
        ) : null}
        </span>
      ),
    }),
    // Why and since when, in one column: the source on top, the date under it. Sorts by date.
    helper.accessor('since', {
      header: 'Seat',
      cell: ({ row }) => (
        <div className="person">
          <span>{seatSourceLabels[row.original.source]}</span>
          <time className="person-email" dateTime={row.original.since} title={formatDateTime(row.original.since)}>
            since {formatDate(row.original.since)}
          </time>
        </div>
      ),
    }),
    // The activity report's Last Active, by its rule; the exact time on hover. Sorts most idle first.
    helper.accessor('lastActive', {
      id: 'lastActive',
      header: 'Last active',
      cell: ({ row }) => (
        <LastActiveCell
          value={row.original.lastActive}
          legacy={row.original.lastActive !== null && /^\d{4}-/.test(row.original.lastActive) && row.original.lastActiveAt === null}
          exactAt={row.original.lastActiveAt}
          blankTitle="Left empty: last active too long ago for the date to be kept, not long enough to say N/A"
        />
      ),
    }),
    helper.display({ id: 'teams', header: 'Teams', cell: ({ row }) => <Teams row={row.original} /> }),
    // Direct memberships only: what teams give is on the member's Access view.
    helper.display({ id: 'organizations', header: 'Direct organizations', cell: ({ row }) => <Organizations row={row.original} /> }),
    helper.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      cell: ({ row }) => {
        const seat = row.original;
        const items: (RowMenuItem | false | undefined)[] =
          seat.kind === 'member'
            ? [onRemove && { label: 'Remove from Licenses', danger: true, onSelect: () => onRemove(seat) }]
            : [
                onResend && { label: 'Resend invitation', onSelect: () => onResend(seat) },
                seat.status === 'pending' && onAccept && { label: 'Mark accepted', onSelect: () => onAccept(seat) },
                onRevoke && { label: 'Revoke invitation', danger: true, onSelect: () => onRevoke(seat) },
              ];
        return <RowMenu label={`Actions for ${seat.email}`} items={items.filter((item): item is RowMenuItem => Boolean(item))} />;
      },
    }),
  ]);
  const anyAction = Boolean(onRemove ?? onResend ?? onRevoke ?? onAccept);
  return columns.filter((column) => (column.id !== 'select' || actions.selectable) && (column.id !== 'actions' || anyAction));
}
