import { useEffect, useMemo, useState } from 'react';
import { useTable, type SortingState, type Updater } from '@tanstack/react-table';
import type { ExportResult } from '@shared/schemas/exports';
import type { ReportFilter, ReportSortColumn } from '@shared/schemas/report';
import { describeRule } from '@shared/report-rule';
import { countOf } from '@shared/text';
import { ErrorBanner } from '../../components/ErrorBanner';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { SearchField } from '../../components/SearchField';
import { DataTable } from '../../components/table/DataTable';
import { listFeatures } from '../../components/table/list-features';
import { api } from '../../lib/api';
import { finishExport } from '../../lib/download';
import { screenHref } from '../../lib/route';
import { failureTone, useNoticesStore } from '../../stores/notices-store';
import { useImportStore } from '../../stores/import-store';
import { useReportStore } from '../../stores/report-store';
import { ActivityCharts } from './ActivityCharts';
import { bucketLabel } from './buckets';
import { ImportButton, ImportPanel } from './ImportPanel';
import { ReclaimSeats } from './ReclaimSeats';
import { reportColumns } from './report-columns';

const FILTER_LABEL: Record<ReportFilter, (days: number) => string> = {
  all: () => 'All members',
  active: (days) => `Active in the last ${days} days`,
  inactive: (days) => `Inactive for over ${days} days`,
  na: () => 'Last Active is N/A',
};

/** Saves the CSV: a native dialog in the desktop app (then "Show in folder"), a download in browser mode. */
function SaveReport() {
  const exportCsv = useReportStore((state) => state.exportCsv);
  const notify = useNoticesStore((state) => state.push);
  const [bom, setBom] = useState(true);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Extract<ExportResult, { kind: 'saved' }> | null>(null);

  const save = async () => {
    setBusy(true);
    const result = await exportCsv(bom);
    setBusy(false);
    if (!result.ok) return notify(result.error.message, failureTone(result.error));
    const said = finishExport(result.value, 'the activity report', 'member');
    if (said) notify(said);
    setSaved(result.value.kind === 'saved' ? result.value : null);
  };

  const show = async (saveId: string) => {
    const result = await api.invoke('app:showSavedFile', { saveId });
    if (!result.ok) notify(result.error.message, 'error');
  };

  return (
    <div className="save-report">
      <label className="check" title="Spreadsheet programs such as Excel need it to read non-Latin names correctly">
        <input type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} />
        For Excel (byte-order mark)
      </label>
      <button type="button" className="button primary" disabled={busy} onClick={() => void save()}>
        {busy ? 'Saving…' : 'Save CSV…'}
      </button>
      {saved ? (
        <button type="button" className="button subtle small" onClick={() => void show(saved.saveId)}>
          Show in folder
        </button>
      ) : null}
    </div>
  );
}

/** The user activity report: who is active, who has gone quiet, the CSV, and reclaiming idle seats. */
export function ReportsScreen() {
  const store = useReportStore();
  const { summary, page, query, status, error, setQuery } = store;
  const [search, setSearch] = useState(query.search);

  const syncImport = useImportStore((state) => state.sync);
  useEffect(() => {
    void store.load();
    void syncImport();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load is stable; opening the screen loads it once.
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
      {status === 'error' && error ? <ErrorBanner message={error.message} onRetry={() => void store.load()} /> : null}

      {summary ? (
        <>
          <p className="rule-sentence">
            {describeRule(summary.rule)} <a href={screenHref('settings')}>Change the rule in Settings.</a>
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
              max={new Date().toISOString().slice(0, 10)}
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
        <Pager total={page.total} pageIndex={query.pageIndex} pageSize={query.pageSize} onPage={(pageIndex) => setQuery({ pageIndex })} />
      </div>
    </section>
  );
}
