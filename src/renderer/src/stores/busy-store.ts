import { create } from 'zustand';

interface BusyState {
  /** What the app is doing now that takes a while ("Backing up the database…"), or null. */
  task: string | null;
  /** Runs `work` with `label` showing in the busy indicator until it ends, whatever the outcome. */
  run<T>(label: string, work: () => Promise<T>): Promise<T>;
}

/** Long work started from the menu or the palette, shown on every screen (components/BusyIndicator). */
export const useBusyStore = create<BusyState>()((set) => ({
  task: null,
  async run(label, work) {
    set({ task: label });
    try {
      return await work();
    } finally {
      set({ task: null });
    }
  },
}));
