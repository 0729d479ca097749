import fs from 'node:fs';
import path from 'node:path';
import type { RecentDatabase } from '@shared/schemas/app';
import { readLocalSettings, updateLocalSettings } from '../paths';

/** How many databases File → Open Recent and Settings list. */
export const RECENT_LIMIT = 8;

/** The list with `file` first, once (paths compared as resolved), at most RECENT_LIMIT long. */
export function withRecent(list: readonly string[], file: string): string[] {
  const resolved = path.resolve(file);
  return [resolved, ...list.filter((entry) => path.resolve(entry) !== resolved)].slice(0, RECENT_LIMIT);
}

export function withoutRecent(list: readonly string[], file: string): string[] {
  const resolved = path.resolve(file);
  return list.filter((entry) => path.resolve(entry) !== resolved);
}

/** Records that `file` was opened: it goes to the top of the recent list in settings.json. */
export function rememberRecentDatabase(dataDir: string, file: string): void {
  const list = readLocalSettings(dataDir).recentDatabases ?? [];
  updateLocalSettings(dataDir, { recentDatabases: withRecent(list, file) });
}

export function forgetRecentDatabase(dataDir: string, file: string): void {
  const list = readLocalSettings(dataDir).recentDatabases ?? [];
  updateLocalSettings(dataDir, { recentDatabases: withoutRecent(list, file) });
}

/** The recent databases, newest first, each saying whether its file is still there and whether it is the one open now. */
export function listRecentDatabases(dataDir: string, currentPath: string, exists: (file: string) => boolean = fs.existsSync): RecentDatabase[] {
  const current = path.resolve(currentPath);
  return (readLocalSettings(dataDir).recentDatabases ?? []).map((file) => ({
    path: file,
    exists: exists(file),
    current: path.resolve(file) === current,
  }));
}

/** Whether `file` is on the recent list: the only files the page may ask to open by path. */
export function isRecentDatabase(dataDir: string, file: string): boolean {
  const resolved = path.resolve(file);
  return (readLocalSettings(dataDir).recentDatabases ?? []).some((entry) => path.resolve(entry) === resolved);
}
