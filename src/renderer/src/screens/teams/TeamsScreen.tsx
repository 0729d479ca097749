import { useMemo, useState } from 'react';
import { createColumnHelper, useTable, type SortingState } from '@tanstack/react-table';
import type { TeamSummary } from '@shared/schemas/teams';
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
import { NewTeamDialog } from './NewTeamDialog';
import { SearchField } from '../../components/SearchField';
import { ErrorBanner } from '../../components/ErrorBanner';

const helper = createColumnHelper<ListFeatures, TeamSummary>();

const columns = helper.columns([
  helper.accessor('name', {
    header: 'Name',
    sortFn: 'text',
    cell: ({ row }) => (
      <a className="cell-link" href={teamHref(row.original.id)}>
        {row.original.name}
      </a>
    ),
  }),
  helper.accessor('role', { header: 'Role', enableGlobalFilter: false, cell: (info) => <RoleBadge role={info.getValue()} /> }),
  helper.accessor('source', {
    header: 'Source',
    enableGlobalFilter: false,
    cell: (info) => (info.getValue() === 'scim' ? <span className="badge badge-idp">Identity provider</span> : 'Manual'),
  }),
  helper.accessor('memberCount', { header: 'Members', sortDescFirst: true, enableGlobalFilter: false, cell: (info) => info.getValue().toLocaleString() }),
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

export function TeamsScreen() {
  const listed = useContractQuery('teams:list', undefined);
  const teams = useMemo(() => listed.data ?? [], [listed.data]);
  const status = statusOf(listed);
  const error = appErrorOf(listed.error);
  const create = useContractMutation('teams:create', { errors: 'inline' }).run;
  const mayCreate = useMayCall('teams:create');
  const notify = useNoticesStore((state) => state.push);
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useState('');
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);

  const table = useTable({
    features: listFeatures,
    columns: useMemo(() => columns, []),
    data: teams,
    getRowId: (team) => String(team.id),
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: 'includesFolded',
    enableSortingRemoval: false,
  });

  const shown = table.getRowModel().rows.length;
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
          <SearchField label="Filter teams" placeholder="Filter by name" value={filter} onChange={setFilter} />
          <span className="toolbar-count">{filter ? `${shown} of ${countOf(teams.length, 'team')}` : countOf(teams.length, 'team')}</span>
        </div>
        <DataTable
          table={table}
          label="Teams"
          empty={
            status !== 'ready' ? (
              'Loading teams…'
            ) : filter ? (
              <>No team matches “{filter}”.</>
            ) : (
              <div className="empty-state">
                <strong>No teams yet</strong>
                {mayCreate ? <span>Create one to give a group of members the same role in several organizations.</span> : null}
              </div>
            )
          }
        />
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
