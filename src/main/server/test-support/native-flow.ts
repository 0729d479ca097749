import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { s256 } from '../auth/native-grants';

/** A PKCE pair as an app makes it (RFC 7636): the verifier it keeps, the challenge it sends. */
export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256(verifier) };
}

export const LOOPBACK = 'http://127.0.0.1:43117/callback';

/** An authorization request's query, good unless `overrides` says otherwise (undefined leaves a parameter out). */
export function authorizeUrl(challenge: string, overrides: Record<string, string | undefined> = {}): string {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: 'roster-cli',
    redirect_uri: LOOPBACK,
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
  return `/auth/native/authorize?${query}`;
}

/** The hidden CSRF field of the confirmation page. */
export const csrfField = (page: string): string => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

/**
 * The browser's part, with inject: the authorize request, the confirmation
 * page (signed in with `cookie`), and Allow or Cancel. Answers where the
 * browser is sent back (the loopback address with the code or error).
 */
export async function answerInBrowser(app: FastifyInstance, url: string, cookie: string, origin: string, decision: 'allow' | 'cancel' = 'allow'): Promise<URL> {
  const started = await app.inject({ method: 'GET', url, headers: { cookie } });
  if (started.statusCode !== 303) throw new Error(`authorize answered ${started.statusCode}: ${started.body}`);
  const consent = String(started.headers.location);
  const page = await app.inject({ method: 'GET', url: consent, headers: { cookie } });
  if (page.statusCode !== 200) throw new Error(`the confirmation page answered ${page.statusCode}: ${page.body}`);
  const answered = await app.inject({
    method: 'POST',
    url: consent,
    headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ csrf: csrfField(page.body), decision }).toString(),
  });
  if (answered.statusCode !== 303) throw new Error(`the confirmation answered ${answered.statusCode}: ${answered.body}`);
  return new URL(String(answered.headers.location));
}
