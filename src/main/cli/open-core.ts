import { version } from '../../../package.json';
import { backupsFolder } from '../backups/names';
import { openCore, type Core, type CoreOptions } from '../core';
import { osUserName } from '../os-user';
import { openLog } from '../logging/logger';
import { redactLogText } from '../logging/redact-log';
import { describeCopy } from '../snapshots/info';
import { userDataDir } from '../paths';
import type { CliIo } from './command';

/** Where the app keeps the backups of `databasePath`: the command line makes none, but restores and names them. */
export const cliBackupsDir = (io: CliIo, databasePath: string) => backupsFolder(userDataDir(io.env), databasePath);

/** The log file of the command line: the app's, roster.log in the user-data folder (written only when something goes wrong). */
export const cliLog = (io: CliIo) => openLog({ source: 'cli', dir: userDataDir(io.env) });

/** The store as the command line opens it: its actor, no daily backups, the app's backups named when the file is damaged. */
export function openCliCore(io: CliIo, databasePath: string, options: Partial<CoreOptions> = {}): Core {
  const log = cliLog(io);
  const core = openCore({
    databasePath,
    actor: { type: 'cli', name: osUserName() },
    host: { info: { version, mode: 'cli', databasePath, canChooseDatabase: false }, logFile: log.file },
    adviseBackupsDir: cliBackupsDir(io, databasePath),
    logError: (error, where) => {
      log.error(error, where);
      // A contract call's failure reaches stderr as its Result; a SCIM request's (`roster scim serve`) has no one else to tell.
      if (where === 'scim') io.err(`roster: SCIM: ${scimFailure(error)} Details are in its log, ${log.file}.`);
    },
    ...options,
  });
  // Said on stderr, so that --json output stays JSON: what is read is a copy, and changes are refused.
  if (core.copy) io.err(`roster: ${describeCopy(core.copy)}; it can be read, not changed.`);
  return core;
}

/** One line for the terminal: a damaged database's message as it is, anything else by its name. */
function scimFailure(error: unknown): string {
  if (!(error instanceof Error)) return redactLogText(String(error));
  return `a request failed unexpectedly (${redactLogText(`${error.name}: ${error.message}`).slice(0, 300)}); nothing was changed.`;
}
