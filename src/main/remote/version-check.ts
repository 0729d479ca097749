import type { ServerVersion } from '@shared/ipc/version';
import { fail, type Result } from '@shared/result';
import { compareVersions, OWN_VERSION, type OwnVersion } from './contract-version';
import { send, text, unreachable, type RemoteTarget } from './http-client';

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
