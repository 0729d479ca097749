import { DEMO_DEFAULT_MEMBERS, DEMO_DEFAULT_SEED } from '../../demo/service';
import { printError, EXIT_OK, type CommandSpec } from '../command';

export const demoCommand: CommandSpec = {
  path: ['demo'],
  summary: 'Fill a new database with a synthetic enterprise (the same seed gives the same enterprise)',
  createsDatabase: true,
  options: {
    members: {
      type: 'string',
      valueName: 'N',
      integer: true,
      description: `how many members it is sized for (default ${DEMO_DEFAULT_MEMBERS})`,
    },
    seed: { type: 'string', valueName: 'S', integer: true, description: `the random seed (default ${DEMO_DEFAULT_SEED})` },
  },
  details: [
    'Sizes the seat count and the number of organizations from --members. Each later',
    'capability (members, teams, domains, activity ...) extends the demo with its own data.',
  ],
  async run(context, values) {
    const members = values.members as number | undefined;
    const seed = values.seed as number | undefined;
    const created = await context.core.invoke('enterprise:createDemo', { members, seed });
    if (!created.ok) return printError(context.io, context.json, created.error);
    const orgs = await context.core.invoke('orgs:list');
    if (!orgs.ok) return printError(context.io, context.json, orgs.error);
    const summary = {
      enterprise: created.value,
      organizations: orgs.value.length,
      seed: seed ?? DEMO_DEFAULT_SEED,
      members: members ?? DEMO_DEFAULT_MEMBERS,
    };
    context.io.out(
      context.json
        ? JSON.stringify(summary, null, 2)
        : `Created the demo enterprise "${created.value.name}" (seed ${summary.seed}): ` +
            `${created.value.seats} seats, ${summary.organizations} organizations, in ${context.databasePath}.`,
    );
    return EXIT_OK;
  },
};
