import { useMemo, useState } from 'react';
import { createColumnHelper, useTable, type SortingState, type Updater } from '@tanstack/react-table';
import type { TeamPage, TeamSortColumn, TeamSummary } from '@shared/schemas/teams';
import { countOf } from '@shared/text';
import { RoleBadge } from '../../components/AccessPaths';
import { PageHeader } from '../../components/PageHeader';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures, type ListFeatures } from '../../components/table/list-features';
import { organizationHref, teamHref } from '../../lib/route';
import { useNoticesStore } from '../../stores/notices-store';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { useLastPageClamp, useSearchPaging } from '../../data/paging';
import { Pager } from '../../components/Pager';
import { NewTeamDialog } from './NewTeamDialog';
import { SearchField } from '../../components/SearchField';
import { ErrorBanner } from '../../components/ErrorBanner';

// Sorted in main (teams:page), by these columns' ids.
const helper = createColumnHelper<ListFeatures, TeamSummary>();

const columns = helper.columns([
  helper.accessor('name', {
    header: 'Name',
    cell: ({ row }) => (
      <a className="cell-link" href={teamHref(row.original.id)}>
        {row.original.name}
      </a>
    ),
  }),
  helper.accessor('role', { header: 'Role', cell: (info) => <RoleBadge role={info.getValue()} /> }),
  helper.accessor('source', {
    header: 'Source',
    cell: (info) => (info.getValue() === 'scim' ? <span className="badge badge-idp">Identity provider</span> : 'Manual'),
  }),
  helper.accessor('memberCount', { header: 'Members', sortDescFirst: true, cell: (info) => info.getValue().toLocaleString() }),
  helper.display({
    id: 'organizations',
    header: 'Organizations',
    cell: ({ row }) =>
      row.original.allOrgs ? (
        <span className="chip chip-all">All organizations</span>
      ) : row.original.organizations.length === 0 ? (
        <span className="muted">Not linked</span>
      ) : (
        // One chip and a count, as on Licenses: the column stays narrow and every name that shows is readable.
        <span className="org-chips" title={row.original.organizations.map((org) => org.name).join(', ')}>
          {row.original.organizations.slice(0, 1).map((org) => (
            <a key={org.id} className="chip" href={organizationHref(org.id)}>
              <span className="chip-name">{org.name}</span>
            </a>
          ))}
          {row.original.organizations.length > 1 ? (
            <span className="chip chip-more">
              +{row.original.organizations.length - 1}
              <span className="visually-hidden"> more: {row.original.organizations.slice(1).map((org) => org.name).join(', ')}</span>
            </span>
          ) : null}
        </span>
      ),
  }),
]);

/** Teams a page: as Licenses, few enough that the table is whole (not virtualized). */
const PAGE_SIZE = 50;
/** How long typing must pause before the teams are searched, as on Licenses. */
const SEARCH_PAUSE_MS = 150;
const EMPTY_PAGE: TeamPage = { rows: [], total: 0, all: 0 };

export function TeamsScreen() {
  // Sorted, searched and paged in main (teams:page): every team at once was 5.5 MB to make, send, parse and sort at 20,000.
  const { searchText, setSearchText, search, pageIndex, setPageIndex } = useSearchPaging(SEARCH_PAUSE_MS);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const sort = { by: (sorting[0]?.id ?? 'name') as TeamSortColumn, desc: sorting[0]?.desc ?? false };
  const listed = useContractQuery('teams:page', { search, sort, offset: pageIndex * PAGE_SIZE, limit: PAGE_SIZE }, { keepPrevious: true });
  const page = listed.data ?? EMPTY_PAGE;
  useLastPageClamp(listed.data?.total, PAGE_SIZE, pageIndex, setPageIndex);
  const status = statusOf(listed);
  const error = appErrorOf(listed.error);
  const create = useContractMutation('teams:create', { errors: 'inline' }).run;
  const mayCreate = useMayCall('teams:create');
  const notify = useNoticesStore((state) => state.push);
  const [creating, setCreating] = useState(false);

  const table = useTable({
    features: listFeatures,
    columns: useMemo(() => columns, []),
    data: page.rows,
    getRowId: (team) => String(team.id),
    state: { sorting },
    manualSorting: true,
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      setSorting(typeof updater === 'function' ? updater(sorting) : updater);
      // A new order starts again from its first page.
      setPageIndex(0);
    },
  });

  const count = status === 'ready' || status === 'error' ? countOf(page.all, 'team') : 'Loading…';
  return (
    <section className="screen" aria-labelledby="teams-title">
      <PageHeader
        id="teams-title"
        title="Teams"
        description="A team's role applies in every organization it is linked to. Deleting a team never frees a seat."
        actions={
          mayCreate ? (
            <button type="button" className="button primary" onClick={() => setCreating(true)}>
              New team
            </button>
          ) : undefined
        }
      />
      {status === 'error' && error ? (
        <ErrorBanner message={error.message} />
      ) : null}
      <div className="card">
        <div className="toolbar">
          <SearchField label="Filter teams" placeholder="Filter by name" value={searchText} onChange={setSearchText} />
          <span className="toolbar-count" aria-live="polite">
            {search && status === 'ready' ? `${page.total.toLocaleString()} of ${count}` : count}
          </span>
        </div>
        <DataTable
          table={table}
          label="Teams"
          empty={
            status !== 'ready' ? (
              'Loading teams…'
            ) : search ? (
              <>No team matches “{search}”.</>
            ) : (
              <div className="empty-state">
                <strong>No teams yet</strong>
                {mayCreate ? <span>Create one to give a group of members the same role in several organizations.</span> : null}
              </div>
            )
          }
        />
        <Pager label="Pages of teams" total={page.total} pageIndex={pageIndex} pageSize={PAGE_SIZE} onPage={setPageIndex} />
      </div>
      {creating ? (
        <NewTeamDialog
          onClose={() => setCreating(false)}
          onCreate={async (name, role) => {
            const result = await create({ name, role });
            if (result.ok) {
              notify(`Created team “${result.value.name}”.`);
              // The admin made it to fill it: open it, where members and organizations are added.
              window.location.hash = teamHref(result.value.id);
            }
            return result;
          }}
        />
      ) : null}
    </section>
  );
}
