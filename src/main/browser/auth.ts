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

export function readCookie(request: IncomingMessage, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** Host names the server answers to; anything else is refused, which stops DNS rebinding. */
export function allowedHosts(port: number): Set<string> {
  // Browsers leave the default port out of Host and Origin.
  const names = port === 80 ? ['127.0.0.1', 'localhost'] : [];
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, ...names]);
}

/**
 * The one-time link and the session it opens. The link's token works once: the
 * first browser to open it gets a session cookie (a different random value),
 * and the link is spent. Only that session is ever let in.
 */
export function createGate(token: string) {
  let session: string | null = null;
  return {
    /** Trades the link's token for a session id, once; null for a wrong or spent token. */
    openSession(offered: string): string | null {
      if (session !== null || !tokensMatch(token, offered)) return null;
      session = createToken();
      return session;
    },
    isSession(value: string | undefined): boolean {
      return session !== null && tokensMatch(session, value);
    },
  };
}
