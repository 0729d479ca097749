import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '@shared/schemas/audit';
import { CONSOLE_SESSION_ACTOR, SESSION_IDLE_MS, SESSION_MAX_MS, type AdminSession, type ConsoleSession, type SignInMethod } from '@shared/schemas/console-auth';
import { emailKey, normaliseEmail } from '@shared/schemas/email';
import { fail, ok, type Result } from '@shared/result';
import { DAY_MS } from '@shared/time';
import type { AuditRepository } from '../audit/repository';
import type { Db } from '../db/open';
import { inAtomicWrite, inWriteTransaction } from '../db/transaction';
import type { SessionEnd, SessionRepository, SessionRow } from './repository';

/** last_seen_at is written at most this often per session, so a busy console does not write on every call. */
export const SESSION_TOUCH_EVERY_MS = 60_000;

/** Sessions that ended (or ran out) longer ago than this are deleted; owners list only live ones. */
export const ENDED_SESSIONS_KEPT_MS = 30 * DAY_MS;

/** Who acts in a session's audit events: its admin, marked as the console (the token column names the session). */
export const sessionActor = (session: { id: number; admin_email: string }): Actor => ({
  type: 'app',
  name: session.admin_email,
  admin: session.admin_email,
  token: `${CONSOLE_SESSION_ACTOR}${session.id}`,
});

/** Who acts in a failed sign-in: no one is signed in, so the server itself; the address tried is the event's target. */
const SERVER_ACTOR: Actor = { type: 'system', name: 'roster server' };

export const hashSessionCookie = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Why a cookie opens no session, for the 401's message. */
export type SessionRefusal = 'none' | SessionEnd | 'idle' | 'expired';

export type SessionLookup = { ok: true; session: SessionRow } | { ok: false; reason: SessionRefusal; message: string };

const REFUSAL: Record<SessionRefusal, string> = {
  none: 'Sign in to the console.',
  'sign-out': 'Your session ended: you signed out. Sign in again.',
  owner: 'Your session ended: an owner ended it. Sign in again.',
  'admin-removed': 'Your session ended: you are no longer an admin of this Roster server.',
  idle: 'Your session ended: idle for 12 hours. Sign in again.',
  expired: 'Your session ended: open 7 days. Sign in again.',
};

const refused = (reason: SessionRefusal): SessionLookup => ({ ok: false, reason, message: REFUSAL[reason] });

/** What a refusal tells more than another: a session that existed says why it ended; "none" says least. */
const RANK: Record<SessionRefusal, number> = { none: 0, idle: 1, expired: 1, 'sign-out': 2, owner: 2, 'admin-removed': 3 };

/** A failed sign-in's reason, in words for the audit log. */
export type SignInFailure = 'there is no admin with this address' | 'this admin has no password' | 'the password does not match' | (string & {});

/**
 * Console sessions (docs/SERVER.md, "Signing in"): a random cookie of which
 * only the SHA-256 hash is kept, a CSRF token, and the admin it signs in. A
 * session is live until its admin signs out, an owner ends it, the admin is
 * removed, or it has been idle 12 hours or open 7 days; its role is always
 * its admin's role now. Every sign-in, failed sign-in, sign-out and ending by
 * an owner is audited.
 */
export function createSessionService({ db, sessions, audit, now }: { db: Db; sessions: SessionRepository; audit: AuditRepository; now: () => Date }) {
  function lookup(row: SessionRow | undefined, at: Date): SessionLookup {
    if (!row) return refused('none');
    if (row.admin_removed_at) return refused('admin-removed');
    if (row.ended_by) return refused(row.ended_by);
    if (row.expires_at <= at.toISOString()) return refused('expired');
    if (at.getTime() - Date.parse(row.last_seen_at) >= SESSION_IDLE_MS) return refused('idle');
    return { ok: true, session: row };
  }

  function toAdminSession(row: SessionRow, currentId: number | null): AdminSession {
    return {
      id: row.id,
      adminEmail: row.admin_email,
      role: row.admin_role,
      method: row.method,
      address: row.address,
      userAgent: row.user_agent,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      current: row.id === currentId,
    };
  }

  return {
    /**
     * A new session for a live admin: a new id and cookie at every sign-in,
     * never one reused. The cookie's value is in this answer only. `replaces`
     * is a session the same browser had (its cookie came with the sign-in):
     * it ends, signed out. Old sessions are pruned on the way.
     */
    start(input: { adminId: number; method: SignInMethod; address: string | null; userAgent: string | null; replaces?: number | null }): { cookie: string; row: SessionRow } {
      const at = now();
      const cookie = randomBytes(32).toString('base64url');
      const row = inWriteTransaction(db, () => {
        sessions.prune(new Date(at.getTime() - ENDED_SESSIONS_KEPT_MS).toISOString(), new Date(at.getTime() - ENDED_SESSIONS_KEPT_MS - SESSION_IDLE_MS).toISOString());
        if (input.replaces) sessions.end(input.replaces, at.toISOString(), 'sign-out');
        const id = sessions.insert({
          adminId: input.adminId,
          hash: hashSessionCookie(cookie),
          csrfToken: randomBytes(32).toString('base64url'),
          method: input.method,
          address: input.address,
          userAgent: input.userAgent === null ? null : input.userAgent.slice(0, 512),
          at: at.toISOString(),
          expiresAt: new Date(at.getTime() + SESSION_MAX_MS).toISOString(),
        });
        const created = sessions.byId(id)!;
        if (created.admin_removed_at) throw new Error('A session was started for a removed admin.');
        audit.record(at, sessionActor(created), {
          action: 'admin.signin',
          targetType: 'admin_session',
          targetId: id,
          targetLabel: created.admin_email,
          subject: created.admin_email,
          after: { method: input.method, address: input.address, userAgent: created.user_agent },
        });
        return created;
      });
      return { cookie, row };
    },

    /**
     * The live session one of these cookie values opens (a browser may send
     * several of one name), or the most telling reason none does. A live
     * session's last_seen_at moves at most once a minute.
     */
    find(cookies: readonly string[]): SessionLookup {
      const at = now();
      let best = refused('none');
      for (const cookie of cookies.slice(0, 8)) {
        const found = lookup(sessions.byHash(hashSessionCookie(cookie)), at);
        if (found.ok) {
          if (at.getTime() - Date.parse(found.session.last_seen_at) >= SESSION_TOUCH_EVERY_MS) {
            try {
              sessions.touch(found.session.id, at.toISOString());
            } catch {
              // Busy with another writer: the time of last use can wait for the next call.
            }
          }
          return found;
        }
        if (RANK[found.reason] > RANK[best.ok ? 'none' : best.reason]) best = found;
      }
      return best;
    },

    /** Whether a session is live now; unlike find, not a call (last_seen_at stays). */
    isLive(id: number): boolean {
      return lookup(sessions.byId(id), now()).ok;
    },

    /** What the console is told of its own session. */
    toConsole(row: SessionRow): ConsoleSession {
      return {
        email: row.admin_email,
        name: row.admin_name,
        role: row.admin_role,
        method: row.method,
        csrfToken: row.csrf_token,
        signedInAt: row.created_at,
        expiresAt: row.expires_at,
      };
    },

    /** The admin signs out of this session; false when it had ended already. */
    signOut(row: SessionRow): boolean {
      const at = now();
      return inWriteTransaction(db, () => {
        if (!sessions.end(row.id, at.toISOString(), 'sign-out')) return false;
        audit.record(at, sessionActor(row), { action: 'admin.signout', targetType: 'admin_session', targetId: row.id, targetLabel: row.admin_email, subject: row.admin_email });
        return true;
      });
    },

    /** An owner (or this machine's command line) ends a live session. */
    end(id: number, actor: Actor, currentId: number | null = null): Result<AdminSession> {
      return inAtomicWrite(db, () => {
        const at = now();
        const row = sessions.byId(id);
        const found = lookup(row, at);
        if (!found.ok || !row) return fail<AdminSession>('NOT_FOUND', `There is no live session #${id}: it ended already or never was. See them with "roster sessions list".`);
        sessions.end(id, at.toISOString(), 'owner');
        audit.record(at, actor, {
          action: 'admin.session.end',
          targetType: 'admin_session',
          targetId: id,
          targetLabel: row.admin_email,
          subject: row.admin_email,
          before: { method: row.method, address: row.address, createdAt: row.created_at, lastSeenAt: row.last_seen_at },
        });
        return ok(toAdminSession(row, currentId));
      });
    },

    /** Live sessions: everyone's, or those of the admin with this address now; `currentId` marks the caller's own. */
    list(ofEmail?: string, currentId: number | null = null): AdminSession[] {
      const at = now();
      const idleSince = new Date(at.getTime() - SESSION_IDLE_MS).toISOString();
      const key = ofEmail === undefined ? undefined : emailKey(normaliseEmail(ofEmail) ?? ofEmail.trim());
      return sessions.live(at.toISOString(), idleSince, key).map((row) => toAdminSession(row, currentId));
    },

    /** The live admin a password sign-in names, with their hash (null when they have none). */
    signInAdmin(email: string) {
      const normal = normaliseEmail(email);
      return normal ? sessions.signInAdmin(emailKey(normal)) : undefined;
    },

    /** A failed sign-in, in the audit log: the address tried and why, never the password. */
    recordFailure(input: { method: SignInMethod; email: string; adminId: number | null; address: string | null; reason: SignInFailure }): void {
      const email = input.email.trim().slice(0, 320);
      audit.record(now(), SERVER_ACTOR, {
        action: 'admin.signin.fail',
        targetType: 'admin',
        targetId: input.adminId,
        targetLabel: email,
        subject: input.adminId === null ? null : email,
        after: { method: input.method, address: input.address, reason: input.reason },
      });
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
