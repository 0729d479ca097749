import { adminRoles, DEFAULT_API_TOKEN_DAYS, MAX_API_TOKEN_DAYS, MIN_PASSWORD_LENGTH, type AdminRole } from '@shared/schemas/admins';
import { EXIT_OK, formatTable, printError, report, type CommandSpec } from '../command';

const emailOption = { type: 'string', valueName: 'EMAIL', required: true, description: 'the admin, by address (any case)' } as const;
const roleOption = { type: 'string', valueName: 'ROLE', choices: adminRoles, description: 'owner (everything), admin (reads and changes) or auditor (reads only)' } as const;

const day = (iso: string | null, none: string) => (iso ? iso.slice(0, 10) : none);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

// Every command goes through the contract (admins:*): on the server's machine it acts as the OS user, as every
// other command does; through a server (--server, --token), as the admin and API token that call.

export const adminCommands: CommandSpec[] = [
  {
    path: ['admins', 'add'],
    summary: "Add an admin of this store's Roster server: owner, admin or auditor",
    options: {
      email: { ...emailOption, description: 'their address, unique ignoring case' },
      role: { ...roleOption, required: true },
      name: { type: 'string', valueName: 'NAME', description: 'their name, as lists show it' },
      'password-stdin': { type: 'boolean', description: `read a password for the console from standard input (its first line, at least ${MIN_PASSWORD_LENGTH} characters); kept only as an argon2id hash` },
    },
    details: [
      "The first owner is made this way, on the server's machine.",
      'A password is never an option (shells keep their history): printf %s "$PASSWORD" | roster admins add ... --password-stdin',
    ],
    async run(context, values) {
      const name = values.name as string | undefined;
      let password: string | undefined;
      if (values['password-stdin'] === true) {
        if (!context.io.readStdin) return printError(context.io, context.json, { code: 'UNSUPPORTED', message: 'There is no standard input to read the password from.' });
        // The first line: a trailing newline (from echo, or a file) is not part of it.
        password = (await context.io.readStdin()).split(/\r?\n/, 1)[0] ?? '';
      }
      const result = await context.core.invoke('admins:add', {
        email: values.email as string,
        role: values.role as AdminRole,
        ...(name !== undefined ? { name } : {}),
        ...(password !== undefined ? { password } : {}),
      });
      return report(context, result, (admin) => `Added ${admin.email} as ${admin.role}.`);
    },
  },
  {
    path: ['admins', 'list'],
    summary: 'List the admins: address, name, role and when they were added',
    options: {},
    async run(context) {
      const listed = await context.core.invoke('admins:list');
      if (!listed.ok) return printError(context.io, context.json, listed.error);
      const admins = listed.value;
      if (context.json) {
        context.io.out(JSON.stringify(admins, null, 2));
        return EXIT_OK;
      }
      context.io.out(
        admins.length === 0
          ? 'No admins yet. Add the first owner with: roster admins add --email EMAIL --role owner'
          : formatTable(
              ['EMAIL', 'NAME', 'ROLE', 'ADDED'],
              admins.map((admin) => [admin.email, admin.name ?? '', admin.role, day(admin.createdAt, '')]),
            ),
      );
      return EXIT_OK;
    },
  },
  {
    path: ['admins', 'role'],
    summary: "Change an admin's role (never the last owner's); their tokens are lowered to it",
    options: { email: emailOption, role: { ...roleOption, required: true } },
    async run(context, values) {
      const result = await context.core.invoke('admins:setRole', { email: values.email as string, role: values.role as AdminRole });
      return report(context, result, (admin) => `${admin.email} is ${admin.role} now.`);
    },
  },
  {
    path: ['admins', 'remove'],
    summary: 'Remove an admin (never the last owner); every token they hold is revoked with them',
    options: { email: emailOption },
    async run(context, values) {
      const result = await context.core.invoke('admins:remove', { email: values.email as string });
      return report(context, result, (admin) =>
        admin.revokedTokens.length === 0
          ? `Removed ${admin.email}; they held no API token.`
          : `Removed ${admin.email} and revoked their ${plural(admin.revokedTokens.length, 'API token')}: ${admin.revokedTokens.join(', ')}.`,
      );
    },
  },
  {
    path: ['admins', 'token', 'create'],
    summary: 'Create an API token for an admin; it is printed once, as the last line, and never again',
    options: {
      email: emailOption,
      name: { type: 'string', valueName: 'NAME', required: true, description: "its name, unique among the admin's tokens ignoring case" },
      role: { ...roleOption, description: "what it may do, at most the admin's own role (default: the admin's role)" },
      'expires-days': {
        type: 'string',
        valueName: 'DAYS',
        integer: true,
        description: `days until it expires, 1 to ${MAX_API_TOKEN_DAYS} (default ${DEFAULT_API_TOKEN_DAYS})`,
      },
    },
    details: ['Roster keeps only a SHA-256 hash of the token. It starts with roster_api_, so one pasted in the wrong place is recognisable.'],
    async run(context, values) {
      const role = values.role as AdminRole | undefined;
      const days = values['expires-days'] as number | undefined;
      const result = await context.core.invoke('admins:createToken', {
        email: values.email as string,
        name: values.name as string,
        ...(role !== undefined ? { role } : {}),
        ...(days !== undefined ? { expiresInDays: days } : {}),
      });
      if (!result.ok) return printError(context.io, context.json, result.error);
      const { token, secret } = result.value;
      context.io.out(
        context.json
          ? JSON.stringify({ name: token.name, admin: token.adminEmail, role: token.role, expiresAt: token.expiresAt, token: secret }, null, 2)
          : [
              `Created API token "${token.name}" for ${token.adminEmail} (${token.role}); it expires ${token.expiresAt}.`,
              'This is the only time the token is shown: copy it now. Roster keeps only its hash.',
              '',
              secret,
            ].join('\n'),
      );
      return EXIT_OK;
    },
  },
  {
    path: ['admins', 'token', 'list'],
    summary: 'List API tokens: name, admin, role, status, created, last used and expiry (never the token itself)',
    options: {},
    async run(context) {
      const listed = await context.core.invoke('admins:tokens');
      if (!listed.ok) return printError(context.io, context.json, listed.error);
      const tokens = listed.value;
      if (context.json) {
        context.io.out(JSON.stringify(tokens, null, 2));
        return EXIT_OK;
      }
      context.io.out(
        tokens.length === 0
          ? 'No API tokens yet. Create one with: roster admins token create --email EMAIL --name NAME'
          : formatTable(
              ['NAME', 'ADMIN', 'ROLE', 'STATUS', 'CREATED', 'LAST USED', 'EXPIRES'],
              tokens.map((token) => [
                token.name,
                token.adminEmail,
                token.role,
                token.status === 'revoked' ? `revoked ${day(token.revokedAt, '')}` : token.status,
                day(token.createdAt, ''),
                day(token.lastUsedAt, 'never'),
                day(token.expiresAt, ''),
              ]),
            ),
      );
      return EXIT_OK;
    },
  },
  {
    path: ['admins', 'token', 'revoke'],
    summary: "Revoke an admin's API token: every request with it is refused from now on",
    options: { email: emailOption, name: { type: 'string', valueName: 'NAME', required: true, description: 'the token, by name (any case)' } },
    async run(context, values) {
      const result = await context.core.invoke('admins:revokeToken', { email: values.email as string, name: values.name as string });
      return report(context, result, (token) =>
        token.alreadyRevoked
          ? `API token "${token.name}" of ${token.adminEmail} was already revoked (${day(token.revokedAt, '')}).`
          : `Revoked API token "${token.name}" of ${token.adminEmail}: requests with it are refused from now on.`,
      );
    },
  },
];
