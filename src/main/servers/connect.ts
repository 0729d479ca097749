import type { AdminRole } from '@shared/schemas/admins';
import type { Connected, ServerConnection } from '@shared/schemas/servers';
import { fail, ok, type Result } from '@shared/result';
import type { RecentServers } from './recent-servers';
import type { KeptSignIn, TokenStore } from './token-store';

/** The client id the desktop app signs in as (RFC 8252 sign-in, docs/SERVER.md). */
export const DESKTOP_CLIENT_ID = 'roster-desktop';

/** A signed-in admin, as the server says: what signInNative answers and what checking a token answers. */
export interface SignedIn {
  token: string;
  expiresAt: string | null;
  email: string;
  role: AdminRole;
}

/** remote/native-sign-in.ts's signInNative: the system browser signs in, a loopback redirect brings the token back. */
export type SignInNative = (options: { server: string; clientId: string; openBrowser: (url: string) => Promise<void>; signal?: AbortSignal }) => Promise<Result<SignedIn>>;

export interface ConnectDeps {
  signInNative: SignInNative;
  /** Opens the server's sign-in page in the admin's own browser, never in the app's window (shell/external-links.ts, openSignInPage). */
  openBrowser: (url: string, server: string) => Promise<void>;
  /** Asks the server whom a token belongs to; UNAUTHENTICATED when it is unknown, revoked or run out. */
  whoAmI: (server: string, token: string) => Promise<Result<Omit<SignedIn, 'token'>>>;
  /** Makes the window work on the server (switches the core); a refusal (a version mismatch) leaves it where it was. */
  attach: (server: ServerConnection, token: string) => Promise<Result<void>>;
  tokens: TokenStore;
  recent: RecentServers;
  now?: () => Date;
}

export type ConnectInput = { address: string; method: 'browser' } | { address: string; method: 'token'; token: string };

export interface ServerConnector {
  connect(input: ConnectInput): Promise<Result<Connected>>;
  /** Connects to a recent server with its kept sign-in; UNAUTHENTICATED (saying why) when it must be signed in to again. */
  reconnect(address: string): Promise<Result<Connected>>;
  /** Stops a sign-in waiting for the browser (the admin closed the dialog): it ends CANCELLED and nothing changes. */
  cancelSignIn(): boolean;
}

const hostOf = (address: string) => new URL(address).host;

/**
 * File → Connect to a Server… and its recent servers: sign in (the system
 * browser, or an API token checked by the server), switch the window to the
 * server, keep the sign-in encrypted where the system can (token-store.ts),
 * and remember the server with the admin it was signed in as.
 */
export function createServerConnector(deps: ConnectDeps): ServerConnector {
  const now = deps.now ?? (() => new Date());
  // The sign-in waiting for the browser, if one is: a second one replaces it, as the dialog shows only one.
  let waiting: AbortController | null = null;

  const finish = async (address: string, signedIn: SignedIn): Promise<Result<Connected>> => {
    const connection: ServerConnection = { address, host: hostOf(address), email: signedIn.email, role: signedIn.role };
    const attached = await deps.attach(connection, signedIn.token);
    if (!attached.ok) return attached;
    const kept = deps.tokens.keep(address, signedIn satisfies KeptSignIn);
    deps.recent.remember(connection);
    deps.recent.setCurrent(address);
    return ok({ ...connection, kept });
  };

  return {
    async connect(input) {
      if (input.method === 'browser') {
        waiting?.abort();
        const controller = new AbortController();
        waiting = controller;
        const signedIn = await deps.signInNative({
          server: input.address,
          clientId: DESKTOP_CLIENT_ID,
          openBrowser: (url) => deps.openBrowser(url, input.address),
          signal: controller.signal,
        });
        if (waiting === controller) waiting = null;
        // Given up meanwhile: a browser that came back late changes nothing.
        if (controller.signal.aborted) return fail('CANCELLED', 'The sign-in was stopped before the browser came back.');
        if (!signedIn.ok) return signedIn;
        return finish(input.address, signedIn.value);
      }
      const who = await deps.whoAmI(input.address, input.token);
      if (!who.ok) {
        if (who.error.code !== 'UNAUTHENTICATED') return who;
        return fail('UNAUTHENTICATED', `${hostOf(input.address)} does not accept that API token (${who.error.message.replace(/\.$/, '')}). Check that it was copied whole, or create another with "roster admins token create".`, [
          { path: 'token', message: 'The server does not accept this token' },
        ]);
      }
      return finish(input.address, { ...who.value, token: input.token });
    },

    async reconnect(address) {
      const entry = deps.recent.find(address);
      if (!entry) return fail('NOT_FOUND', `${address} is not one of the recent servers.`);
      const signInAgain = (why: string) => fail('UNAUTHENTICATED', `Sign in to ${entry.host} again: ${why}`);
      if (!deps.tokens.canKeep()) return signInAgain('this computer cannot keep sign-ins encrypted, so Roster kept none.');
      const kept = deps.tokens.read(address);
      if (!kept) return signInAgain(`no sign-in is kept for ${entry.email}.`);
      if (kept.expiresAt !== null && Date.parse(kept.expiresAt) <= now().getTime()) {
        deps.tokens.forget(address);
        return signInAgain(`${entry.email}’s sign-in ran out at ${kept.expiresAt}.`);
      }
      const who = await deps.whoAmI(address, kept.token);
      if (!who.ok) {
        if (who.error.code !== 'UNAUTHENTICATED') return who;
        deps.tokens.forget(address);
        return signInAgain(`the server no longer accepts ${entry.email}’s sign-in (it was revoked, or its admin removed).`);
      }
      return finish(address, { ...who.value, token: kept.token, expiresAt: kept.expiresAt });
    },

    cancelSignIn() {
      if (!waiting) return false;
      waiting.abort();
      waiting = null;
      return true;
    },
  };
}
