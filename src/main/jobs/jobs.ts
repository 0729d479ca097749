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
  interface Entry {
    controller: AbortController;
    progress: JobProgress;
    /** Whether the windows have been told of it (see showFromFirstProgress). */
    shown: boolean;
    /** Settles when the job has ended, whatever the outcome. */
    ended: Promise<unknown>;
  }
  const running = new Map<string, Entry>();
  let closing = false;

  async function perform<T>(entry: Entry, work: (job: JobHandle) => Promise<Result<T>>): Promise<Result<T>> {
    const job: JobHandle = {
      id: entry.progress.jobId,
      signal: entry.controller.signal,
      progress(done, total) {
        entry.progress = { ...entry.progress, done: Math.max(0, Math.round(done)), total: Math.max(0, Math.round(total)) };
        entry.shown = true;
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
      if (entry.shown) emit({ ...entry.progress, state: 'finished' });
    }
  }

  function run<T>(options: JobOptions, work: (job: JobHandle) => Promise<Result<T>>): Promise<Result<T>> {
    if (closing) return Promise.resolve(fail('UNAVAILABLE', `${options.label} did not start: Roster is closing.`));
    const progress: JobProgress = { jobId: randomUUID(), label: options.label, done: 0, total: 0, unit: options.unit, cancellable: options.cancellable, state: 'running' };
    const entry: Entry = { controller: new AbortController(), progress, shown: !options.showFromFirstProgress, ended: Promise.resolve() };
    running.set(progress.jobId, entry);
    if (entry.shown) emit(progress);
    const result = perform(entry, work);
    entry.ended = result.catch(() => undefined);
    return result;
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

    /** The jobs running now that the windows have been told of: for a page that (re)loads while one runs. */
    list: (): JobProgress[] => [...running.values()].filter((entry) => entry.shown).map((entry) => entry.progress),

    /**
     * For quitting: cancels what may be cancelled, lets the rest (a restore)
     * finish, and settles when they have ended, so that no temporary file or
     * partial copy is left behind and no restore is cut off. A cancellable job
     * not shown yet is still in its file dialog and has written nothing: it is
     * cancelled (it stops before writing if the dialog returns) but not waited
     * for, since a dialog may never answer. Jobs asked for after this are refused.
     */
    async settle(): Promise<void> {
      closing = true;
      const waited: Promise<unknown>[] = [];
      for (const entry of running.values()) {
        if (entry.progress.cancellable) entry.controller.abort();
        if (entry.shown || !entry.progress.cancellable) waited.push(entry.ended);
      }
      await Promise.all(waited);
    },
  };
}

export type Jobs = ReturnType<typeof createJobs>;
