import fs from 'node:fs';
import path from 'node:path';
import { damagedMessage } from '../backups/advice';
import { backupsFolder } from '../backups/names';
import { pruneActivity } from '../activity/retention';
import { createActivityRepository } from '../activity/repository';
import { createLatestChange } from '../audit/latest-change';
import { createAuditRepository } from '../audit/repository';
import { pruneAudit } from '../audit/retention';
import { damageFound, isDamageError } from '../db/integrity';
import { openDatabase } from '../db/open';
import { StoreError } from '../db/store-error';
import { createEnterpriseRepository } from '../enterprise/repository';
import { createEnterpriseService } from '../enterprise/service';
import { defaultDatabasePath, userDataDir } from '../paths';
import { chooseServer } from '../remote/target';
import { createReportRepository } from '../report/repository';
import { createReportService } from '../report/service';
import { createRequestLog } from '../scim/request-log';
import { createSettingsRepository } from '../settings/repository';
import { createSettingsService } from '../settings/service';
import { describeCopy, readSnapshotInfo } from '../snapshots/info';
import { printError, type CliIo } from './command';
import { reportCommand, runLocalReport } from './commands/report';
import { parseOptions } from './parse';

/**
 * `roster report --out FILE` on a local file, without loading the rest of the
 * command line: a report at 100,000 members spent about a fifth of its time
 * loading every command and building every service and handler it never uses.
 * The store is opened as openCliCore opens it for any command (core.ts): checked and
 * migrated by openDatabase, an offline copy read as of its moment and said so on
 * stderr, and old activity, audit events past their retention and SCIM requests
 * pruned, as on every open; refusals are worded as runCli words them. Answers
 * null for anything else (help, a usage error, a server, no file there): runCli
 * then runs it, as it runs every other command.
 */
export async function runReportAlone(argv: string[], io: CliIo): Promise<number | null> {
  // `report inactive` is another command; any other word after `report` is runCli's usage error.
  if (argv[0] !== 'report' || (argv[1] !== undefined && !argv[1].startsWith('-'))) return null;
  const parsed = parseOptions(reportCommand, argv.slice(1));
  if ('error' in parsed || parsed.values.help) return null;
  const { values } = parsed;
  if (chooseServer(values, io.env) !== null) return null;
  const json = values.json === true;
  const dbOption = typeof values.db === 'string' ? values.db : io.env.ROSTER_DB?.trim() || undefined;
  const databasePath = path.resolve(dbOption ?? defaultDatabasePath(userDataDir(io.env)));
  if (!fs.existsSync(databasePath)) return null;

  const backupsDir = backupsFolder(userDataDir(io.env), databasePath);
  const describeDamage = (found: string) => damagedMessage(databasePath, found, backupsDir);
  const logged: Promise<void>[] = [];
  // The command line's log (pino) is loaded only when there is something to write to it.
  const logError = (error: unknown, where: string) => {
    const writing = import('../logging/logger').then(({ openLog }) => {
      openLog({ source: 'cli', dir: userDataDir(io.env) }).error(isDamageError(error) ? describeDamage(damageFound(error)) : error, where);
    });
    logged.push(writing.catch(() => undefined));
  };

  let db: ReturnType<typeof openDatabase> | undefined;
  try {
    try {
      db = openDatabase(databasePath);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'DAMAGED') throw new StoreError('DAMAGED', describeDamage(error.found ?? error.message), error.found);
      throw error;
    }
    const copy = readSnapshotInfo(db);
    const now = copy ? () => new Date(copy.takenAt) : () => new Date();
    if (copy) io.err(`roster: ${describeCopy(copy)}; it can be read, not changed.`);
    const audit = createAuditRepository(db);
    const enterprise = createEnterpriseService({ db, enterprise: createEnterpriseRepository(db), audit, now });
    const settings = createSettingsService({ db, settings: createSettingsRepository(db), enterprise, audit, latest: createLatestChange(db), now });
    if (!copy) {
      // What openCore prunes on every open, each failure logged and passed over alike.
      const store = db;
      const steps: [string, () => unknown][] = [
        ['activity retention', () => pruneActivity({ db: store, activity: createActivityRepository(store), settings, audit, now })],
        ['audit retention', () => pruneAudit({ db: store, audit, settings, now })],
        ['SCIM request log retention', () => createRequestLog(store, now).prune()],
      ];
      for (const [where, step] of steps) {
        try {
          step();
        } catch (error) {
          logError(error, where);
        }
      }
    }
    const reports = createReportService({ db, reports: createReportRepository(db), settings, now });
    return await runLocalReport(io, json, values, reports);
  } catch (error) {
    if (error instanceof StoreError) return printError(io, json, { code: error.code === 'DAMAGED' ? 'DAMAGED' : 'DATABASE_UNUSABLE', message: error.message });
    // Met in the report's own read: SQLite rolled back what it began, so nothing was written.
    if (isDamageError(error)) return printError(io, json, { code: 'DAMAGED', message: describeDamage(damageFound(error)) });
    throw error;
  } finally {
    if (db?.open) db.close();
    await Promise.all(logged);
  }
}

/** The command line as `roster` runs it (main.ts): a local report by runReportAlone, anything else by runCli, loaded only then. */
export async function runCommandLine(argv: string[], io: CliIo): Promise<number> {
  const alone = await runReportAlone(argv, io);
  if (alone !== null) return alone;
  const { runCli } = await import('./run');
  return runCli(argv, io);
}
