import { describe, expect, it } from 'vitest';
import type { JobProgress } from '@shared/schemas/jobs';
import { ok } from '@shared/result';
import { createJobs, JobCancelled, stopIfCancelled } from './jobs';

describe('jobs', () => {
  it('announces a job from start to finish, with its progress in between', async () => {
    const seen: JobProgress[] = [];
    const jobs = createJobs((progress) => seen.push(progress));
    const result = await jobs.run({ label: 'Counting', unit: 'things', cancellable: true }, async (job) => {
      job.progress(1, 2);
      job.progress(2, 2);
      return ok('done');
    });
    expect(result).toEqual(ok('done'));
    expect(seen.map(({ done, total, state }) => [done, total, state])).toEqual([
      [0, 0, 'running'],
      [1, 2, 'running'],
      [2, 2, 'running'],
      [2, 2, 'finished'],
    ]);
    expect(new Set(seen.map((progress) => progress.jobId)).size).toBe(1);
    expect(jobs.list()).toEqual([]);
  });

  it('shows a job that first asks for a file only from its first progress, and not at all if it never gets that far', async () => {
    const seen: JobProgress[] = [];
    const jobs = createJobs((progress) => seen.push(progress));
    const options = { label: 'Saving', unit: 'rows', cancellable: true, showFromFirstProgress: true };
    // The admin cancelled the save dialog: no bar came and went.
    await jobs.run(options, async () => ok(null));
    expect(seen).toEqual([]);
    await jobs.run(options, async (job) => {
      job.progress(0, 10);
      job.progress(10, 10);
      return ok('saved');
    });
    expect(seen.map(({ done, total, state }) => [done, total, state])).toEqual([
      [0, 10, 'running'],
      [10, 10, 'running'],
      [10, 10, 'finished'],
    ]);
  });

  it('stops a cancellable job where its work checks, as a CANCELLED failure with the work\'s own words', async () => {
    const jobs = createJobs(() => undefined);
    const result = await jobs.run({ label: 'Counting', unit: 'things', cancellable: true }, async (job) => {
      expect(jobs.cancel(job.id)).toEqual(ok({ cancelling: true }));
      stopIfCancelled(job, 'Counting cancelled, nothing was counted.');
      return ok('not reached');
    });
    expect(result).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'Counting cancelled, nothing was counted.' } });
  });

  it('refuses to cancel a job that cannot stop safely, and lets it finish', async () => {
    const jobs = createJobs(() => undefined);
    let refused: unknown;
    const result = await jobs.run({ label: 'Restoring the database', unit: 'pages', cancellable: false }, async (job) => {
      refused = jobs.cancel(job.id);
      expect(job.signal.aborted).toBe(false);
      return ok('restored');
    });
    expect(result).toEqual(ok('restored'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/^Restoring the database cannot be cancelled/) } });
  });

  it('answers a cancel of a job that has finished (or never ran) with cancelling: false', () => {
    const jobs = createJobs(() => undefined);
    expect(jobs.cancel('00000000-0000-4000-8000-000000000000')).toEqual(ok({ cancelling: false }));
  });

  it('lets any other error through, and still announces the end', async () => {
    const seen: JobProgress[] = [];
    const jobs = createJobs((progress) => seen.push(progress));
    await expect(jobs.run({ label: 'Failing', unit: 'things', cancellable: true }, () => Promise.reject(new Error('bug')))).rejects.toThrow('bug');
    expect(seen.at(-1)?.state).toBe('finished');
    expect(new JobCancelled('x')).toBeInstanceOf(Error);
  });

  it('lists only the jobs the windows have been told of, for a page that reloads while one runs', async () => {
    const jobs = createJobs(() => undefined);
    const listed: JobProgress[][] = [];
    await jobs.run({ label: 'Saving', unit: 'rows', cancellable: true, showFromFirstProgress: true }, async (job) => {
      listed.push(jobs.list());
      job.progress(3, 10);
      listed.push(jobs.list());
      return ok(null);
    });
    expect(listed[0]).toEqual([]);
    expect(listed[1]).toMatchObject([{ label: 'Saving', done: 3, total: 10, state: 'running' }]);
    expect(jobs.list()).toEqual([]);
  });

  it('on quit, cancels what may stop, waits for a restore to finish, and refuses new jobs', async () => {
    const jobs = createJobs(() => undefined);
    const order: string[] = [];
    let finishRestore = () => {};
    const restore = jobs.run({ label: 'Restoring the database', unit: 'pages', cancellable: false }, async () => {
      await new Promise<void>((resolve) => (finishRestore = resolve));
      order.push('restore finished');
      return ok('restored');
    });
    const report = jobs.run({ label: 'Saving the report', unit: 'rows', cancellable: true }, async (job) => {
      if (!job.signal.aborted) await new Promise((resolve) => job.signal.addEventListener('abort', resolve, { once: true }));
      order.push('report stopped');
      throw new JobCancelled('Report cancelled, nothing was written.');
    });
    // Still in its save dialog: cancelled, not waited for (the dialog may never answer).
    void jobs.run({ label: 'Backing up', unit: 'pages', cancellable: true, showFromFirstProgress: true }, () => new Promise(() => {}));

    const settled = jobs.settle().then(() => order.push('settled'));
    expect(await report).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(order).toEqual(['report stopped']);
    finishRestore();
    await settled;
    expect(order).toEqual(['report stopped', 'restore finished', 'settled']);
    expect(await restore).toEqual(ok('restored'));
    expect(await jobs.run({ label: 'Backing up the database', unit: 'pages', cancellable: true }, async () => ok('late'))).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'Backing up the database did not start: Roster is closing.' },
    });
  });
});
