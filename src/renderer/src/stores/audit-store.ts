import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { ActorType, AuditEventRow, AuditFacets, AuditFilter, AuditVerification } from '@shared/schemas/audit';
import type { ExportResult } from '@shared/schemas/exports';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

export interface AuditQuery {
  /** "" any actor; "scim" every actor of a type; "scim:Okta" one actor. */
  actor: string;
  /** "" any action; "member." every action under a prefix; "member.add" one. */
  action: string;
  /** Words in the target's name or id. */
  target: string;
  /** Days in the viewer's time zone (YYYY-MM-DD), both included; "" no bound. */
  from: string;
  to: string;
  pageIndex: number;
  pageSize: number;
}

export const AUDIT_PAGE_SIZE = 50;
const EMPTY_QUERY: AuditQuery = { actor: '', action: '', target: '', from: '', to: '', pageIndex: 0, pageSize: AUDIT_PAGE_SIZE };

export function actorKey(type: ActorType, name?: string): string {
  return name === undefined ? type : `${type}:${name}`;
}

/** Local midnight of a YYYY-MM-DD day, as an ISO moment. */
function startOfDay(day: string, plusDays = 0): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + plusDays).toISOString();
}

/** The screen's query as main's filter: dates are whole local days, "to" included. */
export function toFilter(query: AuditQuery): Partial<AuditFilter> {
  const filter: Partial<AuditFilter> = { target: query.target.trim() };
  if (query.actor) {
    const split = query.actor.indexOf(':');
    filter.actorType = (split < 0 ? query.actor : query.actor.slice(0, split)) as ActorType;
    if (split >= 0) filter.actorName = query.actor.slice(split + 1);
  }
  if (query.action) filter.action = query.action;
  if (query.from) filter.since = startOfDay(query.from);
  if (query.to) filter.until = startOfDay(query.to, 1);
  return filter;
}

interface AuditState {
  page: { rows: AuditEventRow[]; total: number };
  facets: AuditFacets;
  /** Days of audit log kept (Settings' auditRetentionDays); null: for ever. */
  retentionDays: number | null;
  query: AuditQuery;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  load(): Promise<void>;
  setQuery(change: Partial<AuditQuery>): void;
  clear(): void;
  exportCsv(): Promise<Result<ExportResult>>;
  setRetention(days: number | null): Promise<Result<unknown>>;
  /** The last check of the hash chain in this window (Settings), or null before the first. */
  verification: AuditVerification | null;
  verify(): Promise<Result<AuditVerification>>;
}

/** The Audit log screen: one page of events under the filters, and what the filter menus offer. */
export const useAuditStore = create<AuditState>()((set, get) => {
  let latest = 0;
  return {
    page: { rows: [], total: 0 },
    facets: { actors: [], actions: [], targetTypes: [], truncated: false },
    retentionDays: null,
    query: EMPTY_QUERY,
    status: 'idle',
    error: null,
    verification: null,

    async load() {
      const ticket = ++latest;
      if (get().status === 'idle') set({ status: 'loading' });
      const { query } = get();
      const [page, facets, settings] = await Promise.all([
        api.invoke('audit:list', { filter: toFilter(query), offset: query.pageIndex * query.pageSize, limit: query.pageSize }),
        api.invoke('audit:facets'),
        api.invoke('settings:get'),
      ]);
      if (ticket !== latest) return;
      if (!page.ok) return set({ status: 'error', error: page.error });
      if (!facets.ok) return set({ status: 'error', error: facets.error });
      if (!settings.ok) return set({ status: 'error', error: settings.error });
      // Past the last page (events were pruned): show the last one there is.
      const lastPage = Math.max(0, Math.ceil(page.value.total / query.pageSize) - 1);
      if (query.pageIndex > lastPage) return get().setQuery({ pageIndex: lastPage });
      set({ page: page.value, facets: facets.value, retentionDays: settings.value.auditRetentionDays, status: 'ready', error: null });
    },

    setQuery(change) {
      const query = { ...get().query, ...change };
      if (!('pageIndex' in change)) query.pageIndex = 0;
      set({ query });
      void get().load();
    },

    clear() {
      set({ query: EMPTY_QUERY });
      void get().load();
    },

    exportCsv() {
      return api.invoke('audit:export', { filter: toFilter(get().query), bom: true });
    },

    async setRetention(days) {
      const result = await api.invoke('settings:update', { auditRetentionDays: days });
      if (result.ok) set({ retentionDays: result.value.auditRetentionDays });
      return result;
    },

    async verify() {
      const result = await api.invoke('audit:verify');
      if (result.ok) set({ verification: result.value });
      return result;
    },
  };
});
