import { create } from 'zustand';
import type { ChannelInput } from '@shared/ipc/contract';
import type { ScimRequestsInput } from '@shared/schemas/scim';

export type ScimMethod = NonNullable<ScimRequestsInput['method']>;
export const SCIM_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const satisfies readonly ScimMethod[];

export interface RequestQuery {
  search: string;
  outcome: ScimRequestsInput['outcome'];
  method: ScimMethod | null;
  pageIndex: number;
  pageSize: number;
}

interface ScimState {
  /** What the request log shows: kept while the admin visits other screens. */
  query: RequestQuery;
  setQuery(change: Partial<RequestQuery>): void;
}

export function requestsInput({ search, outcome, method, pageIndex, pageSize }: RequestQuery): ChannelInput<'scim:requests'> {
  return { search, outcome, ...(method ? { method } : {}), offset: pageIndex * pageSize, limit: pageSize };
}

/** The SCIM screen's own state: the request log's filter and page. */
export const useScimStore = create<ScimState>()((set, get) => ({
  query: { search: '', outcome: 'all', method: null, pageIndex: 0, pageSize: 25 },
  setQuery(change) {
    const query = { ...get().query, ...change };
    if (!('pageIndex' in change)) query.pageIndex = 0;
    set({ query });
  },
}));
