import path from 'node:path';
import { copyDatabase } from '../../backup/copy';
import { backupsFolder } from '../../backup/names';
import { createBackupService } from '../../backup/service';
import { osUserName } from '../../os-user';
import { userDataDir } from '../../paths';
import { EXIT_OK, printError, type CommandSpec } from '../command';

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
      const copied = await copyDatabase(context.core.db, String(values.out));
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
    ],
    // Restoring onto a path where no database is yet makes it from the backup.
    createsDatabase: true,
    async run(context, values) {
      const { core } = context;
      const backups = createBackupService({
        db: core.db,
        databasePath: context.databasePath,
        folder: backupsFolder(userDataDir(context.io.env), context.databasePath),
        now: () => new Date(),
        keep: () => core.services.settings.current().backupKeep,
        hasEnterprise: () => false,
        importing: () => false,
        audit: core.services.audit,
      });
      const from = path.resolve(String(values.from));
      const restored = await backups.restoreFile(from, { type: 'cli', name: osUserName() });
      if (!restored.ok) return printError(context.io, context.json, restored.error);
      const { preRestoreCopy } = restored.value;
      context.io.out(
        context.json
          ? JSON.stringify({ database: context.databasePath, restoredFrom: from, preRestoreCopy }, null, 2)
          : `Restored ${context.databasePath} from ${from}.\nThe database as it was before is kept at ${preRestoreCopy}.`,
      );
      return EXIT_OK;
    },
  },
];
