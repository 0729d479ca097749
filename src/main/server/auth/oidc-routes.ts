import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fail } from '@shared/result';
import type { SignInErrorCode, SignInMethod } from '@shared/schemas/console-auth';
import type { OidcBinding } from '../../admins/oidc-binding';
import { readCookies } from '../../browser/auth';
import { sendResult } from '../api';
import type { ServerOptions } from '../options';
import { createOidcClient, type OidcAttempt } from './oidc';

/** A sign-in started at the provider must come back within this long, to the browser that started it. */
export const OIDC_ATTEMPT_MS = 10 * 60 * 1000;

/** At most this many sign-ins wait for the provider at once; the oldest is dropped beyond it, so no caller can fill the memory. */
const MAX_ATTEMPTS = 10_000;

/** Ties a pending sign-in to its browser: `__Host-` over HTTPS, as the session cookie. */
export const ATTEMPT_COOKIE_HTTPS = '__Host-roster_oidc';
export const ATTEMPT_COOKIE_HTTP = 'roster_oidc';

export const CALLBACK_PATH = '/auth/oidc/callback';

/** A failed sign-in, as the sessions' audit log takes it (SessionService.recordFailure). */
export interface SignInFailureRecord {
  method: SignInMethod;
  email: string;
  adminId: number | null;
  address: string | null;
  reason: string;
}

export interface OidcRouteDeps {
  options: Pick<ServerOptions, 'oidc' | 'publicUrl' | 'tls'>;
  binding: OidcBinding;
  /** Opens the console session and records the sign-in (auth/sessions.ts). */
  beginSession: (request: FastifyRequest, reply: FastifyReply, adminId: number, method: SignInMethod) => unknown;
  /** Records a failed sign-in in the audit log. */
  recordFailure: (request: FastifyRequest, failure: SignInFailureRecord) => void;
  /** The clock attempts are dated by (milliseconds). */
  clock?: () => number;
}

interface Pending {
  attempt: OidcAttempt;
  returnTo: string;
  createdAt: number;
}

/**
 * Where to land after signing in: a path of this server only. Anything else
 * (an absolute or protocol-relative address, a backslash some browsers read
 * as a slash, the sign-in routes themselves) lands on the console's start.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2048) return '/';
  if (/[\\\u0000-\u001f\u007f]/.test(value) || value.startsWith('//')) return '/';
  const base = 'http://roster.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return '/';
  }
  // The parser folds dot segments ("/.//evil.example" is "//evil.example"): what it made is checked again.
  if (url.origin !== base || url.pathname.startsWith('//') || url.pathname.toLowerCase().startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

const overHttps = (options: Pick<ServerOptions, 'publicUrl' | 'tls'>) => options.tls !== null || options.publicUrl?.protocol === 'https:';

function attemptCookie(options: Pick<ServerOptions, 'publicUrl' | 'tls'>, value: string, maxAgeSeconds: number): string {
  const secure = overHttps(options);
  const parts = [`${secure ? ATTEMPT_COOKIE_HTTPS : ATTEMPT_COOKIE_HTTP}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax'];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * Signing in with the enterprise's identity provider (docs/SERVER.md), in the
 * /auth context beside the password sign-in (authRoutes' extra routes):
 * GET /auth/oidc/start sends the browser to the provider, and
 * GET /auth/oidc/callback takes it back, opens a session for the admin the
 * binding rule finds, and lands on the console. A failure lands on the
 * console's sign-in page with `?signin_error=<code>`, is logged at warn and
 * audited (the claimed address and why; never a code or token). A server
 * without --oidc-issuer answers 404 on both.
 */
export function oidcRoutes({ options, binding, beginSession, recordFailure, clock = Date.now }: OidcRouteDeps) {
  return async (app: FastifyInstance) => {
    const settings = options.oidc;
    if (settings === null) {
      const none = fail(
        'NOT_FOUND',
        'This Roster server has no identity provider configured: an owner starts it with --oidc-issuer and --oidc-client-id to sign in with one (docs/SERVER.md, "Signing in with your identity provider").',
      );
      app.get('/oidc/start', async (_request, reply) => sendResult(reply, none, 404));
      app.get('/oidc/callback', async (_request, reply) => sendResult(reply, none, 404));
      return;
    }
    const client = createOidcClient(settings);
    const pending = new Map<string, Pending>();
    const cookieName = overHttps(options) ? ATTEMPT_COOKIE_HTTPS : ATTEMPT_COOKIE_HTTP;

    /** The pending sign-in this browser's cookie names, taken out (one use only), or null when there is none or it is too old. */
    function take(request: FastifyRequest): Pending | null {
      const at = clock();
      for (const [id, entry] of pending) if (at - entry.createdAt > OIDC_ATTEMPT_MS) pending.delete(id);
      for (const id of readCookies(request.raw, cookieName)) {
        const entry = pending.get(id);
        if (entry) {
          pending.delete(id);
          return entry;
        }
      }
      return null;
    }

    /**
     * Sends the browser back to the sign-in page with the reason's code. The
     * failure is audited once a sign-in was really under way in this browser;
     * a callback no one started, or a start the provider could not serve, is
     * only logged: anyone can send those, and they must not be able to write
     * into the audit log at will.
     */
    function refuse(request: FastifyRequest, reply: FastifyReply, code: SignInErrorCode, detail: string, email: string | null, adminId: number | null = null, audited = true) {
      request.log.warn({ reason: code, email, detail }, 'A sign-in with the identity provider failed');
      if (audited) recordFailure(request, { method: 'oidc', email: email ?? '', adminId, address: request.ip ?? null, reason: `${code}: ${detail}` });
      return reply.header('Cache-Control', 'no-store').redirect(`/?signin_error=${code}`, 303);
    }

    app.get('/oidc/start', async (request, reply) => {
      const origin = options.publicUrl ? options.publicUrl.origin : `${request.protocol}://${request.host}`;
      const started = await client.start(`${origin}${CALLBACK_PATH}`);
      if (!started.ok) return refuse(request, reply, started.code, started.detail, null, null, false);
      const id = randomBytes(32).toString('base64url');
      const query = request.query as Record<string, unknown>;
      pending.set(id, { attempt: started.attempt, returnTo: safeReturnPath(query.returnTo), createdAt: clock() });
      if (pending.size > MAX_ATTEMPTS) pending.delete(pending.keys().next().value!);
      reply.header('Set-Cookie', attemptCookie(options, id, OIDC_ATTEMPT_MS / 1000));
      return reply.header('Cache-Control', 'no-store').redirect(started.url.href, 303);
    });

    // The request log leaves out the redirect's query: an authorization code is no one's business (PKCE makes it useless elsewhere, all the same).
    const withoutQuery = (request: FastifyRequest) => ({
      method: request.method,
      url: `${request.url.split('?')[0]}?…`,
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    });
    app.get('/oidc/callback', { logSerializers: { req: withoutQuery } }, async (request, reply) => {
      const query = new URLSearchParams(request.url.slice(request.url.indexOf('?') + 1 || request.url.length));
      const entry = take(request);
      reply.header('Set-Cookie', attemptCookie(options, '', 0));
      if (!entry) return refuse(request, reply, 'attempt_expired', 'no sign-in started in this browser in the last 10 minutes', null, null, false);
      if (query.get('state') !== entry.attempt.state) return refuse(request, reply, 'attempt_expired', 'the state sent back is not the one this browser started with', null);
      const error = query.get('error');
      if (error !== null) {
        const described = `the provider answered ${error.slice(0, 100)}${query.get('error_description') ? `: ${query.get('error_description')!.slice(0, 300)}` : ''}`;
        return refuse(request, reply, error === 'access_denied' ? 'cancelled' : 'provider_refused', described, null);
      }
      const finished = await client.finish(entry.attempt, query);
      if (!finished.ok) return refuse(request, reply, finished.code, finished.detail, null);
      const signedIn = binding.signIn(finished.identity);
      if (!signedIn.ok) return refuse(request, reply, signedIn.reason, signedIn.detail, finished.identity.email, signedIn.adminId);
      if (signedIn.bound) request.log.info({ admin: signedIn.admin.email, issuer: finished.identity.issuer }, 'An admin was bound to their identity provider account');
      await beginSession(request, reply, signedIn.admin.id, 'oidc');
      return reply.header('Cache-Control', 'no-store').redirect(entry.returnTo, 303);
    });
  };
}
