import { invitationRoles } from '@shared/schemas/members';
import { printError, report, type CommandSpec } from '../command';

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
