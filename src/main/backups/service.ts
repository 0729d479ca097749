import fs from 'node:fs';
import path from 'node:path';
import type { ChangeArea } from '@shared/ipc/contract';
import type { Actor } from '@shared/schemas/audit';
import type { Backup, BackupList } from '@shared/schemas/backups';
import { fail, ok, type Result } from '@shared/result';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inWriteTransaction } from '../db/transaction';
import type { CheckOptions } from './check';
import type { JobHandle } from '../jobs/jobs';
import { copyDatabase, type CopyOptions } from './copy';
import { isBackupDue, listBackups, newestAutomatic, pruneBackups, storeBackup } from './folder';
import { parseBackupName, suggestedBackupName } from './names';
import { restoreDatabase } from './restore';
import { createOfferedCopies } from '../snapshots/offered';

/** How often a running app checks whether the daily backup is due: hourly, so a machine that slept catches up soon after it wakes. */
export const BACKUP_CHECK_MS = 60 * 60 * 1000;

export interface BackupServiceDeps {
  db: Db;
  databasePath: string;
  /** The backups folder; absent where this host keeps none (the command line). */
  folder?: string;
  now: () => Date;
  /** The backupKeep setting. */
  keep: () => number;
  /** No enterprise yet: nothing worth a daily backup. */
  hasEnterprise: () => boolean;
  /** A restore waits for no import: it refuses while one runs. */
  importing: () => boolean;
  audit: AuditRepository;
  options?: CopyOptions & CheckOptions;
  /** The damaged-database message, naming the backup to restore (advice.ts). */
  describeDamage?: (found: string) => string;
  onChanged?: (areas: readonly ChangeArea[]) => void;
  logError?: (error: unknown, channel: string) => void;
}

export interface BackupDialogs {
  /** Asks where to save a backup, offering `suggestedName` in `lastFolder` (null: the host's default); undefined when cancelled. */
  chooseBackupFile?: (suggestedName: string, lastFolder: string | null) => Promise<string | undefined>;
  /** Asks for a backup to restore from; undefined when cancelled. */
  chooseRestoreFile?: () => Promise<string | undefined>;
}

/** Backups of one open database: made on request and daily, listed, pruned, and restored from. */
export function createBackupService(deps: BackupServiceDeps) {
  const { db, folder, now } = deps;
  const options: CopyOptions & CheckOptions = { ...deps.options, describeDamage: deps.describeDamage ?? deps.options?.describeDamage };
  let lastFolder: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  // Aborted on quit: the daily backup stops, and its partial copy is removed.
  const closing = new AbortController();

  // One backup or restore at a time: a restore must not meet a half-made backup of itself.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const offeredCopies = createOfferedCopies(folder);
  const findBackup = (id: string): string | null => {
    if (!folder || !parseBackupName(id)) return null;
    const file = path.join(folder, id);
    return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? file : null;
  };

  async function restoreFrom(source: string, shownAs: string, actor: Actor): Promise<Result<{ restoredFrom: string; preRestoreCopy: string }>> {
    if (!folder) return fail('UNSUPPORTED', 'This Roster keeps no backups folder, so it cannot keep a copy of the current database first.');
    if (deps.importing()) return fail('CONFLICT', 'An import is running. Wait for it to finish, or cancel it, before restoring a backup.');
    return exclusive(async () => {
      const at = now();
      const restored = await restoreDatabase(source, { ...options, db, databasePath: deps.databasePath, backupsDir: folder, now: at });
      if (!restored.ok) return restored;
      pruneBackups(folder, 'pre-restore', deps.keep());
      // The restored database records that it was restored, and from what. The restore
      // itself is done: a busy file here is logged, never a reason to restore again.
      try {
        inWriteTransaction(db, () =>
          deps.audit.record(at, actor, {
            action: 'backup.restore',
            targetType: 'database',
            targetLabel: shownAs,
            // Whether today's admins and API tokens were carried over, or (unreadable) every one ended (carry-over.ts).
            after: { restoredFrom: shownAs, preRestoreCopy: restored.value.preRestoreCopy, admins: restored.value.admins },
          }),
        );
      } catch (error) {
        deps.logError?.(error, 'backup.restore audit');
      }
      return ok({ restoredFrom: shownAs, preRestoreCopy: restored.value.preRestoreCopy });
    });
  }

  /** The daily backup, when due; quiet about a busy or failing disk (logged, tried again next hour). */
  async function runDue(): Promise<Backup | null> {
    if (!folder) return null;
    return exclusive(async () => {
      const at = now();
      if (closing.signal.aborted || !db.open || !deps.hasEnterprise() || !isBackupDue(newestAutomatic(folder), at)) return null;
      const made = await storeBackup(db, folder, 'automatic', at, { ...options, signal: closing.signal });
      // Stopped because Roster is closing: the next start makes it.
      if (!made.ok && made.error.code === 'CANCELLED') return null;
      if (!made.ok) {
        // A damaged database is said in words (the sound backups stay: none is pruned); other failures with their trace.
        deps.logError?.(made.error.code === 'DAMAGED' ? made.error.message : new Error(made.error.message), 'daily backup');
        return null;
      }
      pruneBackups(folder, 'automatic', deps.keep());
      deps.onChanged?.(['backups']);
      return made.value;
    });
  }

  return {
    list(canChooseFiles: boolean): Result<BackupList> {
      return ok({ folder: folder ?? null, keep: deps.keep(), backups: folder ? listBackups(folder) : [], canChooseFiles });
    },

    /**
     * "Back up now": where the host has a save dialog, to the file chosen there;
     * otherwise (browser mode) into the backups folder, for the browser to download.
     */
    async backUpNow(
      dialogs: BackupDialogs,
      job?: JobHandle,
    ): Promise<Result<{ kind: 'saved'; path: string; size: number } | { kind: 'stored'; backup: Backup } | { kind: 'cancelled' }>> {
      // A job shows pages copied of all, and may be cancelled: the partial copy is removed, nothing else changes.
      const copyOptions: CopyOptions = job ? { ...options, signal: job.signal, onProgress: (done, total) => job.progress(done, total) } : options;
      if (dialogs.chooseBackupFile) {
        const chosen = await dialogs.chooseBackupFile(suggestedBackupName(now()), lastFolder);
        if (!chosen) return ok({ kind: 'cancelled' });
        // Under way from here (perhaps waiting for another backup): shown, and waited for on quit.
        job?.progress(0, 0);
        const copied = await exclusive(() => copyDatabase(db, chosen, copyOptions));
        if (!copied.ok) return copied;
        lastFolder = path.dirname(copied.value.path);
        return ok({ kind: 'saved', ...copied.value });
      }
      if (!folder) return fail('UNSUPPORTED', 'Name the file to back up to: roster backup --out FILE.');
      job?.progress(0, 0);
      const stored = await exclusive(() => storeBackup(db, folder, 'manual', now(), copyOptions));
      if (!stored.ok) return stored;
      pruneBackups(folder, 'manual', deps.keep());
      return ok({ kind: 'stored', backup: stored.value });
    },

    restoreById(id: string, actor: Actor) {
      const file = findBackup(id);
      if (!file) return Promise.resolve(fail('NOT_FOUND', `There is no backup named ${id} in the backups folder any more.`));
      return restoreFrom(file, id, actor);
    },

    /** Restores from a file main was given (the command line). */
    restoreFile(file: string, actor: Actor) {
      return restoreFrom(path.resolve(file), path.resolve(file), actor);
    },

    async restoreFromFile(dialogs: BackupDialogs, actor: Actor) {
      if (!dialogs.chooseRestoreFile) {
        return fail('UNSUPPORTED', 'Browser mode restores only from the backups listed here (the page never names a file on this computer).');
      }
      const chosen = await dialogs.chooseRestoreFile();
      if (!chosen) return ok(null);
      return restoreFrom(path.resolve(chosen), path.resolve(chosen), actor);
    },

    /** The file of a listed backup, or of the offline copy made for the page (snapshots/offered.ts), for browser mode's download; null for any other name. */
    fileOf: (id: string) => findBackup(id) ?? offeredCopies.fileOf(id),

    /** Where browser mode makes an offline copy for the page to download. */
    offeredCopies,

    runDue,

    /** Backs up now if due, then checks hourly, while the store is open. */
    start(): void {
      if (!folder || timer) return;
      const check = () => runDue().catch((error: unknown) => deps.logError?.(error, 'daily backup'));
      void check();
      timer = setInterval(() => void check(), BACKUP_CHECK_MS);
      timer.unref();
    },

    stop(): void {
      if (timer) clearInterval(timer);
      timer = undefined;
    },

    /** For quitting: no more daily backups, the one under way stopped (its partial copy removed); resolves when nothing runs. */
    settle(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      closing.abort();
      return queue.then(() => undefined);
    },

    /** Resolves when the backup or restore under way (if any) has finished. */
    idle: (): Promise<void> => queue.then(() => undefined),
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
