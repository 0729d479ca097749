import { z } from 'zod';

/** Names a long job main runs (a report, a backup, a restore) for as long as it runs. */
export const jobIdSchema = z.string().regex(/^[a-f0-9-]{36}$/, { error: 'That is not a running job' });

/**
 * How far a long job has got, pushed by main as the `progress` event. `total`
 * is 0 until main knows it (the bar is then indeterminate). `cancellable` says
 * whether stopping it part way is safe: see docs/DECISIONS.md, "Long work".
 */
export const jobProgressSchema = z.object({
  jobId: jobIdSchema,
  /** What runs, for a person: "Saving the activity report". */
  label: z.string(),
  done: z.int().nonnegative(),
  total: z.int().nonnegative(),
  /** What `done` and `total` count: "members", "pages". */
  unit: z.string(),
  cancellable: z.boolean(),
  state: z.enum(['running', 'finished']),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const cancelJobInput = z.strictObject({ jobId: jobIdSchema });
