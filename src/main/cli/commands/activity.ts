import fs from 'node:fs';
import path from 'node:path';
import type { ImportSummary } from '@shared/schemas/activity';
import { EXIT_OK, EXIT_REFUSED, printError, type CommandSpec } from '../command';
import { uploadFrom } from '../../remote/http-client';
import { reportCommand } from './report';

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
  reportCommand,
];
