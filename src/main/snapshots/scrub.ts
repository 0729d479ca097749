import Database from 'better-sqlite3';
import { SNAPSHOT_TABLE, SNAPSHOT_TABLE_SQL, type SnapshotInfo } from './info';

/**
 * What a copy must not carry: anything that signs someone in, or could be
 * turned into a sign-in. Each statement runs on the copy only.
 * - admins' console passwords (argon2id hashes) and their identity-provider
 *   bindings (issuer + subject: what a sign-in is matched by);
 * - console sessions, whose rows hold the cookie's hash and the CSRF token;
 * - API and SCIM tokens' hashes, replaced by random bytes that match no token
 *   (the rows stay, so the copy still lists each token's name, role and dates);
 * - idempotency keys, whose kept answers may hold a token just created.
 */
const SCRUB = [
  'UPDATE admins SET password_hash = NULL, oidc_issuer = NULL, oidc_subject = NULL',
  'DELETE FROM admin_sessions',
  'UPDATE api_tokens SET hash = randomblob(32)',
  'UPDATE scim_tokens SET hash = randomblob(32)',
  'DELETE FROM idempotency_keys',
];

/** Tables a statement above names: a store older than them (no such table yet) has nothing to remove there. */
const tableOf = (statement: string) => /(?:UPDATE|FROM) (\w+)/.exec(statement)![1]!;

/**
 * Turns a fresh backup copy (`file`, a rollback-journal database no one else
 * has open) into an offline copy: the credentials above removed, the copy's
 * record of itself written, and the file rebuilt with VACUUM so that no free
 * page keeps a removed value (secure_delete zeroes them as they are freed
 * too). The journal is kept in memory meanwhile, so the old pages are never
 * written to a journal file beside it.
 */
export function scrubCopy(file: string, info: SnapshotInfo, nativeBinding?: string): void {
  const copy = new Database(file, { fileMustExist: true, nativeBinding });
  try {
    copy.pragma('journal_mode = MEMORY');
    copy.pragma('secure_delete = ON');
    const tables = new Set((copy.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]));
    copy.transaction(() => {
      for (const statement of SCRUB) if (tables.has(tableOf(statement))) copy.exec(statement);
      copy.exec(`DROP TABLE IF EXISTS ${SNAPSHOT_TABLE}`);
      copy.exec(SNAPSHOT_TABLE_SQL);
      copy.prepare(`INSERT INTO ${SNAPSHOT_TABLE} (id, of, taken_at, taken_by) VALUES (1, ?, ?, ?)`).run(info.of, info.takenAt, info.takenBy);
    })();
    copy.exec('VACUUM');
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}
