import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTable, type SortingState, type Updater } from '@tanstack/react-table';
import type { ReportFilter, ReportSortColumn } from '@shared/schemas/report';
import { describeRule } from '@shared/report-rule';
import { countOf } from '@shared/text';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { SearchField } from '../../components/SearchField';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { formatDay } from '../../lib/format';
import { screenHref } from '../../lib/route';
import { appErrorOf, statusOf, useContractQuery } from '../../data/query';
import { useLastPageClamp } from '../../data/paging';
import { syncImport } from '../../lib/event-import';
import { asOfMoment, pageInput, useReportStore } from '../../stores/report-store';
import { useOfflineCopy } from '../../stores/offline-copy-store';
import { ActivityCharts } from './ActivityCharts';
import { bucketLabel } from './buckets';
import { ImportButton, ImportPanel } from './ImportPanel';
import { ReclaimSeats } from './ReclaimSeats';
import { SaveReport } from './SaveReport';
import { reportColumns } from './report-columns';
import { useMayCall } from '../../data/may-call';

const EMPTY_PAGE = { rows: [], total: 0, asOf: '' };

const FILTER_LABEL: Record<ReportFilter, (days: number) => string> = {
  all: () => 'All members',
  active: (days) => `Active in the last ${days} days`,
  inactive: (days) => `Inactive for over ${days} days`,
  na: () => 'Last Active is N/A',
};

/** The user activity report: who is active, who has gone quiet, the CSV, and reclaiming idle seats. */
export function ReportsScreen() {
  const { query, setQuery } = useReportStore();
  // On an offline copy, "now" is when it was taken (main reads it so): no later day to choose.
  const copy = useOfflineCopy((state) => state.copy);
  // The summary (charts, rule) follows the as-of day; sorting, paging, filtering and searching change only the page.
  const summaryQuery = useContractQuery('report:summary', { asOf: asOfMoment(query.asOfDay) }, { keepPrevious: true });
  const pageQuery = useContractQuery('report:page', pageInput(query), { keepPrevious: true });
  const summary = summaryQuery.data ?? null;
  const page = pageQuery.data ?? EMPTY_PAGE;
  const status = statusOf({ isError: summaryQuery.isError || pageQuery.isError, data: pageQuery.data });
  const error = appErrorOf(summaryQuery.error ?? pageQuery.error);
  const goToPage = useCallback((pageIndex: number) => setQuery({ pageIndex }), [setQuery]);
  useLastPageClamp(pageQuery.data?.total, query.pageSize, query.pageIndex, goToPage);
  const [search, setSearch] = useState(query.search);

  useEffect(() => {
    void syncImport();
  }, []);

  useEffect(() => {
    if (search === query.search) return;
    const timer = setTimeout(() => setQuery({ search }), 250);
    return () => clearTimeout(timer);
  }, [search, query.search, setQuery]);

  const rule = summary?.rule ?? null;
  const columns = useMemo(() => (rule ? reportColumns(rule) : []), [rule]);
  const sorting: SortingState = [{ id: query.sort.by, desc: query.sort.desc }];
  const table = useTable({
    features: listFeatures,
    columns,
    data: page.rows,
    getRowId: (row) => String(row.accountId),
    state: { sorting },
    manualSorting: true,
    enableSortingRemoval: false,
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = typeof updater === 'function' ? updater(sorting) : updater;
      if (next) setQuery({ sort: { by: next.id as ReportSortColumn, desc: next.desc } });
    },
  });

  const mayChangeRule = useMayCall('settings:update');
  const filtered = query.filter !== 'all' || query.bucket !== null || query.search !== '';
  return (
    <section className="screen" aria-labelledby="reports-title">
      <PageHeader
        id="reports-title"
        title="Activity"
        description="Who uses their seat and who has gone quiet: import activity events, read the report, save it as CSV, and free idle seats."
        actions={
          <>
            <ImportButton />
            <SaveReport />
          </>
        }
      />
      <ImportPanel />
      {status === 'error' && error ? <ErrorBanner message={error.message} onRetry={() => void Promise.all([summaryQuery.refetch(), pageQuery.refetch()])} /> : null}

      {summary ? (
        <>
          <p className="rule-sentence">
            {describeRule(summary.rule, formatDay)} {mayChangeRule ? <a href={screenHref('settings')}>Change the rule in Settings.</a> : null}
          </p>
          <ActivityCharts summary={summary} chosen={query.bucket} onChoose={(bucket) => setQuery({ bucket, filter: 'all' })} />
          <ReclaimSeats />
        </>
      ) : null}

      <div className="card">
        <div className="toolbar">
          <SearchField label="Search the report" placeholder="Search by name or email" value={search} onChange={setSearch} />
          <label className="toolbar-select">
            <span className="visually-hidden">Show</span>
            <select value={query.filter} aria-label="Show" onChange={(event) => setQuery({ filter: event.target.value as ReportFilter, bucket: null })}>
              {(Object.keys(FILTER_LABEL) as ReportFilter[]).map((filter) => (
                <option key={filter} value={filter}>
                  {FILTER_LABEL[filter](filter === 'active' ? (rule?.shownDays ?? 90) : query.inactiveDays)}
                </option>
              ))}
            </select>
          </label>
          <label className="toolbar-date">
            As of
            <input
              type="date"
              value={query.asOfDay ?? ''}
              max={(copy?.takenAt ?? new Date().toISOString()).slice(0, 10)}
              title={copy ? 'Left empty: as of when the copy was taken' : undefined}
              onChange={(event) => setQuery({ asOfDay: event.target.value || null })}
            />
          </label>
          {query.bucket && rule ? (
            <span className="filter-chip">
              {bucketLabel(query.bucket, rule)}
              <button type="button" className="filter-chip-clear" aria-label="Show every bucket" onClick={() => setQuery({ bucket: null })}>
                ×
              </button>
            </span>
          ) : null}
          <span className="toolbar-count" aria-live="polite">
            {status === 'ready' ? countOf(page.total, 'member') : status === 'error' ? '' : 'Loading…'}
          </span>
        </div>
        <DataTable
          table={table}
          label="Activity report"
          empty={filtered ? 'No member matches this view.' : 'No members yet: the report lists every member, one row each.'}
        />
        <Pager label="Pages of the activity report" total={page.total} pageIndex={query.pageIndex} pageSize={query.pageSize} onPage={goToPage} />
      </div>
    </section>
  );
}
