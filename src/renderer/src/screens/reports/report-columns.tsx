import { createColumnHelper } from '@tanstack/react-table';
import { seatSourceLabels } from '@shared/schemas/members';
import type { ReportRow } from '@shared/schemas/report';
import type { ReportRule } from '@shared/schemas/settings';
import { LastActiveCell } from '../../components/LastActiveCell';
import type { ListFeatures } from '../../components/table/list-features';
import { formatDate } from '../../lib/format';
import { memberHref } from '../../lib/route';

const helper = createColumnHelper<ListFeatures, ReportRow>();

/** Long lists stay one line: the first few, then how many more (all of them in the title). */
function Names({ names }: { names: string[] }) {
  if (names.length === 0) return <span className="muted">—</span>;
  const shown = names.slice(0, 2).join(', ');
  return <span title={names.join(', ')}>{names.length > 2 ? `${shown} +${names.length - 2} more` : shown}</span>;
}

/** The report's Last Active cell, with why when it is empty. */
function LastActive({ row, rule }: { row: ReportRow; rule: ReportRule }) {
  return <LastActiveCell value={row.lastActive} legacy={row.bucket === 'legacy'} blankTitle={`Left empty: last active ${rule.shownDays + 1}–${rule.blankDays} days ago`} />;
}

/** The preview's columns, in the CSV's order; sorting happens in the store. */
export function reportColumns(rule: ReportRule) {
  return helper.columns([
    helper.accessor('email', {
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
    helper.accessor('lastActive', { header: 'Last Active', cell: ({ row }) => <LastActive row={row.original} rule={rule} /> }),
    helper.accessor('daysInactive', {
      header: 'Days inactive',
      cell: ({ row }) => (row.original.daysInactive === null ? <span className="muted">—</span> : row.original.daysInactive.toLocaleString()),
    }),
    helper.accessor('teams', { header: 'Teams', enableSorting: false, cell: ({ row }) => <Names names={row.original.teams} /> }),
    helper.accessor('organizations', { header: 'Organizations', enableSorting: false, cell: ({ row }) => <Names names={row.original.organizations} /> }),
    helper.accessor('seatSince', { header: 'Seat since', cell: ({ row }) => formatDate(row.original.seatSince) }),
    helper.accessor('seatSource', { header: 'Source', cell: ({ row }) => seatSourceLabels[row.original.seatSource] }),
  ]);
}
