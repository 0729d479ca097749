import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE_HTTP, SESSION_COOKIE_HTTPS, SESSION_MAX_MS } from '@shared/schemas/console-auth';
import { readCookies } from '../../browser/auth';
import type { ServerOptions } from '../options';

/**
 * Whether admins reach the server over HTTPS: it serves TLS itself, or its
 * public URL is https (a proxy in front terminates TLS). Then the cookie is
 * `__Host-` and Secure, so the browser sends it only over HTTPS, only to this
 * host, and no sub-domain can set one in its place.
 */
export const servedOverHttps = (options: Pick<ServerOptions, 'tls' | 'publicUrl'>): boolean => options.tls !== null || options.publicUrl?.protocol === 'https:';

export const sessionCookieName = (options: Pick<ServerOptions, 'tls' | 'publicUrl'>): string => (servedOverHttps(options) ? SESSION_COOKIE_HTTPS : SESSION_COOKIE_HTTP);

/**
 * HttpOnly (no script reads it), SameSite=Lax (sent on the identity
 * provider's redirect back, a top-level GET, but not on another site's POST),
 * Path=/ and no Domain; Secure over HTTPS.
 */
function serialize(options: Pick<ServerOptions, 'tls' | 'publicUrl'>, value: string, maxAgeSeconds: number): string {
  const attributes = [`${sessionCookieName(options)}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax'];
  if (servedOverHttps(options)) attributes.push('Secure');
  return attributes.join('; ');
}

/** Sets the session cookie, for the 7 days a session lasts at most. */
export function setSessionCookie(reply: FastifyReply, options: Pick<ServerOptions, 'tls' | 'publicUrl'>, value: string): void {
  reply.header('Set-Cookie', serialize(options, value, Math.floor(SESSION_MAX_MS / 1000)));
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(reply: FastifyReply, options: Pick<ServerOptions, 'tls' | 'publicUrl'>): void {
  reply.header('Set-Cookie', serialize(options, '', 0));
}

/** Every session cookie value the request carries (a browser may send several of one name). */
export const sessionCookies = (request: FastifyRequest, options: Pick<ServerOptions, 'tls' | 'publicUrl'>): string[] =>
  readCookies(request.raw, sessionCookieName(options)).filter((value) => value !== '');
