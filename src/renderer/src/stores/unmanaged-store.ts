import { create } from 'zustand';
import type { UnmanagedAccount } from '@shared/schemas/domains';

export interface UnmanagedQuery {
  /** One domain's accounts, or (null) those of every verified domain. */
  domainId: number | null;
  search: string;
  waitingOnly: boolean;
  pageIndex: number;
  pageSize: number;
}

interface UnmanagedState {
  query: UnmanagedQuery;
  /** Chosen accounts by id; kept across pages until acted on, cleared or the filter changes. */
  selected: Set<number>;
  /**
   * Shows one domain's accounts (or all), from the first page, with nothing chosen.
   * waitingOnly, when given, sets the filter (a link to those waiting for a seat);
   * left out, coming back to the same list keeps the filter it had.
   */
  open(domainId: number | null, options?: { waitingOnly?: boolean }): void;
  setQuery(change: Partial<Omit<UnmanagedQuery, 'domainId'>>): void;
  toggle(accountId: number): void;
  setPageSelected(rows: UnmanagedAccount[], selected: boolean): void;
  clearSelection(): void;
}

const PAGE_SIZE = 50;

/** Unmanaged accounts (on a verified domain, holding no seat): the list's filter and page, and the selection. */
export const useUnmanagedStore = create<UnmanagedState>()((set, get) => ({
  query: { domainId: null, search: '', waitingOnly: false, pageIndex: 0, pageSize: PAGE_SIZE },
  selected: new Set(),
  open(domainId, { waitingOnly } = {}) {
    if (get().query.domainId === domainId) {
      if (waitingOnly !== undefined && waitingOnly !== get().query.waitingOnly) get().setQuery({ waitingOnly });
      return;
    }
    set({ query: { domainId, search: '', waitingOnly: waitingOnly ?? false, pageIndex: 0, pageSize: PAGE_SIZE }, selected: new Set() });
  },

  setQuery(change) {
    const query = { ...get().query, ...change };
    if (!('pageIndex' in change)) query.pageIndex = 0;
    // A new filter drops the selection, so nothing unseen is claimed or invited.
    const filtered = 'search' in change || 'waitingOnly' in change;
    set({ query, ...(filtered ? { selected: new Set<number>() } : {}) });
  },

  toggle(accountId) {
    const selected = new Set(get().selected);
    if (selected.has(accountId)) selected.delete(accountId);
    else selected.add(accountId);
    set({ selected });
  },

  setPageSelected(rows, on) {
    const selected = new Set(get().selected);
    for (const row of rows) {
      if (on) selected.add(row.accountId);
      else selected.delete(row.accountId);
    }
    set({ selected });
  },

  clearSelection() {
    set({ selected: new Set() });
  },
}));
