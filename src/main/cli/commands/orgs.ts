import { formatTable, printError, report, type CommandSpec } from '../command';

const nameOption = { type: 'string', valueName: 'NAME', required: true, description: 'the organization, by name (any case)' } as const;

export const orgCommands: CommandSpec[] = [
  {
    path: ['orgs', 'add'],
    summary: 'Create an organization',
    options: { name: { ...nameOption, description: 'its name: 1 to 100 characters, unique ignoring case' } },
    async run(context, values) {
      const result = await context.core.invoke('orgs:create', { name: values.name as string });
      return report(context, result, (org) => `Added organization "${org.name}" (id ${org.id}).`);
    },
  },
  {
    path: ['orgs', 'rename'],
    summary: 'Rename an organization',
    options: {
      name: nameOption,
      to: { type: 'string', valueName: 'NEW_NAME', required: true, description: 'the new name' },
    },
    async run(context, values) {
      const found = await context.core.invoke('orgs:find', { name: values.name as string });
      if (!found.ok) return printError(context.io, context.json, found.error);
      const result = await context.core.invoke('orgs:rename', { id: found.value.id, name: values.to as string });
      return report(context, result, (org) => `Renamed organization "${found.value.name}" to "${org.name}".`);
    },
  },
  {
    path: ['orgs', 'remove'],
    summary: 'Delete an organization (its links and direct memberships go; seats stay)',
    options: { name: nameOption },
    async run(context, values) {
      const found = await context.core.invoke('orgs:find', { name: values.name as string });
      if (!found.ok) return printError(context.io, context.json, found.error);
      const result = await context.core.invoke('orgs:remove', { id: found.value.id });
      return report(context, result, () => `Removed organization "${found.value.name}". No seat was freed.`);
    },
  },
  {
    path: ['orgs', 'list'],
    summary: 'List organizations',
    options: {},
    async run(context) {
      const result = await context.core.invoke('orgs:list');
      return report(context, result, (orgs) =>
        orgs.length === 0
          ? 'No organizations yet. Add one with: roster orgs add --name NAME'
          : formatTable(
              ['ID', 'NAME', 'CREATED'],
              orgs.map((org) => [String(org.id), org.name, org.createdAt.slice(0, 10)]),
            ),
      );
    },
  },
];
