import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BackupKind } from '@shared/schemas/backups';
import { DATABASE_FILE_NAME } from '../paths';

const PREFIX: Record<BackupKind, string> = { automatic: 'roster', manual: 'roster-backup', 'pre-restore': 'pre-restore', 'pre-upgrade': 'pre-upgrade' };

const NAME = /^(roster|roster-backup|pre-restore|pre-upgrade)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(?:-(\d{1,3}))?\.db$/;

/** `YYYY-MM-DDTHH-MM-SS` in UTC: sorts as time does and is a valid file name everywhere (no colons). */
function stamp(at: Date): string {
  return at.toISOString().slice(0, 19).replace(/:/g, '-');
}

/** The name of a backup made at `at`; `attempt` > 1 tells apart two made in the same second. */
export function backupFileName(kind: BackupKind, at: Date, attempt = 1): string {
  return `${PREFIX[kind]}-${stamp(at)}${attempt > 1 ? `-${attempt}` : ''}.db`;
}

/** The name the desktop app's save dialog offers for "Back up now". */
export function suggestedBackupName(at: Date): string {
  return `roster-backup-${at.toISOString().slice(0, 10)}.db`;
}

/** What a file in the backups folder is, read from its name; null for any other file. */
export function parseBackupName(name: string): { kind: BackupKind; createdAt: Date; attempt: number } | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, prefix, day, hours, minutes, seconds, attempt] = match;
  const kind = (Object.keys(PREFIX) as BackupKind[]).find((candidate) => PREFIX[candidate] === prefix)!;
  const createdAt = new Date(`${day}T${hours}:${minutes}:${seconds}Z`);
  if (Number.isNaN(createdAt.getTime())) return null;
  return { kind, createdAt, attempt: attempt ? Number(attempt) : 1 };
}

/**
 * Where a database's backups go: `<user-data>/backups` for the app's own
 * roster.db; for any other file (chosen in Settings, or --db) a folder of its
 * own inside it, named after the file and a hash of its full path, so the
 * backups of two databases never mix (nor are pruned or restored in place of
 * each other), and they stay on the user-data disk rather than beside a file
 * that may be on a removable or shared disk.
 */
export function backupsFolder(dataDir: string, databasePath: string): string {
  const root = path.join(dataDir, 'backups');
  const resolved = path.resolve(databasePath);
  if (resolved === path.join(path.resolve(dataDir), DATABASE_FILE_NAME)) return root;
  const stem = path.basename(resolved).replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_').slice(0, 60) || 'database';
  const hash = createHash('sha256').update(resolved).digest('hex').slice(0, 8);
  return path.join(root, `${stem}-${hash}`);
}
