import type { Logger } from 'pino';
import { version } from '../../../package.json';
import { createAdminRepository } from '../admins/repository';
import { createAdminService } from '../admins/service';
import { backupsFolder } from '../backups/names';
import { openCore, type Core } from '../core';
import { StoreError } from '../db/store-error';
import { isSnapshotFile } from '../snapshots/info';
import { userDataDir } from '../paths';
import { closeWhenAnswered, SCIM_BASE } from '../scim/server';
import { buildRosterServer } from './app';
import { findRenderer } from './console';
import type { ServerOptions } from './options';
import { backupBeforeUpgrade } from './pre-upgrade';
import { findWorker } from './worker-files';

/** How long requests in flight may take to finish once the server is told to stop. */
export const DRAIN_MS = 10_000;

/** Another process's commits (the command line on the same file) are seen this often. */
const WATCH_MS = 500;

export interface RunningRosterServer {
  /** Where admins call it: https://... with TLS, the public URL when given. */
  url: string;
  /** The first line on stdout: where it serves, and where SCIM is. */
  banner: string;
  port: number;
  core: Core;
  /** Called once the banner is printed: the log says the server started, at its own level from then on. */
  afterBanner(): void;
  /**
   * Stops accepting, lets requests in flight finish (DRAIN_MS at most), writes
   * what waits in the SCIM request log, settles long jobs, checkpoints the WAL
   * into the file and closes it.
   */
  stop(): Promise<void>;
}

const withoutSlash = (url: string) => url.replace(/\/+$/, '');

/** Listening where others reach it, with neither TLS here nor an https address in front (a proxy's). */
export function servesPlainHttpBeyondThisMachine(options: Pick<ServerOptions, 'host' | 'tls' | 'publicUrl'>): boolean {
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(options.host);
  return !loopback && options.tls === null && options.publicUrl?.protocol !== 'https:';
}

/**
 * Opens the store (after keeping a copy of it when this version would upgrade
 * it) and serves it. Throws StoreError when the store cannot be opened, and the
 * listen error (EADDRINUSE...) when the port cannot be had; nothing is left
 * open then.
 */
export async function startRosterServer(options: ServerOptions, { logger, env }: { logger: Logger; env: NodeJS.ProcessEnv }): Promise<RunningRosterServer> {
  // A server serves a live store; an offline copy is read with the app or the command line (it would refuse every sign-in's write).
  if (isSnapshotFile(options.databasePath)) {
    throw new StoreError(
      'READ_ONLY',
      `${options.databasePath} is an offline copy: a Roster server serves a live store. Read the copy with the app or "roster --db ${options.databasePath} …". Nothing was changed.`,
    );
  }
  const dataDir = userDataDir(env);
  const backupsDir = backupsFolder(dataDir, options.databasePath);
  const kept = await backupBeforeUpgrade(options.databasePath, backupsDir, new Date());
  if (!kept.ok) throw new Error(`Roster would upgrade ${options.databasePath} but could not keep a copy of it first: ${kept.error.message}`);

  const core = openCore({
    databasePath: options.databasePath,
    actor: { type: 'system', name: 'roster server' },
    host: { info: { version, mode: 'browser', databasePath: options.databasePath, canChooseDatabase: false } },
    backupsDir,
    watchIntervalMs: WATCH_MS,
    // Many callers at once: a lock held by the command line is waited for a little at a time, never by freezing the process.
    busyTimeoutMs: 100,
    busyRetryMs: 5000,
    // Backups (daily, on request, before a restore) are made in a worker thread, so SCIM and admins are never held up.
    copyWorker: findWorker('copy-worker'),
    logError: (error, where) => logger.error({ err: error instanceof Error ? error : undefined, detail: error instanceof Error ? undefined : String(error), where }, `${where} failed`),
  });
  const admins = createAdminService({ db: core.db, admins: createAdminRepository(core.db), audit: core.services.audit, now: () => new Date() });
  const app = buildRosterServer({ core, admins, options, logger, rendererDir: findRenderer(), readWorker: findWorker('read-worker') });

  // Fastify says "Server listening" at info; the first line on stdout is ours, so the level rises after it.
  const level = logger.level;
  logger.level = 'warn';
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    logger.level = level;
    await app.close().catch(() => undefined);
    core.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const scheme = options.tls ? 'https' : 'http';
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = options.publicUrl ? withoutSlash(options.publicUrl.href) : `${scheme}://${shownHost}:${port}`;
  core.scim.servedAt(`${url}${SCIM_BASE}`, options.host, port);

  let stopping: Promise<void> | null = null;
  return {
    url,
    banner: `Roster server at ${url} (SCIM 2.0 at ${url}${SCIM_BASE})`,
    port,
    core,
    afterBanner() {
      logger.level = level;
      logger.info({ version, databasePath: options.databasePath, host: options.host, port, tls: options.tls !== null }, 'Roster server started');
      if (kept.value) logger.warn({ backup: kept.value.id, folder: backupsDir }, 'Kept a copy of the store before upgrading it');
      if (servesPlainHttpBeyondThisMachine(options)) {
        logger.warn(
          { host: options.host, port },
          'Serving plain HTTP beyond this machine: passwords, session cookies and tokens cross the network unencrypted. Give --tls-cert and --tls-key, or put a TLS proxy in front and an https --public-url.',
        );
      }
    },
    stop() {
      stopping ??= (async () => {
        logger.info('Stopping: finishing the requests in flight');
        // Waits for the requests in flight, not for their connections to go idle (closeWhenAnswered).
        const drained = await Promise.race([closeWhenAnswered(app).then(() => true), delay(DRAIN_MS).then(() => false)]);
        if (!drained) {
          logger.warn({ afterMs: DRAIN_MS }, 'Requests still in flight were cut off');
          app.server.closeAllConnections();
        }
        core.scim.log.flush();
        await core.settleJobs();
        try {
          core.db.pragma('wal_checkpoint(TRUNCATE)');
        } catch (error) {
          logger.warn({ err: error }, 'The WAL could not be checkpointed (another process reads); it is on disk all the same');
        }
        core.close();
        logger.info('Stopped');
      })();
      return stopping;
    },
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
