import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'Roster';
export const DATABASE_FILE_NAME = 'roster.db';
const LOCAL_SETTINGS_FILE = 'settings.json';

/**
 * The app's user-data folder, the same one Electron's app.getPath('userData')
 * gives for productName "Roster", so the app, browser mode and the command
 * line agree on "the app's own database". ROSTER_USER_DATA_DIR overrides it
 * (tests use that to stay out of a real profile).
 */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.ROSTER_USER_DATA_DIR) return path.resolve(env.ROSTER_USER_DATA_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_FOLDER_NAME);
}

/**
 * Settings that must live outside the database, because they say which
 * database to open. Kept as JSON in the user-data folder.
 */
export interface LocalSettings {
  databasePath?: string;
  /** Databases opened before, newest first (app/recent-databases.ts). */
  recentDatabases?: string[];
}

export function readLocalSettings(dir: string): LocalSettings {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, LOCAL_SETTINGS_FILE), 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(text) as Record<string, unknown> | null;
    const settings: LocalSettings = {};
    const databasePath = parsed?.databasePath;
    if (typeof databasePath === 'string' && databasePath.length > 0) settings.databasePath = databasePath;
    const recent = parsed?.recentDatabases;
    if (Array.isArray(recent)) settings.recentDatabases = recent.filter((file): file is string => typeof file === 'string' && file.length > 0);
    return settings;
  } catch {
    // A hand-edited file that no longer parses must not stop the app: fall back to defaults.
    return {};
  }
}

/** Writes to a temporary file and renames it, so a crash never leaves half a settings file. */
export function writeLocalSettings(dir: string, settings: LocalSettings): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCAL_SETTINGS_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

/** Changes some local settings and keeps the others. */
export function updateLocalSettings(dir: string, patch: LocalSettings): LocalSettings {
  const next = { ...readLocalSettings(dir), ...patch };
  writeLocalSettings(dir, next);
  return next;
}

/** The database the app opens when nothing else is asked for: the one chosen in Settings, or roster.db. */
export function defaultDatabasePath(dir: string = userDataDir()): string {
  return readLocalSettings(dir).databasePath ?? path.join(dir, DATABASE_FILE_NAME);
}
