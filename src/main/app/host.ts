import type { AppInfo, RecentDatabase } from '@shared/schemas/app';
import type { Result } from '@shared/result';
import type { Connected, RecentServer } from '@shared/schemas/servers';
import type { ConnectInput } from '../servers/connect';

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
  /** The log file this process writes (logging/logger.ts); absent where it keeps none. */
  logFile?: string;
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
  /** Asks for a Roster file to compare (docs/OFFLINE-COPIES.md, "What changed between two copies") with a native open dialog; undefined when they cancel. Absent in browser mode. */
  chooseCompareFile?: () => Promise<string | undefined>;
  /** The databases opened before (settings.json), newest first. Absent: none listed. */
  recentDatabases?: () => RecentDatabase[];
  /** Opens one of the recent databases, as chooseDatabase does after its dialog. Absent in browser mode. */
  openRecentDatabase?: (file: string) => Promise<Result<string | null>>;
  /** File → Connect to a Server…: signs in and switches the window to the server (servers/connect.ts). Absent in browser mode. */
  connectServer?: (input: ConnectInput) => Promise<Result<Connected>>;
  /** The servers connected to before, with the admin signed in as, newest first. Absent: none listed. */
  recentServers?: () => RecentServer[];
  /** Reconnects to a recent server with its kept sign-in. Absent in browser mode. */
  openRecentServer?: (address: string) => Promise<Result<Connected>>;
  /** Stops a browser sign-in that waits (the dialog was closed); false when none waited. Absent in browser mode. */
  cancelServerSignIn?: () => boolean;
}
