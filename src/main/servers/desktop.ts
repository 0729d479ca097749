import type { AppInfo } from '@shared/schemas/app';
import type { Connected, RecentServer } from '@shared/schemas/servers';
import { fail, ok, type Result } from '@shared/result';
import type { Host } from '../app/host';
import { createServerConnector, type ConnectDeps } from './connect';
import type { CoreSwitch, RemoteCoreLike } from './core-switch';
import { createRecentServers } from './recent-servers';
import { createTokenStore, type SafeStorageLike } from './token-store';

/** A server's core as remote/remote-core.ts opens it: its calls and events, and what app:info says of it. */
export interface OpenedRemote extends RemoteCoreLike {
  info: AppInfo;
}

export interface DesktopServersDeps extends Pick<ConnectDeps, 'signInNative' | 'openBrowser' | 'whoAmI' | 'now'> {
  /** The user-data folder: servers.json and the kept sign-ins go there. */
  dataDir: string;
  safeStorage: SafeStorageLike;
  /** remote/remote-core.ts's openRemoteCore: checks the contract version and the token first. */
  openRemote: (server: URL, token: string) => Promise<Result<OpenedRemote>>;
}

export interface DesktopServers {
  /** What the desktop app's host offers the window: connecting, the recent servers, reconnecting. */
  host: Required<Pick<Host, 'connectServer' | 'recentServers' | 'openRecentServer' | 'cancelServerSignIn'>>;
  /** The server the window works on, as app:info names it; null on the database. */
  server(): AppInfo['server'] | null;
  /** Once the window's dispatch exists (index.ts): connecting switches it. */
  attach(cores: CoreSwitch): void;
  /** A database was chosen: the window goes back to it, and the app starts on it from now on. */
  useDatabase(): void;
  /** The server the app worked on when it last closed, to reconnect to at start; null: its database. */
  resumeAddress(): string | null;
  /** At start: back to the server the app worked on when it closed, with its kept sign-in; null when it worked on its database. */
  resume(): Promise<Result<Connected> | null>;
  /** File → Open Recent's servers, newest first. */
  recent(): RecentServer[];
  clearRecent(): void;
}

/**
 * The desktop app's side of working on a Roster server, with Electron's parts
 * injected (safeStorage, the system browser): index.ts builds it with the
 * real ones, tests with their own. Connecting opens the server's core and
 * switches the window's one dispatch to it; opening a database switches back.
 */
export function createDesktopServers(deps: DesktopServersDeps): DesktopServers {
  const tokens = createTokenStore(deps.dataDir, deps.safeStorage);
  const recentServers = createRecentServers(deps.dataDir);
  let cores: CoreSwitch | null = null;
  let server: AppInfo['server'] | null = null;

  const connector = createServerConnector({
    ...deps,
    tokens,
    recent: recentServers,
    attach: async (connection, token) => {
      if (!cores) return fail('UNAVAILABLE', 'Roster is still starting; try again in a moment.');
      const opened = await deps.openRemote(new URL(connection.address), token);
      if (!opened.ok) return opened;
      server = opened.value.info.server ?? null;
      cores.useRemote(opened.value);
      return ok(undefined);
    },
  });

  const recent = (): RecentServer[] =>
    recentServers.list().map((entry) => ({ ...entry, signedIn: tokens.read(entry.address) !== null, current: server?.url === entry.address }));

  return {
    host: { connectServer: connector.connect, recentServers: recent, openRecentServer: connector.reconnect, cancelServerSignIn: connector.cancelSignIn },
    server: () => server,
    attach(next) {
      cores = next;
    },
    useDatabase() {
      recentServers.setCurrent(null);
      server = null;
      cores?.useLocal();
    },
    resumeAddress: () => recentServers.current(),
    async resume() {
      const address = recentServers.current();
      return address ? connector.reconnect(address) : null;
    },
    recent,
    clearRecent: () => recentServers.clear(),
  };
}
