import { createColumnHelper } from '@tanstack/react-table';
import type { Domain } from '@shared/schemas/domains';
import { countOf } from '@shared/text';
import type { ListFeatures } from '../../components/table/list-features';
import { formatDate, formatDateTime } from '../../lib/format';
import { domainHref } from '../../lib/route';
import { DomainStatus, OnOff, statusLabel } from './domain-status';

const helper = createColumnHelper<ListFeatures, Domain>();

/** Columns of the Domains table; a row opens the domain's page. */
export const domainColumns = helper.columns([
  helper.accessor('display', {
    id: 'domain',
    header: 'Domain',
    sortFn: 'text',
    cell: ({ row }) => (
      <a className="person cell-link" href={domainHref(row.original.id)}>
        <span className="person-name">{row.original.display}</span>
        {row.original.display !== row.original.domain ? <span className="person-email">{row.original.domain}</span> : null}
      </a>
    ),
  }),
  helper.accessor((domain) => statusLabel(domain), {
    id: 'status',
    header: 'Status',
    sortFn: 'text',
    enableGlobalFilter: false,
    cell: ({ row }) => <DomainStatus domain={row.original} />,
  }),
  helper.accessor((domain) => domain.verifiedAt ?? '', {
    id: 'verifiedAt',
    header: 'Verified',
    sortFn: 'text',
    sortDescFirst: true,
    enableGlobalFilter: false,
    cell: ({ row }) => {
      const at = row.original.verifiedAt;
      return at ? (
        <time dateTime={at} title={formatDateTime(at)}>
          {formatDate(at)}
        </time>
      ) : (
        <span className="muted">—</span>
      );
    },
  }),
  helper.accessor('capture', { header: 'Capture', enableGlobalFilter: false, enableSorting: false, cell: (info) => <OnOff on={info.getValue()} /> }),
  helper.accessor('lock', { header: 'Lock', enableGlobalFilter: false, enableSorting: false, cell: (info) => <OnOff on={info.getValue()} /> }),
  helper.accessor('unmanagedCount', {
    header: 'Unmanaged',
    sortDescFirst: true,
    enableGlobalFilter: false,
    cell: ({ row }) =>
      row.original.verified ? (
        <span className="domain-counts">
          {row.original.unmanagedCount.toLocaleString()}
          {row.original.waitingCount > 0 ? (
            <span className="badge badge-pending" title="New accounts that domain capture found no free seat for">
              {countOf(row.original.waitingCount, 'waiting for a seat', 'waiting for a seat')}
            </span>
          ) : null}
        </span>
      ) : (
        <span className="muted" title="Accounts are listed once the domain is verified">
          —
        </span>
      ),
  }),
]);
