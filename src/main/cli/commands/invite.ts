import { invitationRoles } from '@shared/schemas/members';
import { MAX_PAGE_SIZE } from '@shared/schemas/licenses';
import { formatTable, printError, report, type CommandSpec } from '../command';

export const inviteCommand: CommandSpec = {
  path: ['invite'],
  summary: 'Invite someone into teams and organizations; the invitation holds a seat until it is accepted, revoked or expires',
  options: {
    email: { type: 'string', valueName: 'EMAIL', required: true, description: 'the address to invite' },
    team: { type: 'string', valueName: 'TEAM', multiple: true, description: 'a team to join, by name (repeat for more)' },
    org: { type: 'string', valueName: 'ORG', multiple: true, description: 'an organization to join, by name (repeat for more)' },
    role: { type: 'string', valueName: 'ROLE', choices: invitationRoles, description: 'their role there: member (default) or admin' },
  },
  async run(context, values) {
    const orgIds: number[] = [];
    for (const name of (values.org as string[] | undefined) ?? []) {
      const found = await context.core.invoke('orgs:find', { name });
      if (!found.ok) return printError(context.io, context.json, found.error);
      orgIds.push(found.value.id);
    }
    const teamIds: number[] = [];
    for (const name of (values.team as string[] | undefined) ?? []) {
      const found = await context.core.invoke('teams:find', { name });
      if (!found.ok) return printError(context.io, context.json, found.error);
      teamIds.push(found.value.id);
    }
    const role = (values.role as 'admin' | 'member' | undefined) ?? 'member';
    const result = await context.core.invoke('invitations:create', { email: values.email as string, role, orgIds, teamIds });
    return report(context, result, (invitation) => {
      const places = [...invitation.teams.map((team) => `team ${team.name}`), ...invitation.organizations.map((org) => org.name)];
      const where = places.length > 0 ? ` to ${places.join(', ')}` : '';
      return `Invited ${invitation.email} as ${invitation.role}${where}. The invitation expires ${invitation.expiresAt.slice(0, 10)}.`;
    });
  },
};

const VERBS = {
  resend: { summary: 'Send a pending invitation again, with a new expiry', done: 'Sent the invitation to EMAIL again; it expires DATE.' },
  revoke: { summary: 'Revoke a pending invitation: its seat is free at once', done: 'Revoked the invitation to EMAIL.' },
  accept: { summary: 'Mark a pending invitation accepted: the person becomes a member on its seat', done: 'EMAIL is now a member.' },
} as const;

export const invitationCommands: CommandSpec[] = [
  {
    path: ['invitations', 'list'],
    summary: 'List pending invitations, or expired ones with --expired',
    options: { expired: { type: 'boolean', description: 'list the expired ones instead (they hold no seat)' } },
    async run(context, values) {
      const page = await context.core.invoke('seats:list', {
        filter: { status: values.expired === true ? 'expired' : 'pending' },
        sort: { by: 'since', desc: true },
        limit: MAX_PAGE_SIZE,
      });
      return report(context, page.ok ? { ok: true, value: page.value.rows } : page, (rows) =>
        rows.length === 0
          ? values.expired === true
            ? 'No expired invitations.'
            : 'No pending invitations.'
          : formatTable(
              ['EMAIL', 'SENT', 'EXPIRES', 'HOLDS A SEAT', 'TEAMS AND ORGANIZATIONS'],
              rows.map((row) => [
                row.email,
                row.since.slice(0, 10),
                (row.expiresAt ?? '').slice(0, 10),
                row.holdsSeat ? 'yes' : 'no',
                [...row.teams.map((team) => `team ${team.name}`), ...row.organizations.map((org) => org.name)].join(', '),
              ]),
            ),
      );
    },
  },
  ...(Object.keys(VERBS) as (keyof typeof VERBS)[]).map(
    (verb): CommandSpec => ({
      path: ['invitations', verb],
      summary: VERBS[verb].summary,
      options: { email: { type: 'string', valueName: 'EMAIL', required: true, description: 'the address invited' } },
      async run(context, values) {
        const found = await context.core.invoke('invitations:find', { email: values.email as string });
        if (!found.ok) return printError(context.io, context.json, found.error);
        const result = await context.core.invoke(`invitations:${verb}`, { id: found.value.id });
        return report(context, result, (invitation) => VERBS[verb].done.replace('EMAIL', invitation.email).replace('DATE', invitation.expiresAt.slice(0, 10)));
      },
    }),
  ),
];
