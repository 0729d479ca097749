import { EventEmitter } from 'node:events';
import { DAY_MS } from '@shared/time';
import {
  contract,
  type Channel,
  type ChangeArea,
  type ChannelOutput,
  type EventName,
  type EventPayload,
  type InvokeArgs,
  type RosterApi,
} from '@shared/ipc/contract';
import type { Actor } from '@shared/schemas/audit';
import type { ImportSummary, Rejection } from '@shared/schemas/activity';
import type { JobProgress } from '@shared/schemas/jobs';
import { fail, type Result } from '@shared/result';
import { activityHandlers } from './activity/handlers';
import type { ImportSource } from './activity/import';
import { pruneActivity } from './activity/retention';
import { createImportRunner } from './activity/runner';
import { appHandlers } from './app/handlers';
import type { Host } from './app/host';
import { backupHandlers } from './backups/handlers';
import { diffHandlers } from './diff/handlers';
import { createDiffService } from './diff/service';
import { createBackupService, type BackupService } from './backups/service';
import { auditHandlers } from './audit/handlers';
import { pruneAudit } from './audit/retention';
import { createSavedFiles } from './exports/deliver';
import { jobHandlers } from './jobs/handlers';
import { createJobs } from './jobs/jobs';
import { reportHandlers } from './report/handlers';
import { scimHandlers } from './scim/handlers';
import { createScimRuntime, type ScimRuntime } from './scim/runtime';
import { damagedMessage } from './backups/advice';
import { databaseHandlers } from './db/handlers';
import { damageFound, isDamageError } from './db/integrity';
import { openDatabase, type Db, type OpenOptions } from './db/open';
import { StoreError } from './db/store-error';
import { enterpriseHandlers } from './enterprise/handlers';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { domainHandlers } from './domains/handlers';
import { invitationHandlers } from './invitations/handlers';
import { memberHandlers } from './members/handlers';
import { orgHandlers } from './orgs/handlers';
import { seatHandlers } from './seats/handlers';
import { createServices, type Services } from './services';
import { createDemoService } from './demo/service';
import { settingsHandlers } from './settings/handlers';
import { serverHandlers } from './servers/handlers';
import { teamHandlers } from './teams/handlers';
import { accessHandlers } from './access/handlers';
import { adminHandlers } from './admins/handlers';
import { createAdminRepository } from './admins/repository';
import { createAdminService } from './admins/service';
import { sessionHandlers } from './sessions/handlers';
import { createSessionRepository } from './sessions/repository';
import { createSessionService } from './sessions/service';
import { readOnlyMessage, readSnapshotInfo, type SnapshotInfo } from './snapshots/info';
import { snapshotHandlers } from './snapshots/handlers';
import { findWorker } from './server/worker-files';

export interface CoreOptions extends OpenOptions {
  databasePath: string;
  /** Recorded in the audit log as the author of every change made through this core. */
  actor: Actor;
  host: Host;
  now?: () => Date;
  /** Poll the file for commits by other processes (the CLI, a SCIM server) this often; 0 = never. */
  watchIntervalMs?: number;
  validateOutputs?: boolean;
  logError?: (error: unknown, channel: string) => void;
  /** See DispatchOptions.busyRetryMs. */
  busyRetryMs?: number;
  /** How long a DNS query for domain verification may take (default 3 s). */
  dnsTimeoutMs?: number;
  /** The backups folder (backup/names.ts backupsFolder): daily backups go there while the store is open. Absent: none (the command line). */
  backupsDir?: string;
  /**
   * Where this database's backups are, to name the newest one when the file is
   * found damaged; default backupsDir. The command line makes no daily backups
   * but names the app's.
   */
  adviseBackupsDir?: string;
  /** The built copy worker: backups are made in a worker thread, off this one (the server). Absent: here, a step at a time. */
  copyWorker?: string | null;
}

/**
 * Hosts that serve a window (Electron, browser mode) wait for another process's
 * lock a little at a time and retry between waits, so the process never freezes;
 * the command line simply waits.
 */
export const INTERACTIVE_BUSY = { busyTimeoutMs: 100, busyRetryMs: 5000 } as const;

/** Everything main owns, without Electron: the store, the services and the one dispatch path. */
export interface Core extends RosterApi {
  /** For transports: untrusted channel and payload in, Result out. */
  dispatch: Dispatch;
  db: Db;
  /** The services themselves, for callers inside main (imports, SCIM) that are not a transport. */
  services: Services;
  /** Imports an event file given by browser mode's upload or the command line, as `activity:import` imports a chosen one. */
  importEvents(source: ImportSource, onRejection?: (rejection: Rejection) => void): Promise<Result<ImportSummary>>;
  /** The SCIM server this process may run, its tokens and request log. */
  scim: ScimRuntime;
  /** Backups of this database: "back up now", the daily ones, restores. */
  backups: BackupService;
  /** Set when the store is an offline copy (snapshots/): what it is a copy of, taken when and by whom. Every change is refused then. */
  copy: SnapshotInfo | null;
  /** The long jobs running now that the windows have been told of. */
  runningJobs(): JobProgress[];
  /**
   * Before closing: cancels what may stop (a report, a backup, the daily
   * backup, an import after its batch), lets a restore finish, and resolves
   * when nothing runs (jobs.ts, settle).
   */
  settleJobs(): Promise<void>;
  close(): void;
}

export function openCore(options: CoreOptions): Core {
  // Wherever damage is met (opening, any call, a SCIM request), one message: what is wrong, and which backup to restore.
  const describeDamage = (found: string) => damagedMessage(options.databasePath, found, options.adviseBackupsDir ?? options.backupsDir);
  let db: Db;
  try {
    db = openDatabase(options.databasePath, options);
  } catch (error) {
    if (error instanceof StoreError && error.code === 'DAMAGED') throw new StoreError('DAMAGED', describeDamage(error.found ?? error.message), error.found);
    throw error;
  }
  // Damage met by background work (retention, the daily backup) is logged as the one message, not as a stack trace.
  const logError =
    options.logError &&
    ((error: unknown, channel: string) => options.logError!(isDamageError(error) ? describeDamage(damageFound(error)) : error, channel));
  // An offline copy is read as of the moment it was taken: reports, "last active" and every "now" default to it.
  const copy = readSnapshotInfo(db);
  const now = copy ? () => new Date(copy.takenAt) : (options.now ?? (() => new Date()));
  const host: Host = copy ? { ...options.host, info: { ...options.host.info, copy: { ...copy } } } : options.host;
  const services = createServices(db, now, undefined, { dnsTimeoutMs: options.dnsTimeoutMs });
  const demo = createDemoService({ db, audit: services.audit, now });
  const events = new EventEmitter();
  const emitChanged = (areas: readonly ChangeArea[]) => events.emit('changed', { areas: [...areas] });
  const savedFiles = createSavedFiles();
  // Long work started from a window (reports, backups, restores): progress events and cancel.
  const jobs = createJobs((progress) => events.emit('progress', progress));
  const scim = createScimRuntime({ db, services, now, onChanged: emitChanged, describeDamage, logError });
  const runner = createImportRunner({
    importer: services.importer,
    onProgress: (progress) => events.emit('importProgress', progress),
    onFinished: () => emitChanged(contract['activity:import'].changes),
  });

  // Day-by-day activity older than the retention window goes now, and daily while the store is open.
  // A busy file (another process writing) only delays it to the next run.
  // So are audit events older than the audit log's retention setting (none, by default).
  const pruneOldAudit = () => {
    try {
      pruneAudit({ db, audit: services.audit, settings: services.settings, now });
    } catch (error) {
      logError?.(error, 'audit retention');
    }
  };
  const prune = () => {
    try {
      pruneActivity({ db, activity: services.activity, settings: services.settings, audit: services.audit, now });
    } catch (error) {
      logError?.(error, 'activity retention');
    }
    pruneOldAudit();
    try {
      // SCIM requests are kept 30 days, also when the server has not run for a while.
      scim.log.prune();
    } catch (error) {
      logError?.(error, 'SCIM request log retention');
    }
  };
  // A copy is only read: no retention, no daily backup (below).
  if (!copy) prune();
  const daily = setInterval(() => (copy ? undefined : prune()), DAY_MS);
  daily.unref();

  const backups = createBackupService({
    db,
    databasePath: options.databasePath,
    folder: options.backupsDir,
    now,
    keep: () => services.settings.current().backupKeep,
    hasEnterprise: () => services.enterprise.require().ok,
    importing: () => runner.busy,
    audit: services.audit,
    options: { nativeBinding: options.nativeBinding, migrations: options.migrations, copyWorker: options.copyWorker },
    describeDamage,
    onChanged: emitChanged,
    logError,
  });
  if (!copy) backups.start();

  const dispatch = createDispatch(
    {
      ...appHandlers(host, savedFiles),
      ...serverHandlers(host),
      ...enterpriseHandlers(services.enterprise, demo),
      ...settingsHandlers(services.settings),
      ...orgHandlers(services.orgs, services.orgMembers),
      ...seatHandlers(services.seats, services.members),
      ...memberHandlers(services.members, services.seats, services.memberProfiles),
      ...invitationHandlers(services.invitations),
      ...teamHandlers(services.teams, services.teamPeople),
      ...accessHandlers(services.access),
      ...domainHandlers(services.domains, services.members, services.invitations, host, savedFiles),
      ...activityHandlers(runner, host),
      ...reportHandlers(services.reports, services.members, host, savedFiles, { db, nativeBinding: options.nativeBinding, jobs }),
      ...scimHandlers(scim),
      ...backupHandlers(backups, host, savedFiles, jobs),
      ...auditHandlers(services.audit, now, host, savedFiles),
      ...jobHandlers(jobs),
      ...databaseHandlers({ db, databasePath: options.databasePath, now, describeDamage }),
      ...adminHandlers(createAdminService({ db, admins: createAdminRepository(db), audit: services.audit, now })),
      ...sessionHandlers(createSessionService({ db, sessions: createSessionRepository(db), audit: services.audit, now })),
      ...snapshotHandlers({
        db,
        databasePath: options.databasePath,
        host,
        savedFiles,
        audit: services.audit,
        offered: backups.offeredCopies,
        now,
        // The copy, its scrub and its VACUUM in the built copy worker where there is one, so the window is never held up.
        options: { copyWorker: options.copyWorker ?? findWorker('copy-worker'), nativeBinding: options.nativeBinding, describeDamage },
      }),
      ...diffHandlers(createDiffService({ databasePath: options.databasePath, folder: options.backupsDir, host, savedFiles, now, nativeBinding: options.nativeBinding })),
    },
    {
      context: { actor: options.actor },
      // A shorter audit retention takes effect at once, not at the next daily run.
      onChanged: (areas) => {
        if (areas.includes('settings')) pruneOldAudit();
        emitChanged(areas);
      },
      validateOutputs: options.validateOutputs,
      logError,
      logFile: logError && host.logFile,
      busyRetryMs: options.busyRetryMs,
      describeDamage,
      readOnly: copy ? readOnlyMessage(copy) : undefined,
    },
  );

  // Our own writes never move data_version; another connection's commits do.
  // That is how the app notices the command line or a SCIM server in another process.
  let timer: NodeJS.Timeout | undefined;
  if (options.watchIntervalMs) {
    const readVersion = db.prepare('PRAGMA data_version').pluck();
    let seen = readVersion.get();
    timer = setInterval(() => {
      const current = readVersion.get();
      if (current !== seen) {
        seen = current;
        emitChanged(['*']);
      }
    }, options.watchIntervalMs);
    timer.unref();
  }

  return {
    dispatch,
    db,
    services,
    // An upload (browser mode) or `roster import` reaches the importer without dispatch: a copy refuses it here alike.
    importEvents: (source, onRejection) => (copy ? Promise.resolve(fail('READ_ONLY', readOnlyMessage(copy))) : runner.run(source, onRejection)),
    scim,
    backups,
    copy,
    invoke<C extends Channel>(channel: C, ...args: InvokeArgs<C>) {
      return dispatch(channel, args[0]) as Promise<Result<ChannelOutput<C>>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      events.on(event, listener);
      return () => {
        events.off(event, listener);
      };
    },
    runningJobs: () => jobs.list(),
    async settleJobs() {
      // All are asked to stop first, so that none waits for another to finish on its own.
      const daily = backups.settle();
      const importing = runner.settle();
      await jobs.settle();
      await Promise.all([daily, importing]);
    },
    close() {
      if (timer) clearInterval(timer);
      clearInterval(daily);
      backups.stop();
      void scim.stop();
      events.removeAllListeners();
      if (db.open) db.close();
    },
  };
}
