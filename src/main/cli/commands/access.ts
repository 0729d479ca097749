import { describePath } from '@shared/access';
import { formatTable, printError, type CommandSpec } from '../command';

export const accessCommand: CommandSpec = {
  path: ['access'],
  summary: 'Show what a member can reach: each organization, the role that applies and every path to it',
  options: { email: { type: 'string', valueName: 'EMAIL', required: true, description: 'the member, by email' } },
  details: ['With --json: one entry per organization, {"organization","role","paths":[...]}; the winning path comes first and has "wins": true.'],
  async run(context, values) {
    const member = await context.core.invoke('members:find', { email: values.email as string });
    if (!member.ok) return printError(context.io, context.json, member.error);
    const access = await context.core.invoke('access:member', { accountId: member.value.accountId });
    if (!access.ok) return printError(context.io, context.json, access.error);
    const entries = access.value.organizations;
    if (context.json) {
      const json = entries.map((entry) => ({
        organization: entry.org.name,
        role: entry.role,
        paths: entry.paths.map((path, index) => ({
          ...(path.kind === 'direct' ? { via: 'direct' } : { via: 'team', team: path.teamName }),
          role: path.role,
          wins: index === 0,
        })),
      }));
      context.io.out(JSON.stringify(json, null, 2));
      return 0;
    }
    if (entries.length === 0) {
      context.io.out(`${member.value.email} holds a seat but reaches no organization yet.`);
      return 0;
    }
    context.io.out(
      formatTable(
        ['ORGANIZATION', 'ROLE', 'WINS', 'OTHER PATHS'],
        entries.map((entry) => [entry.org.name, entry.role, describePath(entry.paths[0]!), entry.paths.slice(1).map(describePath).join('; ')]),
      ),
    );
    return 0;
  },
};
