import { consoleSessionSchema, CSRF_HEADER, signInOptionsSchema, type ConsoleSession, type PasswordSignInInput, type SignInOptions } from '@shared/schemas/console-auth';
import { fail, type Result } from '@shared/result';
import type { z } from 'zod';

/**
 * The server's /auth routes (shared/schemas/console-auth.ts), as the console
 * calls them. Each answers a Result; a server that does not answer, or answers
 * something else (a proxy's error page), is said as such.
 */

export const SERVER_LOST = 'The Roster server is not answering. Check your connection, then try again.';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

const defaultFetch: FetchLike = (input, init) => fetch(input, init);

/** A JSON Result from the server, whatever its status; the status is kept for the callers that switch on it (401, 429). */
export async function readResult<T>(response: Response, schema?: z.ZodType<T>): Promise<Result<T>> {
  if (!response.headers.get('content-type')?.startsWith('application/json')) return fail('UNAVAILABLE', `${SERVER_LOST} (HTTP ${response.status})`);
  const body = (await response.json()) as Result<T>;
  if (body.ok && schema) {
    const parsed = schema.safeParse(body.value);
    if (!parsed.success) return fail('INTERNAL', 'The Roster server answered something this console does not understand. Reload the page.');
    return { ok: true, value: parsed.data };
  }
  return body;
}

async function call<T>(fetchOf: FetchLike, url: string, init: RequestInit, schema?: z.ZodType<T>): Promise<{ status: number; result: Result<T> }> {
  try {
    const response = await fetchOf(url, { credentials: 'same-origin', cache: 'no-store', ...init });
    return { status: response.status, result: await readResult(response, schema) };
  } catch {
    return { status: 0, result: fail('UNAVAILABLE', SERVER_LOST) };
  }
}

/** What the sign-in page offers: the identity provider (when the server has one) and passwords. */
export async function getSignInOptions(fetchOf: FetchLike = defaultFetch): Promise<Result<SignInOptions>> {
  return (await call(fetchOf, '/auth/methods', { method: 'GET' }, signInOptionsSchema)).result;
}

/** Who is signed in; a failure (401) says why no one is: never signed in, signed out, idle, ended by an owner. */
export async function getSession(fetchOf: FetchLike = defaultFetch): Promise<Result<ConsoleSession>> {
  return (await call(fetchOf, '/auth/session', { method: 'GET' }, consoleSessionSchema)).result;
}

/** Break-glass sign-in with a password. The status tells a wrong password (401) from too many attempts (429). */
export async function signInWithPassword(input: PasswordSignInInput, fetchOf: FetchLike = defaultFetch): Promise<{ status: number; result: Result<ConsoleSession> }> {
  const answer = await call<unknown>(fetchOf, '/auth/password', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
  if (!answer.result.ok) return answer as { status: number; result: Result<ConsoleSession> };
  // The session comes with the answer; asked for again where the answer is shaped otherwise.
  const parsed = consoleSessionSchema.safeParse(answer.result.value);
  return { status: answer.status, result: parsed.success ? { ok: true, value: parsed.data } : await getSession(fetchOf) };
}

/** Ends this session on the server (the cookie goes with it). */
export async function signOut(csrfToken: string, fetchOf: FetchLike = defaultFetch): Promise<Result<unknown>> {
  return (await call(fetchOf, '/auth/signout', { method: 'POST', headers: { [CSRF_HEADER]: csrfToken } })).result;
}

/** Where the identity provider's sign-in starts: the page goes there, and comes back signed in (or with ?signin_error=). */
export const OIDC_START = '/auth/oidc/start';

const SIGNED_IN_ITEM = 'roster.console.signedIn';

type Flag = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * Whether this browser held a session the admin did not end themselves: a page
 * loaded without one then says why it ended (idle, ended by an owner), where a
 * first visit says nothing. Only a flag is kept; the session is the cookie's.
 */
export const signedInFlag = (storage: () => Flag | null = () => window.localStorage) => {
  const safely = (act: (flag: Flag) => void) => {
    try {
      const flag = storage();
      if (flag) act(flag);
    } catch {
      // Storage turned off: the reason is said only for a session ending while the page is open.
    }
  };
  return {
    set: () => safely((flag) => flag.setItem(SIGNED_IN_ITEM, '1')),
    clear: () => safely((flag) => flag.removeItem(SIGNED_IN_ITEM)),
    held(): boolean {
      let held = false;
      safely((flag) => (held = flag.getItem(SIGNED_IN_ITEM) === '1'));
      return held;
    },
  };
};
