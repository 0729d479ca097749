import { createHash, randomBytes } from 'node:crypto';
import { NATIVE_CLIENTS, type NativeClientId } from '@shared/schemas/native-sign-in';
import { tokensMatch } from '../../browser/auth';

/** A request waits this long for its admin to sign in and allow it. */
export const NATIVE_REQUEST_MS = 10 * 60 * 1000;
/** A code must be exchanged within this long (RFC 6749 §4.1.2 recommends at most 10 minutes; the app does it at once). */
export const NATIVE_CODE_MS = 60 * 1000;
/** At most this many requests and codes are kept at once; the oldest go first, so no caller can fill the memory. */
const MAX_KEPT = 10_000;

/** A checked authorization request, as the app sent it. */
export interface NativeRequest {
  clientId: NativeClientId;
  redirectUri: string;
  state: string | null;
  codeChallenge: string;
}

/** Why an authorization request is refused: `redirect` once the redirect address is known good (RFC 6749 §4.1.2.1), else shown in the browser. */
export type RequestRefusal = { redirect: boolean; error: 'invalid_request' | 'unauthorized_client' | 'unsupported_response_type'; description: string };

/** RFC 7636 §4.1: 43 to 128 characters of the unreserved set. */
const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/;

/**
 * Whether `value` is a loopback redirect address (RFC 8252 §7.3): http, to
 * 127.0.0.1 or [::1] on any port. "localhost" is refused (§8.3: a name may
 * resolve elsewhere), as are https, credentials and fragments. Null when it is
 * one, else what is wrong, in words.
 */
export function loopbackProblem(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return 'redirect_uri is missing: the app must name its loopback address, such as http://127.0.0.1:PORT/callback.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `redirect_uri "${value.slice(0, 200)}" is not an address.`;
  }
  const shown = value.slice(0, 200);
  if (url.protocol !== 'http:') return `redirect_uri ${shown} is not http://: an app signs in through a loopback address on its own computer, http://127.0.0.1:PORT/...`;
  if (url.hostname !== '127.0.0.1' && url.hostname !== '[::1]') {
    return `redirect_uri ${shown} is not a loopback address: only http://127.0.0.1:PORT/... or http://[::1]:PORT/... are accepted${url.hostname === 'localhost' ? ' (not "localhost", which may name another address)' : ''}, so the code never leaves the computer that asked.`;
  }
  if (url.username || url.password) return `redirect_uri ${shown} carries a user name or password.`;
  if (url.hash || value.includes('#')) return `redirect_uri ${shown} has a fragment (#...), which a redirect address may not have.`;
  return null;
}

/** Checks an authorization request's query (RFC 6749 §4.1.1 with RFC 7636's PKCE, S256 only). */
export function checkAuthorizeRequest(query: Record<string, unknown>): { ok: true; request: NativeRequest } | ({ ok: false } & RequestRefusal) {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  const clientId = text('client_id');
  if (clientId === undefined || !Object.hasOwn(NATIVE_CLIENTS, clientId)) {
    const known = Object.keys(NATIVE_CLIENTS).join(', ');
    return { ok: false, redirect: false, error: 'unauthorized_client', description: `client_id ${clientId ? `"${clientId.slice(0, 100)}"` : 'is missing; it'} must be one of Roster's own apps: ${known}.` };
  }
  const problem = loopbackProblem(query.redirect_uri);
  if (problem) return { ok: false, redirect: false, error: 'invalid_request', description: problem };
  const redirectUri = text('redirect_uri')!;
  const state = text('state') ?? null;
  // From here the redirect address is good: refusals go back to the app (with its state), which says them.
  if (state !== null && state.length > 512) return { ok: false, redirect: true, error: 'invalid_request', description: 'state is longer than 512 characters.' };
  if (text('response_type') !== 'code') {
    return { ok: false, redirect: true, error: 'unsupported_response_type', description: `response_type must be "code", not "${(text('response_type') ?? '').slice(0, 50)}".` };
  }
  const challenge = text('code_challenge');
  if (challenge === undefined || !PKCE_VALUE.test(challenge)) {
    return { ok: false, redirect: true, error: 'invalid_request', description: 'code_challenge is missing or malformed: PKCE is required (RFC 7636), 43 to 128 characters.' };
  }
  if (text('code_challenge_method') !== 'S256') {
    return { ok: false, redirect: true, error: 'invalid_request', description: `code_challenge_method must be S256, not "${(text('code_challenge_method') ?? 'plain').slice(0, 20)}".` };
  }
  return { ok: true, request: { clientId: clientId as NativeClientId, redirectUri, state, codeChallenge: challenge } };
}

/** The address the browser is sent back to: the app's redirect address with the code (or error) and the state. */
export function redirectBack(request: NativeRequest, params: Record<string, string>): string {
  const url = new URL(request.redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  if (request.state !== null) url.searchParams.set('state', request.state);
  return url.href;
}

export const s256 = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** Who allowed a code: the admin and the console session they were signed in with. */
export interface Allowed {
  adminId: number;
  email: string;
  sessionId: number;
}

interface Code {
  request: NativeRequest;
  allowed: Allowed;
  createdAt: number;
  /** Null until exchanged, then the token's name ('' when none was made): a second exchange revokes what the first was given (RFC 6749 §4.1.2). */
  tokenName: string | null;
}

export type Redemption =
  | { ok: true; request: NativeRequest; allowed: Allowed; settle(tokenName: string): void }
  | { ok: false; error: 'invalid_grant' | 'invalid_client'; description: string; reused?: { allowed: Allowed; tokenName: string } };

/**
 * The requests waiting for their admin and the codes waiting to be exchanged,
 * in memory: a restart of the server forgets them, and the app starts again.
 * Codes are kept by their hash, so a dump of the memory names none.
 */
export function createNativeGrants(clock: () => number) {
  const requests = new Map<string, { request: NativeRequest; createdAt: number }>();
  const codes = new Map<string, Code>();
  const hash = (code: string) => createHash('sha256').update(code, 'utf8').digest('base64url');

  function sweep() {
    const at = clock();
    for (const [id, entry] of requests) if (at - entry.createdAt > NATIVE_REQUEST_MS) requests.delete(id);
    // A used code is kept to its expiry, so a second exchange is recognised as one.
    for (const [id, entry] of codes) if (at - entry.createdAt > NATIVE_CODE_MS) codes.delete(id);
  }
  const bound = (map: Map<string, unknown>) => {
    if (map.size > MAX_KEPT) map.delete(map.keys().next().value!);
  };

  return {
    /** Keeps a checked request; answers its id, the confirmation page's address. */
    open(request: NativeRequest): string {
      sweep();
      const id = randomBytes(24).toString('base64url');
      requests.set(id, { request, createdAt: clock() });
      bound(requests);
      return id;
    },

    /** The request waiting under `id`, or null when there is none (never made, expired, answered). */
    pending(id: string): NativeRequest | null {
      sweep();
      return requests.get(id)?.request ?? null;
    },

    /** Answers a request once (Allow or Cancel): it is forgotten, and Allow makes its code. */
    answer(id: string, allowed: Allowed | null): { request: NativeRequest; code: string | null } | null {
      sweep();
      const entry = requests.get(id);
      if (!entry) return null;
      requests.delete(id);
      if (!allowed) return { request: entry.request, code: null };
      const code = randomBytes(32).toString('base64url');
      codes.set(hash(code), { request: entry.request, allowed, createdAt: clock(), tokenName: null });
      bound(codes);
      return { request: entry.request, code };
    },

    /** Checks an exchange (RFC 6749 §4.1.3, RFC 7636 §4.6): the code, unused and fresh, for this client, redirect address and verifier. */
    redeem(input: { code: string; verifier: string; redirectUri: string; clientId: string }): Redemption {
      sweep();
      const entry = codes.get(hash(input.code));
      if (!entry) return { ok: false, error: 'invalid_grant', description: 'The code is not one this server gave, or it is more than 60 seconds old: sign in again.' };
      if (entry.tokenName !== null) {
        return {
          ok: false,
          error: 'invalid_grant',
          description: 'The code was exchanged already; the token it gave is revoked, in case someone else holds it. Sign in again.',
          ...(entry.tokenName !== '' ? { reused: { allowed: entry.allowed, tokenName: entry.tokenName } } : {}),
        };
      }
      if (input.clientId !== entry.request.clientId) return { ok: false, error: 'invalid_client', description: `The code was given to ${entry.request.clientId}, not to ${input.clientId.slice(0, 100)}.` };
      if (input.redirectUri !== entry.request.redirectUri) return { ok: false, error: 'invalid_grant', description: 'redirect_uri is not the one the sign-in was started with.' };
      if (!tokensMatch(entry.request.codeChallenge, s256(input.verifier))) {
        // A wrong verifier spends the code: whoever holds a stolen code gets one try.
        codes.delete(hash(input.code));
        return { ok: false, error: 'invalid_grant', description: 'code_verifier does not match the code_challenge the sign-in was started with (PKCE).' };
      }
      // Spent from here, whatever the exchange gives: settle() names the token a second exchange revokes.
      entry.tokenName = '';
      return { ok: true, request: entry.request, allowed: entry.allowed, settle: (tokenName) => void (entry.tokenName = tokenName) };
    },
  };
}

export type NativeGrants = ReturnType<typeof createNativeGrants>;
