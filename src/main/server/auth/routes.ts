import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { passwordSignInInput, type SignInOptions } from '@shared/schemas/console-auth';
import { emailKey, normaliseEmail } from '@shared/schemas/email';
import { fail, ok } from '@shared/result';
import { hashPassword, passwordMatches } from '../../admins/password';
import type { SignInFailure } from '../../sessions/service';
import { sendResult } from '../api';
import { clearSessionCookie, sessionCookies } from './cookies';
import { csrfRefusal } from './csrf';
import { lockoutMessage, retryAfterSeconds } from './rate-limit';
import { beginSession } from './sessions';

export const WRONG_PASSWORD = 'That address and password do not match an admin of this server.';

/**
 * A hash no password matches, checked when the address names no admin with a
 * password, so that a refusal takes as long whether or not the admin exists.
 * Made once, on the first such attempt.
 */
let dummyHash: Promise<string> | null = null;
const noAdminHash = () => (dummyHash ??= hashPassword(randomBytes(32).toString('base64url')));

/** More /auth routes in the same context (the identity provider's start and callback), registered after these. */
export type ExtraAuthRoutes = (app: FastifyInstance) => Promise<void>;

/**
 * The console's sign-in under /auth (src/shared/schemas/console-auth.ts): what
 * sign-in offers, a password sign-in, who is signed in, and signing out. Every
 * answer is a Result, never cached. A sign-in must come from the server's own
 * origin (no other site may sign a browser in), and a sign-out also with the
 * session's CSRF token.
 */
export function authRoutes(extra?: ExtraAuthRoutes) {
  return async (app: FastifyInstance) => {
    // Made while the server starts (in the thread pool), so the first unknown address is not slower than the rest.
    void noAdminHash();

    app.setErrorHandler((error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status === 415) return sendResult(reply, fail('INVALID_INPUT', 'Send the input as JSON (Content-Type: application/json).'), 415);
      if (status >= 400 && status < 500) return sendResult(reply, fail('INVALID_INPUT', (error as Error).message), status);
      request.log.error({ err: error }, 'Sign-in request failed');
      return sendResult(reply, fail('INTERNAL', 'Roster hit an unexpected problem and changed nothing.'), 500);
    });

    app.get('/methods', async (request, reply) => {
      const { oidc } = request.server.consoleAuth.options;
      const methods: SignInOptions = { oidc: oidc ? { issuer: oidc.issuer.href } : null, password: true };
      return sendResult(reply, ok(methods));
    });

    app.post('/password', async (request, reply) => {
      const { sessions, options, limiter, now } = request.server.consoleAuth;
      const refused = csrfRefusal(request, options, null);
      if (refused) return sendResult(reply, fail('FORBIDDEN', refused), 403);
      const parsed = passwordSignInInput.safeParse(request.body ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
        return sendResult(reply, fail('INVALID_INPUT', `${issues[0]!.message}.`, issues), 400);
      }
      const { email, password } = parsed.data;
      const account = emailKey(normaliseEmail(email) ?? email);
      const at = now();
      // Counted as a failure now, before the password is checked (taken back on success): see SignInLimiter.attempt.
      const lockout = limiter.attempt(account, request.ip, at);
      if (lockout) {
        request.log.warn({ by: lockout.by, until: lockout.until.toISOString() }, 'A password sign-in was refused: too many failures');
        reply.header('Retry-After', String(retryAfterSeconds(lockout, at)));
        return sendResult(reply, fail('RATE_LIMITED', lockoutMessage(lockout, email, at)), 429);
      }

      const admin = sessions.signInAdmin(email);
      const matches = await passwordMatches(admin?.password_hash ?? (await noAdminHash()), password);
      const failure: SignInFailure | null = !admin
        ? 'there is no admin with this address'
        : admin.password_hash === null
          ? 'this admin has no password'
          : matches
            ? null
            : 'the password does not match';
      if (failure !== null || !admin) {
        sessions.recordFailure({ method: 'password', email: admin?.email ?? email, adminId: admin?.id ?? null, address: request.ip, reason: failure ?? '' });
        request.log.info({ email: email.slice(0, 320), reason: failure }, 'A password sign-in failed');
        return sendResult(reply, fail('UNAUTHENTICATED', WRONG_PASSWORD), 401);
      }
      limiter.succeeded(account, request.ip, at);
      return sendResult(reply, ok(beginSession(request, reply, admin.id, 'password')));
    });

    app.get('/session', async (request, reply) => {
      const { sessions, options } = request.server.consoleAuth;
      const found = sessions.find(sessionCookies(request, options));
      if (!found.ok) return sendResult(reply, fail('UNAUTHENTICATED', found.message), 401);
      return sendResult(reply, ok(sessions.toConsole(found.session)));
    });

    app.post('/signout', async (request, reply) => {
      const { sessions, options } = request.server.consoleAuth;
      const found = sessions.find(sessionCookies(request, options));
      // Without a live session there is nothing to end: the cookie is forgotten all the same.
      if (found.ok) {
        const refused = csrfRefusal(request, options, found.session.csrf_token);
        if (refused) return sendResult(reply, fail('FORBIDDEN', refused), 403);
        sessions.signOut(found.session);
        request.log.info({ session: found.session.id }, 'An admin signed out of the console');
      }
      clearSessionCookie(reply, options);
      return sendResult(reply, ok(null));
    });

    if (extra) await extra(app);
  };
}
