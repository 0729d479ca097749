import { MAX_PAGE_SIZE, type SeatRow } from '@shared/schemas/licenses';
import { seatSourceLabels } from '@shared/schemas/members';
import type { Result } from '@shared/result';
import { formatTable, printError, report, type CommandContext, type CommandSpec } from '../command';

const emailOption = { type: 'string', valueName: 'EMAIL', required: true, description: 'their email address (any case)' } as const;

async function inUseLine(context: CommandContext): Promise<string> {
  const usage = await context.core.invoke('seats:usage');
  return usage.ok ? `${usage.value.inUse.toLocaleString('en-US')} of ${usage.value.seats.toLocaleString('en-US')} seats in use` : '';
}

/** Every member in address order, a page at a time: each page continues after the last address, so nothing is sorted twice. */
async function* allMembers(context: CommandContext): AsyncGenerator<Result<SeatRow[]>> {
  for (let after = ''; ; ) {
    const page = await context.core.invoke('members:list', { after, limit: MAX_PAGE_SIZE });
    if (!page.ok) return yield page;
    yield { ok: true, value: page.value.rows };
    if (page.value.next === null) return;
    after = page.value.next;
  }
}

export const memberCommands: CommandSpec[] = [
  {
    path: ['members', 'add'],
    summary: 'Give someone a seat (uses their pending invitation if they have one)',
    options: {
      email: emailOption,
      name: { type: 'string', valueName: 'NAME', description: 'their display name' },
    },
    async run(context, values) {
      const result = await context.core.invoke('members:add', { email: values.email as string, name: values.name as string | undefined });
      const seats = result.ok ? await inUseLine(context) : '';
      return report(context, result, (member) => `Added ${member.email}${member.name ? ` (${member.name})` : ''} on a seat: ${seats}.`);
    },
  },
  {
    path: ['members', 'remove'],
    summary: 'Remove someone from Licenses: frees their seat and all their access; the account stays',
    options: { email: emailOption },
    async run(context, values) {
      const found = await context.core.invoke('members:find', { email: values.email as string });
      if (!found.ok) return printError(context.io, context.json, found.error);
      const result = await context.core.invoke('members:remove', { accountId: found.value.accountId });
      const seats = result.ok ? await inUseLine(context) : '';
      return report(context, result, () => `Removed ${found.value.email} from Licenses; their seat is free (${seats}). The account stays.`);
    },
  },
  {
    path: ['members', 'list'],
    summary: 'List the members: who holds a seat, why and since when',
    options: {},
    async run(context) {
      const rows: string[][] = [];
      const all: SeatRow[] = [];
      for await (const page of allMembers(context)) {
        if (!page.ok) return printError(context.io, context.json, page.error);
        if (context.json) all.push(...page.value);
        else
          rows.push(
            ...page.value.map((row) => [
              row.email,
              row.name,
              seatSourceLabels[row.source],
              row.since.slice(0, 10),
              // The activity report's value, by its rule: a date, empty for the blank span, or N/A.
              row.lastActive ?? '',
              row.organizations.map((org) => `${org.name} (${org.role})`).join(', '),
            ]),
          );
      }
      if (context.json) {
        const members = all.map(({ accountId, email, name, source, since, lastActive, lastActiveAt, organizations }) => ({
          accountId,
          email,
          name,
          source,
          seatSince: since,
          lastActive,
          lastActiveAt,
          organizations,
        }));
        context.io.out(JSON.stringify(members, null, 2));
      } else {
        context.io.out(rows.length === 0 ? 'No members yet. Add one with: roster members add --email EMAIL' : formatTable(['EMAIL', 'NAME', 'SEAT FROM', 'SINCE', 'LAST ACTIVE', 'ORGANIZATIONS'], rows));
      }
      return 0;
    },
  },
];
