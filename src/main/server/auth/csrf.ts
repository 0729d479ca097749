import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '@shared/schemas/console-auth';
import { tokensMatch } from '../../browser/auth';
import type { ServerOptions } from '../options';

/** An origin as browsers write it (scheme, host, and the port unless it is the scheme's default); null for none. */
function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The server's own origin: its public URL's, when it has one (behind a proxy
 * the request's own scheme and host are the proxy's business), else the
 * scheme and Host the request came with.
 */
export function ownOrigin(request: FastifyRequest, options: Pick<ServerOptions, 'publicUrl'>): string | null {
  if (options.publicUrl) return options.publicUrl.origin;
  return originOf(`${request.protocol}://${request.host}`);
}

/**
 * Why a request may not act with a session cookie (the cookie is sent by the
 * browser whoever's page asks): its Origin must be the server's own, and,
 * when `csrfToken` is given, the x-roster-csrf header must be that session's
 * token, which only the console's own page can read. Null when it may.
 */
export function csrfRefusal(request: FastifyRequest, options: Pick<ServerOptions, 'publicUrl'>, csrfToken: string | null): string | null {
  const sent = request.headers.origin;
  const own = ownOrigin(request, options);
  if (typeof sent !== 'string' || sent === '') {
    return 'The request has no Origin header, so Roster cannot tell it came from its own console; a browser always sends one.';
  }
  if (own === null || originOf(sent) !== own) {
    return `The request comes from a page at ${sent.slice(0, 200)}, not from this server's console (${own ?? 'unknown'}): another site may not act for a signed-in admin.`;
  }
  if (csrfToken === null) return null;
  const header = request.headers[CSRF_HEADER];
  if (typeof header !== 'string' || header === '') {
    return `The request has no ${CSRF_HEADER} header: the console sends its session's token with every change (from GET /auth/session).`;
  }
  if (!tokensMatch(csrfToken, header)) return `The ${CSRF_HEADER} header is not this session's token: reload the console, which reads it again.`;
  return null;
}
