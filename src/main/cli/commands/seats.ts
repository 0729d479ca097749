import { report, type CommandSpec } from '../command';

export const seatsCommand: CommandSpec = {
  path: ['seats'],
  summary: 'Show the seats: how many, in use (members and pending invitations) and free',
  options: {
    set: { type: 'string', valueName: 'N', integer: true, description: 'change the seat count first (never below the seats in use)' },
  },
  details: ['With --json: {"seats","members","pendingInvitations","free"}.'],
  async run(context, values) {
    const result =
      values.set === undefined ? await context.core.invoke('seats:usage') : await context.core.invoke('seats:set', { seats: values.set as number });
    if (context.json && result.ok) {
      const { seats, members, pendingInvitations, free } = result.value;
      context.io.out(JSON.stringify({ seats, members, pendingInvitations, free }, null, 2));
      return 0;
    }
    return report(context, result, (usage) =>
      [
        `Seats:               ${usage.seats.toLocaleString('en-US')}`,
        `In use:              ${usage.inUse.toLocaleString('en-US')}`,
        `  members:           ${usage.members.toLocaleString('en-US')}`,
        `  pending invites:   ${usage.pendingInvitations.toLocaleString('en-US')}`,
        `Free:                ${usage.free.toLocaleString('en-US')}`,
      ].join('\n'),
    );
  },
};
