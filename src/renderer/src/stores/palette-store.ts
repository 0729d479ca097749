import { create } from 'zustand';
import { api } from '../lib/api';
import type { PaletteSources } from '../lib/palette-items';

/** How many members main looks up for the palette: it shows a few of them anyway. */
const MEMBER_LIMIT = 6;

interface PaletteState {
  open: boolean;
  /** Teams, organizations and domains, loaded when the palette opens; members searched as the admin types. */
  sources: PaletteSources;
  /** The text the member results are for, so a late answer to an older search is dropped. */
  searchedFor: string;
  show(): void;
  hide(): void;
  search(text: string): Promise<void>;
}

const EMPTY: PaletteSources = { members: [], teams: [], orgs: [], domains: [] };

/** The command palette (Ctrl/⌘+K): open or not, and what it can jump to. */
export const usePaletteStore = create<PaletteState>()((set, get) => ({
  open: false,
  sources: EMPTY,
  searchedFor: '',

  show() {
    if (get().open) return;
    set({ open: true, sources: EMPTY, searchedFor: '' });
    void Promise.all([api.invoke('teams:list'), api.invoke('orgs:list'), api.invoke('domains:list')]).then(([teams, orgs, domains]) => {
      if (!get().open) return;
      set({
        sources: {
          ...get().sources,
          teams: teams.ok ? teams.value : [],
          orgs: orgs.ok ? orgs.value : [],
          domains: domains.ok ? domains.value : [],
        },
      });
    });
  },

  hide() {
    set({ open: false });
  },

  async search(text) {
    set({ searchedFor: text });
    const typed = text.trim();
    if (typed === '') return set({ sources: { ...get().sources, members: [] } });
    const members = await api.invoke('members:search', { text: typed, limit: MEMBER_LIMIT });
    if (get().searchedFor !== text || !get().open) return;
    set({ sources: { ...get().sources, members: members.ok ? members.value : [] } });
  },
}));
