import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function tokensMatch(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  return timingSafeEqual(digest(expected), digest(given));
}

/** Cookies are not kept apart by port, so the name carries it: two browser modes at once do not collide. */
export function cookieName(port: number): string {
  return `roster_session_${port}`;
}

/**
 * Every value sent under `name`. A browser sends several cookies of one name
 * when another server on 127.0.0.1 (cookies ignore the port) has planted one
 * with another path: the good one must still count, so none is dropped.
 */
export function readCookies(request: IncomingMessage, name: string): string[] {
  const header = request.headers.cookie;
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) values.push(part.slice(index + 1).trim());
  }
  return values;
}

/** Whether any of `given` is `expected`; every value is compared, in constant time each. */
function anyMatches(expected: string, given: readonly string[]): boolean {
  return given.reduce((found, value) => tokensMatch(expected, value) || found, false);
}

/** Host names the server answers to; anything else is refused, which stops DNS rebinding. */
export function allowedHosts(port: number): Set<string> {
  // Browsers leave the default port out of Host and Origin.
  const names = port === 80 ? ['127.0.0.1', 'localhost'] : [];
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, ...names]);
}

/** What the one-time link opens: a cookie the browser sends by itself, and a key only the page's own code sends. */
export interface Session {
  cookie: string;
  key: string;
}

/**
 * The one-time link and the session it opens. The link's token works once: the
 * first browser to open it gets a session cookie and, in the fragment of the
 * redirect, a session key (each another random value), and the link is spent.
 * Only that session is ever let in, and only with both: the cookie reaches any
 * server on 127.0.0.1 the browser visits, the key only the tab that opened the link.
 */
export function createGate(token: string) {
  let session: Session | null = null;
  return {
    /** Trades the link's token for a session, once; null for a wrong or spent token. */
    openSession(offered: string): Session | null {
      if (session !== null || !tokensMatch(token, offered)) return null;
      session = { cookie: createToken(), key: createToken() };
      return session;
    },
    /** The printed link opened again in the browser that traded it (another tab): the same session; null otherwise. */
    reopen(offered: string, cookies: readonly string[]): Session | null {
      return session !== null && tokensMatch(token, offered) && anyMatches(session.cookie, cookies) ? session : null;
    },
    /** Enough for the page itself, which holds nothing secret. */
    hasCookie(cookies: readonly string[]): boolean {
      return session !== null && anyMatches(session.cookie, cookies);
    },
    /** Enough for a call: the cookie and the key. */
    isSession(cookies: readonly string[], key: string | undefined): boolean {
      return session !== null && anyMatches(session.cookie, cookies) && tokensMatch(session.key, key);
    },
  };
}
