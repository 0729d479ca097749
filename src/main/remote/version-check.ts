import { CONTRACT_VERSION, type ServerVersion } from '@shared/ipc/version';
import { fail, ok, type Result } from '@shared/result';
import { version as appVersion } from '../../../package.json';
import { send, text, unreachable, type RemoteTarget } from './http-client';

/** This Roster, as the check compares it: its app version and its contract's (tests pretend to be another). */
export interface OwnVersion {
  version: string;
  contract: number;
}

export const OWN_VERSION: OwnVersion = { version: appVersion, contract: CONTRACT_VERSION };

/** "0.1.x": the line of releases that speak a server's contract. */
const lineOf = (version: string) => `${version.split('.').slice(0, 2).join('.')}.x`;

/**
 * Whether this Roster and a server's speak the same contract, said plainly
 * when they do not: which one is older, and what to upgrade. Equal contract
 * versions fit, whatever the app versions (a server's bug-fix release changes
 * nothing a client reads).
 */
export function compareVersions(own: OwnVersion, server: ServerVersion, host: string): Result<ServerVersion> {
  if (server.contract === own.contract) return ok(server);
  const ours = `This Roster (${own.version}, contract ${own.contract})`;
  const theirs = `the server at ${host} (${server.version}, contract ${server.contract})`;
  return server.contract > own.contract
    ? fail('VERSION_MISMATCH', `${ours} is older than ${theirs}: upgrade this app.`)
    : fail('VERSION_MISMATCH', `${ours} is newer than ${theirs}: upgrade the server, or use Roster ${lineOf(server.version)}.`);
}

/** Asks `GET /api/version` (no sign-in) and compares; a server too old to have it is a server to upgrade. */
export async function checkServerVersion(target: RemoteTarget, own: OwnVersion = OWN_VERSION): Promise<Result<ServerVersion>> {
  const host = target.server.host;
  let answer: { status: number; contentType: string; body: string };
  try {
    const sent = await send(target, '/api/version', undefined, { accept: 'application/json' }, { method: 'GET', signedIn: false });
    answer = { status: sent.status, contentType: sent.contentType, body: await text(sent.body) };
  } catch (error) {
    return unreachable(target.server, error as NodeJS.ErrnoException);
  }
  if (answer.status === 200 && answer.contentType.startsWith('application/json')) {
    try {
      const parsed = JSON.parse(answer.body) as Partial<ServerVersion>;
      if (typeof parsed.version === 'string' && Number.isInteger(parsed.contract)) return compareVersions(own, parsed as ServerVersion, host);
    } catch {
      // Said below.
    }
  }
  // A Roster server from before contract versions has no such route: its /api answers 401 or 404 with a Result.
  if ((answer.status === 404 || answer.status === 401) && answer.contentType.startsWith('application/json')) {
    return fail('VERSION_MISMATCH', `The server at ${host} is a Roster server older than this Roster (${own.version}), without contract versions: upgrade the server.`);
  }
  return fail('UNAVAILABLE', `${target.server.origin} did not answer as a Roster server does (HTTP ${answer.status}); check the address.`);
}
