import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { serverConnectionSchema, type ServerConnection } from '@shared/schemas/servers';

/** How many servers File → Open Recent and the first-run screen list, as for databases. */
export const RECENT_SERVERS_LIMIT = 8;
export const SERVERS_FILE = 'servers.json';

const serversFileSchema = z.object({
  recent: z.array(serverConnectionSchema).catch([]),
  /** The server the app worked on when it last closed: it reconnects there at start. Null: the database. */
  current: z.string().nullable().catch(null),
});
type ServersFile = z.infer<typeof serversFileSchema>;

export interface RecentServers {
  list(): ServerConnection[];
  /** Puts the server first (once), with the admin it was signed in as now. */
  remember(connection: ServerConnection): void;
  forget(address: string): void;
  clear(): void;
  find(address: string): ServerConnection | undefined;
  /** The server to reconnect to at start, or null for the database. */
  current(): string | null;
  setCurrent(address: string | null): void;
}

/**
 * The servers the desktop app connected to (servers.json in the user-data
 * folder, beside settings.json's recent databases): no secret is in it, the
 * tokens are in the token store.
 */
export function createRecentServers(dir: string): RecentServers {
  const file = path.join(dir, SERVERS_FILE);
  const read = (): ServersFile => {
    try {
      return serversFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch {
      // Missing or hand-edited beyond repair: no recent servers, never a failed start.
      return { recent: [], current: null };
    }
  };
  const write = (next: ServersFile) => {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(temporary, file);
  };
  return {
    list: () => read().recent,
    remember(connection) {
      const state = read();
      const recent = [connection, ...state.recent.filter((entry) => entry.address !== connection.address)].slice(0, RECENT_SERVERS_LIMIT);
      write({ ...state, recent });
    },
    forget(address) {
      const state = read();
      write({ recent: state.recent.filter((entry) => entry.address !== address), current: state.current === address ? null : state.current });
    },
    clear() {
      const state = read();
      write({ recent: state.recent.filter((entry) => entry.address === state.current), current: state.current });
    },
    find: (address) => read().recent.find((entry) => entry.address === address),
    current: () => read().current,
    setCurrent(address) {
      write({ ...read(), current: address });
    },
  };
}
