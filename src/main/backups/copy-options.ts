import type { SnapshotInfo } from '../snapshots/info';

/** How a backup copy is made (copy.ts), here or in the copy worker (copy-in-worker.ts). */
export interface CopyOptions {
  /** Path of a better-sqlite3 build for this runtime's ABI (Electron). */
  nativeBinding?: string;
  /** How long to keep trying while another connection holds a lock the copy needs. */
  busyMs?: number;
  /** Pages per step; tests make it small to interleave a writer. */
  pagesPerStep?: number;
  /** Told pages copied of all pages, after each step. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the copy between steps (JobCancelled); copyDatabase then removes the partial copy. Never given to a restore. */
  signal?: AbortSignal;
  /**
   * Run SQLite's quick_check on the copy before giving it its name, and keep
   * no copy of a damaged database (default true). Off only for the copy a
   * restore keeps first, which is kept whatever it holds.
   */
  check?: boolean;
  /** The damaged-database message, naming the backup to restore (advice.ts); default: a plain one. */
  describeDamage?: (found: string) => string;
  /**
   * The built copy worker (copy-worker.ts): given, the copy and its check run
   * in a worker thread through a read connection of its own, off this
   * thread's event loop (the server); absent, here, a step at a time.
   */
  copyWorker?: string | null;
  /** Make the copy an offline copy (snapshots/scrub.ts): no credentials in it, and its record of itself. */
  snapshot?: SnapshotInfo;
}
