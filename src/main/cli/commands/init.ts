import { report, type CommandSpec } from '../command';

export const initCommand: CommandSpec = {
  path: ['init'],
  summary: 'Set up the enterprise in a new database',
  createsDatabase: true,
  options: {
    name: { type: 'string', valueName: 'NAME', required: true, description: "the enterprise's name" },
    seats: { type: 'string', valueName: 'N', required: true, integer: true, description: 'how many seats (licenses) it has' },
  },
  async run(context, values) {
    const result = await context.core.invoke('enterprise:create', { name: values.name as string, seats: values.seats as number });
    return report(context, result, (enterprise) =>
      `Created enterprise "${enterprise.name}" with ${enterprise.seats} seats in ${context.databasePath}.`,
    );
  },
};
