import { create } from 'zustand';

interface PaletteState {
  open: boolean;
  show(): void;
  hide(): void;
}

/** The command palette (Ctrl/⌘+K): open or not. What it can jump to comes from the query cache. */
export const usePaletteStore = create<PaletteState>()((set) => ({
  open: false,
  show() {
    set({ open: true });
  },
  hide() {
    set({ open: false });
  },
}));
