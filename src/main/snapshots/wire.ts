/** How a Roster server sends an offline copy (server/snapshot-route.ts) and the client checks it (download.ts). */
export const SNAPSHOT_PATH = '/api/snapshot';
export const SNAPSHOT_CONTENT_TYPE = 'application/vnd.sqlite3';
/** The copy's sha256, hex: the client keeps the file only when what arrived has it. */
export const SHA256_HEADER = 'X-Roster-Sha256';
/** What the copy records about itself (SnapshotInfo), as URI-encoded JSON. */
export const SNAPSHOT_INFO_HEADER = 'X-Roster-Snapshot';

/** "roster-copy-acme-roster.example.com-2026-12-07.db" (a local store's file name without its .db): the name a copy is offered under. */
export function snapshotFileName(of: string, takenAt: string): string {
  return `roster-copy-${of.replace(/\.db$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-')}-${takenAt.slice(0, 10)}.db`;
}
