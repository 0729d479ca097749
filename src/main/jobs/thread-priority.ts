import os from 'node:os';

/** The nice value of a background worker: the lowest priority a thread can take. */
export const BACKGROUND_NICE = 19;

/**
 * Puts the calling worker thread behind every other thread that wants a CPU:
 * an export handing its spooled file to a slow client then takes only the
 * time that SCIM, the console's reads and the app leave over. Never for work
 * inside a read transaction: that pins SQLite's WAL for as long as it runs
 * (export-worker.ts). On Linux a nice value belongs to a thread, so this
 * lowers the caller alone; on macOS and Windows the same call would lower the
 * whole process, so there it does nothing.
 * Raising a nice value needs no privilege; a thread cannot lower it again,
 * so only a worker that ends with its one task calls this. Answers the
 * thread's nice value afterwards, or null where it was left as it was.
 */
export function runInBackground(platform: NodeJS.Platform = process.platform): number | null {
  if (platform !== 'linux') return null;
  try {
    os.setPriority(0, BACKGROUND_NICE);
    return os.getPriority(0);
  } catch {
    // A sandbox that refuses setpriority: the work still runs, at the priority it had.
    return null;
  }
}
