import { createColumnHelper } from '@tanstack/react-table';
import { seatSourceLabels } from '@shared/schemas/members';
import type { InactiveMember } from '@shared/schemas/reclaim';
import type { ReportRule } from '@shared/schemas/settings';
import { LastActiveCell } from '../../components/LastActiveCell';
import type { ListFeatures } from '../../components/table/list-features';
import { formatDate } from '../../lib/format';
import { memberHref } from '../../lib/route';

const helper = createColumnHelper<ListFeatures, InactiveMember>();

export interface ReviewSelection {
  isSelected: (accountId: number) => boolean;
  onToggle: (accountId: number) => void;
  page: 'all' | 'some' | 'none';
  onTogglePage: () => void;
}

/** What the admin should weigh before releasing: the provider manages them, or they own organizations. */
function Notes({ member }: { member: InactiveMember }) {
  if (!member.scim && member.ownerOf.length === 0) return <span className="muted">—</span>;
  return (
    <span className="reclaim-notes">
      {member.scim ? (
        <span className="badge badge-idp" title="Your identity provider manages them: it may give them a seat again unless they are removed there">
          SCIM
        </span>
      ) : null}
      {member.ownerOf.length > 0 ? (
        <span className="badge badge-role-owner" title={`Owner of ${member.ownerOf.join(', ')}`}>
          Owner of {member.ownerOf.length === 1 ? member.ownerOf[0] : `${member.ownerOf.length} organizations`}
        </span>
      ) : null}
    </span>
  );
}

/** The review's columns: the checkbox, who, Last Active by the report's rule, days idle, the seat, and notes. Ordered by main (most idle first). */
export function reclaimColumns(selection: ReviewSelection, rule: ReportRule | null) {
  return helper.columns([
    helper.display({
      id: 'select',
      header: () => (
        <input
          type="checkbox"
          aria-label="Release every member on this page"
          checked={selection.page === 'all'}
          ref={(box) => {
            if (box) box.indeterminate = selection.page === 'some';
          }}
          onChange={selection.onTogglePage}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`Release ${row.original.email}`}
          checked={selection.isSelected(row.original.accountId)}
          onChange={() => selection.onToggle(row.original.accountId)}
        />
      ),
    }),
    helper.display({
      id: 'member',
      header: 'Member',
      cell: ({ row }) => (
        <div className="person">
          <a className="person-name" href={memberHref(row.original.accountId)}>
            {row.original.name || row.original.email}
          </a>
          {row.original.name ? <span className="person-email">{row.original.email}</span> : null}
        </div>
      ),
    }),
    helper.display({
      id: 'lastActive',
      header: 'Last Active',
      cell: ({ row }) => (
        <LastActiveCell
          value={row.original.lastActive}
          legacy={row.original.bucket === 'legacy'}
          blankTitle={rule ? `Left empty: last active ${rule.shownDays + 1}–${rule.blankDays} days ago` : 'Left empty: last active too long ago for the date to be kept'}
        />
      ),
    }),
    helper.display({
      id: 'idleDays',
      header: 'Days idle',
      // Counted from the last activity, or (never active) from when they got the seat.
      cell: ({ row }) => row.original.idleDays.toLocaleString(),
    }),
    helper.display({
      id: 'seat',
      header: 'Seat',
      cell: ({ row }) => (
        <div className="person">
          <span>{seatSourceLabels[row.original.seatSource]}</span>
          <span className="person-email">since {formatDate(row.original.seatSince)}</span>
        </div>
      ),
    }),
    helper.display({ id: 'notes', header: 'Notes', cell: ({ row }) => <Notes member={row.original} /> }),
  ]);
}
