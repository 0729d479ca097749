import { createColumnHelper } from '@tanstack/react-table';
import type { UnmanagedAccount } from '@shared/schemas/domains';
import type { ListFeatures } from '../../components/table/list-features';
import { formatDate, formatDateTime } from '../../lib/format';

const helper = createColumnHelper<ListFeatures, UnmanagedAccount>();

export interface UnmanagedColumnOptions {
  /** Across all domains, each row says which domain it is on. */
  showDomain: boolean;
  /** False where this admin may neither claim nor invite (the server's console, by role). */
  selectable?: boolean;
  isSelected: (accountId: number) => boolean;
  onToggle: (accountId: number) => void;
  pageSelection: 'all' | 'some' | 'none';
  onTogglePage: () => void;
}

function When({ at, prefix = '' }: { at: string | null; prefix?: string }) {
  return at ? (
    <time dateTime={at} title={formatDateTime(at)}>
      {prefix}
      {formatDate(at)}
    </time>
  ) : (
    <span className="muted">—</span>
  );
}

/** Columns of an unmanaged-accounts table, in the store's order (name, then address): no sorting here. */
export function unmanagedColumns({ showDomain, selectable = true, isSelected, onToggle, pageSelection, onTogglePage }: UnmanagedColumnOptions) {
  const columns = helper.columns([
    helper.display({
      id: 'select',
      header: () => (
        <input
          type="checkbox"
          aria-label="Select every account on this page"
          checked={pageSelection === 'all'}
          ref={(box) => {
            if (box) box.indeterminate = pageSelection === 'some';
          }}
          onChange={onTogglePage}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`Select ${row.original.email}`}
          checked={isSelected(row.original.accountId)}
          onChange={() => onToggle(row.original.accountId)}
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
    ...(showDomain ? [helper.accessor('display', { header: 'Domain' })] : []),
    helper.accessor('createdAt', { header: 'Account created', cell: (info) => <When at={info.getValue()} /> }),
    helper.accessor('lastLoginAt', { header: 'Last login', cell: (info) => <When at={info.getValue()} /> }),
    helper.accessor('waitingSince', {
      header: 'Waiting for a seat',
      cell: (info) =>
        info.getValue() ? (
          <span className="badge badge-pending">
            <When at={info.getValue()} prefix="since " />
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    }),
    helper.accessor('invitedUntil', { header: 'Invited until', cell: (info) => <When at={info.getValue()} /> }),
  ]);
  // Accounts are chosen only to claim or invite them: no boxes for who may do neither.
  return selectable ? columns : columns.filter((column) => column.id !== 'select');
}
