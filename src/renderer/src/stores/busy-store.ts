import { create } from 'zustand';
import type { JobProgress } from '@shared/schemas/jobs';
import { api, asksForRunningJobs } from '../lib/api';
import { useNoticesStore } from './notices-store';

interface BusyState {
  /** What the app is doing now that takes a while ("Backing up the database…"), or null. */
  task: string | null;
  /** Long jobs main runs (a report, a backup, a restore), as its progress events tell: how far, and whether Cancel is safe. */
  jobs: JobProgress[];
  /** Jobs this page asked to stop, until they finish. */
  cancelling: string[];
  /** Runs `work` with `label` showing in the busy indicator until it ends, whatever the outcome. */
  run<T>(label: string, work: () => Promise<T>): Promise<T>;
  /** Follows main's progress events; returns the stop function. */
  follow(): () => void;
  /** Asks main to stop a job; a job that cannot stop safely says why, as a notice. */
  cancel(jobId: string): Promise<void>;
}

/** Long work, shown on every screen (components/BusyIndicator): started here (menu, palette, buttons) or announced by main. */
export const useBusyStore = create<BusyState>()((set, get) => ({
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
  follow() {
    // Jobs that finished since following began: the list asked for below may
    // answer after their end was announced, and must not bring them back.
    const ended = new Set<string>();
    const off = api.on('progress', (progress) => {
      const jobs = get().jobs;
      if (progress.state === 'finished') {
        ended.add(progress.jobId);
        set({ jobs: jobs.filter((job) => job.jobId !== progress.jobId), cancelling: get().cancelling.filter((id) => id !== progress.jobId) });
      } else if (jobs.some((job) => job.jobId === progress.jobId)) {
        // In place: a box (and its Cancel button) never moves under the pointer while its job runs.
        set({ jobs: jobs.map((job) => (job.jobId === progress.jobId ? progress : job)) });
      } else {
        set({ jobs: [...jobs, progress] });
      }
    });
    // A page (re)loaded while a job runs shows it at once, not from its next progress.
    let following = true;
    if (asksForRunningJobs) {
      void api.invoke('jobs:list').then((result) => {
        if (!following || !result.ok) return;
        const known = new Set(get().jobs.map((job) => job.jobId));
        const missing = result.value.filter((job) => !known.has(job.jobId) && !ended.has(job.jobId));
        if (missing.length > 0) set({ jobs: [...get().jobs, ...missing] });
      });
    }
    return () => {
      following = false;
      off();
    };
  },
  async cancel(jobId) {
    set({ cancelling: [...get().cancelling, jobId] });
    const result = await api.invoke('jobs:cancel', { jobId });
    if (result.ok && !result.value.cancelling) {
      // It had ended already: its box goes, whether or not its end reached this page.
      set({ jobs: get().jobs.filter((job) => job.jobId !== jobId), cancelling: get().cancelling.filter((id) => id !== jobId) });
    } else if (!result.ok) {
      set({ cancelling: get().cancelling.filter((id) => id !== jobId) });
      useNoticesStore.getState().push(result.error.message, 'error');
    }
  },
}));
