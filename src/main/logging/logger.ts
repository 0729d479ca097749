import path from 'node:path';
import pino, { type Logger } from 'pino';
import { userDataDir } from '../paths';
import { redactLogText } from './redact-log';
import { createRotatingFile, type LineSink, type RotatingFileOptions } from './rotating-file';

export const LOG_FILE_NAME = 'roster.log';

/** The one log of every Roster process on this machine, in the user-data folder. */
export function logFilePath(dir: string = userDataDir()): string {
  return path.join(dir, LOG_FILE_NAME);
}

/** Which process wrote a line: the desktop app, browser mode, the command line. */
export type LogSource = 'app' | 'browser' | 'cli' | 'server';

export interface RosterLog {
  /** The file lines go to (rotated: roster.log.1 … .3 are older). */
  file: string;
  logger: Logger;
  /** For CoreOptions.logError: an unexpected failure and where it happened (a channel, "daily backup", "scim"). */
  error(error: unknown, where: string): void;
}

export interface OpenLogOptions extends Partial<Omit<RotatingFileOptions, 'file'>> {
  source: LogSource;
  /** The user-data folder; default paths.ts userDataDir(). */
  dir?: string;
  /** Where lines go instead of the file (tests). */
  sink?: LineSink;
}

/**
 * The log users can find: JSON lines (time, level, process, what happened) in
 * roster.log in the user-data folder, shared by the app, browser mode, the
 * command line and its SCIM server, rotated at 5 MB keeping three old files
 * (docs/ARCHITECTURE.md, "The log"). Every line passes redactLogText before it
 * is written, so no token, password, cookie or authorization header reaches it,
 * whatever object or error carried one.
 */
export function openLog(options: OpenLogOptions): RosterLog {
  const file = logFilePath(options.dir);
  const sink = options.sink ?? createRotatingFile({ file, maxBytes: options.maxBytes, keep: options.keep });
  const logger = pino(
    {
      base: { pid: process.pid, source: options.source },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: { streamWrite: redactLogText },
    },
    { write: (line: string) => sink.write(line) },
  );
  return {
    file,
    logger,
    error(error, where) {
      if (error instanceof Error) logger.error({ err: error, where }, `${where}: ${error.message}`);
      else logger.error({ where, detail: String(error) }, `${where}: ${String(error)}`);
    },
  };
}
