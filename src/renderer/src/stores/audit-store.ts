import { create } from 'zustand';
import type { ActorType, AuditFilter } from '@shared/schemas/audit';

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
  /** What the log shows: kept while the admin visits other screens. */
  query: AuditQuery;
  setQuery(change: Partial<AuditQuery>): void;
  clear(): void;
}

/** The Audit log screen's own state: its filters and page; the events come from the query cache. */
export const useAuditStore = create<AuditState>()((set, get) => ({
  query: EMPTY_QUERY,
  setQuery(change) {
    const query = { ...get().query, ...change };
    if (!('pageIndex' in change)) query.pageIndex = 0;
    set({ query });
  },
  clear() {
    set({ query: EMPTY_QUERY });
  },
}));

/** The audit:list input for a query. */
export function listInput(query: AuditQuery) {
  return { filter: toFilter(query), offset: query.pageIndex * query.pageSize, limit: query.pageSize };
}
