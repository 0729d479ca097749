import { ok } from '@shared/result';
import type { Host } from '../app/handlers';
import type { SavedFiles } from '../exports/deliver';
import type { Handlers } from '../ipc/dispatch';
import type { BackupService } from './service';

export function backupHandlers(
  backups: BackupService,
  host: Host,
  savedFiles: SavedFiles,
): Pick<Handlers, 'backups:list' | 'backups:create' | 'backups:restore' | 'backups:restoreFile'> {
  return {
    'backups:list': () => backups.list(Boolean(host.chooseBackupFile && host.chooseRestoreFile)),
    'backups:create': async () => {
      const made = await backups.backUpNow(host);
      if (!made.ok) return made;
      const value = made.value;
      // "Show in folder" names the file by this id: the page never sends a path back.
      return ok(value.kind === 'saved' ? { ...value, saveId: savedFiles.remember(value.path) } : value);
    },
    'backups:restore': ({ id }, { actor }) => backups.restoreById(id, actor),
    'backups:restoreFile': (_input, { actor }) => backups.restoreFromFile(host, actor),
  };
}
