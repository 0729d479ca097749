import { randomUUID } from 'node:crypto';
import type { JobProgress } from '@shared/schemas/jobs';
import { fail, ok, type Result } from '@shared/result';

/** What a job's work sees: where to report how far it got, and whether it was asked to stop. */
export interface JobHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  /** `total` 0: not known yet. */
  progress(done: number, total: number): void;
}

/**
 * Thrown by a job's work where it stops on request, after undoing what it
 * began; its message says so for a person ("Report cancelled, nothing was written.").
 */
export class JobCancelled extends Error {}

/** Stops the work here, with `message`, if the person asked it to stop. */
export function stopIfCancelled(job: JobHandle | undefined, message: string): void {
  if (job?.signal.aborted) throw new JobCancelled(message);
}

/** Lets other calls (a cancel among them) run before the job goes on. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface JobOptions {
  label: string;
  /** What progress counts ("members", "pages"). */
  unit: string;
  /** Whether stopping part way is safe: docs/DECISIONS.md, "Long work". */
  cancellable: boolean;
  /**
   * Shown from its first progress rather than from the start: for work that
   * first asks for a file in a dialog, so that no bar runs behind the dialog
   * (and none at all when the admin cancels it there).
   */
  showFromFirstProgress?: boolean;
}

/**
 * Long work started from a window (a report, a backup, a restore), announced
 * as `progress` events from start to finish, and cancelled by id where that is
 * safe. A job's work returns a Result; one that stops on request throws
 * JobCancelled, which ends as a CANCELLED failure carrying its message.
 */
export function createJobs(emit: (progress: JobProgress) => void) {
  const running = new Map<string, { controller: AbortController; progress: JobProgress }>();

  async function run<T>(options: JobOptions, work: (job: JobHandle) => Promise<Result<T>>): Promise<Result<T>> {
    const controller = new AbortController();
    const entry = { controller, progress: { jobId: randomUUID(), label: options.label, done: 0, total: 0, unit: options.unit, cancellable: options.cancellable, state: 'running' } as JobProgress };
    running.set(entry.progress.jobId, entry);
    let shown = !options.showFromFirstProgress;
    if (shown) emit(entry.progress);
    const job: JobHandle = {
      id: entry.progress.jobId,
      signal: controller.signal,
      progress(done, total) {
        entry.progress = { ...entry.progress, done: Math.max(0, Math.round(done)), total: Math.max(0, Math.round(total)) };
        shown = true;
        emit(entry.progress);
      },
    };
    try {
      return await work(job);
    } catch (error) {
      if (error instanceof JobCancelled) return fail('CANCELLED', error.message);
      throw error;
    } finally {
      running.delete(job.id);
      if (shown) emit({ ...entry.progress, state: 'finished' });
    }
  }

  return {
    run,

    /** Asks a job to stop; false when it has finished already. A job that cannot stop safely is refused, and says why. */
    cancel(jobId: string): Result<{ cancelling: boolean }> {
      const entry = running.get(jobId);
      if (!entry) return ok({ cancelling: false });
      if (!entry.progress.cancellable) {
        return fail('CONFLICT', `${entry.progress.label} cannot be cancelled: stopping part way could leave the database half changed. It finishes by itself.`);
      }
      entry.controller.abort();
      return ok({ cancelling: true });
    },

    /** The jobs running now. */
    list: (): JobProgress[] => [...running.values()].map((entry) => entry.progress),
  };
}

export type Jobs = ReturnType<typeof createJobs>;
