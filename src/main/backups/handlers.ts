import { ok } from '@shared/result';
import type { Host } from '../app/host';
import type { SavedFiles } from '../exports/deliver';
import type { Handlers } from '../ipc/dispatch';
import type { Jobs } from '../jobs/jobs';
import type { BackupService } from './service';

/** A backup may be cancelled: it only ever writes its own temporary copy, removed on cancel. Shown once copying starts (after the save dialog). */
const BACKUP_JOB = { label: 'Backing up the database', unit: 'pages', cancellable: true, showFromFirstProgress: true };
/** A restore may not: once it writes into the live file, stopping would leave it half replaced (docs/DECISIONS.md, "Long work"). */
const RESTORE_JOB = { label: 'Restoring the database', unit: 'pages', cancellable: false };

export function backupHandlers(
  backups: BackupService,
  host: Host,
  savedFiles: SavedFiles,
  jobs: Jobs,
): Pick<Handlers, 'backups:list' | 'backups:create' | 'backups:restore' | 'backups:restoreFile'> {
  return {
    'backups:list': () => backups.list(Boolean(host.chooseBackupFile && host.chooseRestoreFile)),
    'backups:create': () =>
      jobs.run(BACKUP_JOB, async (job) => {
        const made = await backups.backUpNow(host, job);
        if (!made.ok) return made;
        const value = made.value;
        // "Show in folder" names the file by this id: the page never sends a path back.
        return ok(value.kind === 'saved' ? { ...value, saveId: savedFiles.remember(value.path) } : value);
      }),
    'backups:restore': ({ id }, { actor }) => jobs.run(RESTORE_JOB, () => backups.restoreById(id, actor)),
    // The file is chosen first, so the restore's bar shows only once there is something to restore.
    'backups:restoreFile': async (_input, { actor }) => {
      if (!host.chooseRestoreFile) return backups.restoreFromFile(host, actor);
      const chosen = await host.chooseRestoreFile();
      if (!chosen) return ok(null);
      return jobs.run(RESTORE_JOB, () => backups.restoreFromFile({ chooseRestoreFile: () => Promise.resolve(chosen) }, actor));
    },
  };
}
