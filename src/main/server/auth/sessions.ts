import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConsoleSession, SignInMethod } from '@shared/schemas/console-auth';
import type { SessionRow } from '../../sessions/repository';
import type { SessionService } from '../../sessions/service';
import type { ServerOptions } from '../options';
import { sessionCookies, setSessionCookie } from './cookies';
import { csrfRefusal } from './csrf';
import type { SignInLimiter } from './rate-limit';

/** What the server's sign-in needs, decorated on its fastify instance (buildRosterServer) for every route to reach. */
export interface ConsoleAuth {
  sessions: SessionService;
  options: ServerOptions;
  limiter: SignInLimiter;
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    consoleAuth: ConsoleAuth;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Opens a console session for an admin who has just proved who they are (a
 * password, or the identity provider's redirect back): a new session id and
 * cookie every time, never one reused; the session this browser had before,
 * if any, ends. Sets the cookie on `reply`, records the sign-in in the audit
 * log, and answers what the console is told. `adminId` must be a live admin.
 */
export function beginSession(request: FastifyRequest, reply: FastifyReply, adminId: number, method: SignInMethod): ConsoleSession {
  const { sessions, options } = request.server.consoleAuth;
  const previous = sessions.find(sessionCookies(request, options));
  const userAgent = request.headers['user-agent'];
  const { cookie, row } = sessions.start({
    adminId,
    method,
    address: request.ip ?? null,
    userAgent: typeof userAgent === 'string' && userAgent !== '' ? userAgent : null,
    replaces: previous.ok ? previous.session.id : null,
  });
  setSessionCookie(reply, options, cookie);
  request.log.info({ session: row.id, method }, 'An admin signed in to the console');
  return sessions.toConsole(row);
}

export type SessionAuthentication = { ok: true; session: SessionRow } | { ok: false; status: 401 | 403; message: string };

/**
 * The session a request's cookie opens, for the admin API: null when it
 * carries no session cookie at all (then an API token is asked for). A call
 * that is not a read (anything but GET) must also come from the server's own
 * origin and carry the session's CSRF token, else 403 naming the problem.
 */
export function authenticateSession(request: FastifyRequest): SessionAuthentication | null {
  const { sessions, options } = request.server.consoleAuth;
  const cookies = sessionCookies(request, options);
  if (cookies.length === 0) return null;
  const found = sessions.find(cookies);
  if (!found.ok) return { ok: false, status: 401, message: found.message };
  if (!SAFE_METHODS.has(request.method)) {
    const refused = csrfRefusal(request, options, found.session.csrf_token);
    if (refused) return { ok: false, status: 403, message: refused };
  }
  return { ok: true, session: found.session };
}

/**
 * Records a failed sign-in with the identity provider in the audit log (the
 * address tried and why in words; never a code or token), up to the address's
 * limit of failures in the window; past it, the failure is only logged (the
 * route logs every one).
 */
export function recordSignInFailure(
  request: FastifyRequest,
  failure: { method: SignInMethod; email: string; adminId: number | null; address: string | null; reason: string },
): void {
  const { sessions, limiter, now } = request.server.consoleAuth;
  if (!limiter.auditsProviderFailure(request.ip, now())) {
    request.log.warn({ address: request.ip }, 'Too many failed sign-ins from this address: this one is logged, not audited');
    return;
  }
  sessions.recordFailure(failure);
}
