import type { AdminRole } from '@shared/schemas/admins';
import type { SignInMethod } from '@shared/schemas/console-auth';
import type { Db } from '../db/open';

/** Why a session ended before its time (migration 0015's CHECK). */
export type SessionEnd = 'sign-out' | 'owner' | 'admin-removed';

/** A session with its admin as they are now (the role is read at every call, never kept in the session). */
export interface SessionRow {
  id: number;
  admin_id: number;
  admin_email: string;
  admin_name: string | null;
  admin_role: AdminRole;
  admin_removed_at: string | null;
  csrf_token: string;
  method: SignInMethod;
  address: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
  ended_by: SessionEnd | null;
}

/** An admin as a password sign-in needs them: only a live one, with their hash (null when they have no password). */
export interface SignInAdminRow {
  id: number;
  email: string;
  password_hash: string | null;
}

const SESSION_COLUMNS = `s.id, s.admin_id, a.email AS admin_email, a.name AS admin_name, a.role AS admin_role, a.removed_at AS admin_removed_at,
  s.csrf_token, s.method, s.address, s.user_agent, s.created_at, s.last_seen_at, s.expires_at, s.ended_at, s.ended_by
  FROM admin_sessions s JOIN admins a ON a.id = s.admin_id`;

/** A session is live while not ended, not past its 7 days, seen within the idle limit, and its admin not removed. */
const LIVE = 's.ended_at IS NULL AND a.removed_at IS NULL AND s.expires_at > @at AND s.last_seen_at > @idleSince';

/** The only SQL over console sessions (migration 0015). */
export function createSessionRepository(db: Db) {
  const byHash = db.prepare(`SELECT ${SESSION_COLUMNS} WHERE s.hash = ?`);
  const byId = db.prepare(`SELECT ${SESSION_COLUMNS} WHERE s.id = ?`);
  const live = db.prepare(`SELECT ${SESSION_COLUMNS} WHERE ${LIVE} ORDER BY a.email_key, s.created_at DESC, s.id DESC`);
  const liveOf = db.prepare(`SELECT ${SESSION_COLUMNS} WHERE ${LIVE} AND a.email_key = @emailKey ORDER BY s.created_at DESC, s.id DESC`);
  const insert = db.prepare(
    `INSERT INTO admin_sessions (admin_id, hash, csrf_token, method, address, user_agent, created_at, last_seen_at, expires_at)
     VALUES (@adminId, @hash, @csrfToken, @method, @address, @userAgent, @at, @at, @expiresAt)`,
  );
  const touch = db.prepare('UPDATE admin_sessions SET last_seen_at = @at WHERE id = @id AND ended_at IS NULL');
  const end = db.prepare('UPDATE admin_sessions SET ended_at = @at, ended_by = @by WHERE id = @id AND ended_at IS NULL');
  const endLiveOf = db.prepare(
    'UPDATE admin_sessions SET ended_at = @at, ended_by = @by WHERE admin_id = @adminId AND ended_at IS NULL AND expires_at > @at AND last_seen_at > @idleSince',
  );
  const signInAdmin = db.prepare('SELECT id, email, password_hash FROM admins WHERE email_key = ? AND removed_at IS NULL');
  // Ended, past their 7 days or idle past the limit, and that before `before`: nothing reads them any more.
  const prune = db.prepare(
    'DELETE FROM admin_sessions WHERE ended_at < @before OR (ended_at IS NULL AND (expires_at < @before OR last_seen_at < @idleBefore))',
  );

  return {
    byHash: (hash: Buffer) => byHash.get(hash) as SessionRow | undefined,
    byId: (id: number) => byId.get(id) as SessionRow | undefined,
    /** Every live session, or one admin's (by their address's key). */
    live: (at: string, idleSince: string, emailKey?: string) =>
      (emailKey === undefined ? live.all({ at, idleSince }) : liveOf.all({ at, idleSince, emailKey })) as SessionRow[],
    insert(session: { adminId: number; hash: Buffer; csrfToken: string; method: SignInMethod; address: string | null; userAgent: string | null; at: string; expiresAt: string }): number {
      return Number(insert.run(session).lastInsertRowid);
    },
    touch: (id: number, at: string) => void touch.run({ id, at }),
    /** Ends a session not yet ended; false when it already was. */
    end: (id: number, at: string, by: SessionEnd) => end.run({ id, at, by }).changes > 0,
    /** Ends every live session of an admin (those already over stay as they are); answers how many. */
    endLiveOf: (adminId: number, at: string, idleSince: string, by: SessionEnd) => endLiveOf.run({ adminId, at, idleSince, by }).changes,
    signInAdmin: (emailKey: string) => signInAdmin.get(emailKey) as SignInAdminRow | undefined,
    /** Deletes the sessions that were over before `before` (idle ones: last seen before `idleBefore`). */
    prune: (before: string, idleBefore: string) => prune.run({ before, idleBefore }).changes,
  };
}

export type SessionRepository = ReturnType<typeof createSessionRepository>;
