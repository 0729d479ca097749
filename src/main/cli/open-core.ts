import { version } from '../../../package.json';
import { backupsFolder } from '../backups/names';
import { openCore, type Core, type CoreOptions } from '../core';
import { osUserName } from '../os-user';
import { userDataDir } from '../paths';
import type { CliIo } from './command';

/** Where the app keeps the backups of `databasePath`: the command line makes none, but restores and names them. */
export const cliBackupsDir = (io: CliIo, databasePath: string) => backupsFolder(userDataDir(io.env), databasePath);

/** The store as the command line opens it: its actor, no daily backups, the app's backups named when the file is damaged. */
export function openCliCore(io: CliIo, databasePath: string, options: Partial<CoreOptions> = {}): Core {
  return openCore({
    databasePath,
    actor: { type: 'cli', name: osUserName() },
    host: { info: { version, mode: 'cli', databasePath, canChooseDatabase: false } },
    adviseBackupsDir: cliBackupsDir(io, databasePath),
    ...options,
  });
}
