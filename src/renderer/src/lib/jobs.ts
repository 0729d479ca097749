import { api, asksForRunningJobs } from './api';
import { useBusyStore } from '../stores/busy-store';
import { useNoticesStore } from '../stores/notices-store';

const busy = useBusyStore;

/** Follows main's progress events into the busy store; returns the stop function. */
export function followJobs(): () => void {
  // Jobs that finished since following began: the list asked for below may
  // answer after their end was announced, and must not bring them back.
  const ended = new Set<string>();
  const off = api.on('progress', (progress) => {
    const { jobs, cancelling } = busy.getState();
    if (progress.state === 'finished') {
      ended.add(progress.jobId);
      busy.setState({ jobs: jobs.filter((job) => job.jobId !== progress.jobId), cancelling: cancelling.filter((id) => id !== progress.jobId) });
    } else if (jobs.some((job) => job.jobId === progress.jobId)) {
      // In place: a box (and its Cancel button) never moves under the pointer while its job runs.
      busy.setState({ jobs: jobs.map((job) => (job.jobId === progress.jobId ? progress : job)) });
    } else {
      busy.setState({ jobs: [...jobs, progress] });
    }
  });
  // A page (re)loaded while a job runs shows it at once, not from its next progress.
  let following = true;
  if (asksForRunningJobs) {
    void api.invoke('jobs:list').then((result) => {
      if (!following || !result.ok) return;
      const known = new Set(busy.getState().jobs.map((job) => job.jobId));
      const missing = result.value.filter((job) => !known.has(job.jobId) && !ended.has(job.jobId));
      if (missing.length > 0) busy.setState({ jobs: [...busy.getState().jobs, ...missing] });
    });
  }
  return () => {
    following = false;
    off();
  };
}

/** Asks main to stop a job; a job that cannot stop safely says why, as a notice. */
export async function cancelJob(jobId: string): Promise<void> {
  busy.setState({ cancelling: [...busy.getState().cancelling, jobId] });
  const result = await api.invoke('jobs:cancel', { jobId });
  const { jobs, cancelling } = busy.getState();
  if (result.ok && !result.value.cancelling) {
    // It had ended already: its box goes, whether or not its end reached this page.
    busy.setState({ jobs: jobs.filter((job) => job.jobId !== jobId), cancelling: cancelling.filter((id) => id !== jobId) });
  } else if (!result.ok) {
    busy.setState({ cancelling: cancelling.filter((id) => id !== jobId) });
    useNoticesStore.getState().push(result.error.message, 'error');
  }
}
