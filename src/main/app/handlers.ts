import type { AppInfo, RecentDatabase } from '@shared/schemas/app';
import { fail, ok, type Result } from '@shared/result';
import type { SavedFiles } from '../exports/deliver';
import type { Handlers } from '../ipc/dispatch';

/** Writes a file at the path the person chose; answers the path written. */
export type FileWriter = (file: string) => Promise<Result<string>>;

/** What only the host (Electron shell or browser-mode server) can do for the app. */
export interface Host {
  info: AppInfo;
  /**
   * Asks the person for a database file with a native dialog; null when they
   * cancel. On success the host remembers the file and restarts on it. Absent
   * where there are no native dialogs (browser mode).
   */
  chooseDatabase?: (intent: 'open' | 'create') => Promise<Result<string | null>>;
  /**
   * Saves a file where the person chooses in a native dialog, starting in the
   * folder they last saved to; null when they cancel. Absent in browser mode,
   * where the browser downloads it instead. `content` may be a writer, called
   * with the chosen path once the person has chosen (a long export that shows
   * progress), which answers the path it wrote.
   */
  saveFile?: (suggestedName: string, content: string | FileWriter) => Promise<Result<string | null>>;
  /** Shows a file in the system's file manager. Absent in browser mode. */
  showItemInFolder?: (file: string) => void;
  /** Asks the person for an event file to import with a native dialog; undefined when they cancel. Absent in browser mode, where the page uploads it. */
  chooseImportFile?: () => Promise<string | undefined>;
  /**
   * Asks where to save a backup with a native save dialog, offering
   * `suggestedName` in `lastFolder` (null: the host's default folder);
   * undefined when they cancel. Absent in browser mode, where backups are made
   * in the backups folder and downloaded.
   */
  chooseBackupFile?: (suggestedName: string, lastFolder: string | null) => Promise<string | undefined>;
  /** Asks for a backup to restore from with a native open dialog; undefined when they cancel. Absent in browser mode. */
  chooseRestoreFile?: () => Promise<string | undefined>;
  /** The databases opened before (settings.json), newest first. Absent: none listed. */
  recentDatabases?: () => RecentDatabase[];
  /** Opens one of the recent databases, as chooseDatabase does after its dialog. Absent in browser mode. */
  openRecentDatabase?: (file: string) => Promise<Result<string | null>>;
}

const CANNOT_SWITCH = 'Browser mode cannot switch databases from the page. Stop it and start it again with --db FILE.';

export function appHandlers(host: Host, savedFiles: SavedFiles): Pick<Handlers, 'app:info' | 'app:chooseDatabase' | 'app:showSavedFile' | 'app:recentDatabases' | 'app:openRecent'> {
  return {
    'app:showSavedFile': ({ saveId }) => {
      const file = savedFiles.path(saveId);
      if (!host.showItemInFolder) return fail('UNSUPPORTED', 'Browser mode cannot open folders: the file is in your browser\'s downloads.');
      if (!file) return fail('NOT_FOUND', 'Roster does not know that file any more (it remembers the files it saved until it restarts).');
      host.showItemInFolder(file);
      return ok({ shown: true });
    },
    'app:info': () => ok(host.info),
    'app:chooseDatabase': async ({ intent }) => {
      if (!host.chooseDatabase) return fail('UNSUPPORTED', CANNOT_SWITCH);
      const chosen = await host.chooseDatabase(intent);
      if (!chosen.ok) return chosen;
      return ok(chosen.value === null ? null : { databasePath: chosen.value });
    },
    'app:recentDatabases': () => ok(host.recentDatabases?.() ?? []),
    'app:openRecent': async ({ path }) => {
      if (!host.openRecentDatabase) return fail('UNSUPPORTED', CANNOT_SWITCH);
      const opened = await host.openRecentDatabase(path);
      if (!opened.ok) return opened;
      return ok(opened.value === null ? null : { databasePath: opened.value });
    },
  };
}
