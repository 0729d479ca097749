import { create } from 'zustand';
import type { ActivityBucket, ReportFilter, ReportSortColumn } from '@shared/schemas/report';

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
  /** What the report shows: kept while the admin visits other screens. */
  query: ReportQuery;
  setQuery(change: Partial<ReportQuery>): void;
}

/** The end of a day in UTC: a report as of a day counts everything on that day. */
export function asOfMoment(day: string | null): string | undefined {
  return day ? `${day}T23:59:59.999Z` : undefined;
}

/** The report:page input for a query. */
export function pageInput({ asOfDay, filter, inactiveDays, bucket, search, sort, pageIndex, pageSize }: ReportQuery) {
  return {
    selection: { asOf: asOfMoment(asOfDay), filter, inactiveDays, search, ...(bucket ? { bucket } : {}) },
    sort,
    offset: pageIndex * pageSize,
    limit: pageSize,
  };
}

/** The Reports screen's own state: its filters, sort and page; the report comes from the query cache. */
export const useReportStore = create<ReportState>()((set, get) => ({
  query: { asOfDay: null, filter: 'all', inactiveDays: 90, bucket: null, search: '', sort: { by: 'email', desc: false }, pageIndex: 0, pageSize: 50 },
  setQuery(change) {
    const query = { ...get().query, ...change };
    if (!('pageIndex' in change)) query.pageIndex = 0;
    set({ query });
  },
}));
