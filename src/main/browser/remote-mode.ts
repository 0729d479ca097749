import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventMessage } from '@shared/ipc/contract';
import { version } from '../../../package.json';
import type { openLog } from '../logging/logger';
import { eventMessagesOf } from '../ipc/event-messages';
import { chooseServer } from '../remote/target';
import { createOfferedCopies } from '../snapshots/offered';
import { openRemoteSession, type ChosenServer } from './remote-session';
import { startBrowserServer } from './server';

type Log = ReturnType<typeof openLog>;

/** --server, --token and --ca (or ROSTER_SERVER, ROSTER_TOKEN, or `roster login`'s token) as the command line reads them; null: a local file. */
export const remoteOptions = (values: Record<string, unknown>, env: NodeJS.ProcessEnv) => chooseServer(values, env);

/**
 * Browser mode on a Roster server: the page talks to browser mode as always
 * (its one-time address, its session key), and browser mode talks to the
 * server through the remote core, with the admin's token, which never reaches
 * the page. Resolves with an exit status when it cannot serve, or null while
 * it serves.
 */
export async function serveRemote(chosen: ChosenServer, port: number, log: Log, openBrowser: (url: string) => Promise<void>): Promise<number | null> {
  const origin = chosen.server.origin;
  // An offline copy of the server waits here, on this computer, for the page to download it; removed when browser mode stops.
  const copiesFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-copies-'));
  const offered = createOfferedCopies(copiesFolder);
  const removeCopies = () => fs.rmSync(copiesFolder, { recursive: true, force: true });
  const opened = await openRemoteSession(chosen, {
    print: (text) => console.error(text),
    openBrowser,
    core: {
      mode: 'browser',
      host: { logFile: log.file },
      offered,
      onStatus: (status) =>
        status.state === 'lost'
          ? log.logger.warn({ server: origin, since: status.since }, 'The server cannot be reached; retrying')
          : log.logger.info({ server: origin }, 'The server is back'),
    },
  });
  if (!opened.ok) {
    removeCopies();
    console.error(opened.error.message);
    return 1;
  }
  const session = opened.value;
  const core = session.core;
  const server = await startBrowserServer({
    dispatch: core.dispatch,
    subscribe: eventMessagesOf(core, ['changed', 'importProgress', 'progress', 'connection']),
    // A page that loads while the server is lost is told so first, as it is told of the jobs running.
    greeting: () => {
      const status = core.status();
      const jobs: EventMessage[] = core.runningJobs().map((payload) => ({ event: 'progress', payload }));
      return status.state === 'lost' ? [{ event: 'connection', payload: status }, ...jobs] : jobs;
    },
    importUpload: (source) => core.importEvents(source),
    // Backups are the server's files, on the server's machine: none is downloaded through this page. An offline
    // copy of the server, downloaded here first and checked, is.
    backupFile: (id) => offered.fileOf(id),
    rendererDir: path.join(__dirname, '../renderer'),
    port,
    logError: log.error,
  });
  const { email, role } = core.info.server!;
  console.log(`Roster ${version} in browser mode, on the server ${origin} as ${email} (${role})`);
  console.log(`Open ${server.url}`);
  log.logger.info({ version, server: origin, admin: email, port: server.port, signedInHere: session.signedInHere }, 'Browser mode serves a Roster server');

  const stop = () => {
    void server
      .close()
      .then(() => session.end())
      .then(() => removeCopies())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return null;
}
