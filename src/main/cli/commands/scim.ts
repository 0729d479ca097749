import { DEFAULT_SCIM_HOST, DEFAULT_SCIM_PORT, type ScimToken, type TokenStatus } from '@shared/schemas/scim';
import { DEFAULT_RATE_LIMIT, rateLimitOf } from '../../scim/rate-limit';
import { isValidPublicHost } from '../../scim/allowed-hosts';
import { untilStopped } from '../until-stopped';
import { readOnlyMessage } from '../../snapshots/info';
import { nameKey } from '@shared/schemas/names';
import { EXIT_OK, EXIT_USAGE, localOnly, formatTable, printError, report, type CommandContext, type CommandSpec } from '../command';

const nameOption = { type: 'string', valueName: 'NAME', required: true, description: 'the token, by name (any case)' } as const;

const STATUS_TEXT: Record<TokenStatus, string> = { valid: 'valid', expiringSoon: 'expiring soon', expired: 'expired', revoked: 'revoked' };

const day = (iso: string | null, none: string) => (iso ? iso.slice(0, 10) : none);

function usageProblem(context: CommandContext, message: string): number {
  context.io.err(context.json ? JSON.stringify({ error: { code: 'USAGE', message } }) : `roster: ${message}`);
  return EXIT_USAGE;
}


const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

export const scimCommands: CommandSpec[] = [
  {
    path: ['scim', 'token', 'create'],
    summary: 'Create a SCIM bearer token for an identity provider; it is printed once and never again',
    options: {
      name: { ...nameOption, description: 'its name, unique ignoring case; the audit log names it beside every change it makes' },
      'expires-days': { type: 'string', valueName: 'DAYS', integer: true, description: 'days until it expires, 1 to 3650 (default: never)' },
    },
    details: ['Roster keeps only a SHA-256 hash of the token: copy it from this output into Okta (Bearer token) or Microsoft Entra ID (Secret Token).'],
    async run(context, values) {
      const days = values['expires-days'] as number | undefined;
      const result = await context.core.invoke('scim:createToken', { name: values.name as string, ...(days !== undefined ? { expiresInDays: days } : {}) });
      if (!result.ok) return printError(context.io, context.json, result.error);
      const { token, secret } = result.value;
      context.io.out(
        context.json
          ? JSON.stringify({ name: token.name, token: secret, expiresAt: token.expiresAt }, null, 2)
          : [
              `Created token "${token.name}"; ${token.expiresAt ? `it expires ${token.expiresAt}` : 'it never expires'}.`,
              '',
              secret,
              '',
              'This is the only time the token is shown: copy it now. Roster keeps only its hash.',
            ].join('\n'),
      );
      return EXIT_OK;
    },
  },
  {
    path: ['scim', 'token', 'list'],
    summary: 'List SCIM tokens: name, status (valid, expiring soon, expired, revoked), created, last used and expiry',
    options: {},
    async run(context) {
      const result = await context.core.invoke('scim:tokens');
      return report(context, result, (tokens: ScimToken[]) =>
        tokens.length === 0
          ? 'No SCIM tokens yet. Create one with: roster scim token create --name NAME'
          : formatTable(
              ['NAME', 'STATUS', 'CREATED', 'LAST USED', 'EXPIRES'],
              tokens.map((token) => [
                token.name,
                token.status === 'revoked' ? `revoked ${day(token.revokedAt, '')}` : STATUS_TEXT[token.status],
                day(token.createdAt, ''),
                day(token.lastUsedAt, 'never'),
                day(token.expiresAt, 'never'),
              ]),
            ),
      );
    },
  },
  {
    path: ['scim', 'token', 'revoke'],
    summary: 'Revoke a SCIM token: every request with it is refused (401) from now on',
    options: { name: nameOption },
    async run(context, values) {
      // Found by name (unique, ignoring case) through the contract, so that it works against a server too.
      const tokens = await context.core.invoke('scim:tokens');
      if (!tokens.ok) return printError(context.io, context.json, tokens.error);
      const wanted = nameKey(String(values.name));
      const found = tokens.value.find((token) => nameKey(token.name) === wanted);
      if (found?.revokedAt) return report(context, { ok: true, value: found }, (token) => `Token "${token.name}" was already revoked (${day(token.revokedAt, '')}).`);
      if (!found) return printError(context.io, context.json, { code: 'NOT_FOUND', message: `There is no token named ${String(values.name).trim()}.` });
      const result = await context.core.invoke('scim:revokeToken', { id: found.id });
      return report(context, result, (token) => `Revoked token "${token.name}": requests with it are refused from now on.`);
    },
  },
  {
    path: ['scim', 'serve'],
    summary: 'Serve SCIM 2.0 to identity providers until stopped (Ctrl+C); the first line says where',
    options: {
      host: { type: 'string', valueName: 'HOST', description: `the address to listen on (default ${DEFAULT_SCIM_HOST}: this computer only)` },
      port: { type: 'string', valueName: 'PORT', integer: true, description: `the port (default ${DEFAULT_SCIM_PORT}; 0 picks any free port)` },
      'public-host': {
        type: 'string',
        valueName: 'NAME',
        multiple: true,
        description: 'a host name a reverse proxy or tunnel forwards here (repeatable); requests naming any other host than these, the listen address, 127.0.0.1 and localhost are refused (403)',
      },
      'rate-limit': {
        type: 'string',
        valueName: 'N',
        integer: true,
        description: `requests a second per token, in bursts of four times that (default ${DEFAULT_RATE_LIMIT.perSecond}); 0 for no limit, as the benchmark measures`,
      },
    },
    details: [
      'The first line is "SCIM 2.0 at http://HOST:PORT/scim/v2": the base URL to paste into the identity provider.',
      'Requests need a token from "roster scim token create". Open apps on the same database show every change at once.',
    ],
    async run(context, values) {
      const refused = localOnly(context, 'Serving SCIM from this computer');
      if (refused !== null) return refused;
      const copy = context.core.local!.copy;
      // An identity provider's changes could not be kept in an offline copy.
      if (copy) return printError(context.io, context.json, { code: 'READ_ONLY', message: readOnlyMessage(copy) });
      const scim = context.core.local!.scim;
      const host = typeof values.host === 'string' ? values.host.trim() : DEFAULT_SCIM_HOST;
      const port = typeof values.port === 'number' ? values.port : DEFAULT_SCIM_PORT;
      if (host === '') return usageProblem(context, '--host must not be empty');
      if (port < 0 || port > 65535) return usageProblem(context, `--port must be 0 (any free port) to 65535, not ${port}`);
      const publicHosts = ((values['public-host'] as string[] | undefined) ?? []).map((name) => name.trim());
      const badHost = publicHosts.find((name) => !isValidPublicHost(name));
      if (badHost !== undefined) return usageProblem(context, `--public-host takes a host name such as scim.example.com (no scheme, port or path), not "${badHost}"`);

      const perSecond = typeof values['rate-limit'] === 'number' ? values['rate-limit'] : DEFAULT_RATE_LIMIT.perSecond;
      if (perSecond < 0) return usageProblem(context, `--rate-limit must be 0 (no limit) or more, not ${perSecond}`);
      const rateLimit = rateLimitOf(perSecond);

      let started;
      try {
        started = await scim.start(host, port, { publicHosts, limits: { rateLimit } });
      } catch (error) {
        return printError(context.io, context.json, { code: 'INVALID_INPUT', message: `Cannot listen on ${host}: ${(error as Error).message}.` });
      }
      if (!started.ok) return printError(context.io, context.json, started.error);
      const tokens = await context.core.invoke('scim:tokens');
      context.io.out(context.json ? JSON.stringify(started.value) : `SCIM 2.0 at ${started.value.baseUrl}`);
      if (tokens.ok && !tokens.value.some((token) => token.status === 'valid' || token.status === 'expiringSoon')) {
        context.io.err('No valid token yet: every request is refused until you create one with "roster scim token create --name NAME".');
      }
      if (!isLoopback(host)) {
        context.io.err(`Listening on ${host} over plain HTTP: put it behind HTTPS (a reverse proxy or tunnel) before an identity provider uses it.`);
      }
      context.io.err('Serving until stopped (Ctrl+C).');

      await untilStopped(context.io.signal);
      await scim.stop();
      context.io.err('Stopped the SCIM server.');
      return EXIT_OK;
    },
  },
];
