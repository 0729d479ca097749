import { useMemo, useState } from 'react';
import { useTable, type SortingState } from '@tanstack/react-table';
import { countOf } from '@shared/text';
import { PageHeader } from '../../components/PageHeader';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { domainHref, unmanagedHref } from '../../lib/route';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { useContractMutation } from '../../data/use-contract-mutation';
import { useMayCall } from '../../data/may-call';
import { useUnmanagedTotals } from '../../data/unmanaged-totals';
import { useNoticesStore } from '../../stores/notices-store';
import { AddDomainDialog } from './AddDomainDialog';
import { domainColumns } from './domains-columns';
import { SearchField } from '../../components/SearchField';
import { ErrorBanner } from '../../components/ErrorBanner';

/** Every domain the enterprise claims: verified or not, what its switches do, and who on it holds no seat. */
export function DomainsScreen() {
  const listed = useContractQuery('domains:list', undefined);
  const domains = useMemo(() => listed.data ?? [], [listed.data]);
  const status = statusOf(listed);
  const error = appErrorOf(listed.error);
  const load = listed.refetch;
  const add = useContractMutation('domains:add', { errors: 'inline' }).run;
  const mayAdd = useMayCall('domains:add');
  const notify = useNoticesStore((state) => state.push);
  // Across all domains, each account once: adding up the domains' counts would count one on nested domains twice.
  const { unmanaged } = useUnmanagedTotals();
  const [adding, setAdding] = useState(false);
  const [filter, setFilter] = useState('');
  const [sorting, setSorting] = useState<SortingState>([{ id: 'domain', desc: false }]);

  const table = useTable({
    features: listFeatures,
    columns: domainColumns,
    data: domains,
    getRowId: (domain) => String(domain.id),
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: 'includesString',
    enableSortingRemoval: false,
  });

  const shown = table.getRowModel().rows.length;
  return (
    <section className="screen" aria-labelledby="domains-title">
      <PageHeader
        id="domains-title"
        title="Domains"
        description="Prove with a DNS record that a domain is yours; then new accounts on it can join the enterprise by themselves, or be kept out unless invited."
        actions={
          <>
            <a className="button" href={unmanagedHref()}>
              Unmanaged accounts{unmanaged > 0 ? ` (${unmanaged.toLocaleString()})` : ''}
            </a>
            {mayAdd ? (
              <button type="button" className="button primary" onClick={() => setAdding(true)}>
                Add domain
              </button>
            ) : null}
          </>
        }
      />
      {status === 'error' && error ? (
        <ErrorBanner message={error.message} onRetry={() => void load()} />
      ) : null}
      <div className="card">
        <div className="toolbar">
          <SearchField label="Filter domains" placeholder="Filter by domain" value={filter} onChange={setFilter} />
          <span className="toolbar-count" aria-live="polite">
            {status === 'ready' ? (filter ? `${shown} of ${countOf(domains.length, 'domain')}` : countOf(domains.length, 'domain')) : 'Loading…'}
          </span>
        </div>
        <DataTable
          table={table}
          label="Domains"
          onRowClick={(domain) => (window.location.hash = domainHref(domain.id))}
          empty={
            status !== 'ready' ? (
              'Loading domains…'
            ) : filter ? (
              <>No domain matches “{filter}”.</>
            ) : (
              <div className="empty-state domains-empty">
                <strong>No domains yet</strong>
                <span>
                  Add a domain your enterprise owns, such as acme.com, and create the DNS TXT record Roster gives you. Once that record is
                  found the domain is verified: new accounts on it can then join the enterprise at once (domain capture) or be refused unless
                  invited (domain lock), and people on it who hold no seat are listed to invite or claim.
                </span>
              </div>
            )
          }
        />
      </div>
      {adding ? (
        <AddDomainDialog
          onClose={() => setAdding(false)}
          onAdd={async (text) => {
            const result = await add({ domain: text });
            if (result.ok) {
              notify(`Added ${result.value.display}. Create its DNS record, then verify it.`);
              window.location.hash = domainHref(result.value.id);
            }
            return result;
          }}
        />
      ) : null}
    </section>
  );
}
