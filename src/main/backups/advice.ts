import path from 'node:path';
import type { Backup } from '@shared/schemas/backups';
import { listBackups } from './folder';

/**
 * The newest backup worth restoring from `folder`: a daily one or one made with
 * "Back up now". A copy kept before a restore is left out: it is the database
 * someone chose to replace, and often the damaged one.
 */
export function newestRestorable(folder: string | undefined): Backup | null {
  if (!folder) return null;
  return listBackups(folder).find((backup) => backup.kind !== 'pre-restore') ?? null;
}

const quoted = (file: string) => JSON.stringify(file);

/** "2026-03-01 09:00 UTC" */
const shownTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * What to do about a damaged database: restore the newest backup (named, with
 * where it is and the command that restores it), or, with none, keep a copy and
 * try SQLite's own recovery on it. `backupsDir` is the database's backups
 * folder (names.ts, backupsFolder).
 */
export function restoreAdvice(databasePath: string, backupsDir: string | undefined): string {
  const newest = newestRestorable(backupsDir);
  if (newest && backupsDir) {
    const file = path.join(backupsDir, newest.id);
    return (
      `Nothing was changed. Restore the newest backup, ${newest.id} (made ${shownTime(newest.createdAt)}, in ${backupsDir}): ` +
      `in Settings, Backups, or with: roster restore --from ${quoted(file)} --db ${quoted(databasePath)}`
    );
  }
  return (
    `Nothing was changed. There is no backup of it${backupsDir ? ` in ${backupsDir}` : ''} to restore: ` +
    `keep a copy of the file as it is, and try SQLite's recovery on the copy (sqlite3 COPY .recover).`
  );
}

/** The one message for a damaged database, wherever the damage is met: what is wrong, and what to do. */
export function damagedMessage(databasePath: string, found: string, backupsDir: string | undefined): string {
  return `${databasePath} is damaged: ${found}. ${restoreAdvice(databasePath, backupsDir)}`;
}
