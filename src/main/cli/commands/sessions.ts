import { EXIT_OK, formatTable, printError, report, type CommandSpec } from '../command';

/** "2026-12-07 14:17": minutes are enough to tell sessions apart in a table. */
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

// Both go through the contract (sessions:*): on the server's machine as the OS user, who sees and ends every
// session; through a server (--server, --token), an owner sees and ends anyone's, anyone else sees their own.

export const sessionCommands: CommandSpec[] = [
  {
    path: ['sessions', 'list'],
    summary: "List the consoles signed in to this store's Roster server: admin, role, how, from where and since when",
    options: {},
    async run(context) {
      const listed = await context.core.invoke('sessions:list');
      if (!listed.ok) return printError(context.io, context.json, listed.error);
      const sessions = listed.value;
      if (context.json) {
        context.io.out(JSON.stringify(sessions, null, 2));
        return EXIT_OK;
      }
      context.io.out(
        sessions.length === 0
          ? 'No one is signed in to the console.'
          : formatTable(
              ['ID', 'ADMIN', 'ROLE', 'METHOD', 'ADDRESS', 'SIGNED IN', 'LAST SEEN', 'ENDS BY'],
              sessions.map((session) => [
                String(session.id),
                session.adminEmail,
                session.role,
                session.method,
                session.address ?? '',
                `${minute(session.createdAt)} UTC`,
                `${minute(session.lastSeenAt)} UTC`,
                `${minute(session.expiresAt)} UTC`,
              ]),
            ),
      );
      return EXIT_OK;
    },
  },
  {
    path: ['sessions', 'end'],
    summary: "End a console session (an owner's, or on the server's machine): its next call is asked to sign in again",
    options: { id: { type: 'string', valueName: 'ID', required: true, integer: true, description: 'the session, by the ID "roster sessions list" shows' } },
    async run(context, values) {
      const result = await context.core.invoke('sessions:end', { id: values.id as number });
      return report(context, result, (session) => `Ended session ${session.id} of ${session.adminEmail}: their console asks them to sign in again.`);
    },
  },
];
