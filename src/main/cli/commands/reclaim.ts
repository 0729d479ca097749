import { describeSkipped, skipReasonText } from '@shared/reclaim-text';
import { seatSourceLabels } from '@shared/schemas/members';
import { asOfSchema, inactiveDaysSchema } from '@shared/schemas/report';
import { countOf } from '@shared/text';
import { MAX_REVIEW_PAGE, type InactiveMember, type InactiveReview } from '@shared/schemas/reclaim';
import { ok, type Result } from '@shared/result';
import { writeFileAtomicSync } from '../../exports/write-stream';
import { EXIT_OK, EXIT_USAGE, formatTable, printError, type CommandContext, type CommandSpec, type OptionValues } from '../command';

function usage(context: CommandContext, message: string): number {
  context.io.err(context.json ? JSON.stringify({ error: { code: 'USAGE', message } }) : `roster: ${message}`);
  return EXIT_USAGE;
}

/** "Left out: 2 managed by the identity provider (--include-scim), 1 organization owner (--include-owners)." or ''. */
function leftOutLine(counts: { scim: number; owners: number }, includeScim: boolean, includeOwners: boolean): string {
  const parts: string[] = [];
  if (!includeScim && counts.scim > 0) parts.push(`${counts.scim.toLocaleString('en-US')} managed by the identity provider (--include-scim)`);
  if (!includeOwners && counts.owners > 0) parts.push(`${countOf(counts.owners, 'organization owner')} (--include-owners)`);
  return parts.length > 0 ? `Left out: ${parts.join(', ')}.` : '';
}

function notes(member: InactiveMember): string {
  const said = [member.scim ? 'SCIM' : '', member.ownerOf.length > 0 ? `owner of ${member.ownerOf.join(', ')}` : ''].filter(Boolean);
  return said.join('; ');
}

interface Parsed {
  inactiveDays: number;
  asOf: string | undefined;
  includeScim: boolean;
  includeOwners: boolean;
}

/** The options checked as usage (exit 2): the days, the moment, and a dry run or --yes, never both. */
function parse(context: CommandContext, values: OptionValues): Parsed | number {
  const days = inactiveDaysSchema.safeParse(values.days);
  if (!days.success) return usage(context, `--days must be a whole number from 0 to 3650, not ${String(values.days)}`);
  const asOf = asOfSchema.safeParse(values['as-of']);
  if (!asOf.success) return usage(context, `--as-of must be an ISO 8601 time with a zone, such as 2026-03-31T00:00:00Z, not "${String(values['as-of'])}"`);
  const dryRun = values['dry-run'] === true;
  if (dryRun && values.yes === true) return usage(context, '--dry-run and --yes cannot go together: list the members first, then release');
  if (!dryRun && values.out !== undefined) return usage(context, '--out writes the list of a dry run: add --dry-run');
  if (!dryRun && values.yes !== true) {
    return usage(context, 'releasing seats needs --yes; run with --dry-run first (and --out FILE.csv) to see who would lose theirs');
  }
  return { inactiveDays: days.data, asOf: asOf.data, includeScim: values['include-scim'] === true, includeOwners: values['include-owners'] === true };
}

/** Every member of the list, MAX_REVIEW_PAGE at a time, all as of the first page's moment. */
async function wholeList(context: CommandContext, options: Parsed): Promise<Result<{ review: InactiveReview; members: InactiveMember[] }>> {
  const first = await context.core.invoke('report:inactive', { ...options, limit: MAX_REVIEW_PAGE });
  if (!first.ok) return first;
  const members = [...first.value.rows];
  while (members.length < first.value.total) {
    const page = await context.core.invoke('report:inactive', { ...options, asOf: first.value.asOf, offset: members.length, limit: MAX_REVIEW_PAGE });
    if (!page.ok) return page;
    if (page.value.rows.length === 0) break;
    members.push(...page.value.rows);
  }
  return ok({ review: first.value, members });
}

/** The dry run: the list printed (a table, or JSON) or written as CSV; nothing changes. */
async function dryRun(context: CommandContext, values: OptionValues, options: Parsed): Promise<number> {
  const days = countOf(options.inactiveDays, 'day');
  if (values.out !== undefined) {
    // The counts and the moment first; then the app's "Export list" as of that moment, written through a temporary file renamed over --out.
    const review = await context.core.invoke('report:inactive', { ...options, limit: 1 });
    if (!review.ok) return printError(context.io, context.json, review.error);
    const { asOf, total, scim, owners } = review.value;
    const exported = await context.core.invoke('report:exportInactive', { ...options, asOf, bom: values.bom === true });
    if (!exported.ok) return printError(context.io, context.json, exported.error);
    const file = exported.value;
    if (file.kind !== 'download') return printError(context.io, context.json, { code: 'INTERNAL', message: 'The list came back saved elsewhere, not as its content; nothing was written.' });
    const written = writeFileAtomicSync(String(values.out), (write) => write(file.content));
    if (!written.ok) return printError(context.io, context.json, written.error);
    const rows = file.rows ?? total;
    if (context.json) {
      context.io.out(JSON.stringify({ path: written.value.path, asOf, inactiveDays: options.inactiveDays, members: rows, leftOut: { scim, owners, total: review.value.leftOut } }, null, 2));
    } else {
      const leftOut = leftOutLine(review.value, options.includeScim, options.includeOwners);
      context.io.out(`Wrote ${countOf(rows, 'member')} inactive for over ${days} to ${written.value.path} (as of ${asOf}).${leftOut ? ` ${leftOut}` : ''}\nNothing was changed (--dry-run).`);
    }
    return EXIT_OK;
  }
  const listed = await wholeList(context, options);
  if (!listed.ok) return printError(context.io, context.json, listed.error);
  const { review, members } = listed.value;
  if (context.json) {
    const { asOf, total, scim, owners, leftOut } = review;
    context.io.out(JSON.stringify({ asOf, inactiveDays: options.inactiveDays, total, leftOut: { scim, owners, total: leftOut }, members }, null, 2));
    return EXIT_OK;
  }
  const leftOut = leftOutLine(review, options.includeScim, options.includeOwners);
  if (review.total === 0) {
    context.io.out(`No member has been inactive for over ${days} (as of ${review.asOf}).${leftOut ? ` ${leftOut}` : ''}\nNothing was changed (--dry-run).`);
    return EXIT_OK;
  }
  const table = formatTable(
    ['EMAIL', 'NAME', 'LAST ACTIVE', 'DAYS IDLE', 'SEAT SINCE', 'SEAT SOURCE', 'NOTES'],
    members.map((member) => [member.email, member.name, member.lastActive, String(member.idleDays), member.seatSince.slice(0, 10), seatSourceLabels[member.seatSource], notes(member)]),
  );
  context.io.out(
    [
      `Members inactive for over ${days} (as of ${review.asOf}), most idle first:`,
      table,
      `${countOf(review.total, 'member')} would lose ${review.total === 1 ? 'their seat' : 'their seats'}.${leftOut ? ` ${leftOut}` : ''}`,
      'Nothing was changed (--dry-run). Run again with --yes to release them.',
    ].join('\n'),
  );
  return EXIT_OK;
}

/** The release: the list made now, then exactly those members released, each checked again as it goes. */
async function release(context: CommandContext, options: Parsed): Promise<number> {
  const review = await context.core.invoke('report:inactive', { ...options, limit: 1 });
  if (!review.ok) return printError(context.io, context.json, review.error);
  const { asOf, accountIds } = review.value;
  const days = countOf(options.inactiveDays, 'day');
  const leftOut = leftOutLine(review.value, options.includeScim, options.includeOwners);
  if (accountIds.length === 0) {
    if (context.json) context.io.out(JSON.stringify({ asOf, inactiveDays: options.inactiveDays, released: 0, skippedMembers: [] }, null, 2));
    else context.io.out(`No member has been inactive for over ${days} (as of ${asOf}); nothing was released.${leftOut ? ` ${leftOut}` : ''}`);
    return EXIT_OK;
  }
  const released = await context.core.invoke('report:releaseInactive', { ...options, asOf, accountIds });
  if (!released.ok) return printError(context.io, context.json, released.error);
  const { released: count, skipped, skippedMembers } = released.value;
  if (context.json) {
    context.io.out(JSON.stringify({ asOf, inactiveDays: options.inactiveDays, ...released.value, leftOut: { scim: review.value.scim, owners: review.value.owners, total: review.value.leftOut } }, null, 2));
    return EXIT_OK;
  }
  const lines = [`Released ${countOf(count, 'seat')} held by members inactive for over ${days} (as of ${asOf}).${leftOut ? ` ${leftOut}` : ''}`];
  const changed = Object.values(skipped).reduce((sum, n) => sum + n, 0);
  if (changed > 0) {
    lines.push(`Skipped ${countOf(changed, 'member')} that changed as they were released: ${describeSkipped(skipped)}.`);
    lines.push(...skippedMembers.map((member) => `  ${member.email}: ${skipReasonText[member.reason]}`));
  }
  context.io.out(lines.join('\n'));
  return EXIT_OK;
}

export const reclaimCommand: CommandSpec = {
  path: ['report', 'inactive'],
  summary: 'Reclaim idle seats: list the members inactive over N days (--dry-run), or release their seats (--yes)',
  options: {
    days: { type: 'string', valueName: 'N', integer: true, required: true, description: 'inactive for over N days (members never active count from the day they got their seat)' },
    'as-of': { type: 'string', valueName: 'ISO-8601', description: 'count the days as of this moment, such as 2026-03-31T00:00:00Z (default: now)' },
    'include-scim': { type: 'boolean', description: 'list members the identity provider manages too (left out by default: it would give them their seat back)' },
    'include-owners': { type: 'boolean', description: 'list organization owners too (left out by default)' },
    'dry-run': { type: 'boolean', description: 'list them and change nothing' },
    out: { type: 'string', valueName: 'FILE.csv', description: 'with --dry-run: write the list as CSV (replaced whole) instead of printing it' },
    bom: { type: 'boolean', description: 'with --out: start the file with a byte-order mark, for spreadsheet programs' },
    yes: { type: 'boolean', description: 'release their seats (needed unless --dry-run)' },
  },
  details: [
    'Members the identity provider manages (SCIM) and organization owners are left out unless their flag is given; the counts left out are printed.',
    'A release lists the members as it starts and releases exactly those, each checked again: one active since, or changed, keeps the seat and is named.',
    'Each release is audited per member, as removing them from Licenses is.',
  ],
  async run(context, values) {
    const options = parse(context, values);
    if (typeof options === 'number') return options;
    return values['dry-run'] === true ? dryRun(context, values, options) : release(context, options);
  },
};
