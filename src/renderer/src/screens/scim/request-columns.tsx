import { createColumnHelper } from '@tanstack/react-table';
import type { ScimRequest } from '@shared/schemas/scim';
import type { ListFeatures } from '../../components/table/list-features';
import { formatDateTime, formatTimeOfDay } from '../../lib/format';

const helper = createColumnHelper<ListFeatures, ScimRequest>();

/** 2xx and 3xx answered; 4xx refused; 5xx failed on Roster's side. */
function StatusCode({ status }: { status: number }) {
  return <span className={`badge ${status < 400 ? 'badge-member' : 'badge-failed'}`}>{status}</span>;
}

/** The request log's columns, newest first; filtering and paging happen in main. */
export const requestColumns = helper.columns([
  helper.accessor('at', {
    header: 'Time',
    enableSorting: false,
    cell: (info) => (
      <time dateTime={info.getValue()} title={formatDateTime(info.getValue())}>
        {formatTimeOfDay(info.getValue())}
      </time>
    ),
  }),
  helper.accessor('tokenName', {
    header: 'Token',
    enableSorting: false,
    cell: (info) => {
      const name = info.getValue();
      return name === null ? (
        <span className="muted" title="The request carried no valid token">
          None
        </span>
      ) : (
        <span className="scim-token" title={name}>
          {name}
        </span>
      );
    },
  }),
  helper.accessor('method', { header: 'Method', enableSorting: false, cell: (info) => <span className="scim-method">{info.getValue()}</span> }),
  helper.accessor('path', { header: 'Path', enableSorting: false, cell: (info) => <span className="scim-path">{info.getValue()}</span> }),
  helper.accessor('status', { header: 'Status', enableSorting: false, cell: (info) => <StatusCode status={info.getValue()} /> }),
  helper.accessor('durationMs', {
    header: 'ms',
    enableSorting: false,
    cell: (info) => <span title={`${info.getValue()} milliseconds`}>{info.getValue() < 10 ? info.getValue().toFixed(1) : Math.round(info.getValue()).toLocaleString()}</span>,
  }),
  helper.accessor('detail', {
    header: 'Error detail',
    enableSorting: false,
    cell: (info) => (info.getValue() ? <span className="scim-detail">{info.getValue()}</span> : <span className="muted">—</span>),
  }),
]);
