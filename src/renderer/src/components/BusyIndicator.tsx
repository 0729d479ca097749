import { useEffect } from 'react';
import type { JobProgress } from '@shared/schemas/jobs';
import { cancelJob, followJobs } from '../lib/jobs';
import { useBusyStore } from '../stores/busy-store';
import { useMayCall } from '../data/may-call';

/** "1,200 of 4,000 members", or null while main does not know the total yet. */
function amountOf(job: JobProgress): string | null {
  if (job.total === 0) return null;
  return `${job.done.toLocaleString('en-US')} of ${job.total.toLocaleString('en-US')} ${job.unit}`;
}

function JobBox({ job, cancelling, onCancel }: { job: JobProgress; cancelling: boolean; onCancel: () => void }) {
  // Stopping a job is a change (an admin's backup, import or restore): not an auditor's in the console.
  const mayCancel = useMayCall('jobs:cancel');
  const amount = amountOf(job);
  const percent = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : null;
  return (
    <div className="busy-box busy-job" aria-busy="true">
      <span className="busy-label">
        {cancelling ? `Cancelling: ${job.label.toLowerCase()}…` : `${job.label}…`}
        {amount ? <span className="busy-amount muted"> {amount}</span> : null}
      </span>
      {percent === null ? (
        <span className="busy-bar" role="progressbar" aria-label={job.label} />
      ) : (
        <span
          className="busy-track"
          role="progressbar"
          aria-label={job.label}
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={job.done}
          aria-valuetext={amount ?? undefined}
        >
          <span className="busy-fill" style={{ width: `${percent}%` }} />
        </span>
      )}
      {job.cancellable && mayCancel ? (
        <button type="button" className="button small" disabled={cancelling} aria-label={`Cancel ${job.label.toLowerCase()}`} onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}

/**
 * Long work on every screen: a sentence, a bar, and Cancel where stopping is
 * safe. Main's jobs (reports, backups, restores) show how far they got; other
 * work an indeterminate bar. Only the sentences are a live region, so a screen
 * reader hears what started, not every step; the bar carries the numbers.
 */
export function BusyIndicator() {
  const task = useBusyStore((state) => state.task);
  const jobs = useBusyStore((state) => state.jobs);
  const cancelling = useBusyStore((state) => state.cancelling);
  useEffect(() => followJobs(), []);
  // A job started by this page's task says more than the task does; the task alone shows while main has not announced it.
  const showTask = task !== null && jobs.length === 0;
  return (
    <div className="busy-indicator">
      <div className="visually-hidden" role="status" aria-live="polite">
        {showTask ? task : jobs.map((job) => `${job.label}…`).join(' ')}
      </div>
      {showTask ? (
        <div className="busy-box" aria-busy="true">
          <span className="busy-bar" role="progressbar" aria-label={task} />
          <span>{task}</span>
        </div>
      ) : null}
      {jobs.map((job) => (
        <JobBox key={job.jobId} job={job} cancelling={cancelling.includes(job.jobId)} onCancel={() => void cancelJob(job.jobId)} />
      ))}
    </div>
  );
}
