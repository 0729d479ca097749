import { invitationRoles } from '@shared/schemas/members';
import type { Organization } from '@shared/schemas/orgs';
import type { Team } from '@shared/schemas/teams';
import type { Result } from '@shared/result';
import { EXIT_USAGE, formatTable, printError, report, type CommandContext, type CommandSpec } from '../command';

const teamOption = { type: 'string', valueName: 'TEAM', required: true, description: 'the team, by name (any case)' } as const;

async function findTeam(context: CommandContext, name: string): Promise<Result<Team>> {
  return context.core.invoke('teams:find', { name });
}

async function findOrg(context: CommandContext, name: string): Promise<Result<Organization>> {
  return context.core.invoke('orgs:find', { name });
}

/** --org O or --all-orgs, exactly one of them. */
function orgTarget(context: CommandContext, values: Record<string, unknown>): { org: string } | { allOrgs: true } | null {
  const org = values.org as string | undefined;
  const all = values['all-orgs'] === true;
  if (org !== undefined && !all) return { org };
  if (all && org === undefined) return { allOrgs: true };
  context.io.err(
    context.json ? JSON.stringify({ error: { code: 'USAGE', message: 'give either --org ORG or --all-orgs' } }) : 'roster: give either --org ORG or --all-orgs',
  );
  return null;
}

const linkOptions = {
  team: teamOption,
  org: { type: 'string', valueName: 'ORG', description: 'an organization, by name' },
  'all-orgs': { type: 'boolean', description: 'all organizations, present and future' },
} as const;

export const teamCommands: CommandSpec[] = [
  {
    path: ['teams', 'add'],
    summary: 'Create a team',
    options: {
      name: { type: 'string', valueName: 'NAME', required: true, description: 'its name: 1 to 100 characters, unique ignoring case' },
      role: { type: 'string', valueName: 'ROLE', choices: invitationRoles, description: 'the role it gives where linked: member (default) or admin' },
    },
    async run(context, values) {
      const role = (values.role as 'admin' | 'member' | undefined) ?? 'member';
      const result = await context.core.invoke('teams:create', { name: values.name as string, role });
      return report(context, result, (team) => `Added team "${team.name}" (${team.role}).`);
    },
  },
  {
    path: ['teams', 'rename'],
    summary: 'Rename a team (not one managed by the identity provider)',
    options: { name: { ...teamOption, valueName: 'NAME' }, to: { type: 'string', valueName: 'NEW_NAME', required: true, description: 'the new name' } },
    async run(context, values) {
      const found = await findTeam(context, values.name as string);
      if (!found.ok) return printError(context.io, context.json, found.error);
      const result = await context.core.invoke('teams:rename', { id: found.value.id, name: values.to as string });
      return report(context, result, (team) => `Renamed team "${found.value.name}" to "${team.name}".`);
    },
  },
  {
    path: ['teams', 'role'],
    summary: "Set a team's role, which it gives in every organization it is linked to (a team the identity provider manages too)",
    options: { team: teamOption, role: { type: 'string', valueName: 'ROLE', required: true, choices: invitationRoles, description: 'member or admin' } },
    async run(context, values) {
      const found = await findTeam(context, values.team as string);
      if (!found.ok) return printError(context.io, context.json, found.error);
      // No version: the command line says what the team's role is to be, whatever it was (docs/RULES.md, V6).
      const result = await context.core.invoke('teams:setRole', { id: found.value.id, role: values.role as 'admin' | 'member' });
      return report(context, result, (team) => `"${team.name}" gives ${team.role} where it is linked.`);
    },
  },
  {
    path: ['teams', 'remove'],
    summary: 'Delete a team: its members lose what it gave them; no seat is freed',
    options: { name: { ...teamOption, valueName: 'NAME' } },
    async run(context, values) {
      const found = await findTeam(context, values.name as string);
      if (!found.ok) return printError(context.io, context.json, found.error);
      const result = await context.core.invoke('teams:remove', { id: found.value.id });
      return report(context, result, () => `Removed team "${found.value.name}". No seat was freed.`);
    },
  },
  {
    path: ['teams', 'list'],
    summary: 'List teams with their role, source, members and organizations',
    options: {},
    async run(context) {
      const result = await context.core.invoke('teams:list');
      return report(context, result, (teams) =>
        teams.length === 0
          ? 'No teams yet. Add one with: roster teams add --name NAME'
          : formatTable(
              ['NAME', 'ROLE', 'SOURCE', 'MEMBERS', 'ORGANIZATIONS'],
              teams.map((team) => [
                team.name,
                team.role,
                team.source === 'scim' ? 'identity provider' : 'manual',
                String(team.memberCount),
                team.allOrgs ? 'all organizations' : team.organizations.map((org) => org.name).join(', '),
              ]),
            ),
      );
    },
  },
  {
    path: ['teams', 'link'],
    summary: "Link a team to an organization, or to all of them: the team's role applies there",
    options: linkOptions,
    async run(context, values) {
      const target = orgTarget(context, values);
      if (!target) return EXIT_USAGE;
      const team = await findTeam(context, values.team as string);
      if (!team.ok) return printError(context.io, context.json, team.error);
      if ('allOrgs' in target) {
        const result = await context.core.invoke('teams:link', { teamId: team.value.id, allOrgs: true });
        return report(context, result, () => `Linked "${team.value.name}" to all organizations, present and future.`);
      }
      const org = await findOrg(context, target.org);
      if (!org.ok) return printError(context.io, context.json, org.error);
      const result = await context.core.invoke('teams:link', { teamId: team.value.id, orgIds: [org.value.id] });
      return report(context, result, () => `Linked "${team.value.name}" to "${org.value.name}".`);
    },
  },
  {
    path: ['teams', 'unlink'],
    summary: 'Unlink a team from an organization (or from all): its members lose only what it gave there',
    options: linkOptions,
    async run(context, values) {
      const target = orgTarget(context, values);
      if (!target) return EXIT_USAGE;
      const team = await findTeam(context, values.team as string);
      if (!team.ok) return printError(context.io, context.json, team.error);
      if ('allOrgs' in target) {
        const result = await context.core.invoke('teams:unlink', { teamId: team.value.id, allOrgs: true });
        return report(context, result, () => `"${team.value.name}" is no longer linked to all organizations.`);
      }
      const org = await findOrg(context, target.org);
      if (!org.ok) return printError(context.io, context.json, org.error);
      const result = await context.core.invoke('teams:unlink', { teamId: team.value.id, orgIds: [org.value.id] });
      // Covered by "all organizations": say which option does what they want.
      if (!result.ok && result.error.code === 'CONFLICT' && team.value.allOrgs) {
        const hint = `To take away what it gives in every organization: roster teams unlink --team "${team.value.name}" --all-orgs`;
        return printError(context.io, context.json, { ...result.error, message: `${result.error.message} ${hint}` });
      }
      return report(context, result, () => `Unlinked "${team.value.name}" from "${org.value.name}".`);
    },
  },
  ...(['add', 'remove'] as const).map(
    (verb): CommandSpec => ({
      path: ['teams', 'members', verb],
      summary: verb === 'add' ? 'Add a member to a team' : 'Remove a member from a team (their seat stays)',
      options: { team: teamOption, email: { type: 'string', valueName: 'EMAIL', required: true, description: 'the member, by email' } },
      async run(context, values) {
        const team = await findTeam(context, values.team as string);
        if (!team.ok) return printError(context.io, context.json, team.error);
        const member = await context.core.invoke('members:find', { email: values.email as string });
        if (!member.ok) return printError(context.io, context.json, member.error);
        const input = { teamId: team.value.id, accountIds: [member.value.accountId] };
        if (verb === 'add') {
          const result = await context.core.invoke('teams:addMembers', input);
          return report(context, result, (done) =>
            done.added === 0 ? `${member.value.email} is already in "${team.value.name}".` : `Added ${member.value.email} to "${team.value.name}".`,
          );
        }
        const result = await context.core.invoke('teams:removeMembers', input);
        return report(context, result, () => `Removed ${member.value.email} from "${team.value.name}". Their seat stays.`);
      },
    }),
  ),
];
