import { auditFilterSchema, describeVerification, MAX_AUDIT_PAGE, type AuditFilter } from '@shared/schemas/audit';
import { auditCsv } from '../../audit/export';
import type { AuditEvent } from '../../audit/repository';
import { writeFileAtomic } from '../../exports/write-file';
import path from 'node:path';
import { ok, type Result } from '@shared/result';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, formatTable, printError, type CommandContext, type CommandSpec } from '../command';
import { downloadTo } from '../../remote/http-client';

const count = (n: number) => n.toLocaleString('en-US');

function usageProblem(context: CommandContext, message: string): number {
  context.io.err(context.json ? JSON.stringify({ error: { code: 'USAGE', message } }) : `roster: ${message}`);
  return EXIT_USAGE;
}

/** What the table's Target column shows: its kind and the name it had, or its id when it has no name; and a cell that is damaged. */
function target(event: AuditEvent): string {
  const name = event.targetLabel ?? event.targetId;
  const shown = name === null ? event.targetType : `${event.targetType} ${name}`;
  const damaged = Object.keys(event.damaged ?? {});
  return damaged.length === 0 ? shown : `${shown} (damaged: ${damaged.join(' and ')} ${damaged.length === 1 ? 'is' : 'are'} not JSON)`;
}

/** `roster audit --verify`: 0 when the hash chain is whole, 1 naming the first event that breaks it. */
async function verify(context: CommandContext): Promise<number> {
  const verified = await context.core.invoke('audit:verify');
  if (!verified.ok) return printError(context.io, context.json, verified.error);
  const result = verified.value;
  if (context.json) context.io.out(JSON.stringify(result, null, 2));
  else if (result.whole) context.io.out(describeVerification(result));
  else context.io.err(`roster: ${describeVerification(result)}`);
  return result.whole ? EXIT_OK : EXIT_REFUSED;
}

export const auditCommand: CommandSpec = {
  path: ['audit'],
  summary: 'Show the audit log, oldest first (newest last), or write it to a CSV file',
  options: {
    since: { type: 'string', valueName: 'ISO-8601', description: 'only events at or after this moment, such as 2026-03-01T00:00:00Z' },
    out: { type: 'string', valueName: 'FILE', description: 'write the events as CSV to this file (replaced whole, never left half-written) instead of printing them' },
    bom: { type: 'boolean', description: 'with --out: start the file with a byte-order mark, for spreadsheet programs' },
    verify: { type: 'boolean', description: "check the log's hash chain instead: exit 0 when it is whole, 1 naming the first event that breaks it" },
  },
  details: [
    'Columns of the CSV: Time, Actor type, Actor, Action, Target type, Target, Target id, Before, After (the last two as JSON).',
    'With --json and without --out, prints the events as a JSON array.',
    'A before or after value that is not JSON (a damaged file) is marked damaged, in the table, the JSON and the CSV.',
    'With --verify, prints the newest event and its hash when the chain is whole (note it, to compare later); with --json, the whole result.',
  ],
  async run(context, values) {
    if (values.verify === true) {
      if (values.since !== undefined || values.out !== undefined || values.bom === true) return usageProblem(context, '--verify checks the whole log: it takes no --since, --out or --bom');
      return await verify(context);
    }
    const parsed = auditFilterSchema.safeParse({ since: values.since });
    if (!parsed.success) {
      return usageProblem(context, `--since must be an ISO 8601 time with a zone, such as 2026-03-01T00:00:00Z, not "${String(values.since)}"`);
    }
    const filter: AuditFilter = parsed.data;

    if (typeof values.out === 'string') {
      const written = await writeAudit(context, values.out, filter, values.bom === true);
      if (!written.ok) return printError(context.io, context.json, written.error);
      const { path: file, events } = written.value;
      context.io.out(context.json ? JSON.stringify({ path: file, events }, null, 2) : `Wrote ${count(events)} audit event${events === 1 ? '' : 's'} to ${file}.`);
      return EXIT_OK;
    }
    if (values.bom === true) return usageProblem(context, '--bom needs --out FILE');

    const listed = await listEvents(context, filter);
    if (!listed.ok) return printError(context.io, context.json, listed.error);
    const events = listed.value;
    if (context.json) {
      context.io.out(JSON.stringify(events, null, 2));
    } else if (events.length === 0) {
      context.io.out(filter.since ? `No audit events since ${new Date(filter.since).toISOString()}.` : 'No audit events yet.');
    } else {
      const rows = events.map((event) => [event.at, `${event.actor.name} (${event.actor.type})`, event.action, target(event)]);
      context.io.out(formatTable(['TIME', 'ACTOR', 'ACTION', 'TARGET'], rows));
    }
    return EXIT_OK;
  },
};

/** The log as CSV in `out`: from the local file, or streamed from the server to this computer's disk. */
async function writeAudit(context: CommandContext, out: string, filter: AuditFilter, bom: boolean): Promise<Result<{ path: string; events: number }>> {
  const { local, remote } = context.core;
  if (local) {
    const csv = auditCsv(local.services.audit, filter, { bom, now: new Date() });
    const written = await writeFileAtomic(out, csv.content);
    return written.ok ? ok({ path: written.value, events: csv.rows }) : written;
  }
  const file = path.resolve(out);
  const streamed = await downloadTo<{ events: number }>(remote!, '/api/export/audit', { filter, bom }, file);
  return streamed.ok ? ok({ path: file, events: streamed.value.events }) : streamed;
}

/**
 * Every event the filter picks, oldest first: read in chunks from the local
 * file, or a page at a time from the server (which lists newest first).
 */
async function listEvents(context: CommandContext, filter: AuditFilter): Promise<Result<AuditEvent[]>> {
  const { local } = context.core;
  if (local) return ok([...local.services.audit.chunks(filter)].flat());
  const events: AuditEvent[] = [];
  for (;;) {
    const page = await context.core.invoke('audit:list', { filter, offset: events.length, limit: MAX_AUDIT_PAGE });
    if (!page.ok) return page;
    events.push(...(page.value.rows as AuditEvent[]));
    if (page.value.rows.length === 0 || events.length >= page.value.total) return ok(events.reverse());
  }
}
