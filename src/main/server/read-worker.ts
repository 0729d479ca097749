import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Handlers } from '../ipc/dispatch';
import { createDispatch } from '../ipc/dispatch';
import { accessHandlers } from '../access/handlers';
import { memberHandlers } from '../members/handlers';
import { orgHandlers } from '../orgs/handlers';
import { reportQueryHandlers } from '../report/handlers';
import { seatHandlers } from '../seats/handlers';
import { createServices } from '../services';
import { teamHandlers } from '../teams/handlers';
import { isWorkerRead, WORKER_READS } from './read-channels';
import type { ReadAnswer, ReadCall } from './read-pool';

/**
 * A read worker of `roster server` (read-pool.ts): the services over a
 * read-only connection of its own to the store, answering the console's
 * queries (read-channels.ts) through the same dispatch as the server's thread
 * (validation, the same handlers, the same Result). WAL lets it read while the
 * server writes; each query sees the store as last committed. A query that
 * would write after all (the connection refuses it) is handed back, to run on
 * the server's thread.
 */
const { file } = workerData as { file: string };
/** How much of the store a read worker maps (SQLite caps it at its own compiled limit). */
const READ_MMAP_BYTES = 2 ** 31;
const port = parentPort!;
const db = new Database(file, { readonly: true, fileMustExist: true });
db.pragma('trusted_schema = OFF');
// The store's pages mapped, not copied into a 2 MB cache of each worker's own: a search's
// thousands of accounts (17,000 for a first name at 1,000,000) were read a system call a
// page. The mapping shares the system's file cache; pages in the WAL are read as before.
db.pragma(`mmap_size = ${READ_MMAP_BYTES}`);
const services = createServices(db, () => new Date());
const all = {
  ...seatHandlers(services.seats, services.members),
  ...memberHandlers(services.members, services.seats, services.memberProfiles),
  ...teamHandlers(services.teams, services.teamPeople),
  ...orgHandlers(services.orgs, services.orgMembers),
  ...accessHandlers(services.access),
  ...reportQueryHandlers(services.reports),
};
const handlers = Object.fromEntries(WORKER_READS.map((channel) => [channel, all[channel]])) as unknown as Handlers;
let wrote = false;
const dispatch = createDispatch(handlers, {
  context: { actor: { type: 'system', name: 'roster server' } },
  logError: (error) => {
    // SQLITE_READONLY: the query wanted to write; anything else is an answer of its own (INTERNAL), as on the server's thread.
    if (String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_READONLY')) wrote = true;
    else port.postMessage({ log: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies ReadAnswer);
  },
});

port.on('message', async ({ id, channel, payload, context }: ReadCall) => {
  if (!isWorkerRead(channel)) return port.postMessage({ id, handBack: true } satisfies ReadAnswer);
  wrote = false;
  const result = await dispatch(channel, payload, context);
  port.postMessage((wrote ? { id, handBack: true } : { id, result }) satisfies ReadAnswer);
});
