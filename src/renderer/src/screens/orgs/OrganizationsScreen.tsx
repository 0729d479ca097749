import { useMemo, useState } from 'react';
import { useTable, type SortingState } from '@tanstack/react-table';
import type { Organization } from '@shared/schemas/orgs';
import { PageHeader } from '../../components/PageHeader';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { countOf } from '@shared/text';
import { useNoticesStore } from '../../stores/notices-store';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { DeleteOrgDialog } from './DeleteOrgDialog';
import { OrgNameDialog } from './OrgNameDialog';
import { orgColumns } from './orgs-columns';
import { SearchField } from '../../components/SearchField';
import { ErrorBanner } from '../../components/ErrorBanner';

type Editing = { mode: 'create' } | { mode: 'rename'; org: Organization } | { mode: 'delete'; org: Organization } | null;

export function OrganizationsScreen() {
  const listed = useContractQuery('orgs:list', undefined);
  const orgs = useMemo(() => listed.data ?? [], [listed.data]);
  const status = statusOf(listed);
  const error = appErrorOf(listed.error);
  const load = listed.refetch;
  const create = useContractMutation('orgs:create', { errors: 'inline' }).run;
  const rename = useContractMutation('orgs:rename', { errors: 'inline' }).run;
  const remove = useContractMutation('orgs:remove', { errors: 'inline' }).run;
  const may = { create: useMayCall('orgs:create'), rename: useMayCall('orgs:rename'), remove: useMayCall('orgs:remove') };
  const notify = useNoticesStore((state) => state.push);
  const [editing, setEditing] = useState<Editing>(null);
  const [filter, setFilter] = useState('');
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);

  const columns = useMemo(
    () =>
      orgColumns({
        onRename: may.rename ? (org) => setEditing({ mode: 'rename', org }) : undefined,
        onDelete: may.remove ? (org) => setEditing({ mode: 'delete', org }) : undefined,
      }),
    [may.rename, may.remove],
  );

  const table = useTable({
    features: listFeatures,
    columns,
    data: orgs,
    getRowId: (org) => String(org.id),
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: 'includesFolded',
    enableSortingRemoval: false,
  });

  const shown = table.getRowModel().rows.length;
  const countText = filter ? `${shown} of ${countOf(orgs.length, 'organization')}` : countOf(orgs.length, 'organization');

  return (
    <section className="screen" aria-labelledby="orgs-title">
      <PageHeader
        id="orgs-title"
        title="Organizations"
        description="Workspaces your members get access to, directly or through teams. Deleting one never frees a seat."
        actions={
          may.create ? (
            <button type="button" className="button primary" onClick={() => setEditing({ mode: 'create' })}>
              New organization
            </button>
          ) : undefined
        }
      />

      {status === 'error' && error ? (
        <ErrorBanner message={error.message} onRetry={() => void load()} />
      ) : null}

      <div className="card">
        <div className="toolbar">
          <SearchField label="Filter organizations" placeholder="Filter by name" value={filter} onChange={setFilter} />
          <span className="toolbar-count" aria-live="polite">
            {status === 'ready' ? countText : 'Loading…'}
          </span>
        </div>
        <DataTable
          table={table}
          label="Organizations"
          empty={
            status !== 'ready' ? (
              'Loading organizations…'
            ) : filter ? (
              <>No organization matches “{filter}”.</>
            ) : (
              <div className="empty-state">
                <strong>No organizations yet</strong>
                {may.create ? <span>Create the first one to give members and teams somewhere to work.</span> : null}
              </div>
            )
          }
        />
      </div>

      {editing?.mode === 'create' ? (
        <OrgNameDialog
          onClose={() => setEditing(null)}
          onSave={async (name) => {
            const result = await create({ name });
            if (result.ok) notify(`Created organization “${result.value.name}”.`);
            return result;
          }}
        />
      ) : null}
      {editing?.mode === 'rename' ? (
        <OrgNameDialog
          org={editing.org}
          onClose={() => setEditing(null)}
          onSave={async (name, version) => {
            const result = await rename({ id: editing.org.id, name, version });
            if (result.ok) notify(`Renamed “${editing.org.name}” to “${result.value.name}”.`);
            // Renamed meanwhile: the dialog's name is out of date, so it closes and the list, read again, shows the new one.
            if (!result.ok && result.error.code === 'STALE') {
              setEditing(null);
              notify(result.error.message, 'error');
            }
            return result;
          }}
        />
      ) : null}
      {editing?.mode === 'delete' ? (
        <DeleteOrgDialog
          org={editing.org}
          onClose={() => setEditing(null)}
          onDelete={async () => {
            const result = await remove({ id: editing.org.id });
            if (result.ok) notify(`Deleted organization “${editing.org.name}”. No seat was freed.`);
            return result;
          }}
        />
      ) : null}
    </section>
  );
}
