import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AdminRole } from '@shared/schemas/admins';
import { NATIVE_AUTHORIZE_PATH, NATIVE_REVOKE_PATH, NATIVE_TOKEN_PATH, nativeErrorSchema, nativeTokenResponseSchema } from '@shared/schemas/native-sign-in';
import { fail, ok, type Result } from '@shared/result';
import { unreachable } from './http-client';

/** How long the browser has to come back, by default: time to sign in with a password or the identity provider, and to allow. */
export const NATIVE_SIGN_IN_TIMEOUT_MS = 5 * 60 * 1000;

export interface NativeSignInOptions {
  /** The Roster server's address (https://roster.example.com). */
  server: string | URL;
  /** roster-cli, roster-desktop or roster-browser: named on the confirmation page and in the token's name. */
  clientId: string;
  /** Opens the sign-in address in the admin's own browser (never a window of the app). A rejection ends the sign-in. */
  openBrowser(url: string): Promise<void>;
  /** PEM certificates of a private certificate authority, beside the system's. */
  ca?: Buffer | string;
  timeoutMs?: number;
  /** Ends the wait early (the admin gave up): the answer is CANCELLED. */
  signal?: AbortSignal;
}

export interface NativeSignedIn {
  token: string;
  expiresAt: string;
  email: string;
  role: AdminRole;
}

const random = () => randomBytes(32).toString('base64url');

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${title}</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:15vh auto;padding:0 1em"><h1 style="font-size:20px">${title}</h1><p>${text}</p></body></html>`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);


/** POSTs a form and answers the status and JSON body (null when the answer is not JSON). */
function postForm(url: URL, fields: Record<string, string>, ca: Buffer | string | undefined): Promise<{ status: number; body: unknown }> {
  const client = url.protocol === 'https:' ? https : http;
  const payload = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(payload), accept: 'application/json' },
        ...(url.protocol === 'https:' && ca ? { ca } : {}),
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          let body: unknown = null;
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // Not JSON: a proxy's page, or not a Roster server; said by the caller.
          }
          resolve({ status: response.statusCode ?? 0, body });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(Object.assign(new Error('the server did not answer within 30 seconds'), { code: 'ETIMEDOUT' })));
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * Signs an admin in from a native app (RFC 8252; docs/SERVER.md, "Signing in
 * from the command line and the desktop app"): a one-shot listener on
 * 127.0.0.1 takes the browser's redirect back, with PKCE (S256) and a state
 * of its own; the code is exchanged for an API token of the admin who allowed
 * it. A redirect with another state is turned away and the wait goes on (any
 * page could send one to this port). The browser is told how it ended.
 */
export async function signInNative(options: NativeSignInOptions): Promise<Result<NativeSignedIn>> {
  let server: URL;
  try {
    server = new URL(String(options.server));
  } catch {
    return fail('INVALID_INPUT', `"${String(options.server)}" is not a server address such as https://roster.example.com.`);
  }
  if (server.protocol !== 'https:' && server.protocol !== 'http:') return fail('INVALID_INPUT', `The server address must start with https:// (or http://), not ${server.protocol}`);
  const verifier = random();
  const state = random();
  const challenge = createHash('sha256').update(verifier, 'ascii').digest('base64url');

  let settle!: (result: Result<NativeSignedIn>) => void;
  const done = new Promise<Result<NativeSignedIn>>((resolve) => (settle = resolve));
  let redirectUri = '';
  let answered = false;

  const listener = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    /** Answers the browser; resolves once the page is sent, so the listener is not closed under it. */
    const reply = (status: number, title: string, text: string) =>
      new Promise<void>((resolve) => {
        response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
        response.end(page(title, escape(text)), () => resolve());
      });
    if (request.method !== 'GET' || url.pathname !== '/callback') return reply(404, 'Not found', 'Roster is waiting for the sign-in on another address.');
    if (answered || url.searchParams.get('state') !== state) {
      return reply(400, 'This sign-in does not match', 'This page does not belong to the sign-in this app is waiting for. Start it again from the app.');
    }
    answered = true;
    const error = url.searchParams.get('error');
    if (error !== null) {
      const description = url.searchParams.get('error_description') ?? error;
      const refused = error === 'access_denied' ? fail('CANCELLED', `The sign-in was cancelled in the browser: ${description}`) : fail('UNAUTHENTICATED', `The server refused the sign-in: ${description}`);
      return void reply(200, 'Not signed in', `${description} You can close this tab.`).then(() => settle(refused));
    }
    const code = url.searchParams.get('code') ?? '';
    void exchange(code).then(async (result) => {
      if (result.ok) await reply(200, 'Signed in', `Signed in to ${server.host} as ${result.value.email} (${result.value.role}). You can close this tab.`);
      else await reply(200, 'Not signed in', `${result.error.message} You can close this tab.`);
      settle(result);
    });
  });

  async function exchange(code: string): Promise<Result<NativeSignedIn>> {
    const at = Date.now();
    let answer: { status: number; body: unknown };
    try {
      answer = await postForm(new URL(NATIVE_TOKEN_PATH, server), { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, client_id: options.clientId }, options.ca);
    } catch (error) {
      return unreachable(server, error as NodeJS.ErrnoException);
    }
    const token = nativeTokenResponseSchema.safeParse(answer.body);
    if (answer.status === 200 && token.success) {
      const { access_token, expires_in, admin } = token.data;
      return ok({ token: access_token, expiresAt: new Date(at + expires_in * 1000).toISOString(), email: admin.email, role: admin.role });
    }
    const refused = nativeErrorSchema.safeParse(answer.body);
    if (refused.success) return fail('UNAUTHENTICATED', `The server refused the sign-in: ${refused.data.error_description ?? refused.data.error}`);
    return fail('UNAVAILABLE', `${server.origin} did not answer as a Roster server does (HTTP ${answer.status}); check the address.`);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    return fail('UNAVAILABLE', `Roster could not listen on 127.0.0.1 for the browser to come back: ${(error as Error).message}.`);
  }
  redirectUri = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/callback`;

  const authorize = new URL(NATIVE_AUTHORIZE_PATH, server);
  for (const [name, value] of Object.entries({ response_type: 'code', client_id: options.clientId, redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: 'S256' })) {
    authorize.searchParams.set(name, value);
  }

  const timeoutMs = options.timeoutMs ?? NATIVE_SIGN_IN_TIMEOUT_MS;
  const timer = setTimeout(
    () => settle(fail('UNAVAILABLE', `The browser did not come back within ${Math.round(timeoutMs / 60_000) || 1} minute${timeoutMs > 60_000 ? 's' : ''}: nothing was signed in. Start again.`)),
    timeoutMs,
  );
  const onAbort = () => settle(fail('CANCELLED', 'The sign-in was stopped before the browser came back.'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();

  try {
    await options.openBrowser(authorize.href);
  } catch (error) {
    settle(fail('UNAVAILABLE', `The browser could not be opened (${(error as Error).message}). Open this address yourself: ${authorize.href}`));
  }
  const result = await done;
  clearTimeout(timer);
  options.signal?.removeEventListener('abort', onAbort);
  // The browser's page is answered before the listener goes; no other connection is waited for.
  await new Promise<void>((resolve) => {
    listener.close(() => resolve());
    listener.closeIdleConnections();
    // A browser that keeps its connection open a while is not waited for.
    setTimeout(() => listener.closeAllConnections(), 1000).unref();
  });
  return result;
}

/**
 * The opener a native app hands signInNative: the system's browser where it
 * can open one, and the address printed either way (for when it did not open,
 * or there is no browser here). The command line and browser mode say the same.
 */
export function announcingOpener(host: string, print: (text: string) => void, opener?: (url: string) => Promise<void>) {
  return async (url: string) => {
    if (opener) {
      try {
        await opener(url);
        print(`Opened your browser to sign in to ${host}. If it did not open, go to:\n\n  ${url}\n`);
        return;
      } catch (error) {
        print(`Could not open a browser (${(error as Error).message}).`);
      }
    }
    print(`Open this address in a browser on this computer to sign in to ${host}:\n\n  ${url}\n`);
    print('Waiting for the browser to come back (up to 5 minutes)…');
  };
}

/** Revokes a token on the server (RFC 7009, POST /auth/native/revoke); answers why it could not, or null once done. */
export function revokeNative(server: URL, token: string, ca: Buffer | undefined): Promise<string | null> {
  const url = new URL(NATIVE_REVOKE_PATH, server);
  const client = url.protocol === 'https:' ? https : http;
  const body = new URLSearchParams({ token }).toString();
  return new Promise((resolve) => {
    const request = client.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }, ...(url.protocol === 'https:' && ca ? { ca } : {}), timeout: 10_000 },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode === 200 ? null : `the server answered HTTP ${response.statusCode}`));
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer within 10 seconds')));
    request.on('error', (error) => resolve(error.message));
    request.end(body);
  });
}
