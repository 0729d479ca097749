import { createColumnHelper } from '@tanstack/react-table';
import type { Organization, OrgSummary } from '@shared/schemas/orgs';
import type { ListFeatures } from '../../components/table/list-features';
import { formatDate, formatDateTime } from '../../lib/format';
import { organizationHref } from '../../lib/route';

const helper = createColumnHelper<ListFeatures, OrgSummary>();

/** A row's actions; one left out is one this admin may not take (the server's console, by role), and is not shown. */
export interface OrgRowActions {
  onRename?: (org: Organization) => void;
  onDelete?: (org: Organization) => void;
}

export function orgColumns({ onRename, onDelete }: OrgRowActions) {
  const columns = helper.columns([
    helper.accessor('name', {
      header: 'Name',
      sortFn: 'text',
      cell: ({ row }) => (
        <a className="cell-link" href={organizationHref(row.original.id)}>
          {row.original.name}
        </a>
      ),
    }),
    helper.accessor('memberCount', {
      // Direct members only; everyone who reaches it, through teams too, is on its page.
      header: 'Direct members',
      sortDescFirst: true,
      enableGlobalFilter: false,
      cell: ({ row }) => (
        <span className="member-count">
          {row.original.memberCount.toLocaleString()}
          {row.original.ownerCount === 0 ? (
            <span className="badge badge-warning" title="Every organization needs at least one owner among its direct members">
              No owner
            </span>
          ) : null}
        </span>
      ),
    }),
    helper.accessor('createdAt', {
      header: 'Created',
      sortFn: 'datetime',
      sortDescFirst: true,
      enableGlobalFilter: false,
      cell: (info) => <time dateTime={info.getValue()} title={formatDateTime(info.getValue())}>{formatDate(info.getValue())}</time>,
    }),
    helper.accessor('updatedAt', {
      header: 'Last changed',
      sortFn: 'datetime',
      sortDescFirst: true,
      enableGlobalFilter: false,
      cell: (info) => <time dateTime={info.getValue()} title={formatDateTime(info.getValue())}>{formatDate(info.getValue())}</time>,
    }),
    helper.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      cell: ({ row }) => (
        <div className="row-actions">
          {onRename ? (
            <button type="button" className="button subtle small" aria-label={`Rename ${row.original.name}`} onClick={() => onRename(row.original)}>
              Rename
            </button>
          ) : null}
          {onDelete ? (
            <button type="button" className="button subtle small danger-text" aria-label={`Delete ${row.original.name}`} onClick={() => onDelete(row.original)}>
              Delete
            </button>
          ) : null}
        </div>
      ),
    }),
  ]);
  return onRename ?? onDelete ? columns : columns.filter((column) => column.id !== 'actions');
}
