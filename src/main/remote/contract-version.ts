import { CONTRACT_VERSION, type ServerVersion } from '@shared/ipc/version';
import { fail, ok, type Result } from '@shared/result';
import { version as appVersion } from '../../../package.json';

/**
 * Whether a Roster client and server speak the same contract, said the same
 * way on both sides: the client checks `GET /api/version` before it starts
 * (version-check.ts), and every call it makes carries its own versions in two
 * headers, which the server checks before it runs anything (server/api.ts), so
 * a command line run against a server upgraded meanwhile is told too, without
 * a request of its own.
 */

/** A Roster, as the check compares it: its app version and its contract's (tests pretend to be another). */
export interface OwnVersion {
  version: string;
  contract: number;
}

export const OWN_VERSION: OwnVersion = { version: appVersion, contract: CONTRACT_VERSION };

/** The client's contract version, on every call (a whole number); a call without it (curl, a script) is served as ever. */
export const CONTRACT_HEADER = 'X-Roster-Contract';
/** The client's app version beside it, only for the sentence that names both. */
export const CLIENT_VERSION_HEADER = 'X-Roster-Version';

/** The headers every call of a Roster client carries. */
export const contractHeaders = (own: OwnVersion = OWN_VERSION): Record<string, string> => ({
  [CONTRACT_HEADER.toLowerCase()]: String(own.contract),
  [CLIENT_VERSION_HEADER.toLowerCase()]: own.version,
});

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

/** An app version as a client may name itself: 0.1.0, 1.2.3-beta.1 (anything else is not repeated back). */
const APP_VERSION = /^\d{1,6}\.\d{1,6}\.\d{1,6}(?:[-+][0-9A-Za-z.-]{1,40})?$/;

/**
 * The server's side: the contract a call says it speaks, against the server's
 * own. Null when it fits or says none; otherwise the refusal, in the very
 * sentence the client would have said, so it reads the same on either side.
 */
export function refuseClientContract(headers: Record<string, string | string[] | undefined>, server: OwnVersion, host: string): Result<never> | null {
  const sent = headers[CONTRACT_HEADER.toLowerCase()];
  if (sent === undefined) return null;
  const text = String(sent).trim();
  if (!/^\d{1,9}$/.test(text)) return fail('INVALID_INPUT', `The ${CONTRACT_HEADER} header must be a contract version, a whole number such as ${server.contract}, not "${text.slice(0, 40)}".`);
  const named = String(headers[CLIENT_VERSION_HEADER.toLowerCase()] ?? '').trim();
  const client: OwnVersion = { version: APP_VERSION.test(named) ? named : 'unknown version', contract: Number(text) };
  const compared = compareVersions(client, server, host);
  return compared.ok ? null : (compared as Result<never>);
}
