import path from 'node:path';
import { computeDiff } from '../../diff/diff';
import { describeDiff, DIFF_CSV_HEADER, diffCsvRows } from '../../diff/format';
import { toCsv } from '../../exports/csv';
import { writeFileAtomic } from '../../exports/write-file';
import { defaultDatabasePath, userDataDir } from '../../paths';
import { EXIT_OK, EXIT_USAGE, printError, type CliIo, type StandaloneCommand } from '../command';

/** Changes printed per section before "and N more" (all of them with --json or --out). */
export const DIFF_PRINT_CAP = 20;

function usage(io: CliIo, json: boolean, message: string): number {
  io.err(json ? JSON.stringify({ error: { code: 'USAGE', message } }) : `roster: ${message}\n\nRun "roster diff --help" for its options.`);
  return EXIT_USAGE;
}

/**
 * `roster diff`: two files on this computer, read-only. It opens no store of
 * its own (so a missing default store is no error when --to names a file),
 * and runs on no server: an auditor compares offline copies.
 */
export const diffCommand: StandaloneCommand = {
  path: ['diff'],
  summary: 'What changed between two Roster databases (offline copies, backups, or a copy and the live store), changing neither',
  options: {
    from: { type: 'string', valueName: 'OLD', description: 'the older file: an offline copy or a backup', required: true },
    to: { type: 'string', valueName: 'NEW', description: 'the newer file (default: the live store, --db or the default one)' },
    out: { type: 'string', valueName: 'FILE.csv', description: 'write every change as CSV (section, kind, subject, detail, old, new), replaced whole' },
    bom: { type: 'boolean', description: 'with --out: start the file with a byte-order mark, for spreadsheet programs' },
  },
  details: [
    'Both files are opened read-only: nothing is migrated or written. A file an older Roster wrote is read upgraded in memory;',
    'one a newer Roster wrote is refused. Without --json the summary prints the first 20 changes of each section.',
    'Exit status 0: compared; 1: a file cannot be used (the reason on stderr); 2: bad usage.',
  ],
  async runAlone({ io, json }, values) {
    if (typeof values.server === 'string' || typeof values.token === 'string') {
      return usage(io, json, 'roster diff compares files on this computer: take offline copies of the server first, then compare them with --from and --to');
    }
    if (typeof values.from !== 'string') return usage(io, json, 'roster diff needs --from OLD');
    if (values.bom === true && typeof values.out !== 'string') return usage(io, json, '--bom needs --out FILE');
    if (typeof values.db === 'string' && typeof values.to === 'string') return usage(io, json, '--db names the live store, which --to replaces: give one');
    const live = typeof values.to !== 'string';
    const dbOption = typeof values.db === 'string' ? values.db : io.env.ROSTER_DB?.trim() || undefined;
    const toFile = live ? path.resolve(dbOption ?? defaultDatabasePath(userDataDir(io.env))) : path.resolve(values.to as string);
    const diffed = computeDiff({
      from: { file: path.resolve(values.from), label: values.from },
      // The live store is read as of now: an invitation past its expiry holds no seat (L4).
      to: { file: toFile, label: live ? toFile : (values.to as string), ...(live ? { asOf: new Date().toISOString() } : {}) },
    });
    if (!diffed.ok) return printError(io, json, diffed.error);
    const diff = diffed.value;
    if (typeof values.out === 'string') {
      const written = await writeFileAtomic(values.out, toCsv(DIFF_CSV_HEADER, diffCsvRows(diff), { bom: values.bom === true }));
      if (!written.ok) return printError(io, json, written.error);
      const rows = diffCsvRows(diff).length;
      io.out(json ? JSON.stringify({ path: written.value, changes: rows }, null, 2) : `Wrote ${rows} change${rows === 1 ? '' : 's'} to ${written.value}.`);
      return EXIT_OK;
    }
    io.out(json ? JSON.stringify(diff, null, 2) : describeDiff(diff, DIFF_PRINT_CAP));
    return EXIT_OK;
  },
};
