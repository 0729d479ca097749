import fs from 'node:fs';
import path from 'node:path';
import type { ImportSummary } from '@shared/schemas/activity';
import { asOfSchema } from '@shared/schemas/report';
import { ok, type Result } from '@shared/result';
import { EXIT_OK, EXIT_REFUSED, EXIT_USAGE, printError, type CommandContext, type CommandSpec } from '../command';
import { downloadTo, uploadFrom } from '../../remote/http-client';

const count = (n: number) => n.toLocaleString('en-US');

function describeImport(summary: ImportSummary): string {
  const lines = [
    `${summary.cancelled ? 'Stopped importing' : 'Imported'} ${summary.fileName} (${summary.format === 'csv' ? 'CSV' : 'NDJSON'}, ${count(summary.lines)} lines):`,
    `  signups:  ${count(summary.events.signup)} (${count(summary.accountsCreated)} new accounts)`,
    `  logins:   ${count(summary.events.login)}`,
    `  opens:    ${count(summary.events.open)}`,
  ];
  const joined = [
    summary.invitationsAccepted > 0 && `${count(summary.invitationsAccepted)} invitations accepted`,
    summary.captured > 0 && `${count(summary.captured)} joined by domain capture`,
    summary.waiting > 0 && `${count(summary.waiting)} waiting for a seat (free seats, then claim them on the Domains screen)`,
  ].filter(Boolean);
  if (joined.length > 0) lines.push(`  ${joined.join('; ')}`);
  lines.push(`  rejected: ${count(summary.rejected)}`);
  return lines.join('\n');
}

export const activityCommands: CommandSpec[] = [
  {
    path: ['import'],
    summary: 'Import an event file (NDJSON or CSV of signup, login and open events); importing it again changes nothing',
    argument: { name: 'file', valueName: 'FILE', description: 'the event file: .ndjson/.jsonl, or .csv with the header type,email,at,name' },
    options: {},
    details: [
      'Each line is one event: {"type":"signup|login|open","email":"...","at":"ISO 8601 with a zone","name":"..."}.',
      'Bad lines are listed on stderr with their line numbers; the good lines are imported. Exit status 1 if any line was rejected.',
      'Stopped part way (Ctrl+C), the import keeps the batches it finished; run it again to finish.',
    ],
    async run(context, values) {
      const file = path.resolve(String(values.file));
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch (error) {
        return printError(context.io, context.json, { code: 'NOT_FOUND', message: `${file} cannot be read: ${(error as Error).message}.` });
      }
      const { local, remote } = context.core;
      // Every rejected line goes to stderr as its batch commits, however many there are (against a server: those the summary lists).
      const result = local
        ? await local.importEvents(
            { fileName: path.basename(file), totalBytes: size, open: () => fs.createReadStream(file) },
            context.json ? undefined : (rejection) => context.io.err(`line ${rejection.line}: ${rejection.reason}`),
          )
        : await uploadFrom<ImportSummary>(remote!, '/api/import', file);
      if (!result.ok) return printError(context.io, context.json, result.error);
      const summary = result.value;
      if (context.json) context.io.out(JSON.stringify(summary, null, 2));
      else context.io.out(describeImport(summary));
      return summary.rejected > 0 ? EXIT_REFUSED : EXIT_OK;
    },
  },
  {
    path: ['report'],
    summary: 'Write the user activity report: one CSV row per member with their Last Active date',
    options: {
      out: { type: 'string', valueName: 'FILE', required: true, description: 'the CSV file to write (replaced whole, never left half-written)' },
      'as-of': { type: 'string', valueName: 'ISO-8601', description: 'report as of this moment, such as 2026-03-31T00:00:00Z (default: now)' },
      bom: { type: 'boolean', description: 'start the file with a byte-order mark, for spreadsheet programs' },
    },
    async run(context, values) {
      const asOf = asOfSchema.safeParse(values['as-of']);
      if (!asOf.success) {
        const message = `--as-of must be an ISO 8601 time with a zone, such as 2026-03-31T00:00:00Z, not "${String(values['as-of'])}"`;
        context.io.err(context.json ? JSON.stringify({ error: { code: 'USAGE', message } }) : `roster: ${message}`);
        return EXIT_USAGE;
      }
      const written = await writeReport(context, String(values.out), asOf.data, values.bom === true);
      if (!written.ok) return printError(context.io, context.json, written.error);
      const { path: file, rows, asOf: at, rule } = written.value;
      context.io.out(
        context.json
          ? JSON.stringify({ path: file, members: rows, asOf: at }, null, 2)
          : `Wrote ${count(rows)} member${rows === 1 ? '' : 's'} to ${file} (as of ${at}).\n${rule}`,
      );
      return EXIT_OK;
    },
  },
];

/**
 * The report written to `out`, a page at a time to a temporary file renamed
 * over it once complete: read from the local file, or streamed from the
 * server to this computer's disk.
 */
async function writeReport(context: CommandContext, out: string, asOf: string | undefined, bom: boolean): Promise<Result<{ path: string; rows: number; asOf: string; rule: string }>> {
  const { local, remote } = context.core;
  if (local) {
    const written = local.services.reports.writeCsv(out, { asOf, bom });
    return written.ok ? ok({ ...written.value, rule: local.services.reports.describeRule() }) : written;
  }
  const file = path.resolve(out);
  const streamed = await downloadTo<{ members: number; asOf: string; rule: string }>(remote!, '/api/export/report', { ...(asOf ? { asOf } : {}), bom }, file);
  return streamed.ok ? ok({ path: file, rows: streamed.value.members, asOf: streamed.value.asOf, rule: streamed.value.rule }) : streamed;
}
