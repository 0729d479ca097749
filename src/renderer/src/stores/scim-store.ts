import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { CreateTokenInput, ScimRequest, ScimRequestsInput, ScimServerStatus, ScimToken } from '@shared/schemas/scim';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

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
  server: ScimServerStatus | null;
  tokens: ScimToken[];
  requests: { rows: ScimRequest[]; total: number };
  query: RequestQuery;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  /** The server's state, the tokens and the page of requests, all at once. */
  load(): Promise<void>;
  setQuery(change: Partial<RequestQuery>): void;
  start(port: number): Promise<Result<ScimServerStatus>>;
  stop(): Promise<Result<ScimServerStatus>>;
  createToken(input: CreateTokenInput): Promise<Result<{ token: ScimToken; secret: string }>>;
  revokeToken(id: number): Promise<Result<ScimToken>>;
}

/** The SCIM screen: the server this window runs, its tokens and the log of what identity providers asked. */
export const useScimStore = create<ScimState>()((set, get) => {
  let latest = 0;
  return {
    server: null,
    tokens: [],
    requests: { rows: [], total: 0 },
    query: { search: '', outcome: 'all', method: null, pageIndex: 0, pageSize: 25 },
    status: 'idle',
    error: null,

    async load() {
      const ticket = ++latest;
      if (get().status === 'idle') set({ status: 'loading' });
      const { search, outcome, method, pageIndex, pageSize } = get().query;
      const [server, tokens, requests] = await Promise.all([
        api.invoke('scim:status'),
        api.invoke('scim:tokens'),
        api.invoke('scim:requests', { search, outcome, ...(method ? { method } : {}), offset: pageIndex * pageSize, limit: pageSize }),
      ]);
      if (ticket !== latest) return;
      const failed = [server, tokens, requests].find((result) => !result.ok);
      if (failed && !failed.ok) return set({ status: 'error', error: failed.error });
      if (!server.ok || !tokens.ok || !requests.ok) return;
      // Past the last page (the log was pruned): show the last one there is.
      const lastPage = Math.max(0, Math.ceil(requests.value.total / pageSize) - 1);
      if (pageIndex > lastPage) return get().setQuery({ pageIndex: lastPage });
      set({ server: server.value, tokens: tokens.value, requests: requests.value, status: 'ready', error: null });
    },

    setQuery(change) {
      const query = { ...get().query, ...change };
      if (!('pageIndex' in change)) query.pageIndex = 0;
      set({ query });
      void get().load();
    },

    async start(port) {
      const result = await api.invoke('scim:start', { port });
      if (result.ok) set({ server: result.value });
      return result;
    },

    async stop() {
      const result = await api.invoke('scim:stop');
      if (result.ok) set({ server: result.value });
      return result;
    },

    async createToken(input) {
      const result = await api.invoke('scim:createToken', input);
      if (result.ok) void get().load();
      return result;
    },

    async revokeToken(id) {
      const result = await api.invoke('scim:revokeToken', { id });
      if (result.ok) void get().load();
      return result;
    },
  };
});
