import fs from 'node:fs';
import type { RemoteTarget } from './http-client';

/**
 * The server browser mode (or the desktop app) works on: --server and --token (or ROSTER_SERVER
 * and ROSTER_TOKEN), and --ca; null for a local store. A server without a
 * token, a token without a server, --db beside --server, or an address that
 * is not one, is bad usage: the command line's own rule (cli/run.ts), for the processes that keep a window.
 */
export function remoteTarget(values: Record<string, unknown>, env: NodeJS.ProcessEnv): RemoteTarget | { error: string } | null {
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
  if (token === undefined) return { error: '--server needs an API token: --token T or ROSTER_TOKEN (create one with "roster admins token create" on the server)' };
  let caPem: Buffer | undefined;
  if (ca !== undefined) {
    try {
      caPem = fs.readFileSync(ca);
    } catch (error) {
      return { error: `--ca ${ca} cannot be read: ${(error as Error).message}` };
    }
  }
  return { server: url, token, ...(caPem ? { ca: caPem } : {}) };
}
