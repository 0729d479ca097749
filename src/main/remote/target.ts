import fs from 'node:fs';
import { savedLogin, type SavedLogin } from './credentials';
import type { RemoteTarget } from './http-client';

/**
 * Where a client calls: the one rule of the command line (cli/run.ts) and
 * browser mode (browser/remote-mode.ts) for --server, --token and --ca
 * (docs/decisions/command-line.md). The server is --server, else
 * ROSTER_SERVER; the token is --token, else ROSTER_TOKEN, else the sign-in
 * `roster login` kept for that server's origin.
 */
export type ServerChoice =
  /** No server named: a local store. */
  | null
  /** Bad usage (exit 2), said for the person who typed it. */
  | { error: string }
  /** A server and a token to call it with; `saved` when the token is the one `roster login` kept. */
  | (RemoteTarget & { saved: SavedLogin | null })
  /** A server, and no token for it: none given, none kept, or the kept one has run out (`expired`). */
  | { server: URL; ca?: Buffer; token: null; expired: SavedLogin | null };

/** What the command line says of a server with no token (bad usage); browser mode signs in through the server's page instead. */
export const needsSignIn = (server: URL) =>
  `--server needs a sign-in: run "roster login --server ${server.origin}", or give an API token with --token T or ROSTER_TOKEN`;

/** A kept sign-in past its expiry: refused before any call. */
export const expiredSignIn = (server: URL, saved: SavedLogin) =>
  `Your sign-in to ${server.origin} (${saved.email}) expired at ${saved.expiresAt}: run "roster login --server ${server.origin}" again.`;

/** A kept sign-in the server no longer takes (revoked, its admin removed): its reason, and the way back. */
export const signInAgain = (server: URL, reason: string) => `${reason.replace(/\.?$/, '.')} Run "roster login --server ${server.origin}" again.`;

/**
 * Reads the options (and the environment) naming a server. A token or --ca
 * without a server, --db beside --server, an address that is not one, or a
 * --ca that cannot be read is bad usage.
 */
export function chooseServer(values: Record<string, unknown>, env: NodeJS.ProcessEnv, now: Date = new Date()): ServerChoice {
  const given = (option: string, variable: string) => (typeof values[option] === 'string' ? (values[option] as string) : env[variable]?.trim() || undefined);
  const server = given('server', 'ROSTER_SERVER');
  const token = given('token', 'ROSTER_TOKEN');
  const ca = typeof values.ca === 'string' ? values.ca : undefined;
  if (server === undefined) {
    if (typeof values.token === 'string') return { error: '--token goes with --server URL (or ROSTER_SERVER)' };
    if (ca !== undefined) return { error: '--ca goes with --server URL (or ROSTER_SERVER)' };
    return null;
  }
  if (typeof values.db === 'string') return { error: '--db and --server name two different stores: give one' };
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return { error: `--server must be an address such as https://roster.example.com, not "${server}"` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: `--server must start with https:// (or http://), not "${url.protocol}"` };
  let caPem: Buffer | undefined;
  if (ca !== undefined) {
    try {
      caPem = fs.readFileSync(ca);
    } catch (error) {
      return { error: `--ca ${ca} cannot be read: ${(error as Error).message}` };
    }
  }
  const trust = caPem ? { ca: caPem } : {};
  if (token !== undefined) return { server: url, token, ...trust, saved: null };
  const saved = savedLogin(env, url);
  if (saved === null) return { server: url, ...trust, token: null, expired: null };
  if (saved.expiresAt <= now.toISOString()) return { server: url, ...trust, token: null, expired: saved };
  return { server: url, token: saved.token, ...trust, saved };
}
