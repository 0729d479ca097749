import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { version } from '../../../../package.json';
import { NATIVE_REVOKE_PATH } from '@shared/schemas/native-sign-in';
import { signInNative } from '../../remote/native-sign-in';
import { EXIT_OK, EXIT_USAGE, printError, type CliIo, type CommandSpec, type OptionValues } from '../command';
import { forgetLogin, readLogins, saveLogin, serverKey } from '../credentials';

/** The server a command names: --server, else ROSTER_SERVER; a usage error when it is none or not an address. */
function serverOf(values: OptionValues, env: NodeJS.ProcessEnv): URL | { error: string } | null {
  const given = typeof values.server === 'string' ? values.server : env.ROSTER_SERVER?.trim() || undefined;
  if (given === undefined) return null;
  try {
    const url = new URL(given);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // Said below.
  }
  return { error: `--server must be an address such as https://roster.example.com, not "${given}"` };
}

function usage(io: CliIo, json: boolean, message: string): number {
  io.err(json ? JSON.stringify({ error: { code: 'USAGE', message } }) : `roster: ${message}\n\nRun "roster login --help" for its options.`);
  return EXIT_USAGE;
}

function readCa(values: OptionValues): Buffer | { error: string } | undefined {
  if (typeof values.ca !== 'string') return undefined;
  try {
    return fs.readFileSync(values.ca);
  } catch (error) {
    return { error: `--ca ${values.ca} cannot be read: ${(error as Error).message}` };
  }
}

/** Revokes a token on the server (RFC 7009); answers why it could not, or null once done. */
function revokeOnServer(server: URL, token: string, ca: Buffer | undefined): Promise<string | null> {
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

const day = (iso: string) => iso.slice(0, 10);

export const loginCommands: CommandSpec[] = [
  {
    path: ['login'],
    summary: 'Sign in to a Roster server in your browser and keep a token for later commands',
    options: {
      'no-browser': { type: 'boolean', description: 'print the address to open instead of opening the browser' },
    },
    details: [
      'Give the server with --server URL (or ROSTER_SERVER); --ca FILE trusts a private certificate authority.',
      'You sign in to the server\u2019s console as usual and allow the command line; the server issues an API token',
      'of yours, with your role, for 30 days. It is kept in credentials.json in your config folder, readable only by you,',
      'and used by every command given that server without --token. See or revoke it with "roster admins token list/revoke".',
      'The browser must run on this computer (it comes back to 127.0.0.1). Over SSH, use --token instead.',
    ],
    async runAlone({ io, json }, values) {
      const server = serverOf(values, io.env);
      if (server === null) return usage(io, json, 'roster login needs the server: --server URL (or ROSTER_SERVER)');
      if ('error' in server) return usage(io, json, server.error);
      const ca = readCa(values);
      if (ca && 'error' in ca) return usage(io, json, ca.error);
      const opener = values['no-browser'] === true ? undefined : io.openBrowser;
      const openBrowser = async (url: string) => {
        if (opener) {
          try {
            await opener(url);
            io.err(`Opened your browser to sign in to ${server.host}. If it did not open, go to:\n\n  ${url}\n`);
            return;
          } catch (error) {
            io.err(`Could not open a browser (${(error as Error).message}).`);
          }
        }
        io.err(`Open this address in a browser on this computer to sign in to ${server.host}:\n\n  ${url}\n`);
        io.err('Waiting for the browser to come back (up to 5 minutes)…');
      };
      const signedIn = await signInNative({ server, clientId: 'roster-cli', openBrowser, ...(ca ? { ca } : {}), ...(io.signal ? { signal: io.signal } : {}) });
      if (!signedIn.ok) return printError(io, json, signedIn.error);
      const { token, email, role, expiresAt } = signedIn.value;
      const file = saveLogin(io.env, server, { token, email, role, expiresAt, savedAt: new Date().toISOString() });
      const origin = serverKey(server);
      io.out(
        json
          ? JSON.stringify({ server: origin, email, role, expiresAt, credentials: file }, null, 2)
          : `Signed in to ${origin} as ${email} (${role}) until ${day(expiresAt)}.\nCommands with --server ${origin} (or ROSTER_SERVER) use this sign-in; it is kept in ${file}.`,
      );
      return EXIT_OK;
    },
  },
  {
    path: ['logout'],
    summary: 'Sign out of a Roster server: its token is revoked there and forgotten here',
    options: {},
    details: ['Without --server, signs out of the one server signed in to (ROSTER_SERVER, when set, names it).'],
    async runAlone({ io, json }, values) {
      let server = serverOf(values, io.env);
      if (server && 'error' in server) return usage(io, json, server.error);
      const logins = readLogins(io.env);
      if (server === null) {
        const known = Object.keys(logins);
        if (known.length === 0) {
          io.out(json ? JSON.stringify({ signedOut: null }) : 'Not signed in to any Roster server.');
          return EXIT_OK;
        }
        if (known.length > 1) return usage(io, json, `signed in to ${known.length} servers (${known.join(', ')}): name one with --server URL`);
        server = new URL(known[0]!);
      }
      const ca = readCa(values);
      if (ca && 'error' in ca) return usage(io, json, ca.error);
      const origin = serverKey(server);
      const login = logins[origin];
      if (!login) {
        io.out(json ? JSON.stringify({ signedOut: null }) : `Not signed in to ${origin}.`);
        return EXIT_OK;
      }
      const problem = await revokeOnServer(server, login.token, ca);
      forgetLogin(io.env, server);
      if (json) io.out(JSON.stringify({ signedOut: origin, email: login.email, revoked: problem === null }, null, 2));
      else if (problem === null) io.out(`Signed out of ${origin}: the token of ${login.email} is revoked there and forgotten here.`);
      else {
        io.out(`Signed out of ${origin}: the token of ${login.email} is forgotten here.`);
        io.err(
          `roster: the server could not be told to revoke it (${problem}); it stays valid until ${day(login.expiresAt)} unless an owner revokes it with "roster admins token revoke".`,
        );
      }
      return EXIT_OK;
    },
  },
  {
    path: ['version'],
    summary: 'Print the version of this Roster (also: roster --version)',
    options: {},
    async runAlone({ io, json }) {
      io.out(json ? JSON.stringify({ version }) : `roster ${version}`);
      return EXIT_OK;
    },
  },
];
