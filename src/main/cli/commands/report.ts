import path from 'node:path';
import { asOfSchema } from '@shared/schemas/report';
import { ok, type Result } from '@shared/result';
import type { ReportService } from '../../report/service';
import { EXIT_OK, EXIT_USAGE, printError, type CliIo, type CommandContext, type OptionValues, type StoreCommand } from '../command';

const count = (n: number) => n.toLocaleString('en-US');

type Written = Result<{ path: string; rows: number; asOf: string; rule: string }>;

/**
 * `roster report`. Kept apart from the other commands, with only what it
 * needs imported here, so that the command line can run it on a local file
 * without loading the rest of Roster (report-alone.ts).
 */
export const reportCommand: StoreCommand = {
  path: ['report'],
  summary: 'Write the user activity report: one CSV row per member with their Last Active date',
  options: {
    out: { type: 'string', valueName: 'FILE', required: true, description: 'the CSV file to write (replaced whole, never left half-written)' },
    'as-of': { type: 'string', valueName: 'ISO-8601', description: 'report as of this moment, such as 2026-03-31T00:00:00Z (default: now)' },
    bom: { type: 'boolean', description: 'start the file with a byte-order mark, for spreadsheet programs' },
  },
  run(context, values) {
    return runReport(context.io, context.json, values, (out, asOf, bom) => writeReport(context, out, asOf, bom));
  },
};

/** The report over a local file's report service (the store opened by the caller). */
export function runLocalReport(io: CliIo, json: boolean, values: OptionValues, reports: ReportService): Promise<number> {
  return runReport(io, json, values, async (out, asOf, bom) => {
    const written = await reports.writeCsv(out, { asOf, bom });
    return written.ok ? ok({ ...written.value, rule: reports.describeRule() }) : written;
  });
}

async function runReport(io: CliIo, json: boolean, values: OptionValues, write: (out: string, asOf: string | undefined, bom: boolean) => Promise<Written>): Promise<number> {
  const asOf = asOfSchema.safeParse(values['as-of']);
  if (!asOf.success) {
    const message = `--as-of must be an ISO 8601 time with a zone, such as 2026-03-31T00:00:00Z, not "${String(values['as-of'])}"`;
    io.err(json ? JSON.stringify({ error: { code: 'USAGE', message } }) : `roster: ${message}`);
    return EXIT_USAGE;
  }
  const written = await write(String(values.out), asOf.data, values.bom === true);
  if (!written.ok) return printError(io, json, written.error);
  const { path: file, rows, asOf: at, rule } = written.value;
  io.out(json ? JSON.stringify({ path: file, members: rows, asOf: at }, null, 2) : `Wrote ${count(rows)} member${rows === 1 ? '' : 's'} to ${file} (as of ${at}).\n${rule}`);
  return EXIT_OK;
}

/**
 * The report written to `out`, a page at a time to a temporary file renamed
 * over it once complete: read from the local file, or streamed from the
 * server to this computer's disk.
 */
async function writeReport(context: CommandContext, out: string, asOf: string | undefined, bom: boolean): Promise<Written> {
  const { local, remote } = context.core;
  if (local) {
    const written = await local.services.reports.writeCsv(out, { asOf, bom });
    return written.ok ? ok({ ...written.value, rule: local.services.reports.describeRule() }) : written;
  }
  const file = path.resolve(out);
  // The client of the server's API (and the contract it checks against) only when there is a server.
  const { downloadTo } = await import('../../remote/http-client');
  const streamed = await downloadTo<{ members: number; asOf: string; rule: string }>(remote!, '/api/export/report', { ...(asOf ? { asOf } : {}), bom }, file);
  return streamed.ok ? ok({ path: file, rows: streamed.value.members, asOf: streamed.value.asOf, rule: streamed.value.rule }) : streamed;
}
