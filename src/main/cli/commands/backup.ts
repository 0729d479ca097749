import path from 'node:path';
import type { Actor } from '@shared/schemas/audit';
import { fail, type Result } from '@shared/result';
import { damagedMessage } from '../../backups/advice';
import { copyDatabase } from '../../backups/copy';
import { replaceDamagedDatabase } from '../../backups/replace-damaged';
import { createBackupService } from '../../backups/service';
import type { Core } from '../../core';
import { StoreError } from '../../db/store-error';
import { inWriteTransaction } from '../../db/transaction';
import { osUserName } from '../../os-user';
import type { AdminsOutcome } from '../../backups/carry-over';
import { EXIT_OK, localOnly, printError, type CommandSpec, type FileCommandContext } from '../command';
import { cliBackupsDir, openCliCore } from '../open-core';
import { snapshotCommand } from './snapshot';
import { readOnlyMessage } from '../../snapshots/info';

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

export const backupCommands: CommandSpec[] = [
  {
    path: ['backup'],
    summary: 'Copy the database safely, while the app or a SCIM server may be writing to it',
    options: {
      out: { type: 'string', valueName: 'FILE', required: true, description: 'the backup file to write (replaced whole, never left half-written)' },
    },
    details: ['The copy is SQLite\'s online backup: one consistent moment of the database, written under a temporary name and then renamed.'],
    async run(context, values) {
      const refused = localOnly(context, 'A copy of the database file');
      if (refused !== null) return refused;
      const damaged = (found: string) => damagedMessage(context.databasePath, found, cliBackupsDir(context.io, context.databasePath));
      const copied = await copyDatabase(context.core.local!.db, String(values.out), { describeDamage: damaged });
      if (!copied.ok) return printError(context.io, context.json, copied.error);
      context.io.out(
        context.json
          ? JSON.stringify({ path: copied.value.path, size: copied.value.size }, null, 2)
          : `Backed up ${context.databasePath} to ${copied.value.path} (${megabytes(copied.value.size)}).`,
      );
      return EXIT_OK;
    },
  },
  {
    path: ['restore'],
    summary: 'Replace the database with a backup, keeping a copy of it first',
    options: {
      from: { type: 'string', valueName: 'FILE', required: true, description: 'the backup to restore (a Roster database; it is not changed)' },
    },
    details: [
      'The backup must pass SQLite\'s integrity check and be a Roster database no newer than this Roster; otherwise nothing changes.',
      'The database as it was is kept first in the backups folder (pre-restore-<time>.db); its path is printed.',
      'A database that does not exist yet is created from the backup. A write under way in another process is waited for (up to 5 s);',
      'the app or a SCIM server that has the file open sees the restored data at once.',
      'A database too damaged to open is kept as it is in the backups folder and replaced by the backup: close the app',
      'and any SCIM server on it first.',
    ],
    // Restoring onto a path where no database is yet makes it from the backup.
    createsDatabase: true,
    // The file is opened here, not before: a damaged one is what a restore is for, so it is not refused on opening.
    async runOnFile(context, values) {
      const from = path.resolve(String(values.from));
      const actor: Actor = { type: 'cli', name: osUserName() };
      let core: Core;
      try {
        core = openCliCore(context.io, context.databasePath, { checkOnOpen: false });
      } catch (error) {
        if (!(error instanceof StoreError) || error.code !== 'DAMAGED') throw error;
        return reportRestore(context, from, replaceOverDamaged(context, from, actor));
      }
      try {
        // An offline copy is never changed, a restore over it included (backups:restore is refused the same way).
        if (core.copy) return printError(context.io, context.json, { code: 'READ_ONLY', message: readOnlyMessage(core.copy) });
        const backups = createBackupService({
          db: core.db,
          databasePath: context.databasePath,
          folder: cliBackupsDir(context.io, context.databasePath),
          now: () => new Date(),
          keep: () => core.services.settings.current().backupKeep,
          hasEnterprise: () => false,
          importing: () => false,
          audit: core.services.audit,
        });
        return reportRestore(context, from, await backups.restoreFile(from, actor));
      } finally {
        core.close();
      }
    },
  },
  // The offline copy sits with the backups: both copy the store, one to restore, one to read elsewhere.
  snapshotCommand,
];

function reportRestore(context: FileCommandContext, from: string, restored: Result<{ preRestoreCopy: string; admins?: AdminsOutcome }>): number {
  if (!restored.ok) return printError(context.io, context.json, restored.error);
  const { preRestoreCopy, admins } = restored.value;
  context.io.out(
    context.json
      ? JSON.stringify({ database: context.databasePath, restoredFrom: from, preRestoreCopy, admins }, null, 2)
      : `Restored ${context.databasePath} from ${from}.\nThe database as it was before is kept at ${preRestoreCopy}.`,
  );
  // Today's admins could not be read from the file replaced: none of the backup's is trusted, so someone must make an owner again.
  if (admins === 'ended' && !context.json) {
    context.io.err('The admins and API tokens of the file replaced could not be read, so every admin and token the backup held has ended: add an owner again with "roster admins add --email E --role owner".');
  }
  return EXIT_OK;
}

/** The file cannot be opened: the backup takes its place (replace-damaged.ts), and the restored database records it. */
function replaceOverDamaged(context: FileCommandContext, from: string, actor: Actor): Result<{ preRestoreCopy: string; admins: AdminsOutcome }> {
  const now = new Date();
  const replaced = replaceDamagedDatabase(from, { databasePath: context.databasePath, backupsDir: cliBackupsDir(context.io, context.databasePath), now });
  if (!replaced.ok) return replaced;
  const { preRestoreCopy } = replaced.value;
  let core: Core;
  try {
    core = openCliCore(context.io, context.databasePath);
  } catch (error) {
    return fail('UNAVAILABLE', `Restored ${context.databasePath} from ${from}, but cannot open it now: ${(error as Error).message}`);
  }
  try {
    inWriteTransaction(core.db, () =>
      core.services.audit.record(now, actor, {
        action: 'backup.restore',
        targetType: 'database',
        targetLabel: from,
        after: { restoredFrom: from, preRestoreCopy, replacedDamagedFile: true },
      }),
    );
  } finally {
    core.close();
  }
  return replaced;
}
