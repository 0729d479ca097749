import { create } from 'zustand';
import type { AppError } from '@shared/errors';
import type { UnmanagedAccount } from '@shared/schemas/domains';
import type { ExportResult } from '@shared/schemas/exports';
import type { Result } from '@shared/result';
import { api } from '../lib/api';

export interface UnmanagedQuery {
  /** One domain's accounts, or (null) those of every verified domain. */
  domainId: number | null;
  search: string;
  waitingOnly: boolean;
  pageIndex: number;
  pageSize: number;
}

interface UnmanagedState {
  page: { rows: UnmanagedAccount[]; total: number };
  query: UnmanagedQuery;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: AppError | null;
  /** Chosen accounts by id; kept across pages until acted on, cleared or the filter changes. */
  selected: Set<number>;
  /**
   * Shows one domain's accounts (or all), from the first page, with nothing chosen.
   * waitingOnly, when given, sets the filter (a link to those waiting for a seat);
   * left out, coming back to the same list keeps the filter it had.
   */
  open(domainId: number | null, options?: { waitingOnly?: boolean }): void;
  load(): Promise<void>;
  setQuery(change: Partial<Omit<UnmanagedQuery, 'domainId'>>): void;
  toggle(accountId: number): void;
  setPageSelected(selected: boolean): void;
  clearSelection(): void;
  claim(): Promise<Result<{ claimed: number }>>;
  invite(): Promise<Result<{ invited: number; alreadyInvited: number }>>;
  exportCsv(): Promise<Result<ExportResult>>;
}

const PAGE_SIZE = 50;

/** Unmanaged accounts (on a verified domain, holding no seat): one page, the filter, and the selection. */
export const useUnmanagedStore = create<UnmanagedState>()((set, get) => {
  let latest = 0;

  /** Runs a bulk action on the chosen accounts; on success they are no longer chosen. */
  async function act<T>(call: (accountIds: number[]) => Promise<Result<T>>): Promise<Result<T>> {
    const result = await call([...get().selected]);
    if (result.ok) {
      set({ selected: new Set() });
      await get().load();
    }
    return result;
  }

  return {
    page: { rows: [], total: 0 },
    query: { domainId: null, search: '', waitingOnly: false, pageIndex: 0, pageSize: PAGE_SIZE },
    status: 'idle',
    error: null,
    selected: new Set(),

    open(domainId, { waitingOnly } = {}) {
      if (get().status !== 'idle' && get().query.domainId === domainId) {
        if (waitingOnly !== undefined && waitingOnly !== get().query.waitingOnly) return get().setQuery({ waitingOnly });
        return void get().load();
      }
      set({
        query: { domainId, search: '', waitingOnly: waitingOnly ?? false, pageIndex: 0, pageSize: PAGE_SIZE },
        page: { rows: [], total: 0 },
        selected: new Set(),
        status: 'loading',
        error: null,
      });
      void get().load();
    },

    async load() {
      const ticket = ++latest;
      const { domainId, search, waitingOnly, pageIndex, pageSize } = get().query;
      const result = await api.invoke('domains:unmanaged', {
        ...(domainId === null ? {} : { domainId }),
        search,
        waitingOnly,
        offset: pageIndex * pageSize,
        limit: pageSize,
      });
      if (ticket !== latest) return;
      if (!result.ok) return set({ status: 'error', error: result.error });
      // Past the last page (accounts were claimed): show the last one there is.
      const lastPage = Math.max(0, Math.ceil(result.value.total / pageSize) - 1);
      if (pageIndex > lastPage) return get().setQuery({ pageIndex: lastPage });
      set({ page: result.value, status: 'ready', error: null });
    },

    setQuery(change) {
      const query = { ...get().query, ...change };
      if (!('pageIndex' in change)) query.pageIndex = 0;
      // A new filter drops the selection, so nothing unseen is claimed or invited.
      const filtered = 'search' in change || 'waitingOnly' in change;
      set({ query, ...(filtered ? { selected: new Set<number>() } : {}) });
      void get().load();
    },

    toggle(accountId) {
      const selected = new Set(get().selected);
      if (selected.has(accountId)) selected.delete(accountId);
      else selected.add(accountId);
      set({ selected });
    },

    setPageSelected(on) {
      const selected = new Set(get().selected);
      for (const row of get().page.rows) {
        if (on) selected.add(row.accountId);
        else selected.delete(row.accountId);
      }
      set({ selected });
    },

    clearSelection() {
      set({ selected: new Set() });
    },

    claim: () => act((accountIds) => api.invoke('domains:claim', { accountIds })),
    invite: () => act((accountIds) => api.invoke('domains:invite', { accountIds })),

    exportCsv() {
      const domainId = get().query.domainId;
      return api.invoke('domains:exportUnmanaged', domainId === null ? {} : { domainId });
    },
  };
});
