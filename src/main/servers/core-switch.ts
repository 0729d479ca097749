import { contract, isChannel, type EventMessage, type EventName, type EventPayload } from '@shared/ipc/contract';
import type { Dispatch } from '../ipc/dispatch';

/** What the window's calls and events come from: the local core on a SQLite file, or a Roster server's. */
export interface CoreLike {
  dispatch: Dispatch;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** A server's core (remote/): closed when the window goes back to a database or to another server. */
export interface RemoteCoreLike extends CoreLike {
  close(): void;
}

// 'connection' comes from a server's core only: whether the server is reached (remote/remote-core.ts).
const FORWARDED_EVENTS = ['changed', 'importProgress', 'progress', 'connection'] as const satisfies readonly EventName[];

/**
 * Channels answered on this computer even while the window works on a
 * server: those the contract marks `local` (file dialogs, recent files and
 * servers, the log), which a server never serves, and app:info, which says
 * where the window works and as whom.
 */
export function answeredHere(channel: unknown): boolean {
  return isChannel(channel) && (channel === 'app:info' || contract[channel].access === 'local');
}

export interface CoreSwitch {
  /** The one dispatch path every IPC call goes through (ipc/register.ts), whichever core answers it. */
  dispatch: Dispatch;
  /** Sends the window's calls to a server's core from now on; the previous server's core is closed. */
  useRemote(remote: RemoteCoreLike): void;
  /** Back to the local core (a database was opened). */
  useLocal(): void;
  isRemote(): boolean;
  close(): void;
}

/**
 * Switches the window between the local core and a server's, behind one
 * dispatch registered once: the window's events come from whichever core
 * answers, and every switch tells the window that everything changed, so it
 * asks again for all it shows.
 */
export function createCoreSwitch(local: CoreLike, broadcast: (message: EventMessage) => void): CoreSwitch {
  let remote: RemoteCoreLike | null = null;
  let unsubscribe: (() => void)[] = [];

  const follow = (core: CoreLike) => {
    unsubscribe.forEach((stop) => stop());
    unsubscribe = FORWARDED_EVENTS.map((event) => core.on(event, (payload) => broadcast({ event, payload } as EventMessage)));
  };
  const everythingChanged = () => broadcast({ event: 'changed', payload: { areas: ['*'] } });

  follow(local);
  return {
    dispatch: (channel, payload, context) => {
      // An unknown channel is refused by the local dispatch, in its words, before anything is sent.
      if (!remote || answeredHere(channel) || !isChannel(channel)) return local.dispatch(channel, payload, context);
      return remote.dispatch(channel, payload, context);
    },
    useRemote(next) {
      const previous = remote;
      remote = next;
      follow(next);
      previous?.close();
      everythingChanged();
    },
    useLocal() {
      if (!remote) return;
      const previous = remote;
      remote = null;
      follow(local);
      previous.close();
      everythingChanged();
    },
    isRemote: () => remote !== null,
    close() {
      unsubscribe.forEach((stop) => stop());
      unsubscribe = [];
      remote?.close();
      remote = null;
    },
  };
}
