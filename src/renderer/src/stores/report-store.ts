import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { ExportResult } from '@shared/schemas/exports';
import type { ActivityBucket, ReportFilter, ReportPage, ReportSortColumn, ReportSummary } from '@shared/schemas/report';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

export interface ReportQuery {
  /** The day to report as of (YYYY-MM-DD, its end in UTC), or null for now. */
  asOfDay: string | null;
  filter: ReportFilter;
  inactiveDays: number;
  bucket: ActivityBucket | null;
  search: string;
  sort: { by: ReportSortColumn; desc: boolean };
  pageIndex: number;
  pageSize: number;
}

interface ReportState {
  summary: ReportSummary | null;
  page: ReportPage;
  query: ReportQuery;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  load(): Promise<void>;
  loadPage(): Promise<void>;
  setQuery(change: Partial<ReportQuery>): void;
  exportCsv(bom: boolean): Promise<Result<ExportResult>>;
  /** The dry run before releasing idle seats: who has been inactive over the query's days. */
  inactive(): Promise<Result<{ accountIds: number[]; total: number }>>;
  /** Releases the seats of those idle over the query's days, found again by main as it releases them. */
  releaseInactive(): Promise<Result<{ members: number; invitations: number; alreadyFree: number }>>;
}

/** The end of a day in UTC: a report as of a day counts everything on that day. */
export function asOfMoment(day: string | null): string | undefined {
  return day ? `${day}T23:59:59.999Z` : undefined;
}

/** The Reports screen: the summary over the chart, one page of the preview, and its filters. */
export const useReportStore = create<ReportState>()((set, get) => {
  let latest = 0;
  let latestSummary = 0;
  return {
    summary: null,
    page: { rows: [], total: 0, asOf: '' },
    query: { asOfDay: null, filter: 'all', inactiveDays: 90, bucket: null, search: '', sort: { by: 'email', desc: false }, pageIndex: 0, pageSize: 50 },
    status: 'idle',
    error: null,

    /** Everything: the summary (charts, rule) and the page. After a change to the store, or a new as-of day. */
    async load() {
      const ticket = ++latestSummary;
      if (get().status === 'idle') set({ status: 'loading' });
      const [summary] = await Promise.all([api.invoke('report:summary', { asOf: asOfMoment(get().query.asOfDay) }), get().loadPage()]);
      if (ticket !== latestSummary) return;
      if (!summary.ok) return set({ status: 'error', error: summary.error });
      set({ summary: summary.value });
    },

    /** The table's page alone: sorting, paging, filtering and searching leave the summary as it is. */
    async loadPage() {
      const ticket = ++latest;
      const { asOfDay, filter, inactiveDays, bucket, search, sort, pageIndex, pageSize } = get().query;
      const page = await api.invoke('report:page', {
        selection: { asOf: asOfMoment(asOfDay), filter, inactiveDays, search, ...(bucket ? { bucket } : {}) },
        sort,
        offset: pageIndex * pageSize,
        limit: pageSize,
      });
      if (ticket !== latest) return;
      if (!page.ok) return set({ status: 'error', error: page.error });
      // Past the last page (members released): show the last one there is.
      const lastPage = Math.max(0, Math.ceil(page.value.total / pageSize) - 1);
      if (pageIndex > lastPage) return get().setQuery({ pageIndex: lastPage });
      set({ page: page.value, status: 'ready', error: null });
    },

    setQuery(change) {
      const query = { ...get().query, ...change };
      if (!('pageIndex' in change)) query.pageIndex = 0;
      set({ query });
      // A new as-of day changes the charts too; anything else only the table.
      void ('asOfDay' in change ? get().load() : get().loadPage());
    },

    exportCsv(bom) {
      return api.invoke('report:export', { asOf: asOfMoment(get().query.asOfDay), bom });
    },

    inactive() {
      const { asOfDay, inactiveDays } = get().query;
      return api.invoke('report:inactive', { asOf: asOfMoment(asOfDay), inactiveDays });
    },

    releaseInactive() {
      const { asOfDay, inactiveDays } = get().query;
      return api.invoke('report:releaseInactive', { asOf: asOfMoment(asOfDay), inactiveDays });
    },
  };
});
