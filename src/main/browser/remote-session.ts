import { ok, type Result } from '@shared/result';
import { announcingOpener, revokeNative, signInNative } from '../remote/native-sign-in';
import { openRemoteCore, type RemoteCore, type RemoteCoreOptions } from '../remote/remote-core';
import type { ServerChoice } from '../remote/target';
import { checkServerVersion } from '../remote/version-check';

/** A server browser mode was told to work on (remote/target.ts): with a token, or without one. */
export type ChosenServer = Exclude<ServerChoice, null | { error: string }>;

export interface RemoteSessionDeps {
  /** Says how the sign-in goes (the address to open, what was signed in): browser mode's stderr. */
  print(text: string): void;
  /** Opens the server's sign-in page in the system's browser; absent, the address is only printed. */
  openBrowser?: (url: string) => Promise<void>;
  /** What the remote core needs of this computer and its log (mode, host, onStatus). */
  core?: Omit<RemoteCoreOptions, 'server' | 'token' | 'ca'>;
  /** Stops waiting for the browser (Ctrl+C). */
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface RemoteSession {
  core: RemoteCore;
  /** Signed in through the server's page by this run: the token is this session's alone. */
  signedInHere: boolean;
  /** Closes the core; a token this run signed in for is revoked on the server, as nothing keeps it. */
  end(): Promise<void>;
}

/**
 * Browser mode's way onto a server. With a token (--token, ROSTER_TOKEN, or
 * the one `roster login` kept) it works with it. Without one, or when the
 * kept one has run out or the server no longer takes it, the admin signs in
 * through the server's page (RFC 8252, as `roster-browser`), and the token
 * lasts this session only: nothing is written, and stopping browser mode
 * revokes it (`roster login` is what keeps a sign-in). A token given by the
 * admin that the server refuses is refused here too: they chose it.
 */
export async function openRemoteSession(chosen: ChosenServer, deps: RemoteSessionDeps): Promise<Result<RemoteSession>> {
  const { server } = chosen;
  const ca = chosen.ca;
  const open = (token: string) => openRemoteCore({ ...deps.core, server, token, ...(ca ? { ca } : {}) });

  if (chosen.token !== null) {
    const opened = await open(chosen.token);
    if (opened.ok) return ok({ core: opened.value, signedInHere: false, end: async () => opened.value.close() });
    if (!chosen.saved || opened.error.code !== 'UNAUTHENTICATED') return opened;
    deps.print(`The sign-in kept for ${server.origin} (${chosen.saved.email}) is no longer accepted: ${opened.error.message}`);
  } else if (chosen.expired) {
    deps.print(`The sign-in kept for ${server.origin} (${chosen.expired.email}) expired at ${chosen.expired.expiresAt}.`);
  }

  // A server this Roster cannot work with is said before the admin is sent to sign in for nothing.
  const version = await checkServerVersion({ server, token: '', ...(ca ? { ca } : {}) });
  if (!version.ok) return version;
  const signedIn = await signInNative({
    server,
    clientId: 'roster-browser',
    openBrowser: announcingOpener(server.host, deps.print, deps.openBrowser),
    ...(ca ? { ca } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
  });
  if (!signedIn.ok) return signedIn;
  const { token, email, role } = signedIn.value;
  const revoke = () => revokeNative(server, token, ca);
  const opened = await open(token);
  if (!opened.ok) {
    await revoke();
    return opened;
  }
  deps.print(
    `Signed in to ${server.origin} as ${email} (${role}) for this session only: the sign-in is revoked when browser mode stops. ` +
      `"roster login --server ${server.origin}" keeps one for later runs.`,
  );
  return ok({
    core: opened.value,
    signedInHere: true,
    async end() {
      opened.value.close();
      const problem = await revoke();
      if (problem !== null) deps.print(`The server could not be told to revoke this session's sign-in (${problem}); it stays valid for 30 days unless an owner revokes it.`);
    },
  });
}

