import { StoreError } from '../../db/store-error';
import { openLog } from '../../logging/logger';
import { envNameOf, SERVER_OPTION_NAMES, serverOptionsFrom, DEFAULT_SERVER_HOST, type ServerOptionName } from '../../server/options';
import { userDataDir } from '../../paths';
import { DEFAULT_RATE_LIMIT } from '../../scim/rate-limit';
import { untilStopped } from '../until-stopped';
import { EXIT_OK, EXIT_USAGE, printError, type CommandSpec, type OptionSpec } from '../command';

const DESCRIPTIONS: Record<(typeof SERVER_OPTION_NAMES)[number], { valueName: string; description: string }> = {
  host: { valueName: 'HOST', description: `the address to listen on (default ${DEFAULT_SERVER_HOST}; 0.0.0.0 for every interface)` },
  port: { valueName: 'PORT', description: 'the port (default 8080; 0 picks any free port)' },
  'tls-cert': { valueName: 'FILE', description: 'a PEM certificate (chain): serve HTTPS directly, with HSTS' },
  'tls-key': { valueName: 'FILE', description: "the PEM private key of --tls-cert's certificate" },
  'trust-proxy': { valueName: 'ADDRESSES', description: 'the reverse proxies to believe X-Forwarded-* from: addresses or ranges, comma-separated' },
  'public-url': { valueName: 'URL', description: 'the address admins and identity providers use, such as https://roster.example.com' },
  'oidc-issuer': { valueName: 'URL', description: "the identity provider admins sign in with (its client secret in ROSTER_OIDC_CLIENT_SECRET)" },
  'oidc-client-id': { valueName: 'ID', description: "Roster's client id at that identity provider" },
  'scim-rate-limit': {
    valueName: 'N',
    description: `SCIM requests a second per token, in bursts of four times that (default ${DEFAULT_RATE_LIMIT.perSecond}); raise it for an initial sync, 0 for no limit`,
  },
};

const options: Record<string, OptionSpec> = Object.fromEntries(
  SERVER_OPTION_NAMES.map((name) => [name, { type: 'string', ...DESCRIPTIONS[name], description: `${DESCRIPTIONS[name].description} [${envNameOf(name)}]` }]),
);

/**
 * `roster server`: the always-on process that owns the store and serves SCIM
 * and the admin API on one port (docs/SERVER.md). It runs until SIGTERM or
 * SIGINT, then drains and closes cleanly (exit 0).
 */
export const serverCommand: CommandSpec = {
  path: ['server'],
  summary: 'Serve the store to admins (API tokens) and identity providers (SCIM 2.0) until stopped',
  options,
  details: [
    'The first line on stdout is "Roster server at URL (SCIM 2.0 at URL/scim/v2)"; JSON log lines follow.',
    `Every option may come from the environment instead: ${[...SERVER_OPTION_NAMES, 'db' as const].map((name: ServerOptionName) => envNameOf(name)).join(', ')}.`,
    'Admins and their API tokens are made with "roster admins" on this machine; GET /healthz and /readyz answer without a token.',
  ],
  async runOnFile(context, values) {
    const parsed = serverOptionsFrom({ ...values, db: context.databasePath }, context.io.env, context.databasePath);
    if (!parsed.ok) {
      context.io.err(context.json ? JSON.stringify({ error: { code: 'USAGE', message: parsed.message } }) : `roster: ${parsed.message}`);
      return EXIT_USAGE;
    }
    const log = openLog({ source: 'server', dir: userDataDir(context.io.env), sink: { write: (line) => context.io.out(line.replace(/\n$/, '')) } });
    let running;
    try {
      // Loaded only for this command: the server's web framework and SCIM routes are not every command's start-up cost.
      const { startRosterServer } = await import('../../server/run');
      running = await startRosterServer(parsed.value, { logger: log.logger, env: context.io.env });
    } catch (error) {
      if (error instanceof StoreError) return printError(context.io, context.json, { code: error.code === 'DAMAGED' ? 'DAMAGED' : 'DATABASE_UNUSABLE', message: error.message });
      const code = (error as NodeJS.ErrnoException).code;
      const where = `${parsed.value.host}:${parsed.value.port}`;
      if (code === 'EADDRINUSE') return printError(context.io, context.json, { code: 'CONFLICT', message: `Port ${parsed.value.port} on ${parsed.value.host} is in use by another program; choose another --port, or 0 for any free one.` });
      if (code === 'EADDRNOTAVAIL') return printError(context.io, context.json, { code: 'INVALID_INPUT', message: `${parsed.value.host} is not an address of this machine (--host).` });
      if (code === 'EACCES') return printError(context.io, context.json, { code: 'FORBIDDEN', message: `Listening on ${where} needs administrator rights; choose a --port above 1023.` });
      throw error;
    }
    // Listening for SIGTERM before the first line: whoever reads it may stop the server at once.
    const stopped = untilStopped(context.io.signal);
    context.io.out(running.banner);
    running.afterBanner();
    await stopped;
    await running.stop();
    return EXIT_OK;
  },
};
