import { create } from 'zustand';
import type { JobProgress } from '@shared/schemas/jobs';

interface BusyState {
  /** What the app is doing now that takes a while ("Backing up the database…"), or null. */
  task: string | null;
  /** Long jobs main runs (a report, a backup, a restore), as its progress events tell (lib/jobs.ts): how far, and whether Cancel is safe. */
  jobs: JobProgress[];
  /** Jobs this page asked to stop, until they finish. */
  cancelling: string[];
  /** Runs `work` with `label` showing in the busy indicator until it ends, whatever the outcome. */
  run<T>(label: string, work: () => Promise<T>): Promise<T>;
}

/** Long work, shown on every screen (components/BusyIndicator): started here (menu, palette, buttons) or announced by main. */
export const useBusyStore = create<BusyState>()((set) => ({
  task: null,
  jobs: [],
  cancelling: [],
  async run(label, work) {
    set({ task: label });
    try {
      return await work();
    } finally {
      set({ task: null });
    }
  },
}));
