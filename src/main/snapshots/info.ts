import fs from 'node:fs';
import Database from 'better-sqlite3';

type Db = Database.Database;

/**
 * What an offline copy records about itself, in its own `snapshot_info`
 * table (written into the copy only, never into a live store): which server
 * or file it is a copy of, when it was taken, and by whom.
 */
export interface SnapshotInfo {
  /** The server's host name (acme-roster.example.com), or the file's name for a local store. */
  of: string;
  /** When the copy was taken, ISO 8601. */
  takenAt: string;
  /** The admin (on a server) or the computer's user (a local store) who took it. */
  takenBy: string;
}

export const SNAPSHOT_TABLE = 'snapshot_info';

export const SNAPSHOT_TABLE_SQL = `CREATE TABLE ${SNAPSHOT_TABLE} (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  of        TEXT NOT NULL,
  taken_at  TEXT NOT NULL,
  taken_by  TEXT NOT NULL
) STRICT`;

/** The copy's record of itself; null for a live store. */
export function readSnapshotInfo(db: Db): SnapshotInfo | null {
  const has = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(SNAPSHOT_TABLE);
  if (!has) return null;
  const row = db.prepare(`SELECT of, taken_at AS takenAt, taken_by AS takenBy FROM ${SNAPSHOT_TABLE} WHERE id = 1`).get() as SnapshotInfo | undefined;
  return row ?? null;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Whether `file` is an offline copy, found without writing a byte: a copy is
 * always a rollback-journal file (header bytes 18 and 19 are 1), which SQLite
 * opens read-only without making -wal or -shm files; only such a file is
 * opened, read-only, to look for the copy's table. Anything else (a live
 * store in WAL mode, a damaged or foreign file) is not a copy, and the
 * ordinary opening judges it.
 */
export function isSnapshotFile(file: string, nativeBinding?: string): boolean {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      header = Buffer.alloc(100);
      if (fs.readSync(fd, header, 0, 100, 0) < 100) return false;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  if (!header.subarray(0, 16).equals(SQLITE_MAGIC) || header[18] !== 1 || header[19] !== 1) return false;
  if (fs.existsSync(`${file}-journal`)) return false; // A hot journal: SQLite would roll it back, a write; the ordinary opening judges it.
  let probe: Db | null = null;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    return probe.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(SNAPSHOT_TABLE) !== undefined;
  } catch {
    return false;
  } finally {
    probe?.close();
  }
}

/** "2026-12-07 14:02 UTC": when a copy was taken, for the command line (the app shows it in local time). */
export function takenAtText(takenAt: string): string {
  return `${takenAt.slice(0, 10)} ${takenAt.slice(11, 16)} UTC`;
}

/** "Offline copy of acme-roster.example.com, taken 2026-12-07 14:02 UTC". */
export function describeCopy(info: SnapshotInfo): string {
  return `Offline copy of ${info.of}, taken ${takenAtText(info.takenAt)} by ${info.takenBy}`;
}

/** Why a change is refused on a copy: what it is, and where to make the change instead. */
export function readOnlyMessage(info: SnapshotInfo): string {
  return `This is an offline copy of ${info.of}, taken ${takenAtText(info.takenAt)}: it can be read and exported, not changed. Make the change on ${info.of} itself. Nothing was changed.`;
}
