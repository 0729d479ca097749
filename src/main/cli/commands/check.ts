import { damagedMessage } from '../../backups/advice';
import { checkDatabaseFile, describeOutcome, isSound } from '../../db/check-database';
import { EXIT_OK, printError, type FileCommand } from '../command';
import { cliBackupsDir } from '../open-core';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const checkCommand: FileCommand = {
  path: ['check'],
  summary: 'Check the database for damage, changing nothing',
  options: {
    full: { type: 'boolean', description: "SQLite's full integrity_check and foreign_key_check instead of its quick_check (slower: every index is compared with its table)" },
  },
  details: [
    "Reads the file's header, then runs SQLite's quick_check (or, with --full, integrity_check and foreign_key_check) and Roster's own",
    'checks: its mark, its record of migrations, none newer than this Roster and none edited. Nothing is migrated or written.',
    'Exit status 0: sound; 1: damaged (what was found, and the newest backup to restore, on stderr).',
  ],
  async runOnFile({ io, json, databasePath }, values) {
    const outcome = checkDatabaseFile(databasePath, values.full ? 'full' : 'quick');
    const sound = isSound(outcome);
    const problems = outcome.unusable ? [outcome.unusable] : outcome.problems;
    const checks = outcome.depth === 'full' ? "SQLite's integrity and foreign key checks and Roster's checks" : "SQLite's quick check and Roster's checks";
    if (json) {
      io.out(JSON.stringify({ database: databasePath, sound, depth: outcome.depth, problems, seconds: Math.round(outcome.durationMs) / 1000 }, null, 2));
    } else if (sound) {
      io.out(`${databasePath} is sound: ${checks} found nothing wrong (${seconds(outcome.durationMs)}).`);
    } else if (!outcome.unusable) {
      io.out(['Problems found:', ...problems.map((problem) => `  ${problem.replace(/\n/g, '\n  ')}`)].join('\n'));
    }
    if (sound) return EXIT_OK;
    // Not Roster's, or a newer Roster's: the refusal opening it gives says what to do.
    if (outcome.unusable) return printError(io, json, { code: 'DATABASE_UNUSABLE', message: outcome.unusable });
    const message = damagedMessage(databasePath, describeOutcome(outcome), cliBackupsDir(io, databasePath));
    return printError(io, json, { code: 'DAMAGED', message });
  },
  // Against a server: the same checks, run by the server on its open store (db:check), and the same exit status.
  async runRemote({ core, io, json, databasePath }, values) {
    const checked = await core.invoke('db:check', { full: values.full === true });
    if (!checked.ok) return printError(io, json, checked.error);
    const outcome = checked.value;
    if (json) io.out(JSON.stringify({ database: databasePath, sound: outcome.sound, depth: outcome.depth, problems: outcome.problems, seconds: Math.round(outcome.durationMs) / 1000 }, null, 2));
    else if (outcome.sound) io.out(`${databasePath}: ${outcome.message} (${seconds(outcome.durationMs)}).`);
    return outcome.sound ? EXIT_OK : printError(io, json, { code: 'DAMAGED', message: outcome.message });
  },
};
