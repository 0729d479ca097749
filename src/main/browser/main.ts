import path from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../../package.json';
import { INTERACTIVE_BUSY, openCore } from '../core';
import { listRecentDatabases, rememberRecentDatabase } from '../app/recent-databases';
import { backupsFolder } from '../backups/names';
import { StoreError } from '../db/store-error';
import { osUserName } from '../os-user';
import { defaultDatabasePath, userDataDir } from '../paths';
import { eventMessagesOf } from '../ipc/event-messages';
import { openLog } from '../logging/logger';
import { systemOpener } from '../cli/open-browser';
import { remoteOptions, serveRemote } from './remote-mode';
import { startBrowserServer } from './server';

const log = openLog({ source: 'browser' });

const USAGE = `Usage: node out/main/browser.js [--db FILE | --server URL [--token T] [--ca FILE]] [--port N]

Serves Roster to a browser on 127.0.0.1, with the same store and rules as the app.
  --db FILE       the database to open (default: the app's own)
  --server URL    work on a Roster server's store instead (or ROSTER_SERVER)
  --token T       an API token there (or ROSTER_TOKEN); without one, the sign-in kept by
                  "roster login", else you sign in through the server's page for this session
  --ca FILE       a private certificate authority to trust for the server
  --port N        the port to listen on (default: a free one)`;

/** Resolves with an exit status when it cannot serve, or null while it serves. */
async function main(): Promise<number | null> {
  let values: { db?: string; port?: string; server?: string; token?: string; ca?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: 'string' },
        port: { type: 'string' },
        server: { type: 'string' },
        token: { type: 'string' },
        ca: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a whole number from 0 to 65535, not "${values.port}".`);
    return 2;
  }

  const remote = remoteOptions(values, process.env);
  if (remote && 'error' in remote) {
    console.error(`${remote.error}\n\n${USAGE}`);
    return 2;
  }
  if (remote) return serveRemote(remote, port, log, systemOpener());

  const databasePath = path.resolve(values.db ?? defaultDatabasePath());
  let core;
  try {
    core = openCore({
      databasePath,
      actor: { type: 'app', name: osUserName() },
      host: {
        info: { version, mode: 'browser', databasePath, canChooseDatabase: false },
        // Listed so the admin can start browser mode again with --db on one; the page cannot switch to it.
        recentDatabases: () => listRecentDatabases(userDataDir(), databasePath),
        logFile: log.file,
      },
      backupsDir: backupsFolder(userDataDir(), databasePath),
      watchIntervalMs: 1000,
      ...INTERACTIVE_BUSY,
      logError: log.error,
    });
  } catch (error) {
    if (error instanceof StoreError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  rememberRecentDatabase(userDataDir(), databasePath);

  const server = await startBrowserServer({
    dispatch: core.dispatch,
    subscribe: eventMessagesOf(core, ['changed', 'importProgress', 'progress']),
    // A page loaded while a job runs shows it at once (in the desktop app it asks jobs:list).
    greeting: () => core.runningJobs().map((payload) => ({ event: 'progress', payload })),
    importUpload: (source) => core.importEvents(source),
    backupFile: (id) => core.backups.fileOf(id),
    rendererDir: path.join(__dirname, '../renderer'),
    port,
    logError: log.error,
  });
  console.log(`Roster ${version} in browser mode, database ${databasePath}`);
  console.log(`Open ${server.url}`);
  // The address carries the one-use token: the log has the port, never the address.
  log.logger.info({ version, databasePath, port: server.port }, 'Browser mode serves its database');

  // A report or backup in progress is cancelled (nothing half written is left), a restore is let finish; a second Ctrl+C stops at once.
  const stop = () => {
    void core
      .settleJobs()
      .then(() => server.close())
      .then(() => {
        core.close();
        process.exit(0);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return null;
}

main().then(
  (status) => {
    if (status !== null) process.exitCode = status;
  },
  (error: unknown) => {
    log.error(error, 'browser mode');
    console.error(`Roster could not start browser mode: ${(error as Error).message ?? String(error)}\nDetails are in its log, ${log.file}.`);
    process.exitCode = 1;
  },
);
