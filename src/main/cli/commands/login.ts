import fs from 'node:fs';
import { version } from '../../../../package.json';
import { announcingOpener, revokeNative, signInNative } from '../../remote/native-sign-in';
import { EXIT_OK, EXIT_USAGE, printError, type CliIo, type CommandSpec, type OptionValues } from '../command';
import { forgetLogin, readLogins, saveLogin, serverKey } from '../../remote/credentials';

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
      const openBrowser = announcingOpener(server.host, io.err, values['no-browser'] === true ? undefined : io.openBrowser);
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
      const problem = await revokeNative(server, login.token, ca);
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
