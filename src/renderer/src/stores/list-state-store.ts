import { create } from 'zustand';

export interface ListPlace {
  search: string;
  pageIndex: number;
}

interface ListStateState {
  /** Where each remembered list was left (a team's members, an organization's), by the list's key. */
  lists: Record<string, ListPlace>;
  remember(key: string, place: ListPlace): void;
}

/** Searched, paged lists the admin comes back to find as they left them, for as long as the window is open. */
export const useListStateStore = create<ListStateState>()((set, get) => ({
  lists: {},
  remember(key, place) {
    const known = get().lists[key];
    if (known?.search === place.search && known.pageIndex === place.pageIndex) return;
    set({ lists: { ...get().lists, [key]: place } });
  },
}));
