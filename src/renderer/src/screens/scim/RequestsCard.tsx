import { useCallback, useEffect, useState } from 'react';
import { useTable } from '@tanstack/react-table';
import { countOf } from '@shared/text';
import { Pager } from '../../components/Pager';
import { SearchField } from '../../components/SearchField';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { statusOf } from '../../data/query';
import { useLastPageClamp } from '../../data/paging';
import { SCIM_METHODS, useScimStore, type RequestQuery, type ScimMethod } from '../../stores/scim-store';
import { useScim } from './use-scim';
import { requestColumns } from './request-columns';

const OUTCOMES: { value: RequestQuery['outcome']; label: string }[] = [
  { value: 'all', label: 'All requests' },
  { value: 'ok', label: 'Succeeded' },
  { value: 'failed', label: 'Failed' },
];

/** Every request identity providers made, newest first, kept 30 days. */
export function RequestsCard() {
  const { query, setQuery } = useScimStore();
  const { requestsQuery } = useScim();
  const requests = requestsQuery.data ?? { rows: [], total: 0 };
  const status = statusOf(requestsQuery);
  const goToPage = useCallback((pageIndex: number) => setQuery({ pageIndex }), [setQuery]);
  useLastPageClamp(requestsQuery.data?.total, query.pageSize, query.pageIndex, goToPage);
  const [search, setSearch] = useState(query.search);

  useEffect(() => {
    if (search === query.search) return;
    const timer = setTimeout(() => setQuery({ search }), 250);
    return () => clearTimeout(timer);
  }, [search, query.search, setQuery]);

  const table = useTable({
    features: listFeatures,
    columns: requestColumns,
    data: requests.rows,
    getRowId: (row) => String(row.id),
  });

  const filtered = query.search !== '' || query.outcome !== 'all' || query.method !== null;
  return (
    <div className="card" role="region" aria-labelledby="scim-requests-title">
      <div className="card-head">
        <div>
          <h2 id="scim-requests-title">Requests</h2>
          <p className="muted">Every request identity providers make, newest first, kept 30 days. Times are in your time zone.</p>
        </div>
      </div>
      <div className="toolbar">
        <SearchField label="Search requests" placeholder="Search path, token or error" value={search} onChange={setSearch} />
        <label className="toolbar-select">
          <span className="visually-hidden">Outcome</span>
          <select value={query.outcome} aria-label="Outcome" onChange={(event) => setQuery({ outcome: event.target.value as RequestQuery['outcome'] })}>
            {OUTCOMES.map((outcome) => (
              <option key={outcome.value} value={outcome.value}>
                {outcome.label}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-select">
          <span className="visually-hidden">Method</span>
          <select value={query.method ?? ''} aria-label="Method" onChange={(event) => setQuery({ method: (event.target.value || null) as ScimMethod | null })}>
            <option value="">Any method</option>
            {SCIM_METHODS.map((method) => (
              <option key={method} value={method}>
                {method}
              </option>
            ))}
          </select>
        </label>
        <span className="toolbar-count" aria-live="polite">
          {status === 'ready' ? countOf(requests.total, 'request') : status === 'error' ? '' : 'Loading…'}
        </span>
      </div>
      <DataTable
        table={table}
        label="SCIM requests"
        empty={filtered ? 'No request matches these filters.' : 'No requests yet. They appear here as soon as an identity provider connects.'}
      />
      <Pager label="Pages of SCIM requests" total={requests.total} pageIndex={query.pageIndex} pageSize={query.pageSize} onPage={goToPage} />
    </div>
  );
}
